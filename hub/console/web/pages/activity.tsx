/**
 * Showers and doors (淋浴与门禁), for facilities and maintenance: open alarms (door held or forced
 * open, leak, flow tamper, ...), recent shower sessions (point, card uid, litres, time, amount, why
 * it ended; running ones too), access decisions at doors and showers (granted or denied with the
 * reason) and the recent alarm raises and clears, from GET /api/activity, refreshed every 2 s.
 * Card uids only: no holder's name is looked up, so no reason is asked.
 */
import { useState } from 'preact/hooks';
import { call } from '../api.js';
import { strings, when, yuan } from '../i18n.js';
import type { PageProps } from '../pages.js';
import { Figure, Show, Table, Updated, useLoad } from '../ui.js';
import { alarmName, endName, reasonName } from './activity-labels.js';

interface OpenAlarm {
  deviceId: string;
  pointId: string;
  kind: string;
  detail: string;
  seq: number;
  deviceTimeMs: number;
}
interface AlarmEvent extends OpenAlarm {
  active: boolean;
}
interface ShowerSession {
  deviceId: string;
  pointId: string;
  sessionId: string;
  cardUid: string;
  state: 'running' | 'closed';
  startedAtMs: number | null;
  endedAtMs: number | null;
  end: string;
  volumeMl: number;
  durationMs: number;
  amountFen: number;
  timeBilled: boolean;
}
interface AccessEvent {
  deviceId: string;
  pointId: string;
  seq: number;
  deviceTimeMs: number;
  cardUid: string;
  granted: boolean;
  reason: string;
  decisionLatencyUs: number;
}
interface ActivityAnswer {
  atMs: number;
  showers: ShowerSession[];
  access: AccessEvent[];
  alarms: { open: OpenAlarm[]; recent: AlarmEvent[] };
}

const T = strings({
  zh: {
    openAlarms: '未消除告警', running: '正在淋浴', granted: '通过', denied: '拒绝', showers: '最近淋浴记录', access: '最近门禁与刷卡记录', recentAlarms: '最近告警记录',
    device: '设备', point: '点位', card: '卡号', alarm: '告警', detail: '详情', since: '发生时间', time: '时间', state: '状态', started: '开始', ended: '结束',
    litres: '用水 (升)', duration: '时长', amount: '金额', endReason: '结束原因', result: '结果', reason: '原因', latency: '判定耗时', raised: '发生', cleared: '消除',
    stateRunning: '进行中', stateClosed: '已结束', deviceFilter: '设备编号', deviceHint: '全部设备', apply: '筛选', timeBilled: '按时计费', noCard: '（无卡）',
    grantedDenied: '{g} 通过 / {d} 拒绝',
  },
  en: {
    openAlarms: 'Open alarms', running: 'Showers running', granted: 'Granted', denied: 'Denied', showers: 'Recent shower sessions', access: 'Recent door and tap decisions', recentAlarms: 'Recent alarm events',
    device: 'Device', point: 'Point', card: 'Card', alarm: 'Alarm', detail: 'Detail', since: 'Raised', time: 'Time', state: 'State', started: 'Started', ended: 'Ended',
    litres: 'Water (L)', duration: 'Duration', amount: 'Amount', endReason: 'Ended by', result: 'Result', reason: 'Reason', latency: 'Decided in', raised: 'raised', cleared: 'cleared',
    stateRunning: 'running', stateClosed: 'closed', deviceFilter: 'Device id', deviceHint: 'all devices', apply: 'Filter', timeBilled: 'billed by time', noCard: '(no card)',
    grantedDenied: '{g} granted / {d} denied',
  },
});

const LIMIT = 50;

const litres = (ml: number): string => (ml / 1000).toFixed(1);
function duration(ms: number): string {
  const s = Math.round(ms / 1000);
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
}

export function Activity(_props: PageProps) {
  const [typed, setTyped] = useState('');
  const [deviceId, setDeviceId] = useState('');
  const load = useLoad(() => call<ActivityAnswer>('GET', '/api/activity', { query: { deviceId, limit: LIMIT } }), [deviceId], 2000);
  return (
    <div class="activity">
      <form
        class="toolbar"
        onSubmit={(e) => {
          e.preventDefault();
          setDeviceId(typed.trim());
        }}
      >
        <label>
          {T('deviceFilter')}
          <input data-testid="device-filter" value={typed} placeholder={T('deviceHint')} onInput={(e) => setTyped((e.target as HTMLInputElement).value)} />
        </label>
        <button type="submit" data-testid="apply-filter">
          {T('apply')}
        </button>
        <Updated atMs={load.updatedAtMs} />
      </form>
      <Show load={load}>
        {(a) => {
          const running = a.showers.filter((s) => s.state === 'running').length;
          const granted = a.access.filter((e) => e.granted).length;
          return (
            <>
              <div class="figures">
                <Figure label={T('openAlarms')} value={a.alarms.open.length} warn={a.alarms.open.length > 0} testId="fig-open-alarms" />
                <Figure label={T('running')} value={running} testId="fig-running" />
                <Figure label={T('access')} value={T('grantedDenied', { g: granted, d: a.access.length - granted })} testId="fig-access" />
              </div>

              <h2>{T('openAlarms')}</h2>
              <Table
                testId="open-alarms"
                rows={a.alarms.open}
                rowKey={(x) => `${x.deviceId}/${x.pointId}/${x.kind}`}
                rowClass={() => 'bad'}
                columns={[
                  { title: T('alarm'), cell: (x) => <span data-testid="alarm-kind" data-kind={x.kind}>{alarmName(x.kind)}</span> },
                  { title: T('device'), cell: (x) => x.deviceId },
                  { title: T('point'), cell: (x) => x.pointId || '—' },
                  { title: T('detail'), cell: (x) => <span class="small">{x.detail}</span> },
                  { title: T('since'), cell: (x) => when(x.deviceTimeMs) },
                ]}
              />

              <h2>{T('showers')}</h2>
              <Table
                testId="showers"
                rows={a.showers}
                rowKey={(s) => `${s.deviceId}/${s.sessionId}`}
                rowClass={(s) => (s.state === 'running' ? 'running' : '')}
                columns={[
                  { title: T('device'), cell: (s) => s.deviceId },
                  { title: T('point'), cell: (s) => s.pointId },
                  { title: T('card'), cell: (s) => <code data-testid="card">{s.cardUid}</code> },
                  { title: T('state'), cell: (s) => (s.state === 'running' ? <span class="badge warn">{T('stateRunning')}</span> : <span class="badge">{T('stateClosed')}</span>) },
                  { title: T('started'), cell: (s) => when(s.startedAtMs) },
                  { title: T('ended'), cell: (s) => when(s.endedAtMs) },
                  { title: T('litres'), class: 'num', cell: (s) => <span data-testid="litres">{litres(s.volumeMl)}</span> },
                  { title: T('duration'), class: 'num', cell: (s) => duration(s.durationMs) },
                  { title: T('amount'), class: 'num', cell: (s) => <span data-testid="amount">{yuan(s.amountFen)}</span> },
                  {
                    title: T('endReason'),
                    cell: (s) => (
                      <span data-testid="end" data-end={s.end}>
                        {s.end ? endName(s.end) : '—'}
                        {s.timeBilled && <span class="badge warn">{T('timeBilled')}</span>}
                      </span>
                    ),
                  },
                ]}
              />

              <h2>{T('access')}</h2>
              <Table
                testId="access"
                rows={a.access}
                rowKey={(e) => `${e.deviceId}#${e.seq}`}
                rowClass={(e) => (e.granted ? '' : 'warn')}
                columns={[
                  { title: T('time'), cell: (e) => when(e.deviceTimeMs) },
                  { title: T('device'), cell: (e) => e.deviceId },
                  { title: T('point'), cell: (e) => e.pointId },
                  { title: T('card'), cell: (e) => (e.cardUid ? <code data-testid="card">{e.cardUid}</code> : <span class="muted">{T('noCard')}</span>) },
                  { title: T('result'), cell: (e) => <span data-testid="result" data-granted={String(e.granted)} class={e.granted ? 'badge good' : 'badge bad'}>{e.granted ? T('granted') : T('denied')}</span> },
                  { title: T('reason'), cell: (e) => <span data-testid="reason" data-reason={e.reason}>{reasonName(e.reason)}</span> },
                  { title: T('latency'), class: 'num', cell: (e) => <span class="small">{(e.decisionLatencyUs / 1000).toFixed(1)} ms</span> },
                ]}
              />

              <h2>{T('recentAlarms')}</h2>
              <Table
                testId="recent-alarms"
                rows={a.alarms.recent}
                rowKey={(x) => `${x.deviceId}#${x.seq}`}
                rowClass={(x) => (x.active ? 'bad' : '')}
                columns={[
                  { title: T('time'), cell: (x) => when(x.deviceTimeMs) },
                  { title: T('alarm'), cell: (x) => <span data-kind={x.kind}>{alarmName(x.kind)}</span> },
                  { title: T('state'), cell: (x) => (x.active ? <span class="badge bad">{T('raised')}</span> : <span class="badge good">{T('cleared')}</span>) },
                  { title: T('device'), cell: (x) => x.deviceId },
                  { title: T('point'), cell: (x) => x.pointId || '—' },
                  { title: T('detail'), cell: (x) => <span class="small">{x.detail}</span> },
                ]}
              />
            </>
          );
        }}
      </Show>
    </div>
  );
}
