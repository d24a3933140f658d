/**
 * Progress of a long CLI task in rows: on a terminal one bar redrawn in place
 * (`importing [##########..........] 5000/10000 rows`), otherwise (a pipe, a log file) one plain
 * line per update. Written to the given stream (stderr: stdout keeps the result).
 */
export interface ProgressStream {
  isTTY?: boolean;
  columns?: number;
  write(text: string): unknown;
}

const BAR_WIDTH = 30;

export class Progress {
  private shown = false;

  constructor(private readonly out: ProgressStream, private readonly label: string, private readonly total: number) {}

  update(done: number): void {
    if (this.out.isTTY) {
      const filled = this.total === 0 ? BAR_WIDTH : Math.round((done / this.total) * BAR_WIDTH);
      const percent = this.total === 0 ? 100 : Math.floor((done / this.total) * 100);
      this.out.write(`\r${this.label} [${'#'.repeat(filled)}${'.'.repeat(BAR_WIDTH - filled)}] ${done}/${this.total} rows ${percent}%\x1b[K`);
      this.shown = true;
    } else {
      this.out.write(`${this.label}: ${done}/${this.total} rows\n`);
    }
  }

  /** Ends the bar's line (a terminal only). */
  finish(): void {
    if (this.shown) this.out.write('\n');
    this.shown = false;
  }
}
