/**
 * Audit log (审计日志, auditor): who did what, when, to which target, with what outcome, and the
 * reason stated for a look-up of personal data; filtered by operator, action (an action such as
 * card.lost or a prefix such as card.) and time range, newest first, paged with the hub's
 * nextBeforeId. A row opens to the request and the target's row before and after.
 * The action list comes from the API's own description (operationId = action).
 */
import { useRef, useState } from 'preact/hooks';
import { call } from '../api.js';
import { lang, strings, when } from '../i18n.js';
import type { PageProps } from '../pages.js';
import { Show, Table, Updated, useLoad } from '../ui.js';

interface Entry {
  id: number;
  atMs: number;
  operatorId: string | null;
  action: string;
  method: string;
  path: string;
  remoteAddress: string;
  targetKind: string | null;
  targetId: string | null;
  reason: string | null;
  status: number;
  outcome: string;
  request: unknown;
  before: unknown;
  after: unknown;
}

/** The part of the API's description read here: each operation's id is its audit action. */
interface OpenApi {
  paths: Record<string, Record<string, { operationId?: string; summary?: string }>>;
}

const PAGE = 50;

const T = strings({
  zh: {
    operator: '操作员', action: '操作', actionHint: '如 card.lost，或前缀 card.', from: '起始时间', to: '截止时间', apply: '筛选', reset: '清除条件', refresh: '刷新',
    time: '时间', target: '对象', outcome: '结果', reason: '查询理由', request: '请求', address: '来源地址', details: '详情', hide: '收起',
    ok: '成功', refused: '拒绝', failed: '失败', newest: '最新', newer: '较新', older: '较早', page: '第 {n} 页', none: '没有符合条件的记录',
    before: '修改前', after: '修改后', body: '请求内容', system: '（系统）', badRange: '截止时间须晚于起始时间',
    person: '人员', card: '卡', device: '设备', account: '账户', room: '房间', tariff: '费率', schedule: '时段', holiday: '节假日', operator_kind: '操作员', merchant: '商户', correction: '纠错单', ticket: '工单',
  },
  en: {
    operator: 'Operator', action: 'Action', actionHint: 'e.g. card.lost, or a prefix card.', from: 'From', to: 'Until', apply: 'Filter', reset: 'Clear', refresh: 'Refresh',
    time: 'Time', target: 'Target', outcome: 'Outcome', reason: 'Reason', request: 'Request', address: 'From address', details: 'Details', hide: 'Hide',
    ok: 'ok', refused: 'refused', failed: 'failed', newest: 'Newest', newer: 'Newer', older: 'Older', page: 'page {n}', none: 'No entry matches',
    before: 'Before', after: 'After', body: 'Request', system: '(system)', badRange: 'Until must be after From',
    person: 'person', card: 'card', device: 'device', account: 'account', room: 'room', tariff: 'tariff', schedule: 'schedule', holiday: 'holiday', operator_kind: 'operator', merchant: 'merchant', correction: 'correction', ticket: 'ticket',
  },
});

interface Filters {
  operatorId: string;
  action: string;
  from: string;
  to: string;
}
const NO_FILTERS: Filters = { operatorId: '', action: '', from: '', to: '' };

/** A datetime-local value (the browser's time) as Unix ms; undefined when empty. */
const msOf = (local: string): number | undefined => (local ? new Date(local).getTime() : undefined);

function outcomeBadge(e: Entry) {
  const cls = e.outcome === 'ok' ? 'badge good' : e.status === 403 ? 'badge bad' : 'badge warn';
  const word = e.outcome === 'ok' ? T('ok') : e.status === 403 ? T('refused') : T('failed');
  return (
    <span class={cls} data-testid="outcome" data-outcome={e.outcome}>
      {word} {e.outcome === 'ok' ? '' : e.outcome} · {e.status}
    </span>
  );
}

const KINDS = ['person', 'card', 'device', 'account', 'room', 'tariff', 'schedule', 'holiday', 'merchant', 'correction', 'ticket'] as const;
/** The kind of an action's target in the operator's words (the hub's name otherwise). */
const kindName = (kind: string) => (kind === 'operator' ? T('operator_kind') : (KINDS as readonly string[]).includes(kind) ? T(kind as (typeof KINDS)[number]) : kind);

const json = (v: unknown) => JSON.stringify(v, null, 2);

export function Audit(_props: PageProps) {
  const [draft, setDraft] = useState<Filters>(NO_FILTERS);
  const [filters, setFilters] = useState<Filters>(NO_FILTERS);
  /** beforeId of each page shown so far; the last is the current page's (undefined: the newest). */
  const [cursors, setCursors] = useState<(number | undefined)[]>([undefined]);
  const [rangeError, setRangeError] = useState(false);
  /** The entry whose request and target rows are shown under the table. */
  const [open, setOpen] = useState<Entry | null>(null);
  const beforeId = cursors[cursors.length - 1];
  /** Counts the answers shown, so a reader (and a test) can tell a new answer from the last. */
  const answers = useRef(0);
  const load = useLoad(async () => {
    const answer = await call<{ entries: Entry[]; nextBeforeId: number | null }>('GET', '/api/audit', {
      query: { operatorId: filters.operatorId.trim() || undefined, action: filters.action.trim() || undefined, from: msOf(filters.from), to: msOf(filters.to), beforeId, limit: PAGE },
    });
    return { ...answer, answer: ++answers.current };
  }, [filters, beforeId]);
  // Suggestions: the operators (the auditor may list them) and the actions of the API.
  const operators = useLoad(() => call<{ operators: { operatorId: string; name: string }[] }>('GET', '/api/operators').catch(() => ({ operators: [] })), []);
  const actions = useLoad(() => call<OpenApi>('GET', '/api/openapi.json').catch((): OpenApi => ({ paths: {} })), []);
  const operations = Object.values(actions.data?.paths ?? {}).flatMap((ops) => Object.values(ops));
  const summaries = new Map(operations.filter((o) => o.operationId).map((o) => [o.operationId!, o.summary ?? '']));
  const actionList = [...summaries.keys()].sort();
  const prefixes = [...new Set(actionList.map((a) => `${a.split('.')[0]!}.`))];

  const apply = (next: Filters) => {
    const from = msOf(next.from);
    const to = msOf(next.to);
    if (from !== undefined && to !== undefined && to <= from) {
      setRangeError(true);
      return;
    }
    setRangeError(false);
    setFilters(next);
    setCursors([undefined]);
  };
  const input = (key: keyof Filters) => ({ value: draft[key], onInput: (e: Event) => setDraft({ ...draft, [key]: (e.target as HTMLInputElement).value }) });

  return (
    <div class="audit">
      <form
        class="toolbar"
        data-testid="audit-filters"
        onSubmit={(e) => {
          e.preventDefault();
          apply(draft);
        }}
      >
        <label>
          {T('operator')}
          <input name="operatorId" list="audit-operators" maxLength={64} {...input('operatorId')} />
        </label>
        <label>
          {T('action')}
          <input name="action" list="audit-actions" placeholder={T('actionHint')} pattern="[a-z_]+(\.[a-z_]*)?" {...input('action')} />
        </label>
        <label>
          {T('from')}
          <input name="from" type="datetime-local" step={1} {...input('from')} />
        </label>
        <label>
          {T('to')}
          <input name="to" type="datetime-local" step={1} {...input('to')} />
        </label>
        <button type="submit" class="primary" data-testid="audit-apply">
          {T('apply')}
        </button>
        <button
          type="button"
          data-testid="audit-reset"
          onClick={() => {
            setDraft(NO_FILTERS);
            apply(NO_FILTERS);
          }}
        >
          {T('reset')}
        </button>
        <button type="button" data-testid="audit-refresh" onClick={load.reload}>
          {T('refresh')}
        </button>
        <datalist id="audit-operators">
          {(operators.data?.operators ?? []).map((o) => (
            <option value={o.operatorId}>{o.name}</option>
          ))}
        </datalist>
        <datalist id="audit-actions">
          {[...prefixes, ...actionList].map((a) => (
            <option value={a}>{summaries.get(a) ?? ''}</option>
          ))}
        </datalist>
      </form>
      {rangeError && <p class="error">{T('badRange')}</p>}
      <Show load={load}>
        {({ entries, nextBeforeId, answer }) => (
          <div data-testid="audit-result" data-answer={answer}>
            <Updated atMs={load.updatedAtMs} />
            <Table
              testId="audit"
              rows={entries}
              empty={T('none')}
              rowKey={(e) => String(e.id)}
              rowClass={(e) => (e.status === 403 ? 'bad' : e.outcome !== 'ok' ? 'warn' : '')}
              columns={[
                { title: T('time'), class: 'nowrap', cell: (e) => when(e.atMs) },
                { title: T('operator'), cell: (e) => <span data-testid="operator">{e.operatorId ?? T('system')}</span> },
                {
                  title: T('action'),
                  cell: (e) => (
                    <>
                      <code data-testid="action">{e.action}</code>
                      {lang() === 'en' && summaries.get(e.action) && <div class="muted small">{summaries.get(e.action)}</div>}
                    </>
                  ),
                },
                { title: T('target'), cell: (e) => (e.targetKind ? <span data-testid="target" title={e.targetKind}>{`${kindName(e.targetKind)} ${e.targetId ?? ''}`}</span> : '—') },
                { title: T('outcome'), class: 'nowrap', cell: (e) => outcomeBadge(e) },
                { title: T('reason'), cell: (e) => <span data-testid="reason">{e.reason ?? ''}</span> },
                { title: T('request'), cell: (e) => <span class="small muted">{`${e.method} ${e.path}`}</span> },
                { title: T('address'), class: 'small', cell: (e) => e.remoteAddress },
                {
                  title: '',
                  cell: (e) =>
                    e.request !== null || e.before !== null || e.after !== null ? (
                      <button type="button" class="link" data-testid="audit-details" onClick={() => setOpen(open?.id === e.id ? null : e)}>
                        {open?.id === e.id ? T('hide') : T('details')}
                      </button>
                    ) : null,
                },
              ]}
            />
            {open && <Details key={open.id} entry={open} onClose={() => setOpen(null)} />}
            <div class="toolbar pager">
              <button type="button" data-testid="audit-newest" disabled={cursors.length === 1} onClick={() => setCursors([undefined])}>
                {T('newest')}
              </button>
              <button type="button" data-testid="audit-newer" disabled={cursors.length === 1} onClick={() => setCursors(cursors.slice(0, -1))}>
                {T('newer')}
              </button>
              <span class="muted small" data-testid="audit-page">
                {T('page', { n: cursors.length })}
              </span>
              <button type="button" data-testid="audit-older" disabled={nextBeforeId === null} onClick={() => nextBeforeId !== null && setCursors([...cursors, nextBeforeId])}>
                {T('older')}
              </button>
            </div>
          </div>
        )}
      </Show>
    </div>
  );
}

function Details({ entry: e, onClose }: { entry: Entry; onClose: () => void }) {
  const parts: [string, unknown][] = [
    [T('body'), e.request],
    [T('before'), e.before],
    [T('after'), e.after],
  ];
  return (
    <section class="panel audit-details" data-testid="audit-entry" data-id={e.id}>
      <h3>
        #{e.id} · {when(e.atMs)} · {e.operatorId ?? T('system')} · <code>{e.action}</code> · {outcomeBadge(e)}{' '}
        <button type="button" class="link" onClick={onClose}>
          {T('hide')}
        </button>
      </h3>
      <div class="columns">
        {parts
          .filter(([, v]) => v !== null && v !== undefined)
          .map(([title, v]) => (
            <div>
              <div class="muted small">{title}</div>
              <pre>{json(v)}</pre>
            </div>
          ))}
      </div>
    </section>
  );
}
