/**
 * The console's building blocks: data loading with live refresh, tables, the confirmation dialog
 * that says what an action will do, the reason prompt for personal data, and error lines.
 */
import type { ComponentChildren } from 'preact';
import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import { ApiError } from './api.js';
import { lang, t, when } from './i18n.js';

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

/**
 * The hub's refusals said in Chinese, by code (hub/outcome.ts, docs/errors.md); the hub's own
 * message (English, naming the field and the figures) follows in brackets. English readers get the
 * hub's message alone. four_eyes_required is explained by the finance page itself.
 */
const ZH_REFUSALS: Readonly<Record<string, string>> = {
  invalid_json: '请求不是有效的 JSON', invalid_body: '填写的内容有误', invalid_query: '查询条件有误', body_too_large: '提交的内容过大',
  not_found: '找不到该对象', device_exists: '该设备已存在', person_exists: '该人员已存在', card_exists: '该卡号已被使用',
  person_has_active_card: '此人已有一张正常使用的卡', unknown_person: '没有这个人员', card_already_lost: '该卡已挂失', card_not_lost: '该卡未挂失',
  card_replaced: '该卡已补换，永久禁用', card_cancelled: '该卡已注销，永久禁用', balance_short: '余额不足', balance_owed: '账户欠款未结清',
  account_closed: '账户已销户', import_rows_invalid: '导入的数据有误', enrollment_refused: '设备注册被拒绝', room_exists: '该房间已存在',
  account_kind_refused: '此类账户不能进行该操作', exists_with_different_amount: '该流水号已用于另一金额', exists_with_different_accounts: '该流水号已用于其他账户',
  unauthenticated: '登录已失效，请重新登录', password_change_required: '需先修改密码', reason_required: '查看个人信息须填写查询理由',
  login_failed: '账号或密码错误', login_locked: '尝试次数过多，请稍后再试', operator_exists: '该操作员已存在', last_admin: '不能移除最后一名管理员',
  merchant_exists: '该商户已存在', unknown_device: '没有这个设备', unknown_operator: '没有这个操作员', period_not_ended: '该结算月份尚未结束',
  devices_unbound: '有设备未绑定商户', period_out_of_range: '只能查看本月和上月', not_correctable: '这笔流水不能纠错', refund_exceeds_charge: '退款金额超过原消费',
  correction_not_open: '该纠错单已处理', channel_list_invalid: '渠道清单有误', ticket_transition_refused: '工单当前状态不允许此操作',
};

/** What went wrong, in the console's language where the hub's code is known. */
export function refusalText(error: Error): string {
  const zh = lang() === 'zh-CN' && error instanceof ApiError ? ZH_REFUSALS[error.code] : undefined;
  return zh ? `${zh}（${error.message}）` : error.message;
}

export function ErrorLine({ error, onRetry }: { error: Error; onRetry?: () => void }) {
  // The role's refusal by its code: other refusals with 403 (password_change_required, four eyes) are not about the role.
  const forbidden = error instanceof ApiError && error.code === 'forbidden';
  return (
    <p class="error" role="alert" data-testid="error" data-code={error instanceof ApiError ? error.code : 'error'}>
      {forbidden ? `${t('forbidden')} (${error.message})` : t('error', { message: refusalText(error) })}
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
