// The canary block of the chaos-action extension, checked with positions: write/read must be http
// or process providers, or postgres: {url}; interval and timeout are durations.
import { describe, expect, it } from 'vitest';
import { parseExperimentText } from '../../src/experiment/loader.js';
import { recoverySettings } from '../../src/experiment/objectives.js';
import { validateExperiment } from '../../src/experiment/validate.js';
import type { ExecutableFinder } from '../../src/experiment/executables.js';
import { emptyVars } from '../../src/experiment/vars.js';

const experiment = (canary: unknown, extra: Record<string, unknown> = {}) => ({
  title: 't',
  description: 'd',
  method: [],
  ...extra,
  extensions: [{ name: 'chaos-action', canary }],
});
const write = { type: 'http', method: 'POST', url: 'http://127.0.0.1:1/records', arguments: { seq: '${canary_seq}', ts: '${canary_ts}' } };
const read = { type: 'process', path: 'cat', arguments: ['records.json'] };

function problems(canary: unknown) {
  return recoverySettings(experiment(canary)).problems.map((p) => [p.severity, p.code, p.pointer, p.message]);
}

function diagnostics(doc: Record<string, unknown>, findExecutable: ExecutableFinder = () => 'ok') {
  const loaded = parseExperimentText('x.json', 'json', JSON.stringify(doc, null, 2));
  if (!loaded.ok) throw new Error('does not load');
  return validateExperiment(loaded.doc, { env: {}, vars: emptyVars(), findExecutable, python: new Map() }).diagnostics;
}

describe('the canary block', () => {
  it('reads write and read providers with their interval and timeout', () => {
    const { settings, problems: p } = recoverySettings(experiment({ write, read, interval: '200ms', timeout: '1s' }));
    expect(p).toEqual([]);
    expect(settings.canary).toEqual({ kind: 'providers', write, read, interval: 0.2, timeout: 1, readWindow: 60 });
  });

  it('reads the built-in PostgreSQL canary, with the default interval and timeout', () => {
    expect(recoverySettings(experiment({ postgres: { url: '${db_url}' } })).settings.canary).toEqual({
      kind: 'postgres',
      url: '${db_url}',
      interval: 0.5,
      timeout: 2,
      readWindow: 60,
    });
  });

  it('retries the read for the recovery window: the sampling window, or the larger of twice the RTO objective and 60 s', () => {
    const canary = { postgres: { url: '${db_url}' } };
    const windowOf = (ext: Record<string, unknown>, defaults = {}) =>
      recoverySettings({ title: 't', method: [], extensions: [{ name: 'chaos-action', canary, ...ext }] }, defaults).settings.canary?.readWindow;
    expect(windowOf({ objectives: { rto: '45s' } })).toBe(90);
    expect(windowOf({ objectives: { rto: '10s' } })).toBe(60);
    expect(windowOf({}, { rto: 120 })).toBe(240);
    expect(windowOf({ objectives: { rto: '10m' }, sampling: { window: '5s' } })).toBe(5);
  });

  it('refuses a canary interval under 50 ms, at the interval, with a hint', () => {
    const { problems: p } = recoverySettings(experiment({ write, read, interval: '10ms' }));
    expect(p).toEqual([
      {
        severity: 'error',
        code: 'canary-interval',
        pointer: '/extensions/0/canary/interval',
        message: 'interval is "10ms": the canary writes at most every 50 ms',
        hint: 'a duration of "50ms" or more, such as "200ms": each tick writes one record, and the report keeps every write',
      },
    ]);
    expect(problems({ write, read, interval: 0 })).toEqual([
      ['error', 'canary-interval', '/extensions/0/canary/interval', 'interval is 0: the canary writes at most every 50 ms'],
    ]);
    expect(recoverySettings(experiment({ write, read, interval: '50ms' })).problems).toEqual([]);
    const [d] = diagnostics(experiment({ write, read, interval: 0.01 }));
    expect(d).toMatchObject({ severity: 'error', code: 'canary-interval', pointer: '/extensions/0/canary/interval' });
    expect(d?.line).toBeGreaterThan(5);
  });

  it('warns when the PostgreSQL URL has a password written in the file, not from a secret', () => {
    const warning = [
      'warning',
      'canary-password',
      '/extensions/0/canary/postgres/url',
      'the password is written in the experiment file, which is copied into the journal',
    ];
    expect(problems({ postgres: { url: 'postgres://canary:hunter2@db.example.com:5432/orders' } })).toEqual([warning]);
    expect(problems({ postgres: { url: 'postgresql://${user}:hunter2@${host}/orders' } })).toEqual([warning]);
    const [p] = recoverySettings(experiment({ postgres: { url: 'postgres://canary:hunter2@db/orders' } })).problems;
    expect(p?.hint).toBe('take it from a secret (${db_url}) or PGPASSWORD');
    for (const url of [
      '${db_url}',
      'postgres://canary@db.example.com/orders',
      'postgres://canary:${db_password}@db/orders',
      'postgres://db.example.com/orders',
      'postgres://canary:@db/orders',
    ]) {
      expect(problems({ postgres: { url } }), url).toEqual([]);
    }
  });

  it('leaves the canary out of the settings when there is none', () => {
    expect(recoverySettings({ title: 't', method: [] }).settings.canary).toBeUndefined();
  });

  it.each([
    ['not a mapping', 'yes', ['error', 'canary-shape', '/extensions/0/canary', 'canary in the chaos-action extension must be a mapping']],
    [
      'both kinds',
      { write, read, postgres: { url: 'x' } },
      ['error', 'canary-shape', '/extensions/0/canary', 'the canary has both postgres and write/read: give one or the other'],
    ],
    ['no read', { write }, ['error', 'canary-provider', '/extensions/0/canary', 'the canary has no read provider']],
    [
      'a python provider',
      { write: { type: 'python', module: 'm', func: 'f' }, read },
      ['error', 'canary-provider', '/extensions/0/canary/write/type', 'canary.write has type "python": the canary runs http or process providers'],
    ],
    [
      'an activity instead of a provider',
      { write: { type: 'action', name: 'w', provider: write }, read },
      ['error', 'canary-provider', '/extensions/0/canary/write/type', 'canary.write has type "action": the canary runs http or process providers'],
    ],
    [
      'an activity without type',
      { write: { name: 'w', provider: write }, read },
      ['error', 'canary-provider', '/extensions/0/canary/write', 'canary.write is an activity: give its provider (type, url or path, …) directly'],
    ],
    [
      'no type',
      { write: { url: 'http://x' }, read },
      ['error', 'canary-provider', '/extensions/0/canary/write', 'canary.write has no type: the canary runs http or process providers'],
    ],
    [
      'http without a url',
      { write: { type: 'http' }, read },
      ['error', 'canary-provider', '/extensions/0/canary/write', 'canary.write is an http provider without a url'],
    ],
    [
      'process with an empty path',
      { write, read: { type: 'process', path: '' } },
      ['error', 'canary-provider', '/extensions/0/canary/read/path', 'canary.read is a process provider without a path'],
    ],
    [
      'postgres without a url',
      { postgres: {} },
      [
        'error',
        'canary-postgres',
        '/extensions/0/canary/postgres',
        'the PostgreSQL canary needs a connection URL: postgres: {url: "postgres://user@host:5432/db"}',
      ],
    ],
    [
      'postgres with a number for url',
      { postgres: { url: 5432 } },
      [
        'error',
        'canary-postgres',
        '/extensions/0/canary/postgres/url',
        'the PostgreSQL canary needs a connection URL: postgres: {url: "postgres://user@host:5432/db"}',
      ],
    ],
    [
      'a malformed interval',
      { write, read, interval: 'often' },
      ['error', 'extension-duration', '/extensions/0/canary/interval', 'interval is "often": expected a duration'],
    ],
    ['a zero timeout', { write, read, timeout: 0 }, ['error', 'extension-duration', '/extensions/0/canary/timeout', 'timeout must be more than 0']],
    [
      'an unknown key',
      { write, read, intervall: '1s' },
      ['warning', 'extension-unknown-key', '/extensions/0/canary/intervall', 'unknown key "intervall" in the chaos-action extension; it is ignored'],
    ],
    [
      'an unknown postgres key',
      { postgres: { url: 'x', table: 't' } },
      ['warning', 'extension-unknown-key', '/extensions/0/canary/postgres/table', 'unknown key "table" in the chaos-action extension; it is ignored'],
    ],
  ])('points at %s', (_what, canary, expected) => {
    expect(problems(canary)).toEqual([expected]);
  });

  it('reports each bad provider of the pair', () => {
    expect(problems({ write: 1, read: [] }).map((p) => p[3])).toEqual(['canary.write must be a provider mapping', 'canary.read must be a provider mapping']);
  });

  it('is positioned in the file, and a canary that is fine raises no warning', () => {
    const ok = diagnostics(experiment({ write: { ...write, url: '${base}/records/${canary_seq}' }, read }, { configuration: { base: 'http://127.0.0.1:1' } }));
    expect(ok).toEqual([]);
    const [bad] = diagnostics(experiment({ write: { type: 'python' }, read }));
    expect(bad).toMatchObject({ severity: 'error', code: 'canary-provider', pointer: '/extensions/0/canary/write/type' });
    expect(bad?.line).toBeGreaterThan(5);
  });

  it('defines ${canary_run} for both providers, and says so in the hint', () => {
    const runWrite = {
      ...write,
      url: 'http://127.0.0.1:1/runs/${canary_run}/records',
      arguments: { run: '${canary_run}', seq: '${canary_seq}', ts: '${canary_ts}' },
    };
    const runRead = { type: 'http', url: 'http://127.0.0.1:1/runs/${canary_run}/records' };
    expect(diagnostics(experiment({ write: runWrite, read: runRead }))).toEqual([]);
    const [p] = recoverySettings(experiment({ write: { type: 'http' }, read })).problems;
    expect(p?.hint).toContain('${canary_run}');
    const [q] = recoverySettings(experiment({ write, read: { type: 'http' } })).problems;
    expect(q?.hint).toContain('${canary_run}');
  });

  it('warns about ${names} the canary uses that nothing defines, but not its own', () => {
    const d = diagnostics(experiment({ postgres: { url: '${db_url}' } }));
    expect(d.map((x) => [x.code, x.pointer, x.message])).toEqual([
      ['substitution-undefined', '/extensions/0/canary/postgres/url', '${db_url} is not defined in the configuration or secrets; it is left as written'],
    ]);
    expect(diagnostics(experiment({ write: { ...write, headers: { 'X-Seq': '${canary_seq}', 'X-Key': '${key}' } }, read })).map((x) => x.pointer)).toEqual([
      '/extensions/0/canary/write/headers',
    ]);
  });

  it("checks that a process provider's program exists, as for activities", () => {
    const d = diagnostics(experiment({ write: { type: 'process', path: 'canary-write' }, read }), (path) => (path === 'canary-write' ? 'missing' : 'ok'));
    expect(d.map((x) => [x.severity, x.code, x.pointer, x.message])).toEqual([
      ['error', 'process-path', '/extensions/0/canary/write/path', "path 'canary-write' cannot be found, in the canary's write provider"],
    ]);
    expect(diagnostics(experiment({ write, read }), (path) => (path === 'cat' ? 'not-executable' : 'ok')).map((x) => x.pointer)).toEqual([
      '/extensions/0/canary/read/path',
    ]);
  });
});
