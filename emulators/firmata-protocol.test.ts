import { strict as assert } from 'node:assert';
import {
  HostCommandParser,
  PinMode,
  encodeAnalogMappingResponse,
  encodeAnalogMessage,
  encodeCapabilityResponse,
  encodeDigitalMessage,
  encodeFirmwareReport,
  encodePinStateResponse,
  encodeReportVersion,
  encodeStringData,
  to7BitGroups,
} from './firmata-protocol.js';
import { AssertionError } from '../lib/errors.js';

const bytes = (hex: string): Uint8Array => Uint8Array.from(hex.split(/\s+/).filter(Boolean).map((h) => parseInt(h, 16)));
const hex = (data: Uint8Array): string => [...data].map((b) => b.toString(16).toUpperCase().padStart(2, '0')).join(' ');

describe('firmata protocol (board side)', () => {
  describe('host command parser', () => {
    it('decodes what firmata.js sends during board initialisation', () => {
      const parser = new HostCommandParser();
      assert.deepEqual(parser.feed(bytes('F9 F0 79 F7 F0 6B F7 F0 69 F7')), [
        { kind: 'report-version' },
        { kind: 'query-firmware' },
        { kind: 'capability-query' },
        { kind: 'analog-mapping-query' },
      ]);
    });

    it('decodes pin mode, port writes, single pin writes, reporting, pin state, sampling interval and reset', () => {
      const parser = new HostCommandParser();
      assert.deepEqual(parser.feed(bytes('F4 07 01 90 00 01 91 05 00 F5 0D 01 D1 01 C2 00 F0 6D 07 F7 F0 7A 13 00 F7 FF')), [
        { kind: 'set-pin-mode', pin: 7, mode: PinMode.OUTPUT },
        { kind: 'digital-message', port: 0, value: 0x80 },
        { kind: 'digital-message', port: 1, value: 0x05 },
        { kind: 'set-digital-pin-value', pin: 13, value: 1 },
        { kind: 'report-digital', port: 1, enabled: true },
        { kind: 'report-analog', pin: 2, enabled: false },
        { kind: 'pin-state-query', pin: 7 },
        { kind: 'sampling-interval', intervalMs: 19 },
        { kind: 'system-reset' },
      ]);
    });

    it('reassembles messages split across reads at any byte', () => {
      const stream = bytes('F4 02 0B F0 6D 02 F7 90 7F 01');
      const whole = new HostCommandParser().feed(stream);
      for (let cut = 1; cut < stream.length; cut++) {
        const parser = new HostCommandParser();
        assert.deepEqual([...parser.feed(stream.slice(0, cut)), ...parser.feed(stream.slice(cut))], whole, `cut at ${cut}`);
      }
      assert.equal(whole.length, 3);
    });

    it('discards stray data bytes, unknown commands and interrupted messages, then resynchronises', () => {
      const parser = new HostCommandParser();
      assert.deepEqual(parser.feed(bytes('01 02 F4 05 FA F0 6B F4 03 01')), [
        { kind: 'discarded', reason: 'stray-data', bytes: [0x01, 0x02] },
        { kind: 'discarded', reason: 'interrupted', bytes: [0xf4, 0x05] },
        { kind: 'discarded', reason: 'unknown-command', bytes: [0xfa] },
        { kind: 'discarded', reason: 'interrupted', bytes: [0xf0, 0x6b] },
        { kind: 'set-pin-mode', pin: 3, mode: PinMode.OUTPUT },
      ]);
    });

    it('drops a sysex longer than its limit up to END_SYSEX and parses what follows', () => {
      const parser = new HostCommandParser(4);
      const out = parser.feed(bytes('F0 71 01 02 03 04 05 06 F7 F9'));
      assert.equal(out.length, 2);
      assert.equal(out[0]!.kind, 'discarded');
      assert.equal((out[0] as { reason: string }).reason, 'sysex-too-long');
      assert.deepEqual(out[1], { kind: 'report-version' });
    });

    it('reports malformed known sysex and passes unknown sysex through with its data', () => {
      const parser = new HostCommandParser();
      assert.deepEqual(parser.feed(bytes('F0 6D F7 F0 71 41 00 F7')), [
        { kind: 'discarded', reason: 'malformed', bytes: [0xf0, 0x6d, 0xf7] },
        { kind: 'sysex', command: 0x71, data: [0x41, 0x00] },
      ]);
    });
  });

  describe('board answers', () => {
    it('encodes the protocol version and the firmware name as firmata.js decodes them', () => {
      assert.equal(hex(encodeReportVersion(2, 5)), 'F9 02 05');
      assert.equal(hex(encodeFirmwareReport(2, 5, 'OC')), 'F0 79 02 05 4F 00 43 00 F7');
      assert.equal(hex(encodeFirmwareReport(2, 5, 'é')), 'F0 79 02 05 43 01 29 01 F7');
    });

    it('encodes capabilities per pin, each ended by 7F', () => {
      const digital = [
        { mode: PinMode.INPUT, resolutionBits: 1 },
        { mode: PinMode.OUTPUT, resolutionBits: 1 },
      ];
      assert.equal(hex(encodeCapabilityResponse([[], digital, [...digital, { mode: PinMode.ANALOG, resolutionBits: 10 }]])), 'F0 6C 7F 00 01 01 01 7F 00 01 01 01 02 0A 7F F7');
    });

    it('encodes the analog mapping with 7F for pins without a channel', () => {
      assert.equal(hex(encodeAnalogMappingResponse([null, null, 0, 1])), 'F0 6A 7F 7F 00 01 F7');
    });

    it('encodes pin state with the state as 7-bit groups', () => {
      assert.equal(hex(encodePinStateResponse(7, PinMode.OUTPUT, 1)), 'F0 6E 07 01 01 F7');
      assert.equal(hex(encodePinStateResponse(9, PinMode.PWM, 200)), 'F0 6E 09 03 48 01 F7');
      assert.deepEqual(to7BitGroups(0), [0]);
      assert.deepEqual(to7BitGroups(0x3fff), [0x7f, 0x7f]);
    });

    it('encodes digital and analog messages with the high bit in the second data byte', () => {
      assert.equal(hex(encodeDigitalMessage(0, 0x80)), '90 00 01');
      assert.equal(hex(encodeDigitalMessage(2, 0x0f)), '92 0F 00');
      assert.equal(hex(encodeAnalogMessage(1, 1023)), 'E1 7F 07');
    });

    it('encodes a string message as 7-bit pairs', () => {
      assert.equal(hex(encodeStringData('Hi')), 'F0 71 48 00 69 00 F7');
    });

    it('refuses values the protocol cannot carry', () => {
      assert.throws(() => encodeDigitalMessage(16, 0), AssertionError);
      assert.throws(() => encodeDigitalMessage(0, 256), AssertionError);
      assert.throws(() => encodeReportVersion(128, 0), AssertionError);
      assert.throws(() => to7BitGroups(-1), AssertionError);
    });
  });
});
