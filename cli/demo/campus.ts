/**
 * A campus-sized data set for the console (issue 9: pages load in under a second with 10,000 cards
 * and 500 devices): `onecard demo --campus CARDS,DEVICES` and the console's load test. People with
 * Chinese names and a card each (a few lost, so the blacklist is not empty), and registered devices
 * across the dorm buildings that are not running here: most applied the current blacklist, some lag
 * behind, some were never seen. Written in one transaction per kind through the hub's own inserts
 * (accounts opened, dataset versions recorded), and idempotent: what is there already is kept.
 */
import type { Hub } from '../../hub/hub.js';
import { insertPeople, type NewPerson } from '../../hub/cards.js';
import { markBalancesChanged } from '../../hub/balances.js';
import { recordChange } from '../../hub/dataset-log.js';
import { generateDeviceKeyPair } from '../../protocol/auth.js';

const SURNAMES = '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤';
const GIVEN = '伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉萍红娥玲芬燕彬鹏辉健俊帆浩宇轩然晨思雨欣怡子涵梓萱一诺嘉琪博文';
const KINDS = ['door', 'shower', 'room'] as const;
const TYPES = ['student', 'student', 'student', 'freshman', 'staff'] as const;

export interface CampusSize {
  cards: number;
  devices: number;
}

export interface CampusSeeded {
  people: number;
  cards: number;
  lost: number;
  devices: number;
}

/** Parses `--campus CARDS,DEVICES` (e.g. 10000,500). */
export function parseCampusSize(text: string): CampusSize | string {
  const m = /^(\d{1,7}),(\d{1,5})$/.exec(text.trim());
  if (!m) return `--campus: expected CARDS,DEVICES such as 10000,500, not ${JSON.stringify(text)}`;
  const size = { cards: Number(m[1]), devices: Number(m[2]) };
  if (size.cards > 1_000_000 || size.devices > 20_000) return '--campus: at most 1,000,000 cards and 20,000 devices';
  return size;
}

/** The i-th person's name: surname and one or two given characters, varied but repeatable. */
function nameOf(i: number): string {
  const s = SURNAMES[i % SURNAMES.length]!;
  const g1 = GIVEN[Math.floor(i / SURNAMES.length) % GIVEN.length]!;
  const g2 = i % 3 === 0 ? '' : GIVEN[(i * 7) % GIVEN.length]!;
  return s + g1 + g2;
}

export const campusPersonId = (i: number) => `C${String(i).padStart(7, '0')}`;
export const campusCardUid = (i: number) => `0C${i.toString(16).toUpperCase().padStart(12, '0')}`;
export const campusDeviceId = (i: number) => `b${String(Math.floor(i / 20) + 1).padStart(2, '0')}-${KINDS[i % 3]}-${String(i % 20).padStart(2, '0')}`;

export async function seedCampus(hub: Hub, size: CampusSize, progress: (line: string) => void = () => undefined): Promise<CampusSeeded> {
  const db = hub.db;
  const at = Date.now();
  const have = new Set((await db.selectFrom('people').select('person_id').where('person_id', 'like', 'C%').execute()).map((r) => r.person_id));
  const people: NewPerson[] = [];
  for (let i = 0; i < size.cards; i++) {
    if (!have.has(campusPersonId(i))) people.push({ personId: campusPersonId(i), name: nameOf(i), type: TYPES[i % TYPES.length]!, orgUnit: `${(i % 12) + 1} 号楼`, groups: ['dorm'] });
  }
  if (people.length > 0) {
    await db.transaction().execute(async (trx) => {
      const accounts = await insertPeople(trx, people, at);
      await markBalancesChanged(trx, accounts, at);
      const uids = people.map((p) => campusCardUid(Number(p.personId.slice(1))));
      for (let i = 0; i < people.length; i += 500) {
        await trx
          .insertInto('cards')
          .values(people.slice(i, i + 500).map((p, j) => ({ card_uid: uids[i + j]!, person_id: p.personId, status: 'active' as const, created_at_ms: at, updated_at_ms: at, valid_from_ms: null, valid_until_ms: null, groups: '[]', daily_limit_fen: null, offline_daily_limit_fen: null })))
          .execute();
      }
      await recordChange(trx, 'cards', uids, at, 10_000);
    });
    progress(`campus: ${people.length} people with a card each`);
  }
  // One card in 500 reported lost, through the card office's own path (so the blacklist holds them).
  let lost = 0;
  for (let i = 250; i < size.cards; i += 500) {
    const result = await hub.cards.reportLost(campusCardUid(i));
    if (result.ok) lost++;
  }
  const version = (await hub.datasets.versions()).blacklist;
  const haveDevices = new Set((await db.selectFrom('devices').select('device_id').execute()).map((r) => r.device_id));
  const key = generateDeviceKeyPair().publicKeyBase64;
  let devices = 0;
  for (let i = 0; i < size.devices; i++) {
    const deviceId = campusDeviceId(i);
    if (haveDevices.has(deviceId)) continue;
    // Not running here: a registration (one shared throwaway key: no private key exists for it) and a last contact.
    const seen = i % 50 === 49 ? null : at - (i % 7) * 60_000;
    await db.insertInto('devices').values({ device_id: deviceId, name: deviceId, public_key: key, created_at_ms: at, acked_seq: 0, last_seen_at_ms: seen, revoked_at_ms: null }).execute();
    if (seen !== null) {
      const applied = i % 25 === 7 ? Math.max(0, version - 1 - (i % 3)) : version;
      await db.insertInto('device_datasets').values({ device_id: deviceId, name: 'blacklist', version: applied, applied_at_ms: seen }).execute();
    }
    devices++;
  }
  if (devices > 0) progress(`campus: ${devices} devices registered (not running here)`);
  return { people: people.length, cards: people.length, lost, devices };
}
