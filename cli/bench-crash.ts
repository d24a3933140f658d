/**
 * `onecard bench crash`: the journal crash test at scale (cli/crash-harness.ts). A child controller
 * journal charging continuously is killed with SIGKILL `--kills` times (default 200) at seeded
 * random moments, with torn tails injected between some runs; then the journal is checked against
 * every confirmation and drained through a real hub (SQLite) whose ledger must hold each charge
 * once. Prints progress and the figures; the last line is
 * {"bench":"crash","kills":..,"confirmed":..,"lost":0,"duplicated":0,"chain_breaks":0,"unposted":0,"seconds":..}.
 * Exits 1 when anything was lost, duplicated, broken or unposted.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Hub } from '../hub/hub.js';
import { localOperator } from '../hub/local-operator.js';
import { Controller } from '../controller/controller.js';
import { parseControllerConfig } from '../controller/config.js';
import { EmulatedDrivers } from '../emulators/drivers.js';
import { generateDeviceKeyPair, loadPrivateKey } from '../protocol/auth.js';
import { StreamLogger } from '../lib/log.js';
import { integerOption, parse } from './args.js';
import { CRASH_ACCOUNT, CRASH_PERSON_ID, crashAndRestart, verifyHub, verifyJournal, type HubEvent } from './crash-harness.js';

const USAGE = `usage: onecard bench crash [--kills N] [--seed N] [--dir DIR]

  --kills  SIGKILLs of the charging child (default 200; the test suite runs 50)
  --seed   seed of the kill moments and torn tails (default 4242)
  --dir    where the journal and the hub's database are written (default a temporary directory, removed afterwards)`;

const DEVICE = 'crash-dev';

export async function run(args: string[]): Promise<number> {
  const { values } = parse(args, { kills: { type: 'string' }, seed: { type: 'string' }, dir: { type: 'string' } }, USAGE);
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  const kills = integerOption(values.kills, 'kills', 200, 1, 100_000);
  const seed = integerOption(values.seed, 'seed', 4242, 0, 2 ** 31);
  const dir = values.dir ?? (await mkdtemp(join(tmpdir(), 'onecard-bench-crash-')));
  const t0 = performance.now();
  try {
    const journalDir = join(dir, DEVICE, 'journal');
    const crashes = await crashAndRestart({
      journalDir, deviceId: DEVICE, kills, seed,
      onRun: (n, confirmed) => {
        if (n % 25 === 0 || n === kills) console.log(`  ${n}/${kills} kills, ${confirmed} events confirmed`);
      },
    });
    const journal = await verifyJournal(journalDir, DEVICE, crashes.confirmed);
    console.log(`journal: ${journal.events} events, contiguous ${journal.contiguous}, chain breaks ${journal.chainBreaks}, confirmed missing ${journal.missing.length}, mismatched ${journal.mismatched.length}, torn tails ${crashes.injections} (alarms ${journal.truncationAlarms})`);
    const ledger = await drain(dir, crashes.confirmed);
    console.log(`hub: all ${ledger.total} events held ${ledger.verdict.complete}, ${ledger.verdict.charges} charges, unposted ${ledger.verdict.unposted.length}, balance ${ledger.verdict.balanceFen} fen (expected ${ledger.verdict.expectedBalanceFen})`);
    const lost = journal.missing.length + ledger.verdict.wrong.length + ledger.verdict.unposted.length;
    const duplicated = (crashes.reconfirmed === null ? 0 : 1) + (ledger.verdict.balanceFen === ledger.verdict.expectedBalanceFen ? 0 : 1);
    const chainBreaks = journal.chainBreaks + ledger.verdict.chainBreaks;
    const ok = lost === 0 && duplicated === 0 && chainBreaks === 0 && journal.contiguous && journal.mismatched.length === 0 && ledger.verdict.complete;
    const seconds = Math.round((performance.now() - t0) / 100) / 10;
    console.log(JSON.stringify({ bench: 'crash', kills, confirmed: crashes.confirmed.size, lost, duplicated, chain_breaks: chainBreaks, unposted: ledger.verdict.unposted.length, seconds }));
    return ok ? 0 : 1;
  } finally {
    if (!values.dir) await rm(dir, { recursive: true, force: true });
  }
}

/** Starts a hub and a controller on the crashed journal, waits until the hub acknowledged it all, and checks the ledger. */
async function drain(dir: string, confirmed: Awaited<ReturnType<typeof crashAndRestart>>['confirmed']): Promise<{ total: number; verdict: ReturnType<typeof verifyHub> }> {
  const logger = new StreamLogger('error');
  const hub = new Hub({ dbUrl: `sqlite:${join(dir, 'hub.sqlite')}`, host: '127.0.0.1', port: 0, logger });
  let controller: Controller | null = null;
  await hub.start();
  try {
    const { token } = await localOperator(hub, { operatorId: 'bench', name: 'crash bench', roles: ['card_office', 'maintenance'] });
    const call = async (method: string, path: string, body?: unknown) => {
      const headers: Record<string, string> = { authorization: `Bearer ${token}`, ...(body ? { 'content-type': 'application/json' } : {}) };
      const res = await fetch(hub.url + path, { method, headers, ...(body ? { body: JSON.stringify(body) } : {}) });
      if (res.status >= 300) throw new Error(`${method} ${path}: ${res.status} ${await res.text()}`);
      return (await res.json()) as Record<string, unknown>;
    };
    await call('POST', '/api/people', { personId: CRASH_PERSON_ID, name: 'Crash bench', type: 'student' });
    const keys = generateDeviceKeyPair();
    await call('POST', '/api/devices', { deviceId: DEVICE, publicKey: keys.publicKeyBase64 });
    const config = parseControllerConfig({
      configVersion: 1, deviceId: DEVICE, dataDir: join(dir, DEVICE), keyFile: join(dir, DEVICE, 'device.key'),
      hub: { url: hub.deviceUrl, reconnectMinMs: 100, reconnectMaxMs: 2000 },
      points: [{ kind: 'door', id: 'door-a', reader: { driver: 'emulated' }, relay: { driver: 'emulated' } }],
    });
    controller = new Controller(config, { drivers: new EmulatedDrivers(), logger, privateKey: loadPrivateKey(keys.privateKeyPem) });
    await controller.start();
    const journal = controller.journal;
    const deadline = performance.now() + 120_000;
    while (!(journal.ackedSeq >= journal.lastSeqWritten && journal.lastSeqWritten > 0)) {
      if (performance.now() > deadline) throw new Error(`the hub acknowledged ${journal.ackedSeq} of ${journal.lastSeqWritten} events within 120 s`);
      await new Promise((r) => setTimeout(r, 20));
    }
    const held: HubEvent[] = [];
    for (let after = 0; ;) {
      const page = (await call('GET', `/api/events?deviceId=${DEVICE}&afterSeq=${after}&limit=1000`)).events as HubEvent[];
      if (page.length === 0) break;
      held.push(...page);
      after = Math.max(...page.map((e) => e.seq));
    }
    const account = (await call('GET', `/api/accounts/${CRASH_ACCOUNT}`)).account as { balanceFen: number };
    return { total: journal.lastSeqWritten, verdict: verifyHub(DEVICE, journal.lastSeqWritten, held, confirmed, account.balanceFen) };
  } finally {
    await controller?.stop();
    await hub.stop();
  }
}
