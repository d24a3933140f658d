/**
 * The routes of hub/api-people-search.ts for the route table (hub/permissions.ts), with their bodies,
 * queries and answers for the OpenAPI document (hub/openapi.ts).
 *
 * The card office looks people up to serve them at the window; the auditor reads. Names, numbers,
 * contacts, cards and balances are personal data: the gate demands a reason and logs it.
 */
import type { z } from 'zod';
import type { RouteSpec } from './permissions.js';
import { peopleSearchSchemas } from './api-people-search.js';

type Key = `${RouteSpec['method']} ${string}`;

export const PEOPLE_SEARCH_ROUTES: readonly RouteSpec[] = [
  {
    method: 'GET', path: '/api/people', action: 'person.search',
    summary: 'people by name (substring), person number or card UID (prefix), with their cards and account balance (needs a reason)',
    access: ['card_office', 'auditor'], personal: true,
  },
];

export const PEOPLE_SEARCH_QUERIES: Partial<Record<Key, z.ZodObject>> = {
  'GET /api/people': peopleSearchSchemas.search,
};

export const PEOPLE_SEARCH_ANSWERS: Record<Key, { status: number; fields: string[] }> = {
  'GET /api/people': { status: 200, fields: ['q', 'limit', 'people', 'truncated'] },
};
