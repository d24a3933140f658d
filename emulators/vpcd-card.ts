/**
 * A virtual contactless card for the vsmartcard `vpcd` reader driver of pcscd: `present()` connects
 * to vpcd (so the real PC/SC stack sees a card on "Virtual PCD 00 00" for port 35963, "00 01" for
 * 35964), `remove()` destroys the socket (the card leaves the field). It answers the PC/SC GET DATA
 * command `FF CA 00 00 Le` with the UID and `90 00`, and every other command with an ISO 7816 status
 * word. It records every APDU and control code it received.
 */
import { Socket, createConnection } from 'node:net';
import { AssertionError } from '../lib/errors.js';
import { silentLogger, type Logger } from '../lib/log.js';
import { VpcdFrameDecoder, encodeVpcdFrame, parseVpcdMessage } from './vpcd-framing.js';

/**
 * ATR of a PC/SC part 3 storage card (ISO 14443-3, MIFARE Classic 1K). Byte 5 is 0x4F, which makes
 * nfc-pcsc treat the card as ISO 14443-3.
 */
export const CONTACTLESS_ATR = Buffer.from('3B8F8001804F0CA000000306030001000000006A', 'hex');

export const VPCD_DEFAULT_HOST = '127.0.0.1';
export const VPCD_DEFAULT_PORT = 35963;

const UID_HEX = /^(?:[0-9A-F]{2}){4,10}$/;

/** The card's answer to one C-APDU (pure). */
export function answerApdu(apdu: Buffer, uid: Buffer): Buffer {
  if (apdu.length < 4) return sw(0x6700); // wrong length
  const [cla, ins, p1, p2] = [apdu[0]!, apdu[1]!, apdu[2]!, apdu[3]!];
  if (cla !== 0xff) return sw(0x6e00); // class not supported
  if (ins !== 0xca) return sw(0x6d00); // instruction not supported
  if (p1 !== 0x00) return sw(0x6a81); // GET DATA of anything but the UID: function not supported
  if (p2 !== 0x00) return sw(0x6b00); // wrong P1/P2
  if (apdu.length > 5) return sw(0x6700); // GET DATA has no command data
  const le = apdu.length === 5 ? apdu[4]! : 0;
  if (le !== 0 && le < uid.length) return sw(0x6c00 | uid.length); // wrong Le: here is the exact length
  return Buffer.concat([uid, sw(0x9000)]);
}

function sw(word: number): Buffer {
  return Buffer.from([word >> 8, word & 0xff]);
}

export function isVirtualCardUid(hex: string): boolean {
  return UID_HEX.test(hex);
}

export interface VirtualCardOptions {
  uid: string;
  host?: string;
  port?: number;
  logger?: Logger;
  /** How long `present()` waits for vpcd to accept the connection. */
  connectTimeoutMs?: number;
  /** APDUs and control codes kept in `received` (oldest dropped first). */
  maxRecorded?: number;
}

export type PresentResult = { ok: true } | { ok: false; error: 'unreachable' | 'timeout'; message: string };

export interface ReceivedMessage {
  kind: 'power_off' | 'power_on' | 'reset' | 'get_atr' | 'unknown_control' | 'apdu' | 'empty';
  /** The payload as upper-case hex. */
  hex: string;
}

export class VirtualCard {
  readonly received: ReceivedMessage[] = [];
  private uidBytes: Buffer;
  private socket: Socket | null = null;
  private removeOnApdu: string | null = null;
  private readonly host: string;
  private readonly port: number;
  private readonly logger: Logger;
  private readonly connectTimeoutMs: number;
  private readonly maxRecorded: number;

  constructor(options: VirtualCardOptions) {
    this.uidBytes = parseUid(options.uid);
    this.host = options.host ?? VPCD_DEFAULT_HOST;
    this.port = options.port ?? VPCD_DEFAULT_PORT;
    this.logger = options.logger ?? silentLogger;
    this.connectTimeoutMs = options.connectTimeoutMs ?? 5000;
    this.maxRecorded = options.maxRecorded ?? 10_000;
  }

  get uid(): string {
    return this.uidBytes.toString('hex').toUpperCase();
  }

  get isPresented(): boolean {
    return this.socket !== null;
  }

  /** The C-APDUs received so far, as upper-case hex. */
  get apdus(): string[] {
    return this.received.filter((m) => m.kind === 'apdu').map((m) => m.hex);
  }

  /** Swaps the card for one with another UID; only while removed. */
  setUid(uid: string): void {
    if (this.socket) throw new AssertionError('setUid() while the card is presented: remove() it first');
    this.uidBytes = parseUid(uid);
  }

  /**
   * Arms a one-shot fault: the next C-APDU starting with `prefixHex` is not answered; the card
   * leaves the field instead (its socket is destroyed), as when a card is pulled away mid-read.
   */
  removeOnNextApdu(prefixHex: string): void {
    this.removeOnApdu = prefixHex.replace(/\s+/g, '').toUpperCase();
  }

  /** Puts the card on the reader: connects to vpcd. */
  present(): Promise<PresentResult> {
    if (this.socket) throw new AssertionError(`card ${this.uid}: present() while already presented`);
    return new Promise((resolve) => {
      const socket = createConnection({ host: this.host, port: this.port });
      socket.setNoDelay(true);
      const decoder = new VpcdFrameDecoder();
      const timer = setTimeout(() => fail('timeout', `vpcd at ${this.host}:${this.port} did not accept the card within ${this.connectTimeoutMs} ms`), this.connectTimeoutMs);
      const fail = (error: 'unreachable' | 'timeout', message: string) => {
        clearTimeout(timer);
        socket.destroy();
        resolve({ ok: false, error, message });
      };
      socket.once('error', (err) => fail('unreachable', `cannot reach vpcd at ${this.host}:${this.port} (${err.message}): is pcscd running with vsmartcard-vpcd?`));
      socket.once('connect', () => {
        clearTimeout(timer);
        socket.removeAllListeners('error');
        this.socket = socket;
        socket.on('error', (err) => this.logger.log('warn', 'vpcd_card.socket_error', { uid: this.uid, error: err.message }));
        socket.on('close', () => {
          if (this.socket !== socket) return;
          this.socket = null;
          this.logger.log('info', 'vpcd_card.connection_closed', { uid: this.uid, reason: 'vpcd closed the connection' });
        });
        socket.on('data', (chunk: Buffer) => {
          for (const payload of decoder.push(chunk)) this.onPayload(socket, payload);
        });
        this.logger.log('debug', 'vpcd_card.presented', { uid: this.uid, vpcd: `${this.host}:${this.port}` });
        resolve({ ok: true });
      });
    });
  }

  /** Takes the card away: destroys the connection. Resolves once the socket is closed. */
  async remove(): Promise<void> {
    const socket = this.socket;
    if (!socket) return;
    this.socket = null;
    await new Promise<void>((resolve) => {
      socket.once('close', () => resolve());
      socket.destroy();
    });
    this.logger.log('debug', 'vpcd_card.removed', { uid: this.uid });
  }

  private onPayload(socket: Socket, payload: Buffer): void {
    const message = parseVpcdMessage(payload);
    if (this.received.length >= this.maxRecorded) this.received.shift();
    this.received.push({ kind: message.kind, hex: payload.toString('hex').toUpperCase() });
    switch (message.kind) {
      case 'get_atr':
        socket.write(encodeVpcdFrame(CONTACTLESS_ATR));
        return;
      case 'apdu': {
        const hex = message.apdu.toString('hex').toUpperCase();
        if (this.removeOnApdu !== null && hex.startsWith(this.removeOnApdu)) {
          this.removeOnApdu = null;
          this.logger.log('info', 'vpcd_card.removed_mid_apdu', { uid: this.uid, apdu: hex });
          void this.remove();
          return;
        }
        socket.write(encodeVpcdFrame(answerApdu(message.apdu, this.uidBytes)));
        return;
      }
      case 'unknown_control':
        this.logger.log('warn', 'vpcd_card.unknown_control', { uid: this.uid, code: message.code });
        return;
      default:
        return; // power off, power on, reset and empty payloads take no reply
    }
  }
}

function parseUid(uid: string): Buffer {
  const hex = uid.toUpperCase();
  if (!UID_HEX.test(hex)) throw new AssertionError(`card uid ${JSON.stringify(uid)} is not 4 to 10 bytes of hex`);
  return Buffer.from(hex, 'hex');
}
