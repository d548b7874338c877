// Warnings: what Chaos Toolkit silently ignores or misjudges. Each rule, both ways.
import { describe, expect, it } from 'vitest';
import { parseExperimentText } from '../../src/experiment/loader.js';
import { validateExperiment } from '../../src/experiment/validate.js';
import { emptyVars } from '../../src/experiment/vars.js';

function diagnose(value: Record<string, unknown>) {
  const loaded = parseExperimentText('w.json', 'json', JSON.stringify(value, null, 2));
  if (!loaded.ok) throw new Error('does not load');
  return validateExperiment(loaded.doc, { env: {}, vars: emptyVars(), findExecutable: () => 'ok', python: new Map() }).diagnostics;
}

const base = { title: 't', description: 'd', method: [] as unknown[] };
const httpProbe = (tolerance: unknown) => ({
  ...base,
  'steady-state-hypothesis': { title: 'h', probes: [{ type: 'probe', name: 'p', tolerance, provider: { type: 'http', url: 'http://127.0.0.1:9/' } }] },
});
const codes = (v: Record<string, unknown>) => diagnose(v).map((d) => `${d.severity}:${d.code}`);

describe('warnings', () => {
  it.each([
    ['a boolean tolerance on an http probe is never met', httpProbe(true), 'tolerance-never-met'],
    ['a string tolerance on an http probe is never met', httpProbe('ok'), 'tolerance-never-met'],
    ['[200, 299] on an http probe is two codes, not a range', httpProbe([200, 299]), 'tolerance-list-is-membership'],
    [
      'a probe tolerance on an http probe is always met',
      httpProbe({ type: 'probe', name: 'j', provider: { type: 'http', url: 'http://127.0.0.1:9/judge', arguments: {} } }),
      'tolerance-always-met',
    ],
    ['an unknown key is ignored', { ...base, titel: 'x' }, 'unknown-key'],
    [
      'a tolerance on a method activity is never checked',
      { ...base, method: [{ type: 'probe', name: 'm', tolerance: 200, provider: { type: 'http', url: 'http://127.0.0.1:9/' } }] },
      'tolerance-ignored',
    ],
    ['controls are not applied', { ...base, controls: [{ name: 'c', provider: { type: 'python', module: 'x' } }] }, 'controls-ignored'],
    ['a dry key in the file is ignored', { ...base, dry: 'actions' }, 'dry-ignored'],
    ['the continously spelling is deprecated', { ...base, runtime: { hypothesis: { strategy: 'continously' } } }, 'strategy-spelling'],
    [
      '${name} that nothing defines is left as written',
      { ...base, method: [{ type: 'action', name: 'a', provider: { type: 'http', url: 'http://${host}/' } }] },
      'substitution-undefined',
    ],
    [
      'process arguments as a mapping are deprecated',
      { ...base, method: [{ type: 'action', name: 'a', provider: { type: 'process', path: 'true', arguments: { '-v': '' } } }] },
      'process-arguments-dict',
    ],
  ])('%s', (_name, experiment, code) => {
    expect(codes(experiment)).toContain(`warning:${code}`);
    expect(codes(experiment).filter((c) => c.startsWith('error:'))).toEqual([]);
  });

  it.each([
    ['an integer tolerance on an http probe', httpProbe(200)],
    ['[200, 503] on an http probe (meant as two codes)', httpProbe([200, 503])],
    ['a regex with a target', httpProbe({ type: 'regex', pattern: 'ok', target: 'body' })],
    [
      '${name} that the configuration defines',
      { ...base, configuration: { host: 'h' }, method: [{ type: 'action', name: 'a', provider: { type: 'http', url: 'http://${host}/' } }] },
    ],
    [
      '$VAR in a shell string (left for the shell)',
      { ...base, method: [{ type: 'action', name: 'a', provider: { type: 'process', path: 'sh', arguments: '-c "echo ${HOME}"' } }] },
    ],
  ])('no warning for %s', (_name, experiment) => {
    expect(diagnose(experiment)).toEqual([]);
  });

  it('suggests the key that was probably meant', () => {
    const d = diagnose({ ...base, rollback: [] }).find((x) => x.code === 'unknown-key');
    expect(d?.hint).toBe('did you mean "rollbacks"?');
    expect([d?.line, d?.column]).toEqual([5, 3]);
  });
});
