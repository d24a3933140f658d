/**
 * The hash chain over a device's events, shared by the controller's journal (which writes it) and
 * the hub (which checks it).
 *
 * Each event carries in `prev_hash` the SHA-256 of the previous event of the same device's journal,
 * taken over that event's encoded protobuf bytes (`Event.encode(e)`, the record payload as written);
 * the first event of a device carries 32 zero bytes. Encoding is canonical (fields in number order,
 * proto3 defaults omitted), so the hub re-encoding a decoded event gets the bytes the device hashed.
 */
import { createHash } from 'node:crypto';

export const CHAIN_HASH_BYTES = 32;

/** `prev_hash` of a device's very first event. */
export const ZERO_HASH: Buffer = Buffer.alloc(CHAIN_HASH_BYTES);

/** SHA-256 of an encoded event. */
export function eventHash(encodedEvent: Uint8Array): Buffer {
  return createHash('sha256').update(encodedEvent).digest();
}

/** True when `prevHash` is exactly `expected` (both 32 bytes). */
export function sameHash(prevHash: Uint8Array | null | undefined, expected: Uint8Array): boolean {
  if (!prevHash || prevHash.length !== CHAIN_HASH_BYTES || expected.length !== CHAIN_HASH_BYTES) return false;
  return Buffer.from(prevHash.buffer, prevHash.byteOffset, prevHash.length).equals(expected);
}
