/**
 * Test support for the Firmata drivers (not used in production): a socat pty pair (`openPtyPair`
 * of emulators/socat-pty.ts), the Firmata board emulator on one end (`ttyA`), a board registry for
 * the drivers on the other (`ttyB`), a manual clock for debounce and backoff, unplugging and
 * replugging the board, and a cleanup that ends everything it started.
 */
import { ManualClock as BaseManualClock } from '../../../lib/manual-clock.js';
import { readdirSync, readlinkSync, realpathSync } from 'node:fs';
import { MemoryLogger } from '../../../lib/log.js';
import { FirmataBoardEmulator, type FirmataBoardOptions as EmulatorOptions } from '../../../emulators/firmata-board.js';
import { openPtyPair, type PtyPair } from '../../../emulators/socat-pty.js';
import { tempDir } from '../../../test/helpers.js';
import type { FirmataBoardOptions } from './board.js';
import { FirmataBoards } from './boards.js';

/** The rig's pty pair (emulators/socat-pty.ts), its ends named for what is on them. */
export interface RigPty {
  /** The emulated board's end (`ttyA`). */
  boardPath: string;
  /** The drivers' end (`ttyB`). */
  hostPath: string;
  /** Ends the current socat and waits for it (the line "goes away" for the drivers). */
  stop(): Promise<void>;
}

export interface FirmataRig {
  pty: RigPty;
  emulator: FirmataBoardEmulator;
  boards: FirmataBoards;
  logger: MemoryLogger;
  /** Unplugs the board: socat ends (the drivers' line goes away, /dev/pts gone) and the emulator's end closes. */
  unplug(): Promise<void>;
  /**
   * Plugs it back on the same paths: a new socat pair, the emulator started on it again: it boots
   * (pins at their start-up state, OUTPUT LOW), or with `keepState` keeps its pins as they were.
   */
  replug(options?: { keepState?: boolean }): Promise<void>;
  /** Stops the emulator and socat, removes the temp dir. Safe to call twice. */
  cleanup(): Promise<void>;
}

export async function startRig(options: { emulator?: Partial<EmulatorOptions>; boards?: FirmataBoardOptions; startEmulator?: boolean } = {}): Promise<FirmataRig> {
  const dir = await tempDir('onecard-firmata-');
  let pair: PtyPair;
  try {
    pair = await openPtyPair(dir.path);
  } catch (err) {
    await dir.remove();
    throw err;
  }
  const pty: RigPty = { boardPath: pair.a, hostPath: pair.b, stop: () => pair.close() };
  const logger = new MemoryLogger();
  const emulator = new FirmataBoardEmulator({ path: pty.boardPath, ...options.emulator });
  const boards = new FirmataBoards({ readyTimeoutMs: 10_000, logger, ...options.boards });
  const cleanup = async (): Promise<void> => {
    await emulator.stop();
    await pty.stop();
    await dir.remove();
  };
  const unplug = async (): Promise<void> => {
    await pty.stop();
    await emulator.stop();
  };
  const replug = async (replugOptions: { keepState?: boolean } = {}): Promise<void> => {
    pair = await openPtyPair(dir.path);
    await emulator.start(replugOptions);
  };
  if (options.startEmulator !== false) {
    try {
      await emulator.start();
    } catch (err) {
      await cleanup();
      throw err;
    }
  }
  return { pty, emulator, boards, logger, unplug, replug, cleanup };
}

/** Whether this process holds a file descriptor on the device behind `path` (a pty's /dev/pts/N). */
export function processHoldsDevice(device: string): boolean {
  for (const fd of readdirSync('/proc/self/fd')) {
    try {
      if (readlinkSync(`/proc/self/fd/${fd}`) === device) return true;
    } catch {
      // fd closed while listing
    }
  }
  return false;
}

export function deviceOf(path: string): string {
  return realpathSync(path);
}

/** lib/manual-clock.ts starting at 1000 ms (a pin's first timestamps are never 0). */
export class ManualClock extends BaseManualClock {
  constructor() {
    super(1000);
  }
}
