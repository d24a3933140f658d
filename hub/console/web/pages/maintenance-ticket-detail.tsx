/**
 * A repair ticket's detail: its facts (the resident through maintenance-ticket-contact.tsx), the
 * workflow buttons for the statuses the ticket may go to next (maintenance and facilities; as
 * hub/tickets.ts allows, each confirmed with an assignee and a note), its steps (who acted, when,
 * the note) and the events attached.
 */
import { useState } from 'preact/hooks';
import { call, currentSession } from '../api.js';
import { when } from '../i18n.js';
import { can } from '../pages.js';
import { ConfirmAction, Show, Table, useLoad } from '../ui.js';
import { Contact } from './maintenance-ticket-contact.js';
import { T, categoryName, sourceName, statusClass, statusName, type Status, type TicketDetail } from './maintenance-tickets-text.js';

/** Where a ticket may go from each status (as hub/tickets.ts allows). */
const NEXT: Readonly<Record<Status, readonly Status[]>> = {
  open: ['assigned', 'rejected'],
  assigned: ['assigned', 'in_progress', 'rejected'],
  in_progress: ['assigned', 'resolved', 'rejected'],
  resolved: ['closed', 'in_progress'],
  closed: [],
  rejected: [],
};

export const statusBadge = (s: Status) => <span class={statusClass(s)} data-testid="ticket-status">{statusName(s)}</span>;

function actionLabel(from: Status, to: Status): string {
  if (to === 'assigned') return from === 'open' ? T('go_assigned') : T('go_reassign');
  if (to === 'in_progress') return from === 'resolved' ? T('go_again') : T('go_in_progress');
  if (to === 'resolved') return T('go_resolved');
  if (to === 'closed') return T('go_closed');
  return T('go_rejected');
}

export function Detail({ ticketId, roles, onChanged, onClose }: { ticketId: number; roles: readonly string[]; onChanged: () => void; onClose: () => void }) {
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
