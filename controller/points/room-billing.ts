/**
 * Room electricity billing, pure: from successive meter readings to charges in whole fen.
 *
 * Money is exact. A tariff prices energy in millifen per kWh, so `Wh x millifen/kWh` is an integer
 * number of microfen (1e-6 fen). Each poll adds its billed energy times its price to
 * `accruedMicrofen`; a charge takes the whole fen of it and carries the rest, so over any number
 * of small deltas the fen charged are exactly floor(total cost), nothing lost and nothing twice.
 *
 * Time of use: a poll's whole delta is priced at the band of the poll's local time (the base price
 * outside every band; the first band that holds the minute wins). The energy drawn since the
 * previous reading is not split across a band boundary: with a 60 s poll at most one poll's
 * energy per boundary is priced at the neighbouring band. After a silent meter or a restart the
 * whole gap is priced at the band of the poll that reads it.
 *
 * Monthly allowance (the tariff's `freeEnergyWhPerMonth`): used before anything is billed, per local
 * calendar month of the poll (a delta that straddles midnight at a month's end counts in the new
 * month). `freeUsedWh` restarts at zero with the first poll of a new month.
 *
 * A charge is due once at least one whole fen has accrued, or once 1 kWh of energy (free or at a
 * zero price) has not been reported on a charge yet, so the subsidy shows up at the hub without
 * waiting for money. A charge reports the energy since the previous charge (`energyWh` billed,
 * `freeEnergyWh` covered by the allowance); the sub-fen remainder it carries belongs to energy
 * already reported.
 */
import { assert } from '../../lib/errors.js';
import type { LocalTime } from '../../lib/local-time.js';
import type { TariffRecord } from '../dataset-types.js';

export const MICROFEN_PER_FEN = 1_000_000;
/** Unreported energy (billed or free) that makes a charge due even below one fen. */
export const REPORT_ENERGY_WH = 1000;
/**
 * Added to the most a room can draw between two readings before a rise counts as an implausible
 * jump: two steps of a 0.01 kWh register, so a room at exactly `maxPowerW` is not flagged by rounding.
 */
export const JUMP_SLACK_WH = 20;

export interface BillingState {
  /** The meter reading everything up to which is accrued or charged; null before the first reading. */
  meterEnergyWh: number | null;
  /** The local month (YYYY-MM) `freeUsedWh` counts in; '' before the first delta. */
  month: string;
  freeUsedWh: number;
  /** Since the last charge: energy billed, energy free, and money (with the carried remainder). */
  accruedWh: number;
  accruedFreeWh: number;
  accruedMicrofen: number;
}

export const INITIAL_BILLING: BillingState = { meterEnergyWh: null, month: '', freeUsedWh: 0, accruedWh: 0, accruedFreeWh: 0, accruedMicrofen: 0 };

export interface DueCharge {
  amountFen: number;
  energyWh: number;
  freeEnergyWh: number;
}

/** The price in millifen per kWh at a minute of the local day. */
export function priceAt(tariff: TariffRecord, minuteOfDay: number): number {
  for (const band of tariff.bands) if (minuteOfDay >= band.startMinute && minuteOfDay < band.endMinute) return band.priceMillifen;
  return tariff.priceMillifen;
}

/** What a new reading means against the baseline. */
export type ReadingClass =
  | { kind: 'baseline' }
  | { kind: 'unchanged' }
  | { kind: 'delta'; deltaWh: number }
  | { kind: 'reset'; baselineWh: number }
  | { kind: 'jump'; deltaWh: number; limitWh: number };

/**
 * Classifies `energyWh` against the baseline read `elapsedMs` earlier: lower is a counter reset or
 * a replaced meter; a rise above what `maxPowerW` could draw in that time (plus JUMP_SLACK_WH) is an
 * implausible jump.
 */
export function classifyReading(baselineWh: number | null, energyWh: number, elapsedMs: number, maxPowerW: number): ReadingClass {
  assert(Number.isSafeInteger(energyWh) && energyWh >= 0, `classifyReading: energyWh ${energyWh}`);
  if (baselineWh === null) return { kind: 'baseline' };
  if (energyWh < baselineWh) return { kind: 'reset', baselineWh };
  const deltaWh = energyWh - baselineWh;
  if (deltaWh === 0) return { kind: 'unchanged' };
  const limitWh = Math.ceil((maxPowerW * Math.max(0, elapsedMs)) / 3_600_000) + JUMP_SLACK_WH;
  if (deltaWh > limitWh) return { kind: 'jump', deltaWh, limitWh };
  return { kind: 'delta', deltaWh };
}

/** Adds a delta read at local time `at` (allowance first, then the price of its band). */
export function accrue(state: BillingState, deltaWh: number, meterEnergyWh: number, tariff: TariffRecord, at: LocalTime): BillingState {
  assert(Number.isSafeInteger(deltaWh) && deltaWh > 0, `accrue: deltaWh ${deltaWh}`);
  const freeUsedWh = state.month === at.month ? state.freeUsedWh : 0;
  const freeWh = Math.min(deltaWh, Math.max(0, tariff.freeEnergyWhPerMonth - freeUsedWh));
  const billedWh = deltaWh - freeWh;
  const accruedMicrofen = state.accruedMicrofen + billedWh * priceAt(tariff, at.minuteOfDay);
  assert(Number.isSafeInteger(accruedMicrofen), `accrue: ${accruedMicrofen} microfen is not a safe integer`);
  return {
    meterEnergyWh,
    month: at.month,
    freeUsedWh: freeUsedWh + freeWh,
    accruedWh: state.accruedWh + billedWh,
    accruedFreeWh: state.accruedFreeWh + freeWh,
    accruedMicrofen,
  };
}

/** The charge due now, if any, and the state after it (the sub-fen remainder carried). */
export function takeCharge(state: BillingState): { charge: DueCharge; next: BillingState } | null {
  const due = state.accruedMicrofen >= MICROFEN_PER_FEN || state.accruedWh + state.accruedFreeWh >= REPORT_ENERGY_WH;
  if (!due) return null;
  const amountFen = Math.floor(state.accruedMicrofen / MICROFEN_PER_FEN);
  return {
    charge: { amountFen, energyWh: state.accruedWh, freeEnergyWh: state.accruedFreeWh },
    next: { ...state, accruedWh: 0, accruedFreeWh: 0, accruedMicrofen: state.accruedMicrofen - amountFen * MICROFEN_PER_FEN },
  };
}
