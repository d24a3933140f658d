/**
 * Ledger account ids. Devices see account ids (cards dataset, balances dataset, charges), so an id
 * follows the device link's id rule (protocol/wire.ts isId: 1-64 letters, digits, '.', '_', '-';
 * no ':'): `person.<personId>`, `room.<roomId>`, `merchant.<deviceId>`, and the system accounts
 * `system.cash`, `system.online`, `system.fees`, `system.bad_debt`. An owner id too long for its
 * prefix keeps its first characters and gains a hash of the whole, so every owner has exactly one
 * id. The mapping is stored in accounts rows and must never change.
 */
import { createHash } from 'node:crypto';

export type AccountKind = 'personal' | 'room' | 'merchant' | 'system';

/** Kinds whose balance is a column updated in each transfer's transaction (residents' money, pushed to devices). */
export const STORED_BALANCE_KINDS: ReadonlySet<AccountKind> = new Set(['personal', 'room']);

/** The counterparty of cash paid in at the card office's window (and of cash handed back at a cancellation). */
export const CASH_ACCOUNT_ID = 'system.cash';
/** The counterparty of top-ups through the online payment channel. */
export const ONLINE_ACCOUNT_ID = 'system.online';
/** Card office fees (a replacement card). */
export const FEES_ACCOUNT_ID = 'system.fees';
/** Balances written off (呆账): what a cancelled account held when the policy is write-off. */
export const BAD_DEBT_ACCOUNT_ID = 'system.bad_debt';

const MAX_ID = 64;

function scoped(prefix: string, ownerId: string): string {
  const plain = `${prefix}.${ownerId}`;
  if (plain.length <= MAX_ID) return plain;
  const hash = createHash('sha256').update(ownerId).digest('hex').slice(0, 16);
  return `${prefix}.${ownerId.slice(0, MAX_ID - prefix.length - hash.length - 2)}.${hash}`;
}

export const personAccountId = (personId: string): string => scoped('person', personId);
export const roomAccountId = (roomId: string): string => scoped('room', roomId);
export const merchantAccountId = (deviceId: string): string => scoped('merchant', deviceId);
