/** Demo: a card at two doors, reported lost (denied at both within milliseconds), found, granted. */
import type { Hub } from '../../hub/hub.js';
import type { DoorDecision } from '../../controller/points/door.js';
import { accessReasonText } from '../../protocol/messages.js';
import { call, expectOk, hubEvent, ms, say, until, type DemoDevice } from './kit.js';

export async function doorScenario(hub: Hub, devices: readonly DemoDevice[], card: { uid: string; name: string }): Promise<void> {
  const [north, south] = devices as [DemoDevice, DemoDevice];
  say(`${card.name} taps card ${card.uid} at ${north.id}/main-door`);
  await tapAndReport(hub, north, card.uid);

  say(`the card office reports card ${card.uid} lost`);
  let t0 = performance.now();
  const lost = await expectOk('report lost', call(hub, 'POST', `/api/cards/${card.uid}/lost`));
  console.log(`    hub: card lost, blacklist version ${String(lost.blacklistVersion)} (${ms(performance.now() - t0)})`);
  await reportApplied(devices, card.uid, false, t0);

  say(`the same card is tapped at both doors`);
  await tapAndReport(hub, north, card.uid);
  await tapAndReport(hub, south, card.uid);

  say(`the card is found and the loss report lifted`);
  t0 = performance.now();
  const found = await expectOk('report found', call(hub, 'POST', `/api/cards/${card.uid}/found`));
  console.log(`    hub: card active, blacklist version ${String(found.blacklistVersion)} (${ms(performance.now() - t0)})`);
  await reportApplied(devices, card.uid, true, t0);

  say(`${card.name} taps again at ${south.id}/main-door`);
  await tapAndReport(hub, south, card.uid);
}

async function tapAndReport(hub: Hub, device: DemoDevice, uid: string): Promise<void> {
  const door = device.controller.door('main-door');
  const decided = new Promise<DoorDecision>((resolve) => {
    const off = door.onDecision((d) => {
      off();
      resolve(d);
    });
  });
  const t0 = performance.now();
  device.drivers.reader('main-door/reader').tap(uid);
  const d = await decided;
  const took = `${(d.latencyUs / 1000).toFixed(3)} ms`;
  const verdict = d.granted ? `GRANTED, door relay energised ${took} after the tap` : `DENIED (${accessReasonText(d.reason)}) in ${took}, relay left off`;
  console.log(`    ${device.id}: ${verdict} (journal seq ${d.seq ?? '-'})`);
  await hubEvent(hub, device.id, (d.seq ?? 1) - 1, (e) => e.seq === d.seq, `event ${device.id}#${d.seq} at the hub`);
  console.log(`    hub: event ${device.id}#${d.seq} stored (${ms(performance.now() - t0)} after the tap)`);
}

async function reportApplied(devices: readonly DemoDevice[], uid: string, granted: boolean, t0: number): Promise<void> {
  await Promise.all(
    devices.map(async (d) => {
      await until(() => d.controller.policy.decide(uid).granted === granted, 5000, `${d.id} to apply the blacklist`);
      const reason = accessReasonText(d.controller.policy.decide(uid).reason);
      console.log(`    ${d.id}: blacklist applied, card ${granted ? 'allowed' : `denied (${reason})`} (${ms(performance.now() - t0)} after the report)`);
    }),
  );
}
