/**
 * Every route of the hub's HTTP API, with who may call it: the one table the gate (hub/api-gate.ts)
 * enforces and the OpenAPI document (hub/openapi.ts) describes. A request whose method and path
 * are not in this table is answered 404 without reaching a handler, so a route cannot be served
 * without being listed here (add new routes here, with their roles).
 *
 * `access`: 'public' (no token), 'operator' (any logged-in operator), or the roles allowed; admin
 * is allowed everywhere an operator may go. `personal`: the route shows a person's data, so the
 * request must state a reason (query `reason` or header `X-Onecard-Reason`), which is logged.
 * `target`: the row an action changes; the audit log keeps it before and after.
 */
import { ROLES, type Role } from './roles.js';
import { SETTLEMENT_ROUTES } from './permissions-settlement.js';
import { MAINTENANCE_ROUTES } from './permissions-maintenance.js';
import { OVERVIEW_ROUTES } from './permissions-overview.js';
import { PEOPLE_SEARCH_ROUTES } from './permissions-people-search.js';
import { BLACKLIST_ROUTES } from './permissions-blacklist.js';
import { ACTIVITY_ROUTES } from './permissions-activity.js';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
export type Access = 'public' | 'operator' | readonly Role[];

/** Kinds of rows the audit log can show before and after an action (hub/audit-targets.ts). */
export type TargetKind = 'person' | 'card' | 'device' | 'account' | 'room' | 'tariff' | 'schedule' | 'holiday' | 'operator' | 'merchant' | 'correction' | 'ticket';

export interface RouteSpec {
  method: HttpMethod;
  /** OpenAPI path template: `/api/cards/{uid}`. */
  path: string;
  /** Name of the action in the audit log, e.g. `card.lost`. */
  action: string;
  summary: string;
  access: Access;
  /** Roles by the key present in the body, for a route whose body picks one of several actions. */
  bodyAccess?: Readonly<Record<string, readonly Role[]>>;
  /** Any operator may call it on themselves: the path parameter naming the operator. */
  self?: string;
  /** Personal data: needs a stated reason. A function decides from the path and query. */
  personal?: true | ((params: Readonly<Record<string, string>>, query: URLSearchParams) => boolean);
  /** The row the action changes (or, for a look-up, shows): a path parameter, body field or query parameter names it. */
  target?: { kind: TargetKind; from: 'path' | 'body' | 'query'; key: string };
  /** What of the body the audit log keeps (default: all of it, passwords removed); for bulk bodies. */
  auditRequest?: (body: unknown) => unknown;
  /** The handler writes its own audit entries (logins and logouts). */
  auditedByHandler?: true;
  /** Allowed while the operator's password must be changed (only what it takes to change it). */
  beforePasswordChange?: true;
}

const R = {
  card: ['card_office'],
  finance: ['finance'],
  facilities: ['facilities'],
  maintenance: ['maintenance'],
  auditor: ['auditor'],
  admin: [],
} as const satisfies Record<string, readonly Role[]>;

const personalAccount = (params: Readonly<Record<string, string>>) => (params.accountId ?? '').startsWith('person.');

export const ROUTES: readonly RouteSpec[] = [
  // Open to all: liveness, logging in, and a device redeeming its one-time enrollment code.
  { method: 'GET', path: '/api/health', action: 'health', summary: 'liveness', access: 'public' },
  { method: 'POST', path: '/api/session', action: 'session.login', summary: 'log in: a bearer token for an operator id and password', access: 'public', auditedByHandler: true },
  { method: 'POST', path: '/v1/enroll', action: 'device.enroll', summary: "a device redeems its one-time code with its new public key (device-facing; the code is the device's credential)", access: 'public', auditedByHandler: true },

  // Any operator, about their own session and the API itself.
  { method: 'GET', path: '/api/session', action: 'session.show', summary: 'the operator and session of this token', access: 'operator', beforePasswordChange: true },
  { method: 'DELETE', path: '/api/session', action: 'session.logout', summary: 'log out: this token is revoked', access: 'operator', auditedByHandler: true, beforePasswordChange: true },
  { method: 'GET', path: '/api/openapi.json', action: 'openapi', summary: 'this API as an OpenAPI 3.1 document', access: 'operator', beforePasswordChange: true },

  // Operators and the audit log.
  { method: 'GET', path: '/api/operators', action: 'operator.list', summary: 'operators with their roles and state', access: R.auditor },
  { method: 'POST', path: '/api/operators', action: 'operator.add', summary: 'a personal operator account with roles and a first password', access: R.admin, target: { kind: 'operator', from: 'body', key: 'operatorId' } },
  { method: 'GET', path: '/api/operators/{operatorId}', action: 'operator.show', summary: 'one operator', access: R.auditor, self: 'operatorId', beforePasswordChange: true },
  { method: 'PATCH', path: '/api/operators/{operatorId}', action: 'operator.update', summary: 'name, roles, disabled (disabling ends their sessions)', access: R.admin, target: { kind: 'operator', from: 'path', key: 'operatorId' } },
  {
    method: 'POST', path: '/api/operators/{operatorId}/password', action: 'operator.password',
    summary: "set a password: one's own with the current one; an admin resets anyone's (to be changed at their next login)",
    access: R.admin, self: 'operatorId', target: { kind: 'operator', from: 'path', key: 'operatorId' }, beforePasswordChange: true,
  },
  { method: 'GET', path: '/api/audit', action: 'audit.list', summary: 'the audit log, newest first, by operator, action and time', access: R.auditor },

  // Devices and commands (maintenance); room power is facilities', offline authorisation management's (admin).
  { method: 'GET', path: '/api/devices', action: 'device.list', summary: 'devices with online state and dataset lag', access: [...R.maintenance, ...R.facilities, ...R.auditor] },
  { method: 'POST', path: '/api/devices', action: 'device.register', summary: 'register a device key', access: R.maintenance, target: { kind: 'device', from: 'body', key: 'deviceId' } },
  { method: 'POST', path: '/api/devices/{deviceId}/enrollment', action: 'device.enrollment', summary: 'a one-time enrollment code (shown once)', access: R.maintenance, target: { kind: 'device', from: 'path', key: 'deviceId' } },
  { method: 'POST', path: '/api/devices/{deviceId}/revoke', action: 'device.revoke', summary: "refuse the device's key from now on", access: R.maintenance, target: { kind: 'device', from: 'path', key: 'deviceId' } },
  { method: 'GET', path: '/api/devices/{deviceId}/commands', action: 'device.commands', summary: 'recent commands with their status', access: [...R.maintenance, ...R.facilities, ...R.auditor] },
  {
    method: 'POST', path: '/api/devices/{deviceId}/commands', action: 'device.command', summary: 'a command to a device: openDoor, setOfflineAuthorisation, setRoomPower or runSelfTest',
    access: [...R.maintenance, ...R.facilities],
    bodyAccess: { openDoor: R.maintenance, setRoomPower: R.facilities, setOfflineAuthorisation: R.admin, runSelfTest: R.maintenance },
    target: { kind: 'device', from: 'path', key: 'deviceId' },
  },

  // People and cards (card office).
  { method: 'POST', path: '/api/people', action: 'person.add', summary: 'a person, with their personal account', access: R.card, target: { kind: 'person', from: 'body', key: 'personId' } },
  { method: 'PATCH', path: '/api/people/{personId}', action: 'person.update', summary: "a person's type, validity and groups", access: R.card, target: { kind: 'person', from: 'path', key: 'personId' } },
  { method: 'POST', path: '/api/cards', action: 'card.issue', summary: 'issue a card to a person', access: R.card, target: { kind: 'card', from: 'body', key: 'uid' } },
  { method: 'GET', path: '/api/cards/{uid}', action: 'card.view', summary: 'a card and its holder', access: [...R.card, ...R.auditor], personal: true, target: { kind: 'card', from: 'path', key: 'uid' } },
  { method: 'PATCH', path: '/api/cards/{uid}', action: 'card.update', summary: "a card's validity, groups and limits", access: R.card, target: { kind: 'card', from: 'path', key: 'uid' } },
  { method: 'POST', path: '/api/cards/{uid}/lost', action: 'card.lost', summary: 'report a card lost: denied everywhere at once', access: R.card, target: { kind: 'card', from: 'path', key: 'uid' } },
  { method: 'POST', path: '/api/cards/{uid}/found', action: 'card.found', summary: 'a lost card found: active again', access: R.card, target: { kind: 'card', from: 'path', key: 'uid' } },
  { method: 'POST', path: '/api/cards/{uid}/replace', action: 'card.replace', summary: 'a new card on the same account; the old one denied for ever; the fee unless defective', access: R.card, target: { kind: 'card', from: 'path', key: 'uid' } },
  { method: 'POST', path: '/api/cards/{uid}/cancel', action: 'card.cancel', summary: "cancel the holder's cards and settle their balance by policy", access: R.card, target: { kind: 'card', from: 'path', key: 'uid' } },
  { method: 'POST', path: '/api/people/{personId}/cancel', action: 'person.cancel', summary: "a person leaves: cards cancelled, balance refunded or written off, account closed", access: R.card, target: { kind: 'person', from: 'path', key: 'personId' } },
  {
    method: 'POST', path: '/api/people/import', action: 'person.import', summary: 'people in bulk from registrar and HR rows, with a dry run and a per-row report', access: R.card,
    auditRequest: (body) => {
      const b = (body ?? {}) as { rows?: unknown; dryRun?: unknown; skipBad?: unknown; timeZone?: unknown };
      return { rows: Array.isArray(b.rows) ? b.rows.length : null, dryRun: b.dryRun ?? false, skipBad: b.skipBad ?? false, timeZone: b.timeZone ?? null };
    },
  },
  { method: 'GET', path: '/api/settings/card-life', action: 'settings.card_life_show', summary: 'the replacement fee and the cancellation policy', access: [...R.card, ...R.finance, ...R.auditor] },
  { method: 'PUT', path: '/api/settings/card-life', action: 'settings.card_life', summary: 'set the replacement fee and the cancellation policy (refund or write_off)', access: R.finance },
  {
    method: 'GET', path: '/api/events', action: 'event.list', summary: 'events from devices; held=1: charges held for review; with cardUid: a person\'s taps (needs a reason)',
    access: [...R.card, ...R.finance, ...R.facilities, ...R.maintenance, ...R.auditor], personal: (_params, query) => query.has('cardUid'),
    target: { kind: 'card', from: 'query', key: 'cardUid' },
  },

  // Money: rooms, accounts, top-ups (card office), statements (finance).
  { method: 'POST', path: '/api/rooms', action: 'room.add', summary: "a room and its account room.<roomId>", access: R.card, target: { kind: 'room', from: 'body', key: 'roomId' } },
  { method: 'GET', path: '/api/accounts/{accountId}', action: 'account.show', summary: "an account's balance", access: [...R.card, ...R.finance, ...R.facilities, ...R.auditor] },
  {
    method: 'GET', path: '/api/accounts/{accountId}/transfers', action: 'account.statement', summary: "an account's statement, newest first (a personal account's needs a reason)",
    access: [...R.card, ...R.finance, ...R.auditor], personal: personalAccount, target: { kind: 'account', from: 'path', key: 'accountId' },
  },
  { method: 'POST', path: '/api/accounts/{accountId}/topups', action: 'account.topup', summary: "cash paid in at the window or a payment of the online channel, idempotent on the channel's reference", access: R.card, target: { kind: 'account', from: 'path', key: 'accountId' } },

  // What points run by (facilities).
  { method: 'GET', path: '/api/tariffs', action: 'tariff.list', summary: 'tariffs', access: [...R.facilities, ...R.finance, ...R.auditor] },
  { method: 'PUT', path: '/api/tariffs/{tariffId}', action: 'tariff.set', summary: 'create or replace a tariff', access: R.facilities, target: { kind: 'tariff', from: 'path', key: 'tariffId' } },
  { method: 'DELETE', path: '/api/tariffs/{tariffId}', action: 'tariff.delete', summary: 'delete a tariff', access: R.facilities, target: { kind: 'tariff', from: 'path', key: 'tariffId' } },
  { method: 'GET', path: '/api/schedules', action: 'schedule.list', summary: 'door schedules', access: [...R.facilities, ...R.auditor] },
  { method: 'PUT', path: '/api/schedules/{scheduleId}', action: 'schedule.set', summary: 'create or replace a door schedule', access: R.facilities, target: { kind: 'schedule', from: 'path', key: 'scheduleId' } },
  { method: 'DELETE', path: '/api/schedules/{scheduleId}', action: 'schedule.delete', summary: 'delete a door schedule', access: R.facilities, target: { kind: 'schedule', from: 'path', key: 'scheduleId' } },
  { method: 'GET', path: '/api/holidays', action: 'holiday.list', summary: 'holidays', access: [...R.facilities, ...R.auditor] },
  { method: 'PUT', path: '/api/holidays/{date}', action: 'holiday.add', summary: 'add a holiday (YYYY-MM-DD)', access: R.facilities, target: { kind: 'holiday', from: 'path', key: 'date' } },
  { method: 'DELETE', path: '/api/holidays/{date}', action: 'holiday.remove', summary: 'remove a holiday', access: R.facilities, target: { kind: 'holiday', from: 'path', key: 'date' } },
  { method: 'GET', path: '/api/meters', action: 'meter.list', summary: 'the latest reading of each room meter', access: [...R.facilities, ...R.maintenance, ...R.auditor] },

  // Merchants, settlement, corrections, reconciliation, calendar jobs (finance, card office).
  ...SETTLEMENT_ROUTES,

  // Self-test history and repair tickets (maintenance).
  ...MAINTENANCE_ROUTES,

  // What the web console (hub/console/) reads besides the routes above.
  ...OVERVIEW_ROUTES,
  ...PEOPLE_SEARCH_ROUTES,
  ...BLACKLIST_ROUTES,
  ...ACTIVITY_ROUTES,
];

export interface RouteMatch {
  route: RouteSpec;
  params: Record<string, string>;
}

interface Compiled {
  route: RouteSpec;
  segments: (string | { param: string })[];
}

const COMPILED: Compiled[] = ROUTES.map((route) => ({
  route,
  segments: route.path
    .split('/')
    .slice(1)
    .map((s) => (/^\{\w+\}$/.test(s) ? { param: s.slice(1, -1) } : s)),
}));

function decode(part: string): string {
  try {
    return decodeURIComponent(part);
  } catch {
    return part;
  }
}

/** The route of a method and path (no trailing slash), with its path parameters decoded. */
export function matchRoute(method: string, path: string): RouteMatch | null {
  const parts = path.split('/').slice(1);
  for (const { route, segments } of COMPILED) {
    if (route.method !== method || segments.length !== parts.length) continue;
    const params: Record<string, string> = {};
    const matches = segments.every((s, i) => {
      const part = parts[i]!;
      if (typeof s === 'string') return s === part;
      if (part === '') return false;
      params[s.param] = decode(part);
      return true;
    });
    if (matches) return { route, params };
  }
  return null;
}

/** Roles that may call a route with this body (admin included); null for public and any-operator routes. */
export function rolesFor(route: RouteSpec, body: unknown): Role[] | null {
  if (route.access === 'public' || route.access === 'operator') return null;
  let allowed: readonly Role[] = route.access;
  if (route.bodyAccess && body !== null && typeof body === 'object') {
    const keys = Object.keys(body).filter((k) => route.bodyAccess![k] !== undefined);
    // Each action the body asks for must be allowed (a body asking for two is refused by validation).
    if (keys.length > 0) allowed = ROLES.filter((r) => keys.every((k) => route.bodyAccess![k]!.includes(r)));
  }
  return ROLES.filter((r) => r === 'admin' || allowed.includes(r));
}

/** Whether an operator with these roles may call the route (public and any-operator routes: yes). */
export function permits(match: RouteMatch, operator: { operatorId: string; roles: readonly Role[] }, body: unknown): boolean {
  const { route, params } = match;
  if (route.self !== undefined && params[route.self] === operator.operatorId) return true;
  const roles = rolesFor(route, body);
  return roles === null || operator.roles.some((r) => roles.includes(r));
}

export function needsReason(match: RouteMatch, query: URLSearchParams): boolean {
  const { personal } = match.route;
  return personal === true || (typeof personal === 'function' && personal(match.params, query));
}
