/**
 * The policy answers "may this card pass?" from memory, from the datasets the hub pushed. The hub is
 * never on the tap path. Deny wins: a blacklisted card is denied whatever else is known of it, and
 * a card the device does not know is denied (fail-secure), online or offline.
 *
 * Datasets are persisted (one file per dataset, replaced atomically and fsynced) before their
 * version is acknowledged, so a restart without the hub still decides as before.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { AccessReason, DatasetName, datasetNameText, type DatasetUpdate } from '../protocol/messages.js';
import { writeFileDurable } from '../lib/fsx.js';
import type { Logger } from '../lib/log.js';

export interface Decision {
  granted: boolean;
  reason: AccessReason;
}

export type ApplyResult = { ok: true; name: DatasetName; version: number } | { ok: false; message: string };

interface StoredDataset {
  version: number;
  blacklist?: string[];
  cards?: [uid: string, personId: string][];
}

export interface PolicyOptions {
  /** Directory where datasets are persisted; null keeps them in memory only (benchmarks). */
  dir: string | null;
  logger: Logger;
}

export class Policy {
  private blacklist = new Set<string>();
  private cards = new Map<string, string>();
  private versions = new Map<DatasetName, number>([
    [DatasetName.DATASET_NAME_BLACKLIST, 0],
    [DatasetName.DATASET_NAME_CARDS, 0],
  ]);
  /** Serialises applies so versions are persisted and acknowledged in the order they arrive. */
  private applying: Promise<unknown> = Promise.resolve();

  constructor(private readonly options: PolicyOptions) {}

  async start(): Promise<void> {
    const { dir } = this.options;
    if (!dir) return;
    for (const name of this.versions.keys()) {
      const stored = await this.load(join(dir, `${datasetNameText(name)}.json`));
      if (!stored) continue;
      this.install(name, stored);
      this.options.logger.log('info', 'policy.dataset_loaded', { dataset: datasetNameText(name), version: stored.version });
    }
  }

  async stop(): Promise<void> {
    await this.applying.catch(() => undefined);
  }

  decide(cardUid: string): Decision {
    if (this.blacklist.has(cardUid)) return { granted: false, reason: AccessReason.ACCESS_REASON_DENIED_BLACKLISTED };
    if (!this.cards.has(cardUid)) return { granted: false, reason: AccessReason.ACCESS_REASON_DENIED_UNKNOWN_CARD };
    return { granted: true, reason: AccessReason.ACCESS_REASON_GRANTED };
  }

  version(name: DatasetName): number {
    return this.versions.get(name) ?? 0;
  }

  heldVersions(): { name: DatasetName; version: number }[] {
    return [...this.versions].map(([name, version]) => ({ name, version }));
  }

  /**
   * Applies an update atomically: it is validated whole against what is held, persisted, and only
   * then swapped in. A delta that does not start from the held version is refused (the hub then
   * sends a snapshot).
   */
  apply(update: DatasetUpdate): Promise<ApplyResult> {
    const run = this.applying.then(() => this.applyNow(update));
    this.applying = run.catch(() => undefined);
    return run;
  }

  private async applyNow(update: DatasetUpdate): Promise<ApplyResult> {
    const name = update.name ?? DatasetName.DATASET_NAME_UNSPECIFIED;
    const held = this.versions.get(name);
    if (held === undefined) return { ok: false, message: `unknown dataset ${name}` };
    const version = update.version ?? 0;
    // Already held, or an older update overtaken in flight: keep what is held (versions only grow).
    if (version <= held) return { ok: true, name, version: held };
    if (!update.fullSnapshot && (update.fromVersion ?? 0) !== held) {
      return { ok: false, message: `delta from version ${update.fromVersion ?? 0} but version ${held} is held` };
    }
    const next = this.build(name, update);
    if (typeof next === 'string') return { ok: false, message: next };
    if (this.options.dir) await writeFileDurable(join(this.options.dir, `${datasetNameText(name)}.json`), JSON.stringify(next));
    this.install(name, next);
    return { ok: true, name, version };
  }

  private build(name: DatasetName, update: DatasetUpdate): StoredDataset | string {
    const version = update.version ?? 0;
    if (name === DatasetName.DATASET_NAME_BLACKLIST) {
      if (!update.blacklist) return 'blacklist update carries no blacklist data';
      const set = new Set(update.fullSnapshot ? [] : this.blacklist);
      for (const uid of update.blacklist.removeCardUids ?? []) set.delete(uid);
      for (const uid of update.blacklist.addCardUids ?? []) set.add(uid);
      return { version, blacklist: [...set] };
    }
    if (!update.cards) return 'cards update carries no cards data';
    const map = new Map(update.fullSnapshot ? [] : this.cards);
    for (const uid of update.cards.removeCardUids ?? []) map.delete(uid);
    for (const c of update.cards.upsert ?? []) map.set(c.cardUid ?? '', c.personId ?? '');
    return { version, cards: [...map] };
  }

  private install(name: DatasetName, stored: StoredDataset): void {
    if (name === DatasetName.DATASET_NAME_BLACKLIST) this.blacklist = new Set(stored.blacklist ?? []);
    else this.cards = new Map(stored.cards ?? []);
    this.versions.set(name, stored.version);
  }

  private async load(path: string): Promise<StoredDataset | null> {
    let text: string;
    try {
      text = await readFile(path, 'utf8');
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw err;
    }
    let parsed: StoredDataset;
    try {
      parsed = JSON.parse(text) as StoredDataset;
    } catch (err) {
      throw new Error(`${path}: not valid JSON (${(err as Error).message})`, { cause: err });
    }
    if (!Number.isSafeInteger(parsed.version) || parsed.version < 0) {
      throw new Error(`${path}: version is not a non-negative integer`);
    }
    return parsed;
  }
}
