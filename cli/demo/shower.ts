/**
 * Demo: a shower session. The resident taps, the valve opens once the session-open record is
 * durable, 12 litres flow (pulses at 450 per litre), a second tap closes the valve, the charge is
 * posted once at the hub and the new balance comes back to the controller.
 */
import type { Hub } from '../../hub/hub.js';
import { balanceAtHub, hubEvent, priceYuan, say, topUpTo, until, yuan, type DemoDevice } from './kit.js';

export const SHOWER_TARIFF = { basis: 'per_litre', priceMillifen: 2_500, minimumChargeFen: 10, maxSessionCostFen: 1_000, fallbackPriceMillifenPerSecond: 500 };

export async function showerScenario(hub: Hub, device: DemoDevice, card: { uid: string; name: string; personId: string }): Promise<void> {
  const accountId = `person.${card.personId}`;
  const valve = device.drivers.valveNamed('shower-1/valve');
  const start = await topUpTo(hub, accountId, 2_000, `demo-${Date.now()}`);
  await until(() => device.controller.wallet.balance(accountId) === start, 5000, `${device.id} to hold ${card.name}'s balance`);
  const fromSeq = device.controller.journal.lastSeqWritten;

  say(`${card.name} (balance ${yuan(start)}) taps at ${device.id}/shower-1: tariff ${priceYuan(SHOWER_TARIFF.priceMillifen)}/L, minimum ${yuan(SHOWER_TARIFF.minimumChargeFen)}`);
  let t0 = performance.now();
  device.drivers.reader('shower-1/reader').tap(card.uid);
  await until(() => valve.isOpenNow(), 5000, 'the valve to open');
  console.log(`    ${device.id}: session opened, its record fsynced, then the valve opened (${(performance.now() - t0).toFixed(1)} ms after the tap)`);

  say(`12 litres flow (5,400 pulses from the flow sensor), then ${card.name} taps again`);
  device.drivers.pulseCounterNamed('shower-1/flow').pulse(5_400);
  await new Promise((r) => setTimeout(r, 700)); // the point reads the sensor every 500 ms
  t0 = performance.now();
  device.drivers.reader('shower-1/reader').tap(card.uid);
  await until(() => !valve.isOpenNow(), 5000, 'the valve to close');
  console.log(`    ${device.id}: valve closed (${(performance.now() - t0).toFixed(1)} ms after the tap)`);

  const charge = await hubEvent(hub, device.id, fromSeq, (e) => e.kind === 'charge' && e.pointId === 'shower-1', 'the charge at the hub');
  const c = charge.detail.charge ?? {};
  console.log(`    hub: charge ${device.id}#${charge.seq}: ${yuan(charge.amountFen ?? 0)} for ${Number(c.volumeMl) / 1000} L, posted once as transfer ${charge.transferId}`);
  const after = await balanceAtHub(hub, accountId);
  await until(() => device.controller.wallet.balance(accountId) === after, 5000, 'the new balance back at the controller');
  console.log(`    hub: ${card.name}'s balance ${yuan(after)}; ${device.id} holds the same balance (pushed back with the charges it includes)`);
}
