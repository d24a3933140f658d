/**
 * Demo: a room's electricity. The meter is read every second; energy is charged to the room's
 * account at the tariff; at the low-balance threshold a warning is journalled, at zero the supply
 * is cut through the meter's relay, and a top-up restores it at once.
 */
import type { Hub } from '../../hub/hub.js';
import { balanceAtHub, call, expectOk, hubEvent, priceYuan, say, topUpTo, until, yuan, type DemoDevice } from './kit.js';

export const ROOM_ID = '701';
export const ROOM_ACCOUNT = `room.${ROOM_ID}`;
export const POWER_TARIFF = { basis: 'per_kwh', priceMillifen: 60_000 };
const START_FEN = 30;

export async function roomScenario(hub: Hub, device: DemoDevice): Promise<void> {
  const meter = device.drivers.meterNamed('room-701/meter');
  const wallet = device.controller.wallet;
  // Start from ¥0.30 with the supply on (each run ends topped up to it again).
  const start = await topUpTo(hub, ROOM_ACCOUNT, START_FEN, `demo-room-${Date.now()}`);
  await until(() => wallet.balance(ROOM_ACCOUNT) === start && meter.relayClosed, 10_000, 'the room supplied with its balance held');
  const fromSeq = device.controller.journal.lastSeqWritten;

  say(`room ${ROOM_ID} (balance ${yuan(start)}, tariff ${priceYuan(POWER_TARIFF.priceMillifen)}/kWh, warning at ${yuan(20)}) draws 250 Wh`);
  meter.addEnergyWh(250);
  const charge = await hubEvent(hub, device.id, fromSeq, (e) => e.kind === 'charge' && e.pointId === 'room-701', 'the room charge at the hub');
  console.log(`    hub: charge ${device.id}#${charge.seq}: ${yuan(charge.amountFen ?? 0)} for ${String(charge.detail.charge?.energyWh)} Wh, posted as ${charge.transferId}`);
  const warning = await hubEvent(hub, device.id, fromSeq, (e) => e.detail.alarm?.kind === 'low_balance', 'the low-balance warning');
  console.log(`    ${device.id}: alarm low_balance (${String(warning.detail.alarm?.detail)})`);

  say(`the room draws 250 Wh more: the balance reaches zero`);
  meter.addEnergyWh(250);
  await until(() => !meter.relayClosed, 10_000, 'the supply to be cut');
  const cut = await hubEvent(hub, device.id, fromSeq, (e) => e.detail.alarm?.kind === 'power_cut', 'the cut at the hub');
  console.log(`    ${device.id}: supply cut by the meter's relay (alarm power_cut: ${String(cut.detail.alarm?.detail)}); hub balance ${yuan(await balanceAtHub(hub, ROOM_ACCOUNT))}`);

  // Back to the starting balance, so the next run of the demo tells the same story.
  const topUp = START_FEN - (await balanceAtHub(hub, ROOM_ACCOUNT));
  say(`the resident tops the room up with ${yuan(topUp)} at the card office`);
  const t0 = performance.now();
  await expectOk('room top-up', call(hub, 'POST', `/api/accounts/${ROOM_ACCOUNT}/topups`, { amountFen: topUp, reference: `demo-room-topup-${Date.now()}` }));
  await until(() => meter.relayClosed, 10_000, 'the supply to be restored');
  console.log(`    ${device.id}: supply restored ${(performance.now() - t0).toFixed(1)} ms after the top-up (balance ${yuan(wallet.balance(ROOM_ACCOUNT) ?? 0)})`);
  let row: Record<string, unknown> | undefined;
  await until(async () => {
    const meters = await expectOk('meters', call(hub, 'GET', '/api/meters'));
    row = ((meters.meters as Array<Record<string, unknown>> | undefined) ?? []).find((m) => m.deviceId === device.id);
    return row?.relayClosed === true;
  }, 10_000, 'the restored supply in the meter readings at the hub');
  const r = row!;
  console.log(`    hub: facilities see meter ${String(r.meterId)}: ${Number(r.energyWh) / 1000} kWh, ${String(r.powerW)} W, ${Number(r.voltageMv) / 1000} V, relay ${r.relayClosed ? 'closed' : 'open'}, comm ${String(r.comm)}, room balance ${yuan(Number(r.balanceFen))}`);
}
