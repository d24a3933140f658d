/**
 * The temporary-card surcharge (搭伙费): a charge from a temporary cardholder's personal account,
 * posted at a device bound to a canteen-type merchant with a surcharge rate, brings a second
 * transfer `<deviceId>:<seq>:surcharge` of round(amount x rate), half up, from the same account to
 * the same device account, posted with the charge in the same transaction (hub/posting.ts calls
 * `surchargeTransfers` for the charges of a batch). Rate and holder type are read as they are when
 * the charge is posted. Costs one read for a batch at a device of any other merchant, two at a canteen.
 */
import type { Transaction } from 'kysely';
import type { Database } from './db/schema.js';
import type { SettlementTables } from './db/schema-settlement.js';
import type { TransferInput } from './ledger.js';

/** round(amount x bp / 10000), half up. */
export function surchargeOf(amountFen: number, surchargeBp: number): number {
  return Math.floor((amountFen * surchargeBp + 5000) / 10000);
}

/** The surcharge transfers of a batch of charges; [] unless a device charged is a canteen's. */
export async function surchargeTransfers(trx: Transaction<Database>, charges: readonly TransferInput[]): Promise<TransferInput[]> {
  const byDevice = new Map<string, TransferInput[]>();
  for (const c of charges) if (c.kind === 'charge' && c.deviceId !== undefined) byDevice.set(c.deviceId, [...(byDevice.get(c.deviceId) ?? []), c]);
  const surcharges: TransferInput[] = [];
  for (const [deviceId, list] of byDevice) surcharges.push(...(await deviceSurcharges(trx as unknown as Transaction<Database & SettlementTables>, deviceId, list)));
  return surcharges;
}

async function deviceSurcharges(db: Transaction<Database & SettlementTables>, deviceId: string, charges: readonly TransferInput[]): Promise<TransferInput[]> {
  const merchant = await db
    .selectFrom('device_merchants as d')
    .innerJoin('merchants as m', 'm.merchant_id', 'd.merchant_id')
    .select(['m.kind', 'm.surcharge_bp'])
    .where('d.device_id', '=', deviceId)
    .executeTakeFirst();
  const bp = Number(merchant?.surcharge_bp ?? 0);
  if (!merchant || merchant.kind !== 'canteen' || bp <= 0) return [];
  const accounts = [...new Set(charges.map((c) => c.debitAccountId))];
  const temporary = new Set<string>();
  for (let i = 0; i < accounts.length; i += 500) {
    const rows = await db
      .selectFrom('accounts as a')
      .innerJoin('people as p', 'p.person_id', 'a.owner_id')
      .select('a.account_id')
      .where('a.kind', '=', 'personal')
      .where('p.person_type', '=', 'temporary')
      .where('a.account_id', 'in', accounts.slice(i, i + 500))
      .execute();
    for (const r of rows) temporary.add(r.account_id);
  }
  const surcharges: TransferInput[] = [];
  for (const c of charges) {
    if (!temporary.has(c.debitAccountId)) continue;
    const amountFen = surchargeOf(c.amountFen, bp);
    if (amountFen > 0) surcharges.push({ ...c, transferId: `${c.transferId}:surcharge`, amountFen, kind: 'surcharge' });
  }
  return surcharges;
}
