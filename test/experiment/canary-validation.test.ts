// The canary block of the chaos-action extension, checked with positions: write/read must be http
// or process providers, or postgres: {url}; interval and timeout are durations.
import { describe, expect, it } from 'vitest';
import { parseExperimentText } from '../../src/experiment/loader.js';
import { recoverySettings } from '../../src/experiment/objectives.js';
import { validateExperiment } from '../../src/experiment/validate.js';
import type { ExecutableFinder } from '../../src/experiment/executables.js';
import { emptyVars } from '../../src/experiment/vars.js';

const experiment = (canary: unknown, extra: Record<string, unknown> = {}) => ({ title: 't', description: 'd', method: [], ...extra, extensions: [{ name: 'chaos-action', canary }] });
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
    expect(settings.canary).toEqual({ kind: 'providers', write, read, interval: 0.2, timeout: 1 });
  });

  it('reads the built-in PostgreSQL canary, with the default interval and timeout', () => {
    expect(recoverySettings(experiment({ postgres: { url: '${db_url}' } })).settings.canary).toEqual({ kind: 'postgres', url: '${db_url}', interval: 0.5, timeout: 2 });
  });

  it('leaves the canary out of the settings when there is none', () => {
    expect(recoverySettings({ title: 't', method: [] }).settings.canary).toBeUndefined();
  });

  it.each([
    ['not a mapping', 'yes', ['error', 'canary-shape', '/extensions/0/canary', 'canary in the chaos-action extension must be a mapping']],
    ['both kinds', { write, read, postgres: { url: 'x' } }, ['error', 'canary-shape', '/extensions/0/canary', 'the canary has both postgres and write/read: give one or the other']],
    ['no read', { write }, ['error', 'canary-provider', '/extensions/0/canary', 'the canary has no read provider']],
    ['a python provider', { write: { type: 'python', module: 'm', func: 'f' }, read }, ['error', 'canary-provider', '/extensions/0/canary/write/type', 'canary.write has type "python": the canary runs http or process providers']],
    ['an activity instead of a provider', { write: { type: 'action', name: 'w', provider: write }, read }, ['error', 'canary-provider', '/extensions/0/canary/write/type', 'canary.write has type "action": the canary runs http or process providers']],
    ['an activity without type', { write: { name: 'w', provider: write }, read }, ['error', 'canary-provider', '/extensions/0/canary/write', 'canary.write is an activity: give its provider (type, url or path, …) directly']],
    ['no type', { write: { url: 'http://x' }, read }, ['error', 'canary-provider', '/extensions/0/canary/write', 'canary.write has no type: the canary runs http or process providers']],
    ['http without a url', { write: { type: 'http' }, read }, ['error', 'canary-provider', '/extensions/0/canary/write', 'canary.write is an http provider without a url']],
    ['process with an empty path', { write, read: { type: 'process', path: '' } }, ['error', 'canary-provider', '/extensions/0/canary/read/path', 'canary.read is a process provider without a path']],
    ['postgres without a url', { postgres: {} }, ['error', 'canary-postgres', '/extensions/0/canary/postgres', 'the PostgreSQL canary needs a connection URL: postgres: {url: "postgres://user@host:5432/db"}']],
    ['postgres with a number for url', { postgres: { url: 5432 } }, ['error', 'canary-postgres', '/extensions/0/canary/postgres/url', 'the PostgreSQL canary needs a connection URL: postgres: {url: "postgres://user@host:5432/db"}']],
    ['a malformed interval', { write, read, interval: 'often' }, ['error', 'extension-duration', '/extensions/0/canary/interval', 'interval is "often": expected a duration']],
    ['a zero timeout', { write, read, timeout: 0 }, ['error', 'extension-duration', '/extensions/0/canary/timeout', 'timeout must be more than 0']],
    ['an unknown key', { write, read, intervall: '1s' }, ['warning', 'extension-unknown-key', '/extensions/0/canary/intervall', 'unknown key "intervall" in the chaos-action extension; it is ignored']],
    ['an unknown postgres key', { postgres: { url: 'x', table: 't' } }, ['warning', 'extension-unknown-key', '/extensions/0/canary/postgres/table', 'unknown key "table" in the chaos-action extension; it is ignored']],
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

  it('warns about ${names} the canary uses that nothing defines, but not its own', () => {
    const d = diagnostics(experiment({ postgres: { url: '${db_url}' } }));
    expect(d.map((x) => [x.code, x.pointer, x.message])).toEqual([['substitution-undefined', '/extensions/0/canary/postgres/url', '${db_url} is not defined in the configuration or secrets; it is left as written']]);
    expect(diagnostics(experiment({ write: { ...write, headers: { 'X-Seq': '${canary_seq}', 'X-Key': '${key}' } }, read })).map((x) => x.pointer)).toEqual(['/extensions/0/canary/write/headers']);
  });

  it("checks that a process provider's program exists, as for activities", () => {
    const d = diagnostics(experiment({ write: { type: 'process', path: 'canary-write' }, read }), (path) => (path === 'canary-write' ? 'missing' : 'ok'));
    expect(d.map((x) => [x.severity, x.code, x.pointer, x.message])).toEqual([['error', 'process-path', '/extensions/0/canary/write/path', "path 'canary-write' cannot be found, in the canary's write provider"]]);
    expect(diagnostics(experiment({ write, read }), (path) => (path === 'cat' ? 'not-executable' : 'ok')).map((x) => x.pointer)).toEqual(['/extensions/0/canary/read/path']);
  });
});
