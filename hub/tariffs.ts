/**
 * Tariffs (what showers and rooms charge by) and their dataset. The dataset is small (a campus has
 * a handful of tariffs), so every change makes a new version and every update is a full snapshot:
 * a deleted tariff is simply absent from the next one. Setting a tariff to what it already is
 * changes nothing (no new version).
 */
import type { Kysely } from 'kysely';
import { DatasetName, TariffBasis, type DatasetUpdate } from '../protocol/messages.js';
import type { TariffBandRecord, TariffBasisText } from '../controller/dataset-types.js';
import { bumpVersion, datasetState, type DatasetChange } from './dataset-log.js';
import type { Database, TariffsTable } from './db/schema.js';
import { failure, type Outcome } from './outcome.js';
import { hhmm, type TariffInput } from './tariff-schedule-schema.js';

export interface TariffView {
  tariffId: string;
  basis: TariffBasisText;
  priceMillifen: number;
  bands: { from: string; to: string; priceMillifen: number }[];
  minimumChargeFen: number;
  maxSessionMs: number;
  maxSessionCostFen: number;
  freeEnergyWhPerMonth: number;
  fallbackPriceMillifenPerSecond: number;
  updatedAtMs: number;
}

const BASES: Record<TariffBasisText, TariffBasis> = {
  per_litre: TariffBasis.TARIFF_BASIS_PER_LITRE,
  per_second: TariffBasis.TARIFF_BASIS_PER_SECOND,
  per_kwh: TariffBasis.TARIFF_BASIS_PER_KWH,
};

export class TariffStore {
  constructor(private readonly db: Kysely<Database>, private readonly now: () => number) {}

  /** Creates or replaces a tariff; `change` is null when it was already exactly this. */
  async put(tariffId: string, input: TariffInput): Promise<Outcome<{ tariff: TariffView; created: boolean; change: DatasetChange | null }>> {
    return this.db.transaction().execute(async (trx) => {
      const at = this.now();
      const row: TariffsTable = {
        tariff_id: tariffId, basis: input.basis, price_millifen: input.priceMillifen, bands: JSON.stringify(input.bands),
        minimum_charge_fen: input.minimumChargeFen, max_session_ms: input.maxSessionMs, max_session_cost_fen: input.maxSessionCostFen,
        free_energy_wh_per_month: input.freeEnergyWhPerMonth, fallback_price_millifen_per_second: input.fallbackPriceMillifenPerSecond, updated_at_ms: at,
      };
      const existing = await trx.selectFrom('tariffs').selectAll().where('tariff_id', '=', tariffId).executeTakeFirst();
      if (existing && sameTariff(existing, row)) return { ok: true as const, tariff: view(existing), created: false, change: null };
      if (existing) await trx.updateTable('tariffs').set(row).where('tariff_id', '=', tariffId).execute();
      else await trx.insertInto('tariffs').values(row).execute();
      const version = await bumpVersion(trx, 'tariffs', at);
      return { ok: true as const, tariff: view(row), created: !existing, change: { name: 'tariffs' as const, version } };
    });
  }

  async delete(tariffId: string): Promise<Outcome<{ change: DatasetChange }>> {
    return this.db.transaction().execute(async (trx) => {
      const deleted = await trx.deleteFrom('tariffs').where('tariff_id', '=', tariffId).executeTakeFirst();
      if (Number(deleted.numDeletedRows) === 0) return failure('not_found', `no tariff ${tariffId}`, 'tariffId');
      const version = await bumpVersion(trx, 'tariffs', this.now());
      return { ok: true as const, change: { name: 'tariffs' as const, version } };
    });
  }

  async list(): Promise<TariffView[]> {
    return (await this.db.selectFrom('tariffs').selectAll().orderBy('tariff_id').execute()).map(view);
  }
}

/** The tariffs update for a device holding `held`: a snapshot of the current version, or null. */
export async function readTariffsUpdate(db: Kysely<Database>, held: number): Promise<DatasetUpdate | null> {
  return db.transaction().execute(async (trx) => {
    const { version } = await datasetState(trx, 'tariffs');
    if (version === 0 || held === version) return null;
    const rows = await trx.selectFrom('tariffs').selectAll().orderBy('tariff_id').execute();
    const upsert = rows.map((r) => ({
      tariffId: r.tariff_id,
      basis: BASES[r.basis as TariffBasisText],
      priceMillifen: Number(r.price_millifen),
      bands: JSON.parse(r.bands) as TariffBandRecord[],
      minimumChargeFen: Number(r.minimum_charge_fen),
      maxSessionMs: Number(r.max_session_ms),
      maxSessionCostFen: Number(r.max_session_cost_fen),
      freeEnergyWhPerMonth: Number(r.free_energy_wh_per_month),
      fallbackPriceMillifenPerSecond: Number(r.fallback_price_millifen_per_second),
    }));
    return { name: DatasetName.DATASET_NAME_TARIFFS, version, fullSnapshot: true, tariffs: { upsert } };
  });
}

function sameTariff(a: TariffsTable, b: TariffsTable): boolean {
  const keys = ['basis', 'price_millifen', 'bands', 'minimum_charge_fen', 'max_session_ms', 'max_session_cost_fen', 'free_energy_wh_per_month', 'fallback_price_millifen_per_second'] as const;
  return keys.every((k) => String(a[k]) === String(b[k]));
}

function view(r: TariffsTable): TariffView {
  return {
    tariffId: r.tariff_id,
    basis: r.basis as TariffBasisText,
    priceMillifen: Number(r.price_millifen),
    bands: (JSON.parse(r.bands) as TariffBandRecord[]).map((b) => ({ from: hhmm(b.startMinute), to: hhmm(b.endMinute), priceMillifen: b.priceMillifen })),
    minimumChargeFen: Number(r.minimum_charge_fen),
    maxSessionMs: Number(r.max_session_ms),
    maxSessionCostFen: Number(r.max_session_cost_fen),
    freeEnergyWhPerMonth: Number(r.free_energy_wh_per_month),
    fallbackPriceMillifenPerSecond: Number(r.fallback_price_millifen_per_second),
    updatedAtMs: Number(r.updated_at_ms),
  };
}
