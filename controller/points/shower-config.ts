/**
 * Config of a shower point (see controller/points/shower.ts for the whole behaviour).
 *
 * Times are on the controller's monotonic clock. How a session ends on time:
 * - `sessionTimeoutMs` (end TIMEOUT): the session closes when no flow pulse has come for this long,
 *   counted from the last pulse, or from the valve opening when none came. With a flow sensor that
 *   is "nobody is using the water"; without one no pulse ever comes, so it is the longest a session
 *   runs (billed by time).
 * - `flowTamperMs` (alarm `flow_tamper`): with a flow sensor, the valve open and no pulse for this
 *   long. A disconnected sensor must not mean free water, so the rest of the session is billed by
 *   time from the last pulse (or from the valve opening), at the tariff's fallback price per second
 *   for a per-litre tariff; with no fallback price the session closes (end FAULT). It must be below
 *   `sessionTimeoutMs` (checked), or a silent sensor would only ever end sessions, never bill them.
 * - the tariff's `maxSessionMs` (end MAX_DURATION), counted from the valve opening.
 */
import { z } from 'zod';
import { pulseCounterSpec, readerSpec, valveSpec } from '../drivers/specs.js';
import { id, ms } from './config-common.js';

export const showerPointSpec = z
  .object({
    kind: z.literal('shower'),
    id,
    /** The tariff (tariffs dataset) this shower charges by. */
    tariff: id,
    reader: readerSpec,
    valve: valveSpec,
    /** The flow sensor; absent: billed by time (a per-litre tariff then at its fallback price per second). */
    flowSensor: pulseCounterSpec.optional(),
    /** Pulses the flow sensor gives per litre (e.g. 450 for a YF-S201). */
    pulsesPerLitre: z.number().positive().max(100_000).default(450),
    /** No pulse for this long closes the session (see above). */
    sessionTimeoutMs: ms(10_000, 3_600_000).default(300_000),
    /** Valve open and no pulse for this long: `flow_tamper` alarm and time billing (see above). */
    flowTamperMs: ms(5_000, 3_600_000).default(60_000),
    /** A PROGRESS event with the metered counts this often while a session runs (what a restart charges). */
    progressIntervalMs: ms(1_000, 600_000).default(5_000),
    /** How often the flow sensor is read, while a session runs and while idle (leak watch). */
    pollIntervalMs: ms(50, 10_000).default(500),
    /** Valve closed: this many pulses (after `leakGraceMs`) raise the `leak` alarm. */
    leakPulses: z.number().int().min(1).max(1_000_000).default(10),
    /** Pulses this soon after the valve closed are water still running out, not a leak. */
    leakGraceMs: ms(0, 600_000).default(3_000),
    /** An active leak alarm is cleared (active false) once no pulse has come for this long. */
    leakClearMs: ms(1_000, 3_600_000).default(60_000),
  })
  .strict()
  .superRefine((c, ctx) => {
    if (c.flowSensor && c.flowTamperMs >= c.sessionTimeoutMs) {
      ctx.addIssue({
        code: 'custom',
        path: ['flowTamperMs'],
        message: `flowTamperMs (${c.flowTamperMs}) must be below sessionTimeoutMs (${c.sessionTimeoutMs}): a silent flow sensor must switch the session to time billing before it times out`,
      });
    }
  });

export type ShowerPointConfig = z.infer<typeof showerPointSpec>;
