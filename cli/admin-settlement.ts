/**
 * `onecard admin` subcommands for finance: merchants, settlement, corrections, reconciliation and
 * the calendar jobs, each a call of the hub API (hub/api-settlement.ts). Statements and reports
 * can be saved as CSV or as a printable HTML page (--csv FILE, --html FILE); a channel's list of
 * top-ups is read from its CSV file and sent in parts under the API's body limit.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { UsageError } from './args.js';
import { count, need, option, seg, time, yuan, type CallContext, type Json } from './admin-call.js';

export const SETTLEMENT_USAGE = `  merchant add MERCHANT_ID --name NAME --kind canteen|shower|electricity|door|other --fee-bp N
               [--surcharge-bp N] [--settlement-account TEXT]   rates in basis points (150 = 1.5%);
                                                        the surcharge: temporary cards at a canteen (搭伙费)
  merchant update MERCHANT_ID [--name] [--kind] [--fee-bp] [--surcharge-bp] [--settlement-account]
  merchant bind MERCHANT_ID DEVICE_ID [DEVICE_ID ...]   the devices (and their points) belong to the merchant
  merchant bind-operator MERCHANT_ID OPERATOR_ID        the operator acts for the merchant (reads its flows)
  merchant list | show MERCHANT_ID
  merchant flows MERCHANT_ID [--month YYYY-MM]          the merchant's own flows, this month or last
  settlement show YYYY-MM                               every merchant's figures of the period
  settlement close YYYY-MM                              close it: fees and payouts posted, once
  settlement statement YYYY-MM MERCHANT_ID [--csv FILE] [--html FILE]   部门结算报表
  correction raise TRANSFER_ID --reason TEXT [--amount-fen N]   a refund ticket for a wrong charge
  correction approve ID [--note TEXT]                   by another operator than the raiser: refunded
  correction reject ID --note TEXT
  correction list [--status open|approved|rejected] | show ID
  reconcile [--date YYYY-MM-DD] [--csv FILE]            the reconciliation report (default yesterday)
  reconcile import-list cash|online YYYY-MM-DD FILE     the channel's CSV list of that day's top-ups
  jobs run close-expired|graduates|freshman-exchange|temporary-expiring|reconciliation|settlement
           [--at YYYY-MM-DD|TIME] [--months N] [--days N] [--people FILE]   (--people: graduates listed, one id a line)
  jobs list [--job NAME]`;

export const SETTLEMENT_OPTIONS = {
  kind: { type: 'string' }, 'fee-bp': { type: 'string' }, 'surcharge-bp': { type: 'string' }, 'settlement-account': { type: 'string' },
  month: { type: 'string' }, csv: { type: 'string' }, html: { type: 'string' }, note: { type: 'string' }, status: { type: 'string' },
  date: { type: 'string' }, at: { type: 'string' }, months: { type: 'string' }, days: { type: 'string' }, people: { type: 'string' }, job: { type: 'string' },
} as const;

const OBJECTS = new Set(['merchant', 'settlement', 'correction', 'reconcile', 'jobs']);
/** Rows of a channel list per call, under the API's 64 KiB body limit. */
const LIST_LINES_PER_CALL = 1000;

export interface SettlementCommandContext extends CallContext {
  hub: string;
  auth: { token: string | null; reason?: string };
  out: (line: string) => void;
  err: (line: string) => void;
}

interface Answer {
  status: number;
  body: Json;
  text: string;
}

async function call(ctx: SettlementCommandContext, method: string, path: string, body?: Json): Promise<Answer> {
  const headers: Record<string, string> = {};
  if (body !== undefined) headers['content-type'] = 'application/json';
  if (ctx.auth.token !== null) headers.authorization = `Bearer ${ctx.auth.token}`;
  if (ctx.auth.reason !== undefined) headers['x-onecard-reason'] = encodeURIComponent(ctx.auth.reason);
  let res: Response;
  try {
    res = await fetch(ctx.hub + path, { method, headers, ...(body === undefined ? {} : { body: JSON.stringify(body) }) });
  } catch (err) {
    throw new Error(`cannot reach the hub at ${ctx.hub}: ${((err as Error).cause as Error | undefined)?.message ?? (err as Error).message}`, { cause: err });
  }
  const text = await res.text();
  let json: Json = {};
  if ((res.headers.get('content-type') ?? '').startsWith('application/json')) json = JSON.parse(text) as Json;
  return { status: res.status, body: json, text };
}

/** Runs a finance subcommand; null when `object` is not one of them. Exit code 0, or 1 on an API error or a failed job. */
export async function runSettlementCommand(ctx: SettlementCommandContext): Promise<number | null> {
  if (!OBJECTS.has(ctx.object)) return null;
  const [a1, a2, a3] = ctx.args;
  const json = ctx.values.json === true;
  const send = async (method: string, path: string, show: (b: Json) => string, body?: Json): Promise<number> => {
    const res = await call(ctx, method, path, body);
    if (res.status >= 300) return refused(ctx, res);
    ctx.out(json ? JSON.stringify(res.body, null, 2) : show(res.body));
    return 0;
  };
  const num = (name: string) => count(ctx, name);
  switch (ctx.object === 'reconcile' && ctx.action !== 'import-list' ? 'reconcile' : `${ctx.object} ${ctx.action ?? ''}`.trim()) {
    case 'merchant add':
    case 'merchant update': {
      const body: Json = {};
      if (ctx.action === 'add') Object.assign(body, { merchantId: need(ctx, 'MERCHANT_ID', a1), name: need(ctx, '--name', option(ctx, 'name')), kind: need(ctx, '--kind', option(ctx, 'kind')), feeRateBp: num('fee-bp') ?? need(ctx, '--fee-bp', undefined) });
      else {
        if (option(ctx, 'name') !== undefined) body.name = option(ctx, 'name');
        if (option(ctx, 'kind') !== undefined) body.kind = option(ctx, 'kind');
        if (num('fee-bp') !== undefined) body.feeRateBp = num('fee-bp');
      }
      if (num('surcharge-bp') !== undefined) body.surchargeBp = num('surcharge-bp');
      if (option(ctx, 'settlement-account') !== undefined) body.settlementAccount = option(ctx, 'settlement-account');
      return ctx.action === 'add'
        ? send('POST', '/api/merchants', (b) => `merchant ${showMerchant(b.merchant as Json)}: added`, body)
        : send('PATCH', `/api/merchants/${seg(need(ctx, 'MERCHANT_ID', a1))}`, (b) => `merchant ${showMerchant(b.merchant as Json)}: updated`, body);
    }
    case 'merchant bind': {
      const deviceIds = ctx.args.slice(1).filter((d): d is string => d !== undefined);
      if (deviceIds.length === 0) need(ctx, 'DEVICE_ID', undefined);
      return send('POST', `/api/merchants/${seg(need(ctx, 'MERCHANT_ID', a1))}/devices`, (b) => {
        const moved = (b.moved as Json[]).map((m) => `\n  ${String(m.deviceId)} moved from ${String(m.fromMerchantId)}`).join('');
        return `merchant ${showMerchant(b.merchant as Json)}${moved}`;
      }, { deviceIds });
    }
    case 'merchant bind-operator':
      return send('POST', `/api/merchants/${seg(need(ctx, 'MERCHANT_ID', a1))}/operators`, (b) => `merchant ${showMerchant(b.merchant as Json)}`, { operatorId: need(ctx, 'OPERATOR_ID', a2) });
    case 'merchant list':
      return send('GET', '/api/merchants', (b) => (b.merchants as Json[]).map(showMerchant).join('\n') || 'no merchants');
    case 'merchant show':
      return send('GET', `/api/merchants/${seg(need(ctx, 'MERCHANT_ID', a1))}`, (b) => showMerchant(b.merchant as Json));
    case 'merchant flows': {
      const month = option(ctx, 'month');
      return send('GET', `/api/merchants/${seg(need(ctx, 'MERCHANT_ID', a1))}/flows?limit=1000${month ? `&period=${seg(month)}` : ''}`, (b) => showStatement(b.statement as Json, b.lines as Json[]));
    }
    case 'settlement show':
      return send('GET', `/api/settlement/${seg(need(ctx, 'YYYY-MM', a1))}`, (b) => showPeriod(b.period as Json));
    case 'settlement close':
      return send('POST', `/api/settlement/${seg(need(ctx, 'YYYY-MM', a1))}/close`, (b) => `${b.result === 'created' ? 'closed now' : 'closed before (nothing moved)'}\n${showPeriod(b.period as Json)}`);
    case 'settlement statement': {
      const base = `/api/settlement/${seg(need(ctx, 'YYYY-MM', a1))}/merchants/${seg(need(ctx, 'MERCHANT_ID', a2))}`;
      for (const [flag, suffix] of [['csv', 'statement.csv'], ['html', 'statement.html']] as const) {
        const file = option(ctx, flag);
        if (file === undefined) continue;
        const res = await call(ctx, 'GET', `${base}/${suffix}`);
        if (res.status >= 300) return refused(ctx, res);
        await writeFile(file, res.text);
        ctx.out(`statement saved as ${flag.toUpperCase()}: ${file}`);
      }
      if (option(ctx, 'csv') !== undefined || option(ctx, 'html') !== undefined) return 0;
      return send('GET', `${base}?limit=1000`, (b) => showStatement(b.statement as Json, b.lines as Json[]));
    }
    case 'correction raise': {
      const amountFen = num('amount-fen');
      return send('POST', '/api/corrections', (b) => `${showCorrection(b.correction as Json)}: raised; another operator approves it`, {
        transferId: need(ctx, 'TRANSFER_ID', a1), reason: need(ctx, '--reason', option(ctx, 'reason')), ...(amountFen !== undefined ? { amountFen } : {}),
      });
    }
    case 'correction approve':
      return send('POST', `/api/corrections/${seg(need(ctx, 'ID', a1))}/approve`, (b) => `${showCorrection(b.correction as Json)}: refunded`, option(ctx, 'note') ? { note: option(ctx, 'note') } : {});
    case 'correction reject':
      return send('POST', `/api/corrections/${seg(need(ctx, 'ID', a1))}/reject`, (b) => showCorrection(b.correction as Json), { note: need(ctx, '--note', option(ctx, 'note')) });
    case 'correction list': {
      const status = option(ctx, 'status');
      return send('GET', `/api/corrections${status ? `?status=${seg(status)}` : ''}`, (b) => (b.corrections as Json[]).map(showCorrection).join('\n') || 'no corrections');
    }
    case 'correction show':
      return send('GET', `/api/corrections/${seg(need(ctx, 'ID', a1))}`, (b) => showCorrection(b.correction as Json));
    case 'reconcile': {
      if (ctx.action !== undefined) throw new UsageError(`reconcile: unknown action ${JSON.stringify(ctx.action)} (options go after 'reconcile')\n\n${ctx.usage}`);
      const date = option(ctx, 'date');
      const file = option(ctx, 'csv');
      if (file !== undefined) {
        if (date === undefined) need(ctx, '--date (with --csv)', undefined);
        const res = await call(ctx, 'GET', `/api/reconciliation.csv?date=${seg(date!)}`);
        if (res.status >= 300) return refused(ctx, res);
        await writeFile(file, res.text);
        ctx.out(`reconciliation report of ${date!} saved as CSV: ${file}`);
        return 0;
      }
      const res = await call(ctx, 'GET', `/api/reconciliation${date ? `?date=${seg(date)}` : ''}`);
      if (res.status >= 300) return refused(ctx, res);
      ctx.out(json ? JSON.stringify(res.body, null, 2) : showReport(res.body.report as Json));
      return (res.body.report as Json).ok ? 0 : 1;
    }
    case 'reconcile import-list': {
      const channel = need(ctx, 'cash|online', a1);
      const date = need(ctx, 'YYYY-MM-DD', a2);
      const text = (await readFile(need(ctx, 'FILE', a3), 'utf8')).replace(/^\uFEFF/, '');
      const [header, ...rows] = text.split(/\r?\n/);
      const body = rows.filter((l) => l.trim() !== '');
      let total = { rows: 0, added: 0, updated: 0, unchanged: 0 };
      for (let i = 0; i === 0 || i < body.length; i += LIST_LINES_PER_CALL) {
        const res = await call(ctx, 'POST', `/api/reconciliation/channels/${seg(channel)}/lists/${seg(date)}`, { csv: [header ?? '', ...body.slice(i, i + LIST_LINES_PER_CALL)].join('\n') });
        if (res.status >= 300) {
          // Lines of this part: the part's line n is the file's line i + n (the header is line 1 in both).
          for (const e of (res.body.errors ?? []) as Json[]) ctx.err(`line ${Number(e.line) + i}: ${String(e.message)}`);
          if (i > 0) ctx.err(`the first ${i} rows were imported; fix the file and import it again (rows already imported are unchanged)`);
          return refused(ctx, res);
        }
        const r = res.body.import as Json;
        total = { rows: total.rows + Number(r.rows), added: total.added + Number(r.added), updated: total.updated + Number(r.updated), unchanged: total.unchanged + Number(r.unchanged) };
      }
      ctx.out(json ? JSON.stringify(total) : `${channel} list of ${date}: ${total.rows} rows (${total.added} added, ${total.updated} updated, ${total.unchanged} unchanged)`);
      return 0;
    }
    case 'jobs run': {
      const job = need(ctx, 'NAME', a1);
      const body: Json = {};
      const at = option(ctx, 'at');
      if (at !== undefined) body.at = /^\d+$/.test(at) ? Number(at) : at;
      if (num('months') !== undefined) body.months = num('months');
      if (num('days') !== undefined) body.days = num('days');
      const people = option(ctx, 'people');
      if (people !== undefined) body.personIds = (await readFile(people, 'utf8')).split(/\r?\n/).map((l) => l.split(',')[0]!.trim()).filter((l) => l !== '' && !/^(person_id|学号|工号)$/.test(l));
      const res = await call(ctx, 'POST', `/api/jobs/${seg(job)}/run`, body);
      if (res.status >= 300) return refused(ctx, res);
      const run = res.body.run as Json;
      ctx.out(json ? JSON.stringify(res.body, null, 2) : showRun(run, String(res.body.result)));
      return run.state === 'done' ? 0 : 1;
    }
    case 'jobs list': {
      const job = option(ctx, 'job');
      return send('GET', `/api/jobs/runs${job ? `?job=${seg(job)}` : ''}`, (b) => (b.runs as Json[]).map((r) => `${String(r.job)} ${String(r.runKey)}: ${String(r.state)} (started ${time(r.startedAtMs)})${r.error ? ` ${String(r.error)}` : ''}`).join('\n') || 'no runs');
    }
    default:
      throw new UsageError(`unknown command ${JSON.stringify(`${ctx.object} ${ctx.action ?? ''}`.trim())}\n\n${ctx.usage}`);
  }
}

function refused(ctx: SettlementCommandContext, res: Answer): number {
  const e = (res.body.error ?? {}) as Json;
  ctx.err(`onecard admin: ${String(e.code ?? res.status)}: ${String(e.message ?? `HTTP ${res.status}`)}${e.field ? ` (field ${String(e.field)})` : ''}`);
  return 1;
}

const pct = (bp: unknown) => `${(Number(bp) / 100).toFixed(2)}%`;

function showMerchant(m: Json): string {
  const surcharge = Number(m.surchargeBp) > 0 ? `, temporary-card surcharge ${pct(m.surchargeBp)}` : '';
  const devices = (m.deviceIds as string[]).length > 0 ? `; devices ${(m.deviceIds as string[]).join(', ')}` : '; no devices';
  return `${String(m.merchantId)} (${String(m.name)}, ${String(m.kind)}): fee ${pct(m.feeRateBp)}${surcharge}${devices}`;
}

function totals(t: Json): string {
  const late = Number(t.lateCount) > 0 ? `; ${String(t.lateCount)} late (${yuan(t.lateFen)})` : '';
  return `gross ${yuan(t.grossFen)} (${String(t.chargesCount)} charges), surcharges ${yuan(t.surchargesFen)}, refunds ${yuan(t.refundsFen)}, fee ${yuan(t.feeFen)}, payout ${yuan(t.payoutFen)}${late}`;
}

function showPeriod(p: Json): string {
  const head = `period ${String(p.period)} ${String(p.state)}${p.closedAtMs ? ` (closed ${time(p.closedAtMs)} by ${String(p.closedBy)})` : ''}: ${totals(p.totals as Json)}`;
  const merchants = (p.merchants as Json[]).map((m) => `  ${String(m.merchantId)}: ${totals(m)}`);
  const unbound = (p.unboundDevices as Json[]).map((d) => `  device ${String(d.deviceId)} bound to no merchant: ${yuan(d.netFen)} (bind it before closing)`);
  return [head, ...merchants, ...unbound].join('\n');
}

function showStatement(s: Json, lines: Json[]): string {
  const head = `statement ${String(s.merchantId)} ${String(s.period)} (${String(s.state)}): ${totals(s)}`;
  return [head, ...lines.map((l) => `  ${time(l.postedAtMs)} ${String(l.transferId)} ${String(l.kind)} ${String(l.accountId)} ${yuan(l.amountFen)}${l.late ? ' LATE' : ''}`)].join('\n');
}

function showCorrection(c: Json): string {
  const decided = c.decidedBy ? ` by ${String(c.decidedBy)}${c.refundTransferId ? ` (${String(c.refundTransferId)})` : ''}` : '';
  return `correction ${String(c.correctionId)} ${String(c.status)}${decided}: ${yuan(c.amountFen)} of ${String(c.transferId)} back to ${String(c.accountId)}, raised by ${String(c.raisedBy)}: ${String(c.reason)}`;
}

function showReport(r: Json): string {
  const ledger = r.ledger as Json;
  const gaps = r.seqGaps as Json;
  const breaks = r.chainBreaks as Json;
  const held = r.held as Json;
  const overdraft = r.overdraft as Json;
  const lines = [
    `reconciliation ${String(r.date)}: ${r.ok ? 'OK' : 'NEEDS A LOOK'}`,
    `  ledger: sum ${yuan(ledger.sumFen)}, ${(ledger.mismatches as Json[]).length} accounts whose balance differs from their transfers`,
    `  seq gaps: ${String(gaps.count)} (${String(gaps.missingSeqs)} events missing)${(gaps.gaps as Json[]).map((g) => `\n    ${String(g.deviceId)} ${String(g.fromSeq)}-${String(g.toSeq)}`).join('')}`,
    `  chain breaks: ${String(breaks.count)}${(breaks.events as Json[]).map((b) => `\n    ${String(b.deviceId)}#${String(b.seq)}`).join('')}`,
    `  held for review: ${String(held.count)} (${yuan(held.amountFen)})${(held.byReason as Json[]).map((h) => `\n    ${String(h.reason)}: ${String(h.count)} (${yuan(h.amountFen)})`).join('')}`,
  ];
  for (const c of r.topUps as Json[]) {
    const list = c.listImported
      ? `list ${String(c.listCount)} (${yuan(c.listAmountFen)}): ${String(c.matched)} matched, ${(c.missingAtHub as Json[]).length} missing at the hub, ${(c.unknownAtChannel as Json[]).length} unknown at the channel, ${(c.amountDiffers as Json[]).length} amounts differ`
      : 'no list imported';
    lines.push(`  top-ups ${String(c.channel)}: ${String(c.count)} (${yuan(c.amountFen)}); ${list}`);
  }
  lines.push(`  overdraft: ${String(overdraft.accounts)} accounts below zero, ${yuan(overdraft.totalFen)}`);
  return lines.join('\n');
}

function showRun(run: Json, result: string): string {
  const r = run.result as Json;
  const what = [
    r.cancelled !== undefined ? `${String(r.cancelled)} cancelled (${yuan(r.settledFen)} settled), ${String(r.alreadyClosed)} closed before, ${String(r.failedCount)} refused` : '',
    r.count !== undefined ? `${String(r.count)} listed` : '',
    r.period !== undefined ? `period ${String(r.period)} ${String(r.closed)}` : '',
    r.report !== undefined ? `report of ${String((r.report as Json).date)}: ${(r.report as Json).ok ? 'OK' : 'needs a look'}` : '',
  ].filter(Boolean).join('; ');
  const failed = ((r.failed ?? []) as Json[]).map((f) => `\n  ${String(f.personId)}: ${String(f.code)}: ${String(f.message)}`).join('');
  const listed = ((r.cards ?? r.people ?? []) as Json[]).map((p) => `\n  ${String(p.personId)}${p.name ? ` ${String(p.name)}` : ''}${p.uid ? ` card ${String(p.uid)}` : ''}${p.validUntilMs ? ` until ${time(p.validUntilMs)}` : ''}${p.issuedAtMs ? ` issued ${time(p.issuedAtMs)}` : ''}${p.settlement ? ` ${String(p.settlement)} ${yuan(p.settledFen)}` : ''}`).join('');
  return `job ${String(run.job)} ${String(run.runKey)}: ${String(run.state)} (${result === 'exists' ? 'done before, nothing done again' : result})${run.error ? `: ${String(run.error)}` : ''}${what ? `\n${what}` : ''}${listed}${failed}`;
}
