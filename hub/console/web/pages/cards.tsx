/**
 * Cards and people (card office; the auditor reads): search by name, person number or card UID
 * with a stated reason (GET /api/people, personal data: the hub refuses without a reason and logs
 * it), each person with their validity, cards and balance, and the card office's actions in
 * dialogs that say what will happen: issue, report lost, found, replace (fee and balance after),
 * cancel (refund or write-off by the policy), cash top-up (balance after), add a person.
 * The replacement fee and cancellation policy come from GET /api/settings/card-life.
 */
import { useRef, useState } from 'preact/hooks';
import { call } from '../api.js';
import { t, when, yuan } from '../i18n.js';
import { can, type PageProps } from '../pages.js';
import { ErrorLine, ReasonField, Table, useLoad } from '../ui.js';
import { AddPersonAction, CancelAction, FoundAction, IssueAction, LostAction, ReplaceAction, TopUpAction } from './cards-actions.js';
import { T, validityText, type CardLifeSettings, type CardStatus, type FoundCard, type FoundPerson, type SearchAnswer } from './cards-text.js';

const STATE_BADGE: Record<CardStatus, string> = { active: 'good', lost: 'bad', replaced: 'warn', cancelled: 'bad' };

export function Cards(props: PageProps) {
  const mayAct = can(props.roles, 'card_office');
  const settings = useLoad(() => call<{ settings: CardLifeSettings }>('GET', '/api/settings/card-life').then((a) => a.settings), []);
  const [q, setQ] = useState('');
  const [reason, setReason] = useState('');
  const [answer, setAnswer] = useState<SearchAnswer | null>(null);
  const [error, setError] = useState<Error | null>(null);
  const [busy, setBusy] = useState(false);
  const [messages, setMessages] = useState<Record<string, string>>({});
  const last = useRef<{ q: string; reason: string } | null>(null);
  const generation = useRef(0);

  const search = async (asked: { q: string; reason: string }) => {
    const mine = ++generation.current;
    last.current = asked;
    setBusy(true);
    try {
      const found = await call<SearchAnswer>('GET', '/api/people', { query: { q: asked.q }, reason: asked.reason.trim() });
      if (mine !== generation.current) return;
      setAnswer(found);
      setError(null);
    } catch (err) {
      if (mine !== generation.current) return;
      setError(err as Error);
      setAnswer(null);
    } finally {
      if (mine === generation.current) setBusy(false);
    }
  };
  const submit = (e: Event) => {
    e.preventDefault();
    setMessages({});
    void search({ q: q.trim(), reason });
  };
  /** After an action: its message on the person, and the search again for the hub's new state. */
  const done = (personId: string) => (message: string) => {
    setMessages((m) => ({ ...m, [personId]: message }));
    if (last.current) void search(last.current);
  };

  return (
    <>
      <form class="toolbar cards-search" onSubmit={submit} noValidate>
        <label>
          {T('searchHint')}
          <input data-testid="search-q" value={q} maxLength={100} placeholder={T('searchHint')} onInput={(e) => setQ((e.target as HTMLInputElement).value)} />
        </label>
        <ReasonField value={reason} onInput={setReason} />
        <button type="submit" class="primary" data-testid="search-go" disabled={busy}>
          {busy ? T('searching') : T('searchGo')}
        </button>
        {mayAct && (
          <AddPersonAction
            onDone={(message, personId) => {
              setMessages({ [personId]: message });
              setQ(personId);
              if (reason.trim()) void search({ q: personId, reason });
            }}
          />
        )}
      </form>
      {!mayAct && <p class="muted small" data-testid="read-only">{T('readOnly')}</p>}
      {settings.error && <ErrorLine error={settings.error} onRetry={settings.reload} />}
      {error && <ErrorLine error={error} />}
      {answer && (
        <div data-testid="results">
          <p class="muted small">
            {answer.people.length === 0 ? T('noneFound') : T('found', { n: answer.people.length })}
            {answer.truncated && <span class="badge warn" data-testid="truncated">{T('truncated', { n: answer.limit })}</span>}
          </p>
          {answer.people.map((p) => (
            <PersonPanel key={p.personId} person={p} mayAct={mayAct} settings={settings.data} message={messages[p.personId] ?? null} onDone={done(p.personId)} />
          ))}
        </div>
      )}
    </>
  );
}

function PersonPanel({ person, mayAct, settings, message, onDone }: { person: FoundPerson; mayAct: boolean; settings: CardLifeSettings | null; message: string | null; onDone: (message: string) => void }) {
  const closed = person.account !== null && person.account.closedAtMs !== null;
  const expired = person.validUntilMs !== null && person.validUntilMs < Date.now();
  const hasActive = person.cards.some((c) => c.status === 'active');
  const by = { personId: T('byPersonId'), card: T('byCard'), name: T('byName') }[person.matchedBy];
  return (
    <section class="panel person" data-testid="person" data-key={person.personId}>
      <div class="person-head">
        <div>
          <strong class="person-name" data-testid="person-name">{person.name}</strong>
          <span class="mono">{person.personId}</span>
          <span class="badge">{T(person.type)}</span>
          {expired && <span class="badge bad">{T('expired')}</span>}
          {closed && <span class="badge bad" data-testid="account-closed">{T('accountClosed')}</span>}
          <span class="muted small">{T('matched', { by })}</span>
        </div>
        <div class="person-balance">
          <span class="muted small">{T('balance')}</span>
          <strong data-testid="balance" class={person.account && person.account.balanceFen < 0 ? 'error' : ''}>
            {person.account ? yuan(person.account.balanceFen) : T('noAccount')}
          </strong>
        </div>
      </div>
      <div class="person-facts small">
        <span>
          {T('validity')}：{validityText(person.validFromMs, person.validUntilMs)}
        </span>
        {person.orgUnit && (
          <span>
            {T('orgUnit')}：{person.orgUnit}
          </span>
        )}
      </div>
      {mayAct && !closed && person.account && (
        <div class="toolbar person-actions">
          <TopUpAction person={person} onDone={onDone} />
          {!hasActive && <IssueAction person={person} onDone={onDone} />}
          <CancelAction person={person} settings={settings} onDone={onDone} />
        </div>
      )}
      {message && (
        <p class="ok" data-testid="last-result">
          {message}
        </p>
      )}
      <Table
        testId="cards"
        rows={person.cards}
        rowKey={(c) => c.uid}
        rowClass={(c) => (c.status === 'lost' ? 'bad' : c.status === 'active' ? '' : 'muted')}
        empty={T('noCards')}
        columns={[
          { title: T('cardUid'), cell: (c) => <span class="mono">{c.uid}</span> },
          { title: T('state'), cell: (c) => <span class={`badge ${STATE_BADGE[c.status]}`} data-testid="card-state">{T(c.status)}</span> },
          { title: T('validity'), cell: (c) => validityText(c.validFromMs, c.validUntilMs) },
          { title: T('changedAt'), cell: (c) => when(c.updatedAtMs) },
          { title: T('replacedBy'), cell: (c) => (c.replacedByUid ? <span class="mono">{c.replacedByUid}</span> : '—') },
          ...(mayAct ? [{ title: T('actions'), cell: (c: FoundCard) => <CardActions person={person} card={c} settings={settings} onDone={onDone} /> }] : []),
        ]}
      />
    </section>
  );
}

function CardActions({ person, card, settings, onDone }: { person: FoundPerson; card: FoundCard; settings: CardLifeSettings | null; onDone: (message: string) => void }) {
  if (card.status === 'replaced' || card.status === 'cancelled') return <span class="muted">{t('none')}</span>;
  return (
    <>
      {card.status === 'active' && <LostAction person={person} card={card} onDone={onDone} />}
      {card.status === 'lost' && <FoundAction person={person} card={card} onDone={onDone} />}
      <ReplaceAction person={person} card={card} settings={settings} onDone={onDone} />
    </>
  );
}
