/**
 * Whether management has authorised this controller to work offline (DESIGN.md: offline work is
 * legitimate only when authorised; flows from an unauthorised offline period are held by the hub
 * for review). Set by the hub's SetOfflineAuthorisation command with an expiry, kept in
 * `offline-authorisation.json` (written durably) so it survives a restart without the hub.
 * Every journal event records whether it was written offline and whether this was in force.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { writeFileDurable } from '../lib/fsx.js';
import type { Logger } from '../lib/log.js';

export interface OfflineAuthorisationOptions {
  /** Directory of the file; null keeps it in memory. */
  dir: string | null;
  logger: Logger;
  /** Hub-corrected wall clock, unix ms. */
  wallNow: () => number;
}

export class OfflineAuthorisation {
  private untilMs = 0;

  constructor(private readonly options: OfflineAuthorisationOptions) {}

  private get path(): string | null {
    return this.options.dir ? join(this.options.dir, 'offline-authorisation.json') : null;
  }

  async start(): Promise<void> {
    const path = this.path;
    if (!path) return;
    try {
      const stored = JSON.parse(await readFile(path, 'utf8')) as { untilUnixMs?: unknown };
      this.untilMs = typeof stored.untilUnixMs === 'number' && Number.isSafeInteger(stored.untilUnixMs) ? stored.untilUnixMs : 0;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT') this.options.logger.log('warn', 'offline_authorisation.unreadable', { path, error: (err as Error).message });
    }
  }

  /** Authorised now (the expiry is in the future). */
  isAuthorised(): boolean {
    return this.untilMs > this.options.wallNow();
  }

  get untilUnixMs(): number {
    return this.untilMs;
  }

  /** Sets the expiry (0 withdraws the authorisation), durably. */
  async set(untilUnixMs: number): Promise<void> {
    const path = this.path;
    if (path) await writeFileDurable(path, JSON.stringify({ untilUnixMs }));
    this.untilMs = untilUnixMs;
    this.options.logger.log('info', 'offline_authorisation.set', { untilUnixMs });
  }
}
