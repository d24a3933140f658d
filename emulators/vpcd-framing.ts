/**
 * The vsmartcard `vpcd` wire format, as a pure transform. Both directions carry frames of a 2-byte
 * big-endian length followed by that many payload bytes. From vpcd to the card, a 1-byte payload is
 * a control code (0x00 power off, 0x01 power on, 0x02 reset: no reply; 0x04 get ATR: reply with the
 * ATR); a longer payload is a C-APDU, answered with an R-APDU.
 */
import { AssertionError } from '../lib/errors.js';

/** The largest payload a 2-byte length can describe. */
export const VPCD_MAX_PAYLOAD_BYTES = 0xffff;

export type VpcdMessage =
  | { kind: 'power_off' }
  | { kind: 'power_on' }
  | { kind: 'reset' }
  | { kind: 'get_atr' }
  | { kind: 'unknown_control'; code: number }
  | { kind: 'apdu'; apdu: Buffer }
  | { kind: 'empty' };

/** One frame: the length prefix and the payload. */
export function encodeVpcdFrame(payload: Uint8Array): Buffer {
  if (payload.length > VPCD_MAX_PAYLOAD_BYTES) {
    throw new AssertionError(`vpcd payload of ${payload.length} bytes is above ${VPCD_MAX_PAYLOAD_BYTES}`);
  }
  const frame = Buffer.allocUnsafe(2 + payload.length);
  frame.writeUInt16BE(payload.length, 0);
  frame.set(payload, 2);
  return frame;
}

/** What a payload from vpcd asks of the card. */
export function parseVpcdMessage(payload: Buffer): VpcdMessage {
  if (payload.length === 0) return { kind: 'empty' };
  if (payload.length > 1) return { kind: 'apdu', apdu: payload };
  const code = payload[0]!;
  switch (code) {
    case 0x00:
      return { kind: 'power_off' };
    case 0x01:
      return { kind: 'power_on' };
    case 0x02:
      return { kind: 'reset' };
    case 0x04:
      return { kind: 'get_atr' };
    default:
      return { kind: 'unknown_control', code };
  }
}

/**
 * Splits a byte stream into payloads. Chunks may cut frames anywhere; `push` returns the payloads
 * completed by this chunk, in order, and keeps at most one partial frame (at most 2 + 65535 bytes).
 */
export class VpcdFrameDecoder {
  private pending: Buffer = Buffer.alloc(0);

  push(chunk: Uint8Array): Buffer[] {
    let buffer = this.pending.length === 0 ? Buffer.from(chunk) : Buffer.concat([this.pending, chunk]);
    const payloads: Buffer[] = [];
    while (buffer.length >= 2) {
      const length = buffer.readUInt16BE(0);
      if (buffer.length < 2 + length) break;
      payloads.push(Buffer.from(buffer.subarray(2, 2 + length)));
      buffer = buffer.subarray(2 + length);
    }
    this.pending = Buffer.from(buffer);
    return payloads;
  }

  /** Bytes of an incomplete frame held back (0 between frames). */
  get pendingBytes(): number {
    return this.pending.length;
  }
}
