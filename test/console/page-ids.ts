/** The console's pages in menu order (hub/console/web/pages.ts), for the browser tests. */
export const PAGE_IDS = ['overview', 'cards', 'blacklist', 'meters', 'activity', 'finance', 'maintenance', 'audit'] as const;
