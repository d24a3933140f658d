/**
 * The console's only way to the hub: the operator API on the same origin, with the operator's
 * bearer token (kept in sessionStorage, so it ends with the tab). Every action is the same request
 * the CLI makes, so the hub's gate checks the role and writes the audit log. Personal data is asked
 * for with the operator's stated reason (the `reason` query parameter, which may hold Chinese).
 */
export interface Session {
  token: string;
  operatorId: string;
  name: string;
  roles: string[];
  mustChangePassword: boolean;
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly field?: string,
  ) {
    super(message);
  }
}

const KEY = 'onecard.session';

export function savedSession(): Session | null {
  try {
    const text = sessionStorage.getItem(KEY);
    return text ? (JSON.parse(text) as Session) : null;
  } catch {
    return null;
  }
}

let session: Session | null = savedSession();
let onExpired: () => void = () => undefined;

export function currentSession(): Session | null {
  return session;
}

/** Called when the hub says the token is no longer valid (expired, revoked, operator disabled). */
export function whenSessionExpires(f: () => void): void {
  onExpired = f;
}

export interface CallOptions {
  body?: unknown;
  reason?: string;
  query?: Record<string, string | number | boolean | undefined>;
}

async function request(method: string, path: string, opts: CallOptions = {}): Promise<Response> {
  const url = new URL(path, location.origin);
  for (const [k, v] of Object.entries(opts.query ?? {})) if (v !== undefined && v !== '') url.searchParams.set(k, String(v));
  if (opts.reason) url.searchParams.set('reason', opts.reason);
  const headers: Record<string, string> = { accept: 'application/json' };
  if (session) headers.authorization = `Bearer ${session.token}`;
  if (opts.body !== undefined) headers['content-type'] = 'application/json';
  const res = await fetch(url, { method, headers, ...(opts.body !== undefined ? { body: JSON.stringify(opts.body) } : {}) });
  if (res.status === 401 && session) {
    session = null;
    sessionStorage.removeItem(KEY);
    onExpired();
  }
  return res;
}

async function failure(res: Response): Promise<ApiError> {
  let body: { error?: { code?: string; message?: string; field?: string } } = {};
  try {
    body = (await res.json()) as typeof body;
  } catch {
    // not JSON
  }
  return new ApiError(res.status, body.error?.code ?? `http_${res.status}`, body.error?.message ?? res.statusText, body.error?.field);
}

/** A JSON call; a refusal throws ApiError with the hub's code and message. */
export async function call<T = Record<string, unknown>>(method: string, path: string, opts: CallOptions = {}): Promise<T> {
  const res = await request(method, path, opts);
  if (!res.ok) throw await failure(res);
  return (await res.json()) as T;
}

/** A text answer (CSV, a printable page). */
export async function callText(path: string, opts: CallOptions = {}): Promise<string> {
  const res = await request('GET', path, opts);
  if (!res.ok) throw await failure(res);
  return res.text();
}

export async function login(operatorId: string, password: string): Promise<Session> {
  const answer = await call<{ token: string; operator: { operatorId: string; name: string; roles: string[]; passwordMustChange?: boolean } }>('POST', '/api/session', { body: { operatorId, password } });
  session = { token: answer.token, operatorId: answer.operator.operatorId, name: answer.operator.name, roles: answer.operator.roles, mustChangePassword: answer.operator.passwordMustChange ?? false };
  sessionStorage.setItem(KEY, JSON.stringify(session));
  return session;
}

/** Sets one's own password (the hub asks for it after an admin made or reset it). */
export async function changePassword(currentPassword: string, password: string): Promise<void> {
  if (!session) throw new ApiError(401, 'unauthenticated', 'not logged in');
  await call('POST', `/api/operators/${encodeURIComponent(session.operatorId)}/password`, { body: { currentPassword, password } });
  session = { ...session, mustChangePassword: false };
  sessionStorage.setItem(KEY, JSON.stringify(session));
}

export async function logout(): Promise<void> {
  try {
    if (session) await call('DELETE', '/api/session');
  } finally {
    session = null;
    sessionStorage.removeItem(KEY);
  }
}

/** Saves a text as a file download (CSV export), with one byte order mark (a text from the hub may carry its own). */
export function download(name: string, text: string, type = 'text/csv;charset=utf-8'): void {
  const a = document.createElement('a');
  a.href = URL.createObjectURL(new Blob(['\ufeff', text.replace(/^\uFEFF/, '')], { type }));
  a.download = name;
  a.click();
  setTimeout(() => URL.revokeObjectURL(a.href), 1000);
}
