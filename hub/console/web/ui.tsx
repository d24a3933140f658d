/**
 * The console's building blocks: data loading with live refresh, tables, the confirmation dialog
 * that says what an action will do, the reason prompt for personal data, and error lines.
 */
import type { ComponentChildren } from 'preact';
import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import { ApiError } from './api.js';
import { t, when } from './i18n.js';

export interface Loaded<T> {
  data: T | null;
  error: ApiError | Error | null;
  loading: boolean;
  updatedAtMs: number | null;
  reload: () => void;
}

/** A request still unanswered after this long no longer holds back the live refresh. */
const STUCK_MS = 30_000;

/**
 * Loads with `fetcher`, again whenever `deps` change, and every `refreshMs` when given (a live
 * table). A refresh keeps the data shown until the new answer arrives. A refresh tick is skipped
 * while the last request is still out: a hub answering slower than `refreshMs` would otherwise get
 * a growing pile of requests, and each new one would make the answer before it stale, so the page
 * would never show one. A change of `deps` or a `reload()` still asks again at once.
 */
export function useLoad<T>(fetcher: () => Promise<T>, deps: unknown[], refreshMs?: number): Loaded<T> {
  const [state, setState] = useState<{ data: T | null; error: ApiError | Error | null; loading: boolean; updatedAtMs: number | null }>({ data: null, error: null, loading: true, updatedAtMs: null });
  const [tick, setTick] = useState(0);
  const generation = useRef(0);
  /** When the request whose answer is awaited was sent; null when none is out. */
  const outSinceMs = useRef<number | null>(null);
  const reload = useCallback(() => setTick((n) => n + 1), []);
  useEffect(() => {
    const mine = ++generation.current;
    outSinceMs.current = Date.now();
    setState((s) => ({ ...s, loading: true }));
    /** Whether this answer is still the one wanted (a newer request makes it stale). */
    const settled = (): boolean => {
      if (mine !== generation.current) return false;
      outSinceMs.current = null;
      return true;
    };
    fetcher().then(
      (data) => settled() && setState({ data, error: null, loading: false, updatedAtMs: Date.now() }),
      (error: Error) => settled() && setState((s) => ({ ...s, error, loading: false })),
    );
  }, [...deps, tick]);
  useEffect(() => {
    if (!refreshMs) return;
    const timer = setInterval(() => {
      const since = outSinceMs.current;
      if (since === null || Date.now() - since >= STUCK_MS) reload();
    }, refreshMs);
    return () => clearInterval(timer);
  }, [refreshMs, reload]);
  return { ...state, reload };
}

/** Shows the loading line or the error of a load, else its content. */
export function Show<T>({ load, children }: { load: Loaded<T>; children: (data: T) => ComponentChildren }) {
  if (load.data === null) {
    if (load.error) return <ErrorLine error={load.error} onRetry={load.reload} />;
    return <p class="muted" data-testid="loading">{t('loading')}</p>;
  }
  return (
    <>
      {load.error && <ErrorLine error={load.error} onRetry={load.reload} />}
      {children(load.data)}
    </>
  );
}

export function ErrorLine({ error, onRetry }: { error: Error; onRetry?: () => void }) {
  const forbidden = error instanceof ApiError && error.status === 403;
  return (
    <p class="error" role="alert" data-testid="error" data-code={error instanceof ApiError ? error.code : 'error'}>
      {forbidden ? `${t('forbidden')} (${error.message})` : t('error', { message: error.message })}
      {onRetry && (
        <button type="button" class="link" onClick={onRetry}>
          {t('retry')}
        </button>
      )}
    </p>
  );
}

export interface Column<R> {
  title: string;
  cell: (row: R) => ComponentChildren;
  class?: string;
}

/** A table of rows; `key` names each row (tests find rows by it: data-key). */
export function Table<R>({ rows, columns, rowKey, rowClass, testId, empty }: { rows: readonly R[]; columns: Column<R>[]; rowKey: (r: R) => string; rowClass?: (r: R) => string; testId?: string; empty?: string }) {
  return (
    <table data-testid={testId}>
      <thead>
        <tr>
          {columns.map((c) => (
            <th class={c.class}>{c.title}</th>
          ))}
        </tr>
      </thead>
      <tbody>
        {rows.length === 0 && (
          <tr>
            <td colSpan={columns.length} class="muted">
              {empty ?? t('none')}
            </td>
          </tr>
        )}
        {rows.map((r) => (
          <tr key={rowKey(r)} data-key={rowKey(r)} class={rowClass?.(r)}>
            {columns.map((c) => (
              <td class={c.class}>{c.cell(r)}</td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export function Updated({ atMs }: { atMs: number | null }) {
  return atMs ? <span class="muted small">{t('lastUpdated', { time: when(atMs) })}</span> : null;
}

/**
 * An action button that first shows what will happen (`consequence`) and does it on confirm;
 * the answer or the hub's refusal is shown beside it.
 */
export function ConfirmAction({ label, consequence, run, onDone, testId, disabled }: { label: string; consequence: () => ComponentChildren; run: () => Promise<unknown>; onDone?: (result: unknown) => void; testId?: string; disabled?: boolean }) {
  const [open, setOpen] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<Error | null>(null);
  const [done, setDone] = useState(false);
  const confirm = async () => {
    setBusy(true);
    setError(null);
    try {
      const result = await run();
      setDone(true);
      setOpen(false);
      onDone?.(result);
    } catch (err) {
      setError(err as Error);
    } finally {
      setBusy(false);
    }
  };
  return (
    <span class="action">
      <button type="button" data-testid={testId} disabled={disabled || busy} onClick={() => { setOpen(true); setDone(false); setError(null); }}>
        {label}
      </button>
      {done && <span class="ok small">{t('done')}</span>}
      {error && !open && <ErrorLine error={error} />}
      {open && (
        <div class="dialog-backdrop">
          <div class="dialog" role="dialog" aria-modal="true" data-testid="confirm-dialog">
            <h3>{label}</h3>
            <div class="consequence">{consequence()}</div>
            {error && <ErrorLine error={error} />}
            <div class="buttons">
              <button type="button" class="primary" data-testid="confirm" disabled={busy} onClick={confirm}>
                {t('confirm')}
              </button>
              <button type="button" onClick={() => setOpen(false)}>
                {t('cancel')}
              </button>
            </div>
          </div>
        </div>
      )}
    </span>
  );
}

/** The reason field personal data needs; the page sends what is typed with its request. */
export function ReasonField({ value, onInput }: { value: string; onInput: (v: string) => void }) {
  return (
    <label class="reason" title={t('reasonHint')}>
      {t('reason')}
      <input data-testid="reason" value={value} required maxLength={200} placeholder={t('reasonHint')} onInput={(e) => onInput((e.target as HTMLInputElement).value)} />
    </label>
  );
}

/** A small labelled figure for summaries. */
export function Figure({ label, value, testId, warn }: { label: string; value: ComponentChildren; testId?: string; warn?: boolean }) {
  return (
    <div class={warn ? 'figure warn' : 'figure'} data-testid={testId}>
      <div class="value">{value}</div>
      <div class="label">{label}</div>
    </div>
  );
}
