/**
 * The console's pages and who may open them: the roles match the API routes each page calls
 * (hub/permissions.ts), so a page shown is a page that works; admin opens every page. The hub's
 * gate is what enforces; this only keeps the menu honest.
 */
import type { FunctionComponent } from 'preact';
import { Overview } from './pages/overview.js';
import { Cards } from './pages/cards.js';
import { Blacklist } from './pages/blacklist.js';
import { Meters } from './pages/meters.js';
import { Activity } from './pages/activity.js';
import { Finance } from './pages/finance.js';
import { Maintenance } from './pages/maintenance.js';
import { Audit } from './pages/audit.js';

export interface PageProps {
  roles: readonly string[];
}

export interface Page {
  id: string;
  title: { zh: string; en: string };
  roles: readonly string[];
  component: FunctionComponent<PageProps>;
}

export const PAGES: readonly Page[] = [
  { id: 'overview', title: { zh: '概览', en: 'Overview' }, roles: ['card_office', 'finance', 'facilities', 'maintenance', 'auditor'], component: Overview },
  { id: 'cards', title: { zh: '卡务与人员', en: 'Cards and people' }, roles: ['card_office', 'auditor'], component: Cards },
  { id: 'blacklist', title: { zh: '黑名单', en: 'Blacklist' }, roles: ['card_office', 'maintenance', 'facilities', 'auditor'], component: Blacklist },
  { id: 'meters', title: { zh: '电表与房间', en: 'Meters and rooms' }, roles: ['facilities', 'maintenance', 'auditor'], component: Meters },
  { id: 'activity', title: { zh: '淋浴与门禁', en: 'Showers and doors' }, roles: ['facilities', 'maintenance', 'auditor'], component: Activity },
  { id: 'finance', title: { zh: '财务结算', en: 'Finance' }, roles: ['finance', 'auditor'], component: Finance },
  { id: 'maintenance', title: { zh: '运维', en: 'Maintenance' }, roles: ['maintenance', 'facilities', 'card_office', 'auditor'], component: Maintenance },
  { id: 'audit', title: { zh: '审计日志', en: 'Audit log' }, roles: ['auditor'], component: Audit },
];

export function pagesFor(roles: readonly string[]): Page[] {
  if (roles.includes('admin')) return [...PAGES];
  return PAGES.filter((p) => p.roles.some((r) => roles.includes(r)));
}

/** Whether the operator has one of these roles (admin has all). */
export function can(roles: readonly string[], ...allowed: string[]): boolean {
  return roles.includes('admin') || allowed.some((r) => roles.includes(r));
}
