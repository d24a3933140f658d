/**
 * The `selfTest` section of a controller config: how the self-test treats an unreachable hub,
 * which relays and valves have a feedback input, and its timings and limits. Every field has a
 * default; most installations set only `feedback`.
 *
 * ```yaml
 * selfTest:
 *   hub: required                # or skip-when-unreachable (a bench with no hub)
 *   feedback:                    # an auxiliary contact, active while the contacts are closed
 *     main-door/relay: { driver: gpiod, chip: gpiochip0, line: 24 }
 *     shower-1/valve: { driver: gpiod, chip: gpiochip0, line: 25 }
 * ```
 */
import { z } from 'zod';
import { inputSpec } from '../controller/drivers/specs.js';

const ms = (min: number, max: number) => z.number().int().min(min).max(max);

export const selfTestSpec = z
  .object({
    /**
     * `required`: an unreachable hub fails the hub step. `skip-when-unreachable`: an unreachable
     * hub (refused, no route, no answer) skips the hub steps and the clock offset, with the
     * reason; a hub that answers wrongly (TLS, protocol) still fails. For a bench without a hub.
     */
    hub: z.enum(['required', 'skip-when-unreachable']).default('required'),
    /**
     * Feedback inputs, by relay or valve name (`<point id>/relay`, `/breaker` or `/valve`, checked
     * against the points): active while the contacts are closed (the valve open).
     */
    feedback: z.record(z.string(), inputSpec).default({}),
    /** How long a reader has to report itself attached. */
    readerAttachTimeoutMs: ms(100, 60_000).default(3000),
    /** How long the technician has to tap the test card (on a terminal only). */
    cardTapTimeoutMs: ms(1000, 300_000).default(20_000),
    /** How long each relay is energised. A door is released, a breaker cuts its room, for this long. */
    relayPulseMs: ms(20, 5000).default(200),
    /** How long a feedback input has to follow the relay, each way. */
    relayFeedbackTimeoutMs: ms(10, 10_000).default(500),
    /** How long a valve is held open to count flow pulses. */
    valveOpenMs: ms(200, 60_000).default(2000),
    /** After closing: water still running out, not counted. */
    valveSettleMs: ms(0, 60_000).default(1000),
    /** After the settle time: how long no pulse may come. */
    valveClosedWatchMs: ms(200, 60_000).default(2000),
    /** The least flow an open shower valve must give. */
    minFlowLitresPerMinute: z.number().positive().max(100).default(2),
    /** Plausible mains voltage at a meter. */
    meterMinVoltageMv: z.number().int().min(0).max(1_000_000).default(180_000),
    meterMaxVoltageMv: z.number().int().min(1).max(1_000_000).default(260_000),
    /** Writes (each fsynced) of the storage test, and the slowest p99 accepted. */
    storageSamples: z.number().int().min(4).max(1000).default(32),
    storageP99LimitMs: z.number().positive().max(60_000).default(100),
    /** Free space the journal's file system must have. */
    minFreeBytes: z.number().int().min(0).default(64 * 1024 * 1024),
    /** Connect and answer time allowed to the hub. */
    hubTimeoutMs: ms(100, 60_000).default(5000),
    /** The most the local clock may be off the hub's (the controller's clock alarm uses 10 s too). */
    maxClockOffsetMs: ms(100, 3_600_000).default(10_000),
    /** The most the wall clock may move against the monotonic clock during a run. */
    maxClockStepMs: ms(10, 3_600_000).default(1000),
  })
  .strict()
  .refine((s) => s.meterMinVoltageMv < s.meterMaxVoltageMv, { message: 'meterMinVoltageMv must be below meterMaxVoltageMv', path: ['meterMinVoltageMv'] });

export type SelfTestSettings = z.infer<typeof selfTestSpec>;

/** The defaults, for a config without a `selfTest` section. */
export const DEFAULT_SELF_TEST: SelfTestSettings = selfTestSpec.parse({});

/**
 * Problems of a `selfTest` section against the points: a feedback input for a relay or valve the
 * config does not have. Paths are relative to the config's top level.
 */
export function selfTestProblems(settings: SelfTestSettings, points: ReadonlyArray<{ kind: string; id: string; breaker?: unknown }>): Array<{ path: PropertyKey[]; message: string }> {
  const have = new Set<string>();
  for (const p of points) {
    if (p.kind === 'door') have.add(`${p.id}/relay`);
    if (p.kind === 'shower') have.add(`${p.id}/valve`);
    if (p.kind === 'room' && p.breaker !== undefined) have.add(`${p.id}/breaker`);
  }
  return Object.keys(settings.feedback)
    .filter((name) => !have.has(name))
    .map((name) => ({ path: ['selfTest', 'feedback', name], message: `no relay or valve ${name} in points (have: ${[...have].join(', ') || 'none'})` }));
}
