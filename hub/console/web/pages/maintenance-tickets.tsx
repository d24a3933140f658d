/**
 * Maintenance, repair tickets: the list by status and category (newest first, refreshed, in pages
 * of PAGE tickets: the hub's beforeId / nextBeforeId), the selected ticket's detail
 * (maintenance-ticket-detail.tsx: steps, events, workflow buttons, the resident masked until asked
 * for with a reason) and the form for a resident's repair request (maintenance-ticket-request.tsx;
 * card office and maintenance). Strings and answer types: maintenance-tickets-text.ts.
 */
import { useState } from 'preact/hooks';
import { call } from '../api.js';
import { when } from '../i18n.js';
import { can } from '../pages.js';
import { Show, Table, Updated, useLoad } from '../ui.js';
import { Detail, statusBadge } from './maintenance-ticket-detail.js';
import { RequestForm } from './maintenance-ticket-request.js';
import { CATEGORIES, STATUSES, T, categoryName, sourceName, type Ticket } from './maintenance-tickets-text.js';

export { CATEGORIES, STATUSES, categoryName, statusName } from './maintenance-tickets-text.js';

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
