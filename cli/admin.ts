/**
 * `onecard admin`: the operator CLI, a client of the hub's HTTP API (so it goes through the same
 * validation as every other client). Prints a short human line per result, or the API's JSON with
 * `--json`. An API error exits 1 with its code, message and field.
 */
import { UsageError, integerOption, parse } from './args.js';
import type { Call, Json } from './admin-call.js';
import { MONEY_OPTIONS, MONEY_USAGE, moneyCall } from './admin-money.js';
import { CARD_LIFE_OPTIONS, CARD_LIFE_USAGE, cardLifeCall } from './admin-card-life.js';
import { runImport } from './admin-import.js';
import { OPERATOR_OPTIONS, OPERATOR_USAGE, runOperatorCommand } from './admin-operators.js';
import { SETTLEMENT_OPTIONS, SETTLEMENT_USAGE, runSettlementCommand } from './admin-settlement.js';
import { MAINTENANCE_OPTIONS, MAINTENANCE_USAGE, maintenanceCall } from './admin-maintenance.js';
import { resolveToken } from './admin-session.js';

const USAGE = `usage: onecard admin [--hub URL] [--token TOKEN] [--reason TEXT] [--json] <object> <action> [args]

${OPERATOR_USAGE}

  device list
  device add DEVICE_ID --public-key KEY [--name NAME]   register a key made with 'controller keygen'
  device enroll DEVICE_ID [--name NAME]                 a one-time code for 'controller enroll'
  device revoke DEVICE_ID                               refuse this device's key from now on
  device open-door DEVICE_ID POINT_ID                   open a door now (delivered once, within 60 s)
  device commands DEVICE_ID                             recent commands and the device's answers
  person add PERSON_ID --name NAME --type staff|student|freshman|temporary [--org-unit U] [--phone P] [--email E]
  card add UID --person PERSON_ID
  card show UID
  card lost UID
  card found UID
  events [--device DEVICE_ID] [--card UID] [--after-seq N] [--held] [--limit N]   --held: charges held for review
${CARD_LIFE_USAGE}
${MONEY_USAGE}
${SETTLEMENT_USAGE}
${MAINTENANCE_USAGE}

  --hub     the hub's API address (default $ONECARD_HUB or http://127.0.0.1:8780)
  --token   the operator's token (default $ONECARD_TOKEN, else the one 'login' saved for this hub)
  --reason  why you look up personal data (card show, a person's statement, events --card, ticket show --contact): logged
  --json    print the API's answer as JSON`;

/** Subcommands with no action word: `events`, `meters`, `topup ACCOUNT_ID`. */
const SINGLE = new Set(['events', 'meters', 'topup']);

export async function run(args: string[]): Promise<number> {
  const { values, positionals } = parse(
    args,
    {
      hub: { type: 'string' }, json: { type: 'boolean' }, name: { type: 'string' }, 'public-key': { type: 'string' },
      type: { type: 'string' }, person: { type: 'string' }, device: { type: 'string' }, card: { type: 'string' },
      'after-seq': { type: 'string' }, limit: { type: 'string' }, held: { type: 'boolean' }, ...MONEY_OPTIONS, ...CARD_LIFE_OPTIONS,
      'org-unit': { type: 'string' }, phone: { type: 'string' }, email: { type: 'string' }, ...OPERATOR_OPTIONS, ...SETTLEMENT_OPTIONS, ...MAINTENANCE_OPTIONS,
    },
    USAGE,
    true,
  );
  if (values.help || positionals.length === 0) {
    console.log(USAGE);
    return values.help ? 0 : 2;
  }
  const hub = (values.hub ?? process.env.ONECARD_HUB ?? 'http://127.0.0.1:8780').replace(/\/+$/, '');
  const [object, action, target] = positionals;
  const need = (what: string, value: string | undefined): string => {
    if (!value) throw new UsageError(`${object} ${action ?? ''}: ${what} is required\n\n${USAGE}`);
    return value;
  };
  const id = () => encodeURIComponent(need(object === 'card' ? 'UID' : `${object?.toUpperCase()}_ID`, target));
  const token = await resolveToken(hub, values.token);
  const auth = { token, ...(values.reason !== undefined ? { reason: values.reason } : {}) };
  const operatorCommand = await runOperatorCommand({
    hub, object: object ?? '', action, target, values, usage: USAGE, out: (line) => console.log(line), err: (line) => console.error(line),
    send: (c) => send(hub, c, c.token === undefined ? auth : { ...auth, token: c.token }),
  });
  if (operatorCommand !== null) return operatorCommand;
  let call: Call;
  const ctx = { object: object ?? '', action, args: positionals.slice(2), values, usage: USAGE };
  const settlementCommand = await runSettlementCommand({ ...ctx, hub, auth, out: (line) => console.log(line), err: (line) => console.error(line) });
  if (settlementCommand !== null) return settlementCommand;
  const money = moneyCall(ctx) ?? cardLifeCall(ctx) ?? maintenanceCall(ctx);
  if (object === 'person' && action === 'import') {
    return runImport({
      file: need('FILE', target), dryRun: values['dry-run'] ?? false, skipBad: values['skip-bad'] ?? false, json: values.json ?? false,
      batchSize: integerOption(values['batch-size'], 'batch-size', 500, 1, 1000), ...(values['time-zone'] ? { timeZone: values['time-zone'] } : {}),
      send: (method, path, body) => send(hub, { method, path, ...(body ? { body } : {}) }, auth), progress: process.stderr,
      out: (line) => console.log(line), err: (line) => console.error(line),
    });
  }
  switch (money ? 'money' : `${object} ${SINGLE.has(object ?? '') ? '' : (action ?? '')}`.trim()) {
    case 'money':
      call = money!;
      break;
    case 'device list':
      call = { method: 'GET', path: '/api/devices', show: showDevices };
      break;
    case 'device add':
      call = { method: 'POST', path: '/api/devices', body: { deviceId: need('DEVICE_ID', target), publicKey: need('--public-key', values['public-key']), ...(values.name ? { name: values.name } : {}) }, show: (b) => `device ${String(b.deviceId)}: ${String(b.result)}` };
      break;
    case 'device enroll':
      call = { method: 'POST', path: `/api/devices/${id()}/enrollment`, body: values.name ? { name: values.name } : {}, show: (b) => `enrollment code for ${target}: ${String(b.code)} (valid until ${new Date(Number(b.expiresAtMs)).toISOString()}; shown once)\non the device: onecard controller enroll --hub ${hub} --device-id ${target} --code ${String(b.code)} --key KEYFILE` };
      break;
    case 'device revoke':
      call = { method: 'POST', path: `/api/devices/${id()}/revoke`, show: () => `device ${target}: revoked; its sessions are closed and its key is refused` };
      break;
    case 'device open-door':
      call = {
        method: 'POST',
        path: `/api/devices/${id()}/commands`,
        body: { openDoor: { pointId: need('POINT_ID', positionals[3]) } },
        show: (b) => `command ${String((b.command as Json).commandId)}: ${String((b.command as Json).status)} (see 'onecard admin device commands ${target}')`,
      };
      break;
    case 'device commands':
      call = {
        method: 'GET',
        path: `/api/devices/${id()}/commands`,
        show: (b) =>
          ((b.commands ?? []) as Json[])
            .map((c) => `${new Date(Number(c.createdAtMs)).toISOString()} ${String(c.commandId)} ${String(c.action)} ${JSON.stringify(c.args)} ${String(c.status)}${c.detail ? `: ${String(c.detail)}` : ''}`)
            .join('\n') || 'no commands',
      };
      break;
    case 'person add':
      call = {
        method: 'POST',
        path: '/api/people',
        body: {
          personId: need('PERSON_ID', target), name: need('--name', values.name), type: need('--type', values.type),
          ...(values['org-unit'] ? { orgUnit: values['org-unit'] } : {}), ...(values.phone ? { phone: values.phone } : {}), ...(values.email ? { email: values.email } : {}),
        },
        show: (b) => `person ${String(b.personId)}: added, account ${String(b.accountId)}`,
      };
      break;
    case 'card add':
      call = { method: 'POST', path: '/api/cards', body: { uid: need('UID', target), personId: need('--person', values.person) }, show: (b) => `card ${String((b.card as Json).uid)}: issued to ${String((b.card as Json).personId)}` };
      break;
    case 'card show':
      call = { method: 'GET', path: `/api/cards/${id()}`, show: (b) => showCard(b.card as Json) };
      break;
    case 'card lost':
    case 'card found':
      call = { method: 'POST', path: `/api/cards/${id()}/${action}`, show: (b) => `${showCard(b.card as Json)}; blacklist version ${String(b.blacklistVersion)}` };
      break;
    case 'events': {
      const query = new URLSearchParams();
      if (values.device) query.set('deviceId', values.device);
      if (values.card) query.set('cardUid', values.card);
      if (values.held) query.set('held', '1');
      if (values['after-seq']) query.set('afterSeq', String(integerOption(values['after-seq'], 'after-seq', 0, 0, Number.MAX_SAFE_INTEGER)));
      query.set('limit', String(integerOption(values.limit, 'limit', 50, 1, 1000)));
      call = { method: 'GET', path: `/api/events?${query}`, show: showEvents };
      break;
    }
    default:
      throw new UsageError(`unknown command ${JSON.stringify(positionals.slice(0, 2).join(' '))}\n\n${USAGE}`);
  }
  const { status, body } = await send(hub, call, auth);
  if (status >= 300) {
    const e = (body.error ?? {}) as Json;
    console.error(`onecard admin: ${String(e.code ?? status)}: ${String(e.message ?? `HTTP ${status}`)}${e.field ? ` (field ${String(e.field)})` : ''}`);
    if (e.code === 'unauthenticated') console.error(`log in first: onecard admin --hub ${hub} login --operator OPERATOR_ID`);
    return 1;
  }
  console.log(values.json ? JSON.stringify(body, null, 2) : call.show(body));
  return 0;
}

/** One call of the hub API as the operator of `auth.token`, with the reason stated: its status and JSON body. */
async function send(hub: string, call: Pick<Call, 'method' | 'path' | 'body'>, auth: { token: string | null; reason?: string }): Promise<{ status: number; body: Json }> {
  const headers: Record<string, string> = {};
  if (call.body !== undefined) headers['content-type'] = 'application/json';
  if (auth.token !== null) headers.authorization = `Bearer ${auth.token}`;
  if (auth.reason !== undefined) headers['x-onecard-reason'] = encodeURIComponent(auth.reason);
  let res: Response;
  try {
    res = await fetch(hub + call.path, { method: call.method, headers, ...(call.body === undefined ? {} : { body: JSON.stringify(call.body) }) });
  } catch (err) {
    throw new Error(`cannot reach the hub at ${hub}: ${((err as Error).cause as Error | undefined)?.message ?? (err as Error).message}`, { cause: err });
  }
  return { status: res.status, body: (await res.json().catch(() => ({}))) as Json };
}

function showCard(card: Json): string {
  return `card ${String(card.uid)}: ${String(card.status)}, holder ${String(card.personId)}`;
}

function showDevices(body: Json): string {
  const devices = (body.devices ?? []) as Json[];
  if (devices.length === 0) return 'no devices';
  const rows = devices.map((d) => {
    const lag = Object.entries((d.datasets ?? {}) as Record<string, Json>).map(([name, v]) => `${name} ${String(v.appliedVersion)}/${String(v.currentVersion)}`).join(', ');
    const seen = d.lastSeenAtMs ? new Date(Number(d.lastSeenAtMs)).toISOString() : 'never';
    return `${String(d.deviceId).padEnd(20)} ${(d.online ? 'online' : 'offline').padEnd(8)} acked ${String(d.ackedSeq).padEnd(8)} seen ${seen}  ${lag}`;
  });
  return rows.join('\n');
}

function showEvents(body: Json): string {
  const events = (body.events ?? []) as Json[];
  if (events.length === 0) return 'no events';
  return events
    .map((e) => {
      const money = e.amountFen === null || e.amountFen === undefined ? '' : ` ${String(e.accountId)} ${String(e.amountFen)} fen`;
      const state = e.heldReason ? ` HELD ${String(e.heldReason)}` : e.transferId ? ' posted' : '';
      return `${new Date(Number(e.deviceTimeMs)).toISOString()} ${String(e.deviceId)}#${String(e.seq)} ${String(e.pointId)} ${String(e.kind)}${e.cardUid ? ` ${String(e.cardUid)}` : ''}${e.reason ? ` ${String(e.reason)}` : ''}${money}${e.offline ? ` offline${e.offlineAuthorised ? ' (authorised)' : ' (unauthorised)'}` : ''}${state}`;
    })
    .join('\n');
}
