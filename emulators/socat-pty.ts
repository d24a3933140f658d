/**
 * A pair of linked pseudo-terminals from socat: bytes written to one come out of the other, like a
 * null-modem serial cable. Tests and self-tests put a Modbus RTU master on one end and an emulated
 * slave on the other. Needs socat (Debian: apt-get install socat).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { lstat } from 'node:fs/promises';
import { join } from 'node:path';

export interface PtyPair {
  /** Paths of the two ends (symlinks to /dev/pts/N inside `dir`). */
  a: string;
  b: string;
  /** Stops socat (SIGTERM, SIGKILL after `KILL_AFTER_MS`) and waits for it to exit; the links go with it. Safe to call twice. */
  close(): Promise<void>;
}

/** How long `close()` waits after SIGTERM before it kills socat. */
export const KILL_AFTER_MS = 2000;

async function exists(path: string): Promise<boolean> {
  try {
    await lstat(path);
    return true;
  } catch {
    return false;
  }
}

/** Starts socat with links `ttyA` and `ttyB` in `dir` and waits (up to `timeoutMs`) until both exist. */
export async function openPtyPair(dir: string, timeoutMs = 5000): Promise<PtyPair> {
  const a = join(dir, 'ttyA');
  const b = join(dir, 'ttyB');
  const child: ChildProcess = spawn('socat', ['-d', '-d', `pty,raw,echo=0,link=${a}`, `pty,raw,echo=0,link=${b}`], { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr?.on('data', (d: Buffer) => {
    if (stderr.length < 4096) stderr += d.toString();
  });
  let exited = false;
  const exit = new Promise<void>((resolve) => {
    child.once('exit', () => {
      exited = true;
      resolve();
    });
    child.once('error', (err) => {
      stderr += err.message;
      exited = true;
      resolve();
    });
  });
  const close = async () => {
    if (exited) return;
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), KILL_AFTER_MS);
    await exit;
    clearTimeout(timer);
  };
  const deadline = Date.now() + timeoutMs;
  while (!((await exists(a)) && (await exists(b)))) {
    if (exited || Date.now() > deadline) {
      await close();
      throw new Error(`socat did not create ${a} and ${b}${exited ? ' (it exited)' : ` within ${timeoutMs} ms`}: ${stderr.trim() || 'no output'}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  return { a, b, close };
}
