/**
 * A ticket's resident, masked as the hub sends it (李*, ******3456; the dorm room in full, which
 * repair staff need), and "Show contact": a reason, then the ticket fetched again with contact=1 and
 * that reason for the full name, student number and phone. The hub's gate logs the reason in the
 * audit log.
 */
import { useState } from 'preact/hooks';
import { call } from '../api.js';
import { ErrorLine, ReasonField } from '../ui.js';
import { T, type Resident, type TicketDetail } from './maintenance-tickets-text.js';

export function Contact({ ticketId, masked }: { ticketId: number; masked: Resident }) {
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
