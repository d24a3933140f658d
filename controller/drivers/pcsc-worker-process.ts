/**
 * One run of the PC/SC worker (`pcsc-worker.ts`) as a child process: fork it under tsx, tell when it
 * is ready (nfc-pcsc loaded) or why it is not, pass its other messages on, and stop or kill it.
 * Supervision (watchdog, restarts) is `PcscCardReader`'s job.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { isWorkerMessage, type ParentMessage, type PcscWorkerConfig, type WorkerMessage } from './pcsc-protocol.js';

// From the sources the worker runs under tsx; in a build (dist/) it is the bundled pcsc-worker.mjs.
const BUNDLED_WORKER = fileURLToPath(new URL('./pcsc-worker.mjs', import.meta.url));
const BUNDLED = existsSync(BUNDLED_WORKER);
const WORKER_PATH = BUNDLED ? BUNDLED_WORKER : fileURLToPath(new URL('./pcsc-worker.ts', import.meta.url));
/** The worker is TypeScript: it runs under tsx's loader, found from this package (not the cwd). */
const TSX_LOADER = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;
/** Bytes of the worker's stderr kept to explain an unexpected exit. */
const STDERR_TAIL_BYTES = 2000;

export type WorkerStartResult = { ok: true } | { ok: false; error: 'module_unavailable' | 'worker_start_failed'; message: string };

export interface WorkerProcessHooks {
  /** Every message but `ready` and the start's own `module_unavailable`. */
  onMessage(message: WorkerMessage): void;
  /** `how` is e.g. `code 3` or `signal SIGKILL`; `lastError` the last line it wrote to stderr. */
  onExit(how: string, code: number | null, lastError: string): void;
}

export class PcscWorkerProcess {
  readonly started: Promise<WorkerStartResult>;
  readonly startedAtMs = performance.now();
  ready = false;
  killedAsUnresponsive = false;
  private lastMessageAtMs = performance.now();
  private stderrTail = '';
  private readonly child: ChildProcess;

  constructor(config: PcscWorkerConfig, startTimeoutMs: number, hooks: WorkerProcessHooks) {
    this.child = fork(WORKER_PATH, [JSON.stringify(config)], {
      execArgv: BUNDLED ? [] : ['--import', TSX_LOADER],
      env: { ...process.env, PCSCLITE_CSOCK_NAME: config.socketPath },
      stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
      serialization: 'json',
    });
    this.child.stderr?.on('data', (d: Buffer) => (this.stderrTail = (this.stderrTail + d.toString()).slice(-STDERR_TAIL_BYTES)));
    this.started = new Promise((resolve) => {
      let settled = false;
      const settle = (result: WorkerStartResult) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        resolve(result);
      };
      const timer = setTimeout(() => {
        settle({ ok: false, error: 'worker_start_failed', message: `the PC/SC worker did not load ${config.nfcModule} within ${startTimeoutMs} ms` });
        this.child.kill('SIGKILL');
      }, startTimeoutMs);
      this.child.on('error', (err) => settle({ ok: false, error: 'worker_start_failed', message: `cannot run the PC/SC worker: ${err.message}` }));
      this.child.on('message', (message: unknown) => {
        this.lastMessageAtMs = performance.now();
        if (!isWorkerMessage(message)) return;
        if (message.type === 'ready') {
          this.ready = true;
          settle({ ok: true });
        } else if (message.type === 'problem' && message.problem.error === 'module_unavailable' && !this.ready) {
          settle({ ok: false, error: 'module_unavailable', message: message.problem.message });
        } else {
          hooks.onMessage(message);
        }
      });
      this.child.on('close', (code, signal) => {
        const how = signal ? `signal ${signal}` : `code ${code}`;
        const lastError = this.stderrTail.trim().split('\n').pop() ?? '';
        settle({ ok: false, error: 'worker_start_failed', message: `the PC/SC worker exited (${how}) before it was ready${lastError ? `: ${lastError}` : ''}` });
        hooks.onExit(how, code, lastError);
      });
    });
  }

  get pid(): number | null {
    return this.child.pid ?? null;
  }

  get exited(): boolean {
    return this.child.exitCode !== null || this.child.signalCode !== null;
  }

  /** Time since the worker last said anything (it sends a heartbeat every heartbeatIntervalMs). */
  silentForMs(): number {
    return performance.now() - this.lastMessageAtMs;
  }

  kill(): void {
    if (!this.exited) this.child.kill('SIGKILL');
  }

  /** Asks the worker to stop; kills it after `timeoutMs`. Resolves once it has exited. */
  async stop(timeoutMs: number): Promise<void> {
    if (this.exited) return;
    const exited = new Promise<void>((resolve) => this.child.once('exit', () => resolve()));
    if (this.child.connected) this.child.send({ type: 'stop' } satisfies ParentMessage, () => {});
    const timer = setTimeout(() => this.kill(), timeoutMs);
    await exited;
    clearTimeout(timer);
  }
}
