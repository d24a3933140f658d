/**
 * Finance, statements tab: pick a month and a merchant; the merchant's statement (部门结算报表)
 * with its figures and lines (paged), CSV export, print (the console's own view through the print
 * stylesheet, or the hub's printable page saved as a file), the month's figures for every merchant,
 * and closing the month (finance).
 */
import { useEffect, useState } from 'preact/hooks';
import { call, callText, download } from '../api.js';
import { strings, when, yuan } from '../i18n.js';
import { can, type PageProps } from '../pages.js';
import { ConfirmAction, ErrorLine, Figure, Show, Table, useLoad } from '../ui.js';
import { goTo, thisMonth } from './finance-nav.js';

interface Merchant {
  merchantId: string;
  name: string;
  kind: string;
  feeRateBp: number;
  surchargeBp: number;
  settlementAccount: string;
  deviceIds: string[];
}
interface Totals {
  chargesCount: number;
  grossFen: number;
  surchargesCount: number;
  surchargesFen: number;
  refundsCount: number;
  refundsFen: number;
  feeFen: number;
  payoutFen: number;
  lateCount: number;
  lateFen: number;
}
interface Statement extends Totals {
  period: string;
  startMs: number;
  endMs: number;
  state: 'open' | 'closed';
  closedAtMs: number | null;
  merchantId: string;
  name: string;
  kind: string;
  feeRateBp: number;
  settlementAccount: string;
  deviceIds: string[];
}
interface Line {
  transferId: string;
  kind: 'charge' | 'surcharge' | 'refund';
  deviceId: string | null;
  seq: number | null;
  accountId: string;
  amountFen: number;
  postedAtMs: number;
  deviceTimeMs: number | null;
  late: boolean;
}
interface PeriodSummary {
  period: string;
  startMs: number;
  endMs: number;
  state: 'open' | 'closed';
  closedAtMs: number | null;
  closedBy: string | null;
  merchants: Statement[];
  unboundDevices: { deviceId: string; netFen: number }[];
  totals: Totals;
}

const PAGE = 100;

const T = strings({
  zh: {
    statement: '部门结算报表', month: '结算月份', merchant: '商户', choose: '请选择商户', noMerchants: '尚无商户（onecard admin merchant add）',
    open: '未结账（截至目前）', closed: '已结账 {time}', closedBy: '结账人 {who}',
    gross: '消费总额', surcharges: '搭伙费', refunds: '纠错退款', fee: '手续费 {rate}', payout: '应付金额', late: '延迟上传',
    count: '{n} 笔', settlementAccount: '结算账户', devices: '设备', kind: '类型',
    lines: '流水明细', postedAt: '入账时间', deviceTime: '设备时间', device: '设备', seq: '序号', lineKind: '类别', account: '账户', amount: '金额',
    lateMark: '延迟', range: '第 {from}–{to} 条，共 {n} 条', prev: '上一页', next: '下一页',
    csv: '导出 CSV', print: '打印', printable: '下载打印版（HTML）',
    raise: '纠错', raiseTitle: '为这笔消费发起纠错',
    all: '本月各商户', totals: '合计', unbound: '有流水但未绑定商户的设备：{list}（绑定后才能结账）',
    close: '结账 {period}', closeWhat: '将结算 {period}：把各设备账户本月净额转入商户清算账户，并记入手续费与应付款；结账后报表冻结，且只能结账一次。',
    closeNet: '本月应付合计 {payout}，手续费 {fee}。',
    charge: '消费', surcharge: '搭伙费', refund: '退款',
    canteen: '食堂', shower: '淋浴', electricity: '电费', door: '门禁', other: '其他',
  },
  en: {
    statement: 'Merchant statement', month: 'Month', merchant: 'Merchant', choose: 'Choose a merchant', noMerchants: 'No merchants yet (onecard admin merchant add)',
    open: 'open (figures so far)', closed: 'closed {time}', closedBy: 'closed by {who}',
    gross: 'Gross charges', surcharges: 'Surcharges', refunds: 'Refunds', fee: 'Fee {rate}', payout: 'Net payout', late: 'Uploaded late',
    count: '{n} transfers', settlementAccount: 'Settlement account', devices: 'Devices', kind: 'Kind',
    lines: 'Lines', postedAt: 'Posted', deviceTime: 'Device time', device: 'Device', seq: 'Seq', lineKind: 'Kind', account: 'Account', amount: 'Amount',
    lateMark: 'late', range: '{from}–{to} of {n}', prev: 'Previous', next: 'Next',
    csv: 'Export CSV', print: 'Print', printable: 'Save printable page (HTML)',
    raise: 'Correct', raiseTitle: 'Raise a correction for this charge',
    all: "The month's merchants", totals: 'Total', unbound: 'Devices with flows and no merchant: {list} (bind them before closing)',
    close: 'Close {period}', closeWhat: "Settles {period}: each device account's net flow of the month moves to the merchant's clearing account, the fee and the payout are posted; the statements are frozen, and a month closes once.",
    closeNet: 'Payouts {payout} in all, fees {fee}.',
    charge: 'charge', surcharge: 'surcharge', refund: 'refund',
    canteen: 'canteen', shower: 'shower', electricity: 'electricity', door: 'door', other: 'other',
  },
});

const KINDS = ['canteen', 'shower', 'electricity', 'door', 'other'] as const;
export const kindName = (k: string) => ((KINDS as readonly string[]).includes(k) ? T(k as (typeof KINDS)[number]) : k);
const rate = (bp: number) => `${(bp / 100).toFixed(2)}%`;
const lineKind = (k: Line['kind']) => T(k);

export function Statements({ roles }: PageProps) {
  const [month, setMonth] = useState(thisMonth());
  const [merchantId, setMerchantId] = useState('');
  /** Bumped when the month is closed here: the statement shown is read again. */
  const [closings, setClosings] = useState(0);
  const merchants = useLoad(() => call<{ merchants: Merchant[] }>('GET', '/api/merchants'), []);
  useEffect(() => {
    const first = merchants.data?.merchants[0];
    if (!merchantId && first) setMerchantId(first.merchantId);
  }, [merchants.data]);
  const validMonth = /^\d{4}-(0[1-9]|1[0-2])$/.test(month);
  return (
    <Show load={merchants}>
      {(m) => (
        <>
          <div class="toolbar">
            <label>
              {T('month')}
              <input type="month" data-testid="month" value={month} required onChange={(e) => setMonth((e.target as HTMLInputElement).value)} />
            </label>
            <label>
              {T('merchant')}
              <select data-testid="merchant" value={merchantId} onChange={(e) => setMerchantId((e.target as HTMLSelectElement).value)}>
                {merchantId === '' && <option value="">{T('choose')}</option>}
                {m.merchants.map((x) => (
                  <option value={x.merchantId}>
                    {x.name} ({x.merchantId})
                  </option>
                ))}
              </select>
            </label>
          </div>
          {m.merchants.length === 0 && <p class="muted">{T('noMerchants')}</p>}
          {validMonth && merchantId && <MerchantStatement key={`${month}/${merchantId}/${closings}`} period={month} merchantId={merchantId} roles={roles} />}
          {validMonth && <PeriodMerchants period={month} roles={roles} onPick={setMerchantId} onClosed={() => setClosings((n) => n + 1)} />}
        </>
      )}
    </Show>
  );
}

function MerchantStatement({ period, merchantId, roles }: { period: string; merchantId: string; roles: readonly string[] }) {
  const [offset, setOffset] = useState(0);
  const [fileError, setFileError] = useState<Error | null>(null);
  const load = useLoad(
    () => call<{ statement: Statement; lines: Line[] }>('GET', `/api/settlement/${period}/merchants/${encodeURIComponent(merchantId)}`, { query: { limit: PAGE, offset } }),
    [period, merchantId, offset],
  );
  const base = `/api/settlement/${period}/merchants/${encodeURIComponent(merchantId)}`;
  const save = async (kind: 'csv' | 'html') => {
    setFileError(null);
    try {
      const text = await callText(`${base}/statement.${kind}`);
      download(`statement-${merchantId}-${period}.${kind}`, text, kind === 'csv' ? 'text/csv;charset=utf-8' : 'text/html;charset=utf-8');
    } catch (err) {
      setFileError(err as Error);
    }
  };
  return (
    <Show load={load}>
      {({ statement: s, lines }) => {
        const total = s.chargesCount + s.surchargesCount + s.refundsCount;
        return (
          <section class="panel statement" data-testid="statement" data-state={s.state} data-merchant={s.merchantId} data-period={s.period}>
            <h2>
              {T('statement')} · {s.name} ({s.merchantId}) · {s.period}{' '}
              <span class={s.state === 'closed' ? 'badge good' : 'badge warn'} data-testid="statement-state">
                {s.state === 'closed' ? T('closed', { time: when(s.closedAtMs) }) : T('open')}
              </span>
            </h2>
            <p class="muted small">
              {when(s.startMs)} – {when(s.endMs)} · {T('kind')}: {kindName(s.kind)} · {T('settlementAccount')}: {s.settlementAccount || '—'} · {T('devices')}: {s.deviceIds.join(', ') || '—'}
            </p>
            <div class="figures">
              <Figure label={`${T('gross')} · ${T('count', { n: s.chargesCount })}`} value={yuan(s.grossFen)} testId="fig-gross" />
              <Figure label={`${T('surcharges')} · ${T('count', { n: s.surchargesCount })}`} value={yuan(s.surchargesFen)} testId="fig-surcharges" />
              <Figure label={`${T('refunds')} · ${T('count', { n: s.refundsCount })}`} value={yuan(-s.refundsFen)} testId="fig-refunds" warn={s.refundsCount > 0} />
              <Figure label={T('fee', { rate: rate(s.feeRateBp) })} value={yuan(-s.feeFen)} testId="fig-fee" />
              <Figure label={T('payout')} value={yuan(s.payoutFen)} testId="fig-payout" />
              <Figure label={`${T('late')} · ${T('count', { n: s.lateCount })}`} value={yuan(s.lateFen)} testId="fig-late" warn={s.lateCount > 0} />
            </div>
            <div class="toolbar">
              <button type="button" data-testid="statement-csv" onClick={() => void save('csv')}>
                {T('csv')}
              </button>
              <button type="button" data-testid="statement-print" onClick={() => print()}>
                {T('print')}
              </button>
              <button type="button" data-testid="statement-html" onClick={() => void save('html')}>
                {T('printable')}
              </button>
            </div>
            {fileError && <ErrorLine error={fileError} />}
            <h3>{T('lines')}</h3>
            <Table
              testId="statement-lines"
              rows={lines}
              rowKey={(l) => l.transferId}
              rowClass={(l) => (l.late ? 'warn' : '')}
              columns={[
                { title: T('postedAt'), cell: (l) => when(l.postedAtMs) },
                { title: T('deviceTime'), cell: (l) => when(l.deviceTimeMs) },
                { title: T('device'), cell: (l) => l.deviceId ?? '—' },
                { title: T('seq'), class: 'num', cell: (l) => l.seq ?? '—' },
                { title: T('lineKind'), cell: (l) => lineKind(l.kind) },
                { title: T('account'), cell: (l) => l.accountId },
                { title: T('amount'), class: 'num', cell: (l) => <span class={l.amountFen < 0 ? 'refund' : ''}>{yuan(l.amountFen)}</span> },
                { title: '', cell: (l) => (l.late ? <span class="badge warn">{T('lateMark')}</span> : '') },
                ...(can(roles, 'finance')
                  ? [{
                      title: '', class: 'no-print',
                      cell: (l: Line) =>
                        l.kind === 'refund' ? '' : (
                          <button type="button" class="link" title={T('raiseTitle')} data-testid="raise-from-line" onClick={() => goTo('finance', { tab: 'corrections', transfer: l.transferId })}>
                            {T('raise')}
                          </button>
                        ),
                    }]
                  : []),
              ]}
            />
            {total > PAGE && (
              <div class="toolbar pager">
                <button type="button" disabled={offset === 0} onClick={() => setOffset(Math.max(0, offset - PAGE))}>
                  {T('prev')}
                </button>
                <span class="muted small">{T('range', { from: Math.min(offset + 1, total), to: Math.min(offset + PAGE, total), n: total })}</span>
                <button type="button" disabled={offset + PAGE >= total} onClick={() => setOffset(offset + PAGE)}>
                  {T('next')}
                </button>
              </div>
            )}
          </section>
        );
      }}
    </Show>
  );
}

function PeriodMerchants({ period, roles, onPick, onClosed }: { period: string; roles: readonly string[]; onPick: (merchantId: string) => void; onClosed: () => void }) {
  const load = useLoad(() => call<{ period: PeriodSummary }>('GET', `/api/settlement/${period}`), [period]);
  return (
    <Show load={load}>
      {({ period: p }) => (
        <section class="no-print" data-testid="period">
          <h2>
            {T('all')} · {p.period}{' '}
            <span class={p.state === 'closed' ? 'badge good' : 'badge warn'} data-testid="period-state">
              {p.state === 'closed' ? `${T('closed', { time: when(p.closedAtMs) })} · ${T('closedBy', { who: p.closedBy ?? '?' })}` : T('open')}
            </span>
          </h2>
          {p.unboundDevices.length > 0 && <p class="error">{T('unbound', { list: p.unboundDevices.map((d) => `${d.deviceId} (${yuan(d.netFen)})`).join(', ') })}</p>}
          <Table
            testId="period-merchants"
            rows={p.merchants}
            rowKey={(s) => s.merchantId}
            columns={[
              { title: T('merchant'), cell: (s) => <button type="button" class="link" onClick={() => onPick(s.merchantId)}>{`${s.name} (${s.merchantId})`}</button> },
              { title: T('kind'), cell: (s) => kindName(s.kind) },
              { title: T('gross'), class: 'num', cell: (s) => yuan(s.grossFen) },
              { title: T('surcharges'), class: 'num', cell: (s) => yuan(s.surchargesFen) },
              { title: T('refunds'), class: 'num', cell: (s) => yuan(-s.refundsFen) },
              { title: T('fee', { rate: '' }).trim(), class: 'num', cell: (s) => `${yuan(-s.feeFen)} (${rate(s.feeRateBp)})` },
              { title: T('payout'), class: 'num', cell: (s) => <strong>{yuan(s.payoutFen)}</strong> },
              { title: T('late'), class: 'num', cell: (s) => (s.lateCount ? `${yuan(s.lateFen)} · ${T('count', { n: s.lateCount })}` : '—') },
            ]}
          />
          <p class="muted small">
            {T('totals')}: {T('gross')} {yuan(p.totals.grossFen)} · {T('refunds')} {yuan(-p.totals.refundsFen)} · {T('fee', { rate: '' }).trim()} {yuan(-p.totals.feeFen)} · {T('payout')} {yuan(p.totals.payoutFen)}
          </p>
          {p.state === 'open' && can(roles, 'finance') && (
            <div class="toolbar">
              <ConfirmAction
                label={T('close', { period: p.period })}
                testId="close-period"
                consequence={() => (
                  <>
                    <p>{T('closeWhat', { period: p.period })}</p>
                    <p>{T('closeNet', { payout: yuan(p.totals.payoutFen), fee: yuan(p.totals.feeFen) })}</p>
                  </>
                )}
                run={() => call('POST', `/api/settlement/${p.period}/close`)}
                onDone={() => {
                  load.reload();
                  onClosed();
                }}
              />
            </div>
          )}
        </section>
      )}
    </Show>
  );
}

