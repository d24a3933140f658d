/**
 * Finance, corrections tab (消费纠错): tickets awaiting a second approver with approve (the refund's
 * amount and account said before it runs) and reject; raising a ticket for a charge (a statement
 * line's 纠错 link fills in its transfer); and the tickets decided lately. The hub refuses the
 * raiser's own approval (four_eyes_required): the page shows that refusal, explained.
 */
import { useState } from 'preact/hooks';
import { ApiError, call, currentSession } from '../api.js';
import { strings, when, yuan } from '../i18n.js';
import { can, type PageProps } from '../pages.js';
import { ConfirmAction, ErrorLine, Show, Table, Updated, useLoad } from '../ui.js';

export interface Correction {
  correctionId: number;
  transferId: string;
  accountId: string;
  merchantAccountId: string;
  deviceId: string | null;
  amountFen: number;
  reason: string;
  status: 'open' | 'approved' | 'rejected';
  raisedBy: string;
  raisedAtMs: number;
  decidedBy: string | null;
  decidedAtMs: number | null;
  decisionNote: string | null;
  refundTransferId: string | null;
}

const T = strings({
  zh: {
    awaiting: '待审批（须由另一名操作员审批）', decided: '最近处理', raise: '发起纠错',
    id: '单号', transfer: '原消费流水', account: '退款账户', device: '设备', amount: '退款金额', reason: '纠错原因', raisedBy: '提出人', raisedAt: '提出时间',
    status: '状态', decidedBy: '处理人', decidedAt: '处理时间', refund: '退款流水', note: '备注', mine: '由您提出',
    approve: '审批退款', approveWhat: '将从商户设备账户 {from} 向账户 {account} 退款 {amount}，记为新流水 refund:{id}；原消费 {transfer} 保持不变。',
    approveReason: '纠错原因：{reason}（由 {who} 提出）', ownWarning: '这张纠错单由您提出，按四眼原则须由另一名操作员审批，系统会拒绝。',
    reject: '驳回', rejectWhat: '纠错单 #{id} 将被驳回，不退款。', noteRequired: '请填写驳回理由',
    fourEyes: '四眼原则：纠错单不能由提出人本人审批，须由另一名操作员审批。（{message}）',
    open: '待审批', approved: '已退款', rejected: '已驳回',
    transferId: '消费流水号（如 canteen-pos-1:17）', amountYuan: '退款金额（元，留空为全额）', submit: '提交纠错单',
    raised: '已提交纠错单 #{id}：退款 {amount} 至 {account}，等待另一名操作员审批。', badAmount: '退款金额须为正数，最多两位小数',
  },
  en: {
    awaiting: 'Awaiting a second approver', decided: 'Decided lately', raise: 'Raise a correction',
    id: 'No.', transfer: 'Charge', account: 'Refund to', device: 'Device', amount: 'Refund', reason: 'Reason', raisedBy: 'Raised by', raisedAt: 'Raised',
    status: 'Status', decidedBy: 'Decided by', decidedAt: 'Decided', refund: 'Refund transfer', note: 'Note', mine: 'raised by you',
    approve: 'Approve refund', approveWhat: 'Refunds {amount} to account {account} from the device account {from}, as a new transfer refund:{id}; the charge {transfer} stays as it is.',
    approveReason: 'Reason: {reason} (raised by {who})', ownWarning: 'You raised this ticket: four eyes means another operator approves it, and the hub will refuse.',
    reject: 'Reject', rejectWhat: 'Correction #{id} is rejected; nothing is refunded.', noteRequired: 'Say why it is rejected',
    fourEyes: 'Four eyes: a correction is not approved by the operator who raised it; another operator approves it. ({message})',
    open: 'awaiting approval', approved: 'refunded', rejected: 'rejected',
    transferId: 'Charge transfer (e.g. canteen-pos-1:17)', amountYuan: 'Refund in yuan (empty: all of it)', submit: 'Raise',
    raised: 'Correction #{id} raised: {amount} back to {account}, awaiting a second approver.', badAmount: 'The refund must be a positive amount with at most two decimals',
  },
});

const statusBadge = (s: Correction['status']) => <span class={s === 'approved' ? 'badge good' : s === 'rejected' ? 'badge bad' : 'badge warn'} data-testid="correction-status">{T(s)}</span>;

/** The hub's refusals told in the operator's words (the four-eyes refusal is not about the role). */
function explained(err: unknown): never {
  if (err instanceof ApiError && err.code === 'four_eyes_required') throw new ApiError(409, err.code, T('fourEyes', { message: err.message }), err.field);
  throw err;
}

/** Yuan typed by a person ("12", "12.5", "12.50") as fen, exactly; null when it is not an amount. */
export function fenOf(text: string): number | null {
  const m = /^\s*(\d{1,9})(?:\.(\d{1,2}))?\s*$/.exec(text);
  if (!m) return null;
  const fen = Number(m[1]) * 100 + Number((m[2] ?? '').padEnd(2, '0'));
  return fen > 0 ? fen : null;
}

export function Corrections({ roles, transferId }: PageProps & { transferId: string }) {
  const open = useLoad(() => call<{ corrections: Correction[] }>('GET', '/api/corrections', { query: { status: 'open', limit: 200 } }), [], 5000);
  const recent = useLoad(() => call<{ corrections: Correction[] }>('GET', '/api/corrections', { query: { status: 'approved,rejected', limit: 50 } }), [], 5000);
  const reload = () => {
    open.reload();
    recent.reload();
  };
  const finance = can(roles, 'finance');
  const me = currentSession()?.operatorId ?? '';
  return (
    <>
      <h2>
        {T('awaiting')} <Updated atMs={open.updatedAtMs} />
      </h2>
      <Show load={open}>
        {({ corrections }) => (
          <Table
            testId="open-corrections"
            rows={corrections}
            rowKey={(c) => String(c.correctionId)}
            columns={[
              { title: T('id'), class: 'num', cell: (c) => c.correctionId },
              { title: T('transfer'), cell: (c) => c.transferId },
              { title: T('account'), cell: (c) => c.accountId },
              { title: T('amount'), class: 'num', cell: (c) => <strong>{yuan(c.amountFen)}</strong> },
              { title: T('reason'), cell: (c) => c.reason },
              { title: T('raisedBy'), cell: (c) => <>{c.raisedBy}{c.raisedBy === me && <span class="badge warn mine">{T('mine')}</span>}</> },
              { title: T('raisedAt'), cell: (c) => when(c.raisedAtMs) },
              ...(finance ? [{ title: '', cell: (c: Correction) => <Decide c={c} me={me} onDone={reload} /> }] : []),
            ]}
          />
        )}
      </Show>
      {finance && <RaiseForm key={transferId} transferId={transferId} onRaised={reload} />}
      <h2>{T('decided')}</h2>
      <Show load={recent}>
        {({ corrections }) => (
          <Table
            testId="decided-corrections"
            rows={corrections}
            rowKey={(c) => String(c.correctionId)}
            rowClass={(c) => (c.status === 'rejected' ? 'muted' : '')}
            columns={[
              { title: T('id'), class: 'num', cell: (c) => c.correctionId },
              { title: T('transfer'), cell: (c) => c.transferId },
              { title: T('account'), cell: (c) => c.accountId },
              { title: T('amount'), class: 'num', cell: (c) => yuan(c.amountFen) },
              { title: T('status'), cell: (c) => statusBadge(c.status) },
              { title: T('raisedBy'), cell: (c) => c.raisedBy },
              { title: T('decidedBy'), cell: (c) => c.decidedBy ?? '—' },
              { title: T('decidedAt'), cell: (c) => when(c.decidedAtMs) },
              { title: T('refund'), cell: (c) => <span data-testid="refund-transfer">{c.refundTransferId ?? '—'}</span> },
              { title: T('note'), cell: (c) => c.decisionNote ?? '' },
            ]}
          />
        )}
      </Show>
    </>
  );
}

function Decide({ c, me, onDone }: { c: Correction; me: string; onDone: () => void }) {
  const [note, setNote] = useState('');
  const noteField = (required: boolean) => (
    <label class="block">
      {T('note')}
      <input data-testid="decision-note" value={note} required={required} maxLength={1000} onInput={(e) => setNote((e.target as HTMLInputElement).value)} />
    </label>
  );
  return (
    <>
      <ConfirmAction
        label={T('approve')}
        testId="approve"
        consequence={() => (
          <>
            <p data-testid="approve-consequence">{T('approveWhat', { amount: yuan(c.amountFen), account: c.accountId, from: c.merchantAccountId, id: c.correctionId, transfer: c.transferId })}</p>
            <p class="muted">{T('approveReason', { reason: c.reason, who: c.raisedBy })}</p>
            {c.raisedBy === me && <p class="warn-text">{T('ownWarning')}</p>}
            {noteField(false)}
          </>
        )}
        run={() => call('POST', `/api/corrections/${c.correctionId}/approve`, { body: note.trim() ? { note: note.trim() } : {} }).catch(explained)}
        onDone={onDone}
      />
      <ConfirmAction
        label={T('reject')}
        testId="reject"
        consequence={() => (
          <>
            <p>{T('rejectWhat', { id: c.correctionId })}</p>
            {noteField(true)}
          </>
        )}
        run={async () => {
          if (!note.trim()) throw new Error(T('noteRequired'));
          return call('POST', `/api/corrections/${c.correctionId}/reject`, { body: { note: note.trim() } });
        }}
        onDone={onDone}
      />
    </>
  );
}

function RaiseForm({ transferId, onRaised }: { transferId: string; onRaised: () => void }) {
  const [transfer, setTransfer] = useState(transferId);
  const [amount, setAmount] = useState('');
  const [reason, setReason] = useState('');
  const [error, setError] = useState<Error | null>(null);
  const [raised, setRaised] = useState<Correction | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async (e: Event) => {
    e.preventDefault();
    setError(null);
    setRaised(null);
    const amountFen = amount.trim() === '' ? undefined : fenOf(amount);
    if (amountFen === null) {
      setError(new Error(T('badAmount')));
      return;
    }
    setBusy(true);
    try {
      const answer = await call<{ correction: Correction }>('POST', '/api/corrections', { body: { transferId: transfer.trim(), reason: reason.trim(), ...(amountFen !== undefined ? { amountFen } : {}) } });
      setRaised(answer.correction);
      setAmount('');
      setReason('');
      setTransfer('');
      onRaised();
    } catch (err) {
      setError(err as Error);
    } finally {
      setBusy(false);
    }
  };
  return (
    <form class="panel raise" data-testid="raise-form" onSubmit={submit}>
      <h3>{T('raise')}</h3>
      <label>
        {T('transferId')}
        <input name="transferId" required maxLength={200} value={transfer} onInput={(e) => setTransfer((e.target as HTMLInputElement).value)} />
      </label>
      <label>
        {T('amountYuan')}
        <input name="amount" inputMode="decimal" value={amount} onInput={(e) => setAmount((e.target as HTMLInputElement).value)} />
      </label>
      <label class="wide">
        {T('reason')}
        <input name="reason" required maxLength={1000} value={reason} onInput={(e) => setReason((e.target as HTMLInputElement).value)} />
      </label>
      <button type="submit" class="primary" data-testid="raise-submit" disabled={busy}>
        {T('submit')}
      </button>
      {error && <ErrorLine error={error} />}
      {raised && (
        <p class="ok" data-testid="raised">
          {T('raised', { id: raised.correctionId, amount: yuan(raised.amountFen), account: raised.accountId })}
        </p>
      )}
    </form>
  );
}
