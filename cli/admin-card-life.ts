/**
 * `onecard admin` subcommands for card life (hub/api-card-life.ts): replace and cancel a card,
 * cancel a person, the card office's policy settings. `person import` is cli/admin-import.ts.
 */
import { UsageError } from './args.js';
import { count, need, option, seg, yuan, type Call, type CallContext, type Json } from './admin-call.js';

export const CARD_LIFE_USAGE = `  card replace OLD_UID NEW_UID [--defective]            a new card on the same account; the old one denied for ever;
                                                        the fee (10 yuan unless set) from the balance, none if --defective
  card cancel UID                                       the holder leaves: their cards cancelled, balance refunded or
  person cancel PERSON_ID                               written off (settings), account closed
  person import FILE [--dry-run] [--skip-bad] [--time-zone ZONE] [--batch-size N]
                                                        people from a registrar or HR CSV file (see README: Card life)
  settings show                                         replacement fee and what a cancellation does with the balance
  settings set [--replacement-fee-fen N] [--cancel-balance refund|write_off]`;

/** Options these subcommands take (for parseArgs). */
export const CARD_LIFE_OPTIONS = {
  defective: { type: 'boolean' }, 'replacement-fee-fen': { type: 'string' }, 'cancel-balance': { type: 'string' },
  'dry-run': { type: 'boolean' }, 'skip-bad': { type: 'boolean' }, 'time-zone': { type: 'string' }, 'batch-size': { type: 'string' },
} as const;

/** The call for a card-life subcommand, or null when `object action` is not one. */
export function cardLifeCall(ctx: CallContext): Call | null {
  const [target] = ctx.args;
  switch (`${ctx.object} ${ctx.action ?? ''}`.trim()) {
    case 'card replace': {
      const oldUid = need(ctx, 'OLD_UID', target);
      return {
        method: 'POST',
        path: `/api/cards/${seg(oldUid)}/replace`,
        body: { newUid: need(ctx, 'NEW_UID', ctx.args[1]), ...(ctx.values.defective ? { defective: true } : {}) },
        show: showReplaced,
      };
    }
    case 'card cancel':
      return { method: 'POST', path: `/api/cards/${seg(need(ctx, 'UID', target))}/cancel`, show: showCancelled };
    case 'person cancel':
      return { method: 'POST', path: `/api/people/${seg(need(ctx, 'PERSON_ID', target))}/cancel`, show: showCancelled };
    case 'settings show':
      return { method: 'GET', path: '/api/settings/card-life', show: (b) => showSettings(b.settings as Json) };
    case 'settings set': {
      const body: Json = {};
      const fee = count(ctx, 'replacement-fee-fen');
      if (fee !== undefined) body.replacementFeeFen = fee;
      const policy = option(ctx, 'cancel-balance');
      if (policy !== undefined) {
        if (policy !== 'refund' && policy !== 'write_off') throw new UsageError(`--cancel-balance must be refund or write_off, got ${JSON.stringify(policy)}\n\n${ctx.usage}`);
        body.cancelBalance = policy;
      }
      if (Object.keys(body).length === 0) throw new UsageError(`settings set: give --replacement-fee-fen or --cancel-balance\n\n${ctx.usage}`);
      return { method: 'PUT', path: '/api/settings/card-life', body, show: (b) => showSettings(b.settings as Json) };
    }
    default:
      return null;
  }
}

function showReplaced(b: Json): string {
  const old = b.oldCard as Json;
  const card = b.card as Json;
  const account = b.account as Json;
  const fee = Number(b.feeFen) > 0 ? `fee ${yuan(b.feeFen)} yuan taken (transfer ${String(b.feeTransferId)})` : 'no fee';
  if (b.result === 'exists') return `card ${String(old.uid)}: already replaced by ${String(card.uid)} (${fee}); nothing changed`;
  return `card ${String(old.uid)}: replaced by ${String(card.uid)} for ${String(card.personId)}; ${fee}; account ${String(account.accountId)} balance ${yuan(account.balanceFen)} yuan; ${String(old.uid)} is denied for ever (blacklist version ${String(b.blacklistVersion)})`;
}

function showCancelled(b: Json): string {
  const account = b.account as Json;
  const cards = (b.cancelledUids ?? []) as string[];
  const settled = Number(b.settledFen);
  const money =
    b.settlement === 'refund' ? `${yuan(settled)} yuan to hand back in cash (transfer ${String(b.transferId)})`
      : b.settlement === 'write_off' ? `${yuan(settled)} yuan written off to system.bad_debt (transfer ${String(b.transferId)})`
        : 'balance 0.00 yuan';
  return `person ${String(b.personId)}: cancelled; ${cards.length > 0 ? `cards ${cards.join(', ')} denied for ever` : 'no card to cancel'}; ${money}; account ${String(account.accountId)} closed`;
}

function showSettings(s: Json): string {
  return `replacement fee ${yuan(s.replacementFeeFen)} yuan (free for a defective card); on cancellation the balance is ${s.cancelBalance === 'refund' ? 'refunded in cash' : 'written off to system.bad_debt'}`;
}
