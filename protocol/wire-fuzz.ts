/**
 * Fuzzing the frame decoder (`decodeFrame`) with random bytes and mutations of valid frames of
 * every message kind, under both directions' limits. A crash is an exception (the decoder must
 * answer every input with a typed result) or an accepted frame that breaks a validated promise
 * (every event's seq a positive safe integer, at most the batch limit of events). Deterministic
 * for a seed, so a crash can be replayed.
 */
import { DEVICE_TO_HUB_LIMITS, HUB_TO_DEVICE_LIMITS, decodeFrame, encodeFrame, type WireLimits } from './wire.js';
import { PROTOCOL_VERSION, type Envelope } from './messages.js';
import { seededRandom } from '../controller/journal/fuzz.js';

export interface FrameFuzzReport {
  inputs: number;
  accepted: number;
  crashes: number;
  failures: { input: number; error: string }[];
}

const SAMPLES: Envelope[] = [
  { hello: { deviceId: 'dorm-7-north', protocolVersion: PROTOCOL_VERSION, lastSeqWritten: 42, datasets: [{ name: 1, version: 7 }] } },
  { challenge: { nonce: Buffer.alloc(32, 7) } },
  { auth: { signature: Buffer.alloc(64, 9) } },
  { welcome: { ackedSeq: 41, hubTimeUnixMs: 1_800_000_000_000, heartbeatIntervalMs: 15_000 } },
  {
    events: {
      events: [
        { deviceId: 'd1', seq: 1, deviceTimeUnixMs: 1_800_000_000_000, pointId: 'door-a', prevHash: Buffer.alloc(32), access: { cardUid: '04A1B2C3', granted: true, reason: 1 } },
        { deviceId: 'd1', seq: 2, deviceTimeUnixMs: 1_800_000_000_001, pointId: 'shower-1', charge: { cardUid: '04A1B2C3', accountId: 'acct-1', amountFen: 150 } },
        { deviceId: 'd1', seq: 3, pointId: 'room-101', meterReading: { meterId: 'm1', energyWh: 123456, powerW: 900 } },
      ],
    },
  },
  { ack: { ackedSeq: 300 } },
  { datasetUpdate: { name: 1, version: 9, fromVersion: 8, blacklist: { addCardUids: ['04A1B2C3D4'], removeCardUids: ['04FFFFFFFF'] } } },
  { datasetUpdate: { name: 2, version: 3, fullSnapshot: true, cards: { upsert: [{ cardUid: '04A1B2C3', personId: 'P1', personType: 'student', groups: ['dorm-7'] }] } } },
  { datasetAck: { name: 1, version: 9 } },
  { command: { commandId: 'cmd-1', openDoor: { pointId: 'door-a' } } },
  { heartbeat: { timeUnixMs: 1_800_000_000_000 } },
  { error: { code: 4, message: 'authentication failed' } },
];

export function fuzzFrameDecoder(inputs: number, seed: number): FrameFuzzReport {
  const random = seededRandom(seed);
  const at = (n: number) => Math.floor(random() * Math.max(1, n));
  const valid = SAMPLES.map((s) => Buffer.from(encodeFrame(s)));
  const report: FrameFuzzReport = { inputs: 0, accepted: 0, crashes: 0, failures: [] };
  for (let i = 0; i < inputs; i++) {
    const base = valid[at(valid.length)]!;
    let bytes: Buffer;
    const kind = at(6);
    if (kind === 0) bytes = Buffer.from(Array.from({ length: at(256) }, () => at(256)));
    else if (kind === 1) bytes = base.subarray(0, at(base.length + 1));
    else if (kind === 2) {
      bytes = Buffer.from(base);
      for (let k = 0, n = 1 + at(6); k < n && bytes.length > 0; k++) bytes[at(bytes.length)]! ^= 1 << at(8);
    } else if (kind === 3) {
      const p = at(base.length + 1);
      bytes = Buffer.concat([base.subarray(0, p), Buffer.from(Array.from({ length: 1 + at(12) }, () => at(256))), base.subarray(p)]);
    } else if (kind === 4) bytes = Buffer.concat([base, valid[at(valid.length)]!]);
    else bytes = Buffer.from(base.map((b) => (random() < 0.05 ? 0xff : b)));
    const limits: WireLimits = random() < 0.5 ? DEVICE_TO_HUB_LIMITS : HUB_TO_DEVICE_LIMITS;
    report.inputs++;
    try {
      const out = decodeFrame(bytes, limits);
      if (!out.ok) continue;
      report.accepted++;
      const events = out.envelope.events?.events ?? [];
      if (events.length > limits.maxEventsPerBatch) throw new Error(`accepted ${events.length} events over the batch limit`);
      for (const e of events) if (!Number.isSafeInteger(e.seq) || (e.seq ?? 0) < 1) throw new Error(`accepted seq ${String(e.seq)}`);
    } catch (err) {
      report.crashes++;
      if (report.failures.length < 5) report.failures.push({ input: i, error: (err as Error).message });
    }
  }
  return report;
}
