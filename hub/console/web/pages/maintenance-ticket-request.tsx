/**
 * The form for a resident's repair request (card office and maintenance): name, student number,
 * phone, dorm room, category, the device if known and the description; the hub answers with the
 * new ticket, which the list then shows.
 */
import { useState } from 'preact/hooks';
import { call } from '../api.js';
import { ErrorLine } from '../ui.js';
import { CATEGORIES, T, type Ticket } from './maintenance-tickets-text.js';

export function RequestForm({ onFiled }: { onFiled: (ticketId: number) => void }) {
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
