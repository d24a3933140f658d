/**
 * Blacklist: the current version and size, the recent changes (which card entered or left the list,
 * at which version and time, why; the card's state now, never its holder), and per device the version
 * it applied and when, devices lagging beyond the threshold highlighted. The threshold is the page's
 * two inputs (default: at least 1 version behind for at least 60 s; also #/blacklist?lagVersions=&lagSeconds=).
 * The card office and maintenance can push the blacklist now to every online device. Refreshes every 2 s.
 */
import { useState } from 'preact/hooks';
import { call } from '../api.js';
import { strings, when } from '../i18n.js';
import { can, type PageProps } from '../pages.js';
import { ConfirmAction, Figure, Show, Table, Updated, useLoad } from '../ui.js';
import { hashParams } from './finance-nav.js';

type CardStatus = 'active' | 'lost' | 'replaced' | 'cancelled';
type Change = 'lost' | 'found' | 'replaced' | 'cancelled';

interface BlacklistChange {
  id: number;
  version: number;
  atMs: number;
  cardUid: string;
  change: Change;
  onList: boolean | null;
  reason: 'lost' | 'replaced' | 'cancelled' | null;
  cardStatus: CardStatus | null;
}
interface BlacklistDevice {
  deviceId: string;
  name: string;
  online: boolean;
  revoked: boolean;
  lastSeenAtMs: number | null;
  appliedVersion: number;
  appliedAtMs: number | null;
  lag: number;
  behindSinceMs: number | null;
  lagging: boolean;
}
export interface BlacklistAnswer {
  atMs: number;
  version: number;
  updatedAtMs: number | null;
  size: number;
  threshold: { lagVersions: number; lagSeconds: number };
  counts: { devices: number; online: number; current: number; lagging: number };
  changes: BlacklistChange[];
  devices: BlacklistDevice[];
}
interface PushAnswer {
  version: number;
  pushedTo: string[];
  offline: string[];
}

const T = strings({
  zh: {
    version: '当前版本', size: '黑名单卡数', updatedAt: '最近变更', devicesCurrent: '已同步设备', lagging: '滞后设备',
    threshold: '滞后阈值', lagVersions: '落后版本数 ≥', lagSeconds: '持续秒数 ≥', changesShown: '显示变更条数',
    push: '立即推送', pushWhat: '将黑名单第 {version} 版立即推送到全部 {n} 台在线设备，已是最新版本的设备不会收到重复数据。',
    pushOffline: '离线的 {n} 台设备（{ids}）将在重新连接时自动同步。', pushNone: '当前没有在线设备，推送不会发往任何设备。',
    pushedTo: '已推送第 {version} 版至：{ids}', pushedNone: '已推送第 {version} 版：没有在线设备', stillOffline: '离线（重连后同步）：{ids}',
    devices: '各设备应用情况', changes: '最近变更', device: '设备', state: '状态', online: '在线', offline: '离线', revoked: '已吊销',
    applied: '已应用版本', appliedAt: '应用时间', lag: '落后', behindSince: '落后起始', laggingBadge: '滞后', behindBadge: '同步中', currentBadge: '最新',
    changeVersion: '版本', changeAt: '时间', card: '卡号 (UID)', what: '变更', list: '黑名单', reason: '原因', statusNow: '卡片当前状态',
    entered: '列入', left: '移出',
    c_lost: '挂失', c_found: '解挂', c_replaced: '补卡（旧卡作废）', c_cancelled: '销户注销',
    r_lost: '丢失', r_replaced: '已补换', r_cancelled: '已注销',
    s_active: '正常', s_lost: '挂失中', s_replaced: '已补换（永久禁用）', s_cancelled: '已注销（永久禁用）',
    noChanges: '黑名单尚无变更', noDevices: '尚无登记设备', thresholdHint: '落后达到版本数且持续超过秒数的设备标红',
    versions: '{n} 版',
  },
  en: {
    version: 'Current version', size: 'Cards on the list', updatedAt: 'Last change', devicesCurrent: 'Devices current', lagging: 'Devices lagging',
    threshold: 'Lag threshold', lagVersions: 'Versions behind ≥', lagSeconds: 'For seconds ≥', changesShown: 'Changes shown',
    push: 'Push now', pushWhat: 'Version {version} of the blacklist is pushed now to all {n} online devices; a device already holding it gets nothing again.',
    pushOffline: 'The {n} offline devices ({ids}) catch up when they reconnect.', pushNone: 'No device is online: the push goes nowhere.',
    pushedTo: 'Version {version} pushed to: {ids}', pushedNone: 'Version {version} pushed: no device online', stillOffline: 'Offline (catch up on reconnect): {ids}',
    devices: 'Devices', changes: 'Recent changes', device: 'Device', state: 'State', online: 'Online', offline: 'Offline', revoked: 'Revoked',
    applied: 'Applied version', appliedAt: 'Applied at', lag: 'Behind', behindSince: 'Behind since', laggingBadge: 'lagging', behindBadge: 'catching up', currentBadge: 'current',
    changeVersion: 'Version', changeAt: 'Time', card: 'Card UID', what: 'Change', list: 'Blacklist', reason: 'Reason', statusNow: 'Card state now',
    entered: 'added', left: 'removed',
    c_lost: 'reported lost', c_found: 'found', c_replaced: 'replaced (old card void)', c_cancelled: 'holder cancelled',
    r_lost: 'lost', r_replaced: 'replaced', r_cancelled: 'cancelled',
    s_active: 'active', s_lost: 'lost', s_replaced: 'replaced (denied for ever)', s_cancelled: 'cancelled (denied for ever)',
    noChanges: 'No change to the blacklist yet', noDevices: 'No device registered', thresholdHint: 'Devices behind by that many versions for that long are shown in red',
    versions: '{n} versions',
  },
});

/** Rows drawn at most: the lagging first, so 500 devices are all shown and more are cut to the troubled. */
const MAX_ROWS = 500;

/** A whole number from the page's address (#/blacklist?lagSeconds=0), else the default. */
function hashParam(name: string, fallback: number, min: number): number {
  const text = hashParams().get(name) ?? '';
  return /^\d+$/.test(text) && Number(text) >= min ? Number(text) : fallback;
}

/** A whole-number input that applies only valid values (the last valid one stays in force). */
function NumberInput({ label, value, min, max, onValue, testId }: { label: string; value: number; min: number; max: number; onValue: (n: number) => void; testId: string }) {
  const [text, setText] = useState(String(value));
  const valid = /^\d+$/.test(text) && Number(text) >= min && Number(text) <= max;
  return (
    <label>
      {label}
      <input
        type="number" min={min} max={max} step={1} value={text} data-testid={testId} class={valid ? '' : 'invalid'}
        onInput={(e) => {
          const next = (e.target as HTMLInputElement).value;
          setText(next);
          if (/^\d+$/.test(next) && Number(next) >= min && Number(next) <= max) onValue(Number(next));
        }}
      />
    </label>
  );
}

export function Blacklist(props: PageProps) {
  const [lagVersions, setLagVersions] = useState(() => hashParam('lagVersions', 1, 1));
  const [lagSeconds, setLagSeconds] = useState(() => hashParam('lagSeconds', 60, 0));
  const [changes, setChanges] = useState(50);
  const [pushed, setPushed] = useState<PushAnswer | null>(null);
  const load = useLoad(() => call<BlacklistAnswer>('GET', '/api/blacklist', { query: { changes, lagVersions, lagSeconds } }), [changes, lagVersions, lagSeconds], 2000);
  const mayPush = can(props.roles, 'card_office', 'maintenance');
  return (
    <Show load={load}>
      {(b) => {
        const rank = (d: BlacklistDevice) => (d.lagging ? 0 : d.lag > 0 ? 1 : !d.online && !d.revoked ? 2 : 3);
        const rows = [...b.devices].sort((x, y) => rank(x) - rank(y) || x.deviceId.localeCompare(y.deviceId)).slice(0, MAX_ROWS);
        const online = b.devices.filter((d) => d.online).map((d) => d.deviceId);
        const offline = b.devices.filter((d) => !d.online && !d.revoked).map((d) => d.deviceId);
        const list = (ids: string[]) => (ids.length > 8 ? `${ids.slice(0, 8).join(', ')} …` : ids.join(', '));
        return (
          <>
            <div class="figures">
              <Figure label={T('version')} value={b.version} testId="fig-version" />
              <Figure label={T('size')} value={b.size} testId="fig-size" />
              <Figure label={T('updatedAt')} value={<span class="small">{when(b.updatedAtMs)}</span>} testId="fig-updated" />
              <Figure label={T('devicesCurrent')} value={`${b.counts.current} / ${b.counts.devices}`} testId="fig-current" />
              <Figure label={T('lagging')} value={b.counts.lagging} warn={b.counts.lagging > 0} testId="fig-lagging" />
            </div>
            <div class="toolbar blacklist-toolbar">
              <span class="muted small threshold-title" title={T('thresholdHint')}>{T('threshold')}</span>
              <NumberInput label={T('lagVersions')} value={lagVersions} min={1} max={1_000_000} onValue={setLagVersions} testId="lag-versions" />
              <NumberInput label={T('lagSeconds')} value={lagSeconds} min={0} max={7 * 86_400} onValue={setLagSeconds} testId="lag-seconds" />
              <label>
                {T('changesShown')}
                <select data-testid="changes-limit" value={String(changes)} onChange={(e) => setChanges(Number((e.target as HTMLSelectElement).value))}>
                  {[20, 50, 200, 500].map((n) => (
                    <option value={String(n)}>{n}</option>
                  ))}
                </select>
              </label>
              {mayPush && (
                <ConfirmAction
                  label={T('push')}
                  testId="push"
                  consequence={() => (
                    <>
                      <p>{online.length > 0 ? T('pushWhat', { version: b.version, n: online.length }) : T('pushNone')}</p>
                      {online.length > 0 && <p class="small">{list(online)}</p>}
                      {offline.length > 0 && <p class="muted small">{T('pushOffline', { n: offline.length, ids: list(offline) })}</p>}
                    </>
                  )}
                  run={() => call<PushAnswer>('POST', '/api/blacklist/push')}
                  onDone={(result) => {
                    setPushed(result as PushAnswer);
                    load.reload();
                  }}
                />
              )}
              <Updated atMs={load.updatedAtMs} />
            </div>
            {pushed && (
              <div class="panel push-result" data-testid="push-result">
                <div data-testid="pushed-to">{pushed.pushedTo.length > 0 ? T('pushedTo', { version: pushed.version, ids: pushed.pushedTo.join(', ') }) : T('pushedNone', { version: pushed.version })}</div>
                {pushed.offline.length > 0 && <div class="muted small" data-testid="push-offline">{T('stillOffline', { ids: pushed.offline.join(', ') })}</div>}
              </div>
            )}
            <h2>{T('devices')}</h2>
            <Table
              testId="devices"
              rows={rows}
              rowKey={(d) => d.deviceId}
              rowClass={(d) => (d.lagging ? 'bad lagging' : d.lag > 0 ? 'warn' : '')}
              empty={T('noDevices')}
              columns={[
                { title: T('device'), cell: (d) => (d.name && d.name !== d.deviceId ? `${d.deviceId} (${d.name})` : d.deviceId) },
                {
                  title: T('state'),
                  cell: (d) => (d.revoked ? <span class="badge">{T('revoked')}</span> : d.online ? <span class="badge good">{T('online')}</span> : <span class="badge bad">{T('offline')}</span>),
                },
                { title: T('applied'), class: 'num', cell: (d) => <span data-testid="applied-version">{d.appliedVersion}</span> },
                { title: T('appliedAt'), cell: (d) => <span data-testid="applied-at">{when(d.appliedAtMs)}</span> },
                {
                  title: T('lag'),
                  class: 'num',
                  cell: (d) => (
                    <>
                      <span data-testid="lag">{d.lag}</span>{' '}
                      {d.lagging ? <span class="badge bad" data-testid="lagging">{T('laggingBadge')}</span> : d.lag > 0 ? <span class="badge warn">{T('behindBadge')}</span> : <span class="badge good">{T('currentBadge')}</span>}
                    </>
                  ),
                },
                { title: T('behindSince'), cell: (d) => when(d.behindSinceMs) },
              ]}
            />
            <h2>{T('changes')}</h2>
            <Table
              testId="changes"
              rows={b.changes}
              rowKey={(c) => String(c.id)}
              empty={T('noChanges')}
              columns={[
                { title: T('changeVersion'), class: 'num', cell: (c) => c.version },
                { title: T('changeAt'), cell: (c) => when(c.atMs) },
                { title: T('card'), cell: (c) => <code data-testid="card-uid">{c.cardUid}</code> },
                { title: T('what'), cell: (c) => <span data-testid="change">{T(`c_${c.change}`)}</span> },
                {
                  title: T('list'),
                  cell: (c) => (c.onList === null ? '—' : c.onList ? <span class="badge bad">{T('entered')}</span> : <span class="badge good">{T('left')}</span>),
                },
                { title: T('reason'), cell: (c) => (c.reason ? T(`r_${c.reason}`) : '—') },
                { title: T('statusNow'), cell: (c) => (c.cardStatus ? <span class={c.cardStatus === 'active' ? 'badge good' : 'badge'}>{T(`s_${c.cardStatus}`)}</span> : '—') },
              ]}
            />
          </>
        );
      }}
    </Show>
  );
}
