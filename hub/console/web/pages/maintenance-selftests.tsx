/**
 * Maintenance, devices and self-tests: every device with its state, a run-now remote self-test
 * (maintenance; the device command runSelfTest, all suites), and a device's self-test history,
 * newest run first, each step with PASS/FAIL/SKIP, its figure, and on a failure the likely cause
 * and the remedy. The history refreshes every 2 s, so a run asked for here appears when its steps
 * reach the hub; a self-test asked for and not yet answered shows as waiting.
 *
 * Suites and steps are named in the console's language (maintenance-selftest-names.ts). A failed
 * step's likely cause and remedy are said in the console's language from the step's diagnosis code
 * (maintenance-selftest-diagnostics.ts), with the device's own English text below them, labelled
 * 设备原文; a code the console does not know ('' from an older device) shows the device's text alone.
 * In English, and for the figure and the detail, the device's own words are shown as sent.
 */
import { useState } from 'preact/hooks';
import { call } from '../api.js';
import { lang, strings, when } from '../i18n.js';
import { can } from '../pages.js';
import { ConfirmAction, Show, Table, Updated, useLoad } from '../ui.js';
import { diagnosis } from './maintenance-selftest-diagnostics.js';
import { isKnownStep, stepName, suiteName } from './maintenance-selftest-names.js';

interface Device {
  deviceId: string;
  name: string;
  online: boolean;
  lastSeenAtMs: number | null;
  revokedAtMs: number | null;
}
interface Step {
  seq: number;
  pointId: string;
  deviceTimeMs: number;
  runId: string;
  suite: string;
  component: string;
  step: string;
  status: string;
  category: string;
  figure: string;
  detail: string;
  /** The diagnosis code of a failure ('' otherwise, or from an older device). */
  code?: string;
  cause: string;
  remedy: string;
}
interface Run {
  runId: string;
  startedAtMs: number;
  receivedAtMs: number;
  result: 'pass' | 'fail';
  summary: { steps: number; pass: number; fail: number; skip: number };
  failed: string[];
  command: { status: string; detail: string } | null;
  steps: Step[];
}
interface Command {
  commandId: string;
  action: string;
  status: string;
  detail: string;
  createdAtMs: number;
}

export const T = strings({
  zh: {
    devices: '设备', filter: '筛选设备', device: '设备', name: '名称', state: '状态', online: '在线', offline: '离线', revoked: '已吊销', lastSeen: '最后联系',
    history: '自检记录', showHistory: '自检记录', runNow: '立即自检',
    runWhat: '将向设备 {device} 下发远程自检命令（全部项目：读卡器、继电器、阀门、电表、存储、与中心通信、时钟）。正在使用的淋浴会跳过阀门测试；命令 10 分钟内有效。',
    runOffline: '该设备当前离线：命令将在它重新连接后执行（10 分钟内）。', sent: '已下发自检命令 {id}，等待设备执行…',
    historyOf: '{device} 的自检记录', noRuns: '尚无自检记录', waiting: '等待设备执行', pending: '已下发', sentState: '已送达',
    run: '自检 {id}', local: '本地自检', started: '开始于 {time}', pass: '通过', fail: '未通过', skip: '跳过', passed: '通过 {n}', failedN: '未通过 {n}', skipped: '跳过 {n}',
    answer: '设备回复：{status} {detail}', expand: '展开步骤', collapse: '收起',
    point: '点位', component: '部件', suite: '项目', step: '步骤', result: '结果', figure: '数据', category: '类别',
    detail: '说明（设备原文）', cause: '可能原因', remedy: '处理办法', original: '设备原文',
    deviceWords: '数据和说明是设备报告的原文（英文），未经翻译；可能原因和处理办法按设备报告的故障代码给出中文说明，其下小字为设备原文。', failedStep: '{component} {step}（{category}）',
  },
  en: {
    devices: 'Devices', filter: 'Filter devices', device: 'Device', name: 'Name', state: 'State', online: 'online', offline: 'offline', revoked: 'revoked', lastSeen: 'Last contact',
    history: 'Self-tests', showHistory: 'Self-tests', runNow: 'Run self-test now',
    runWhat: 'Sends device {device} a remote self-test (every suite: readers, relays, valves, meters, storage, the hub link, the clock). Showers in use skip their valve steps; the command is valid for 10 minutes.',
    runOffline: 'The device is offline now: it runs the command when it reconnects (within 10 minutes).', sent: 'Self-test {id} sent; waiting for the device…',
    historyOf: 'Self-tests of {device}', noRuns: 'No self-test yet', waiting: 'waiting for the device', pending: 'pending', sentState: 'sent',
    run: 'Self-test {id}', local: 'local self-test', started: 'started {time}', pass: 'PASS', fail: 'FAIL', skip: 'SKIP', passed: '{n} passed', failedN: '{n} failed', skipped: '{n} skipped',
    answer: 'Device answered: {status} {detail}', expand: 'Show steps', collapse: 'Hide',
    point: 'Point', component: 'Component', suite: 'Suite', step: 'Step', result: 'Result', figure: 'Figure', category: 'Category',
    detail: 'Detail (from the device)', cause: 'Likely cause (from the device)', remedy: 'Remedy (from the device)', original: 'From the device',
    deviceWords: "The figure, detail, likely cause and remedy are the device's own words, as it reported them.", failedStep: '{component} {step} ({category})',
  },
});

const stepBadge = (status: string) => (
  <span class={status === 'pass' ? 'badge good' : status === 'fail' ? 'badge bad' : 'badge'} data-testid="step-status">
    {status === 'pass' ? T('pass') : status === 'fail' ? T('fail') : status === 'skip' ? T('skip') : status}
  </span>
);

/** Most devices drawn at once (500 in the demo); the filter finds the others. */
const MAX_ROWS = 500;

export function Devices({ roles, categoryName }: { roles: readonly string[]; categoryName: (c: string) => string }) {
  const load = useLoad(() => call<{ devices: Device[] }>('GET', '/api/devices'), [], 5000);
  const [filter, setFilter] = useState('');
  const [selected, setSelected] = useState<string | null>(null);
  const [sent, setSent] = useState<{ deviceId: string; commandId: string } | null>(null);
  const maintenance = can(roles, 'maintenance');
  return (
    <>
      <h2>
        {T('devices')} <Updated atMs={load.updatedAtMs} />
      </h2>
      <Show load={load}>
        {({ devices }) => {
          const wanted = filter.trim().toLowerCase();
          const rows = devices.filter((d) => !wanted || d.deviceId.toLowerCase().includes(wanted) || d.name.toLowerCase().includes(wanted)).slice(0, MAX_ROWS);
          return (
            <>
              {devices.length > 10 && (
                <div class="toolbar">
                  <label>
                    {T('filter')}
                    <input data-testid="device-filter" value={filter} onInput={(e) => setFilter((e.target as HTMLInputElement).value)} />
                  </label>
                </div>
              )}
              <Table
                testId="devices"
                rows={rows}
                rowKey={(d) => d.deviceId}
                rowClass={(d) => (d.deviceId === selected ? 'selected' : !d.online ? 'warn' : '')}
                columns={[
                  { title: T('device'), cell: (d) => d.deviceId },
                  { title: T('name'), cell: (d) => (d.name !== d.deviceId ? d.name : '') },
                  { title: T('state'), cell: (d) => (d.revokedAtMs ? <span class="badge bad">{T('revoked')}</span> : d.online ? <span class="badge good">{T('online')}</span> : <span class="badge bad">{T('offline')}</span>) },
                  { title: T('lastSeen'), cell: (d) => when(d.lastSeenAtMs) },
                  {
                    title: '',
                    cell: (d) => (
                      <>
                        <button type="button" class="link" data-testid="show-selftests" onClick={() => setSelected(d.deviceId)}>
                          {T('showHistory')}
                        </button>
                        {maintenance && !d.revokedAtMs && (
                          <ConfirmAction
                            label={T('runNow')}
                            testId="run-selftest"
                            consequence={() => (
                              <>
                                <p>{T('runWhat', { device: d.deviceId })}</p>
                                {!d.online && <p class="warn-text">{T('runOffline')}</p>}
                              </>
                            )}
                            run={() => call<{ command: { commandId: string } }>('POST', `/api/devices/${encodeURIComponent(d.deviceId)}/commands`, { body: { runSelfTest: {} } })}
                            onDone={(answer) => {
                              setSent({ deviceId: d.deviceId, commandId: (answer as { command: { commandId: string } }).command.commandId });
                              setSelected(d.deviceId);
                            }}
                          />
                        )}
                      </>
                    ),
                  },
                ]}
              />
            </>
          );
        }}
      </Show>
      {sent && (
        <p class="ok" data-testid="selftest-sent">
          {T('sent', { id: sent.commandId })}
        </p>
      )}
      {selected && <History key={selected} deviceId={selected} categoryName={categoryName} />}
    </>
  );
}

function History({ deviceId, categoryName }: { deviceId: string; categoryName: (c: string) => string }) {
  const path = `/api/devices/${encodeURIComponent(deviceId)}`;
  const load = useLoad(
    async () => {
      const [runs, commands] = await Promise.all([call<{ runs: Run[] }>('GET', `${path}/selftests`, { query: { limit: 10 } }), call<{ commands: Command[] }>('GET', `${path}/commands`)]);
      const known = new Set(runs.runs.map((r) => r.runId));
      const waiting = commands.commands.filter((c) => c.action === 'run_self_test' && (c.status === 'pending' || c.status === 'sent') && !known.has(c.commandId));
      return { runs: runs.runs, waiting };
    },
    [deviceId],
    2000,
  );
  return (
    <section class="selftests" data-testid="selftest-history" data-device={deviceId}>
      <h2>
        {T('historyOf', { device: deviceId })} <Updated atMs={load.updatedAtMs} />
      </h2>
      <Show load={load}>
        {({ runs, waiting }) => (
          <>
            {waiting.map((c) => (
              <div class="panel run waiting" data-testid="selftest-waiting" data-run={c.commandId}>
                <strong>{T('run', { id: c.commandId })}</strong> · <span class="badge warn">{c.status === 'sent' ? T('sentState') : T('pending')}</span> {T('waiting')} · {when(c.createdAtMs)}
              </div>
            ))}
            {runs.length === 0 && waiting.length === 0 && <p class="muted">{T('noRuns')}</p>}
            {runs.map((r, i) => (
              <RunPanel key={r.runId} run={r} open={i === 0} categoryName={categoryName} />
            ))}
          </>
        )}
      </Show>
    </section>
  );
}

function RunPanel({ run: r, open, categoryName }: { run: Run; open: boolean; categoryName: (c: string) => string }) {
  const [shown, setShown] = useState(open);
  return (
    <div class={r.result === 'fail' ? 'panel run fail' : 'panel run pass'} data-testid="selftest-run" data-run={r.runId} data-result={r.result}>
      <div class="run-head">
        <strong>{r.runId === 'local' ? T('local') : T('run', { id: r.runId })}</strong>
        <span class={r.result === 'fail' ? 'badge bad' : 'badge good'} data-testid="run-result">
          {r.result === 'fail' ? T('fail') : T('pass')}
        </span>
        <span class="muted small">{T('started', { time: when(r.startedAtMs) })}</span>
        <span class="small">
          {T('passed', { n: r.summary.pass })} · {T('failedN', { n: r.summary.fail })} · {T('skipped', { n: r.summary.skip })}
        </span>
        <button type="button" class="link" data-testid="toggle-steps" onClick={() => setShown(!shown)}>
          {shown ? T('collapse') : T('expand')}
        </button>
      </div>
      {r.failed.length > 0 && (
        <p class="error small" data-testid="run-failed">
          {failedSteps(r, categoryName).join(lang() === 'en' ? '; ' : '；')}
        </p>
      )}
      {r.command && <p class="muted small">{T('answer', { status: r.command.status, detail: r.command.detail })}</p>}
      {shown && (
        <Table
          testId="selftest-steps"
          rows={r.steps}
          rowKey={(s) => String(s.seq)}
          rowClass={(s) => (s.status === 'fail' ? 'bad' : s.status === 'skip' ? 'skip' : '')}
          columns={[
            { title: T('component'), class: 'nowrap', cell: (s) => s.component },
            {
              title: T('step'),
              class: 'nowrap',
              cell: (s) => (
                <span data-testid="step-name" data-code={`${s.suite}/${s.step}`} data-known={String(isKnownStep(s.suite, s.step))} title={`${s.suite}/${s.step}`}>
                  {`${suiteName(s.suite)} / ${stepName(s.suite, s.step)}`}
                </span>
              ),
            },
            { title: T('result'), cell: (s) => stepBadge(s.status) },
            { title: T('figure'), cell: (s) => s.figure || '—' },
            { title: T('detail'), cell: (s) => s.detail },
            { title: T('cause'), cell: (s) => <Diagnosed step={s} part="cause" /> },
            { title: T('remedy'), cell: (s) => <Diagnosed step={s} part="remedy" /> },
            { title: T('category'), class: 'nowrap', cell: (s) => (s.category ? categoryName(s.category) : '') },
          ]}
        />
      )}
      {shown && (
        <p class="muted small" data-testid="device-words">
          {T('deviceWords')}
        </p>
      )}
    </div>
  );
}

/**
 * A failed step's cause or remedy: in Chinese from its code, with the device's English below (设备原文);
 * in English, or for a code this console does not know, the device's text as sent.
 */
function Diagnosed({ step: s, part }: { step: Step; part: 'cause' | 'remedy' }) {
  const own = s[part];
  const said = lang() === 'en' ? null : diagnosis(s.code ?? '', 'zh');
  if (!said) return <span data-testid={`step-${part}`} data-code={s.code ?? ''}>{own}</span>;
  return (
    <span data-testid={`step-${part}`} data-code={s.code ?? ''}>
      {said[part]}
      {own && (
        <span class="device-text muted small" data-testid={`device-${part}`}>
          {T('original')}：{own}
        </span>
      )}
    </span>
  );
}

/** The run's failed steps named in the console's language (the hub's `failed` has the codes). */
function failedSteps(r: Run, categoryName: (c: string) => string): string[] {
  const failed = r.steps.filter((s) => s.status === 'fail');
  if (failed.length === 0) return r.failed;
  return failed.map((s) => T('failedStep', { component: s.component, step: `${suiteName(s.suite)} / ${stepName(s.suite, s.step)}`, category: categoryName(s.category) }));
}
