/**
 * Maintenance, repair tickets: the list by status and category (newest first, refreshed, in pages
 * of PAGE tickets: the hub's beforeId / nextBeforeId), a
 * ticket's detail with its steps (who acted, when, the note) and the events attached, the workflow
 * buttons for the statuses the ticket may go to next (maintenance and facilities; hub/tickets.ts),
 * and the form for a resident's repair request (card office and maintenance).
 *
 * A resident's name, student number and phone come masked from the hub (李*, ******3456); the dorm
 * room and the description, which repair staff need, in full. "Show contact" asks for a reason and
 * fetches the ticket again with contact=1: the hub's gate logs the reason in the audit log.
 */
import { useState } from 'preact/hooks';
import { call, currentSession } from '../api.js';
import { strings, when } from '../i18n.js';
import { can } from '../pages.js';
import { ConfirmAction, ErrorLine, ReasonField, Show, Table, Updated, useLoad } from '../ui.js';

export const STATUSES = ['open', 'assigned', 'in_progress', 'resolved', 'closed', 'rejected'] as const;
export const CATEGORIES = ['electricity_meter', 'water_meter', 'door', 'consumption', 'permissions', 'other'] as const;
type Status = (typeof STATUSES)[number];
type Category = (typeof CATEGORIES)[number];
type Source = 'self_test' | 'alarm' | 'resident';

/** Where a ticket may go from each status (as hub/tickets.ts allows). */
const NEXT: Readonly<Record<Status, readonly Status[]>> = {
  open: ['assigned', 'rejected'],
  assigned: ['assigned', 'in_progress', 'rejected'],
  in_progress: ['assigned', 'resolved', 'rejected'],
  resolved: ['closed', 'in_progress'],
  closed: [],
  rejected: [],
};

interface Ticket {
  ticketId: number;
  source: Source;
  category: Category;
  status: Status;
  deviceId: string | null;
  component: string | null;
  description: string;
  /** `masked`: name, student number and phone masked by the hub (full only with contact=1 and a reason). */
  resident: Resident | null;
  reportedAtMs: number;
  assignee: string | null;
  occurrences: number;
  lastSeenAtMs: number;
  createdAtMs: number;
  updatedAtMs: number;
}
interface Resident {
  name: string;
  studentNumber: string;
  phone: string;
  dormRoom: string;
  masked: boolean;
}
interface TicketDetail extends Ticket {
  steps: { fromStatus: Status | null; toStatus: Status; operatorId: string; note: string; atMs: number }[];
  events: { deviceId: string; seq: number; kind: string; summary: string; attachedAtMs: number }[];
}

const T = strings({
  zh: {
    tickets: '报修工单', status: '状态', category: '类别', all: '全部', source: '来源', id: '单号', where: '设备 / 部件', description: '描述', resident: '报修人', room: '宿舍',
    occurrences: '次数', assignee: '负责人', updated: '更新时间', reported: '报修时间', show: '详情', none: '没有符合条件的工单',
    open: '待处理', assigned: '已指派', in_progress: '处理中', resolved: '已修复', closed: '已关闭', rejected: '已驳回',
    electricity_meter: '电表', water_meter: '水控 / 水表', door: '门禁', consumption: '消费', permissions: '权限', other: '其他',
    self_test: '自检', alarm: '告警', resident_source: '住户报修',
    ticket: '工单 #{id}', steps: '处理记录', from: '原状态', to: '新状态', operator: '操作员', note: '备注', at: '时间', events: '关联事件', kind: '类型', summary: '摘要',
    studentNumber: '学号', phone: '电话', name: '姓名', dormRoom: '宿舍房间', deviceId: '设备编号（可选）', submit: '登记报修', request: '住户报修登记',
    requested: '已登记报修单 #{id}', close: '关闭详情',
    go_assigned: '指派', go_reassign: '改派', go_in_progress: '开始处理', go_again: '重新处理', go_resolved: '标记已修复', go_closed: '关闭工单', go_rejected: '驳回',
    moveWhat: '工单 #{id} 将从“{from}”变为“{to}”，记入处理记录（操作员 {me}）。', assignTo: '指派给（操作员账号）', noteOptional: '备注（可选）',
    noWorkflow: '您的角色可以查看和登记报修，工单流转由运维或后勤处理。',
    masked: '（已隐去部分信息）', showContact: '显示联系方式', showContactGo: '显示', hideContact: '隐藏联系方式', cancel: '取消',
    contactWhy: '完整姓名、学号和电话属个人信息：填写理由后显示，理由记入审计日志。',
    newest: '最新', newer: '较新', older: '较早', page: '第 {n} 页',
  },
  en: {
    tickets: 'Repair tickets', status: 'Status', category: 'Category', all: 'All', source: 'Source', id: 'No.', where: 'Device / component', description: 'Description', resident: 'Reported by', room: 'Room',
    occurrences: 'Count', assignee: 'Assignee', updated: 'Updated', reported: 'Reported', show: 'Details', none: 'No ticket matches',
    open: 'open', assigned: 'assigned', in_progress: 'in progress', resolved: 'resolved', closed: 'closed', rejected: 'rejected',
    electricity_meter: 'electricity meter', water_meter: 'water', door: 'door', consumption: 'consumption', permissions: 'permissions', other: 'other',
    self_test: 'self-test', alarm: 'alarm', resident_source: 'resident',
    ticket: 'Ticket #{id}', steps: 'Steps', from: 'From', to: 'To', operator: 'Operator', note: 'Note', at: 'When', events: 'Events attached', kind: 'Kind', summary: 'Summary',
    studentNumber: 'Student number', phone: 'Phone', name: 'Name', dormRoom: 'Dorm room', deviceId: 'Device (optional)', submit: 'File request', request: "A resident's repair request",
    requested: 'Request #{id} filed', close: 'Close',
    go_assigned: 'Assign', go_reassign: 'Reassign', go_in_progress: 'Start work', go_again: 'Reopen work', go_resolved: 'Mark resolved', go_closed: 'Close ticket', go_rejected: 'Reject',
    moveWhat: 'Ticket #{id} goes from "{from}" to "{to}", recorded in its steps (operator {me}).', assignTo: 'Assign to (operator id)', noteOptional: 'Note (optional)',
    noWorkflow: 'Your role may read tickets and file requests; maintenance or facilities move them on.',
    masked: '(partly hidden)', showContact: 'Show contact', showContactGo: 'Show', hideContact: 'Hide contact', cancel: 'Cancel',
    contactWhy: 'The full name, student number and phone are personal data: shown for a stated reason, which is written to the audit log.',
    newest: 'Newest', newer: 'Newer', older: 'Older', page: 'page {n}',
  },
});

export const statusName = (s: string) => ((STATUSES as readonly string[]).includes(s) ? T(s as Status) : s);
export const categoryName = (c: string) => ((CATEGORIES as readonly string[]).includes(c) ? T(c as Category) : c);
const sourceName = (s: Source) => (s === 'resident' ? T('resident_source') : T(s));
const statusClass = (s: Status) => (s === 'open' ? 'badge bad' : s === 'closed' || s === 'resolved' ? 'badge good' : s === 'rejected' ? 'badge' : 'badge warn');
const statusBadge = (s: Status) => <span class={statusClass(s)} data-testid="ticket-status">{statusName(s)}</span>;

function actionLabel(from: Status, to: Status): string {
  if (to === 'assigned') return from === 'open' ? T('go_assigned') : T('go_reassign');
  if (to === 'in_progress') return from === 'resolved' ? T('go_again') : T('go_in_progress');
  if (to === 'resolved') return T('go_resolved');
  if (to === 'closed') return T('go_closed');
  return T('go_rejected');
}

/** Tickets on a page of the list. */
export const PAGE = 50;

export function Tickets({ roles }: { roles: readonly string[] }) {
  const [status, setStatus] = useState('');
  const [category, setCategory] = useState('');
  /** beforeId of each page shown so far; the last is the current page's (undefined: the newest). */
  const [cursors, setCursors] = useState<(number | undefined)[]>([undefined]);
  const [selected, setSelected] = useState<number | null>(null);
  const beforeId = cursors[cursors.length - 1];
  const list = useLoad(
    () => call<{ tickets: Ticket[]; nextBeforeId: number | null }>('GET', '/api/tickets', { query: { status, category, beforeId, limit: PAGE } }),
    [status, category, beforeId],
    5000,
  );
  const filter = (set: (v: string) => void) => (e: Event) => {
    set((e.target as HTMLSelectElement).value);
    setCursors([undefined]);
  };
  const mayRequest = can(roles, 'card_office', 'maintenance');
  return (
    <>
      <h2>
        {T('tickets')} <Updated atMs={list.updatedAtMs} />
      </h2>
      <div class="toolbar">
        <label>
          {T('status')}
          <select data-testid="ticket-status-filter" value={status} onChange={filter(setStatus)}>
            <option value="">{T('all')}</option>
            {STATUSES.map((s) => (
              <option value={s}>{T(s)}</option>
            ))}
          </select>
        </label>
        <label>
          {T('category')}
          <select data-testid="ticket-category-filter" value={category} onChange={filter(setCategory)}>
            <option value="">{T('all')}</option>
            {CATEGORIES.map((c) => (
              <option value={c}>{T(c)}</option>
            ))}
          </select>
        </label>
      </div>
      <Show load={list}>
        {({ tickets, nextBeforeId }) => (
          <>
            <Table
              testId="tickets"
              rows={tickets}
              empty={T('none')}
              rowKey={(t) => String(t.ticketId)}
              rowClass={(t) => (t.ticketId === selected ? 'selected' : '')}
              columns={[
                { title: T('id'), class: 'num', cell: (t) => t.ticketId },
                { title: T('status'), cell: (t) => statusBadge(t.status) },
                { title: T('category'), cell: (t) => categoryName(t.category) },
                { title: T('source'), cell: (t) => sourceName(t.source) },
                { title: T('where'), cell: (t) => [t.deviceId, t.component].filter(Boolean).join(' / ') || '—' },
                { title: T('description'), class: 'desc', cell: (t) => <div class="clamp" title={t.description}>{t.description}</div> },
                { title: T('room'), cell: (t) => t.resident?.dormRoom ?? '—' },
                { title: T('occurrences'), class: 'num', cell: (t) => t.occurrences },
                { title: T('assignee'), cell: (t) => t.assignee ?? '—' },
                { title: T('updated'), cell: (t) => when(t.updatedAtMs) },
                {
                  title: '',
                  cell: (t) => (
                    <button type="button" class="link" data-testid="show-ticket" onClick={() => setSelected(t.ticketId)}>
                      {T('show')}
                    </button>
                  ),
                },
              ]}
            />
            <div class="toolbar pager">
              <button type="button" data-testid="tickets-newest" disabled={cursors.length === 1} onClick={() => setCursors([undefined])}>
                {T('newest')}
              </button>
              <button type="button" data-testid="tickets-newer" disabled={cursors.length === 1} onClick={() => setCursors(cursors.slice(0, -1))}>
                {T('newer')}
              </button>
              <span class="muted small" data-testid="tickets-page">
                {T('page', { n: cursors.length })}
              </span>
              <button type="button" data-testid="tickets-older" disabled={nextBeforeId === null} onClick={() => nextBeforeId !== null && setCursors([...cursors, nextBeforeId])}>
                {T('older')}
              </button>
            </div>
          </>
        )}
      </Show>
      {selected !== null && <Detail key={selected} ticketId={selected} roles={roles} onChanged={list.reload} onClose={() => setSelected(null)} />}
      {mayRequest && (
        <RequestForm
          onFiled={(id) => {
            setCursors([undefined]);
            list.reload();
            setSelected(id);
          }}
        />
      )}
    </>
  );
}

function Detail({ ticketId, roles, onChanged, onClose }: { ticketId: number; roles: readonly string[]; onChanged: () => void; onClose: () => void }) {
  const load = useLoad(() => call<{ ticket: TicketDetail }>('GET', `/api/tickets/${ticketId}`), [ticketId]);
  const mayMove = can(roles, 'maintenance', 'facilities');
  return (
    <section class="panel ticket" data-testid="ticket" data-ticket={ticketId}>
      <Show load={load}>
        {({ ticket: t }) => (
          <>
            <div class="ticket-head">
              <h3>{T('ticket', { id: t.ticketId })}</h3>
              {statusBadge(t.status)}
              <span>{categoryName(t.category)}</span>
              <span class="muted">{sourceName(t.source)}</span>
              <button type="button" class="link" onClick={onClose}>
                {T('close')}
              </button>
            </div>
            <dl class="facts">
              <dt>{T('description')}</dt>
              <dd>{t.description}</dd>
              {(t.deviceId || t.component) && (
                <>
                  <dt>{T('where')}</dt>
                  <dd>{[t.deviceId, t.component].filter(Boolean).join(' / ')}</dd>
                </>
              )}
              {t.resident && (
                <>
                  <dt>{T('resident')}</dt>
                  <dd>
                    <Contact ticketId={t.ticketId} masked={t.resident} />
                  </dd>
                </>
              )}
              <dt>{T('reported')}</dt>
              <dd>{when(t.reportedAtMs)}</dd>
              <dt>{T('assignee')}</dt>
              <dd data-testid="ticket-assignee">{t.assignee ?? '—'}</dd>
              <dt>{T('occurrences')}</dt>
              <dd>{t.occurrences}</dd>
            </dl>
            {mayMove ? (
              NEXT[t.status].length > 0 && (
                <div class="toolbar workflow" data-testid="workflow">
                  {NEXT[t.status].map((to) => (
                    <Move
                      ticket={t}
                      to={to}
                      onDone={() => {
                        load.reload();
                        onChanged();
                      }}
                    />
                  ))}
                </div>
              )
            ) : (
              <p class="muted small" data-testid="no-workflow">
                {T('noWorkflow')}
              </p>
            )}
            <h4>{T('steps')}</h4>
            <Table
              testId="ticket-steps"
              rows={t.steps}
              rowKey={(s) => `${s.atMs}/${s.toStatus}/${s.operatorId}`}
              columns={[
                { title: T('at'), cell: (s) => when(s.atMs) },
                { title: T('from'), cell: (s) => (s.fromStatus ? statusName(s.fromStatus) : '—') },
                { title: T('to'), cell: (s) => statusName(s.toStatus) },
                { title: T('operator'), cell: (s) => <span data-testid="step-operator">{s.operatorId}</span> },
                { title: T('note'), cell: (s) => s.note },
              ]}
            />
            {t.events.length > 0 && (
              <>
                <h4>{T('events')}</h4>
                <Table
                  testId="ticket-events"
                  rows={t.events}
                  rowKey={(e) => `${e.deviceId}#${e.seq}`}
                  columns={[
                    { title: T('at'), cell: (e) => when(e.attachedAtMs) },
                    { title: T('where'), cell: (e) => `${e.deviceId} #${e.seq}` },
                    { title: T('kind'), cell: (e) => (e.kind === 'self_test' ? T('self_test') : e.kind === 'alarm' ? T('alarm') : e.kind) },
                    { title: T('summary'), cell: (e) => e.summary },
                  ]}
                />
              </>
            )}
          </>
        )}
      </Show>
    </section>
  );
}

/**
 * The resident as the hub showed it (masked), and "Show contact": a reason, then the ticket fetched
 * again with contact=1 and that reason for the full name, student number and phone.
 */
function Contact({ ticketId, masked }: { ticketId: number; masked: Resident }) {
  const [full, setFull] = useState<Resident | null>(null);
  const [asking, setAsking] = useState(false);
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<Error | null>(null);
  const shown = full ?? masked;
  const ask = async (e: Event) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const answer = await call<{ ticket: TicketDetail }>('GET', `/api/tickets/${ticketId}`, { query: { contact: 1 }, reason: reason.trim() });
      setFull(answer.ticket.resident);
      setAsking(false);
      setReason('');
    } catch (err) {
      setError(err as Error);
    } finally {
      setBusy(false);
    }
  };
  return (
    <>
      <span data-testid="ticket-resident" data-contact={shown.masked ? 'masked' : 'full'}>
        {shown.name} · {T('studentNumber')} {shown.studentNumber} · {T('phone')} {shown.phone} · {T('dormRoom')} {shown.dormRoom}
      </span>
      {shown.masked && <span class="muted small"> {T('masked')}</span>}{' '}
      {full ? (
        <button type="button" class="link" data-testid="hide-contact" onClick={() => setFull(null)}>
          {T('hideContact')}
        </button>
      ) : (
        !asking && (
          <button type="button" class="link" data-testid="show-contact" onClick={() => setAsking(true)}>
            {T('showContact')}
          </button>
        )
      )}
      {asking && !full && (
        <form class="toolbar contact-form" data-testid="contact-form" onSubmit={ask}>
          <span class="muted small">{T('contactWhy')}</span>
          <ReasonField value={reason} onInput={setReason} />
          <button type="submit" class="primary" data-testid="contact-go" disabled={busy}>
            {T('showContactGo')}
          </button>
          <button type="button" onClick={() => {
              setAsking(false);
              setError(null);
            }}>
            {T('cancel')}
          </button>
        </form>
      )}
      {error && <ErrorLine error={error} />}
    </>
  );
}

function Move({ ticket: t, to, onDone }: { ticket: TicketDetail; to: Status; onDone: () => void }) {
  const me = currentSession()?.operatorId ?? '';
  const [assignee, setAssignee] = useState(t.assignee ?? me);
  const [note, setNote] = useState('');
  return (
    <ConfirmAction
      label={actionLabel(t.status, to)}
      testId={`move-${to}`}
      consequence={() => (
        <>
          <p>{T('moveWhat', { id: t.ticketId, from: statusName(t.status), to: statusName(to), me })}</p>
          {to === 'assigned' && (
            <label class="block">
              {T('assignTo')}
              <input data-testid="assignee" value={assignee} required onInput={(e) => setAssignee((e.target as HTMLInputElement).value)} />
            </label>
          )}
          <label class="block">
            {T('noteOptional')}
            <input data-testid="step-note" value={note} maxLength={2000} onInput={(e) => setNote((e.target as HTMLInputElement).value)} />
          </label>
        </>
      )}
      run={() =>
        call('POST', `/api/tickets/${t.ticketId}/steps`, {
          body: { status: to, ...(to === 'assigned' ? { assignee: assignee.trim() } : {}), ...(note.trim() ? { note: note.trim() } : {}) },
        })
      }
      onDone={onDone}
    />
  );
}

function RequestForm({ onFiled }: { onFiled: (ticketId: number) => void }) {
  const empty = { name: '', studentNumber: '', phone: '', dormRoom: '', description: '', category: 'water_meter', deviceId: '' };
  const [form, setForm] = useState(empty);
  const [error, setError] = useState<Error | null>(null);
  const [filed, setFiled] = useState<number | null>(null);
  const [busy, setBusy] = useState(false);
  const field = (key: keyof typeof empty) => ({
    name: key,
    value: form[key],
    onInput: (e: Event) => setForm({ ...form, [key]: (e.target as HTMLInputElement).value }),
  });
  const submit = async (e: Event) => {
    e.preventDefault();
    setError(null);
    setFiled(null);
    setBusy(true);
    try {
      const { deviceId, ...rest } = form;
      const body = { ...Object.fromEntries(Object.entries(rest).map(([k, v]) => [k, v.trim()])), ...(deviceId.trim() ? { deviceId: deviceId.trim() } : {}) };
      const answer = await call<{ ticket: Ticket }>('POST', '/api/tickets', { body });
      setFiled(answer.ticket.ticketId);
      setForm(empty);
      onFiled(answer.ticket.ticketId);
    } catch (err) {
      setError(err as Error);
    } finally {
      setBusy(false);
    }
  };
  return (
    <form class="panel request" data-testid="request-form" onSubmit={submit}>
      <h3>{T('request')}</h3>
      <label>
        {T('name')}
        <input required maxLength={100} {...field('name')} />
      </label>
      <label>
        {T('studentNumber')}
        <input required maxLength={32} pattern="[A-Za-z0-9\-]{1,32}" {...field('studentNumber')} />
      </label>
      <label>
        {T('phone')}
        <input required type="tel" maxLength={20} {...field('phone')} />
      </label>
      <label>
        {T('dormRoom')}
        <input required maxLength={50} {...field('dormRoom')} />
      </label>
      <label>
        {T('category')}
        <select name="category" value={form.category} onChange={(e) => setForm({ ...form, category: (e.target as HTMLSelectElement).value })}>
          {CATEGORIES.map((c) => (
            <option value={c}>{T(c)}</option>
          ))}
        </select>
      </label>
      <label>
        {T('deviceId')}
        <input maxLength={64} {...field('deviceId')} />
      </label>
      <label class="wide">
        {T('description')}
        <textarea required maxLength={2000} rows={2} name="description" value={form.description} onInput={(e) => setForm({ ...form, description: (e.target as HTMLTextAreaElement).value })} />
      </label>
      <div>
        <button type="submit" class="primary" data-testid="request-submit" disabled={busy}>
          {T('submit')}
        </button>
      </div>
      {error && <ErrorLine error={error} />}
      {filed !== null && (
        <p class="ok" data-testid="requested">
          {T('requested', { id: filed })}
        </p>
      )}
    </form>
  );
}
