/**
 * The console's files: index.html, app.js and app.css. A production build (`npm run build`) writes
 * them to dist/console/, beside the bundled `onecard`, and they are read from there; run from the
 * sources, they are bundled once from hub/console/web/ with esbuild, in memory, at the first request.
 * Each file carries a content hash as its ETag.
 */
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { bundleOptions } from './bundle-options.mjs';

export interface Asset {
  body: Buffer;
  contentType: string;
  etag: string;
}

export type Assets = ReadonlyMap<string, Asset>;

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
};

export const CONSOLE_FILES = ['index.html', 'app.js', 'app.css'] as const;

function asset(name: string, body: Buffer): Asset {
  const ext = name.slice(name.lastIndexOf('.'));
  return { body, contentType: TYPES[ext] ?? 'application/octet-stream', etag: `"${createHash('sha256').update(body).digest('base64url').slice(0, 22)}"` };
}

/** Bundles the console from its sources into memory. */
export async function bundleConsole(webDir: string): Promise<Map<string, Asset>> {
  const { build } = await import('esbuild');
  const result = await build({ ...bundleOptions(webDir), outdir: '/console', write: false });
  const files = new Map<string, Asset>();
  for (const f of result.outputFiles) {
    const name = f.path.slice(f.path.lastIndexOf('/') + 1);
    files.set(name, asset(name, Buffer.from(f.contents)));
  }
  files.set('index.html', asset('index.html', await readFile(join(webDir, 'index.html'))));
  for (const name of CONSOLE_FILES) if (!files.has(name)) throw new Error(`console bundle: ${name} was not produced`);
  return files;
}

async function readBuilt(dir: string): Promise<Map<string, Asset>> {
  const files = new Map<string, Asset>();
  for (const name of CONSOLE_FILES) files.set(name, asset(name, await readFile(join(dir, name))));
  return files;
}

/**
 * Finds the console's files: dist/console/ beside a bundled `onecard`, else the sources beside this
 * module. The promise is made once and shared.
 */
export function consoleAssets(): Promise<Assets> {
  cached ??= (async () => {
    const here = dirname(fileURLToPath(import.meta.url));
    const built = join(here, 'console');
    if (existsSync(join(built, 'index.html'))) return readBuilt(built);
    return bundleConsole(join(here, 'web'));
  })();
  cached.catch(() => (cached = null));
  return cached;
}

let cached: Promise<Assets> | null = null;
