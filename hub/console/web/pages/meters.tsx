/**
 * Meters and rooms (电表与房间), for facilities: every room meter's latest reading (energy, power,
 * voltage, current, relay, comm, the room's balance and cut-off) from GET /api/meters, refreshed
 * every 1.5 s without a reload; meters that do not answer and rooms cut off are highlighted and can
 * be shown alone; a meter picked from the table shows its history as a chart (meters-chart.tsx);
 * the table (as filtered) exports as CSV.
 */
import { useState } from 'preact/hooks';
import { call, download } from '../api.js';
import { lang, strings, t, when, yuan } from '../i18n.js';
import type { PageProps } from '../pages.js';
import { Figure, Show, Table, Updated, useLoad } from '../ui.js';
import { MeterChart } from './meters-chart.js';

export interface MeterRow {
  deviceId: string;
  pointId: string;
  meterId: string;
  seq: number;
  deviceTimeMs: number;
  receivedAtMs: number;
  comm: string;
  energyWh: number;
  powerW: number;
  voltageMv: number;
  currentMa: number;
  relayClosed: boolean;
  accountId: string;
  balanceFen: number;
  cutOff: boolean;
}

const T = strings({
  zh: {
    meters: '电表', commFault: '通讯异常', cutOff: '已断电', totalPower: '当前总功率', device: '设备', point: '房间点位', meter: '电表', energy: '电量 (kWh)',
    power: '功率 (W)', voltage: '电压 (V)', current: '电流 (A)', relay: '继电器', comm: '通讯', account: '房间账户', balance: '房间余额', cut: '断电',
    readAt: '读数时间', closed: '合闸', open: '分闸', ok: '正常', supplied: '供电', chart: '曲线', chartOf: '查看 {meter} 的历史曲线', filter: '筛选设备或房间',
    onlyTrouble: '只看异常与断电', showAll: '显示全部', shown: '显示 {n} / {total} 块电表', noMeters: '尚无电表读数', selected: '已选',
    csvName: '电表读数', commText_timeout: '超时', commText_crc: '校验错误', commText_exception: '异常应答', commText_disconnected: '断开', commText_busy: '忙',
    commText_implausible: '读数异常',
  },
  en: {
    meters: 'Meters', commFault: 'Comm faults', cutOff: 'Cut off', totalPower: 'Total power now', device: 'Device', point: 'Room point', meter: 'Meter', energy: 'Energy (kWh)',
    power: 'Power (W)', voltage: 'Voltage (V)', current: 'Current (A)', relay: 'Relay', comm: 'Comm', account: 'Room account', balance: 'Room balance', cut: 'Cut off',
    readAt: 'Read at', closed: 'closed', open: 'open', ok: 'ok', supplied: 'supplied', chart: 'Chart', chartOf: 'History of {meter}', filter: 'Filter by device or room',
    onlyTrouble: 'Only faults and cut-offs', showAll: 'Show all', shown: '{n} of {total} meters shown', noMeters: 'No meter readings yet', selected: 'selected',
    csvName: 'meters', commText_timeout: 'timeout', commText_crc: 'CRC error', commText_exception: 'exception', commText_disconnected: 'disconnected', commText_busy: 'busy',
    commText_implausible: 'implausible',
  },
});

/** Rows drawn at most; the filter narrows a campus of meters down. */
const MAX_ROWS = 1000;

export const meterKey = (m: Pick<MeterRow, 'deviceId' | 'pointId' | 'meterId'>): string => `${m.deviceId}/${m.pointId}/${m.meterId}`;

export const kWh = (wh: number): string => (wh / 1000).toFixed(3);
const volts = (mv: number): string => (mv / 1000).toFixed(1);
const amps = (ma: number): string => (ma / 1000).toFixed(2);

function commText(comm: string): string {
  if (comm === 'ok') return T('ok');
  const key = `commText_${comm}` as Parameters<typeof T>[0];
  const text = T(key);
  return text === key ? comm : text;
}

const troubled = (m: MeterRow) => m.comm !== 'ok' || m.cutOff;

/** One CSV field: quoted when it holds a comma, quote or line break. */
function csvField(v: string | number | boolean): string {
  const s = String(v);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function metersCsv(rows: readonly MeterRow[]): string {
  const header = [T('device'), T('point'), T('meter'), T('energy'), T('power'), T('voltage'), T('current'), T('relay'), T('comm'), T('account'), `${T('balance')} (fen)`, T('cut'), T('readAt'), 'deviceTimeMs'];
  const lines = rows.map((m) =>
    [m.deviceId, m.pointId, m.meterId, kWh(m.energyWh), m.powerW, volts(m.voltageMv), amps(m.currentMa), m.relayClosed ? T('closed') : T('open'), m.comm, m.accountId, m.balanceFen, m.cutOff ? t('yes') : t('no'), when(m.deviceTimeMs), m.deviceTimeMs]
      .map(csvField)
      .join(','),
  );
  return [header.map(csvField).join(','), ...lines].join('\r\n') + '\r\n';
}

export function Meters(_props: PageProps) {
  const load = useLoad(() => call<{ meters: MeterRow[] }>('GET', '/api/meters'), [], 1500);
  const [filter, setFilter] = useState('');
  const [onlyTrouble, setOnlyTrouble] = useState(false);
  const [selected, setSelected] = useState<string | null>(null);
  return (
    <Show load={load}>
      {({ meters }) => {
        const needle = filter.trim().toLowerCase();
        const matching = meters.filter(
          (m) => (!onlyTrouble || troubled(m)) && (needle === '' || [m.deviceId, m.pointId, m.meterId, m.accountId].some((s) => s.toLowerCase().includes(needle))),
        );
        const rows = [...matching].sort((a, b) => Number(troubled(b)) - Number(troubled(a)) || meterKey(a).localeCompare(meterKey(b))).slice(0, MAX_ROWS);
        const picked = meters.find((m) => meterKey(m) === selected) ?? null;
        const faults = meters.filter((m) => m.comm !== 'ok').length;
        const cut = meters.filter((m) => m.cutOff).length;
        const totalW = meters.reduce((sum, m) => sum + (m.comm === 'ok' ? m.powerW : 0), 0);
        return (
          <div class="meters">
            <div class="figures">
              <Figure label={T('meters')} value={meters.length} testId="fig-meters" />
              <Figure label={T('commFault')} value={faults} warn={faults > 0} testId="fig-comm-faults" />
              <Figure label={T('cutOff')} value={cut} warn={cut > 0} testId="fig-cut-off" />
              <Figure label={T('totalPower')} value={totalW >= 10_000 ? `${(totalW / 1000).toFixed(1)} kW` : `${totalW} W`} testId="fig-power" />
            </div>
            <div class="toolbar">
              <label>
                {T('filter')}
                <input data-testid="meter-filter" value={filter} onInput={(e) => setFilter((e.target as HTMLInputElement).value)} />
              </label>
              <button type="button" data-testid="only-trouble" onClick={() => setOnlyTrouble(!onlyTrouble)}>
                {onlyTrouble ? T('showAll') : T('onlyTrouble')}
              </button>
              <button type="button" data-testid="csv" disabled={rows.length === 0} onClick={() => download(`${T('csvName')}-${new Date().toISOString().slice(0, 10)}.csv`, metersCsv(rows))}>
                {t('csv')}
              </button>
              <span class="muted small">{T('shown', { n: rows.length, total: meters.length })}</span>
              <Updated atMs={load.updatedAtMs} />
            </div>
            <Table
              testId="meters"
              rows={rows}
              empty={T('noMeters')}
              rowKey={meterKey}
              rowClass={(m) => [m.comm !== 'ok' ? 'bad' : m.cutOff ? 'warn' : '', meterKey(m) === selected ? 'selected' : ''].join(' ').trim()}
              columns={[
                { title: T('device'), cell: (m) => m.deviceId },
                { title: T('point'), cell: (m) => m.pointId },
                { title: T('meter'), cell: (m) => <span class="small">{m.meterId}</span> },
                { title: T('energy'), class: 'num', cell: (m) => <span data-testid="energy">{kWh(m.energyWh)}</span> },
                { title: T('power'), class: 'num', cell: (m) => <span data-testid="power">{m.powerW}</span> },
                { title: T('voltage'), class: 'num', cell: (m) => volts(m.voltageMv) },
                { title: T('current'), class: 'num', cell: (m) => amps(m.currentMa) },
                { title: T('relay'), cell: (m) => <span class={m.relayClosed ? 'badge good' : 'badge'} data-testid="relay">{m.relayClosed ? T('closed') : T('open')}</span> },
                { title: T('comm'), cell: (m) => <span class={m.comm === 'ok' ? 'badge good' : 'badge bad'} data-testid="comm">{commText(m.comm)}</span> },
                { title: T('account'), cell: (m) => m.accountId || '—' },
                { title: T('balance'), class: 'num', cell: (m) => <span class={m.balanceFen <= 0 ? 'error' : ''}>{yuan(m.balanceFen)}</span> },
                { title: T('cut'), cell: (m) => <span data-testid="cut-off" class={m.cutOff ? 'badge bad' : 'badge good'}>{m.cutOff ? T('cutOff') : T('supplied')}</span> },
                { title: T('readAt'), cell: (m) => <span class="small">{when(m.deviceTimeMs)}</span> },
                {
                  title: T('chart'),
                  cell: (m) => (
                    <button type="button" class={meterKey(m) === selected ? 'primary small' : 'small'} data-testid="select-meter" title={T('chartOf', { meter: m.meterId })} aria-pressed={meterKey(m) === selected} onClick={() => setSelected(meterKey(m) === selected ? null : meterKey(m))}>
                      {meterKey(m) === selected ? T('selected') : T('chart')}
                    </button>
                  ),
                },
              ]}
            />
            {picked && <MeterChart key={`${meterKey(picked)}:${lang()}`} meter={picked} onClose={() => setSelected(null)} />}
          </div>
        );
      }}
    </Show>
  );
}
