/**
 * `onecard selftest`: the hardware self-test of a controller, on site (hardware-tests/). One line per
 * step as it completes and a summary, or with `--json` one JSON document; `--report` writes the
 * commissioning report (a printable HTML page and its JSON). Exit 0 when no step failed, 1 otherwise.
 */
import { randomUUID } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import { createInterface, type Interface } from 'node:readline';
import { loadControllerConfig } from '../controller/config.js';
import { HardwareDrivers } from '../controller/drivers/hardware.js';
import { EmulatedDrivers } from '../emulators/drivers.js';
import { OwnedHardware } from '../hardware-tests/access.js';
import type { Technician } from '../hardware-tests/context.js';
import { buildReport, reportHtml, stepLines, summaryLine } from '../hardware-tests/report.js';
import { parseOnly, runSelfTest } from '../hardware-tests/runner.js';
import { SUITES } from '../hardware-tests/types.js';
import { systemClock } from '../lib/clock.js';
import { StreamLogger, silentLogger } from '../lib/log.js';
import { UsageError, parse } from './args.js';

const USAGE = `usage: onecard selftest --config FILE [--only SUITES] [--json] [--report FILE.html] [--technician NAME] [--verbose]

  --config      the controller's config (YAML): its points and drivers, and its selfTest section
                (feedback inputs, timings: see hardware-tests/README.md)
  --only        comma-separated suites to run: ${SUITES.join(', ')} (default: all)
  --json        print one JSON document listing every step (status pass, fail or skip) instead of lines
  --report      also write the commissioning report: FILE.html (printable) and FILE.json beside it
  --technician  the technician's name, printed on the report
  --verbose     log what the drivers do (stderr)

Run it with the controller service stopped: it opens the drivers itself. It releases each door and
cuts each room's breaker for relayPulseMs, and runs each shower for valveOpenMs. On a terminal it
asks you to tap a test card on each reader; without one that step is skipped. Exit status 0 when no
step failed, 1 otherwise.`;

export async function run(args: string[]): Promise<number> {
  const { values } = parse(args, { config: { type: 'string' }, only: { type: 'string' }, json: { type: 'boolean' }, report: { type: 'string' }, technician: { type: 'string' }, verbose: { type: 'boolean' } }, USAGE);
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  if (!values.config) throw new UsageError(`--config is required\n\n${USAGE}`);
  let only;
  try {
    only = values.only === undefined ? [] : parseOnly(values.only);
  } catch (err) {
    throw new UsageError(`--only: ${(err as Error).message}`);
  }
  if (values.report !== undefined && !values.report.endsWith('.html')) throw new UsageError(`--report must name an .html file (its .json is written beside it), got ${JSON.stringify(values.report)}`);
  const config = await loadControllerConfig(values.config);
  const logger = values.verbose ? new StreamLogger('debug') : silentLogger;
  const emulated = new EmulatedDrivers({ logger });
  const drivers = new HardwareDrivers({ logger, emulated, firmata: config.firmata, modbus: config.modbus });
  const technician = process.stdin.isTTY && process.stderr.isTTY ? new TerminalTechnician(emulated) : null;
  const json = values.json === true;
  if (!json) console.log(`onecard selftest ${config.deviceId}: ${config.points.length} point(s), suites ${(only.length ? only : SUITES).join(', ')}`);
  let result;
  try {
    result = await runSelfTest({
      config,
      hardware: new OwnedHardware(drivers),
      clock: systemClock,
      wallNow: Date.now,
      only,
      technician,
      onStep: (step) => {
        if (!json) for (const line of stepLines(step)) console.log(line);
      },
    });
  } finally {
    technician?.close();
  }
  const report = buildReport(result, { runId: randomUUID(), mode: 'on-site', config, configFile: values.config, ...(values.technician === undefined ? {} : { technician: values.technician }) });
  if (json) console.log(JSON.stringify(report, null, 2));
  else console.log(summaryLine(report));
  if (values.report !== undefined) {
    await writeFile(values.report, reportHtml(report));
    const jsonPath = values.report.replace(/\.html$/, '.json');
    await writeFile(jsonPath, `${JSON.stringify(report, null, 2)}\n`);
    (json ? console.error : console.log)(`commissioning report: ${values.report} and ${jsonPath}`);
  }
  return report.ok ? 0 : 1;
}

/**
 * Prompts on the terminal (stderr, so --json output stays clean). An emulated reader cannot be
 * tapped by hand: for one, a card UID typed and Enter is tapped on it.
 */
class TerminalTechnician implements Technician {
  private lines: Interface | null = null;
  private waitingOn: string | null = null;

  constructor(private readonly emulated: EmulatedDrivers) {}

  prompt(text: string, component: string): void {
    const isEmulated = this.emulated.readers.has(component);
    process.stderr.write(`>>> ${text}${isEmulated ? ' (an emulated reader: type a card UID and Enter)' : ''}\n`);
    this.waitingOn = isEmulated ? component : null;
    if (isEmulated && !this.lines) {
      this.lines = createInterface({ input: process.stdin });
      this.lines.on('line', (line) => this.typed(line.trim()));
    }
  }

  dismiss(): void {
    this.waitingOn = null;
  }

  close(): void {
    this.lines?.close();
    this.lines = null;
  }

  private typed(uid: string): void {
    const reader = this.waitingOn ? this.emulated.readers.get(this.waitingOn) : undefined;
    if (!reader || !uid) return;
    try {
      reader.tap(uid);
    } catch (err) {
      process.stderr.write(`cannot tap ${JSON.stringify(uid)}: ${(err as Error).message}\n`);
    }
  }
}
