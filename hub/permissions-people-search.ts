/**
 * The routes of hub/api-people-search.ts for the route table (hub/permissions.ts), with their bodies,
 * queries and answers for the OpenAPI document (hub/openapi.ts).
 */
import type { z } from 'zod';
import type { RouteSpec } from './permissions.js';

type Key = `${RouteSpec['method']} ${string}`;

export const PEOPLE_SEARCH_ROUTES: readonly RouteSpec[] = [];

export const PEOPLE_SEARCH_BODIES: Partial<Record<Key, z.ZodType>> = {};

export const PEOPLE_SEARCH_QUERIES: Partial<Record<Key, z.ZodObject>> = {};

export const PEOPLE_SEARCH_ANSWERS: Record<Key, { status: number; fields: string[] }> = {};
