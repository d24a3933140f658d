/**
 * Metering and pricing of a shower session (水控): pure arithmetic, no I/O.
 *
 * - Volume comes from flow pulses: `volumeMl = floor(pulses * 1000 / pulsesPerLitre)`.
 * - A per-litre tariff bills the volume; a per-second one bills the time the valve was open.
 * - A per-litre tariff falls back to time (`timeBilled`) when there is no flow sensor (from the valve
 *   opening) or when the sensor goes silent (`flow_tamper`, from the last pulse): that part is billed
 *   at the tariff's `fallbackPriceMillifenPerSecond`, the volume before it by the litre.
 * - Prices are millifen per unit, so ml x millifen/L and ms x millifen/s are both microfen
 *   (1/1,000,000 fen): the cost is summed exactly in microfen and rounded up to whole fen once.
 * - The charge is at least the tariff's minimum when the session cost anything (a session that
 *   used nothing costs 0), and never more than the session's allowance.
 * - A time-of-use band of the tariff, if one covers the local minute the session opened, sets the
 *   price for the whole session.
 */
import type { TariffRecord } from '../dataset-types.js';
import { AssertionError } from '../../lib/errors.js';

/** The tariff as a session is priced by it: kept with the open session so a restart prices it the same. */
export interface ShowerTariff {
  id: string;
  basis: 'per_litre' | 'per_second';
  priceMillifen: number;
  minimumChargeFen: number;
  /** 0: no limit. */
  maxSessionMs: number;
  maxSessionCostFen: number;
  fallbackPriceMillifenPerSecond: number;
}

/** What a session metered: journalled on PROGRESS and CLOSE, kept in the state file. All integers. */
export interface MeterCounts {
  /** Flow pulses counted during the session. */
  pulses: number;
  /** The volume those pulses stand for. */
  volumeMl: number;
  /** Time since the valve opened. */
  durationMs: number;
  /** A per-litre tariff billed (part of) the session by time: no flow sensor, or flow_tamper. */
  timeBilled: boolean;
  /** Volume billed by the litre. */
  billedVolumeMl: number;
  /** Time billed by the second (per-second tariff: all of it; per-litre: since the fallback). */
  billedDurationMs: number;
}

export const ZERO_COUNTS: MeterCounts = { pulses: 0, volumeMl: 0, durationMs: 0, timeBilled: false, billedVolumeMl: 0, billedDurationMs: 0 };

const MICROFEN_PER_FEN = 1_000_000n;

/**
 * The tariff a shower can charge by, or why it cannot: electricity tariffs, and per-litre tariffs
 * without a fallback price at a shower with no flow sensor, are refused (DENIED_NO_TARIFF).
 */
export function showerTariff(record: TariffRecord, hasFlowSensor: boolean, minuteOfDay: number): ShowerTariff | string {
  if (record.basis !== 'per_litre' && record.basis !== 'per_second') return `tariff ${record.id} is ${record.basis}, not per litre or per second`;
  if (record.basis === 'per_litre' && !hasFlowSensor && record.fallbackPriceMillifenPerSecond === 0) {
    return `tariff ${record.id} is per litre and this shower has no flow sensor, but the tariff has no fallback price per second`;
  }
  const band = record.bands.find((b) => minuteOfDay >= b.startMinute && minuteOfDay < b.endMinute);
  return {
    id: record.id,
    basis: record.basis,
    priceMillifen: band ? band.priceMillifen : record.priceMillifen,
    minimumChargeFen: record.minimumChargeFen,
    maxSessionMs: record.maxSessionMs,
    maxSessionCostFen: record.maxSessionCostFen,
    fallbackPriceMillifenPerSecond: record.fallbackPriceMillifenPerSecond,
  };
}

/** The exact cost of what was metered, in microfen (1/1,000,000 fen). */
export function costMicrofen(counts: MeterCounts, tariff: ShowerTariff): bigint {
  if (tariff.basis === 'per_second') return BigInt(counts.billedDurationMs) * BigInt(tariff.priceMillifen);
  return BigInt(counts.billedVolumeMl) * BigInt(tariff.priceMillifen) + BigInt(counts.billedDurationMs) * BigInt(tariff.fallbackPriceMillifenPerSecond);
}

/** The cost rounded up to whole fen (no minimum, no cap): what PROGRESS reports and the funds check uses. */
export function costFen(counts: MeterCounts, tariff: ShowerTariff): number {
  const micro = costMicrofen(counts, tariff);
  return Number((micro + MICROFEN_PER_FEN - 1n) / MICROFEN_PER_FEN);
}

export interface ChargeAmount {
  amountFen: number;
  /** The tariff's minimum raised the amount. */
  minimumApplied: boolean;
}

/** What a session is charged: its cost, raised to the minimum if it cost anything, never above the allowance. */
export function chargeFor(counts: MeterCounts, tariff: ShowerTariff, allowanceFen: number): ChargeAmount {
  const cost = costFen(counts, tariff);
  const minimumApplied = cost > 0 && cost < tariff.minimumChargeFen;
  const amount = minimumApplied ? tariff.minimumChargeFen : cost;
  return { amountFen: Math.min(amount, allowanceFen), minimumApplied };
}

/** Whether the metered cost has used the whole allowance (exactly, before rounding). */
export function allowanceUsed(counts: MeterCounts, tariff: ShowerTariff, allowanceFen: number): boolean {
  return costMicrofen(counts, tariff) >= BigInt(allowanceFen) * MICROFEN_PER_FEN;
}

/**
 * Meters one running session from the flow counter's readings and the monotonic clock. The
 * counter counts from when it was opened, so the session keeps the count it started from.
 */
export class SessionMeter {
  private pulses = 0;
  private lastPulseAtMs: number | null = null;
  /** Per-litre tariff: time billing started here (monotonic ms); null while billed by volume. */
  private timeFromMs: number | null = null;
  private volumeAtFallbackMl = 0;

  constructor(
    readonly tariff: ShowerTariff,
    private readonly options: { pulsesPerLitre: number; hasFlowSensor: boolean; openedAtMs: number; baselinePulses: number },
  ) {
    if (!(options.pulsesPerLitre > 0)) throw new AssertionError(`pulsesPerLitre ${options.pulsesPerLitre}`);
    if (tariff.basis === 'per_litre' && !options.hasFlowSensor) this.timeFromMs = options.openedAtMs;
  }

  get openedAtMs(): number {
    return this.options.openedAtMs;
  }

  /** Takes a reading of the counter (total since it opened); returns the pulses new since the last. */
  observe(nowMs: number, totalPulses: number): number {
    const fresh = totalPulses - this.options.baselinePulses - this.pulses;
    if (fresh > 0) {
      this.pulses += fresh;
      this.lastPulseAtMs = nowMs;
    }
    return Math.max(0, fresh);
  }

  /** When water was last seen flowing: the last pulse, or the valve opening when none came. */
  get lastFlowAtMs(): number {
    return this.lastPulseAtMs ?? this.options.openedAtMs;
  }

  /** True once (part of) the session is billed by time at the fallback price. */
  get timeBilled(): boolean {
    return this.timeFromMs !== null;
  }

  /**
   * The flow sensor went silent: a per-litre session is billed by time from the last pulse on
   * (a per-second one already is). Returns false when there is no fallback price to bill by.
   */
  fallBackToTime(): boolean {
    if (this.tariff.basis === 'per_second' || this.timeFromMs !== null) return true;
    if (this.tariff.fallbackPriceMillifenPerSecond === 0) return false;
    this.volumeAtFallbackMl = this.volumeMl();
    this.timeFromMs = this.lastFlowAtMs;
    return true;
  }

  counts(nowMs: number): MeterCounts {
    const durationMs = Math.max(0, Math.floor(nowMs - this.options.openedAtMs));
    const volumeMl = this.volumeMl();
    if (this.tariff.basis === 'per_second') {
      return { pulses: this.pulses, volumeMl, durationMs, timeBilled: false, billedVolumeMl: 0, billedDurationMs: durationMs };
    }
    if (this.timeFromMs === null) {
      return { pulses: this.pulses, volumeMl, durationMs, timeBilled: false, billedVolumeMl: volumeMl, billedDurationMs: 0 };
    }
    const billedDurationMs = Math.max(0, Math.floor(nowMs - this.timeFromMs));
    return { pulses: this.pulses, volumeMl, durationMs, timeBilled: true, billedVolumeMl: this.volumeAtFallbackMl, billedDurationMs };
  }

  /**
   * Milliseconds from `nowMs` until the cost reaches `allowanceFen` when it grows with time alone
   * (billed by time), or null when it grows with the flow (checked at each reading instead).
   */
  msUntilAllowanceUsed(nowMs: number, allowanceFen: number): number | null {
    const ratePerMs = this.tariff.basis === 'per_second' ? this.tariff.priceMillifen : this.timeFromMs !== null ? this.tariff.fallbackPriceMillifenPerSecond : 0;
    if (ratePerMs === 0) return null;
    const left = BigInt(allowanceFen) * MICROFEN_PER_FEN - costMicrofen(this.counts(nowMs), this.tariff);
    if (left <= 0n) return 0;
    return Number((left + BigInt(ratePerMs) - 1n) / BigInt(ratePerMs));
  }

  private volumeMl(): number {
    return Math.floor((this.pulses * 1000) / this.options.pulsesPerLitre);
  }
}
