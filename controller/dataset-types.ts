/** What the device holds of each dataset the hub pushes, as the policy hands it to points. */

export type DatasetKey = 'blacklist' | 'cards' | 'balances' | 'tariffs' | 'schedules';

export type BlacklistReasonText = '' | 'lost' | 'replaced' | 'cancelled';

export interface CardRecord {
  uid: string;
  personId: string;
  /** staff, student, freshman, temporary; '' when the hub did not say. */
  personType: string;
  /** 0 means unbounded on that side. */
  validFromMs: number;
  validUntilMs: number;
  groups: string[];
  /** The personal account the card spends from; '' when it cannot spend. */
  accountId: string;
  /** 0: the controller's default (config money.dailyLimitFen). */
  dailyLimitFen: number;
  /** 0: the controller's default (config money.offlineDailyLimitFen). */
  offlineDailyLimitFen: number;
}

export interface BalanceRecord {
  accountId: string;
  /** At the hub, when pushed; may be negative. */
  balanceFen: number;
  /** The balance includes this device's charges up to this seq. */
  postedSeq: number;
}

export type TariffBasisText = 'per_litre' | 'per_second' | 'per_kwh';

export interface TariffBandRecord {
  /** [startMinute, endMinute) of the local day. */
  startMinute: number;
  endMinute: number;
  priceMillifen: number;
}

/** Prices in millifen (1/1000 fen) per litre, second or kWh. Zero limits mean none. */
export interface TariffRecord {
  id: string;
  basis: TariffBasisText;
  priceMillifen: number;
  bands: TariffBandRecord[];
  minimumChargeFen: number;
  maxSessionMs: number;
  maxSessionCostFen: number;
  freeEnergyWhPerMonth: number;
  fallbackPriceMillifenPerSecond: number;
}

export interface SchedulePeriodRecord {
  /** Bit 0 Monday ... bit 6 Sunday. */
  daysMask: number;
  /** [startMinute, endMinute) of the local day. */
  startMinute: number;
  endMinute: number;
}

export interface ScheduleRecord {
  id: string;
  periods: SchedulePeriodRecord[];
  /** Instead of `periods` on a holiday; empty: closed on holidays. */
  holidayPeriods: SchedulePeriodRecord[];
}
