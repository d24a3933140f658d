/**
 * Money at the edge (DESIGN.md "Money offline"). Balances are account-based and the hub holds the
 * truth: the device holds, per account, the balance the hub last pushed (balances dataset) and
 * adds its own charges since. A pushed balance says up to which seq of this device it includes
 * (`postedSeq`); local charges above it are subtracted, those at or below it are already in it.
 *
 * A card may spend, on one decision, the smallest of:
 * - its account's balance (pushed, less local charges since, less what open sessions reserved);
 * - what is left of its daily spending limit today (local day; online and offline alike);
 * - while offline, what is left of its offline limit per day.
 * The answer names which of these decided it (`SpendRule`), and a refusal carries the access
 * reason the point journals (`DENIED_INSUFFICIENT_BALANCE`, `_DAILY_LIMIT`, `_OFFLINE_LIMIT`,
 * `_NO_ACCOUNT`).
 *
 * A point that runs a session (a shower) reserves the allowance it opened with, so a second point
 * cannot spend the same money, and releases the reservation when it records the charge.
 *
 * A charge is recorded right after its event was appended to the journal (`recordCharge`), in
 * memory at once and in `wallet.sqlite` once the event is durable. On start the wallet re-reads
 * the journal's durable events above the last seq it stored, so a crash between the two loses
 * nothing. Day totals are kept for the current and previous local day only.
 */
import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { AccessReason, DatasetName, SpendRule } from '../protocol/messages.js';
import { localTime } from '../lib/local-time.js';
import { AssertionError } from '../lib/errors.js';
import type { Logger } from '../lib/log.js';
import type { Policy } from './policy.js';
import type { Journal } from './journal.js';

export interface WalletOptions {
  /** Directory of wallet.sqlite; null keeps everything in memory (benchmarks, some tests). */
  dir: string | null;
  policy: Policy;
  logger: Logger;
  /** Hub-corrected wall clock, unix ms (which local day a charge belongs to). */
  wallNow: () => number;
  timeZone: string;
  /** True while the link to the hub is up (offline limits apply otherwise). */
  isOnline: () => boolean;
  /** Defaults for cards whose entry gives none. */
  dailyLimitFen: number;
  offlineDailyLimitFen: number;
}

export type SpendAllowance =
  | { ok: true; accountId: string; allowanceFen: number; rule: SpendRule; offline: boolean }
  | { ok: false; reason: AccessReason; rule: SpendRule; offline: boolean; message: string };

export interface ChargeRecord {
  seq: number;
  accountId: string;
  /** '' for a room's electricity. */
  cardUid: string;
  amountFen: number;
  /** The event's durable promise (from Journal.append); persisted once it resolves. */
  durable?: Promise<void>;
  /** Written while offline (counts against the offline limit). Default: !isOnline() now. */
  offline?: boolean;
  /** Local day of the charge; default today. */
  day?: string;
}

export interface Reservation {
  readonly accountId: string;
  readonly cardUid: string;
  readonly amountFen: number;
  /** Gives the reserved money back (idempotent). */
  release(): void;
}

interface DayTotal {
  spentFen: number;
  offlineSpentFen: number;
}

const SCHEMA = `
  create table if not exists local_charges (seq integer primary key, account_id text not null, card_uid text not null, amount_fen integer not null);
  create table if not exists card_days (card_uid text not null, day text not null, spent_fen integer not null, offline_spent_fen integer not null, primary key (card_uid, day)) without rowid;
  create table if not exists meta (key text primary key, value integer not null) without rowid;
`;

export class Wallet {
  private db: Database.Database | null = null;
  private stmts: { insertCharge: Database.Statement; addToDay: Database.Statement; storeSeq: Database.Statement } | null = null;
  /** Local charges per account not yet known to be in the pushed balance, in seq order. */
  private readonly local = new Map<string, Array<{ seq: number; amountFen: number }>>();
  private readonly days = new Map<string, DayTotal>();
  private readonly reservedByAccount = new Map<string, number>();
  private readonly reservedByCard = new Map<string, number>();
  private readonly changeListeners = new Set<(accountIds: readonly string[]) => void>();
  private unsubscribePolicy: (() => void) | null = null;
  private storedSeq = 0;
  private seenSeq = 0;
  private currentDay = '';

  constructor(private readonly options: WalletOptions) {}

  async start(journal?: Journal): Promise<void> {
    const { dir } = this.options;
    if (dir) {
      mkdirSync(dir, { recursive: true });
      this.db = new Database(join(dir, 'wallet.sqlite'));
      this.db.pragma('journal_mode = WAL');
      this.db.pragma('synchronous = NORMAL');
      this.db.exec(SCHEMA);
      // Prepared once: a charge is persisted at every session close and room poll.
      this.stmts = {
        insertCharge: this.db.prepare('insert or ignore into local_charges (seq, account_id, card_uid, amount_fen) values (?, ?, ?, ?)'),
        addToDay: this.db.prepare(
          'insert into card_days (card_uid, day, spent_fen, offline_spent_fen) values (?, ?, ?, ?) on conflict (card_uid, day) do update set spent_fen = spent_fen + excluded.spent_fen, offline_spent_fen = offline_spent_fen + excluded.offline_spent_fen',
        ),
        storeSeq: this.db.prepare("insert into meta (key, value) values ('stored_seq', ?) on conflict (key) do update set value = excluded.value"),
      };
      for (const row of this.db.prepare('select seq, account_id, amount_fen from local_charges order by seq').all() as Array<{ seq: number; account_id: string; amount_fen: number }>) {
        this.addLocal(row.account_id, row.seq, row.amount_fen);
      }
      const today = this.today();
      for (const row of this.db.prepare('select card_uid, day, spent_fen, offline_spent_fen from card_days').all() as Array<{ card_uid: string; day: string; spent_fen: number; offline_spent_fen: number }>) {
        if (row.day === today) this.days.set(dayKey(row.card_uid, row.day), { spentFen: row.spent_fen, offlineSpentFen: row.offline_spent_fen });
      }
      this.db.prepare('delete from card_days where day < ?').run(previousDay(today));
      const meta = this.db.prepare("select value from meta where key = 'stored_seq'").get() as { value: number } | undefined;
      this.storedSeq = meta?.value ?? 0;
      this.seenSeq = this.storedSeq;
    }
    this.unsubscribePolicy = this.options.policy.onApplied((name, accountIds) => {
      if (name === DatasetName.DATASET_NAME_BALANCES) this.onBalancesApplied(accountIds);
    });
    if (journal) this.replay(journal);
  }

  async stop(): Promise<void> {
    this.unsubscribePolicy?.();
    this.unsubscribePolicy = null;
    this.changeListeners.clear();
    this.db?.close();
    this.db = null;
    this.stmts = null;
  }

  /** Charges in the journal above the last one stored (a crash between the two) are counted again. */
  private replay(journal: Journal): void {
    let from = this.storedSeq + 1;
    let replayed = 0;
    for (;;) {
      const events = journal.durableFrom(from, 1024);
      if (events.length === 0) break;
      for (const e of events) {
        const c = e.charge;
        if (c && (e.seq ?? 0) > this.seenSeq) {
          this.recordCharge({ seq: e.seq ?? 0, accountId: c.accountId ?? '', cardUid: c.cardUid ?? '', amountFen: Number(c.amountFen ?? 0), offline: e.offline === true, day: localTime(Number(e.deviceTimeUnixMs ?? 0), this.options.timeZone).date, durable: Promise.resolve() });
          replayed++;
        }
      }
      from = (events[events.length - 1]!.seq ?? 0) + 1;
    }
    if (replayed > 0) this.options.logger.log('info', 'wallet.replayed', { charges: replayed, fromSeq: this.storedSeq + 1 });
  }

  /**
   * The balance of an account as this device holds it: the pushed balance, less local charges
   * above its posted seq, less what open sessions reserved. null when no balance is held.
   */
  balance(accountId: string): number | null {
    const pushed = this.options.policy.balance(accountId);
    if (!pushed) return null;
    let fen = pushed.balanceFen;
    for (const c of this.local.get(accountId) ?? []) if (c.seq > pushed.postedSeq) fen -= c.amountFen;
    return fen - (this.reservedByAccount.get(accountId) ?? 0);
  }

  /** What the card may spend on one decision now, and the rule that set it. */
  allowance(cardUid: string): SpendAllowance {
    const offline = !this.options.isOnline();
    const card = this.options.policy.card(cardUid);
    const deny = (reason: AccessReason, rule: SpendRule, message: string): SpendAllowance => ({ ok: false, reason, rule, offline, message });
    if (!card || !card.accountId) return deny(AccessReason.ACCESS_REASON_DENIED_NO_ACCOUNT, SpendRule.SPEND_RULE_UNSPECIFIED, 'the card has no account');
    const balance = this.balance(card.accountId);
    if (balance === null) return deny(AccessReason.ACCESS_REASON_DENIED_NO_ACCOUNT, SpendRule.SPEND_RULE_BALANCE, `no balance held for account ${card.accountId}`);
    const day = this.dayTotal(cardUid, this.today());
    const reservedCard = this.reservedByCard.get(cardUid) ?? 0;
    const candidates: Array<{ fen: number; rule: SpendRule; reason: AccessReason }> = [
      { fen: balance, rule: SpendRule.SPEND_RULE_BALANCE, reason: AccessReason.ACCESS_REASON_DENIED_INSUFFICIENT_BALANCE },
      {
        fen: (card.dailyLimitFen || this.options.dailyLimitFen) - day.spentFen - reservedCard,
        rule: SpendRule.SPEND_RULE_DAILY_LIMIT,
        reason: AccessReason.ACCESS_REASON_DENIED_DAILY_LIMIT,
      },
    ];
    if (offline) {
      candidates.push({
        fen: (card.offlineDailyLimitFen || this.options.offlineDailyLimitFen) - day.offlineSpentFen - reservedCard,
        rule: SpendRule.SPEND_RULE_OFFLINE_LIMIT,
        reason: AccessReason.ACCESS_REASON_DENIED_OFFLINE_LIMIT,
      });
    }
    // The smallest bound decides; on a tie the earlier (balance before limits) is named.
    let decisive = candidates[0]!;
    for (const c of candidates) if (c.fen < decisive.fen) decisive = c;
    if (decisive.fen <= 0) return deny(decisive.reason, decisive.rule, `${ruleText(decisive.rule)} leaves ${decisive.fen} fen`);
    return { ok: true, accountId: card.accountId, allowanceFen: decisive.fen, rule: decisive.rule, offline };
  }

  /** Holds `amountFen` of a card's money for an open session until released. */
  reserve(cardUid: string, accountId: string, amountFen: number): Reservation {
    if (!Number.isSafeInteger(amountFen) || amountFen < 0) throw new AssertionError(`reserve: ${amountFen} fen`);
    add(this.reservedByAccount, accountId, amountFen);
    add(this.reservedByCard, cardUid, amountFen);
    let released = false;
    return {
      accountId,
      cardUid,
      amountFen,
      release: () => {
        if (released) return;
        released = true;
        add(this.reservedByAccount, accountId, -amountFen);
        add(this.reservedByCard, cardUid, -amountFen);
      },
    };
  }

  /**
   * Counts a charge whose event was appended as `seq`: the account's balance and, for a card, its
   * day totals move at once; the record is stored once the event is durable.
   */
  recordCharge(charge: ChargeRecord): void {
    const { seq, accountId, cardUid, amountFen } = charge;
    if (!Number.isSafeInteger(amountFen) || amountFen < 0) throw new AssertionError(`recordCharge: ${amountFen} fen`);
    if (seq <= this.seenSeq) return; // already counted (a replay)
    this.seenSeq = seq;
    const offline = charge.offline ?? !this.options.isOnline();
    const day = charge.day ?? this.today();
    this.addLocal(accountId, seq, amountFen);
    if (cardUid) {
      const total = this.dayTotal(cardUid, day);
      total.spentFen += amountFen;
      if (offline) total.offlineSpentFen += amountFen;
      this.days.set(dayKey(cardUid, day), total);
    }
    const persist = (): void => {
      const stmts = this.stmts;
      if (!this.db || !stmts) return;
      this.db.transaction(() => {
        stmts.insertCharge.run(seq, accountId, cardUid, amountFen);
        if (cardUid) stmts.addToDay.run(cardUid, day, amountFen, offline ? amountFen : 0);
        if (seq > this.storedSeq) {
          this.storedSeq = seq;
          stmts.storeSeq.run(seq);
        }
      })();
    };
    (charge.durable ?? Promise.resolve()).then(persist, () => undefined).catch((err: Error) => {
      this.options.logger.log('error', 'wallet.persist_failed', { seq, error: err.message });
    });
    this.notify([accountId]);
  }

  /** Money of this card held by open sessions (a shower uses it to refuse a second session). */
  reservedFor(cardUid: string): number {
    return this.reservedByCard.get(cardUid) ?? 0;
  }

  /** What a card spent today (local day), online and offline. */
  spentToday(cardUid: string): DayTotal {
    return { ...this.dayTotal(cardUid, this.today()) };
  }

  /** Called with the accounts whose balance changed (a top-up pushed, a charge recorded). */
  onBalanceChange(listener: (accountIds: readonly string[]) => void): () => void {
    this.changeListeners.add(listener);
    return () => this.changeListeners.delete(listener);
  }

  private onBalancesApplied(accountIds: readonly string[] | null): void {
    // Local charges the hub now includes are dropped (memory and file).
    const ids = accountIds ?? [...this.local.keys()];
    for (const id of ids) {
      const pushed = this.options.policy.balance(id);
      const list = this.local.get(id);
      if (!list) continue;
      const floor = pushed?.postedSeq ?? 0;
      const kept = list.filter((c) => c.seq > floor);
      if (kept.length === 0) this.local.delete(id);
      else this.local.set(id, kept);
      this.db?.prepare('delete from local_charges where account_id = ? and seq <= ?').run(id, floor);
    }
    this.notify(accountIds ?? ids);
  }

  private notify(accountIds: readonly string[]): void {
    for (const l of this.changeListeners) {
      try {
        l(accountIds);
      } catch (err) {
        this.options.logger.log('error', 'wallet.listener_failed', { error: (err as Error).message });
      }
    }
  }

  private addLocal(accountId: string, seq: number, amountFen: number): void {
    let list = this.local.get(accountId);
    if (!list) this.local.set(accountId, (list = []));
    list.push({ seq, amountFen });
  }

  private dayTotal(cardUid: string, day: string): DayTotal {
    return this.days.get(dayKey(cardUid, day)) ?? { spentFen: 0, offlineSpentFen: 0 };
  }

  private today(): string {
    const day = localTime(this.options.wallNow(), this.options.timeZone).date;
    if (day !== this.currentDay) {
      // A new day: totals of earlier days are no longer read (memory stays bounded by one day's cards).
      for (const key of this.days.keys()) if (!key.startsWith(`${day}/`)) this.days.delete(key);
      this.currentDay = day;
    }
    return day;
  }
}

function dayKey(cardUid: string, day: string): string {
  return `${day}/${cardUid}`;
}

function previousDay(date: string): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() - 1);
  return d.toISOString().slice(0, 10);
}

function add(map: Map<string, number>, key: string, fen: number): void {
  const v = (map.get(key) ?? 0) + fen;
  if (v === 0) map.delete(key);
  else map.set(key, v);
}

function ruleText(rule: SpendRule): string {
  switch (rule) {
    case SpendRule.SPEND_RULE_BALANCE:
      return 'the balance';
    case SpendRule.SPEND_RULE_DAILY_LIMIT:
      return 'the daily limit';
    case SpendRule.SPEND_RULE_OFFLINE_LIMIT:
      return 'the offline limit';
    default:
      return 'the rule';
  }
}
