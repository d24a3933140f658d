/**
 * Finance, reconciliation tab (对账报告): the report of a day (yesterday unless a date is picked) in
 * readable sections, each saying first whether it needs a look: the ledger's invariants, seq gaps,
 * hash-chain breaks, charges held for review, the day's top-ups against each channel's list, and
 * overdraft exposure; the same report as CSV.
 */
import { useState } from 'preact/hooks';
import type { ComponentChildren } from 'preact';
import { call, callText, download } from '../api.js';
import { strings, when, yuan } from '../i18n.js';
import { ErrorLine, Show, Table, useLoad } from '../ui.js';

interface ListedTopUp {
  reference: string;
  amountFen: number;
}
interface ChannelCheck {
  channel: string;
  count: number;
  amountFen: number;
  listImported: boolean;
  listCount: number;
  listAmountFen: number;
  matched: number;
  missingAtHub: ListedTopUp[];
  unknownAtChannel: (ListedTopUp & { accountId: string; postedAtMs: number })[];
  amountDiffers: { reference: string; hubFen: number; channelFen: number }[];
}
export interface Report {
  date: string;
  fromMs: number;
  toMs: number;
  generatedAtMs: number;
  ok: boolean;
  ledger: { sumFen: number; mismatches: { accountId: string; storedFen: number; transfersFen: number }[]; ok: boolean };
  seqGaps: { count: number; missingSeqs: number; gaps: { deviceId: string; fromSeq: number; toSeq: number }[] };
  chainBreaks: { count: number; events: { deviceId: string; seq: number; receivedAtMs: number }[] };
  held: { count: number; amountFen: number; byReason: { reason: string; count: number; amountFen: number }[]; events: { deviceId: string; seq: number; reason: string; accountId: string | null; amountFen: number; receivedAtMs: number }[] };
  topUps: ChannelCheck[];
  overdraft: { accounts: number; totalFen: number; list: { accountId: string; balanceFen: number }[] };
}

const T = strings({
  zh: {
    date: '对账日期', yesterday: '（默认为昨天）', show: '查看', csv: '导出 CSV',
    scope: '充值对账按所选日期；账本、序号、事件链、挂起与透支为当前状态。',
    allOk: '一切正常：账目平衡，无序号缺失、无链断裂、无挂起消费，渠道清单全部匹配', needsLook: '有需要核查的项目', generated: '生成于 {time}',
    ledger: '账本不变式', ledgerOk: '全部账户之和为零，每个余额等于其流水之和', sum: '全部账户之和 {sum}', mismatch: '余额与流水不符',
    stored: '记录余额', transfers: '流水之和', accountId: '账户',
    gaps: '序号缺失', gapsOk: '没有缺失的事件序号', gapsCount: '{n} 处缺失，共 {m} 个序号未收到', device: '设备', from: '起', to: '止', missing: '缺失数',
    breaks: '哈希链断裂', breaksOk: '没有断裂的事件链', breaksCount: '{n} 个事件与上一事件的哈希不符（被修改、替换或伪造）', seq: '序号', receivedAt: '收到时间',
    held: '挂起待审消费', heldOk: '没有挂起的消费', heldCount: '{n} 笔挂起，共 {amount}，未入账', reason: '原因', count: '笔数', amount: '金额',
    topups: '充值对账', channel: '渠道', atHub: '本系统入账', list: '渠道清单', matched: '匹配', notImported: '清单未导入',
    missingAtHub: '清单有、本系统无', unknownAtChannel: '本系统有、清单无', amountDiffers: '金额不符', reference: '流水号', hubAmount: '本系统金额', channelAmount: '渠道金额',
    overdraft: '透支风险', overdraftOk: '没有余额为负的账户', overdraftCount: '{n} 个账户余额为负，合计 {total}', balance: '余额',
    cash: '现金', online: '线上',
    unauthorised_offline: '未授权离线消费', unknown_account: '账户不存在', account_not_chargeable: '账户不可扣款', account_closed: '账户已销户', transfer_conflict: '流水号冲突',
    ok: '正常', look: '需核查', more: '另有 {n} 条未列出',
  },
  en: {
    date: 'Day', yesterday: ' (yesterday by default)', show: 'Show', csv: 'Export CSV',
    scope: "Top-ups are the chosen day's; the ledger, seqs, chains, held charges and overdraft are as they stand now.",
    allOk: 'All in order: the ledger balances, no seq missing, no chain broken, nothing held, every channel list matched', needsLook: 'Needs a look', generated: 'generated {time}',
    ledger: 'Ledger invariants', ledgerOk: 'All accounts sum to zero and every balance is the sum of its transfers', sum: 'Sum over all accounts {sum}', mismatch: 'Balances unlike their transfers',
    stored: 'Stored balance', transfers: 'Sum of transfers', accountId: 'Account',
    gaps: 'Seq gaps', gapsOk: 'No event seq missing', gapsCount: '{n} gaps, {m} seqs never received', device: 'Device', from: 'From', to: 'To', missing: 'Missing',
    breaks: 'Hash-chain breaks', breaksOk: 'No broken event chain', breaksCount: "{n} events whose hash does not follow the one before (edited, replaced or forged)", seq: 'Seq', receivedAt: 'Received',
    held: 'Charges held for review', heldOk: 'No charge held', heldCount: '{n} held, {amount} in all, not posted', reason: 'Reason', count: 'Count', amount: 'Amount',
    topups: 'Top-ups against channel lists', channel: 'Channel', atHub: 'Posted here', list: "Channel's list", matched: 'Matched', notImported: 'list not imported',
    missingAtHub: 'On the list, not posted here', unknownAtChannel: 'Posted here, on no list', amountDiffers: 'Amount differs', reference: 'Reference', hubAmount: 'Here', channelAmount: 'Channel',
    overdraft: 'Overdraft exposure', overdraftOk: 'No account below zero', overdraftCount: '{n} accounts below zero, {total} in all', balance: 'Balance',
    cash: 'cash', online: 'online',
    unauthorised_offline: 'offline without authorisation', unknown_account: 'unknown account', account_not_chargeable: 'account not chargeable', account_closed: 'account closed', transfer_conflict: 'transfer id conflict',
    ok: 'in order', look: 'needs a look', more: '{n} more not listed',
  },
});

const HELD = ['unauthorised_offline', 'unknown_account', 'account_not_chargeable', 'account_closed', 'transfer_conflict'] as const;
const heldReason = (r: string) => ((HELD as readonly string[]).includes(r) ? `${T(r as (typeof HELD)[number])} (${r})` : r);
const channelName = (c: string) => (c === 'cash' || c === 'online' ? T(c) : c);

/** A section of the report: its title with a good/bad badge, the one-line verdict, then details. */
function Section({ id, title, good, verdict, children }: { id: string; title: string; good: boolean; verdict: string; children?: ComponentChildren }) {
  return (
    <section class={good ? 'panel recon good' : 'panel recon bad'} data-testid={`recon-${id}`} data-ok={String(good)}>
      <h3>
        {title} <span class={good ? 'badge good' : 'badge bad'}>{good ? T('ok') : T('look')}</span>
      </h3>
      <p data-testid="verdict">{verdict}</p>
      {!good && children}
    </section>
  );
}

const more = (shown: number, count: number) => (count > shown ? <p class="muted small">{T('more', { n: count - shown })}</p> : null);

export function ReconciliationReport() {
  const [date, setDate] = useState('');
  const [asked, setAsked] = useState('');
  const [csvError, setCsvError] = useState<Error | null>(null);
  const load = useLoad(() => call<{ report: Report }>('GET', '/api/reconciliation', { query: { date: asked || undefined } }), [asked]);
  const saveCsv = async (day: string) => {
    setCsvError(null);
    try {
      download(`reconciliation-${day}.csv`, await callText('/api/reconciliation.csv', { query: { date: day } }));
    } catch (err) {
      setCsvError(err as Error);
    }
  };
  return (
    <>
      <form
        class="toolbar"
        onSubmit={(e) => {
          e.preventDefault();
          setAsked(date);
        }}
      >
        <label>
          {`${T('date')}${T('yesterday')}`}
          <input type="date" data-testid="recon-date" value={date || load.data?.report.date || ''} onChange={(e) => setDate((e.target as HTMLInputElement).value)} />
        </label>
        <button type="submit" data-testid="recon-show">
          {T('show')}
        </button>
        {load.data && (
          <button type="button" data-testid="recon-csv" onClick={() => void saveCsv(load.data!.report.date)}>
            {T('csv')}
          </button>
        )}
      </form>
      {csvError && <ErrorLine error={csvError} />}
      <Show load={load}>
        {({ report: r }) => (
          <div data-testid="reconciliation" data-date={r.date}>
            <p class={r.ok ? 'verdict good' : 'verdict bad'} data-testid="recon-verdict" data-ok={String(r.ok)}>
              <strong>{r.date}</strong> · {r.ok ? T('allOk') : T('needsLook')} <span class="muted small">{T('generated', { time: when(r.generatedAtMs) })}</span>
            </p>
            <p class="muted small">{T('scope')}</p>
            <Section id="ledger" title={T('ledger')} good={r.ledger.ok} verdict={r.ledger.ok ? T('ledgerOk') : `${T('sum', { sum: yuan(r.ledger.sumFen) })}; ${T('mismatch')}: ${r.ledger.mismatches.length}`}>
              <Table
                rows={r.ledger.mismatches}
                rowKey={(m) => m.accountId}
                rowClass={() => 'bad'}
                columns={[
                  { title: T('accountId'), cell: (m) => m.accountId },
                  { title: T('stored'), class: 'num', cell: (m) => yuan(m.storedFen) },
                  { title: T('transfers'), class: 'num', cell: (m) => yuan(m.transfersFen) },
                ]}
              />
            </Section>
            <Section id="gaps" title={T('gaps')} good={r.seqGaps.count === 0} verdict={r.seqGaps.count === 0 ? T('gapsOk') : T('gapsCount', { n: r.seqGaps.count, m: r.seqGaps.missingSeqs })}>
              <Table
                rows={r.seqGaps.gaps}
                rowKey={(g) => `${g.deviceId}#${g.fromSeq}`}
                columns={[
                  { title: T('device'), cell: (g) => g.deviceId },
                  { title: T('from'), class: 'num', cell: (g) => g.fromSeq },
                  { title: T('to'), class: 'num', cell: (g) => g.toSeq },
                  { title: T('missing'), class: 'num', cell: (g) => g.toSeq - g.fromSeq + 1 },
                ]}
              />
              {more(r.seqGaps.gaps.length, r.seqGaps.count)}
            </Section>
            <Section id="breaks" title={T('breaks')} good={r.chainBreaks.count === 0} verdict={r.chainBreaks.count === 0 ? T('breaksOk') : T('breaksCount', { n: r.chainBreaks.count })}>
              <Table
                rows={r.chainBreaks.events}
                rowKey={(b) => `${b.deviceId}#${b.seq}`}
                columns={[
                  { title: T('device'), cell: (b) => b.deviceId },
                  { title: T('seq'), class: 'num', cell: (b) => b.seq },
                  { title: T('receivedAt'), cell: (b) => when(b.receivedAtMs) },
                ]}
              />
              {more(r.chainBreaks.events.length, r.chainBreaks.count)}
            </Section>
            <Section id="held" title={T('held')} good={r.held.count === 0} verdict={r.held.count === 0 ? T('heldOk') : T('heldCount', { n: r.held.count, amount: yuan(r.held.amountFen) })}>
              <Table
                rows={r.held.byReason}
                rowKey={(h) => h.reason}
                columns={[
                  { title: T('reason'), cell: (h) => heldReason(h.reason) },
                  { title: T('count'), class: 'num', cell: (h) => h.count },
                  { title: T('amount'), class: 'num', cell: (h) => yuan(h.amountFen) },
                ]}
              />
              <Table
                rows={r.held.events}
                rowKey={(e) => `${e.deviceId}#${e.seq}`}
                columns={[
                  { title: T('device'), cell: (e) => e.deviceId },
                  { title: T('seq'), class: 'num', cell: (e) => e.seq },
                  { title: T('reason'), cell: (e) => heldReason(e.reason) },
                  { title: T('accountId'), cell: (e) => e.accountId ?? '—' },
                  { title: T('amount'), class: 'num', cell: (e) => yuan(e.amountFen) },
                  { title: T('receivedAt'), cell: (e) => when(e.receivedAtMs) },
                ]}
              />
              {more(r.held.events.length, r.held.count)}
            </Section>
            <TopUps channels={r.topUps} />
            <Section
              id="overdraft"
              title={T('overdraft')}
              good={r.overdraft.accounts === 0}
              verdict={r.overdraft.accounts === 0 ? T('overdraftOk') : T('overdraftCount', { n: r.overdraft.accounts, total: yuan(r.overdraft.totalFen) })}
            >
              <Table
                rows={r.overdraft.list}
                rowKey={(a) => a.accountId}
                columns={[
                  { title: T('accountId'), cell: (a) => a.accountId },
                  { title: T('balance'), class: 'num', cell: (a) => yuan(a.balanceFen) },
                ]}
              />
              {more(r.overdraft.list.length, r.overdraft.accounts)}
            </Section>
          </div>
        )}
      </Show>
    </>
  );
}

function TopUps({ channels }: { channels: ChannelCheck[] }) {
  const troubled = (c: ChannelCheck) => c.listImported && (c.missingAtHub.length > 0 || c.unknownAtChannel.length > 0 || c.amountDiffers.length > 0);
  const good = !channels.some(troubled);
  return (
    <section class={good ? 'panel recon good' : 'panel recon bad'} data-testid="recon-topups" data-ok={String(good)}>
      <h3>
        {T('topups')} <span class={good ? 'badge good' : 'badge bad'}>{good ? T('ok') : T('look')}</span>
      </h3>
      <Table
        rows={channels}
        rowKey={(c) => c.channel}
        rowClass={(c) => (troubled(c) ? 'bad' : '')}
        columns={[
          { title: T('channel'), cell: (c) => channelName(c.channel) },
          { title: T('atHub'), class: 'num', cell: (c) => `${yuan(c.amountFen)} · ${c.count}` },
          { title: T('list'), class: 'num', cell: (c) => (c.listImported ? `${yuan(c.listAmountFen)} · ${c.listCount}` : <span class="muted">{T('notImported')}</span>) },
          { title: T('matched'), class: 'num', cell: (c) => (c.listImported ? c.matched : '—') },
          { title: T('missingAtHub'), class: 'num', cell: (c) => (c.listImported ? c.missingAtHub.length : '—') },
          { title: T('unknownAtChannel'), class: 'num', cell: (c) => (c.listImported ? c.unknownAtChannel.length : '—') },
          { title: T('amountDiffers'), class: 'num', cell: (c) => (c.listImported ? c.amountDiffers.length : '—') },
        ]}
      />
      {channels.filter(troubled).map((c) => (
        <div class="channel-detail" data-testid={`channel-${c.channel}`}>
          {c.missingAtHub.length > 0 && (
            <>
              <h4>
                {channelName(c.channel)} · {T('missingAtHub')}
              </h4>
              <Table rows={c.missingAtHub} rowKey={(m) => m.reference} columns={[{ title: T('reference'), cell: (m) => m.reference }, { title: T('amount'), class: 'num', cell: (m) => yuan(m.amountFen) }]} />
            </>
          )}
          {c.unknownAtChannel.length > 0 && (
            <>
              <h4>
                {channelName(c.channel)} · {T('unknownAtChannel')}
              </h4>
              <Table
                rows={c.unknownAtChannel}
                rowKey={(u) => u.reference}
                columns={[
                  { title: T('reference'), cell: (u) => u.reference },
                  { title: T('accountId'), cell: (u) => u.accountId },
                  { title: T('amount'), class: 'num', cell: (u) => yuan(u.amountFen) },
                  { title: T('receivedAt'), cell: (u) => when(u.postedAtMs) },
                ]}
              />
            </>
          )}
          {c.amountDiffers.length > 0 && (
            <>
              <h4>
                {channelName(c.channel)} · {T('amountDiffers')}
              </h4>
              <Table
                rows={c.amountDiffers}
                rowKey={(d) => d.reference}
                columns={[
                  { title: T('reference'), cell: (d) => d.reference },
                  { title: T('hubAmount'), class: 'num', cell: (d) => yuan(d.hubFen) },
                  { title: T('channelAmount'), class: 'num', cell: (d) => yuan(d.channelFen) },
                ]}
              />
            </>
          )}
        </div>
      ))}
    </section>
  );
}
