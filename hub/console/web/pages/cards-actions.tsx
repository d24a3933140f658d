/**
 * The card office's actions on the Cards and people page, each a ConfirmAction whose dialog says
 * what will happen (the fee, the balance after, the amount refunded or written off) before the
 * same API call the CLI makes; the hub's refusal is shown in the dialog as it says it.
 */
import { useRef, useState } from 'preact/hooks';
import { call } from '../api.js';
import { yuan } from '../i18n.js';
import { ConfirmAction } from '../ui.js';
import { T, fenOfYuan, newReference, type CardLifeSettings, type FoundCard, type FoundPerson, type PersonType } from './cards-text.js';

export interface ActionProps {
  person: FoundPerson;
  /** Called with what was done, after the hub said yes. */
  onDone: (message: string) => void;
}

function BalanceLines({ now, after, short }: { now: number; after: number | null; short?: boolean }) {
  return (
    <dl class="amounts">
      <dt>{T('balanceNow')}</dt>
      <dd data-testid="balance-now">{yuan(now)}</dd>
      <dt>{T('balanceAfter')}</dt>
      <dd data-testid="balance-after" class={short ? 'error' : ''}>
        {after === null ? '—' : yuan(after)}
      </dd>
    </dl>
  );
}

export function LostAction({ person, card, onDone }: ActionProps & { card: FoundCard }) {
  return (
    <ConfirmAction
      label={T('lost_action')}
      testId="card-lost"
      consequence={() => <p>{T('lostWhat', { uid: card.uid, name: person.name })}</p>}
      run={() => call<{ blacklistVersion: number }>('POST', `/api/cards/${card.uid}/lost`)}
      onDone={(r) => onDone(T('doneLost', { uid: card.uid, version: (r as { blacklistVersion: number }).blacklistVersion }))}
    />
  );
}

export function FoundAction({ person, card, onDone }: ActionProps & { card: FoundCard }) {
  return (
    <ConfirmAction
      label={T('found_action')}
      testId="card-found"
      consequence={() => <p>{T('foundWhat', { uid: card.uid, name: person.name })}</p>}
      run={() => call<{ blacklistVersion: number }>('POST', `/api/cards/${card.uid}/found`)}
      onDone={(r) => onDone(T('doneFound', { uid: card.uid, version: (r as { blacklistVersion: number }).blacklistVersion }))}
    />
  );
}

interface ReplaceAnswer {
  card: { uid: string };
  feeFen: number;
  account: { balanceFen: number };
}

export function ReplaceAction({ person, card, settings, onDone }: ActionProps & { card: FoundCard; settings: CardLifeSettings | null }) {
  const [newUid, setNewUid] = useState('');
  const [defective, setDefective] = useState(false);
  const balance = person.account?.balanceFen ?? 0;
  const fee = defective ? 0 : (settings?.replacementFeeFen ?? null);
  const after = fee === null ? null : balance - fee;
  return (
    <ConfirmAction
      label={T('replace_action')}
      testId="card-replace"
      consequence={() => (
        <>
          <p>{T('replaceWhat', { uid: card.uid, name: person.name })}</p>
          <label>
            {T('newUid')}
            <input data-testid="new-uid" value={newUid} maxLength={20} onInput={(e) => setNewUid((e.target as HTMLInputElement).value.trim())} />
          </label>
          <label class="check">
            <input type="checkbox" data-testid="defective" checked={defective} onChange={(e) => setDefective((e.target as HTMLInputElement).checked)} />
            {T('defective')}
          </label>
          <dl class="amounts">
            <dt>{T('fee')}</dt>
            <dd data-testid="fee">{fee === null ? '—' : fee === 0 ? `${yuan(0)}（${T('free')}）` : yuan(fee)}</dd>
          </dl>
          <BalanceLines now={balance} after={after} short={after !== null && after < 0} />
          {after !== null && after < 0 && <p class="warn-line" data-testid="balance-short">{T('balanceShort')}</p>}
        </>
      )}
      run={() => call<ReplaceAnswer>('POST', `/api/cards/${card.uid}/replace`, { body: { newUid, ...(defective ? { defective: true } : {}) } })}
      onDone={(r) => {
        const a = r as ReplaceAnswer;
        setNewUid('');
        setDefective(false);
        onDone(T('doneReplace', { uid: a.card.uid, fee: yuan(a.feeFen), balance: yuan(a.account.balanceFen) }));
      }}
    />
  );
}

interface CancelAnswer {
  settlement: 'refund' | 'write_off' | 'none';
  settledFen: number;
  cancelledUids: string[];
}

export function CancelAction({ person, settings, onDone }: ActionProps & { settings: CardLifeSettings | null }) {
  const balance = person.account?.balanceFen ?? 0;
  const open = person.cards.filter((c) => c.status === 'active' || c.status === 'lost').length;
  const policy = settings?.cancelBalance ?? null;
  const settle = () => {
    if (balance === 0) return T('zeroWhat');
    if (policy === null) return '—';
    if (balance < 0) return policy === 'refund' ? T('owedWhat', { amount: yuan(-balance) }) : T('owedWriteOff', { amount: yuan(-balance) });
    return policy === 'refund' ? T('refundWhat', { amount: yuan(balance) }) : T('writeOffWhat', { amount: yuan(balance) });
  };
  return (
    <ConfirmAction
      label={T('cancel_action')}
      testId="person-cancel"
      consequence={() => (
        <>
          <p>{T('cancelWhat', { name: `${person.name}（${person.personId}）`, n: open })}</p>
          <p data-testid="settlement" class={balance < 0 && policy === 'refund' ? 'warn-line' : ''}>
            {settle()}
          </p>
          <BalanceLines now={balance} after={balance < 0 && policy === 'refund' ? null : 0} />
        </>
      )}
      run={() => call<CancelAnswer>('POST', `/api/people/${encodeURIComponent(person.personId)}/cancel`)}
      onDone={(r) => {
        const a = r as CancelAnswer;
        const amount = yuan(Math.abs(a.settledFen));
        const settled = a.settlement === 'refund' ? T('doneRefund', { amount }) : a.settlement === 'write_off' ? T('doneWriteOff', { amount }) : T('doneNone');
        onDone(T('doneCancel', { n: a.cancelledUids.length, settled }));
      }}
    />
  );
}

interface TopUpAnswer {
  result: 'created' | 'exists';
  account: { balanceFen: number };
}

export function TopUpAction({ person, onDone }: ActionProps) {
  const [amount, setAmount] = useState('');
  // One receipt reference per dialog until a top-up is booked: confirming again after a lost
  // answer (or after closing and reopening) books nothing twice (the hub answers `exists`).
  const reference = useRef<string | null>(null);
  const account = person.account!;
  const fen = fenOfYuan(amount);
  return (
    <ConfirmAction
      label={T('topup_action')}
      testId="topup"
      consequence={() => {
        reference.current ??= newReference();
        return (
          <>
            <p>{T('topupWhat', { name: person.name, account: account.accountId })}</p>
            <label>
              {T('amountYuan')}
              <input data-testid="topup-amount" inputMode="decimal" value={amount} maxLength={9} onInput={(e) => setAmount((e.target as HTMLInputElement).value)} />
            </label>
            <dl class="amounts">
              <dt>{T('reference')}</dt>
              <dd data-testid="topup-reference" class="mono">{reference.current}</dd>
            </dl>
            <BalanceLines now={account.balanceFen} after={fen === null ? null : account.balanceFen + fen} />
          </>
        );
      }}
      run={async () => {
        if (fen === null) throw new Error(T('amountInvalid'));
        return call<TopUpAnswer>('POST', `/api/accounts/${encodeURIComponent(account.accountId)}/topups`, { body: { amountFen: fen, reference: reference.current, channel: 'cash' } });
      }}
      onDone={(r) => {
        const a = r as TopUpAnswer;
        reference.current = null;
        setAmount('');
        onDone(a.result === 'exists' ? T('doneTopupAgain', { balance: yuan(a.account.balanceFen) }) : T('doneTopup', { amount: yuan(fen ?? 0), balance: yuan(a.account.balanceFen) }));
      }}
    />
  );
}

export function IssueAction({ person, onDone }: ActionProps) {
  const [uid, setUid] = useState('');
  return (
    <ConfirmAction
      label={T('issue_action')}
      testId="card-issue"
      consequence={() => (
        <>
          <p>{T('issueWhat', { name: person.name, personId: person.personId })}</p>
          <label>
            {T('issueUid')}
            <input data-testid="issue-uid" value={uid} maxLength={20} onInput={(e) => setUid((e.target as HTMLInputElement).value.trim())} />
          </label>
        </>
      )}
      run={() => call<{ card: { uid: string } }>('POST', '/api/cards', { body: { uid, personId: person.personId } })}
      onDone={(r) => {
        setUid('');
        onDone(T('doneIssue', { uid: (r as { card: { uid: string } }).card.uid }));
      }}
    />
  );
}

const TYPES: PersonType[] = ['student', 'staff', 'freshman', 'temporary'];

/** A new person (POST /api/people); `onDone` gets the message and the new person's number. */
export function AddPersonAction({ onDone }: { onDone: (message: string, personId: string) => void }) {
  const [personId, setPersonId] = useState('');
  const [name, setName] = useState('');
  const [type, setType] = useState<PersonType>('student');
  return (
    <ConfirmAction
      label={T('addPerson')}
      testId="person-add"
      consequence={() => (
        <>
          <p>{T('addWhat')}</p>
          <label>
            {T('personId')}
            <input data-testid="add-person-id" value={personId} maxLength={64} onInput={(e) => setPersonId((e.target as HTMLInputElement).value.trim())} />
          </label>
          <label>
            {T('name')}
            <input data-testid="add-name" value={name} maxLength={200} onInput={(e) => setName((e.target as HTMLInputElement).value)} />
          </label>
          <label>
            {T('add_type')}
            <select data-testid="add-type" value={type} onChange={(e) => setType((e.target as HTMLSelectElement).value as PersonType)}>
              {TYPES.map((t) => (
                <option value={t}>{T(t)}</option>
              ))}
            </select>
          </label>
        </>
      )}
      run={() => call<{ personId: string; accountId: string }>('POST', '/api/people', { body: { personId, name: name.trim(), type } })}
      onDone={(r) => {
        const a = r as { personId: string; accountId: string };
        setPersonId('');
        setName('');
        onDone(T('doneAdd', { personId: a.personId, account: a.accountId }), a.personId);
      }}
    />
  );
}
