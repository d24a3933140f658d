/**
 * The console's table of self-test diagnoses (hub/console/web/pages/maintenance-selftest-diagnostics.ts)
 * covers every failure code the device sets: each `code: '...'` of hardware-tests/suites/*.ts and
 * hardware-tests/context.ts has a cause and a remedy in Chinese and in English, and the table holds
 * no code the device never sends.
 */
import { strict as assert } from 'node:assert';
import { readdir, readFile } from 'node:fs/promises';
import { DIAGNOSES, diagnosis } from '../../hub/console/web/pages/maintenance-selftest-diagnostics.js';

/** Every diagnosis code set in the suites: the slugs (lower case, with an underscore) in the expression after `code:`. */
async function deviceCodes(): Promise<string[]> {
  const files = [
    ...(await readdir(new URL('../../hardware-tests/suites/', import.meta.url))).filter((f) => f.endsWith('.ts')).map((f) => new URL(`../../hardware-tests/suites/${f}`, import.meta.url)),
    new URL('../../hardware-tests/context.ts', import.meta.url),
  ];
  const found = new Set<string>();
  for (const file of files) {
    const source = await readFile(file, 'utf8');
    for (const m of source.matchAll(/\bcode: ([^,\n]+)/g)) {
      for (const lit of m[1]!.matchAll(/'([^']*)'/g)) if (/^[a-z]+(_[a-z0-9]+)+$/.test(lit[1]!)) found.add(lit[1]!);
    }
  }
  return [...found].sort();
}

describe('self-test diagnoses in the console', () => {
  it('every failure code the suites set has a cause and a remedy in Chinese and English, and no code is unused', async () => {
    const codes = await deviceCodes();
    assert.ok(codes.length >= 40, `codes found: ${codes.join(', ')}`);
    for (const code of ['relay_stuck_closed', 'relay_no_feedback', 'meter_crc', 'meter_silent', 'clock_offset', 'hub_refused', 'hub_dns', 'meter_no_voltage', 'storage_full', 'step_error']) assert.ok(codes.includes(code), code);
    for (const code of codes) {
      const d = DIAGNOSES[code];
      assert.ok(d, `no diagnosis for ${code}`);
      for (const language of ['zh', 'en'] as const) {
        assert.ok(d[language].cause.trim() && d[language].remedy.trim(), `${code} ${language}`);
      }
      assert.match(d.zh.cause + d.zh.remedy, /[\u4e00-\u9fff]/, `${code}: the Chinese is Chinese`);
    }
    assert.deepEqual(Object.keys(DIAGNOSES).sort(), codes, 'the table holds exactly the codes the device sets');
  });

  it("an unknown code or '' has no diagnosis (the page falls back to the device's text)", () => {
    assert.equal(diagnosis('', 'zh'), null);
    assert.equal(diagnosis('kettle_boiled_dry', 'zh'), null);
    assert.equal(diagnosis('toString', 'zh'), null);
    assert.match(diagnosis('meter_crc', 'zh')!.cause, /CRC 校验/);
  });
});
