/**
 * Numbered schema migrations, applied in order by Kysely's Migrator. Each is a file of this folder
 * named `NNNN_what.ts` exporting `migration`; the file name (without extension) is its name in the
 * database. Never edit a migration that has shipped: add the next number.
 */
import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { Migration } from 'kysely';

const FILE = /^(\d{4}_[a-z0-9_]+)\.(ts|js)$/;

export async function loadMigrations(): Promise<Record<string, Migration>> {
  const dir = dirname(fileURLToPath(import.meta.url));
  const out: Record<string, Migration> = {};
  for (const file of readdirSync(dir).sort()) {
    const match = FILE.exec(file);
    if (!match || file.endsWith('.test.ts')) continue;
    const mod = (await import(pathToFileURL(join(dir, file)).href)) as { migration?: Migration };
    if (!mod.migration) throw new Error(`migration file ${file} exports no 'migration'`);
    out[match[1]!] = mod.migration;
  }
  return out;
}
