/**
 * Valves and flow sensors: each shower's valve opened for `valveOpenMs` while its flow sensor
 * counts (step `open`, then `flow`: at least `minFlowLitresPerMinute` at the point's
 * `pulsesPerLitre`), then closed, and after `valveSettleMs` of water running out no pulse may come
 * for `valveClosedWatchMs` (step `close`). A feedback input on the valve (`selfTest.feedback`)
 * confirms it moved, which tells a valve that did not open from a sensor that counts nothing.
 *
 * On site the self-test opens the valve's and the sensor's drivers itself. Remotely it borrows
 * the running shower point's (controller/points/shower-self-test.ts), and only while the shower is
 * idle: with a session running (or its charge waiting, or the point out of service) the three
 * steps are skipped with the reason (`shower in use: ...`). While lent the point refuses taps, so
 * no session starts during the test, and its leak watch ignores the test's water. The water runs
 * for about `valveOpenMs` + `valveSettleMs` + `valveClosedWatchMs` (5 s by default).
 */
import { fail, pass, skip, type Outcome, type SuiteContext, type Target } from '../context.js';
import type { ShowerPointConfig } from '../../controller/config.js';
import type { DigitalInput } from '../../controller/drivers/digital-input.js';
import type { PulseCounter } from '../../controller/drivers/pulse-counter.js';
import type { Valve } from '../../controller/drivers/valve.js';
import type { Held } from '../access.js';
import type { ShowerLoan } from '../../controller/points/shower-self-test.js';
import { formatMs, sleep, until } from '../wait.js';

const litresPerMinute = (pulses: number, pulsesPerLitre: number, ms: number) => (ms > 0 ? (pulses / pulsesPerLitre) * (60_000 / ms) : 0);
const lpm = (value: number) => `${value.toFixed(1)} L/min`;

/** The valve and flow sensor under test, and what to give back afterwards. */
interface Rig {
  valve: Valve;
  flow: Pick<PulseCounter, 'count'> | null;
  /** Why the flow step cannot judge the flow (no sensor, or it could not be opened), or null. */
  flowProblem: Outcome | null;
}

export async function valveSuite(ctx: SuiteContext): Promise<void> {
  for (const p of ctx.config.points) {
    if (p.kind !== 'shower') continue;
    const valveTarget: Target = { suite: 'valve', component: `${p.id}/valve`, pointId: p.id, category: 'water_meter' };
    const flowTarget: Target = { ...valveTarget, component: `${p.id}/flow` };
    const held: Array<() => Promise<void>> = [];
    try {
      const lend = ctx.hw.shower?.bind(ctx.hw);
      const rig = lend ? await lentRig(ctx, lend, p, valveTarget, flowTarget, held) : await ownRig(ctx, p, valveTarget, flowTarget, held);
      if (!rig) continue;
      let feedback: DigitalInput | null = null;
      const feedbackSpec = ctx.settings.feedback[valveTarget.component];
      if (feedbackSpec) {
        const input = await ctx.hw.input(feedbackSpec, `${valveTarget.component}/feedback`);
        if (input.ok) {
          held.push(input.release);
          feedback = input.driver;
        }
      }
      await runSteps(ctx, p, rig.valve, rig.flow, rig.flowProblem, feedback, valveTarget, flowTarget);
    } finally {
      for (const release of held.reverse()) await release();
    }
  }
}

function skipAll(ctx: SuiteContext, valveTarget: Target, flowTarget: Target, why: string): void {
  for (const [t, step] of [[valveTarget, 'open'], [flowTarget, 'flow'], [valveTarget, 'close']] as const) ctx.step.record(t, step, skip(why));
}

/** Remotely: the running shower point's own valve and sensor, lent while it is idle. */
async function lentRig(ctx: SuiteContext, lend: (pointId: string) => Promise<Held<ShowerLoan>>, p: ShowerPointConfig, valveTarget: Target, flowTarget: Target, held: Array<() => Promise<void>>): Promise<Rig | null> {
  const lent = await lend(p.id);
  if (!lent.ok) {
    skipAll(ctx, valveTarget, flowTarget, `not opened: ${lent.message}; run the self-test again when the shower is free`);
    return null;
  }
  held.push(lent.release);
  const flow = p.flowSensor ? lent.driver.flow : null;
  return { valve: lent.driver.valve, flow, flowProblem: flow ? null : skip('no flow sensor: this shower bills by time') };
}

/** On site: the valve's and the sensor's drivers opened here. */
async function ownRig(ctx: SuiteContext, p: ShowerPointConfig, valveTarget: Target, flowTarget: Target, held: Array<() => Promise<void>>): Promise<Rig | null> {
  const valve = await ctx.hw.valve(p.valve, valveTarget.component);
  if (!valve.ok) {
    ctx.step.record(valveTarget, 'open', fail({
      detail: `cannot open the valve's driver: ${valve.message}`,
      code: 'valve_output_unavailable',
      cause: 'the output is held by a running controller, or the GPIO chip, line or Firmata board in the config is not there',
      remedy: 'stop the controller service before an on-site self-test (or use the remote self-test from the hub); check the valve section of the config against the wiring',
    }));
    ctx.step.record(flowTarget, 'flow', skip('the valve could not be opened'));
    ctx.step.record(valveTarget, 'close', skip('the valve could not be opened'));
    return null;
  }
  held.push(valve.release);
  let flow: PulseCounter | null = null;
  let flowProblem: Outcome | null = p.flowSensor ? null : skip('no flow sensor: this shower bills by time');
  if (p.flowSensor) {
    const counter = await ctx.hw.pulseCounter(p.flowSensor, flowTarget.component);
    if (counter.ok) {
      held.push(counter.release);
      flow = counter.driver;
    } else {
      flowProblem = fail({ detail: `cannot open the flow sensor's driver: ${counter.message}`, code: 'valve_flow_sensor_unavailable', cause: 'its line is taken or misconfigured', remedy: 'stop the controller service; check flowSensor in the config' });
    }
  }
  return { valve: valve.driver, flow, flowProblem };
}

async function runSteps(ctx: SuiteContext, p: ShowerPointConfig, valve: Valve, flow: Pick<PulseCounter, 'count'> | null, flowProblem: Outcome | null, feedback: DigitalInput | null, valveTarget: Target, flowTarget: Target): Promise<void> {
  const s = ctx.settings;
  let openedConfirmed = false;
  let pulsesWhileOpen = 0;
  let openMs = 0;
  const open = await ctx.step.run(valveTarget, 'open', async () => {
    const startMs = ctx.clock.nowMs();
    const before = flow ? await flow.count() : 0;
    await valve.setOpen(true);
    const drivenMs = ctx.clock.nowMs() - startMs;
    let figure = `opened, driven in ${formatMs(drivenMs)}`;
    if (feedback) {
      const afterMs = await until(ctx.clock, () => feedback.read(), s.relayFeedbackTimeoutMs);
      if (afterMs === null) {
        await valve.setOpen(false);
        return fail({
          figure: `no feedback ${s.relayFeedbackTimeoutMs} ms after opening`,
          detail: 'the valve was driven open and its feedback input stayed inactive',
          code: 'valve_stuck_closed',
          cause: 'valve stuck closed: no coil supply, a burnt coil, or debris; or the feedback input not wired',
          remedy: "measure the solenoid's voltage while open; clean or replace the valve",
        });
      }
      openedConfirmed = true;
      figure += `, feedback after ${formatMs(afterMs)}`;
    }
    await sleep(ctx.clock, startMs + s.valveOpenMs - ctx.clock.nowMs());
    pulsesWhileOpen = flow ? (await flow.count()) - before : 0;
    openMs = ctx.clock.nowMs() - startMs;
    return pass(figure, `held open for ${formatMs(openMs)}${feedback ? '; the feedback input confirmed it' : ''}`);
  });
  if (open.status !== 'pass') {
    await valve.setOpen(false).catch(() => undefined);
    ctx.step.record(flowTarget, 'flow', flowProblem ?? skip('the valve did not open'));
    ctx.step.record(valveTarget, 'close', skip('the valve did not open'));
    return;
  }
  await ctx.step.run(flowTarget, 'flow', async () => {
    if (flowProblem || !flow) return flowProblem ?? skip('no flow sensor');
    const expected = Math.max(1, Math.floor((s.minFlowLitresPerMinute * p.pulsesPerLitre * openMs) / 60_000));
    const rate = litresPerMinute(pulsesWhileOpen, p.pulsesPerLitre, openMs);
    const figure = `${pulsesWhileOpen} pulses in ${formatMs(openMs)} = ${lpm(rate)}`;
    if (pulsesWhileOpen === 0) {
      return fail({
        figure,
        detail: `no flow pulse while the valve was open${openedConfirmed ? ' (its feedback confirmed it opened)' : ''}`,
        code: 'valve_no_flow',
        cause: openedConfirmed
          ? 'flow sensor stuck (a jammed rotor) or unplugged, or no water pressure'
          : 'flow sensor stuck (a jammed rotor) or unplugged, no water pressure, or the valve did not open',
        remedy: "check that water came out; check the sensor's cable and connector; replace a jammed sensor",
      });
    }
    if (pulsesWhileOpen < expected) {
      return fail({
        figure,
        detail: `below the ${lpm(s.minFlowLitresPerMinute)} expected (${expected} pulses at ${p.pulsesPerLitre} pulses/L)`,
        code: 'valve_low_flow',
        cause: 'low water pressure, a blocked filter or shower head, or pulsesPerLitre wrong for this sensor',
        remedy: "check the pressure and clean the filter; compare pulsesPerLitre with the sensor's data sheet",
      });
    }
    return pass(figure, `at least ${lpm(s.minFlowLitresPerMinute)} expected (${expected} pulses at ${p.pulsesPerLitre} pulses/L)`);
  });
  await ctx.step.run(valveTarget, 'close', async () => {
    const startMs = ctx.clock.nowMs();
    await valve.setOpen(false);
    const drivenMs = ctx.clock.nowMs() - startMs;
    if (feedback) {
      const afterMs = await until(ctx.clock, async () => !(await feedback.read()), s.relayFeedbackTimeoutMs);
      if (afterMs === null) return stuckOpen(`feedback still active ${s.relayFeedbackTimeoutMs} ms after closing`, 'the valve was driven closed and its feedback input stayed active');
    }
    if (!flow) return pass(`closed, driven in ${formatMs(drivenMs)}`, feedback ? 'the feedback input confirmed it closed' : 'nothing confirms it closed: no flow sensor and no feedback input');
    await sleep(ctx.clock, s.valveSettleMs);
    const before = await flow.count();
    await sleep(ctx.clock, s.valveClosedWatchMs);
    const leaked = (await flow.count()) - before;
    if (leaked > 0) {
      return stuckOpen(
        `${leaked} pulses in ${formatMs(s.valveClosedWatchMs)} after closing = ${lpm(litresPerMinute(leaked, p.pulsesPerLitre, s.valveClosedWatchMs))}`,
        `water still flows ${formatMs(s.valveSettleMs)} after the valve was closed`,
      );
    }
    return pass(`no pulse in ${formatMs(s.valveClosedWatchMs)} after closing (${formatMs(s.valveSettleMs)} run-off)`, 'the water stopped');
  });
}

function stuckOpen(figure: string, detail: string): Outcome {
  return fail({
    figure,
    detail,
    code: 'valve_stuck_open',
    cause: 'valve stuck open: debris in its seat, a torn diaphragm, or its output stuck on',
    remedy: 'shut the supply to this shower; clean or replace the solenoid valve',
  });
}
