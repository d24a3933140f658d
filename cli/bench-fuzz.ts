/**
 * `onecard bench fuzz`: the hub's frame decoder, the controller's journal reader and its dataset
 * applier take random and mutated inputs; any exception, unhandled rejection or broken promise is a
 * crash. Last line: {"bench":"fuzz","inputs":..,"crashes":0,...}. Exit 1 when anything crashed.
 */
import { fuzzFrameDecoder } from '../protocol/wire-fuzz.js';
import { fuzzJournalReader } from '../controller/journal/fuzz.js';
import { fuzzDatasetApplier } from '../controller/dataset-fuzz.js';
import { integerOption, parse } from './args.js';

const USAGE = `usage: onecard bench fuzz [--inputs N] [--seed N]

  --inputs  inputs in all, shared by the three targets (default 1000000)
  --seed    seed of the input generator (default 1); a crash is replayed with the same seed`;

export async function run(args: string[]): Promise<number> {
  const { values } = parse(args, { inputs: { type: 'string' }, seed: { type: 'string' } }, USAGE);
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  const inputs = integerOption(values.inputs, 'inputs', 1_000_000, 3, 100_000_000);
  const seed = integerOption(values.seed, 'seed', 1, 0, 0xffffffff);
  const share = Math.floor(inputs / 3);
  const targets: { name: string; run: (n: number) => Promise<{ inputs: number; crashes: number; failures: unknown[] }> }[] = [
    { name: 'frame decoder', run: async (n) => fuzzFrameDecoder(n, seed) },
    { name: 'journal reader', run: async (n) => fuzzJournalReader(n, seed) },
    { name: 'dataset applier', run: (n) => fuzzDatasetApplier(n, seed) },
  ];
  let total = 0;
  let crashes = 0;
  const figures: Record<string, number> = {};
  for (const [i, target] of targets.entries()) {
    const n = i === targets.length - 1 ? inputs - 2 * share : share;
    const t0 = performance.now();
    const report = await target.run(n);
    const seconds = (performance.now() - t0) / 1000;
    total += report.inputs;
    crashes += report.crashes;
    figures[`${target.name.replace(' ', '_')}_inputs`] = report.inputs;
    console.log(`${target.name.padEnd(16)} ${String(report.inputs).padStart(9)} inputs  ${report.crashes} crashes  ${seconds.toFixed(1)} s`);
    for (const f of report.failures) console.log(`  failure: ${JSON.stringify(f)}`);
  }
  console.log(JSON.stringify({ bench: 'fuzz', inputs: total, crashes, seed, ...figures }));
  return crashes === 0 ? 0 : 1;
}
