/**
 * The journal's small durable state, `journal-state.json` beside the segments, replaced atomically
 * (lib/fsx.ts writeFileDurable):
 *
 * - `ackedSeq`: the hub's cumulative acknowledgement;
 * - `floorSeq` and `floorHash`: seq and hash of the last record of the newest deleted segment.
 *
 * Together they are the seq floor: the next seq is above max(last record on disk, ackedSeq,
 * floorSeq), so a seq is never reused even when every segment has been deleted, and the hash chain
 * continues from `floorHash` when no record is left on disk. The state is written before any
 * segment is deleted.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { writeFileDurable } from '../../lib/fsx.js';
import { CHAIN_HASH_BYTES, ZERO_HASH } from '../../protocol/event-chain.js';
import type { Logger } from '../../lib/log.js';

export const STATE_FILE = 'journal-state.json';

export interface JournalState {
  ackedSeq: number;
  floorSeq: number;
  floorHash: Buffer;
}

export const EMPTY_STATE: JournalState = { ackedSeq: 0, floorSeq: 0, floorHash: ZERO_HASH };

export async function readJournalState(dir: string, logger: Logger): Promise<JournalState> {
  let text: string;
  try {
    text = await readFile(join(dir, STATE_FILE), 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return { ...EMPTY_STATE };
    throw err;
  }
  const parsed = parseState(text);
  if (!parsed) {
    // Written atomically, so this is not a torn write: someone edited it. Start from the segments.
    logger.log('error', 'journal.state_invalid', { file: STATE_FILE, content: text.slice(0, 64) });
    return { ...EMPTY_STATE };
  }
  return parsed;
}

export async function writeJournalState(dir: string, state: JournalState): Promise<void> {
  const doc = { ackedSeq: state.ackedSeq, floorSeq: state.floorSeq, floorHash: state.floorHash.toString('hex') };
  await writeFileDurable(join(dir, STATE_FILE), JSON.stringify(doc) + '\n');
}

function parseState(text: string): JournalState | null {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch {
    return null;
  }
  if (!doc || typeof doc !== 'object') return null;
  const { ackedSeq, floorSeq, floorHash } = doc as Record<string, unknown>;
  const seqOk = (v: unknown): v is number => typeof v === 'number' && Number.isSafeInteger(v) && v >= 0;
  if (!seqOk(ackedSeq) || !seqOk(floorSeq) || typeof floorHash !== 'string' || !/^[0-9a-f]*$/.test(floorHash)) return null;
  const hash = Buffer.from(floorHash, 'hex');
  if (hash.length !== CHAIN_HASH_BYTES) return null;
  return { ackedSeq, floorSeq, floorHash: hash };
}
