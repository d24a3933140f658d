// Regenerates protocol/gen/onecard.{js,d.ts} from protocol/onecard.proto (static code, no reflection
// at run time, int64 as JS numbers). Run with `npm run gen`; the generated files are committed.
import { execFileSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const gen = join(root, 'protocol', 'gen');
mkdirSync(gen, { recursive: true });
const bin = (name) => join(root, 'node_modules', '.bin', name);
execFileSync(bin('pbjs'), [
  '-t', 'static-module', '-w', 'esm', '--force-number', '--no-verify', '--no-convert',
  '--no-delimited', '--no-service', '--no-typeurl',
  '-o', join(gen, 'onecard.js'), join(root, 'protocol', 'onecard.proto'),
], { stdio: 'inherit' });
execFileSync(bin('pbts'), ['-o', join(gen, 'onecard.d.ts'), join(gen, 'onecard.js')], { stdio: 'inherit' });
console.log('generated protocol/gen/onecard.js and onecard.d.ts');
