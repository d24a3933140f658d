/**
 * Relays: each door relay and room breaker pulsed for `relayPulseMs` (step `pulse`: the driver
 * drove it and reads back what it was told) and, where `selfTest.feedback` wires an input to an
 * auxiliary contact, the contacts seen to close and open again (step `feedback`). Without a
 * feedback input the contacts cannot be seen: that step is skipped (listen for the click).
 *
 * On site a pulse releases the door, or cuts the room's supply, for `relayPulseMs`. Remotely a
 * door relay is pulsed only while its door is idle (not released), and a point that drives its
 * relay during the pulse wins (the step is skipped as interrupted); a breaker is never pulsed
 * remotely (it would cut a resident's supply): its feedback input, if any, is only compared with
 * the state the point holds it in.
 */
import { fail, pass, skip, type Outcome, type SuiteContext, type Target } from '../context.js';
import type { RelaySpec } from '../../controller/drivers/specs.js';
import type { DigitalInput } from '../../controller/drivers/digital-input.js';
import { InUseHardware } from '../access.js';
import { formatMs, sleep, until } from '../wait.js';

interface RelayTarget extends Target {
  spec: RelaySpec;
  kind: 'door' | 'breaker';
}

export function relayTargets(ctx: SuiteContext): RelayTarget[] {
  const targets: RelayTarget[] = [];
  for (const p of ctx.config.points) {
    if (p.kind === 'door') targets.push({ suite: 'relay', component: `${p.id}/relay`, pointId: p.id, category: 'door', spec: p.relay, kind: 'door' });
    if (p.kind === 'room' && p.breaker) targets.push({ suite: 'relay', component: `${p.id}/breaker`, pointId: p.id, category: 'electricity_meter', spec: p.breaker, kind: 'breaker' });
  }
  return targets;
}

const EFFECT = { door: 'the door stays unlocked (a fail-secure strike)', breaker: "the room's supply stays cut" };
const DEAD = { door: 'the door never unlocks for a card', breaker: 'the supply can never be cut' };

export async function relaySuite(ctx: SuiteContext): Promise<void> {
  for (const target of relayTargets(ctx)) {
    const feedbackSpec = ctx.settings.feedback[target.component];
    const feedback = feedbackSpec ? await ctx.hw.input(feedbackSpec, `${target.component}/feedback`) : null;
    try {
      if (feedback && !feedback.ok) {
        ctx.step.record(target, 'pulse', skip('the feedback input could not be opened (see the feedback step)'));
        ctx.step.record(target, 'feedback', fail({ detail: `cannot open the feedback input ${target.component}/feedback: ${feedback.message}`, code: 'relay_feedback_input', cause: 'the feedback input is misconfigured or its line is taken', remedy: 'check selfTest.feedback in the config against the wiring' }));
        continue;
      }
      const input = feedback?.driver ?? null;
      if (ctx.hw.remote && target.kind === 'breaker') {
        ctx.step.record(target, 'pulse', skip(`not pulsed remotely: it would cut room ${target.pointId}'s supply; run onecard selftest --only relay on site`));
        await ctx.step.run(target, 'feedback', () => passiveFeedback(ctx, target, input));
        continue;
      }
      await pulseAndFeedback(ctx, target, input);
    } finally {
      if (feedback?.ok) await feedback.release();
    }
  }
}

async function pulseAndFeedback(ctx: SuiteContext, target: RelayTarget, input: DigitalInput | null): Promise<void> {
  const held = await ctx.hw.relay(target.spec, target.component);
  if (!held.ok) {
    if (held.reason === 'busy') {
      const why = target.kind === 'door' ? 'the door is released now (a grant, an exit request or a fire release)' : "the room's supply is cut now";
      ctx.step.record(target, 'pulse', skip(`not pulsed while in use: ${why}`));
      ctx.step.record(target, 'feedback', skip('the relay was not pulsed'));
      return;
    }
    ctx.step.record(target, 'pulse', fail({
      detail: `cannot open the relay's driver: ${held.message}`,
      code: 'relay_output_unavailable',
      cause: 'the output is held by a running controller, or the GPIO chip, line or Firmata board in the config is not there',
      remedy: 'stop the controller service before an on-site self-test (or use the remote self-test from the hub); check the relay section of the config against the wiring',
    }));
    ctx.step.record(target, 'feedback', skip('the relay could not be opened'));
    return;
  }
  const relay = held.driver;
  let feedback: Outcome | null = input ? null : skip(`no feedback input wired (selfTest.feedback["${target.component}"]): the contacts cannot be seen; listen for the click`);
  try {
    await ctx.step.run(target, 'pulse', async () => {
      if (input && (await input.read())) {
        feedback = stuckClosed(target, 'the contacts were closed before the pulse, with the coil off');
        return skip('not pulsed: its contacts are already closed (see the feedback step)');
      }
      const startMs = ctx.clock.nowMs();
      if (!(await relay.set(true))) return interrupted(target);
      const drivenMs = ctx.clock.nowMs() - startMs;
      const readOn = await relay.get();
      let closedAfterMs: number | null = null;
      if (input) closedAfterMs = await until(ctx.clock, () => input.read(), ctx.settings.relayFeedbackTimeoutMs);
      await sleep(ctx.clock, startMs + ctx.settings.relayPulseMs - ctx.clock.nowMs());
      if (!(await relay.set(false))) return interrupted(target);
      const pulseMs = ctx.clock.nowMs() - startMs;
      const readOff = await relay.get();
      let openedAfterMs: number | null = null;
      if (input && closedAfterMs !== null) openedAfterMs = await until(ctx.clock, async () => !(await input.read()), ctx.settings.relayFeedbackTimeoutMs);
      if (input) {
        const limit = `${ctx.settings.relayFeedbackTimeoutMs} ms`;
        if (closedAfterMs === null) {
          feedback = fail({
            figure: `contacts still open ${limit} after energising`,
            detail: `the relay was energised and its contacts did not close: ${DEAD[target.kind]}`,
            code: 'relay_no_feedback',
            cause: 'relay stuck open: a dead coil, no coil supply, a burnt contact, or the feedback input not wired to the auxiliary contact',
            remedy: 'measure the coil voltage during a pulse; replace the relay; check the feedback wiring',
          });
        } else if (openedAfterMs === null) {
          feedback = stuckClosed(target, `the contacts closed after ${formatMs(closedAfterMs)} but were still closed ${limit} after release`);
        } else {
          feedback = pass(`contacts closed after ${formatMs(closedAfterMs)}, opened after ${formatMs(openedAfterMs)}`, 'the contacts followed the coil both ways');
        }
      }
      if (!readOn || readOff) {
        return fail({
          figure: `pulse ${formatMs(pulseMs)}`,
          detail: `the driver reads back ${readOn ? 'on' : 'off'} after on and ${readOff ? 'on' : 'off'} after off`,
          code: 'relay_output_unstable',
          cause: 'the output line does not hold the level it is driven to: another process drives it, or the board resets',
          remedy: 'make sure nothing else uses the line; check the relay board supply',
        });
      }
      return pass(`pulse ${formatMs(pulseMs)}, driven in ${formatMs(drivenMs)}`, 'energised and released; the driver reads back each state');
    });
  } finally {
    await held.release();
  }
  ctx.step.record(target, 'feedback', feedback ?? skip('the relay was not pulsed'));
}

function interrupted(target: RelayTarget): Outcome {
  return skip(`interrupted: point ${target.pointId} drove its relay during the pulse (a card or a command); run the self-test again`);
}

function stuckClosed(target: RelayTarget, detail: string): Outcome {
  return fail({
    figure: 'contacts closed with the coil off',
    detail: `${detail}: ${EFFECT[target.kind]}`,
    code: 'relay_stuck_closed',
    cause: 'relay stuck closed: welded contacts (an overloaded or unsuppressed load), or the feedback input wired to a normally-closed contact',
    remedy: 'replace the relay (a door strike: fit a flyback diode across it); check the feedback wiring',
  });
}

/** Remote breaker: the contacts compared with the state the point holds the relay in. */
async function passiveFeedback(ctx: SuiteContext, target: RelayTarget, input: DigitalInput | null): Promise<Outcome> {
  if (!input) return skip(`no feedback input wired (selfTest.feedback["${target.component}"])`);
  const wanted = ctx.hw instanceof InUseHardware ? ctx.hw.relayWanted(target.component) : null;
  if (wanted === null) return skip('no running point holds this relay');
  const closed = await input.read();
  if (closed === wanted) return pass(`contacts ${closed ? 'closed' : 'open'}, coil ${wanted ? 'on' : 'off'}`, 'the contacts match the state the point holds the relay in');
  return wanted
    ? fail({ figure: 'contacts open, coil on', detail: `the point energises the breaker and its contacts are open: ${DEAD.breaker}`, code: 'relay_breaker_open', cause: 'relay stuck open: a dead coil or no coil supply', remedy: 'measure the coil voltage; replace the relay' })
    : stuckClosed(target, 'the contacts are closed with the coil off');
}

