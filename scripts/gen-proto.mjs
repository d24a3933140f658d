// Regenerates protocol/gen/onecard.{js,d.ts} from protocol/onecard.proto (static code, no reflection
// at run time). Run with `npm run gen`; the generated files are committed. An optional argument
// names another output folder (the test that checks the committed code is current uses it).
import { execFileSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const gen = process.argv[2] ?? join(root, 'protocol', 'gen');
mkdirSync(gen, { recursive: true });
const bin = (name) => join(root, 'node_modules', '.bin', name);
execFileSync(bin('pbjs'), [
  '-t', 'static-module', '-w', 'esm', '--force-number', '--no-verify', '--no-convert',
  '--no-delimited', '--no-service', '--no-typeurl',
  '-o', join(gen, 'onecard.js'), join(root, 'protocol', 'onecard.proto'),
], { stdio: 'inherit' });
execFileSync(bin('pbts'), ['-o', join(gen, 'onecard.d.ts'), join(gen, 'onecard.js')], { stdio: 'inherit' });
console.log(`generated ${join(gen, 'onecard.js')} and onecard.d.ts`);
