/**
 * A room meter's history as a chart (uPlot): energy (kWh, left axis) and power (W, right axis) over
 * the last hour, day or week, from GET /api/meters/history. The hour shows every reading, refreshed
 * every 5 s; the day (5 min buckets) and the week (30 min buckets) one point per bucket thinned by
 * the hub (the bucket's last energy and its peak power), refreshed every 30 s and every minute, so
 * the whole range shows. Readings (buckets) the meter did not answer are gaps, not zeros.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import uPlot from 'uplot';
import { call } from '../api.js';
import { lang, strings, t, when } from '../i18n.js';
import { Show, useLoad } from '../ui.js';
import type { MeterRow } from './meters.js';

interface Reading {
  seq: number;
  deviceTimeMs: number;
  comm: string;
  energyWh: number;
  powerW: number;
  /** Of a bucket (day and week ranges): its peak power and how many readings it held. */
  maxPowerW?: number;
  readingCount?: number;
}
interface History {
  readings: Reading[];
  truncated: boolean;
}

const T = strings({
  zh: {
    title: '{meter} 历史曲线', time: '时间', energy: '电量 (kWh)', power: '功率 (W)', hour: '近 1 小时', day: '近 24 小时', week: '近 7 天', none: '该时段没有读数',
    used: '时段内用电 {kwh} kWh', readings: '{n} 条读数', truncated: '（只显示最近 {n} 条）', from: '自 {time}',
    peak: '峰值功率 (W)', buckets: '每 {min} 分钟一点', bucketsTruncated: '（只显示最近的部分）',
  },
  en: {
    title: 'History of {meter}', time: 'Time', energy: 'Energy (kWh)', power: 'Power (W)', hour: 'Last hour', day: 'Last 24 h', week: 'Last 7 days', none: 'No readings in this range',
    used: '{kwh} kWh used in the range', readings: '{n} readings', truncated: ' (the latest {n} only)', from: 'since {time}',
    peak: 'Peak power (W)', buckets: 'one point per {min} min', bucketsTruncated: ' (the latest part only)',
  },
});

const RANGES = { hour: 3600_000, day: 86_400_000, week: 7 * 86_400_000 } as const;
type Range = keyof typeof RANGES;
/** Per range: the hub's bucket (none: every reading) and how often the chart asks again. */
const BUCKET_MS: Record<Range, number | undefined> = { hour: undefined, day: 5 * 60_000, week: 30 * 60_000 };
const REFRESH_MS: Record<Range, number> = { hour: 5000, day: 30_000, week: 60_000 };
const LIMIT = 2000;

export function MeterChart({ meter, onClose }: { meter: MeterRow; onClose: () => void }) {
  const [range, setRange] = useState<Range>('hour');
  const load = useLoad(
    () =>
      call<History>('GET', '/api/meters/history', {
        query: {
          deviceId: meter.deviceId, pointId: meter.pointId, meterId: meter.meterId, fromMs: Date.now() - RANGES[range], limit: LIMIT,
          ...(BUCKET_MS[range] !== undefined ? { bucketMs: BUCKET_MS[range] } : {}),
        },
      }),
    [meter.deviceId, meter.pointId, meter.meterId, range],
    REFRESH_MS[range],
  );
  const bucketMs = BUCKET_MS[range];
  return (
    <section class="panel meter-chart" data-testid="meter-chart" data-key={`${meter.deviceId}/${meter.pointId}/${meter.meterId}`}>
      <div class="toolbar">
        <h2>{T('title', { meter: `${meter.deviceId} / ${meter.pointId}` })}</h2>
        {(Object.keys(RANGES) as Range[]).map((r) => (
          <button type="button" class={r === range ? 'primary' : ''} data-testid={`range-${r}`} onClick={() => setRange(r)}>
            {T(r)}
          </button>
        ))}
        <button type="button" class="link" data-testid="close-chart" onClick={onClose}>
          {t('close')}
        </button>
      </div>
      <Show load={load}>
        {(h) => {
          const good = h.readings.filter((r) => r.comm === 'ok');
          const first = good[0];
          const last = good[good.length - 1];
          const count = bucketMs === undefined ? h.readings.length : h.readings.reduce((n, r) => n + (r.readingCount ?? 1), 0);
          return (
            <>
              <p class="muted small" data-testid="chart-summary">
                {T('readings', { n: count })}
                {bucketMs !== undefined ? ` · ${T('buckets', { min: bucketMs / 60_000 })}` : ''}
                {h.truncated ? (bucketMs === undefined ? T('truncated', { n: LIMIT }) : T('bucketsTruncated')) : ''}
                {first && last ? ` · ${T('from', { time: when(first.deviceTimeMs) })} · ${T('used', { kwh: ((last.energyWh - first.energyWh) / 1000).toFixed(3) })}` : ''}
              </p>
              {h.readings.length === 0 ? <p class="muted">{T('none')}</p> : <Plot key={bucketMs === undefined ? 'all' : 'buckets'} readings={h.readings} peak={bucketMs !== undefined} />}
            </>
          );
        }}
      </Show>
    </section>
  );
}

/** A time axis label in the console's language: the time of day, with the date when the range spans days. */
function timeTick(seconds: number, spanSeconds: number): string {
  const d = new Date(seconds * 1000);
  const locale = lang() === 'en' ? 'en-GB' : 'zh-CN';
  if (spanSeconds > 86_400) return d.toLocaleString(locale, { month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hour12: false });
  return d.toLocaleTimeString(locale, { hour: '2-digit', minute: '2-digit', ...(spanSeconds < 600 ? { second: '2-digit' } : {}), hour12: false });
}

/**
 * The columns uPlot draws: time in seconds, energy in kWh and power in W (a bucket's peak), null
 * where the meter did not answer (a bucket: not once).
 */
function columns(readings: readonly Reading[]): uPlot.AlignedData {
  const xs = readings.map((r) => r.deviceTimeMs / 1000);
  const energy = readings.map((r) => (r.comm === 'ok' ? r.energyWh / 1000 : null));
  const power = readings.map((r) => (r.comm === 'ok' ? (r.maxPowerW ?? r.powerW) : null));
  return [xs, energy, power];
}

function Plot({ readings, peak }: { readings: readonly Reading[]; peak: boolean }) {
  const box = useRef<HTMLDivElement>(null);
  const plot = useRef<uPlot | null>(null);

  useEffect(() => {
    const el = box.current;
    if (!el) return;
    const width = () => Math.max(320, el.clientWidth);
    const options: uPlot.Options = {
      width: width(),
      height: 280,
      scales: { x: { time: true }, kWh: { auto: true }, W: { auto: true, range: (_u, min, max) => [Math.min(0, min), Math.max(max, 1) * 1.1] } },
      series: [
        { label: T('time'), value: (_u, v) => (v === null ? '—' : when(v * 1000)) },
        { label: T('energy'), scale: 'kWh', stroke: '#0b5cad', width: 2, value: (_u, v) => (v === null ? '—' : v.toFixed(3)) },
        { label: T(peak ? 'peak' : 'power'), scale: 'W', stroke: '#b35c00', width: 1.5, value: (_u, v) => (v === null ? '—' : String(Math.round(v))) },
      ],
      axes: [
        { space: 90, values: (u, ticks) => ticks.map((v) => timeTick(v, (u.scales.x?.max ?? 0) - (u.scales.x?.min ?? 0))) },
        { scale: 'kWh', label: T('energy'), size: 70, values: (_u, ticks) => ticks.map((v) => v.toFixed(2)) },
        { scale: 'W', label: T(peak ? 'peak' : 'power'), side: 1, size: 60, grid: { show: false } },
      ],
    };
    plot.current = new uPlot(options, columns(readings), el);
    const resize = new ResizeObserver(() => plot.current?.setSize({ width: width(), height: 280 }));
    resize.observe(el);
    return () => {
      resize.disconnect();
      plot.current?.destroy();
      plot.current = null;
    };
  }, []);

  useEffect(() => {
    plot.current?.setData(columns(readings));
  }, [readings]);

  return <div class="chart" ref={box} data-testid="chart" />;
}
