import { strict as assert } from 'node:assert';
import { BlacklistReason, DatasetName } from '../../protocol/messages.js';
import { DoorRig, settle } from './door-test-rig.js';

const RESIDENT = '04000000000001';
const GYM_ONLY = '04000000000002';
const NOT_YET = '04000000000003';
const EXPIRED = '04000000000004';
const LOST = '04000000000005';
const REPLACED = '04000000000006';
const CANCELLED = '04000000000007';
const BLACKLISTED = '04000000000008';
const STRANGER = '0400000000000F';
const FRIEND = '04000000000009';

const DAY_MS = 86_400_000;
const WEEKDAYS = 0b0011111;
const WEEKEND = 0b1100000;
const EVERY_DAY = 0b1111111;
const hm = (h: number, m = 0) => h * 60 + m;
/** Unix ms of a local time in Shanghai (the rig's campus zone). */
const local = (iso: string) => Date.parse(`${iso}+08:00`);

describe('door rules: reasons, schedules, holidays, anti-passback', () => {
  let rig: DoorRig;

  beforeEach(async () => {
    rig = new DoorRig();
    await rig.start();
    const now = rig.wallMs;
    await rig.push({
      name: DatasetName.DATASET_NAME_CARDS, version: 1, fullSnapshot: true,
      cards: {
        upsert: [
          { cardUid: RESIDENT, personId: 'P1', personType: 'student', groups: ['dorm-7'] },
          { cardUid: FRIEND, personId: 'P9', personType: 'student', groups: ['dorm-7'] },
          { cardUid: GYM_ONLY, personId: 'P2', personType: 'staff', groups: ['gym'] },
          { cardUid: NOT_YET, personId: 'P3', personType: 'freshman', groups: ['dorm-7'], validFromUnixMs: now + DAY_MS },
          { cardUid: EXPIRED, personId: 'P4', personType: 'temporary', groups: ['dorm-7'], validUntilUnixMs: now - DAY_MS },
          { cardUid: LOST, personId: 'P5', groups: ['dorm-7'] },
          { cardUid: REPLACED, personId: 'P6', groups: ['dorm-7'] },
          { cardUid: CANCELLED, personId: 'P7', groups: ['dorm-7'] },
          { cardUid: BLACKLISTED, personId: 'P8', groups: ['dorm-7'] },
        ],
      },
    });
    await rig.push({
      name: DatasetName.DATASET_NAME_BLACKLIST, version: 3, fullSnapshot: true,
      blacklist: {
        addCardUids: [BLACKLISTED],
        add: [
          { cardUid: LOST, reason: BlacklistReason.BLACKLIST_REASON_LOST },
          { cardUid: REPLACED, reason: BlacklistReason.BLACKLIST_REASON_REPLACED },
          { cardUid: CANCELLED, reason: BlacklistReason.BLACKLIST_REASON_CANCELLED },
        ],
      },
    });
    await rig.push({
      name: DatasetName.DATASET_NAME_SCHEDULES, version: 1, fullSnapshot: true,
      schedules: {
        upsert: [
          {
            scheduleId: 'dorm',
            periods: [
              { daysMask: WEEKDAYS, startMinute: hm(6), endMinute: hm(12) },
              { daysMask: WEEKDAYS, startMinute: hm(13), endMinute: hm(23) },
              { daysMask: WEEKEND, startMinute: hm(8), endMinute: 1440 },
            ],
            holidayPeriods: [{ daysMask: EVERY_DAY, startMinute: hm(9), endMinute: hm(17) }],
          },
          { scheduleId: 'office', periods: [{ daysMask: WEEKDAYS, startMinute: hm(8), endMinute: hm(18) }] },
        ],
        addHolidays: ['2025-03-05'],
      },
    });
  });

  afterEach(async () => {
    await rig.stop();
  });

  it('journals each decision with its reason (policy, schedule, anti-passback, exit, remote), and energises the relay only for grants', async () => {
    const door = await rig.door({ id: 'door-a', groups: ['dorm-7'], schedule: 'dorm', exitButton: { driver: 'emulated' }, antiPassback: { zone: 'dorm-7', direction: 'entry' } });
    const energisedAfter = async (uid: string): Promise<boolean> => {
      await rig.tap('door-a', uid);
      const energised = rig.relayEnergised('door-a');
      await rig.advance(3000);
      return energised;
    };
    assert.equal(await energisedAfter(RESIDENT), true);
    for (const uid of [GYM_ONLY, NOT_YET, EXPIRED, LOST, REPLACED, CANCELLED, BLACKLISTED, STRANGER, RESIDENT]) {
      assert.equal(await energisedAfter(uid), false, `${uid} must not open the door`);
    }
    rig.wallMs = local('2025-03-03T12:30:00');
    assert.equal(await energisedAfter(FRIEND), false);
    rig.wallMs = local('2025-03-05T08:00:00'); // a holiday, before its 09:00 opening
    assert.equal(await energisedAfter(FRIEND), false);
    rig.input('door-a/exit', true);
    await settle();
    assert.equal(rig.relayEnergised('door-a'), true, 'the exit button releases the lock');
    rig.input('door-a/exit', false);
    await rig.advance(3000);
    await door.remoteOpen();
    assert.equal(rig.relayEnergised('door-a'), true, 'a remote open releases the lock');

    assert.deepEqual(await rig.accesses(), [
      ['door-a', RESIDENT, 'granted'],
      ['door-a', GYM_ONLY, 'denied_not_in_group'],
      ['door-a', NOT_YET, 'denied_not_yet_valid'],
      ['door-a', EXPIRED, 'denied_expired'],
      ['door-a', LOST, 'denied_lost'],
      ['door-a', REPLACED, 'denied_replaced'],
      ['door-a', CANCELLED, 'denied_cancelled'],
      ['door-a', BLACKLISTED, 'denied_blacklisted'],
      ['door-a', STRANGER, 'denied_unknown_card'],
      ['door-a', RESIDENT, 'denied_anti_passback'],
      ['door-a', FRIEND, 'denied_outside_schedule'],
      ['door-a', FRIEND, 'denied_outside_schedule'],
      ['door-a', '', 'granted_exit_request'],
      ['door-a', '', 'granted_remote'],
    ]);
    assert.deepEqual(rig.decisions.map((d) => d.reason), (await rig.rawEvents()).map((e) => e.access?.reason));
  });

  it('admits in each period of the day, not between them, and not at a period end', async () => {
    await rig.door({ id: 'door-a', schedule: 'dorm' });
    const tries: Array<[string, boolean]> = [
      ['2025-03-03T05:59:00', false],
      ['2025-03-03T06:00:00', true],
      ['2025-03-03T11:59:00', true],
      ['2025-03-03T12:00:00', false],
      ['2025-03-03T13:00:00', true],
      ['2025-03-03T22:59:00', true],
      ['2025-03-03T23:00:00', false],
      ['2025-03-08T07:59:00', false], // Saturday
      ['2025-03-08T23:59:00', true],
      ['2025-03-09T00:00:00', false], // Sunday: the weekend period starts at 08:00
    ];
    for (const [time] of tries) {
      rig.wallMs = local(time);
      await rig.tap('door-a', RESIDENT);
      await rig.advance(3000);
    }
    assert.deepEqual(
      rig.decisions.map((d, i) => [tries[i]?.[0], d.granted]),
      tries.map(([time, granted]) => [time, granted]),
    );
  });

  it('judges the schedule by the campus day, not the UTC day', async () => {
    await rig.door({ id: 'door-a', schedule: 'office' });
    rig.wallMs = Date.parse('2025-03-02T23:30:00Z'); // Sunday in UTC, Monday 07:30 in Shanghai
    await rig.tap('door-a', RESIDENT);
    rig.wallMs = Date.parse('2025-03-03T00:30:00Z'); // Monday 08:30 in Shanghai
    await rig.tap('door-a', RESIDENT);
    assert.deepEqual(rig.decisions.map((d) => d.granted), [false, true]);
  });

  it('applies the holiday periods on a holiday, and closes a door without them for the day', async () => {
    await rig.door({ id: 'door-a', schedule: 'dorm' });
    await rig.door({ id: 'office', schedule: 'office' });
    rig.wallMs = local('2025-03-05T07:00:00'); // a Wednesday, and a holiday
    await rig.tap('door-a', RESIDENT);
    rig.wallMs = local('2025-03-05T10:00:00');
    await rig.tap('door-a', RESIDENT);
    await rig.tap('office', RESIDENT);
    rig.wallMs = local('2025-03-06T10:00:00'); // the day after: a working day again
    await rig.tap('office', RESIDENT);
    assert.deepEqual(await rig.accesses(), [
      ['door-a', RESIDENT, 'denied_outside_schedule'],
      ['door-a', RESIDENT, 'granted'],
      ['office', RESIDENT, 'denied_holiday'],
      ['office', RESIDENT, 'granted'],
    ]);
  });

  it('follows a schedule update pushed by the hub and a holiday removed', async () => {
    await rig.door({ id: 'office', schedule: 'office' });
    rig.wallMs = local('2025-03-05T10:00:00');
    await rig.tap('office', RESIDENT);
    await rig.push({ name: DatasetName.DATASET_NAME_SCHEDULES, version: 2, fromVersion: 1, fullSnapshot: false, schedules: { removeHolidays: ['2025-03-05'] } });
    await rig.tap('office', RESIDENT);
    await rig.push({
      name: DatasetName.DATASET_NAME_SCHEDULES, version: 3, fromVersion: 2, fullSnapshot: false,
      schedules: { upsert: [{ scheduleId: 'office', periods: [{ daysMask: WEEKDAYS, startMinute: hm(11), endMinute: hm(12) }] }] },
    });
    await rig.tap('office', RESIDENT);
    assert.deepEqual(rig.decisions.map((d) => d.reason).map(String), (await rig.rawEvents()).map((e) => String(e.access?.reason)));
    assert.deepEqual((await rig.accesses()).map((a) => a[2]), ['denied_holiday', 'granted', 'denied_outside_schedule']);
  });

  it('denies every card at a door whose schedule the device does not hold, and logs it', async () => {
    await rig.door({ id: 'door-a', schedule: 'night-shift' });
    await rig.tap('door-a', RESIDENT);
    assert.equal(rig.relayEnergised('door-a'), false);
    assert.deepEqual(await rig.accesses(), [['door-a', RESIDENT, 'denied_outside_schedule']]);
    assert.deepEqual(rig.logger.find('door.schedule_missing').map((r) => r.fields.schedule), ['night-shift']);
  });

  it('gives the card office reason before the schedule: deny wins', async () => {
    await rig.door({ id: 'door-a', schedule: 'office' });
    rig.wallMs = local('2025-03-03T03:00:00');
    await rig.tap('door-a', LOST);
    await rig.tap('door-a', RESIDENT);
    assert.deepEqual((await rig.accesses()).map((a) => a[2]), ['denied_lost', 'denied_outside_schedule']);
  });

  describe('anti-passback', () => {
    const zone = 'hall-1';

    it('lets a card that entered only exit, and one that exited only enter', async () => {
      await rig.door({ id: 'in', antiPassback: { zone, direction: 'entry' } });
      await rig.door({ id: 'out', antiPassback: { zone, direction: 'exit' } });
      const steps: Array<[string, string]> = [['in', RESIDENT], ['in', RESIDENT], ['out', RESIDENT], ['out', RESIDENT], ['in', RESIDENT]];
      const energised: boolean[] = [];
      for (const [door, uid] of steps) {
        await rig.tap(door, uid);
        energised.push(rig.relayEnergised(door));
        await rig.advance(3000);
      }
      assert.deepEqual(energised, [true, false, true, false, true]);
      assert.deepEqual(await rig.accesses(), [
        ['in', RESIDENT, 'granted'],
        ['in', RESIDENT, 'denied_anti_passback'],
        ['out', RESIDENT, 'granted'],
        ['out', RESIDENT, 'denied_anti_passback'],
        ['in', RESIDENT, 'granted'],
      ]);
    });

    it('lets a card never seen pass either way once (nothing is persisted)', async () => {
      await rig.door({ id: 'in', antiPassback: { zone, direction: 'entry' } });
      await rig.door({ id: 'out', antiPassback: { zone, direction: 'exit' } });
      await rig.tap('out', FRIEND);
      await rig.tap('out', FRIEND);
      await rig.tap('in', FRIEND);
      assert.deepEqual((await rig.accesses()).map((a) => a[2]), ['granted', 'denied_anti_passback', 'granted']);
    });

    it('keeps zones apart, and leaves doors without anti-passback alone', async () => {
      await rig.door({ id: 'in', antiPassback: { zone, direction: 'entry' } });
      await rig.door({ id: 'gym-in', antiPassback: { zone: 'gym', direction: 'entry' } });
      await rig.door({ id: 'side' });
      for (const door of ['in', 'gym-in', 'side', 'side', 'gym-in']) await rig.tap(door, RESIDENT);
      assert.deepEqual((await rig.accesses()).map((a) => `${a[0]} ${a[2]}`), [
        'in granted', 'gym-in granted', 'side granted', 'side granted', 'gym-in denied_anti_passback',
      ]);
    });

    it('with a door contact, counts a passage only when the door opened during the release', async () => {
      await rig.door({ id: 'in', doorContact: { driver: 'emulated' }, antiPassback: { zone, direction: 'entry' } });
      await rig.tap('in', RESIDENT);
      await rig.advance(3000); // granted, but the door never opened
      await rig.tap('in', RESIDENT);
      rig.input('in/contact', true);
      rig.input('in/contact', false);
      await rig.advance(3000);
      await rig.tap('in', RESIDENT);
      assert.deepEqual((await rig.accesses()).map((a) => a[2]), ['granted', 'granted', 'denied_anti_passback']);
    });

    it('does not count a card granted in an earlier release when the door opens for a later one', async () => {
      await rig.door({ id: 'in', doorContact: { driver: 'emulated' }, antiPassback: { zone, direction: 'entry' } });
      await rig.tap('in', FRIEND);
      await rig.advance(3000); // the friend did not go in
      await rig.tap('in', RESIDENT);
      rig.input('in/contact', true);
      rig.input('in/contact', false);
      await rig.advance(3000);
      await rig.tap('in', FRIEND);
      await rig.tap('in', RESIDENT);
      assert.deepEqual((await rig.accesses()).map((a) => `${a[1]} ${a[2]}`), [
        `${FRIEND} granted`, `${RESIDENT} granted`, `${FRIEND} granted`, `${RESIDENT} denied_anti_passback`,
      ]);
    });

    it('does not count a card whose release ended unused when the door later opens by force or by exit request', async () => {
      await rig.door({ id: 'in', doorContact: { driver: 'emulated' }, exitButton: { driver: 'emulated' }, antiPassback: { zone, direction: 'entry' } });
      const open = (): void => {
        rig.input('in/contact', true);
        rig.input('in/contact', false);
      };
      await rig.tap('in', FRIEND);
      await rig.advance(10_000); // released and relocked: the friend did not go in
      open(); // forced
      await rig.tap('in', FRIEND);
      await rig.advance(10_000); // not this time either
      rig.input('in/exit', true); // someone leaves through this door
      rig.input('in/exit', false);
      await settle();
      open();
      await rig.advance(10_000);
      await rig.tap('in', FRIEND);
      assert.deepEqual((await rig.accesses()).map((a) => `${a[1]} ${a[2]}`), [
        `${FRIEND} granted`, `${FRIEND} granted`, ' granted_exit_request', `${FRIEND} granted`,
      ]);
      assert.deepEqual(await rig.alarms(), [['in', 'door_forced_open', true], ['in', 'door_forced_open', false]]);
    });
  });
});
