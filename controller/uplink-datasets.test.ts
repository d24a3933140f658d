/**
 * The device's half of dataset sync, against a scripted hub on loopback (a bare WebSocket server
 * that speaks the protocol frame by frame): every update is answered by one ack of the version then
 * held, so a refused delta shows as a lower ack and the snapshot that follows is applied.
 */
import { strict as assert } from 'node:assert';
import { DatasetName } from '../protocol/messages.js';
import { waitFor } from '../test/helpers.js';
import { useScriptedHub } from '../test/scripted-hub.js';

const BL = DatasetName.DATASET_NAME_BLACKLIST;
const A = '04A1B2C3D4E5F6';
const B = '04B2C3D4E5F607';

describe('uplink: dataset updates answered one ack each (scripted hub)', () => {
  const hub = useScriptedHub();
  const { send, acks } = hub;

  it('acks the version it holds for a delta from another version, then applies the snapshot that follows', async () => {
    const c = await hub.online();
    const hello = hub.received.find((e) => e.body === 'hello')!.hello!;
    assert.deepEqual(hello.datasets!.map((d) => [d.name, Number(d.version)]), [[BL, 0], [DatasetName.DATASET_NAME_CARDS, 0], [DatasetName.DATASET_NAME_BALANCES, 0], [DatasetName.DATASET_NAME_TARIFFS, 0], [DatasetName.DATASET_NAME_SCHEDULES, 0]]);

    send({ datasetUpdate: { name: BL, version: 3, fullSnapshot: true, blacklist: { addCardUids: [A] } } });
    send({ datasetUpdate: { name: BL, version: 6, fromVersion: 5, blacklist: { addCardUids: [B] } } });
    send({ datasetUpdate: { name: BL, version: 7, fromVersion: 6, blacklist: { removeCardUids: [A] } } });
    await waitFor('three acks', () => acks().length === 3);
    assert.deepEqual(acks(), [[BL, 3], [BL, 3], [BL, 3]], 'the snapshot applied; both deltas refused, each answered with the version held');
    assert.deepEqual([c.controller.policy.decide(A).reason, c.controller.policy.decide(B).reason], [2, 3]);
    assert.equal(c.logger.find('uplink.dataset_refused').length, 2);

    send({ datasetUpdate: { name: BL, version: 7, fullSnapshot: true, blacklist: { addCardUids: [B] } } });
    await waitFor('the snapshot acked', () => acks().length === 4);
    assert.deepEqual(acks()[3], [BL, 7]);
    assert.deepEqual([c.controller.policy.decide(A).reason, c.controller.policy.decide(B).reason, c.controller.policy.version(BL)], [3, 2, 7]);
  });
});
