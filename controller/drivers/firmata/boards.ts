/**
 * The board registry: one FirmataBoard per serial port path, shared by every pin driver on it, with
 * reference counting so the last pin's close() closes the board and its serial port.
 *
 * A board that failed (disconnected, never ready) stays with the pins that hold it, and they reject;
 * the next pin opened on that path gets a fresh board, so reopening drivers reconnects.
 */
import { resolve } from 'node:path';
import { FirmataBoard, type FirmataBoardOptions } from './board.js';

export class FirmataBoards {
  private readonly boards = new Map<string, FirmataBoard>();

  constructor(private readonly options: FirmataBoardOptions = {}) {}

  /** A board for this port, connecting on its first `ready()`; pair each call with one `release`. */
  acquire(path: string): FirmataBoard {
    const key = resolve(path);
    let board = this.boards.get(key);
    if (!board || !board.usable) {
      board = new FirmataBoard(key, this.options);
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

  /** Paths with a board held open, for diagnostics. */
  paths(): string[] {
    return [...this.boards.keys()];
  }
}

