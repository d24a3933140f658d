import { strict as assert } from 'node:assert';
import { VpcdFrameDecoder, encodeVpcdFrame, parseVpcdMessage } from './vpcd-framing.js';
import { CONTACTLESS_ATR, answerApdu } from './vpcd-card.js';

const hex = (s: string) => Buffer.from(s.replace(/\s+/g, ''), 'hex');
const show = (b: Buffer) => b.toString('hex').toUpperCase();

describe('vpcd framing', () => {
  it('prefixes a payload with its 2-byte big-endian length', () => {
    assert.equal(show(encodeVpcdFrame(hex('04'))), '000104');
    assert.equal(show(encodeVpcdFrame(hex('04A1B2C3D4E5F6 9000'))), '000904A1B2C3D4E5F69000');
    assert.equal(show(encodeVpcdFrame(Buffer.alloc(0))), '0000');
    assert.equal(show(encodeVpcdFrame(Buffer.alloc(0x1234)).subarray(0, 2)), '1234');
  });

  it('refuses a payload a 2-byte length cannot describe', () => {
    assert.throws(() => encodeVpcdFrame(Buffer.alloc(0x10000)), /65536 bytes is above 65535/);
  });

  it('decodes frames cut anywhere in the stream, several per chunk, in order', () => {
    const stream = hex('0001 04  0005 FFCA000000  0001 01  0001 00');
    const whole = new VpcdFrameDecoder().push(stream).map(show);
    assert.deepEqual(whole, ['04', 'FFCA000000', '01', '00']);
    for (let cut = 0; cut <= stream.length; cut++) {
      const decoder = new VpcdFrameDecoder();
      const parts = [...decoder.push(stream.subarray(0, cut)), ...decoder.push(stream.subarray(cut))].map(show);
      assert.deepEqual(parts, whole, `cut at byte ${cut}`);
      assert.equal(decoder.pendingBytes, 0);
    }
  });

  it('holds an incomplete frame back byte by byte until it is whole', () => {
    const decoder = new VpcdFrameDecoder();
    const out: string[] = [];
    for (const byte of hex('0005 FFCA000000')) out.push(...decoder.push(Buffer.from([byte])).map(show));
    assert.deepEqual(out, ['FFCA000000']);
    assert.deepEqual(decoder.push(hex('00')), []);
    assert.equal(decoder.pendingBytes, 1, 'half a length prefix is kept');
  });

  it('reads 1-byte payloads as control codes and longer ones as APDUs', () => {
    assert.deepEqual(parseVpcdMessage(hex('00')), { kind: 'power_off' });
    assert.deepEqual(parseVpcdMessage(hex('01')), { kind: 'power_on' });
    assert.deepEqual(parseVpcdMessage(hex('02')), { kind: 'reset' });
    assert.deepEqual(parseVpcdMessage(hex('04')), { kind: 'get_atr' });
    assert.deepEqual(parseVpcdMessage(hex('07')), { kind: 'unknown_control', code: 7 });
    assert.deepEqual(parseVpcdMessage(Buffer.alloc(0)), { kind: 'empty' });
    const apdu = parseVpcdMessage(hex('FFCA000000'));
    assert.equal(apdu.kind, 'apdu');
    assert.equal(apdu.kind === 'apdu' && show(apdu.apdu), 'FFCA000000');
  });
});

describe('virtual card answers', () => {
  const uid = hex('04A1B2C3D4E5F6');

  it('answers GET DATA (UID) with the UID and 90 00, for Le 00 or at least the UID length', () => {
    assert.equal(show(answerApdu(hex('FFCA000000'), uid)), '04A1B2C3D4E5F69000');
    assert.equal(show(answerApdu(hex('FFCA0000'), uid)), '04A1B2C3D4E5F69000');
    assert.equal(show(answerApdu(hex('FFCA000007'), uid)), '04A1B2C3D4E5F69000');
    assert.equal(show(answerApdu(hex('FFCA000000'), hex('0A0B0C0D'))), '0A0B0C0D9000');
  });

  it('answers everything else with an ISO 7816 status word', () => {
    assert.equal(show(answerApdu(hex('FFCA000004'), uid)), '6C07', 'Le too short: the exact length');
    assert.equal(show(answerApdu(hex('FFCA010000'), uid)), '6A81', 'historical bytes: not supported');
    assert.equal(show(answerApdu(hex('FFCA000100'), uid)), '6B00', 'wrong P2');
    assert.equal(show(answerApdu(hex('FFB0000010'), uid)), '6D00', 'READ BINARY: instruction not supported');
    assert.equal(show(answerApdu(hex('00A4040007A0000000041010'), uid)), '6E00', 'SELECT: class not supported');
    assert.equal(show(answerApdu(hex('FFCA00000100'), uid)), '6700', 'GET DATA with data');
    assert.equal(show(answerApdu(hex('FFCA'), uid)), '6700', 'too short');
  });

  it('presents an ATR that nfc-pcsc reads as an ISO 14443-3 card (byte 5 is 4F)', () => {
    assert.equal(show(CONTACTLESS_ATR), '3B8F8001804F0CA000000306030001000000006A');
    assert.equal(CONTACTLESS_ATR[5], 0x4f);
  });
});
