/**
 * Register values: how a number is laid out in 16-bit Modbus registers. Pure functions shared by
 * the meter driver (decode) and the meter emulator (encode).
 *
 * Types: u16 / i16 take one register; u32 / i32 / float32 (IEEE 754) take two. Within a register
 * the bytes are big-endian (Modbus). `wordOrder` says which register of a two-register value comes
 * first: 'high-first' (the usual, "big-endian words": Eastron, Hiking) or 'low-first'.
 */
import { AssertionError } from '../../../lib/errors.js';

export const VALUE_TYPES = ['u16', 'i16', 'u32', 'i32', 'float32'] as const;
export type ValueType = (typeof VALUE_TYPES)[number];
export const WORD_ORDERS = ['high-first', 'low-first'] as const;
export type WordOrder = (typeof WORD_ORDERS)[number];

export function registerCount(type: ValueType): 1 | 2 {
  return type === 'u16' || type === 'i16' ? 1 : 2;
}

function isRegister(n: unknown): n is number {
  return Number.isInteger(n) && (n as number) >= 0 && (n as number) <= 0xffff;
}

/** The 4 bytes of a two-register value in big-endian byte order (high word first). */
function wordsToBytes(registers: readonly number[], wordOrder: WordOrder): Buffer {
  const [a, b] = registers as [number, number];
  const [high, low] = wordOrder === 'high-first' ? [a, b] : [b, a];
  const bytes = Buffer.alloc(4);
  bytes.writeUInt16BE(high, 0);
  bytes.writeUInt16BE(low, 2);
  return bytes;
}

function bytesToWords(bytes: Buffer, wordOrder: WordOrder): number[] {
  const high = bytes.readUInt16BE(0);
  const low = bytes.readUInt16BE(2);
  return wordOrder === 'high-first' ? [high, low] : [low, high];
}

/** Decodes the registers of one value (exactly `registerCount(type)` of them). May return NaN or ±Infinity for float32. */
export function decodeValue(registers: readonly number[], type: ValueType, wordOrder: WordOrder = 'high-first'): number {
  if (registers.length !== registerCount(type) || !registers.every(isRegister)) {
    throw new AssertionError(`decode ${type}: expected ${registerCount(type)} register(s) of 0..65535, got ${JSON.stringify(registers)}`);
  }
  const first = registers[0]!;
  switch (type) {
    case 'u16':
      return first;
    case 'i16':
      return first >= 0x8000 ? first - 0x10000 : first;
    case 'u32':
      return wordsToBytes(registers, wordOrder).readUInt32BE(0);
    case 'i32':
      return wordsToBytes(registers, wordOrder).readInt32BE(0);
    case 'float32':
      return wordsToBytes(registers, wordOrder).readFloatBE(0);
  }
}

const INTEGER_RANGE: Record<Exclude<ValueType, 'float32'>, [number, number]> = {
  u16: [0, 0xffff],
  i16: [-0x8000, 0x7fff],
  u32: [0, 0xffffffff],
  i32: [-0x80000000, 0x7fffffff],
};

/** Encodes a value into its registers. Integer types take an integer within the type's range. */
export function encodeValue(value: number, type: ValueType, wordOrder: WordOrder = 'high-first'): number[] {
  if (type === 'float32') {
    const bytes = Buffer.alloc(4);
    bytes.writeFloatBE(value, 0);
    return bytesToWords(bytes, wordOrder);
  }
  const [min, max] = INTEGER_RANGE[type];
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new AssertionError(`encode ${type}: ${value} is not an integer from ${min} to ${max}`);
  }
  switch (type) {
    case 'u16':
      return [value];
    case 'i16':
      return [value < 0 ? value + 0x10000 : value];
    case 'u32':
    case 'i32': {
      const bytes = Buffer.alloc(4);
      if (type === 'u32') bytes.writeUInt32BE(value, 0);
      else bytes.writeInt32BE(value, 0);
      return bytesToWords(bytes, wordOrder);
    }
  }
}

/** The range of raw values a type can hold (float32: ±max float). */
export function rawRange(type: ValueType): [number, number] {
  return type === 'float32' ? [-3.4028234663852886e38, 3.4028234663852886e38] : INTEGER_RANGE[type];
}
