/**
 * Self-test suites and steps named in the console's language. The device reports them as codes
 * (hardware-tests/types.ts SUITES; the steps of hardware-tests/suites/*.ts); a code this table does
 * not know (a newer device) is shown as sent. The device's own texts (detail, cause, remedy) are not
 * translated: they are shown as the device sent them, labelled as such.
 */
import { strings } from '../i18n.js';

const SUITES = strings({
  zh: { reader: '读卡器', relay: '继电器', valve: '阀门', meter: '电表', journal: '存储', hub: '中心通信', clock: '时钟' },
  en: { reader: 'Reader', relay: 'Relay', valve: 'Valve', meter: 'Meter', journal: 'Storage', hub: 'Hub link', clock: 'Clock' },
});

/** Steps by `suite/step` ("plausible" means one thing for a meter, another for the clock). */
const STEPS = strings({
  zh: {
    'reader/present': '读卡器在位',
    'reader/card': '刷卡',
    'relay/pulse': '吸合脉冲',
    'relay/feedback': '反馈触点',
    'valve/open': '开阀',
    'valve/flow': '出水流量',
    'valve/close': '关阀',
    'meter/read': '读数',
    'meter/plausible': '读数合理',
    'journal/fsync': '写入落盘',
    'journal/space': '剩余空间',
    'hub/reach': '连通',
    'hub/key': '设备密钥',
    'clock/plausible': '日期合理',
    'clock/steady': '走时稳定',
    'clock/offset': '与中心时差',
  },
  en: {
    'reader/present': 'Present',
    'reader/card': 'Card tap',
    'relay/pulse': 'Pulse',
    'relay/feedback': 'Feedback contact',
    'valve/open': 'Open',
    'valve/flow': 'Flow',
    'valve/close': 'Close',
    'meter/read': 'Read',
    'meter/plausible': 'Plausible readings',
    'journal/fsync': 'Durable writes (fsync)',
    'journal/space': 'Free space',
    'hub/reach': 'Reach',
    'hub/key': 'Device key',
    'clock/plausible': 'Plausible date',
    'clock/steady': 'Steady',
    'clock/offset': 'Offset from the hub',
  },
});

type Suite = Parameters<typeof SUITES>[0];
type StepKey = Parameters<typeof STEPS>[0];

const SUITE_CODES: readonly Suite[] = ['reader', 'relay', 'valve', 'meter', 'journal', 'hub', 'clock'];
const STEP_CODES: readonly StepKey[] = [
  'reader/present', 'reader/card', 'relay/pulse', 'relay/feedback', 'valve/open', 'valve/flow', 'valve/close', 'meter/read', 'meter/plausible',
  'journal/fsync', 'journal/space', 'hub/reach', 'hub/key', 'clock/plausible', 'clock/steady', 'clock/offset',
];

/** A suite's name, or its code when unknown. */
export function suiteName(suite: string): string {
  return (SUITE_CODES as readonly string[]).includes(suite) ? SUITES(suite as Suite) : suite;
}

/** Whether the console has a name for the step (else it shows the device's code). */
export function isKnownStep(suite: string, step: string): boolean {
  return (STEP_CODES as readonly string[]).includes(`${suite}/${step}`);
}

/** A step's name within its suite, or its code when unknown. */
export function stepName(suite: string, step: string): string {
  return isKnownStep(suite, step) ? STEPS(`${suite}/${step}` as StepKey) : step;
}
