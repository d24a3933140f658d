/**
 * The card office's policy settings, kept in the database so every hub process applies the same:
 *
 *   replacementFeeFen    the fee for a replacement card (补卡), taken from the holder's balance;
 *                        1000 fen (10 yuan) unless set. A defective card is replaced free.
 *   cancelBalance        what happens to a cancelled account's balance (销户): `refund` (handed
 *                        back in cash: a transfer to system.cash) or `write_off` (to
 *                        system.bad_debt); `refund` unless set.
 *
 * Read inside the transaction that applies them, so a change takes effect for the next operation.
 */
import type { Kysely, Transaction } from 'kysely';
import type { Database } from './db/schema.js';

export type CancelBalancePolicy = 'refund' | 'write_off';

export interface CardLifeSettings {
  replacementFeeFen: number;
  cancelBalance: CancelBalancePolicy;
}

export const DEFAULT_CARD_LIFE_SETTINGS: Readonly<CardLifeSettings> = { replacementFeeFen: 1000, cancelBalance: 'refund' };

/** The largest replacement fee accepted: 1,000 yuan (a typo guard). */
export const MAX_REPLACEMENT_FEE_FEN = 100_000;

type Db = Kysely<Database> | Transaction<Database>;

export async function readCardLifeSettings(db: Db): Promise<CardLifeSettings> {
  const rows = await db.selectFrom('card_life_settings').select(['key', 'value_json']).execute();
  const settings: CardLifeSettings = { ...DEFAULT_CARD_LIFE_SETTINGS };
  for (const r of rows) {
    const value: unknown = JSON.parse(r.value_json);
    if (r.key === 'replacementFeeFen' && Number.isSafeInteger(value)) settings.replacementFeeFen = value as number;
    if (r.key === 'cancelBalance' && (value === 'refund' || value === 'write_off')) settings.cancelBalance = value;
  }
  return settings;
}

export class CardLifeSettingsStore {
  constructor(private readonly db: Kysely<Database>, private readonly now: () => number) {}

  async get(): Promise<CardLifeSettings> {
    return readCardLifeSettings(this.db);
  }

  /** Sets the given settings (validated by the caller); returns them all. */
  async set(patch: Partial<CardLifeSettings>): Promise<CardLifeSettings> {
    return this.db.transaction().execute(async (trx) => {
      const at = this.now();
      for (const [key, value] of Object.entries(patch)) {
        if (value === undefined) continue;
        await trx
          .insertInto('card_life_settings')
          .values({ key, value_json: JSON.stringify(value), updated_at_ms: at })
          .onConflict((oc) => oc.column('key').doUpdateSet({ value_json: JSON.stringify(value), updated_at_ms: at }))
          .execute();
      }
      return readCardLifeSettings(trx);
    });
  }
}
