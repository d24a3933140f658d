/**
 * Test fixture: makes sure pcscd (with the vsmartcard vpcd driver) is running before a PC/SC test.
 * If its socket is missing and pcscd is installed, starts it and waits for the socket; if pcscd is
 * not installed, fails with what to run.
 */
import { spawn } from 'node:child_process';
import { access, constants } from 'node:fs/promises';
import { createConnection } from 'node:net';
import { DEFAULT_PCSCD_SOCKET } from '../controller/drivers/pcsc-protocol.js';

const PCSCD_CANDIDATES = ['/usr/sbin/pcscd', '/usr/local/sbin/pcscd', '/sbin/pcscd', '/usr/bin/pcscd'];

/** The real vpcd readers and the TCP ports their virtual cards connect to. */
export const VPCD_READERS = [
  { name: 'Virtual PCD 00 00', port: 35963 },
  { name: 'Virtual PCD 00 01', port: 35964 },
] as const;

function accepts(path: string): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = createConnection({ path });
    const done = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
  });
}

async function findPcscd(): Promise<string | null> {
  const dirs = (process.env.PATH ?? '').split(':').filter(Boolean).map((d) => `${d}/pcscd`);
  for (const candidate of [...dirs, ...PCSCD_CANDIDATES]) {
    try {
      await access(candidate, constants.X_OK);
      return candidate;
    } catch {
      // not here
    }
  }
  return null;
}

/** Resolves once pcscd accepts connections on its socket; starts it (as a daemon) when needed. */
export async function ensurePcscd(socketPath = DEFAULT_PCSCD_SOCKET, timeoutMs = 10_000): Promise<void> {
  if (await accepts(socketPath)) return;
  const pcscd = await findPcscd();
  if (!pcscd) {
    throw new Error('pcscd is not installed: run scripts/install-system-deps.sh (as root) to install pcscd and vsmartcard-vpcd');
  }
  const exitCode = await new Promise<number | null>((resolve, reject) => {
    // pcscd forks into the background itself; this waits for the foreground part only.
    const child = spawn(pcscd, [], { stdio: 'ignore' });
    child.once('error', reject);
    child.once('exit', (code) => resolve(code));
  });
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await accepts(socketPath)) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`started ${pcscd} (exit ${exitCode}) but ${socketPath} did not accept connections within ${timeoutMs} ms (needs root; see scripts/install-system-deps.sh)`);
}
