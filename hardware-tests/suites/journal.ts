/**
 * Journal storage: the file system under `dataDir` (where the journal fsyncs every charge) is
 * writable, with its fsync latency (step `fsync`: `storageSamples` writes of 4 KiB, each
 * fdatasync'd, p50 and p99 against `storageP99LimitMs`), and has room (step `space`: at least
 * `minFreeBytes` free). The test writes its own file beside the journal, never the journal itself
 * (a running controller owns it), and removes it.
 */
import { mkdir, open, rm, statfs } from 'node:fs/promises';
import { join } from 'node:path';
import { fail, pass, type SuiteContext, type Target } from '../context.js';
import { formatMs } from '../wait.js';

const WRITE_BYTES = 4096;

function bytes(n: number): string {
  if (n >= 1024 ** 3) return `${(n / 1024 ** 3).toFixed(1)} GiB`;
  if (n >= 1024 ** 2) return `${(n / 1024 ** 2).toFixed(1)} MiB`;
  return `${Math.round(n / 1024)} KiB`;
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? 0;
}

const CAUSES: Record<string, { code: string; cause: string; remedy: string }> = {
  ENOSPC: { code: 'storage_full', cause: 'the storage is full', remedy: 'free space under dataDir (old logs); the journal needs room for the events waiting for the hub' },
  EROFS: { code: 'storage_read_only', cause: 'the file system is read-only: the kernel remounted it after I/O errors, a sign of a failing SD card', remedy: 'copy dataDir off the card and replace the card with a high-endurance one' },
  EACCES: { code: 'storage_permission', cause: 'the user the self-test runs as may not write dataDir', remedy: 'run as the controller service user, or give it the directory (chown)' },
  EPERM: { code: 'storage_permission', cause: 'the user the self-test runs as may not write dataDir', remedy: 'run as the controller service user, or give it the directory (chown)' },
  EIO: { code: 'storage_io_error', cause: 'an I/O error: the storage is failing', remedy: 'replace the SD card or disk' },
};

export async function journalSuite(ctx: SuiteContext): Promise<void> {
  const target: Target = { suite: 'journal', component: 'journal', pointId: 'controller', category: 'other' };
  const dir = ctx.config.dataDir;
  const path = join(dir, `.selftest-${process.pid}.tmp`);
  const s = ctx.settings;
  await ctx.step.run(target, 'fsync', async () => {
    const samples: number[] = [];
    try {
      await mkdir(dir, { recursive: true });
      const fh = await open(path, 'w');
      try {
        const block = Buffer.alloc(WRITE_BYTES, 0x5a);
        for (let i = 0; i < s.storageSamples; i++) {
          const startMs = performance.now();
          await fh.write(block, 0, WRITE_BYTES, i * WRITE_BYTES);
          await fh.datasync();
          samples.push(performance.now() - startMs);
        }
      } finally {
        await fh.close();
      }
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code ?? '';
      const known = CAUSES[code] ?? { code: 'storage_write_refused', cause: 'the storage refused a write', remedy: 'check the storage and the permissions of dataDir' };
      return fail({ figure: `write failed after ${samples.length} of ${s.storageSamples}`, detail: `cannot write and fsync in ${dir}: ${(err as Error).message}`, ...known });
    } finally {
      await rm(path, { force: true }).catch(() => undefined);
    }
    samples.sort((a, b) => a - b);
    const p50 = percentile(samples, 50);
    const p99 = percentile(samples, 99);
    const figure = `fsync p50 ${formatMs(p50)}, p99 ${formatMs(p99)} (${samples.length} writes of 4 KiB)`;
    if (p99 > s.storageP99LimitMs) {
      return fail({
        figure,
        detail: `p99 above the ${s.storageP99LimitMs} ms allowed: every charge waits for an fsync`,
        code: 'storage_slow',
        cause: 'slow or worn storage (an old or cheap SD card), or another process writing heavily',
        remedy: 'replace the SD card with a high-endurance (industrial) one; check what else writes (iotop)',
      });
    }
    return pass(figure, `${dir} is writable and each write is durable`);
  });
  await ctx.step.run(target, 'space', async () => {
    let free: number;
    let total: number;
    try {
      const st = await statfs(dir);
      free = st.bavail * st.bsize;
      total = st.blocks * st.bsize;
    } catch (err) {
      return fail({ detail: `cannot read the free space of ${dir}: ${(err as Error).message}`, code: 'storage_dir_unreadable', cause: 'dataDir is missing or unreadable', remedy: 'check dataDir in the config' });
    }
    const figure = `${bytes(free)} free of ${bytes(total)}`;
    if (free < s.minFreeBytes) {
      return fail({ figure, detail: `below the ${bytes(s.minFreeBytes)} the journal needs`, code: 'storage_low_space', cause: 'the storage is nearly full', remedy: 'free space (old logs, core files); a journal that cannot write stops the controller' });
    }
    return pass(figure, `at least ${bytes(s.minFreeBytes)} free for the journal`);
  });
}
