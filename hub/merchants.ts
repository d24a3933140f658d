/**
 * Merchants (系统用户): who runs the terminals money is spent at, with the card centre's fee rate,
 * the surcharge temporary cards pay at a canteen-type merchant (搭伙费) and the account the
 * merchant is paid to. Every device is bound to one merchant, and every point of a device belongs
 * to the device's merchant. Charges keep landing on the device's own account `merchant.<deviceId>`
 * (history is never rewritten); settlement (hub/settlement.ts) gathers the device accounts of
 * each merchant. A merchant gets its clearing account `settle.<merchantId>` when added.
 *
 * Operators who act for a merchant are bound to it, and may then read that merchant's own flows.
 */
import type { Kysely, Transaction } from 'kysely';
import type { Database } from './db/schema.js';
import type { MerchantKind, SettlementTables } from './db/schema-settlement.js';
import type { OperatorTables } from './db/schema-operators.js';
import { createAccount } from './ledger.js';
import { failure, type Outcome } from './outcome.js';
import { settleAccountId } from './settlement-ids.js';

export const MERCHANT_KINDS: readonly MerchantKind[] = ['canteen', 'shower', 'electricity', 'door', 'other'];

export type SettlementDb = Kysely<Database & SettlementTables>;
export type SettlementTrx = Transaction<Database & SettlementTables>;

export interface MerchantView {
  merchantId: string;
  name: string;
  kind: MerchantKind;
  feeRateBp: number;
  surchargeBp: number;
  settlementAccount: string;
  /** The ledger account a closed period's takings pass through. */
  clearingAccountId: string;
  deviceIds: string[];
  operatorIds: string[];
  createdAtMs: number;
  updatedAtMs: number;
}

export interface MerchantInput {
  merchantId: string;
  name: string;
  kind: MerchantKind;
  feeRateBp: number;
  surchargeBp?: number;
  settlementAccount?: string;
}

export type MerchantPatch = Partial<Omit<MerchantInput, 'merchantId'>>;

function surchargeRefusal(kind: MerchantKind, surchargeBp: number) {
  return surchargeBp > 0 && kind !== 'canteen'
    ? failure('invalid_body', `surchargeBp: only a canteen-type merchant takes the temporary-card surcharge (this one is ${kind})`, 'surchargeBp')
    : null;
}

export class MerchantStore {
  private readonly db: SettlementDb;

  constructor(db: Kysely<Database>, private readonly now: () => number) {
    this.db = db.withTables<SettlementTables>();
  }

  async add(input: MerchantInput): Promise<Outcome<{ merchant: MerchantView }>> {
    const surchargeBp = input.surchargeBp ?? 0;
    const refused = surchargeRefusal(input.kind, surchargeBp);
    if (refused) return refused;
    return this.db.transaction().execute(async (trx) => {
      const at = this.now();
      const inserted = await trx
        .insertInto('merchants')
        .values({
          merchant_id: input.merchantId, name: input.name, kind: input.kind, fee_rate_bp: input.feeRateBp, surcharge_bp: surchargeBp,
          settlement_account: input.settlementAccount ?? '', created_at_ms: at, updated_at_ms: at,
        })
        .onConflict((oc) => oc.column('merchant_id').doNothing())
        .executeTakeFirst();
      if (Number(inserted.numInsertedOrUpdatedRows ?? 0) === 0) return failure('merchant_exists', `merchant ${input.merchantId} exists`, 'merchantId');
      await createAccount(trx as unknown as Transaction<Database>, { accountId: settleAccountId(input.merchantId), kind: 'merchant', ownerId: input.merchantId, name: `${input.name} (clearing)`, atMs: at });
      return { ok: true as const, merchant: (await merchantView(trx, input.merchantId))! };
    });
  }

  async update(merchantId: string, patch: MerchantPatch): Promise<Outcome<{ merchant: MerchantView }>> {
    return this.db.transaction().execute(async (trx) => {
      const row = await trx.selectFrom('merchants').selectAll().where('merchant_id', '=', merchantId).executeTakeFirst();
      if (!row) return failure('not_found', `no merchant ${merchantId}`, 'merchantId');
      const kind = patch.kind ?? row.kind;
      const surchargeBp = patch.surchargeBp ?? (kind === 'canteen' ? Number(row.surcharge_bp) : 0);
      const refused = surchargeRefusal(kind, surchargeBp);
      if (refused) return refused;
      await trx
        .updateTable('merchants')
        .set({
          name: patch.name ?? row.name, kind, fee_rate_bp: patch.feeRateBp ?? Number(row.fee_rate_bp), surcharge_bp: surchargeBp,
          settlement_account: patch.settlementAccount ?? row.settlement_account, updated_at_ms: this.now(),
        })
        .where('merchant_id', '=', merchantId)
        .execute();
      return { ok: true as const, merchant: (await merchantView(trx, merchantId))! };
    });
  }

  async get(merchantId: string): Promise<MerchantView | undefined> {
    return merchantView(this.db, merchantId);
  }

  async list(): Promise<MerchantView[]> {
    const rows = await this.db.selectFrom('merchants').select('merchant_id').orderBy('merchant_id').execute();
    const views: MerchantView[] = [];
    for (const r of rows) views.push((await merchantView(this.db, r.merchant_id))!);
    return views;
  }

  /**
   * Binds registered devices to the merchant (a device bound elsewhere moves: reported in `moved`).
   * Charges already posted stay on the device's account; the next open period settles them for the
   * merchant the device is bound to when it closes.
   */
  async bindDevices(merchantId: string, deviceIds: readonly string[]): Promise<Outcome<{ merchant: MerchantView; moved: { deviceId: string; fromMerchantId: string }[] }>> {
    return this.db.transaction().execute(async (trx) => {
      if (!(await trx.selectFrom('merchants').select('merchant_id').where('merchant_id', '=', merchantId).executeTakeFirst())) {
        return failure('not_found', `no merchant ${merchantId}`, 'merchantId');
      }
      const known = new Set((await trx.selectFrom('devices').select('device_id').where('device_id', 'in', [...deviceIds]).execute()).map((d) => d.device_id));
      const unknown = deviceIds.find((d) => !known.has(d));
      if (unknown !== undefined) return failure('unknown_device', `no device ${unknown} is registered (register it first: onecard admin device add)`, 'deviceIds');
      const before = await trx.selectFrom('device_merchants').selectAll().where('device_id', 'in', [...deviceIds]).execute();
      const moved = before.filter((b) => b.merchant_id !== merchantId).map((b) => ({ deviceId: b.device_id, fromMerchantId: b.merchant_id }));
      const at = this.now();
      for (const deviceId of new Set(deviceIds)) {
        await trx
          .insertInto('device_merchants')
          .values({ device_id: deviceId, merchant_id: merchantId, bound_at_ms: at })
          .onConflict((oc) => oc.column('device_id').doUpdateSet({ merchant_id: merchantId, bound_at_ms: at }))
          .execute();
      }
      return { ok: true as const, merchant: (await merchantView(trx, merchantId))!, moved };
    });
  }

  /** Binds an operator to the merchant they act for (one merchant per operator). */
  async bindOperator(merchantId: string, operatorId: string): Promise<Outcome<{ merchant: MerchantView }>> {
    return this.db.transaction().execute(async (trx) => {
      if (!(await trx.selectFrom('merchants').select('merchant_id').where('merchant_id', '=', merchantId).executeTakeFirst())) {
        return failure('not_found', `no merchant ${merchantId}`, 'merchantId');
      }
      const operator = await (trx as unknown as Transaction<OperatorTables>).selectFrom('operators').select('operator_id').where('operator_id', '=', operatorId).executeTakeFirst();
      if (!operator) return failure('unknown_operator', `no operator ${operatorId}`, 'operatorId');
      const at = this.now();
      await trx
        .insertInto('merchant_operators')
        .values({ operator_id: operatorId, merchant_id: merchantId, bound_at_ms: at })
        .onConflict((oc) => oc.column('operator_id').doUpdateSet({ merchant_id: merchantId, bound_at_ms: at }))
        .execute();
      return { ok: true as const, merchant: (await merchantView(trx, merchantId))! };
    });
  }

  /** The merchant an operator acts for, if any. */
  async merchantOfOperator(operatorId: string): Promise<string | null> {
    const row = await this.db.selectFrom('merchant_operators').select('merchant_id').where('operator_id', '=', operatorId).executeTakeFirst();
    return row?.merchant_id ?? null;
  }
}

export async function merchantView(db: SettlementDb | SettlementTrx, merchantId: string): Promise<MerchantView | undefined> {
  const row = await db.selectFrom('merchants').selectAll().where('merchant_id', '=', merchantId).executeTakeFirst();
  if (!row) return undefined;
  const devices = await db.selectFrom('device_merchants').select('device_id').where('merchant_id', '=', merchantId).orderBy('device_id').execute();
  const operators = await db.selectFrom('merchant_operators').select('operator_id').where('merchant_id', '=', merchantId).orderBy('operator_id').execute();
  return {
    merchantId: row.merchant_id,
    name: row.name,
    kind: row.kind,
    feeRateBp: Number(row.fee_rate_bp),
    surchargeBp: Number(row.surcharge_bp),
    settlementAccount: row.settlement_account,
    clearingAccountId: settleAccountId(row.merchant_id),
    deviceIds: devices.map((d) => d.device_id),
    operatorIds: operators.map((o) => o.operator_id),
    createdAtMs: Number(row.created_at_ms),
    updatedAtMs: Number(row.updated_at_ms),
  };
}
