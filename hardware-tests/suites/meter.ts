/**
 * Meters: each room's meter read once (step `read`: every register the model has, timed) and the
 * reading checked (step `plausible`: mains voltage within `meterMinVoltageMv`..`meterMaxVoltageMv`,
 * power within the room's `maxPowerW`, a relay register holding a known state). The supply relay
 * is only read, never switched. Remotely the read goes through the point's bus, between its polls.
 */
import { fail, pass, skip, type Outcome, type SuiteContext, type Target } from '../context.js';
import type { MeterFailure, MeterReading } from '../../controller/drivers/modbus/meter.js';
import type { RoomPointConfig } from '../../controller/config.js';
import { formatMs } from '../wait.js';

const volts = (mv: number) => `${(mv / 1000).toFixed(1)} V`;

export async function meterSuite(ctx: SuiteContext): Promise<void> {
  for (const p of ctx.config.points) {
    if (p.kind !== 'room') continue;
    const target: Target = { suite: 'meter', component: `${p.id}/meter`, pointId: p.id, category: 'electricity_meter' };
    const held = await ctx.hw.meter(p.meter, target.component);
    if (!held.ok) {
      ctx.step.record(target, 'read', fail({
        detail: `cannot open the meter's bus: ${held.message}`,
        code: 'meter_bus_unavailable',
        cause: 'the serial device or Modbus TCP gateway in the config is missing, or taken by a running controller',
        remedy: 'stop the controller service before an on-site self-test; check the modbus section of the config (ls /dev/ttyUSB*)',
      }));
      ctx.step.record(target, 'plausible', skip('the meter could not be read'));
      continue;
    }
    try {
      let reading: MeterReading | null = null;
      await ctx.step.run(target, 'read', async () => {
        const startMs = performance.now();
        const result = await held.driver.read();
        const tookMs = performance.now() - startMs;
        if (!result.ok) return readFailure(p, result, tookMs);
        reading = result.reading;
        return pass(`read in ${formatMs(tookMs)}`, `every register of model ${held.driver.model.id} answered`);
      });
      const got: MeterReading | null = reading;
      ctx.step.record(target, 'plausible', got ? plausibility(ctx, p, got) : skip('the meter could not be read'));
    } finally {
      await held.release();
    }
  }
}

function where(p: RoomPointConfig): string {
  return p.meter.driver === 'modbus' ? `unit ${p.meter.unit} on bus ${p.meter.bus}` : `emulated unit ${p.meter.unit}`;
}

function readFailure(p: RoomPointConfig, r: MeterFailure, tookMs: number): Outcome {
  const figure = `${r.error} after ${formatMs(tookMs)}`;
  const detail = `${where(p)}: ${r.message}`;
  switch (r.error) {
    case 'timeout':
      return fail({ figure, detail: `meter silent: ${detail}`, code: 'meter_silent', cause: "no reply: RS-485 A and B swapped or loose, the meter unpowered, a wrong unit id, or a baud rate or parity that differs from the meter's", remedy: "check the meter's display and its unit id and baud setting; check the RS-485 wiring (A to A, B to B); try `onecard meter read`" });
    case 'crc':
      return fail({ figure, detail: `replies with CRC errors: ${detail}`, code: 'meter_crc', cause: 'a corrupted line: electrical noise, a missing 120 ohm terminator at the end of the bus, a stub too long, or two meters answering one unit id', remedy: 'terminate both ends of the RS-485 line, use twisted pair with its shield grounded at one end, keep it away from mains cables; give each meter its own unit id' });
    case 'exception':
      return fail({ figure, detail: `the meter refused the request: ${detail}`, code: 'meter_refused', cause: 'the configured model is not this meter (its register map differs), or the meter is in a fault state', remedy: "compare the meter's model with `model` in the config; power-cycle the meter" });
    case 'implausible':
      return fail({ figure, detail: `the meter sent an impossible value: ${detail}`, code: 'meter_bad_value', cause: 'a wrong register map or word order in the model, or a faulty meter', remedy: "check the model's register addresses and word order against the meter's manual" });
    case 'disconnected':
      return fail({ figure, detail: `the bus is not connected: ${detail}`, code: 'meter_bus_disconnected', cause: 'the USB-RS485 adapter is unplugged, or the Modbus TCP gateway is unreachable', remedy: 'check the adapter (ls /dev/ttyUSB*) or the gateway (ping it)' });
    case 'busy':
      return fail({ figure, detail: `the bus queue is full: ${detail}`, code: 'meter_bus_busy', cause: 'too many meters polled too often on one bus, or a meter slow to answer holding the line', remedy: 'raise pollIntervalMs, or split the meters over two buses' });
  }
}

function plausibility(ctx: SuiteContext, p: RoomPointConfig, r: MeterReading): Outcome {
  const s = ctx.settings;
  const parts: string[] = [];
  if (r.voltageMv !== undefined) parts.push(volts(r.voltageMv));
  if (r.energyWh !== undefined) parts.push(`${(r.energyWh / 1000).toFixed(1)} kWh`);
  if (r.powerW !== undefined) parts.push(`${r.powerW} W`);
  if (r.relayClosed !== undefined) parts.push(`relay ${r.relayClosed ? 'closed' : 'open'}`);
  const figure = parts.join(', ');
  if (r.energyWh === undefined) {
    return fail({ figure, detail: 'the reading has no energy register', code: 'meter_no_energy_register', cause: 'the configured model maps no energy register', remedy: "fix the model's register map" });
  }
  // A meter whose relay is open (supply cut) may read 0 V downstream of its contacts.
  const supplyCut = r.relayClosed === false;
  if (r.voltageMv !== undefined && !supplyCut && (r.voltageMv < s.meterMinVoltageMv || r.voltageMv > s.meterMaxVoltageMv)) {
    return fail({
      figure,
      detail: `voltage ${volts(r.voltageMv)} outside ${volts(s.meterMinVoltageMv)}..${volts(s.meterMaxVoltageMv)}`,
      code: r.voltageMv < s.meterMinVoltageMv / 2 ? 'meter_no_voltage' : 'meter_voltage_abnormal',
      cause: r.voltageMv < s.meterMinVoltageMv / 2 ? 'no supply at the meter, or a wrong scale in the model' : 'a supply problem (overload, a loose neutral) or a wrong scale in the model',
      remedy: 'measure the voltage at the meter; if it is right, fix the scale of voltageMv in the model',
    });
  }
  if (r.powerW !== undefined && Math.abs(r.powerW) > p.maxPowerW) {
    return fail({ figure, detail: `power ${r.powerW} W above the room's maxPowerW ${p.maxPowerW} W`, code: 'meter_power_high', cause: 'a wrong scale in the model, or a load beyond what the room may draw', remedy: 'check the scale of powerW in the model, and the load in the room' });
  }
  return pass(figure, `within ${volts(s.meterMinVoltageMv)}..${volts(s.meterMaxVoltageMv)} and ${p.maxPowerW} W${supplyCut ? '; the supply is cut (relay open)' : ''}`);
}
