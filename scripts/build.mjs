// Builds dist/: the `onecard` command bundled into one ES module (dist/onecard.mjs) and the PC/SC
// worker (dist/pcsc-worker.mjs), packages left external. A controller runs from dist/ in production
// (examples/onecard-controller.service): no TypeScript loader in memory, faster start.
import { build } from 'esbuild';
import { copyFileSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { bundleOptions } from '../hub/console/bundle-options.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
// An optional argument names another output folder inside the project (the build test uses one).
const out = process.argv[2] ?? join(root, 'dist');
rmSync(out, { recursive: true, force: true });
const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'esm',
  packages: 'external',
  sourcemap: 'linked',
  logLevel: 'warning',
  banner: { js: "import { createRequire as __onecardRequire } from 'node:module'; const require = __onecardRequire(import.meta.url);" },
};
await build({ ...common, entryPoints: { onecard: join(root, 'cli', 'entry.ts') }, outdir: out, outExtension: { '.js': '.mjs' } });
await build({ ...common, entryPoints: { 'pcsc-worker': join(root, 'controller', 'drivers', 'pcsc-worker.ts') }, outdir: out, outExtension: { '.js': '.mjs' } });
// The web console (hub/console/assets.ts reads dist/console/ when it is there; the same options as its in-memory bundle).
const web = join(root, 'hub', 'console', 'web');
await build({ ...bundleOptions(web), outdir: join(out, 'console') });
copyFileSync(join(web, 'index.html'), join(out, 'console', 'index.html'));
console.log(`built ${join(out, 'onecard.mjs')}, ${join(out, 'pcsc-worker.mjs')} and ${join(out, 'console')}/`);
