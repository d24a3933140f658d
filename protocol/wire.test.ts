import { strict as assert } from 'node:assert';
import { DEVICE_TO_HUB_LIMITS, HUB_TO_DEVICE_LIMITS, decodeFrame, encodeFrame } from './wire.js';
import { ErrorCode, pb } from './messages.js';

const hex = (s: string) => Buffer.from(s.replace(/\s+/g, ''), 'hex');

function expectError(bytes: Uint8Array, code: ErrorCode, messagePart: string, limits = DEVICE_TO_HUB_LIMITS) {
  const out = decodeFrame(bytes, limits);
  assert.equal(out.ok, false, 'frame should be refused');
  if (out.ok) return;
  assert.equal(out.code, code, `code for: ${out.message}`);
  assert.match(out.message, new RegExp(messagePart));
}

// Event{device_id "d1", seq 1, time 1000, point "p", access{uid "04A1B2C3", granted, reason GRANTED}}
const EVENT = '0a026431 1001 18e807 220170 520e 0a083034413142324333 1001 1801';

describe('wire framing (one Envelope per WebSocket frame)', () => {
  it('decodes a heartbeat and an ack from their bytes', () => {
    const hb = decodeFrame(hex('5a02 0801'), DEVICE_TO_HUB_LIMITS);
    assert.ok(hb.ok && hb.envelope.body === 'heartbeat' && hb.envelope.heartbeat?.timeUnixMs === 1);
    const ack = decodeFrame(hex('3203 08ac02'), HUB_TO_DEVICE_LIMITS);
    assert.ok(ack.ok && ack.envelope.ack?.ackedSeq === 300);
  });

  it('encodes exactly the bytes it decodes', () => {
    const bytes = hex(`2a1e 0a1c ${EVENT}`);
    const out = decodeFrame(bytes, DEVICE_TO_HUB_LIMITS);
    assert.ok(out.ok);
    const e = out.envelope.events!.events![0]!;
    assert.deepEqual([e.deviceId, e.seq, e.deviceTimeUnixMs, e.pointId, e.access?.cardUid, e.access?.granted], ['d1', 1, 1000, 'p', '04A1B2C3', true]);
    assert.equal(Buffer.from(encodeFrame(out.envelope)).toString('hex'), bytes.toString('hex'));
  });

  it('refuses bytes that are not a protobuf Envelope', () => {
    expectError(hex('ffffffffffffffffffff'), ErrorCode.ERROR_CODE_MALFORMED_FRAME, 'not a protobuf Envelope');
    expectError(hex('0a05 0a03'), ErrorCode.ERROR_CODE_MALFORMED_FRAME, 'not a protobuf Envelope'); // length past the end
  });

  it('refuses an empty envelope and an empty batch', () => {
    expectError(hex(''), ErrorCode.ERROR_CODE_MALFORMED_FRAME, 'carries no message');
    expectError(hex('2a00'), ErrorCode.ERROR_CODE_MALFORMED_FRAME, 'empty batch');
  });

  it('refuses a frame above the size limit before decoding it', () => {
    expectError(Buffer.alloc(DEVICE_TO_HUB_LIMITS.maxFrameBytes + 1), ErrorCode.ERROR_CODE_FRAME_TOO_LARGE, 'exceeds');
  });

  it('bounds the events in one batch', () => {
    const events = Array.from({ length: DEVICE_TO_HUB_LIMITS.maxEventsPerBatch + 1 }, (_, i) => ({
      deviceId: 'd1', seq: i + 1, pointId: 'p', alarm: { kind: 'x' },
    }));
    expectError(encodeFrame({ events: { events } }), ErrorCode.ERROR_CODE_MALFORMED_FRAME, 'exceed the batch limit of 256');
  });

  it('names the event field that is invalid', () => {
    const bad = (event: Record<string, unknown>) => encodeFrame({ events: { events: [{ deviceId: 'd1', seq: 1, pointId: 'p', ...event }] } });
    expectError(bad({ access: { cardUid: 'not-hex' } }), ErrorCode.ERROR_CODE_INVALID_EVENT, /events\[0\]\.access\.card_uid/.source);
    expectError(bad({ seq: 0, alarm: { kind: 'x' } }), ErrorCode.ERROR_CODE_INVALID_EVENT, /events\[0\]\.seq/.source);
    expectError(bad({ pointId: 'a b', alarm: { kind: 'x' } }), ErrorCode.ERROR_CODE_INVALID_EVENT, /events\[0\]\.point_id/.source);
    expectError(bad({}), ErrorCode.ERROR_CODE_INVALID_EVENT, /events\[0\]\.payload: missing/.source);
    expectError(bad({ access: { granted: true, reason: pb.AccessReason.ACCESS_REASON_GRANTED } }), ErrorCode.ERROR_CODE_INVALID_EVENT, 'card_uid');
    const remote = decodeFrame(bad({ access: { granted: true, reason: pb.AccessReason.ACCESS_REASON_GRANTED_REMOTE } }), DEVICE_TO_HUB_LIMITS);
    assert.ok(remote.ok, 'a door opened by command has no card');
    expectError(bad({ seq: 2 ** 60, alarm: { kind: 'x' } }), ErrorCode.ERROR_CODE_INVALID_EVENT, /events\[0\]\.seq/.source);
  });

  it('checks hello, auth and dataset fields', () => {
    expectError(encodeFrame({ hello: { deviceId: '../etc' } }), ErrorCode.ERROR_CODE_MALFORMED_FRAME, 'hello.device_id');
    expectError(encodeFrame({ auth: { signature: Buffer.alloc(10) } }), ErrorCode.ERROR_CODE_MALFORMED_FRAME, 'auth.signature: must be 64 bytes');
    expectError(
      encodeFrame({ datasetUpdate: { name: pb.DatasetName.DATASET_NAME_BLACKLIST, version: 2, fullSnapshot: true, blacklist: { addCardUids: ['04a1b2c3'] } } }),
      ErrorCode.ERROR_CODE_MALFORMED_FRAME,
      'upper-case hex',
      HUB_TO_DEVICE_LIMITS,
    );
  });

  it('checks money events: a charge names its account and is never negative; a session has its id', () => {
    const event = (payload: object) => encodeFrame({ events: { events: [{ deviceId: 'd1', seq: 1, pointId: 'shower-1', ...payload }] } });
    expectError(event({ charge: { cardUid: '04A1B2C3', amountFen: 150 } }), ErrorCode.ERROR_CODE_INVALID_EVENT, 'charge.account_id');
    expectError(event({ charge: { accountId: 'acct-1', amountFen: -5 } }), ErrorCode.ERROR_CODE_INVALID_EVENT, 'charge.amount_fen: not a non-negative');
    expectError(event({ showerSession: { cardUid: '04A1B2C3' } }), ErrorCode.ERROR_CODE_INVALID_EVENT, 'shower_session.session_id');
    expectError(event({ meterReading: { meterId: 'm', accountId: 'bad id' } }), ErrorCode.ERROR_CODE_INVALID_EVENT, 'meter_reading.account_id');
    assert.ok(decodeFrame(event({ charge: { accountId: 'room-701', amountFen: 0, energyWh: 5000 } }), DEVICE_TO_HUB_LIMITS).ok, 'a zero room charge is valid');
  });

  it('checks the fields of each command', () => {
    const refuse = (command: object, part: string) => expectError(encodeFrame({ command: { commandId: 'c1', ...command } }), ErrorCode.ERROR_CODE_MALFORMED_FRAME, part, HUB_TO_DEVICE_LIMITS);
    refuse({ openDoor: { pointId: '' } }, 'open_door.point_id');
    refuse({ setRoomPower: { pointId: 'room 701', on: false } }, 'set_room_power.point_id');
    const ok = decodeFrame(encodeFrame({ command: { commandId: 'c2', setOfflineAuthorisation: { untilUnixMs: 1_800_000_000_000 } } }), HUB_TO_DEVICE_LIMITS);
    assert.ok(ok.ok && ok.envelope.command?.setOfflineAuthorisation?.untilUnixMs === 1_800_000_000_000);
  });
});
