/**
 * `onecard emulate meter`: an emulated Modbus meter on TCP or on a serial device (one end of a
 * socat pty pair, or a real RS-485 adapter), serving its model's registers, with energy advancing
 * with the set power and a writable relay register. Runs until SIGINT or SIGTERM.
 */
import { EmulatedMeter } from '../emulators/modbus-meter.js';
import { serveMetersRtu, serveMetersTcp, type MeterServer } from '../emulators/modbus-slave-servers.js';
import { StreamLogger } from '../lib/log.js';
import { UsageError, integerOption, parse } from './args.js';
import { LINE_OPTIONS, LINE_USAGE, modelFrom, transportFrom, unitFrom } from './modbus-args.js';
import { untilSignal } from './signals.js';

const USAGE = `usage: onecard emulate meter --model MODEL --unit N (--tcp HOST:PORT | --rtu DEVICE [--baud N]) [--power-w W]

Serves the model's Modbus registers until Ctrl-C. For RTU, make a pty pair and give one end here and
the other to the master:  socat -d -d pty,raw,echo=0,link=/tmp/ttyA pty,raw,echo=0,link=/tmp/ttyB

${LINE_USAGE}
  --power-w     the load while the relay is closed, in W (default 0); energy advances with it
  --energy-wh   energy on the counter at start (default 0)
  --voltage-v   line voltage (default 230)
  --reply-delay-ms  the meter's time to answer (default 0)
  --verbose     log socket and line errors on stderr

TCP port 0 takes a free port; the line printed at start says where it listens.`;

function numberOption(value: string | undefined, name: string, fallback: number, min: number, max: number): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isFinite(n) || n < min || n > max) throw new UsageError(`--${name} must be a number from ${min} to ${max}, got ${JSON.stringify(value)}`);
  return n;
}

export async function run(args: string[]): Promise<number> {
  const { values } = parse(
    args,
    { ...LINE_OPTIONS, 'power-w': { type: 'string' }, 'energy-wh': { type: 'string' }, 'voltage-v': { type: 'string' }, 'reply-delay-ms': { type: 'string' }, verbose: { type: 'boolean' } },
    USAGE,
  );
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  const transport = transportFrom(values, USAGE);
  const unit = unitFrom(values, USAGE);
  const model = await modelFrom(values, USAGE);
  const powerW = numberOption(values['power-w'], 'power-w', 0, -100_000, 100_000);
  const energyWh = numberOption(values['energy-wh'], 'energy-wh', 0, 0, 1e12);
  const voltageMv = Math.round(numberOption(values['voltage-v'], 'voltage-v', 230, 0, 1000) * 1000);
  const replyDelayMs = integerOption(values['reply-delay-ms'], 'reply-delay-ms', 0, 0, 10_000);
  const logger = new StreamLogger(values.verbose ? 'debug' : 'warn');
  const meter = new EmulatedMeter({
    model,
    unit,
    powerW,
    energyWh,
    voltageMv,
    onRelay: (closed) => console.log(`relay ${closed ? 'closed: supply on' : 'opened: supply cut'}`),
  });
  const server: MeterServer =
    transport.kind === 'tcp'
      ? await serveMetersTcp([meter], { host: transport.host, port: transport.port, replyDelayMs, logger })
      : await serveMetersRtu([meter], { ...transport, replyDelayMs, logger });
  console.log(`emulated ${model.name} (${model.id}) unit ${unit} listening on ${server.where}; power ${powerW} W, energy ${energyWh} Wh. Ctrl-C stops.`);
  const signal = await untilSignal();
  await server.close();
  const state = meter.state();
  console.log(`stopped (${signal}): energy ${Math.floor(state.energyWh)} Wh, relay ${state.relayClosed ? 'closed' : 'open'}, ${meter.requests.length} requests received`);
  return 0;
}
