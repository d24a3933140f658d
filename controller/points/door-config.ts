/**
 * Config of a door point (see controller/points/door.ts for what each field does).
 *
 * - `schedule`: the id of a weekly schedule in the schedules dataset. A granted card is admitted
 *   only inside one of its periods for today's weekday, or of its holiday periods on a holiday
 *   (none: DENIED_HOLIDAY); outside them DENIED_OUTSIDE_SCHEDULE. A schedule id the device does
 *   not hold denies with DENIED_OUTSIDE_SCHEDULE and logs `door.schedule_missing` (fail-secure).
 * - `doorContact`: the door-position input, active = door open. Raises `door_held_open` after
 *   `heldOpenAlarmMs` open (cleared when it closes) and `door_forced_open` when the door opens
 *   while the lock was not released (cleared when it closes).
 * - `exitButton`: the request-to-exit input; a press releases the lock for `openDurationMs`.
 * - `fireInput`: the fire-alarm loop, `{ id, input }`. Several doors usually hang on one loop: every
 *   door on that loop names the same `id` and the same `input`, and the controller opens the line
 *   once (driver name `fire/<id>`) and shares it between them (different inputs under one id are
 *   refused at start). While the loop is active the door is released (relay energised: unlocked
 *   for a fail-secure lock) and stays released until the loop returns to normal, which is the fire
 *   panel's reset. Doors without a fire input fail secure. A fire release in software comes on top
 *   of, not instead of, the hardwired release fire codes require: when the controller stops, the
 *   relay is de-energised.
 * - `antiPassback`: `{ zone, direction }`. The doors of one zone on this controller (an entry reader
 *   and an exit reader of one building) share who is inside: a card that entered must exit before
 *   it enters again (DENIED_ANTI_PASSBACK), and one that exited must enter before it exits again.
 *   A passage counts when the door opens during the release (with a door contact; without one, at
 *   the grant). Nothing is persisted: after a restart every card may pass once.
 */
import { z } from 'zod';
import { inputSpec, readerSpec, relaySpec } from '../drivers/specs.js';
import { id, ms } from './config-common.js';

export const doorPointSpec = z
  .object({
    kind: z.literal('door'),
    id,
    openDurationMs: ms(100, 60_000).default(3000),
    /** Access groups this door admits (a holder in any one passes); absent: every valid card. */
    groups: z.array(id).min(1).max(64).optional(),
    /** Weekly schedule (schedules dataset) a granted card must also be inside; absent: always. */
    schedule: id.optional(),
    reader: readerSpec,
    relay: relaySpec,
    /** Door-position contact, active = open; absent: no held-open or forced-open alarms. */
    doorContact: inputSpec.optional(),
    heldOpenAlarmMs: ms(1000, 3_600_000).default(30_000),
    /** Request-to-exit button. */
    exitButton: inputSpec.optional(),
    /** Fire-alarm loop shared by the doors that name the same id. */
    fireInput: z.object({ id, input: inputSpec }).strict().optional(),
    antiPassback: z.object({ zone: id, direction: z.enum(['entry', 'exit']) }).strict().optional(),
  })
  .strict();

export type DoorPointConfig = z.infer<typeof doorPointSpec>;
