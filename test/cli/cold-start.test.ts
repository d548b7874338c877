// A plain run's cold start through the bundled CLI: the built-in modules that only some runs need
// (node:crypto for AWS sessions and the durability canary, node:child_process for processes and
// python) are loaded on first use, not at start-up, and none through its ES module facade; each
// costs every run milliseconds.
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cliPath, collect } from '../support/cli.js';
import { writeCorpus } from '../support/corpus.js';
import { type HttpTarget, startHttpTarget } from '../support/http-target.js';

let target: HttpTarget;
beforeAll(async () => {
  target = await startHttpTarget();
});
afterAll(() => target.close());

/**
 * Writes, as the process exits, to the file CHAOS_TEST_BUILTINS: the built-in modules it loaded,
 * and those it imported as ES modules (each such import builds the module's ESM facade, evaluating
 * every lazy getter of it: dist/ reads built-ins through process.getBuiltinModule instead).
 */
const BUILTINS_HOOK = `data:text/javascript,${encodeURIComponent(`
const esm = [];
const files = [];
process.getBuiltinModule('node:module').registerHooks({ load(url, context, next) { (url.startsWith('node:') ? esm : files).push(url); return next(url, context); } });
process.on('exit', () => process.getBuiltinModule('node:fs').writeFileSync(process.env.CHAOS_TEST_BUILTINS, JSON.stringify({
  builtins: process.moduleLoadList.filter((m) => m.startsWith('NativeModule ')).map((m) => m.slice(13)),
  esm,
  files,
})));`)}`;

interface Loaded {
  readonly code: number | null;
  readonly stderr: string;
  /** Built-in modules loaded. */
  readonly builtins: string[];
  /** Built-in modules imported as ES modules. */
  readonly esm: string[];
  /** The modules (dist/ files) imported. */
  readonly files: string[];
}

async function builtinsOfRun(experiment: Record<string, unknown>, name = 'e.json'): Promise<Loaded> {
  const dir = writeCorpus([{ name, content: JSON.stringify(experiment) }]);
  const log = path.join(dir, 'builtins.json');
  const child = spawn(process.execPath, ['--import', BUILTINS_HOOK, cliPath, 'run', '--quiet', '--journal-dir', path.join(dir, 'out'), path.join(dir, name)], {
    cwd: dir,
    env: { ...process.env, NO_COLOR: '1', CHAOS_TEST_BUILTINS: log },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const r = await collect(child);
  return { code: r.code, stderr: r.stderr, ...(JSON.parse(readFileSync(log, 'utf8')) as Omit<Loaded, 'code' | 'stderr'>) };
}

const httpProbe = (name: string) => ({ type: 'probe', name, tolerance: 200, provider: { type: 'http', url: `${target.origin}/echo/${name}`, timeout: 5 } });

describe('a cold start', () => {
  it('of a run of http probes loads neither node:crypto nor node:child_process', { timeout: 60_000 }, async () => {
    const r = await builtinsOfRun({ title: 'one probe', description: 'd', 'steady-state-hypothesis': { title: 'h', probes: [httpProbe('p0')] }, method: [] });
    expect(r.code, r.stderr).toBe(0);
    // The hook itself sees the modules loaded: node:http proves the list is the run's.
    expect(r.builtins).toContain('http');
    expect(r.builtins).not.toContain('crypto');
    expect(r.builtins).not.toContain('child_process');
  });

  it('imports no built-in module as an ES module (no ESM facade is built)', { timeout: 60_000 }, async () => {
    const r = await builtinsOfRun({ title: 'one probe', description: 'd', 'steady-state-hypothesis': { title: 'h', probes: [httpProbe('p0')] }, method: [] });
    expect(r.code, r.stderr).toBe(0);
    expect(r.esm).toEqual([]);
  });

  it('loads node:child_process once an experiment runs a process', { timeout: 60_000 }, async () => {
    const r = await builtinsOfRun({
      title: 'a process',
      description: 'd',
      'steady-state-hypothesis': { title: 'h', probes: [httpProbe('p0')] },
      method: [{ type: 'action', name: 'noop', provider: { type: 'process', path: 'true' } }],
    });
    expect(r.code, r.stderr).toBe(0);
    expect(r.builtins).toContain('child_process');
  });

  it('of a suite of JSON experiments does not load the YAML parser; a YAML experiment does', { timeout: 60_000 }, async () => {
    const experiment = { title: 'one probe', description: 'd', 'steady-state-hypothesis': { title: 'h', probes: [httpProbe('p0')] }, method: [] };
    const json = await builtinsOfRun(experiment);
    expect(json.code, json.stderr).toBe(0);
    expect(json.files.some((u) => u.endsWith('/dist/chunks/http.js'))).toBe(true);
    expect(json.files.filter((u) => /yaml/i.test(u))).toEqual([]);
    // JSON is YAML: the same experiment in a .yaml file.
    const yaml = await builtinsOfRun(experiment, 'e.yaml');
    expect(yaml.code, yaml.stderr).toBe(0);
    expect(yaml.files.filter((u) => /yaml/i.test(u)).length).toBeGreaterThan(0);
  });
});
