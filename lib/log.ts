/**
 * A small structured logger: one line per record, `time level event key=value ...`. Components take
 * a Logger by injection so tests can capture what was logged (see `MemoryLogger`).
 */
export type LogLevel = 'debug' | 'info' | 'warn' | 'error';
export type LogFields = Record<string, string | number | boolean | null | undefined>;

export interface Logger {
  log(level: LogLevel, event: string, fields?: LogFields): void;
}

const ORDER: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40 };

export function formatRecord(level: LogLevel, event: string, fields: LogFields = {}, timeMs = Date.now()): string {
  const parts = [new Date(timeMs).toISOString(), level.toUpperCase().padEnd(5), event];
  for (const [k, v] of Object.entries(fields)) {
    if (v === undefined) continue;
    const text = String(v);
    parts.push(`${k}=${/[\s"=]/.test(text) || text === '' ? JSON.stringify(text) : text}`);
  }
  return parts.join(' ');
}

/** Writes records at or above `minLevel` to a stream (stderr by default). */
export class StreamLogger implements Logger {
  constructor(
    private readonly minLevel: LogLevel = 'info',
    private readonly write: (line: string) => void = (line) => process.stderr.write(line + '\n'),
  ) {}

  log(level: LogLevel, event: string, fields?: LogFields): void {
    if (ORDER[level] >= ORDER[this.minLevel]) this.write(formatRecord(level, event, fields));
  }
}

export interface LogRecord {
  level: LogLevel;
  event: string;
  fields: LogFields;
}

/** Keeps every record in memory, for tests. */
export class MemoryLogger implements Logger {
  readonly records: LogRecord[] = [];

  log(level: LogLevel, event: string, fields: LogFields = {}): void {
    this.records.push({ level, event, fields });
  }

  find(event: string): LogRecord[] {
    return this.records.filter((r) => r.event === event);
  }
}

export const silentLogger: Logger = { log() {} };
