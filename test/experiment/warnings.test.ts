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

  describe('shell syntax in a process arguments list (it runs without a shell)', () => {
    const action = (path: string, args: unknown) => ({
      ...base,
      method: [{ type: 'action', name: 'a', provider: { type: 'process', path, arguments: args } }],
    });
    const shellWarnings = (v: Record<string, unknown>) => diagnose(v).filter((d) => d.code === 'process-arguments-shell');

    it.each([
      ['a command substitution', 'kill', ['$(cat /tmp/pid)'], 'a command substitution, $(…)'],
      ['an embedded command substitution', 'aws', ['ec2', 'stop-instances', '--instance-ids=$(cat id)'], 'a command substitution, $(…)'],
      ['backticks', 'kill', ['`cat /tmp/pid`'], 'a command substitution, `…`'],
      ['a pipe', 'ps', ['aux', '|', 'grep', 'x'], 'the shell operator |'],
      ['a redirection', 'echo', ['x', '>', '/tmp/out'], 'the shell operator >'],
      ['an input redirection', 'wc', ['-l', '<', '/tmp/in'], 'the shell operator <'],
      ['a redirection stuck to its file', 'cp', ['a', 'b', '2>/dev/null'], 'a redirection'],
      ['&&', 'true', ['&&', 'false'], 'the shell operator &&'],
      ['||', 'true', ['x||y'], 'a list of commands, && or ||'],
      ['a semicolon', 'true', [';', 'false'], 'the shell operator ;'],
    ])('warns about %s', (_name, path, args, what) => {
      const found = shellWarnings(action(path, args));
      expect(found).toHaveLength(1);
      expect(found[0]?.severity).toBe('warning');
      expect(found[0]?.message).toContain(`(${what})`);
      expect(found[0]?.hint).toContain('path: sh and arguments: ["-c", "…"]');
    });

    it('points at the argument itself', () => {
      const [d] = shellWarnings(action('cp', ['backup', 'live', '2>/dev/null']));
      expect(d?.pointer).toBe('/method/0/provider/arguments/2');
      // JSON.stringify(…, null, 2): the list's third item is on line 14, column 11.
      expect([d?.line, d?.column]).toEqual([14, 11]);
    });

    it.each([
      ['a shell given the command line', 'sh', ['-c', 'kill $(cat /tmp/pid) && echo done > /tmp/out']],
      ['a shell started through another program', 'timeout', ['5', 'bash', '-c', 'a | b']],
      ['code for node', 'node', ['-e', 'if (a > 1 && b) console.log(`x`)']],
      ['the code after -c of any program', 'kubectl', ['exec', 'pod', '-c', 'a || b']],
      ['an awk program', 'awk', ['$(NF-1) > 0 && $2 < 5', 'file']],
      ["find's -exec terminator", 'find', ['.', '-name', '*.tmp', '-exec', 'rm', '{}', ';']],
      ['a version constraint', 'pip', ['install', 'requests', '>=2.0']],
      ['arguments as one string (Chaos Toolkit runs it through /bin/sh)', 'cp', 'a b 2>/dev/null'],
    ])('no warning for %s', (_name, path, args) => {
      expect(shellWarnings(action(path, args))).toEqual([]);
    });
  });
});
