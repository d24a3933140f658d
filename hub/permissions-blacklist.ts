/**
 * The routes of hub/api-blacklist.ts for the route table (hub/permissions.ts), with their bodies,
 * queries and answers for the OpenAPI document (hub/openapi.ts).
 */
import type { z } from 'zod';
import type { RouteSpec } from './permissions.js';

type Key = `${RouteSpec['method']} ${string}`;

export const BLACKLIST_ROUTES: readonly RouteSpec[] = [];

export const BLACKLIST_BODIES: Partial<Record<Key, z.ZodType>> = {};

export const BLACKLIST_QUERIES: Partial<Record<Key, z.ZodObject>> = {};

export const BLACKLIST_ANSWERS: Record<Key, { status: number; fields: string[] }> = {};
