// Validation of stop conditions (the safeguards control's probes, the extension's stop-conditions):
// chaostoolkit-addons' own checks and ours, with file, line and column like every diagnostic.
import { describe, expect, it } from 'vitest';
import { parseExperimentText } from '../../src/experiment/loader.js';
import { stopConditionsOf } from '../../src/experiment/stop-conditions.js';
import { validateExperiment } from '../../src/experiment/validate.js';
import { emptyVars } from '../../src/experiment/vars.js';

function diagnose(value: Record<string, unknown>) {
  const loaded = parseExperimentText('g.json', 'json', JSON.stringify(value, null, 2));
  if (!loaded.ok) throw new Error('does not load');
  return validateExperiment(loaded.doc, { env: {}, vars: emptyVars(), findExecutable: (p) => (p === 'missing-tool' ? 'missing' : 'ok'), python: new Map() })
    .diagnostics;
}
const codes = (v: Record<string, unknown>) => diagnose(v).map((d) => `${d.severity}:${d.code}`);

const base = { title: 't', description: 'd', method: [] as unknown[] };
const guard = (extra: Record<string, unknown> = {}) => ({
  type: 'probe',
  name: 'g',
  provider: { type: 'http', url: 'http://127.0.0.1:9/' },
  tolerance: 200,
  ...extra,
});
const safeguards = (probes: unknown) => ({
  ...base,
  controls: [{ name: 'safeguard', provider: { type: 'python', module: 'chaosaddons.controls.safeguards', arguments: { probes } } }],
});
const extension = (ext: Record<string, unknown>) => ({ ...base, extensions: [{ name: 'chaos-action', ...ext }] });

describe('stop conditions in validation', () => {
  it('runs the safeguards control natively (no python3 asked about it); any other control is a python module to import', () => {
    expect(diagnose(safeguards([guard({ frequency: 1 })]))).toEqual([]);
    const mixed = safeguards([guard()]);
    mixed.controls.push({ name: 'other', provider: { type: 'python', module: 'mycontrols', arguments: { probes: [] } } });
    const checked = diagnose(mixed).filter((d) => d.code === 'python-unavailable' || d.code === 'control-module');
    expect(checked.map((d) => d.pointer)).toEqual(['/controls/1/provider/module']);
  });

  it("accepts the extension's stop-conditions and stop-conditions-frequency (no unknown-key warning)", () => {
    expect(diagnose(extension({ 'stop-conditions': [guard(), guard({ name: 'h', frequency: '500ms' })], 'stop-conditions-frequency': 2 }))).toEqual([]);
  });

  it.each([
    ['a safeguard without a tolerance', safeguards([guard({ tolerance: undefined })]), 'stop-condition-tolerance'],
    ['a safeguard that is an action', safeguards([guard({ type: 'action' })]), 'stop-condition-type'],
    ['a safeguards control without probes', safeguards([]), 'safeguards-probes'],
    ['stop-conditions that are not a list', extension({ 'stop-conditions': guard() }), 'stop-conditions-shape'],
    ['a stop condition without a provider', extension({ 'stop-conditions': [guard({ provider: undefined })] }), 'stop-condition-provider'],
    ['a frequency of 0', extension({ 'stop-conditions': [guard()], 'stop-conditions-frequency': 0 }), 'stop-condition-frequency'],
    [
      'a regex tolerance that does not compile',
      extension({ 'stop-conditions': [guard({ tolerance: { type: 'regex', pattern: '(', target: 'body' } })] }),
      'tolerance-regex',
    ],
    [
      'a process guard whose program is missing',
      extension({ 'stop-conditions': [{ type: 'probe', name: 'p', provider: { type: 'process', path: 'missing-tool' }, tolerance: 0 }] }),
      'process-path',
    ],
  ])('is an error: %s', (_name, experiment, code) => {
    expect(codes(JSON.parse(JSON.stringify(experiment)))).toContain(`error:${code}`);
  });

  it('points at the guard in the file, by line and column', () => {
    const d = diagnose(JSON.parse(JSON.stringify(extension({ 'stop-conditions': [guard({ tolerance: undefined })] })))).find(
      (x) => x.code === 'stop-condition-tolerance',
    );
    expect(d).toMatchObject({ file: 'g.json', pointer: '/extensions/0/stop-conditions/0', line: 9, column: 9 });
    expect(d?.message).toBe("stop condition is invalid as the probe 'g' is missing a tolerance property");
  });

  it('reads the modes as chaostoolkit-addons does: frequency repeats, background runs once alongside, neither runs once before', () => {
    const conditions = stopConditionsOf(
      safeguards([guard({ name: 'r', frequency: 2 }), guard({ name: 'b', background: true }), guard({ name: 'n' })]) as Record<string, unknown>,
    );
    expect(conditions.map((c) => [c.probe.name, c.mode, c.frequency, c.from])).toEqual([
      ['r', 'repeat', 2, 'experiment'],
      ['b', 'background', 0, 'experiment'],
      ['n', 'before', 0, 'experiment'],
    ]);
    const ext = stopConditionsOf(extension({ 'stop-conditions': [guard({ name: 'x' }), guard({ name: 'y', frequency: 3 })] }));
    expect(ext.map((c) => [c.probe.name, c.mode, c.frequency, c.from])).toEqual([
      ['x', 'repeat', 1, 'method'],
      ['y', 'repeat', 3, 'method'],
    ]);
  });
});
