/**
 * A room point's durable state (`room-<pointId>.json` in the points' data directory) and how a
 * restart continues from it without charging anything twice.
 *
 * Scheme (write-ahead). Billing moves in two kinds of step:
 * - a poll that accrues without a charge writes the new state (one durable file write);
 * - a poll whose accrual makes a charge due writes, before appending the Charge, the state after
 *   the charge together with `pendingCharge`: the state before it (`prior`) and `afterSeq`, the
 *   last seq the journal had handed out. Then the Charge is appended; once it is durable the state
 *   is written again without `pendingCharge`.
 * So the file always holds the state after the charge, and, while the charge's fate is open, the
 * state without it. On start a pending charge is looked for among the journal's durable events
 * above `afterSeq` (this point's Charge):
 * - found: the charge happened; the state after it stands;
 * - not found, and the journal can show every event above `afterSeq` (nothing above it
 *   acknowledged by the hub, whose acknowledged events it no longer returns): the charge never
 *   became durable; `prior` is restored and the accrued energy is charged at the next poll;
 * - not found, but events above `afterSeq` were acknowledged (it may be among them): the charge is
 *   taken as made. At most this one charge may go unbilled that way; no energy is ever charged twice.
 * The journal is the truth of what was charged; the file never lags behind it, it can only be one
 * step ahead, and that step is resolved against the journal.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { writeFileDurable } from '../../lib/fsx.js';
import type { Journal } from '../journal.js';
import { INITIAL_BILLING, type BillingState } from './room-billing.js';
import type { PowerOverride } from './room-cutoff.js';

export interface PendingCharge {
  /** The journal's last seq handed out before the charge was appended. */
  afterSeq: number;
  /** The billing state without the charge. */
  prior: BillingState;
}

export interface RoomState {
  version: 1;
  billing: BillingState;
  /** When the meter last read `billing.meterEnergyWh` (unix ms), for the implausible-jump bound. */
  meterReadAtUnixMs: number;
  /** The low-balance alarm was journalled and the balance has not risen above the threshold since. */
  lowBalanceWarned: boolean;
  /** The point has cut the supply (and journalled `power_cut`). */
  cutOff: boolean;
  override: PowerOverride | null;
  /** Seq of the last Charge known durable. */
  lastChargeSeq: number;
  pendingCharge: PendingCharge | null;
}

export const INITIAL_ROOM_STATE: RoomState = {
  version: 1,
  billing: INITIAL_BILLING,
  meterReadAtUnixMs: 0,
  lowBalanceWarned: false,
  cutOff: false,
  override: null,
  lastChargeSeq: 0,
  pendingCharge: null,
};

const count = z.number().int().min(0).refine(Number.isSafeInteger, 'a safe integer');
const billingSchema = z
  .object({
    meterEnergyWh: count.nullable(),
    month: z.string().regex(/^(\d{4}-\d{2})?$/),
    freeUsedWh: count,
    accruedWh: count,
    accruedFreeWh: count,
    accruedMicrofen: count,
  })
  .strict();
const stateSchema = z
  .object({
    version: z.literal(1),
    billing: billingSchema,
    meterReadAtUnixMs: count,
    lowBalanceWarned: z.boolean(),
    cutOff: z.boolean(),
    override: z.object({ on: z.boolean(), untilUnixMs: count }).strict().nullable(),
    lastChargeSeq: count,
    pendingCharge: z.object({ afterSeq: count, prior: billingSchema }).strict().nullable(),
  })
  .strict();

export function roomStatePath(dataDir: string, pointId: string): string {
  return join(dataDir, `room-${pointId}.json`);
}

/** The state in `path`; the initial state when there is none. Throws, naming the file, when it is unreadable. */
export async function loadRoomState(path: string): Promise<RoomState> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return INITIAL_ROOM_STATE;
    throw new Error(`room state ${path} cannot be read: ${(err as Error).message}`, { cause: err });
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    throw new Error(`room state ${path} is not JSON (${(err as Error).message}); move it away to start billing again from the next reading`, { cause: err });
  }
  const parsed = stateSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new Error(`room state ${path}: ${issue?.path.join('.') || 'state'}: ${issue?.message ?? 'invalid'}; move it away to start billing again from the next reading`);
  }
  return parsed.data;
}

export function saveRoomState(path: string, state: RoomState): Promise<void> {
  return writeFileDurable(path, JSON.stringify(state));
}

export type PendingOutcome =
  | { kind: 'none' }
  | { kind: 'journalled'; seq: number }
  | { kind: 'not_journalled' }
  | { kind: 'uncertain'; ackedSeq: number };

/** Resolves a pending charge against the journal (see the scheme above). */
export function resolvePendingCharge(state: RoomState, journal: Journal, pointId: string): { state: RoomState; outcome: PendingOutcome } {
  const pending = state.pendingCharge;
  if (!pending) return { state, outcome: { kind: 'none' } };
  for (let from = pending.afterSeq + 1; ; ) {
    const events = journal.durableFrom(from, 1024);
    if (events.length === 0) break;
    for (const e of events) {
      if (e.pointId === pointId && e.charge) {
        const seq = Number(e.seq ?? 0);
        return { state: { ...state, pendingCharge: null, lastChargeSeq: seq }, outcome: { kind: 'journalled', seq } };
      }
    }
    from = Number(events[events.length - 1]!.seq ?? 0) + 1;
  }
  if (journal.ackedSeq > pending.afterSeq) return { state: { ...state, pendingCharge: null }, outcome: { kind: 'uncertain', ackedSeq: journal.ackedSeq } };
  return { state: { ...state, billing: pending.prior, pendingCharge: null }, outcome: { kind: 'not_journalled' } };
}

/**
 * The state a running room point holds, and its file. A change is written durably before it is
 * held (`save`); a Charge made durable is held first (`commit`: the journal already shows it, so it
 * stands whatever happens to the write); the time of an unchanged reading is held only (`hold`).
 */
export class RoomStateStore {
  private path = '';
  private state_: RoomState = INITIAL_ROOM_STATE;

  get state(): RoomState {
    return this.state_;
  }

  /** Loads the state in `path` and resolves a pending charge against the journal (writing the result back). */
  async load(path: string, journal: Journal, pointId: string): Promise<{ state: RoomState; outcome: PendingOutcome }> {
    this.path = path;
    const resolved = resolvePendingCharge(await loadRoomState(path), journal, pointId);
    this.state_ = resolved.state;
    if (resolved.outcome.kind !== 'none') await saveRoomState(path, resolved.state);
    return resolved;
  }

  /** Writes the state durably, then holds it. */
  async save(next: RoomState): Promise<void> {
    await saveRoomState(this.path, next);
    this.state_ = next;
  }

  /** Holds the state, then writes it durably. */
  async commit(next: RoomState): Promise<void> {
    this.state_ = next;
    await saveRoomState(this.path, next);
  }

  /** Holds the state in memory only. */
  hold(next: RoomState): void {
    this.state_ = next;
  }
}
