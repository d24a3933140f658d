/**
 * Finance's reports as files: a merchant statement (部门结算报表) as CSV (UTF-8 with a byte order
 * mark, so a spreadsheet reads the Chinese) and as a printable HTML page, and the reconciliation
 * report as CSV. Times are local in the campus zone; amounts in yuan with two decimals and in fen.
 */
import type { MerchantStatement, StatementLine } from './settlement.js';
import type { ReconciliationReport } from './reconciliation.js';

const BOM = '\uFEFF';

/** Fen as yuan, exact: -1234 -> "-12.34". */
export function yuan(fen: number): string {
  const abs = Math.abs(fen);
  return `${fen < 0 ? '-' : ''}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

/** `2026-03-31 23:50:00` in the zone. */
export function localDateTime(unixMs: number, timeZone: string): string {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-CA', { timeZone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit' });
    formatters.set(timeZone, f);
  }
  const p: Record<string, string> = {};
  for (const part of f.formatToParts(new Date(unixMs))) p[part.type] = part.value;
  return `${p.year}-${p.month}-${p.day} ${p.hour}:${p.minute}:${p.second}`;
}

/** One CSV field (RFC 4180); text led by =, +, - or @ (a negative number aside) is neutralised so a spreadsheet does not run it. */
function field(value: string | number | boolean | null): string {
  let text = value === null ? '' : String(value);
  if (typeof value === 'string' && /^[=+\-@]/.test(text) && !/^-\d+(\.\d+)?$/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

const row = (cells: (string | number | boolean | null)[]) => cells.map(field).join(',');

const SUMMARY_ROWS = (s: MerchantStatement): [string, string, string | number][] => [
  ['gross charges 消费总额', yuan(s.grossFen), s.chargesCount],
  ['surcharges 搭伙费', yuan(s.surchargesFen), s.surchargesCount],
  ['refunds 纠错退款', yuan(-s.refundsFen), s.refundsCount],
  [`fee 手续费 (${(s.feeRateBp / 100).toFixed(2)}%)`, yuan(-s.feeFen), ''],
  ['net payout 应付金额', yuan(s.payoutFen), ''],
  ['late (uploaded after the cut-off) 延迟上传', yuan(s.lateFen), s.lateCount],
];

export function statementCsv(s: MerchantStatement, lines: readonly StatementLine[], timeZone: string): string {
  const out = [
    row(['部门结算报表 merchant statement', s.merchantId, s.name]),
    row(['period 结算期', s.period, `${localDateTime(s.startMs, timeZone)} - ${localDateTime(s.endMs, timeZone)} (${timeZone})`]),
    row(['state', s.state, s.closedAtMs === null ? 'open: figures so far' : `closed ${localDateTime(s.closedAtMs, timeZone)}`]),
    row(['kind', s.kind, '']),
    row(['settlement account 结算账户', s.settlementAccount, '']),
    row(['devices', s.deviceIds.join(' '), '']),
    row(['item', 'yuan', 'count']),
    ...SUMMARY_ROWS(s).map((r) => row(r)),
    '',
    row(['posted_at', 'device_time', 'device_id', 'seq', 'transfer_id', 'kind', 'account_id', 'amount_yuan', 'amount_fen', 'late']),
    ...lines.map((l) =>
      row([
        localDateTime(l.postedAtMs, timeZone), l.deviceTimeMs === null ? '' : localDateTime(l.deviceTimeMs, timeZone), l.deviceId, l.seq,
        l.transferId, l.kind, l.accountId, yuan(l.amountFen), l.amountFen, l.late ? 'late' : '',
      ]),
    ),
  ];
  return BOM + out.join('\r\n') + '\r\n';
}

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

export function statementHtml(s: MerchantStatement, lines: readonly StatementLine[], timeZone: string): string {
  const h = escapeHtml;
  const summary = SUMMARY_ROWS(s).map(([item, amount, count]) => `<tr><th>${h(item)}</th><td class="n">${h(amount)}</td><td class="n">${h(String(count))}</td></tr>`).join('\n');
  const body = lines
    .map(
      (l) =>
        `<tr${l.late ? ' class="late"' : ''}><td>${h(localDateTime(l.postedAtMs, timeZone))}</td><td>${l.deviceTimeMs === null ? '' : h(localDateTime(l.deviceTimeMs, timeZone))}</td>` +
        `<td>${h(l.deviceId ?? '')}</td><td class="n">${l.seq ?? ''}</td><td>${h(l.kind)}</td><td>${h(l.accountId)}</td><td class="n">${h(yuan(l.amountFen))}</td><td>${l.late ? 'late 延迟' : ''}</td></tr>`,
    )
    .join('\n');
  return `<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<title>部门结算报表 ${h(s.merchantId)} ${h(s.period)}</title>
<style>
  body { font-family: "Noto Sans CJK SC", "Microsoft YaHei", sans-serif; margin: 2em; color: #000; }
  h1 { font-size: 1.4em; margin-bottom: 0.2em; }
  table { border-collapse: collapse; margin: 1em 0; }
  th, td { border: 1px solid #888; padding: 0.2em 0.6em; text-align: left; font-size: 0.9em; }
  td.n { text-align: right; font-variant-numeric: tabular-nums; }
  tr.late { background: #fff3cd; }
  .meta td { border: none; padding: 0.1em 0.6em 0.1em 0; }
  .sign { margin-top: 3em; display: flex; gap: 6em; }
  @media print { body { margin: 0; } tr { page-break-inside: avoid; } thead { display: table-header-group; } }
</style>
</head>
<body>
<h1>部门结算报表 Merchant statement</h1>
<table class="meta">
<tr><td>Merchant 商户</td><td>${h(s.merchantId)} ${h(s.name)} (${h(s.kind)})</td></tr>
<tr><td>Period 结算期</td><td>${h(s.period)}: ${h(localDateTime(s.startMs, timeZone))} – ${h(localDateTime(s.endMs, timeZone))} (${h(timeZone)})</td></tr>
<tr><td>State</td><td>${s.closedAtMs === null ? 'open: figures so far' : `closed ${h(localDateTime(s.closedAtMs, timeZone))}`}</td></tr>
<tr><td>Settlement account 结算账户</td><td>${h(s.settlementAccount)}</td></tr>
<tr><td>Devices</td><td>${h(s.deviceIds.join(', '))}</td></tr>
</table>
<table>
<thead><tr><th>Item</th><th>Yuan</th><th>Count</th></tr></thead>
<tbody>
${summary}
</tbody>
</table>
<table>
<thead><tr><th>Posted</th><th>Device time</th><th>Device</th><th>Seq</th><th>Kind</th><th>Account</th><th>Yuan</th><th></th></tr></thead>
<tbody>
${body}
</tbody>
</table>
<div class="sign"><div>Finance 财务: ____________</div><div>Merchant 商户: ____________</div><div>Date 日期: ____________</div></div>
</body>
</html>
`;
}

export function reconciliationCsv(r: ReconciliationReport, timeZone: string): string {
  const out = [row(['check', 'subject', 'detail', 'count', 'amount_fen'])];
  out.push(row(['report', r.date, `generated ${localDateTime(r.generatedAtMs, timeZone)}`, '', '']), row(['ok', r.ok ? 'yes' : 'no', '', '', '']));
  out.push(row(['ledger_sum', 'all accounts', r.ledger.sumFen === 0 ? 'zero' : 'NOT ZERO', '', r.ledger.sumFen]));
  for (const m of r.ledger.mismatches) out.push(row(['ledger_mismatch', m.accountId, `stored ${m.storedFen}, transfers ${m.transfersFen}`, '', m.storedFen - m.transfersFen]));
  out.push(row(['seq_gaps', 'devices', `${r.seqGaps.missingSeqs} seqs missing`, r.seqGaps.count, '']));
  for (const g of r.seqGaps.gaps) out.push(row(['seq_gap', g.deviceId, `${g.fromSeq}-${g.toSeq}`, g.toSeq - g.fromSeq + 1, '']));
  out.push(row(['chain_breaks', 'events', '', r.chainBreaks.count, '']));
  for (const b of r.chainBreaks.events) out.push(row(['chain_break', b.deviceId, `seq ${b.seq} received ${localDateTime(b.receivedAtMs, timeZone)}`, 1, '']));
  out.push(row(['held', 'charges held for review', '', r.held.count, r.held.amountFen]));
  for (const h of r.held.byReason) out.push(row(['held_reason', h.reason, '', h.count, h.amountFen]));
  for (const e of r.held.events) out.push(row(['held_event', `${e.deviceId}#${e.seq}`, `${e.reason} ${e.accountId ?? ''}`.trim(), 1, e.amountFen]));
  for (const c of r.topUps) {
    out.push(row(['topups', c.channel, 'posted at the hub', c.count, c.amountFen]));
    out.push(row(['channel_list', c.channel, c.listImported ? `matched ${c.matched}` : 'not imported', c.listCount, c.listAmountFen]));
    for (const m of c.missingAtHub) out.push(row(['missing_at_hub', c.channel, m.reference, 1, m.amountFen]));
    for (const u of c.unknownAtChannel) out.push(row(['unknown_at_channel', c.channel, `${u.reference} ${u.accountId}`, 1, u.amountFen]));
    for (const d of c.amountDiffers) out.push(row(['amount_differs', c.channel, `${d.reference}: hub ${d.hubFen}, channel ${d.channelFen}`, 1, d.hubFen - d.channelFen]));
  }
  out.push(row(['overdraft', 'accounts below zero', '', r.overdraft.accounts, r.overdraft.totalFen]));
  for (const a of r.overdraft.list) out.push(row(['overdraft_account', a.accountId, '', 1, a.balanceFen]));
  return BOM + out.join('\r\n') + '\r\n';
}
