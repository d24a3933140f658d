/** Config of a door point (see controller/points/door.ts for what each field does). */
import { z } from 'zod';
import { readerSpec, relaySpec } from '../drivers/specs.js';
import { id, ms } from './config-common.js';

export const doorPointSpec = z
  .object({
    kind: z.literal('door'),
    id,
    openDurationMs: ms(100, 60_000).default(3000),
    /** Access groups this door admits (a holder in any one passes); absent: every valid card. */
    groups: z.array(id).min(1).max(64).optional(),
    reader: readerSpec,
    relay: relaySpec,
  })
  .strict();

export type DoorPointConfig = z.infer<typeof doorPointSpec>;
