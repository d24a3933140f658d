/**
 * The reconciliation report finance reads every morning (and whenever it asks):
 *
 *   ledger       invariant 1: the sum over all accounts is zero, every balance equals the sum of its transfers
 *   seqGaps      per device, seqs missing between the events held (events never received)
 *   chainBreaks  events whose prev_hash does not match the event before (edited, replaced or forged)
 *   held         charges held for review (unauthorised offline work, unknown accounts), not settled
 *   topUps       the day's top-ups by channel, and against the channel's own list of that day
 *                (imported CSV, hub/channel-lists.ts): matched, missing at the hub (on the list, not
 *                posted), unknown at the channel (posted that day, on no list of the channel), and
 *                amount differs
 *   overdraft    accounts below zero (offline spending beyond the balance) and their sum
 *
 * `ok` is true when nothing needs a look: a sound ledger, no gap, no break, nothing held, every
 * channel with a list matched. Gaps, breaks, held events and overdrawn accounts are listed up to
 * MAX_LISTED each (their counts are exact); a channel's day is listed whole.
 */
import { sql, type Kysely } from 'kysely';
import type { Database } from './db/schema.js';
import type { SettlementTables } from './db/schema-settlement.js';
import { checkLedger, type LedgerCheck } from './ledger.js';
import { STORED_BALANCE_KINDS } from './account-ids.js';
import { TOP_UP_CHANNELS, type TopUpChannel } from './accounts.js';
import { dayBounds } from './periods.js';
import type { SettlementDb } from './merchants.js';

export const MAX_LISTED = 1000;

export interface ChannelCheck {
  channel: TopUpChannel;
  /** Top-ups posted at the hub that day. */
  count: number;
  amountFen: number;
  /** Whether the channel's list of that day was imported; the comparison below only then. */
  listImported: boolean;
  listCount: number;
  listAmountFen: number;
  matched: number;
  missingAtHub: { reference: string; amountFen: number }[];
  unknownAtChannel: { reference: string; amountFen: number; accountId: string; postedAtMs: number }[];
  amountDiffers: { reference: string; hubFen: number; channelFen: number }[];
}

export interface ReconciliationReport {
  date: string;
  fromMs: number;
  toMs: number;
  generatedAtMs: number;
  ok: boolean;
  ledger: LedgerCheck & { ok: boolean };
  seqGaps: { count: number; missingSeqs: number; gaps: { deviceId: string; fromSeq: number; toSeq: number }[] };
  chainBreaks: { count: number; events: { deviceId: string; seq: number; receivedAtMs: number }[] };
  held: { count: number; amountFen: number; byReason: { reason: string; count: number; amountFen: number }[]; events: { deviceId: string; seq: number; reason: string; accountId: string | null; amountFen: number; receivedAtMs: number }[] };
  topUps: ChannelCheck[];
  overdraft: { accounts: number; totalFen: number; list: { accountId: string; balanceFen: number }[] };
}

export class Reconciliation {
  private readonly db: SettlementDb;

  constructor(private readonly database: Kysely<Database>, private readonly now: () => number, private readonly timeZone: string) {
    this.db = database.withTables<SettlementTables>();
  }

  /** The report of a local date (top-ups of that day; everything else as it stands now). */
  async report(date: string): Promise<ReconciliationReport> {
    const { startMs, endMs } = dayBounds(date, this.timeZone);
    const ledgerCheck = await checkLedger(this.database);
    const ledger = { ...ledgerCheck, ok: ledgerCheck.sumFen === 0 && ledgerCheck.mismatches.length === 0 };
    const seqGaps = await this.seqGaps();
    const chainBreaks = await this.chainBreaks();
    const held = await this.held();
    const topUps: ChannelCheck[] = [];
    for (const channel of TOP_UP_CHANNELS) topUps.push(await this.channel(channel, date, startMs, endMs));
    const overdraft = await this.overdraft();
    const ok = ledger.ok && seqGaps.count === 0 && chainBreaks.count === 0 && held.count === 0 &&
      topUps.every((c) => !c.listImported || (c.missingAtHub.length === 0 && c.unknownAtChannel.length === 0 && c.amountDiffers.length === 0));
    return { date, fromMs: startMs, toMs: endMs, generatedAtMs: this.now(), ok, ledger, seqGaps, chainBreaks, held, topUps, overdraft };
  }

  private async seqGaps(): Promise<ReconciliationReport['seqGaps']> {
    // Each held seq with the one held before it on its device; a step above 1 is a gap (the first seq is 1).
    const rows = await sql<{ device_id: string; prev_seq: number | string; seq: number | string }>`
      select device_id, prev_seq, seq from (
        select device_id, seq, coalesce(lag(seq) over (partition by device_id order by seq), 0) as prev_seq from events
      ) s where seq > prev_seq + 1 order by device_id, seq`.execute(this.database);
    const gaps = rows.rows.map((r) => ({ deviceId: r.device_id, fromSeq: Number(r.prev_seq) + 1, toSeq: Number(r.seq) - 1 }));
    return { count: gaps.length, missingSeqs: gaps.reduce((n, g) => n + g.toSeq - g.fromSeq + 1, 0), gaps: gaps.slice(0, MAX_LISTED) };
  }

  private async chainBreaks(): Promise<ReconciliationReport['chainBreaks']> {
    const count = await this.db.selectFrom('events').select((eb) => eb.fn.countAll<number | string>().as('n')).where('chain_ok', '=', 0).executeTakeFirstOrThrow();
    const rows = await this.db.selectFrom('events').select(['device_id', 'seq', 'received_at_ms']).where('chain_ok', '=', 0).orderBy('device_id').orderBy('seq').limit(MAX_LISTED).execute();
    return { count: Number(count.n), events: rows.map((r) => ({ deviceId: r.device_id, seq: Number(r.seq), receivedAtMs: Number(r.received_at_ms) })) };
  }

  private async held(): Promise<ReconciliationReport['held']> {
    const by = await this.db
      .selectFrom('events')
      .select((eb) => ['held_reason', eb.fn.countAll<number | string>().as('n'), eb.fn.sum<number | string | null>('amount_fen').as('fen')])
      .where('held_reason', 'is not', null)
      .groupBy('held_reason')
      .orderBy('held_reason')
      .execute();
    const rows = await this.db
      .selectFrom('events')
      .select(['device_id', 'seq', 'held_reason', 'account_id', 'amount_fen', 'received_at_ms'])
      .where('held_reason', 'is not', null)
      .orderBy('received_at_ms')
      .orderBy('device_id')
      .orderBy('seq')
      .limit(MAX_LISTED)
      .execute();
    const byReason = by.map((r) => ({ reason: r.held_reason!, count: Number(r.n), amountFen: Number(r.fen ?? 0) }));
    return {
      count: byReason.reduce((n, r) => n + r.count, 0),
      amountFen: byReason.reduce((n, r) => n + r.amountFen, 0),
      byReason,
      events: rows.map((r) => ({ deviceId: r.device_id, seq: Number(r.seq), reason: r.held_reason!, accountId: r.account_id, amountFen: Number(r.amount_fen ?? 0), receivedAtMs: Number(r.received_at_ms) })),
    };
  }

  private async channel(channel: TopUpChannel, date: string, startMs: number, endMs: number): Promise<ChannelCheck> {
    const prefix = `topup:${channel}:`;
    const posted = await this.db
      .selectFrom('transfers')
      .select(['reference', 'amount_fen', 'credit_account_id', 'created_at_ms'])
      .where('created_at_ms', '>=', startMs)
      .where('created_at_ms', '<', endMs)
      .where('kind', '=', 'topup')
      .where(sql<string>`substr(transfer_id, 1, ${sql.lit(prefix.length)})`, '=', prefix)
      .orderBy('created_at_ms')
      .execute();
    const list = await this.db.selectFrom('channel_lists').select(['reference', 'amount_fen']).where('channel', '=', channel).where('list_date', '=', date).orderBy('reference').execute();
    const check: ChannelCheck = {
      channel, count: posted.length, amountFen: posted.reduce((n, t) => n + Number(t.amount_fen), 0),
      listImported: list.length > 0, listCount: list.length, listAmountFen: list.reduce((n, r) => n + Number(r.amount_fen), 0),
      matched: 0, missingAtHub: [], unknownAtChannel: [], amountDiffers: [],
    };
    if (!check.listImported) return check;
    // The channel's references against the hub's top-ups whatever day they were posted (one posted
    // just after midnight is still the payment of the channel's day).
    const hub = new Map<string, number>();
    const references = list.map((r) => r.reference);
    for (let i = 0; i < references.length; i += 500) {
      const rows = await this.db
        .selectFrom('transfers')
        .select(['transfer_id', 'amount_fen'])
        .where('transfer_id', 'in', references.slice(i, i + 500).map((r) => prefix + r))
        .execute();
      for (const r of rows) hub.set(r.transfer_id.slice(prefix.length), Number(r.amount_fen));
    }
    for (const r of list) {
      const hubFen = hub.get(r.reference);
      if (hubFen === undefined) check.missingAtHub.push({ reference: r.reference, amountFen: Number(r.amount_fen) });
      else if (hubFen !== Number(r.amount_fen)) check.amountDiffers.push({ reference: r.reference, hubFen, channelFen: Number(r.amount_fen) });
      else check.matched++;
    }
    // The day's top-ups on no list of the channel (any day's: the channel may list it the day after).
    const day = posted.filter((t) => t.reference !== null).map((t) => t.reference!);
    const listed = new Set<string>();
    for (let i = 0; i < day.length; i += 500) {
      const rows = await this.db.selectFrom('channel_lists').select('reference').where('channel', '=', channel).where('reference', 'in', day.slice(i, i + 500)).execute();
      for (const r of rows) listed.add(r.reference);
    }
    for (const t of posted) {
      if (t.reference !== null && !listed.has(t.reference)) {
        check.unknownAtChannel.push({ reference: t.reference, amountFen: Number(t.amount_fen), accountId: t.credit_account_id, postedAtMs: Number(t.created_at_ms) });
      }
    }
    return check;
  }

  private async overdraft(): Promise<ReconciliationReport['overdraft']> {
    const kinds = [...STORED_BALANCE_KINDS];
    const total = await this.db
      .selectFrom('accounts')
      .select((eb) => [eb.fn.countAll<number | string>().as('n'), eb.fn.sum<number | string | null>('balance_fen').as('fen')])
      .where('kind', 'in', kinds)
      .where('balance_fen', '<', 0)
      .executeTakeFirstOrThrow();
    const rows = await this.db.selectFrom('accounts').select(['account_id', 'balance_fen']).where('kind', 'in', kinds).where('balance_fen', '<', 0).orderBy('balance_fen').orderBy('account_id').limit(MAX_LISTED).execute();
    return { accounts: Number(total.n), totalFen: Number(total.fen ?? 0), list: rows.map((r) => ({ accountId: r.account_id, balanceFen: Number(r.balance_fen) })) };
  }
}
