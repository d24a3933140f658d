/**
 * The fields of chunked snapshots on the wire, from hand-written bytes: DatasetUpdate snapshot_id
 * (5), chunk_index (6), chunk_count (7) and Hello max_snapshot_chunks (7). An update without them
 * (as every hub sent before chunked snapshots) is whole in its frame; the decoder refuses chunk
 * fields that do not make sense.
 */
import { strict as assert } from 'node:assert';
import { DEVICE_TO_HUB_LIMITS, HUB_TO_DEVICE_LIMITS, decodeFrame, encodeFrame } from './wire.js';
import { ErrorCode, pb } from './messages.js';

const hex = (s: string) => Buffer.from(s.replace(/\s+/g, ''), 'hex');
// BlacklistData { add_card_uids: ["04A1B2C3"] } as DatasetUpdate.blacklist (field 10).
const BLACKLIST = '520a 0a08 3034413142324333';
// name BLACKLIST, version 2, full_snapshot true.
const HEAD = '0801 1002 2001';

function refused(bytes: Uint8Array, message: string): void {
  const out = decodeFrame(bytes, HUB_TO_DEVICE_LIMITS);
  assert.equal(out.ok, false, 'the frame should be refused');
  if (out.ok) return;
  assert.equal(out.code, ErrorCode.ERROR_CODE_MALFORMED_FRAME);
  assert.equal(out.message, message);
}

describe('wire: chunked snapshot fields', () => {
  it('decodes chunk 1 of 3 of snapshot 77 from its bytes and encodes the same bytes', () => {
    // Envelope.dataset_update (7) { HEAD, snapshot_id 77, chunk_index 1, chunk_count 3, blacklist }
    const bytes = hex(`3a18 ${HEAD} 284d 3001 3803 ${BLACKLIST}`);
    const out = decodeFrame(bytes, HUB_TO_DEVICE_LIMITS);
    assert.ok(out.ok, out.ok ? '' : out.message);
    const u = out.envelope.datasetUpdate!;
    assert.deepEqual(
      [u.name, u.version, u.fullSnapshot, u.snapshotId, u.chunkIndex, u.chunkCount, u.blacklist!.addCardUids],
      [pb.DatasetName.DATASET_NAME_BLACKLIST, 2, true, 77, 1, 3, ['04A1B2C3']],
    );
    assert.equal(Buffer.from(encodeFrame(out.envelope)).toString('hex'), bytes.toString('hex'));
    const built = encodeFrame({ datasetUpdate: { name: pb.DatasetName.DATASET_NAME_BLACKLIST, version: 2, fullSnapshot: true, snapshotId: 77, chunkIndex: 1, chunkCount: 3, blacklist: { addCardUids: ['04A1B2C3'] } } });
    assert.equal(Buffer.from(built).toString('hex'), bytes.toString('hex'));
  });

  it('takes a snapshot without chunk fields, or with chunk_count 1, as whole in its frame', () => {
    const old = decodeFrame(hex(`3a12 ${HEAD} ${BLACKLIST}`), HUB_TO_DEVICE_LIMITS);
    assert.ok(old.ok);
    const u = old.envelope.datasetUpdate!;
    assert.deepEqual([u.snapshotId, u.chunkIndex, u.chunkCount, u.fullSnapshot], [0, 0, 0, true]);
    const one = decodeFrame(hex(`3a16 ${HEAD} 2805 3801 ${BLACKLIST}`), HUB_TO_DEVICE_LIMITS);
    assert.ok(one.ok, one.ok ? '' : one.message);
    assert.deepEqual([one.envelope.datasetUpdate!.snapshotId, one.envelope.datasetUpdate!.chunkCount], [5, 1]);
  });

  it('refuses chunk fields that do not make sense', () => {
    refused(hex(`3a18 ${HEAD} 284d 3003 3803 ${BLACKLIST}`), 'dataset_update.chunk_index: 3 is not below chunk_count 3');
    // A delta (from_version 2, no full_snapshot) of chunk_count 2.
    refused(hex(`3a16 0801 1003 1802 284d 3802 ${BLACKLIST}`), 'dataset_update.chunk_count: only a full snapshot is sent in chunks');
    refused(hex(`3a16 ${HEAD} 3000 3802 ${BLACKLIST}`), 'dataset_update.snapshot_id: a chunked snapshot needs a positive id');
    refused(hex(`3a14 ${HEAD} 3002 ${BLACKLIST}`), 'dataset_update.chunk_index: 2 in an update of chunk_count 0 (whole in one frame)');
    // snapshot_id 2^60: past a safe integer.
    refused(hex(`3a20 ${HEAD} 28808080808080808010 3000 3802 ${BLACKLIST}`), 'dataset_update.snapshot_id: not a safe integer');
  });

  it("carries the device's max_snapshot_chunks in its hello; a hello without it says 0", () => {
    // Envelope.hello (1) { device_id "d1", protocol_version 1, max_snapshot_chunks 1000 }
    const bytes = hex('0a09 0a026431 1001 38e807');
    const out = decodeFrame(bytes, DEVICE_TO_HUB_LIMITS);
    assert.ok(out.ok, out.ok ? '' : out.message);
    assert.deepEqual([out.envelope.hello!.deviceId, out.envelope.hello!.maxSnapshotChunks], ['d1', 1000]);
    assert.equal(Buffer.from(encodeFrame({ hello: { deviceId: 'd1', protocolVersion: 1, maxSnapshotChunks: 1000 } })).toString('hex'), bytes.toString('hex'));
    const old = decodeFrame(hex('0a06 0a026431 1001'), DEVICE_TO_HUB_LIMITS);
    assert.ok(old.ok);
    assert.equal(old.envelope.hello!.maxSnapshotChunks, 0);
  });
});
