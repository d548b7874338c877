// RTO/RPO objectives and sampling settings from the chaos-action extension, checked with positions.
import { describe, expect, it } from 'vitest';
import { parseExperimentText } from '../../src/experiment/loader.js';
import { parseDuration, recoverySettings, SAMPLE_BUDGET } from '../../src/experiment/objectives.js';
import { validateExperiment } from '../../src/experiment/validate.js';
import { emptyVars } from '../../src/experiment/vars.js';

describe('durations', () => {
  it.each([
    [30, 30],
    ['30', 30],
    ['30s', 30],
    ['500ms', 0.5],
    ['5m', 300],
    ['1h', 3600],
    ['1.5s', 1.5],
    [' 2 m ', 120],
    ['-1s', undefined],
    ['1d', undefined],
    ['fast', undefined],
    [null, undefined],
    [-3, undefined],
  ])('%j is %j seconds', (input, seconds) => {
    expect(parseDuration(input)).toBe(seconds);
  });
});

describe('the chaos-action extension', () => {
  const experiment = (ext: Record<string, unknown>) => ({ title: 't', description: 'd', method: [], extensions: [{ name: 'chaos-action', ...ext }] });

  it("reads objectives and sampling, over the run's defaults", () => {
    const { settings, problems } = recoverySettings(experiment({ objectives: { rto: '90s' }, sampling: { interval: '250ms', stable: 5 } }), {
      rto: 30,
      rpo: 0,
    });
    expect(problems).toEqual([]);
    expect(settings).toEqual({ objectives: { rto: 90, rpo: 0 }, sampling: { interval: 0.25, timeout: 2, stable: 5 } });
  });

  it('points at a malformed duration and an unknown key in the file', () => {
    const text = JSON.stringify(experiment({ objectives: { rto: 'soon', rpoo: 1 } }), null, 2);
    const loaded = parseExperimentText('x.json', 'json', text);
    if (!loaded.ok) throw new Error('does not load');
    const d = validateExperiment(loaded.doc, { env: {}, vars: emptyVars(), findExecutable: () => 'ok', python: new Map() }).diagnostics;
    expect(d.map((x) => [x.severity, x.code, x.pointer])).toEqual([
      ['error', 'extension-duration', '/extensions/0/objectives/rto'],
      ['warning', 'extension-unknown-key', '/extensions/0/objectives/rpoo'],
    ]);
    expect(d[0]?.line).toBeGreaterThan(1);
  });

  it('warns that an RPO objective without a canary cannot be measured, at the objective', () => {
    const text = JSON.stringify(experiment({ objectives: { rto: '60s', rpo: '0s' } }), null, 2);
    const loaded = parseExperimentText('x.json', 'json', text);
    if (!loaded.ok) throw new Error('does not load');
    const d = validateExperiment(loaded.doc, { env: {}, vars: emptyVars(), findExecutable: () => 'ok', python: new Map() }).diagnostics;
    expect(d.map((x) => [x.severity, x.code, x.pointer])).toEqual([['warning', 'rpo-without-canary', '/extensions/0/objectives/rpo']]);
    const withCanary = recoverySettings(experiment({ objectives: { rpo: '0s' }, canary: { postgres: { url: 'postgres://127.0.0.1/db' } } }), {});
    expect(withCanary.problems).toEqual([]);
  });

  it('says a canary without write/read providers or postgres cannot measure anything', () => {
    const loaded = parseExperimentText('x.json', 'json', JSON.stringify(experiment({ canary: { interval: '200ms' } })));
    if (!loaded.ok) throw new Error('does not load');
    const d = validateExperiment(loaded.doc, { env: {}, vars: emptyVars(), findExecutable: () => 'ok', python: new Map() }).diagnostics;
    expect(d.map((x) => [x.severity, x.code, x.pointer])).toEqual([['error', 'canary-shape', '/extensions/0/canary']]);
  });

  const diagnostics = (ext: Record<string, unknown>) => {
    const loaded = parseExperimentText('x.json', 'json', JSON.stringify(experiment(ext), null, 2));
    if (!loaded.ok) throw new Error('does not load');
    return validateExperiment(loaded.doc, { env: {}, vars: emptyVars(), findExecutable: () => 'ok', python: new Map() }).diagnostics;
  };

  it('turns recovery sampling off with sampling: false, and leaves it on with true', () => {
    expect(recoverySettings(experiment({ sampling: false })).settings.samplingOff).toBe(true);
    expect(recoverySettings(experiment({ sampling: true })).settings).not.toHaveProperty('samplingOff');
    expect(diagnostics({ sampling: false })).toEqual([]);
  });

  it('points at a sampling that is neither a mapping nor false', () => {
    const d = diagnostics({ sampling: 'off' });
    expect(d.map((x) => [x.severity, x.code, x.pointer, x.message])).toEqual([
      [
        'error',
        'extension-shape',
        '/extensions/0/sampling',
        'sampling in the chaos-action extension must be a mapping, or false to turn recovery sampling off',
      ],
    ]);
    expect(d[0]?.line).toBeGreaterThan(1);
  });

  it('warns that an RTO objective with sampling off cannot be measured, at the objective', () => {
    const d = diagnostics({ objectives: { rto: '30s' }, sampling: false });
    expect(d.map((x) => [x.severity, x.code, x.pointer])).toEqual([['warning', 'rto-without-sampling', '/extensions/0/objectives/rto']]);
  });

  it(`stretches an interval not given so that the recovery window fits in ${SAMPLE_BUDGET} samples, and keeps one given`, () => {
    // The default window (60 s) at the default interval (0.5 s) is exactly the budget.
    expect(recoverySettings(experiment({})).settings.sampling.interval).toBe(0.5);
    // RTO objective 5 min: a window of 10 min, sampled every 5 s.
    expect(recoverySettings(experiment({ objectives: { rto: '5m' } })).settings.sampling.interval).toBe(600 / SAMPLE_BUDGET);
    expect(recoverySettings(experiment({ sampling: { window: '2m' } })).settings.sampling.interval).toBe(120 / SAMPLE_BUDGET);
    // The run's default objective counts too.
    expect(recoverySettings({ title: 't', description: 'd', method: [] }, { rto: 120 }).settings.sampling.interval).toBe(240 / SAMPLE_BUDGET);
    expect(recoverySettings(experiment({ objectives: { rto: '5m' }, sampling: { interval: '1s' } })).settings.sampling.interval).toBe(1);
  });
});
