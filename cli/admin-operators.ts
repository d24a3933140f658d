/**
 * `onecard admin` for operators, sessions and the audit log: login (the token saved for this hub,
 * cli/admin-session.ts), logout, whoami, operator add|list|show|disable|enable|roles|password, and
 * audit. Each is one or two calls of the hub API (hub/api-operators.ts).
 */
import { UsageError, integerOption } from './args.js';
import { time, type Json } from './admin-call.js';
import { SecretReader, forgetSession, saveSession, tokenFilePath } from './admin-session.js';

export const OPERATOR_USAGE = `  login --operator OPERATOR_ID [--password-file F]     log in; the token is saved for this hub (mode 0600) in
                                                        $ONECARD_TOKEN_FILE or ~/.config/onecard/token
  logout                                                end this session (the token is revoked and forgotten)
  whoami                                                the operator and session of the token
  operator list
  operator show OPERATOR_ID
  operator add OPERATOR_ID --name NAME --role ROLE [--role ROLE ...] [--password-file F]
                                                        roles: card_office finance facilities maintenance auditor merchant admin;
                                                        without --password-file the hub makes one, shown once; it is
                                                        changed at the first login either way
  operator roles OPERATOR_ID --role ROLE [--role ...]   replace the roles
  operator disable OPERATOR_ID                          no more logins; their sessions end now
  operator enable OPERATOR_ID
  operator password OPERATOR_ID [--password-file F] [--current-password-file F]
                                                        your own (asks the current one too), or an admin's reset
  audit [--operator ID] [--action ACTION|PREFIX.] [--from TIME] [--to TIME] [--limit N] [--before-id N]`;

export const OPERATOR_OPTIONS = {
  token: { type: 'string' }, reason: { type: 'string' }, operator: { type: 'string' }, role: { type: 'string', multiple: true },
  'password-file': { type: 'string' }, 'current-password-file': { type: 'string' }, action: { type: 'string' },
  from: { type: 'string' }, to: { type: 'string' }, 'before-id': { type: 'string' },
} as const;

export type Send = (call: { method: string; path: string; body?: Json; token?: string | null }) => Promise<{ status: number; body: Json }>;

export interface OperatorCommandContext {
  hub: string;
  object: string;
  action: string | undefined;
  target: string | undefined;
  values: Record<string, string | boolean | string[] | undefined>;
  usage: string;
  send: Send;
  out: (line: string) => void;
  err: (line: string) => void;
}

const OBJECTS = new Set(['login', 'logout', 'whoami', 'operator', 'audit']);

/** Runs an operator, session or audit command; null when `object` is none of them. */
export async function runOperatorCommand(ctx: OperatorCommandContext): Promise<number | null> {
  if (!OBJECTS.has(ctx.object)) return null;
  const { values, send, out } = ctx;
  const str = (name: string) => (typeof values[name] === 'string' ? (values[name] as string) : undefined);
  const need = (what: string, value: string | undefined): string => {
    if (!value) throw new UsageError(`${ctx.object} ${ctx.action ?? ''}: ${what} is required\n\n${ctx.usage}`);
    return value;
  };
  const roles = (): string[] => {
    const r = values.role;
    const list = Array.isArray(r) ? r : typeof r === 'string' ? [r] : [];
    if (list.length === 0) throw new UsageError(`${ctx.object} ${ctx.action ?? ''}: --role is required\n\n${ctx.usage}`);
    return list;
  };
  const secrets = new SecretReader();
  /** One call; an API error is printed and gives exit code 1. */
  const call = async (method: string, path: string, body?: Json, token?: string | null): Promise<Json | null> => {
    const res = await send({ method, path, ...(body ? { body } : {}), ...(token !== undefined ? { token } : {}) });
    if (res.status < 300) return res.body;
    const e = (res.body.error ?? {}) as Json;
    ctx.err(`onecard admin: ${String(e.code ?? res.status)}: ${String(e.message ?? `HTTP ${res.status}`)}${e.field ? ` (field ${String(e.field)})` : ''}`);
    return null;
  };
  const print = (body: Json | null, text: (b: Json) => string): number => {
    if (!body) return 1;
    out(values.json ? JSON.stringify(body, null, 2) : text(body));
    return 0;
  };
  const id = () => encodeURIComponent(need('OPERATOR_ID', ctx.target));

  switch (ctx.object === 'operator' ? `operator ${ctx.action ?? ''}` : ctx.object) {
    case 'login': {
      const operatorId = need('--operator', str('operator'));
      const password = await secrets.read(`password for ${operatorId}: `, str('password-file'));
      const body = await call('POST', '/api/session', { operatorId, password }, null);
      if (!body) return 1;
      const operator = body.operator as Json;
      await saveSession(ctx.hub, { token: String(body.token), operatorId, expiresAtMs: Number(body.expiresAtMs) });
      return print(body, () =>
        [
          `logged in to ${ctx.hub} as ${operatorId} (${(operator.roles as string[]).join(', ')}) until ${time(body.expiresAtMs)}; token saved in ${tokenFilePath()}`,
          ...(operator.passwordMustChange ? [`set your own password now: onecard admin operator password ${operatorId}`] : []),
        ].join('\n'),
      );
    }
    case 'logout': {
      const body = await call('DELETE', '/api/session');
      const forgotten = await forgetSession(ctx.hub);
      if (!body) return 1;
      return print(body, () => `logged out of ${ctx.hub}${forgotten ? '; token forgotten' : ''}`);
    }
    case 'whoami':
      return print(await call('GET', '/api/session'), (b) => `${showOperator(b.operator as Json)}; session until ${time((b.session as Json).expiresAtMs)}`);
    case 'operator list':
      return print(await call('GET', '/api/operators'), (b) => ((b.operators ?? []) as Json[]).map(showOperator).join('\n') || 'no operators');
    case 'operator show':
      return print(await call('GET', `/api/operators/${id()}`), (b) => showOperator(b.operator as Json));
    case 'operator add': {
      const file = str('password-file');
      const body: Json = { operatorId: need('OPERATOR_ID', ctx.target), name: need('--name', str('name')), roles: roles() };
      if (file !== undefined) body.password = await secrets.read('', file);
      return print(await call('POST', '/api/operators', body), (b) =>
        [
          `operator added: ${showOperator(b.operator as Json)}`,
          ...(b.password ? [`one-time password (shown once; give it to ${String(body.operatorId)} in person): ${String(b.password)}`] : []),
          `${String(body.operatorId)} sets their own password at the first login`,
        ].join('\n'),
      );
    }
    case 'operator roles':
      return print(await call('PATCH', `/api/operators/${id()}`, { roles: roles() }), (b) => showOperator(b.operator as Json));
    case 'operator disable':
    case 'operator enable':
      return print(await call('PATCH', `/api/operators/${id()}`, { disabled: ctx.action === 'disable' }), (b) => showOperator(b.operator as Json));
    case 'operator password': {
      const operatorId = need('OPERATOR_ID', ctx.target);
      const me = await call('GET', '/api/session');
      if (!me) return 1;
      const self = (me.operator as Json).operatorId === operatorId;
      const body: Json = {};
      if (self) body.currentPassword = await secrets.read('current password: ', str('current-password-file'));
      body.password = await secrets.read(`new password for ${operatorId}: `, str('password-file'));
      if (!self && str('password-file') === undefined && process.stdin.isTTY) {
        if ((await secrets.read('the same again: ', undefined)) !== body.password) throw new Error('the two passwords differ: nothing changed');
      }
      return print(await call('POST', `/api/operators/${id()}/password`, body), (b) => `operator ${operatorId}: password ${String(b.result)}`);
    }
    case 'audit': {
      const query = new URLSearchParams();
      for (const [option, param] of [['operator', 'operatorId'], ['action', 'action'], ['from', 'from'], ['to', 'to']] as const) {
        const v = str(option);
        if (v !== undefined) query.set(param, v);
      }
      if (str('before-id') !== undefined) query.set('beforeId', String(integerOption(str('before-id'), 'before-id', 1, 1, Number.MAX_SAFE_INTEGER)));
      query.set('limit', String(integerOption(str('limit'), 'limit', 50, 1, 1000)));
      return print(await call('GET', `/api/audit?${query}`), showAudit);
    }
    default:
      throw new UsageError(`unknown command ${JSON.stringify(`${ctx.object} ${ctx.action ?? ''}`.trim())}\n\n${ctx.usage}`);
  }
}

function showOperator(o: Json): string {
  const state = o.disabledAtMs !== null ? 'disabled' : o.lockedUntilMs !== null && Number(o.lockedUntilMs) > Date.now() ? `locked until ${time(o.lockedUntilMs)}` : 'enabled';
  return `${String(o.operatorId).padEnd(16)} ${String(o.name)}: ${(o.roles as string[]).join(', ')}; ${state}${o.passwordMustChange ? '; must set a password' : ''}`;
}

function showAudit(body: Json): string {
  const entries = (body.entries ?? []) as Json[];
  if (entries.length === 0) return 'no entries';
  const lines = entries.map((e) => {
    const target = e.targetKind ? ` ${String(e.targetKind)} ${String(e.targetId)}` : '';
    const reason = e.reason ? ` reason ${JSON.stringify(e.reason)}` : '';
    const change = e.before !== null || e.after !== null ? ` ${JSON.stringify(diff(e.before as Json | null, e.after as Json | null))}` : '';
    return `#${String(e.id)} ${time(e.atMs)} ${String(e.operatorId ?? '-')} from ${String(e.remoteAddress)} ${String(e.action)} ${String(e.method)} ${String(e.path)} -> ${String(e.status)} ${String(e.outcome)}${target}${reason}${change}`;
  });
  if (body.nextBeforeId !== null && body.nextBeforeId !== undefined) lines.push(`(more: --before-id ${String(body.nextBeforeId)})`);
  return lines.join('\n');
}

/** The columns an action changed: {column: [before, after]}; a created or removed row whole. */
function diff(before: Json | null, after: Json | null): Json {
  if (before === null || after === null) return { before, after };
  const changed: Json = {};
  for (const key of new Set([...Object.keys(before), ...Object.keys(after)])) {
    if (JSON.stringify(before[key]) !== JSON.stringify(after[key])) changed[key] = [before[key], after[key]];
  }
  return changed;
}
