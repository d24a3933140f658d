/** Options shared by `onecard meter` and `onecard emulate meter`: where the line is, which model. */
import { readFile } from 'node:fs/promises';
import { parse as parseYaml } from 'yaml';
import type { ModbusTransport } from '../controller/drivers/modbus/bus.js';
import { BUILT_IN_MODELS, findMeterModel, parseMeterModel, type MeterModel } from '../controller/drivers/modbus/meter-models.js';
import { UsageError, hostPort, integerOption } from './args.js';

export const LINE_OPTIONS = {
  tcp: { type: 'string' },
  rtu: { type: 'string' },
  baud: { type: 'string' },
  parity: { type: 'string' },
  'stop-bits': { type: 'string' },
  unit: { type: 'string' },
  model: { type: 'string' },
  'model-file': { type: 'string' },
} as const;

export const LINE_USAGE = `  --tcp         Modbus TCP at HOST:PORT (a meter, or an RS-485 gateway)
  --rtu         Modbus RTU on this serial device (an RS-485 adapter such as /dev/ttyUSB0, or a pty)
  --baud        RTU baud rate (default 9600); --parity none|even|odd (default none); --stop-bits 1|2 (default 1)
  --unit        the meter's unit id (slave address), 1-247
  --model       ${Object.keys(BUILT_IN_MODELS).join(' or ')}, or the id of the model in --model-file
  --model-file  a meter model in YAML or JSON (register map; see controller/drivers/modbus/meter-models.ts)`;

type LineValues = { [K in keyof typeof LINE_OPTIONS]?: string | undefined };

export function transportFrom(values: LineValues, usage: string): ModbusTransport {
  if ((values.tcp === undefined) === (values.rtu === undefined)) throw new UsageError(`give exactly one of --tcp HOST:PORT or --rtu DEVICE\n\n${usage}`);
  if (values.tcp !== undefined) {
    for (const rtuOnly of ['baud', 'parity', 'stop-bits'] as const) if (values[rtuOnly] !== undefined) throw new UsageError(`--${rtuOnly} is for --rtu only\n\n${usage}`);
    const { host, port } = hostPort(values.tcp, 'tcp');
    return { kind: 'tcp', host, port };
  }
  const parity = values.parity ?? 'none';
  if (parity !== 'none' && parity !== 'even' && parity !== 'odd') throw new UsageError(`--parity must be none, even or odd, got ${JSON.stringify(parity)}`);
  const stopBits = integerOption(values['stop-bits'], 'stop-bits', 1, 1, 2) as 1 | 2;
  const baudRate = integerOption(values.baud, 'baud', 9600, 300, 921_600);
  if (!values.rtu) throw new UsageError(`--rtu needs a serial device\n\n${usage}`);
  return { kind: 'rtu', path: values.rtu, baudRate, parity, dataBits: 8, stopBits };
}

export function unitFrom(values: LineValues, usage: string): number {
  if (values.unit === undefined) throw new UsageError(`--unit is required\n\n${usage}`);
  return integerOption(values.unit, 'unit', 1, 1, 247);
}

/** The model named by --model, from the built-in ones or the --model-file. */
export async function modelFrom(values: LineValues, usage: string): Promise<MeterModel> {
  const fileModels: MeterModel[] = [];
  if (values['model-file'] !== undefined) {
    const path = values['model-file'];
    let text: string;
    try {
      text = await readFile(path, 'utf8');
    } catch (err) {
      throw new Error(`cannot read --model-file ${path}: ${(err as Error).message}`, { cause: err });
    }
    let doc: unknown;
    try {
      doc = parseYaml(text);
    } catch (err) {
      throw new Error(`${path}: not YAML or JSON: ${(err as Error).message}`, { cause: err });
    }
    fileModels.push(parseMeterModel(doc, path));
  }
  const id = values.model ?? fileModels[0]?.id;
  if (id === undefined) throw new UsageError(`--model is required\n\n${usage}`);
  const model = findMeterModel(id, fileModels);
  if (!model) throw new UsageError(`unknown meter model ${JSON.stringify(id)}: use ${[...Object.keys(BUILT_IN_MODELS), ...fileModels.map((m) => m.id)].join(', ')}`);
  return model;
}
