/** Waiting on the injected clock (lib/clock.ts), so tests drive every wait with a manual clock. */
import type { Clock } from '../lib/clock.js';

export function sleep(clock: Clock, ms: number): Promise<void> {
  return new Promise((resolve) => clock.setTimeout(resolve, Math.max(0, ms)));
}

/**
 * Checks `check` now and every `pollMs` until it holds or `timeoutMs` passed. Resolves to the
 * time it took (clock ms) or null on timeout.
 */
export async function until(clock: Clock, check: () => boolean | Promise<boolean>, timeoutMs: number, pollMs = 5): Promise<number | null> {
  const startMs = clock.nowMs();
  for (;;) {
    if (await check()) return clock.nowMs() - startMs;
    const leftMs = startMs + timeoutMs - clock.nowMs();
    if (leftMs <= 0) return null;
    await sleep(clock, Math.min(pollMs, leftMs));
  }
}

/** Milliseconds with one decimal below 10, whole above: "0.4 ms", "12 ms". */
export function formatMs(ms: number): string {
  return ms < 10 ? `${(Math.round(ms * 10) / 10).toFixed(1)} ms` : `${Math.round(ms)} ms`;
}
