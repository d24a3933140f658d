/**
 * The board registry: one FirmataBoard per serial port path, shared by every pin driver on it, with
 * reference counting so the last pin's close() closes the board and its serial port.
 *
 * A board whose line went away after it was ready stays with its pins and reconnects by itself
 * (board.ts); a pin opened on that path meanwhile gets the same board and fails fast with its
 * `disconnected` error. A board that never became ready stays failed with the pins that hold it;
 * the next pin opened on that path gets a fresh board.
 */
import { resolve } from 'node:path';
import { FirmataBoard, type FirmataBoardOptions } from './board.js';

export class FirmataBoards {
  private readonly boards = new Map<string, FirmataBoard>();
  private readonly reconnectedListeners = new Set<(path: string) => void>();

  constructor(private readonly options: FirmataBoardOptions = {}) {}

  /** A board for this port, connecting on its first `ready()`; pair each call with one `release`. */
  acquire(path: string): FirmataBoard {
    const key = resolve(path);
    let board = this.boards.get(key);
    if (!board || !board.usable) {
      const created = new FirmataBoard(key, this.options);
      created.onReconnected(() => {
        for (const listener of [...this.reconnectedListeners]) listener(key);
      });
      board = created;
      this.boards.set(key, board);
    }
    board.refs += 1;
    return board;
  }

  /** Drops one reference; the last one closes the board (serial port closed, timers cleared). */
  async release(board: FirmataBoard): Promise<void> {
    if (board.refs <= 0) return;
    board.refs -= 1;
    if (board.refs > 0) return;
    if (this.boards.get(board.path) === board) this.boards.delete(board.path);
    await board.close();
  }

  /** Called with a board's path each time it came back after an outage, its pins restored (outputs de-energised). */
  onReconnected(listener: (path: string) => void): () => void {
    this.reconnectedListeners.add(listener);
    return () => this.reconnectedListeners.delete(listener);
  }

  /** Paths with a board held open, for diagnostics. */
  paths(): string[] {
    return [...this.boards.keys()];
  }
}

