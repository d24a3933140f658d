/**
 * The journal reader: a pure function from the bytes of one segment file to what it holds.
 *
 * A segment is a run of framed records (protocol/framing.ts), each the protobuf encoding of one
 * `Event`. The scan keeps the longest prefix of records that are whole, pass their CRC-32C, decode,
 * belong to this device and have strictly increasing seqs not below the segment's first seq; the
 * first record that fails any of these ends the valid prefix (`validBytes`) and names why (`tail`).
 * The hash chain (protocol/event-chain.ts) is checked record by record but a mismatch does not end
 * the prefix: an event that passed its CRC is kept and the break reported (`chainBreaks`).
 *
 * It never throws on any input (fuzzed by `fuzzJournalReader` in fuzz.ts).
 */
import { RECORD_HEADER_BYTES, decodeRecords, type RecordTail } from '../../protocol/framing.js';
import { ZERO_HASH, eventHash, sameHash } from '../../protocol/event-chain.js';
import { pb } from '../../protocol/messages.js';
import type { onecard } from '../../protocol/gen/onecard.js';

export type ScanTail = RecordTail | 'undecodable' | 'seq_out_of_order' | 'wrong_device';

export interface ScanOptions {
  /** Records naming another device end the valid prefix (undefined: any device). */
  deviceId?: string;
  /** Every seq must be above this (the last seq of the previous segment). */
  afterSeq: number;
  /** Every seq must be at least this (the first seq in the segment's file name). */
  minSeq: number;
  /**
   * Expected `prev_hash` of the first record, when known. A record with seq 1 must always carry
   * ZERO_HASH. Null: the predecessor is not available (deleted), so the first link is not checked.
   */
  prevHash: Uint8Array | null;
  /** Keep the offset of every n-th record (default 64) for reads by seq. */
  indexEvery?: number;
  /** Called for each kept record, in order. */
  onRecord?: (event: onecard.v1.Event, payload: Buffer, offset: number) => void;
}

export interface SegmentScan {
  count: number;
  /** Seq of the first and last kept record (0 when none). */
  firstSeq: number;
  lastSeq: number;
  /** Hash of the last kept record (null when none). */
  lastHash: Buffer | null;
  /** Bytes of the valid prefix; anything after it is a torn or corrupt tail. */
  validBytes: number;
  tail: ScanTail;
  /** Seqs whose prev_hash does not match (at most MAX_REPORTED_BREAKS). */
  chainBreaks: number[];
  chainBreakCount: number;
  /** Sparse index: seq and byte offset of every `indexEvery`-th record, starting with the first. */
  indexSeqs: number[];
  indexOffsets: number[];
}

export const MAX_REPORTED_BREAKS = 100;
export const DEFAULT_INDEX_EVERY = 64;

export function scanSegment(data: Buffer, options: ScanOptions): SegmentScan {
  const indexEvery = options.indexEvery ?? DEFAULT_INDEX_EVERY;
  const decoded = decodeRecords(data);
  const out: SegmentScan = {
    count: 0, firstSeq: 0, lastSeq: 0, lastHash: null, validBytes: 0, tail: decoded.tail,
    chainBreaks: [], chainBreakCount: 0, indexSeqs: [], indexOffsets: [],
  };
  let prevSeq = options.afterSeq;
  let expected: Uint8Array | null = options.prevHash;
  let offset = 0;
  for (const payload of decoded.records) {
    let event: onecard.v1.Event;
    try {
      event = pb.Event.decode(payload);
    } catch {
      out.tail = 'undecodable';
      return out;
    }
    const seq = event.seq;
    if (typeof seq !== 'number' || !Number.isSafeInteger(seq) || seq <= prevSeq || seq < options.minSeq || seq < 1) {
      out.tail = 'seq_out_of_order';
      return out;
    }
    if (options.deviceId !== undefined && event.deviceId !== options.deviceId) {
      out.tail = 'wrong_device';
      return out;
    }
    const want = seq === 1 ? ZERO_HASH : expected;
    if (want && !sameHash(event.prevHash, want)) {
      out.chainBreakCount++;
      if (out.chainBreaks.length < MAX_REPORTED_BREAKS) out.chainBreaks.push(seq);
    }
    const hash = eventHash(payload);
    if (out.count % indexEvery === 0) {
      out.indexSeqs.push(seq);
      out.indexOffsets.push(offset);
    }
    options.onRecord?.(event, payload, offset);
    if (out.count === 0) out.firstSeq = seq;
    out.count++;
    out.lastSeq = seq;
    out.lastHash = hash;
    expected = hash;
    prevSeq = seq;
    offset += RECORD_HEADER_BYTES + payload.length;
    out.validBytes = offset;
  }
  return out;
}
