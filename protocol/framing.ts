/**
 * Record framing shared by the journal and any other append-only store of protobuf records.
 *
 * A record on disk is `u32 LE payload length | u32 LE CRC-32C of payload | payload`. Decoding is a
 * pure function of the bytes: it returns every whole, intact record and the offset where the valid
 * prefix ends, so a caller can truncate a torn or corrupt tail left by a crash.
 */
import { crc32c } from './crc32c.js';

export const RECORD_HEADER_BYTES = 8;
/** Upper bound on one record's payload; larger lengths in a header are treated as corruption. */
export const MAX_RECORD_PAYLOAD_BYTES = 64 * 1024;

export function encodeRecord(payload: Uint8Array): Buffer {
  if (payload.length > MAX_RECORD_PAYLOAD_BYTES) {
    throw new RangeError(`record payload of ${payload.length} bytes exceeds ${MAX_RECORD_PAYLOAD_BYTES}`);
  }
  const out = Buffer.allocUnsafe(RECORD_HEADER_BYTES + payload.length);
  out.writeUInt32LE(payload.length, 0);
  out.writeUInt32LE(crc32c(payload), 4);
  out.set(payload, RECORD_HEADER_BYTES);
  return out;
}

export type RecordTail =
  /** Every byte belonged to a whole, intact record. */
  | 'clean'
  /** The last record is cut short (a write interrupted by a crash). */
  | 'torn'
  /** A header names an impossible length or a payload fails its CRC. */
  | 'corrupt';

export interface DecodedRecords {
  records: Buffer[];
  /** Byte offset just past the last intact record. */
  validBytes: number;
  tail: RecordTail;
}

export function decodeRecords(data: Buffer, maxPayloadBytes = MAX_RECORD_PAYLOAD_BYTES): DecodedRecords {
  const records: Buffer[] = [];
  let offset = 0;
  while (offset < data.length) {
    if (data.length - offset < RECORD_HEADER_BYTES) return { records, validBytes: offset, tail: 'torn' };
    const length = data.readUInt32LE(offset);
    const crc = data.readUInt32LE(offset + 4);
    if (length > maxPayloadBytes) return { records, validBytes: offset, tail: 'corrupt' };
    const start = offset + RECORD_HEADER_BYTES;
    const end = start + length;
    if (end > data.length) return { records, validBytes: offset, tail: 'torn' };
    if (crc32c(data, start, end) !== crc) return { records, validBytes: offset, tail: 'corrupt' };
    records.push(data.subarray(start, end));
    offset = end;
  }
  return { records, validBytes: offset, tail: 'clean' };
}
