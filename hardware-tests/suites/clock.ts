/**
 * The wall clock: `plausible` (not before 2020: a Pi without a battery-backed clock restarts at
 * 1970 or at its last saved time), `steady` (it moved with the monotonic clock during the run: a
 * jump means something stepped it), and `offset` from the hub's clock within `maxClockOffsetMs`.
 * On site the offset comes from the hub's HTTP Date header (hub-probe.ts, about ±0.5 s); remotely
 * from the comparison the controller made at its last welcome (milliseconds).
 */
import { fail, pass, skip, type Outcome, type SuiteContext, type Target } from '../context.js';
import { EARLIEST_PLAUSIBLE_MS } from '../../controller/clock-sync.js';
import { probeHubTime } from '../hub-probe.js';
import { readCaPem } from './hub.js';

const TARGET: Target = { suite: 'clock', component: 'clock', pointId: 'controller', category: 'other' };
const seconds = (ms: number) => `${ms >= 0 ? '+' : '-'}${(Math.abs(ms) / 1000).toFixed(1)} s`;
const NTP_REMEDY = 'check NTP (timedatectl status; the campus NTP server reachable); fit an RTC with a battery where the hub is often unreachable. Meanwhile the controller stamps events with the hub-corrected time once online';

export async function clockSuite(ctx: SuiteContext): Promise<void> {
  await ctx.step.run(TARGET, 'plausible', async () => {
    const now = ctx.wallNow();
    const text = new Date(now).toISOString();
    if (now < EARLIEST_PLAUSIBLE_MS) {
      return fail({ figure: text, detail: 'the local clock reads before 2020', code: 'clock_before_2020', cause: 'the clock was reset (no battery-backed RTC) and NTP has not set it', remedy: NTP_REMEDY });
    }
    return pass(text, 'the local clock reads a plausible date');
  });
  await ctx.step.run(TARGET, 'steady', async () => {
    const elapsedMs = ctx.clock.nowMs() - ctx.startedAt.monoMs;
    const stepMs = ctx.wallNow() - ctx.startedAt.wallMs - elapsedMs;
    const figure = `wall clock ${seconds(stepMs)} against the monotonic clock over ${(elapsedMs / 1000).toFixed(1)} s`;
    if (Math.abs(stepMs) > ctx.settings.maxClockStepMs) {
      return fail({
        figure,
        detail: `the wall clock jumped by ${seconds(stepMs)} during the self-test`,
        code: 'clock_jumped',
        cause: 'something set the time: an NTP step after a long drift, an operator, or a failing RTC',
        remedy: `${NTP_REMEDY}; if it repeats, look for what sets the time (journalctl -u systemd-timesyncd)`,
      });
    }
    return pass(figure, `within ±${ctx.settings.maxClockStepMs} ms`);
  });
  await ctx.step.run(TARGET, 'offset', () => offset(ctx));
}

async function offset(ctx: SuiteContext): Promise<Outcome> {
  const limitMs = ctx.settings.maxClockOffsetMs;
  const judge = (offsetMs: number, uncertaintyMs: number, source: string): Outcome => {
    const figure = `offset ${seconds(offsetMs)} (±${uncertaintyMs} ms) from the hub`;
    if (Math.abs(offsetMs) - uncertaintyMs > limitMs) {
      return fail({ figure, detail: `the local clock is ${seconds(offsetMs)} off the hub's (${source}), beyond ±${limitMs / 1000} s`, code: 'clock_offset', cause: 'the clock was reset or jumped, or NTP does not reach this device', remedy: NTP_REMEDY });
    }
    return pass(figure, `within ±${limitMs / 1000} s (${source})`);
  };
  if (ctx.live) {
    const seen = ctx.live.lastClockObservation();
    if (!seen) return skip('no welcome from the hub yet: the offset is measured at each welcome');
    const agoS = Math.max(0, Math.round((ctx.wallNow() - seen.atLocalMs) / 1000));
    return judge(seen.offsetMs, seen.uncertaintyMs, `measured at the last welcome, ${agoS} s ago`);
  }
  let caPem: string | undefined;
  try {
    caPem = await readCaPem(ctx);
  } catch (err) {
    return skip(`hub time unknown: cannot read hub.caFile (${(err as Error).message})`);
  }
  const probe = await probeHubTime({ url: ctx.config.hub.url, deviceId: ctx.config.deviceId, timeoutMs: ctx.settings.hubTimeoutMs, wallNow: () => ctx.wallNow(), ...(caPem === undefined ? {} : { caPem }) });
  if (!probe.ok) return skip(`hub time unknown: ${probe.code}: ${probe.message}${probe.reached ? '' : ' (the hub step says why)'}`);
  return judge(probe.offsetMs, probe.uncertaintyMs, "the hub's HTTP Date header");
}
