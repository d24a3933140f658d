/**
 * Test fixture for `onecard admin` against a real hub: a hub in a temp dir, its admin's token, and
 * the CLI run as a child process (bin/onecard.js) with that token in $ONECARD_TOKEN.
 */
import { execFile } from 'node:child_process';
import type { Hub } from '../hub/hub.js';
import { MemoryLogger } from '../lib/log.js';
import { adminToken, startHub, tempDir } from '../test/helpers.js';

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs `onecard ARGS` with $ONECARD_TOKEN set to `token`: its exit code and output. */
export function onecard(args: string[], token: string): Promise<CliRun> {
  return new Promise((resolve) => {
    execFile(process.execPath, ['bin/onecard.js', ...args], { timeout: 30_000, env: { ...process.env, ONECARD_TOKEN: token } }, (err, stdout, stderr) => {
      resolve({ code: err ? (typeof err.code === 'number' ? err.code : 1) : 0, stdout, stderr });
    });
  });
}

export interface AdminHub {
  hub: Hub;
  /** `onecard admin --hub <the hub> ARGS` as the test admin. */
  admin(...args: string[]): Promise<CliRun>;
  /** Stops the hub and removes its temp dir. */
  close(): Promise<void>;
}

/** A hub started in a temp dir and the CLI as its admin. */
export async function startAdminHub(): Promise<AdminHub> {
  const dir = await tempDir();
  const hub = await startHub(dir.path, new MemoryLogger());
  const token = await adminToken(hub);
  return {
    hub,
    admin: (...args) => onecard(['admin', '--hub', hub.url, ...args], token),
    close: async () => {
      await hub.stop();
      await dir.remove();
    },
  };
}
