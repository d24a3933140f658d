/**
 * `onecard meter read`: reads a Modbus meter once through the real drivers (modbus-serial over RTU
 * or TCP) and prints every quantity its model has, with units; `--json` prints one object
 * (`energy_kwh`, `power_w`, `voltage_v`, `current_a`, and `relay_closed` where the model has them).
 * Exit 1, with the reason on stderr, when the meter does not answer or answers wrong.
 */
import { createModbusBus } from '../controller/drivers/modbus/modbus-serial-bus.js';
import { describeTransport } from '../controller/drivers/modbus/bus.js';
import { ModbusMeter, type MeterReading } from '../controller/drivers/modbus/meter.js';
import { StreamLogger } from '../lib/log.js';
import { UsageError, integerOption, parse } from './args.js';
import { LINE_OPTIONS, LINE_USAGE, modelFrom, transportFrom, unitFrom } from './modbus-args.js';

const USAGE = `usage: onecard meter read (--tcp HOST:PORT | --rtu DEVICE [--baud N]) --unit N --model MODEL [--json]

Reads a meter once and prints energy, power, voltage, current and relay state (those its model has).

${LINE_USAGE}
  --json        print one JSON object: energy_kwh, power_w, voltage_v, current_a, relay_closed
  --timeout-ms  wait for each reply (default 1000); --retries N further attempts after a timeout
                or corrupted reply (default 2)
  --verbose     log every connection and retry on stderr`;

export async function run(args: string[]): Promise<number> {
  const [action, ...rest] = args;
  if (action === '--help' || action === '-h') {
    console.log(USAGE);
    return 0;
  }
  if (action !== 'read') throw new UsageError(`unknown action ${JSON.stringify(action ?? '')}\n\n${USAGE}`);
  const { values } = parse(rest, { ...LINE_OPTIONS, json: { type: 'boolean' }, 'timeout-ms': { type: 'string' }, retries: { type: 'string' }, verbose: { type: 'boolean' } }, USAGE);
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  const transport = transportFrom(values, USAGE);
  const unit = unitFrom(values, USAGE);
  const timeoutMs = integerOption(values['timeout-ms'], 'timeout-ms', 1000, 10, 60_000);
  const retries = integerOption(values.retries, 'retries', 2, 0, 5);
  const model = await modelFrom(values, USAGE);
  const logger = new StreamLogger(values.verbose ? 'debug' : 'warn');
  const bus = createModbusBus({ name: 'cli', transport, timing: { timeoutMs, retries, reconnectIntervalMs: 0 }, logger });
  try {
    await bus.open();
    const meter = new ModbusMeter({ name: `unit ${unit}`, bus, unit, model, logger });
    const result = await meter.read();
    if (!result.ok) {
      const code = result.exceptionCode === undefined ? '' : ` (exception code ${result.exceptionCode})`;
      console.error(`onecard meter: ${result.error}${code}: ${result.message}`);
      return 1;
    }
    if (values.json) console.log(JSON.stringify(toJson(result.reading)));
    else {
      console.log(`${model.name} (${model.id}), unit ${unit}, ${describeTransport(transport)}`);
      for (const line of toLines(result.reading)) console.log(line);
    }
    return 0;
  } finally {
    await bus.close();
  }
}

/** The JSON object of a reading: decimal values in kWh, W, V, A; only the quantities read. */
export function toJson(r: MeterReading): Record<string, number | boolean> {
  return {
    ...(r.energyWh === undefined ? {} : { energy_kwh: r.energyWh / 1000 }),
    ...(r.powerW === undefined ? {} : { power_w: r.powerW }),
    ...(r.voltageMv === undefined ? {} : { voltage_v: r.voltageMv / 1000 }),
    ...(r.currentMa === undefined ? {} : { current_a: r.currentMa / 1000 }),
    ...(r.relayClosed === undefined ? {} : { relay_closed: r.relayClosed }),
  };
}

export function toLines(r: MeterReading): string[] {
  const lines: string[] = [];
  const milli = (n: number) => (n / 1000).toFixed(3);
  if (r.energyWh !== undefined) lines.push(`energy   ${milli(r.energyWh)} kWh`);
  if (r.powerW !== undefined) lines.push(`power    ${r.powerW} W`);
  if (r.voltageMv !== undefined) lines.push(`voltage  ${milli(r.voltageMv)} V`);
  if (r.currentMa !== undefined) lines.push(`current  ${milli(r.currentMa)} A`);
  if (r.relayClosed !== undefined) lines.push(`relay    ${r.relayClosed ? 'closed (supply on)' : 'open (supply cut)'}`);
  return lines;
}
