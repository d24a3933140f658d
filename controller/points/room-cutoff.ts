/**
 * Whether a room's supply should be on, pure.
 *
 * In order:
 * 1. A hub override (SetRoomPower) in force decides: on or cut, whatever the balance, inside the
 *    no-cut window too (an operator chose it). `untilUnixMs` 0 holds until the next command.
 * 2. The balance rule: cut when the balance as held is known and at or below zero and the low-balance
 *    warning was given; outside the no-cut window only. Inside the window no new cut starts (it
 *    waits for the window's end); a supply already cut stays cut until the balance is positive.
 * 3. Otherwise on. An unknown balance (none pushed) never cuts; a meter's health plays no part.
 */
import type { NoCutWindow } from './room-config.js';

export interface PowerOverride {
  on: boolean;
  /** Unix ms; 0: until the next command. */
  untilUnixMs: number;
}

export interface SupplyInput {
  balanceFen: number | null;
  warned: boolean;
  override: PowerOverride | null;
  /** The supply is cut now (by this point's decision). */
  cutOff: boolean;
  nowUnixMs: number;
  minuteOfDay: number;
  noCutWindow?: NoCutWindow | undefined;
}

export type SupplyReason = 'override' | 'balance' | 'balance_positive' | 'balance_unknown' | 'not_warned' | 'no_cut_window';

export interface SupplyDecision {
  on: boolean;
  reason: SupplyReason;
}

export function overrideInForce(override: PowerOverride | null, nowUnixMs: number): boolean {
  return override !== null && (override.untilUnixMs === 0 || nowUnixMs < override.untilUnixMs);
}

export function inWindow(window: NoCutWindow, minuteOfDay: number): boolean {
  const from = window.from % 1440;
  const to = window.to % 1440;
  return from < to ? minuteOfDay >= from && minuteOfDay < to : minuteOfDay >= from || minuteOfDay < to;
}

export function decideSupply(input: SupplyInput): SupplyDecision {
  if (input.override && overrideInForce(input.override, input.nowUnixMs)) return { on: input.override.on, reason: 'override' };
  if (input.balanceFen === null) return { on: true, reason: 'balance_unknown' };
  if (input.balanceFen > 0) return { on: true, reason: 'balance_positive' };
  if (!input.warned) return { on: true, reason: 'not_warned' };
  if (input.noCutWindow && inWindow(input.noCutWindow, input.minuteOfDay) && !input.cutOff) return { on: true, reason: 'no_cut_window' };
  return { on: false, reason: 'balance' };
}

/**
 * Milliseconds from `nowUnixMs` to the next local time-of-day `minute` (1..86,400,000), given the
 * local minute of the day now. Seconds within the minute come from the unix time (time zones are
 * whole minutes off UTC). Across a daylight-saving change this may be an hour off: callers check
 * again when the timer fires.
 */
export function msUntilMinute(nowUnixMs: number, minuteOfDayNow: number, minute: number): number {
  const DAY_MS = 86_400_000;
  const msOfDay = minuteOfDayNow * 60_000 + (((nowUnixMs % 60_000) + 60_000) % 60_000);
  const ms = ((((minute % 1440) * 60_000 - msOfDay) % DAY_MS) + DAY_MS) % DAY_MS;
  return ms === 0 ? DAY_MS : ms;
}
