/**
 * Modbus RTU framing for the slave side, as pure functions: CRC-16/MODBUS, finding request frames
 * in received bytes, decoding requests and encoding replies. An RTU frame is
 * `unit | function | data | CRC (2 bytes, low byte first)`, at most 256 bytes.
 */

export const RTU_MAX_FRAME_BYTES = 256;

/** CRC-16/MODBUS: polynomial 0xA001 (reflected 0x8005), initial value 0xFFFF. */
export function crc16(bytes: Uint8Array): number {
  let crc = 0xffff;
  for (const byte of bytes) {
    crc ^= byte;
    for (let bit = 0; bit < 8; bit++) crc = crc & 1 ? (crc >>> 1) ^ 0xa001 : crc >>> 1;
  }
  return crc;
}

export function appendCrc(body: Uint8Array): Buffer {
  const crc = crc16(body);
  return Buffer.concat([Buffer.from(body), Buffer.from([crc & 0xff, crc >>> 8])]);
}

export function hasValidCrc(frame: Uint8Array): boolean {
  if (frame.length < 4) return false;
  const crc = crc16(frame.subarray(0, frame.length - 2));
  return frame[frame.length - 2] === (crc & 0xff) && frame[frame.length - 1] === crc >>> 8;
}

/** A request as a slave sees it. `fn` other than 3, 4, 6, 16 is answered "illegal function". */
export type SlaveRequest =
  | { kind: 'read'; unit: number; fn: 3 | 4; address: number; count: number }
  | { kind: 'write-single'; unit: number; fn: 6; address: number; value: number }
  | { kind: 'write-multiple'; unit: number; fn: 16; address: number; values: number[] }
  | { kind: 'other'; unit: number; fn: number };

export type FrameScan =
  | { kind: 'frame'; frame: Buffer; rest: Buffer }
  /** Not enough bytes yet; `lengthKnown` is false for function codes whose length this slave cannot tell. */
  | { kind: 'need-more'; lengthKnown: boolean }
  /** The bytes at the start cannot begin a valid frame: drop `skip` bytes and scan again. */
  | { kind: 'garbage'; skip: number };

/** Length of a request frame from its first bytes, or null when it cannot be known (yet). */
function requestLength(buf: Buffer): number | 'need-more' | null {
  if (buf.length < 2) return 'need-more';
  const fn = buf[1]!;
  if (fn >= 1 && fn <= 6) return 8;
  if (fn === 15 || fn === 16) return buf.length < 7 ? 'need-more' : 9 + buf[6]!;
  return null;
}

/**
 * Finds the request frame at the start of `buf`. A complete frame whose CRC fails is garbage
 * (skip one byte: the real frame may start later, after line noise).
 */
export function scanRequestFrame(buf: Buffer): FrameScan {
  const length = requestLength(buf);
  if (length === 'need-more') return { kind: 'need-more', lengthKnown: true };
  if (length === null) {
    // An unknown function code: noise, or a request this slave does not implement. A valid frame
    // further on means the start was noise; otherwise the line going quiet ends the frame.
    for (let skip = 1; skip + 8 <= buf.length; skip++) {
      const later = requestLength(buf.subarray(skip));
      if (typeof later === 'number' && skip + later <= buf.length && hasValidCrc(buf.subarray(skip, skip + later))) return { kind: 'garbage', skip };
    }
    return { kind: 'need-more', lengthKnown: false };
  }
  if (length > RTU_MAX_FRAME_BYTES) return { kind: 'garbage', skip: 1 };
  if (buf.length < length) return { kind: 'need-more', lengthKnown: true };
  const frame = buf.subarray(0, length);
  if (!hasValidCrc(frame)) return { kind: 'garbage', skip: 1 };
  return { kind: 'frame', frame: Buffer.from(frame), rest: buf.subarray(length) };
}

/** Decodes a frame whose CRC was checked. Returns null for a malformed request (ignored, like noise). */
export function decodeRequest(frame: Buffer): SlaveRequest | null {
  const unit = frame[0]!;
  const fn = frame[1]!;
  const body = frame.subarray(2, frame.length - 2);
  if (fn === 3 || fn === 4) {
    if (body.length !== 4) return null;
    return { kind: 'read', unit, fn, address: body.readUInt16BE(0), count: body.readUInt16BE(2) };
  }
  if (fn === 6) {
    if (body.length !== 4) return null;
    return { kind: 'write-single', unit, fn, address: body.readUInt16BE(0), value: body.readUInt16BE(2) };
  }
  if (fn === 16) {
    if (body.length < 5) return null;
    const count = body.readUInt16BE(2);
    if (body[4] !== count * 2 || body.length !== 5 + count * 2) return null;
    const values = Array.from({ length: count }, (_, i) => body.readUInt16BE(5 + i * 2));
    return { kind: 'write-multiple', unit, fn, address: body.readUInt16BE(0), values };
  }
  return { kind: 'other', unit, fn };
}

export function encodeReadReply(unit: number, fn: 3 | 4, registers: readonly number[]): Buffer {
  const body = Buffer.alloc(3 + registers.length * 2);
  body[0] = unit;
  body[1] = fn;
  body[2] = registers.length * 2;
  registers.forEach((r, i) => body.writeUInt16BE(r, 3 + i * 2));
  return appendCrc(body);
}

/** FC6 echoes the request; FC16 echoes address and count. */
export function encodeWriteReply(unit: number, fn: 6 | 16, address: number, valueOrCount: number): Buffer {
  const body = Buffer.alloc(6);
  body[0] = unit;
  body[1] = fn;
  body.writeUInt16BE(address, 2);
  body.writeUInt16BE(valueOrCount, 4);
  return appendCrc(body);
}

export function encodeExceptionReply(unit: number, fn: number, code: number): Buffer {
  return appendCrc(Buffer.from([unit, (fn | 0x80) & 0xff, code]));
}
