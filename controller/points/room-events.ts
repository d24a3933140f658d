/**
 * The journal events of a room point, built in one place: the Charge of its electricity, the
 * MeterReading of a poll and its alarms. An alarm is journalled and then awaited until durable: a
 * cut waits for its low-balance warning to be durable (room-cutoff.ts).
 */
import type { Logger } from '../../lib/log.js';
import { ChargeBasis, MeterComm } from '../../protocol/messages.js';
import type { MeterErrorKind, MeterReadResult } from '../drivers/modbus/meter.js';
import type { EventDraft, Journal } from '../journal.js';
import type { DueCharge } from './room-billing.js';

const COMM: Record<MeterErrorKind, MeterComm> = {
  timeout: MeterComm.METER_COMM_TIMEOUT,
  crc: MeterComm.METER_COMM_CRC,
  exception: MeterComm.METER_COMM_EXCEPTION,
  disconnected: MeterComm.METER_COMM_DISCONNECTED,
  busy: MeterComm.METER_COMM_BUSY,
  implausible: MeterComm.METER_COMM_IMPLAUSIBLE,
};

/** The room's Charge: no card, basis ENERGY, the energy billed and the energy the monthly allowance covered. */
export function roomChargeEvent(pointId: string, accountId: string, tariffId: string, due: DueCharge): EventDraft {
  return {
    pointId,
    charge: {
      cardUid: '',
      accountId,
      amountFen: due.amountFen,
      tariffId,
      basis: ChargeBasis.CHARGE_BASIS_ENERGY,
      energyWh: due.energyWh,
      freeEnergyWh: due.freeEnergyWh,
    },
  };
}

/** What a MeterReading tells besides the meter's answer. */
export interface ReadingFacts {
  meterId: string;
  accountId: string;
  cutOff: boolean;
  /** The balance as held; null: none held (left out). */
  balanceFen: number | null;
  /** The relay as known; undefined: unknown (left out). */
  relayClosed: boolean | undefined;
}

/** A poll's MeterReading: the comm status, the meter's values when it answered, and the facts. */
export function meterReadingEvent(pointId: string, result: MeterReadResult, facts: ReadingFacts): EventDraft {
  const meterReading: NonNullable<EventDraft['meterReading']> = {
    meterId: facts.meterId,
    comm: result.ok ? MeterComm.METER_COMM_OK : COMM[result.error],
    accountId: facts.accountId,
    cutOff: facts.cutOff,
    ...(facts.balanceFen === null ? {} : { balanceFen: facts.balanceFen }),
    ...(facts.relayClosed === undefined ? {} : { relayClosed: facts.relayClosed }),
  };
  if (result.ok) {
    const r = result.reading;
    if (r.energyWh !== undefined) meterReading.energyWh = r.energyWh;
    if (r.powerW !== undefined) meterReading.powerW = r.powerW;
    if (r.voltageMv !== undefined) meterReading.voltageMv = r.voltageMv;
    if (r.currentMa !== undefined) meterReading.currentMa = r.currentMa;
  }
  return { pointId, meterReading };
}

/** Journals a room's alarm (and logs it); resolves once it is durable: false when it could not be journalled or made durable. */
export type RoomAlarm = (kind: string, active: boolean, detail: string) => Promise<boolean>;

/** The alarm function of the point `pointId`. */
export function roomAlarms(pointId: string, ctx: { journal: Pick<Journal, 'append'>; logger: Logger }): RoomAlarm {
  return async (kind, active, detail) => {
    const { journal, logger } = ctx;
    logger.log(active ? 'warn' : 'info', 'room.alarm', { point: pointId, kind, active, detail });
    const appended = journal.append({ pointId, alarm: { kind, active, detail } });
    if (!appended.ok) {
      logger.log('error', 'room.alarm_not_journalled', { point: pointId, kind, reason: appended.reason, message: appended.message });
      return false;
    }
    try {
      await appended.durable;
      return true;
    } catch {
      return false;
    }
  };
}
