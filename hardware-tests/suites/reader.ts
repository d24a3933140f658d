/**
 * Readers: each door's and shower's reader present (attached), then reading a test card: on a
 * terminal the technician is asked to tap one within `cardTapTimeoutMs`; without a terminal, and in
 * a remote run, that step is skipped.
 */
import { fail, pass, skip, type SuiteContext, type Target } from '../context.js';
import type { ReaderSpec } from '../../controller/drivers/specs.js';
import { formatMs, until } from '../wait.js';

export function readerTargets(ctx: SuiteContext): Array<Target & { spec: ReaderSpec }> {
  const targets: Array<Target & { spec: ReaderSpec }> = [];
  for (const p of ctx.config.points) {
    if (p.kind === 'room') continue;
    targets.push({ suite: 'reader', component: `${p.id}/reader`, pointId: p.id, category: p.kind === 'door' ? 'door' : 'consumption', spec: p.reader });
  }
  return targets;
}

const ABSENT_CAUSE = 'the reader is unplugged or its USB cable is damaged, pcscd is not running, or the config names another reader';
const ABSENT_REMEDY = "check the reader's cable and that its LED is lit; `systemctl status pcscd`; `onecard reader watch` lists the readers pcscd sees";

export async function readerSuite(ctx: SuiteContext): Promise<void> {
  for (const target of readerTargets(ctx)) {
    const held = await ctx.hw.reader(target.spec, target.component);
    if (!held.ok) {
      ctx.step.record(target, 'present', fail({ detail: `cannot watch the reader: ${held.message}`, code: 'reader_absent', cause: ABSENT_CAUSE, remedy: ABSENT_REMEDY }));
      ctx.step.record(target, 'card', skip('the reader could not be watched'));
      continue;
    }
    const view = held.driver;
    try {
      const present = await ctx.step.run(target, 'present', async () => {
        const afterMs = await until(ctx.clock, () => view.attached(), ctx.settings.readerAttachTimeoutMs, 10);
        if (afterMs === null) {
          return fail({ figure: `no reader within ${ctx.settings.readerAttachTimeoutMs} ms`, detail: 'no reader reported itself attached', code: 'reader_absent', cause: ABSENT_CAUSE, remedy: ABSENT_REMEDY });
        }
        return pass(ctx.hw.remote ? 'attached' : `attached in ${formatMs(afterMs)}`, `reader "${view.readerName()}" is attached`);
      });
      if (present.status !== 'pass') {
        ctx.step.record(target, 'card', skip('no reader attached'));
        continue;
      }
      if (ctx.hw.remote) {
        ctx.step.record(target, 'card', skip('remote run: nobody at the reader to tap a card'));
        continue;
      }
      const technician = ctx.technician;
      if (!technician) {
        ctx.step.record(target, 'card', skip('no terminal to ask a technician to tap a card: run onecard selftest on a terminal'));
        continue;
      }
      await ctx.step.run(target, 'card', async () => {
        const before = view.cards().length;
        const timeoutMs = ctx.settings.cardTapTimeoutMs;
        technician.prompt(`tap a test card on ${target.component} within ${Math.round(timeoutMs / 1000)} s`, target.component);
        const afterMs = await until(ctx.clock, () => view.cards().length > before, timeoutMs, 20).finally(() => technician.dismiss());
        if (afterMs === null) {
          return fail({
            figure: `no card within ${Math.round(timeoutMs / 1000)} s`,
            detail: 'the reader is attached but read no card',
            code: 'reader_no_card',
            cause: "no card was held to it, the card is of a type the reader cannot read, or the reader's antenna is damaged or shielded by metal",
            remedy: 'hold a known-good campus card flat on the reader for a second; if it still reads nothing, replace the reader',
          });
        }
        return pass(`card read ${formatMs(afterMs)} after the prompt`, `card ${view.cards()[before]!} read`);
      });
    } finally {
      await held.release();
    }
  }
}
