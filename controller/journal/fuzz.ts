/**
 * Fuzzing the journal reader (scan.ts): random bytes and mutations of a valid segment (bit flips,
 * cuts, inserted and duplicated bytes, overwritten length fields, records swapped) go through
 * `scanSegment`; a crash is an exception, or a result that breaks the reader's own promises (valid
 * prefix within the input, kept seqs strictly increasing, clean tail only for a whole input).
 * Deterministic for a seed, so a crash can be replayed.
 */
import { encodeRecord, RECORD_HEADER_BYTES } from '../../protocol/framing.js';
import { ZERO_HASH, eventHash } from '../../protocol/event-chain.js';
import { pb, type Event } from '../../protocol/messages.js';
import { scanSegment } from './scan.js';

export interface FuzzReport {
  inputs: number;
  crashes: number;
  /** The first few failures: input number, mutation and what went wrong. */
  failures: { input: number; mutation: string; error: string }[];
}

/** xorshift32: small, seeded, good enough to pick mutations. */
export function seededRandom(seed: number): () => number {
  let x = (seed >>> 0) || 0x9e3779b9;
  return () => {
    x ^= x << 13;
    x >>>= 0;
    x ^= x >>> 17;
    x ^= x << 5;
    x >>>= 0;
    return x / 0x100000000;
  };
}

/** A valid segment of `count` chained events (charges, accesses and alarms) of device `fuzz-dev`. */
export function validSegment(count: number, random: () => number): Buffer {
  const parts: Buffer[] = [];
  let prev = ZERO_HASH;
  for (let seq = 1; seq <= count; seq++) {
    const base = { deviceId: 'fuzz-dev', seq, deviceTimeUnixMs: 1_700_000_000_000 + seq, monotonicMs: seq * 7, pointId: 'p1', prevHash: prev };
    const pick = Math.floor(random() * 3);
    const event: Event = pick === 0
      ? { ...base, charge: { cardUid: '04A1B2C3', amountFen: Math.floor(random() * 10_000) } }
      : pick === 1
        ? { ...base, access: { cardUid: '04A1B2C3', granted: random() < 0.5, reason: 1 } }
        : { ...base, alarm: { kind: 'door_forced', active: true, detail: 'x'.repeat(Math.floor(random() * 50)) } };
    const payload = pb.Event.encode(event).finish();
    prev = eventHash(payload);
    parts.push(encodeRecord(payload));
  }
  return Buffer.concat(parts);
}

const MUTATIONS = ['random', 'flip', 'cut', 'insert', 'duplicate', 'length', 'splice', 'zeros'] as const;

function mutate(base: Buffer, random: () => number, kind: (typeof MUTATIONS)[number]): Buffer {
  const at = (n: number) => Math.floor(random() * Math.max(1, n));
  const out = Buffer.from(base);
  switch (kind) {
    case 'random':
      return Buffer.from(Array.from({ length: at(512) }, () => at(256)));
    case 'flip':
      for (let i = 0, n = 1 + at(8); i < n && out.length > 0; i++) out[at(out.length)]! ^= 1 << at(8);
      return out;
    case 'cut':
      return out.subarray(0, at(out.length + 1));
    case 'insert': {
      const p = at(out.length + 1);
      return Buffer.concat([out.subarray(0, p), Buffer.from(Array.from({ length: 1 + at(16) }, () => at(256))), out.subarray(p)]);
    }
    case 'duplicate': {
      const p = at(out.length);
      const q = p + at(out.length - p);
      return Buffer.concat([out.subarray(0, q), out.subarray(p, q), out.subarray(q)]);
    }
    case 'length': {
      if (out.length < RECORD_HEADER_BYTES) return out;
      out.writeUInt32LE(random() < 0.5 ? at(0x100000000) : at(200), 0);
      return out;
    }
    case 'splice': {
      // Two valid segments glued at random points: seqs go backwards, the chain breaks.
      const other = validSegment(1 + at(5), random);
      return Buffer.concat([out.subarray(0, at(out.length)), other.subarray(at(other.length))]);
    }
    case 'zeros':
      out.fill(0, at(out.length), out.length);
      return out;
  }
}

/** Runs `inputs` fuzz inputs through the journal reader; never throws. */
export function fuzzJournalReader(inputs: number, seed: number): FuzzReport {
  const random = seededRandom(seed);
  const report: FuzzReport = { inputs: 0, crashes: 0, failures: [] };
  let base = validSegment(20, random);
  for (let i = 0; i < inputs; i++) {
    if (i % 100 === 0) base = validSegment(1 + Math.floor(random() * 30), random);
    const kind = MUTATIONS[Math.floor(random() * MUTATIONS.length)]!;
    let input: Buffer;
    try {
      input = mutate(base, random, kind);
    } catch {
      input = Buffer.alloc(0);
    }
    report.inputs++;
    try {
      let lastSeq = 0;
      const scan = scanSegment(input, {
        deviceId: 'fuzz-dev', afterSeq: 0, minSeq: 1, prevHash: null,
        onRecord: (e) => {
          if ((e.seq ?? 0) <= lastSeq) throw new Error(`seq ${e.seq} kept after ${lastSeq}`);
          lastSeq = e.seq ?? 0;
        },
      });
      if (scan.validBytes > input.length) throw new Error(`validBytes ${scan.validBytes} > input ${input.length}`);
      if (scan.tail === 'clean' && scan.validBytes !== input.length) throw new Error('clean tail before the end of the input');
      if (scan.count > 0 && scan.lastSeq !== lastSeq) throw new Error('lastSeq differs from the last record kept');
    } catch (err) {
      report.crashes++;
      if (report.failures.length < 10) report.failures.push({ input: i, mutation: kind, error: (err as Error).message });
    }
  }
  return report;
}
