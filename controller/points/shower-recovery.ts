/**
 * What a shower point found in its state file at start needs, judged against the journal:
 *
 * - `open` record: the process stopped with the session running (the valve was open). If its OPEN
 *   event is in the journal (acknowledged by the hub, or durable here) it is `uncharged`: charge
 *   what was last metered. If not, the OPEN never became durable, so the valve never opened (it
 *   opens only once the OPEN event and the record are both durable): `not_opened`.
 * - `closing` record: written (durably) before the CLOSE and Charge were appended. With a
 *   `chargeSeq` the Charge was appended: `charged` if that seq is acknowledged or durable here as
 *   this session's Charge, else `uncharged` (the write was lost with the crash). Without one, the
 *   crash came between the two records: the unacknowledged durable events after `afterSeq` are
 *   searched for this session's Charge.
 *
 * What this cannot see: a Charge acknowledged by the hub (events below the ack are not readable
 * here) before the local write of its `chargeSeq` finished. That needs the hub to receive, post and
 * acknowledge the Charge, and this device to persist the ack, within one local fdatasync that
 * started at the same moment; it would be charged again (the hub sees two charges of one session).
 */
import { SessionPhase, type Event } from '../../protocol/messages.js';
import type { Journal } from '../journal.js';
import type { SessionRecord } from './shower-session-state.js';

export type Verdict = 'charged' | 'uncharged' | 'not_opened';

/** Most events read per step while searching for a Charge. */
const SCAN_STEP = 1024;

export function judge(record: SessionRecord, pointId: string, journal: Journal): Verdict {
  const acked = journal.ackedSeq;
  if (record.phase === 'open') {
    if (record.openSeq <= acked) return 'uncharged';
    const [first] = journal.durableFrom(record.openSeq, 1);
    const isOpen = first?.seq === record.openSeq && first.pointId === pointId && first.showerSession?.sessionId === record.sessionId && first.showerSession.phase === SessionPhase.SESSION_PHASE_OPEN;
    return isOpen ? 'uncharged' : 'not_opened';
  }
  if (record.chargeSeq !== undefined) {
    if (record.chargeSeq <= acked) return 'charged';
    const [first] = journal.durableFrom(record.chargeSeq, 1);
    return first?.seq === record.chargeSeq && isChargeOf(first, pointId, record.sessionId) ? 'charged' : 'uncharged';
  }
  let from = Math.max(record.afterSeq ?? record.openSeq, acked) + 1;
  for (;;) {
    const events = journal.durableFrom(from, SCAN_STEP);
    if (events.length === 0) return 'uncharged';
    if (events.some((e) => isChargeOf(e, pointId, record.sessionId))) return 'charged';
    from = (events[events.length - 1]!.seq ?? from) + 1;
  }
}

function isChargeOf(e: Event, pointId: string, sessionId: string): boolean {
  return e.pointId === pointId && e.charge?.sessionId === sessionId;
}
