/**
 * Overview: devices online/offline with last contact, blacklist applied vs current per device
 * (lagging rows highlighted), open alarms, and today's charges and top-ups. Refreshes every 2 s.
 */
import { useState } from 'preact/hooks';
import { call } from '../api.js';
import { strings, when, yuan } from '../i18n.js';
import type { PageProps } from '../pages.js';
import { Figure, Show, Table, Updated, useLoad } from '../ui.js';
import { alarmName } from './activity-labels.js';

interface OverviewDevice {
  deviceId: string;
  name: string;
  online: boolean;
  lastSeenAtMs: number | null;
  revoked: boolean;
  blacklist: { currentVersion: number; appliedVersion: number; appliedAtMs: number | null; lag: number };
}
interface Alarm {
  deviceId: string;
  pointId: string;
  kind: string;
  detail: string;
  seq: number;
  deviceTimeMs: number;
  receivedAtMs: number;
}
interface Total {
  count: number;
  amountFen: number;
}
export interface OverviewAnswer {
  atMs: number;
  devices: OverviewDevice[];
  counts: { devices: number; online: number; lagging: number };
  blacklistVersion: number;
  alarms: Alarm[];
  today: { date: string; charges: Total; topups: Total };
}

const T = strings({
  zh: {
    devices: '设备', online: '在线', offline: '离线', lagging: '黑名单滞后', blacklistVersion: '当前黑名单版本', alarms: '未消除告警',
    charges: '今日消费', topups: '今日充值', count: '{n} 笔', device: '设备', state: '状态', lastSeen: '最后联系', applied: '已应用版本',
    appliedAt: '应用时间', lag: '滞后', point: '点位', kind: '告警', detail: '详情', since: '发生时间', revoked: '已吊销', deviceList: '设备列表',
    showAll: '显示全部 {n} 台', showLagging: '只看滞后与离线',
  },
  en: {
    devices: 'Devices', online: 'Online', offline: 'Offline', lagging: 'Blacklist lagging', blacklistVersion: 'Current blacklist version', alarms: 'Open alarms',
    charges: "Today's charges", topups: "Today's top-ups", count: '{n} transfers', device: 'Device', state: 'State', lastSeen: 'Last contact', applied: 'Applied version',
    appliedAt: 'Applied at', lag: 'Lag', point: 'Point', kind: 'Alarm', detail: 'Detail', since: 'Raised', revoked: 'revoked', deviceList: 'Devices',
    showAll: 'Show all {n}', showLagging: 'Only lagging and offline',
  },
});

/** Rows drawn at most: 500 devices are fine, more are cut to the troubled ones first. */
const MAX_ROWS = 500;

export function Overview(_props: PageProps) {
  const load = useLoad(() => call<OverviewAnswer>('GET', '/api/overview'), [], 2000);
  const [onlyTrouble, setOnlyTrouble] = useState(false);
  return (
    <Show load={load}>
      {(o) => {
        // A revoked device never catches up (it is refused until enrolled again): not lagging.
        const lagging = (d: OverviewDevice) => !d.revoked && d.blacklist.lag > 0;
        const troubled = (d: OverviewDevice) => !d.online || lagging(d);
        // Lagging first (a lost card may still open its doors), then offline, then the rest.
        const rank = (d: OverviewDevice) => (lagging(d) ? 0 : !d.online ? 1 : 2);
        const sorted = [...o.devices].sort((a, b) => rank(a) - rank(b) || a.deviceId.localeCompare(b.deviceId));
        const rows = (onlyTrouble ? sorted.filter(troubled) : sorted).slice(0, MAX_ROWS);
        return (
          <>
            <div class="figures">
              <Figure label={T('online')} value={`${o.counts.online} / ${o.counts.devices}`} testId="fig-online" />
              <Figure label={T('offline')} value={o.counts.devices - o.counts.online} warn={o.counts.devices > o.counts.online} testId="fig-offline" />
              <Figure label={T('blacklistVersion')} value={o.blacklistVersion} testId="fig-blacklist-version" />
              <Figure label={T('lagging')} value={o.counts.lagging} warn={o.counts.lagging > 0} testId="fig-lagging" />
              <Figure label={T('alarms')} value={o.alarms.length} warn={o.alarms.length > 0} testId="fig-alarms" />
              <Figure label={`${T('charges')} · ${T('count', { n: o.today.charges.count })}`} value={yuan(o.today.charges.amountFen)} testId="fig-charges" />
              <Figure label={`${T('topups')} · ${T('count', { n: o.today.topups.count })}`} value={yuan(o.today.topups.amountFen)} testId="fig-topups" />
            </div>
            <Updated atMs={load.updatedAtMs} />
            <h2>{T('alarms')}</h2>
            <Table
              testId="alarms"
              rows={o.alarms}
              rowKey={(a) => `${a.deviceId}/${a.pointId}/${a.kind}`}
              rowClass={() => 'bad'}
              columns={[
                { title: T('device'), cell: (a) => a.deviceId },
                { title: T('point'), cell: (a) => a.pointId || '—' },
                { title: T('kind'), cell: (a) => <span data-kind={a.kind}>{alarmName(a.kind)}</span> },
                { title: T('detail'), cell: (a) => a.detail },
                { title: T('since'), cell: (a) => when(a.deviceTimeMs) },
              ]}
            />
            <h2>{T('deviceList')}</h2>
            <div class="toolbar">
              <button type="button" data-testid="only-trouble" onClick={() => setOnlyTrouble(!onlyTrouble)}>
                {onlyTrouble ? T('showAll', { n: o.devices.length }) : T('showLagging')}
              </button>
            </div>
            <Table
              testId="devices"
              rows={rows}
              rowKey={(d) => d.deviceId}
              rowClass={(d) => (lagging(d) ? 'warn' : !d.online ? 'bad' : '')}
              columns={[
                { title: T('device'), cell: (d) => (d.name && d.name !== d.deviceId ? `${d.deviceId} (${d.name})` : d.deviceId) },
                { title: T('state'), cell: (d) => (d.revoked ? <span class="badge bad">{T('revoked')}</span> : d.online ? <span class="badge good">{T('online')}</span> : <span class="badge bad">{T('offline')}</span>) },
                { title: T('lastSeen'), cell: (d) => when(d.lastSeenAtMs) },
                { title: T('applied'), class: 'num', cell: (d) => <span data-testid="applied-version">{d.blacklist.appliedVersion}</span> },
                { title: T('appliedAt'), cell: (d) => when(d.blacklist.appliedAtMs) },
                { title: T('lag'), class: 'num', cell: (d) => d.blacklist.lag },
              ]}
            />
          </>
        );
      }}
    </Show>
  );
}
