// `--python-requirements` through the CLI as a user runs it: the experiments' extension installed
// once into a virtualenv (offline, from a wheel written here), its python running and validating
// the python provider; reused by the next run; a failed or refused install runs nothing.
import { existsSync, mkdtempSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { collect } from '../support/cli.js';
import { runCliUnderTest, spawnCliUnderTest } from '../support/cli-under-test.js';
import { fakePython } from '../support/fake-python.js';
import { writeWheel } from '../support/wheel.js';

const WHEEL = 'chaos_req_fixture-0.1.0-py3-none-any.whl';

/** A folder with the experiment (a python probe of the extension) and the extension's wheel; the venvs go to its own cache. */
function project(): { dir: string; cache: string; env: Record<string, string | undefined> } {
  const dir = mkdtempSync(path.join(tmpdir(), 'pyreq-cli-'));
  writeWheel(dir, 'chaos-req-fixture', '0.1.0', {
    'chaosreqfixture/__init__.py': '',
    'chaosreqfixture/probes.py': 'def answer(x=1):\n    return {"answer": 42 * x}\n',
  });
  writeFileSync(
    path.join(dir, 'exp.json'),
    JSON.stringify({
      title: 'uses our extension',
      description: 'd',
      method: [{ type: 'probe', name: 'ask', provider: { type: 'python', module: 'chaosreqfixture.probes', func: 'answer', arguments: { x: 2 } } }],
    }),
  );
  const cache = path.join(dir, 'cache');
  // No index: installs are from the local wheel only; no tool cache: the CLI's own cache folder.
  return { dir, cache, env: { XDG_CACHE_HOME: cache, RUNNER_TOOL_CACHE: undefined, PIP_NO_INDEX: '1', CHAOS_ACTION_PYTHON: 'python3' } };
}

describe('chaos-action run --python-requirements', () => {
  it('installs the extension once, runs its python probe, and the next run reuses the virtualenv', { timeout: 300_000 }, async () => {
    const { dir, cache, env } = project();
    const first = await runCliUnderTest(['run', '--python-requirements', `./${WHEEL}`, '--journal-dir', 'out', 'exp.json'], { cwd: dir, env });
    expect(first.stderr).toMatch(/installing python-requirements \(1 requirement\(s\)\) into a new virtualenv .*chaos-action\/venvs\//);
    expect(first.code).toBe(0);
    const journal = JSON.parse(readFileSync(path.join(dir, 'out', 'exp.journal.json'), 'utf8')) as { run: { output: unknown }[] };
    expect(journal.run[0]?.output).toEqual({ answer: 84 });
    const venvs = path.join(cache, 'chaos-action', 'venvs');
    const [hash] = readdirSync(venvs);
    const marker = path.join(venvs, hash as string, 'chaos-action-venv.json');
    const before = statSync(marker);

    const second = await runCliUnderTest(['run', '--python-requirements', `./${WHEEL}`, '--journal-dir', 'out2', 'exp.json'], { cwd: dir, env });
    expect(second.stderr).toContain(`reusing virtualenv ${path.join(venvs, hash as string)} (python-requirements unchanged)`);
    expect(second.stderr).not.toContain('installing python-requirements');
    expect(second.code).toBe(0);
    expect(statSync(marker).ino).toBe(before.ino);
    expect(readdirSync(venvs)).toEqual([hash]);

    // Validation asks the venv's python: the module is found there, not in the plain python3.
    const valid = await runCliUnderTest(['validate', '--python-requirements', `./${WHEEL}`, 'exp.json'], { cwd: dir, env });
    expect(valid.stderr).toContain('reusing virtualenv');
    expect(valid.code).toBe(0);
    const without = await runCliUnderTest(['validate', 'exp.json'], { cwd: dir, env });
    expect(without.stderr).toMatch(/chaosreqfixture/);
    expect(without.code).toBe(2);
  });

  it('an install that fails says what pip said, exits 2, and runs nothing', { timeout: 300_000 }, async () => {
    const { dir, env } = project();
    writeFileSync(path.join(dir, 'broken-0.1-py3-none-any.whl'), 'not a zip');
    writeFileSync(path.join(dir, 'requirements.txt'), `./${WHEEL}\n./broken-0.1-py3-none-any.whl\n`);
    const r = await runCliUnderTest(['run', '--python-requirements', 'requirements.txt', '--journal-dir', 'out', 'exp.json'], { cwd: dir, env });
    expect(r.stderr).toMatch(/broken-0\.1-py3-none-any\.whl is invalid/);
    expect(r.stderr).toContain('python-requirements:1:1: error: installing the python requirements failed (pip install failed: exit code 1); nothing was run');
    expect(r.code).toBe(2);
    expect(existsSync(path.join(dir, 'out'))).toBe(false);
  });

  it('refuses pip options in the requirements before anything is installed', { timeout: 120_000 }, async () => {
    const { dir, cache, env } = project();
    writeFileSync(path.join(dir, 'requirements.txt'), `./${WHEEL}\n--extra-index-url https://evil.example/simple\n`);
    const r = await runCliUnderTest(
      ['run', '--python-requirements', 'requirements.txt', '--python-requirements=--trusted-host=evil.example', '--journal-dir', 'out', 'exp.json'],
      { cwd: dir, env },
    );
    expect(r.stderr).toContain(
      'requirements.txt:2:1: error: "--extra-index-url https://evil.example/simple": --extra-index-url is not allowed: where packages come from is the runner\'s pip configuration',
    );
    expect(r.stderr).toContain('python-requirements:2:1: error: "--trusted-host=evil.example": --trusted-host is not allowed');
    expect(r.code).toBe(2);
    expect(existsSync(cache)).toBe(false);
    expect(existsSync(path.join(dir, 'out'))).toBe(false);
  });

  it('SIGINT while pip installs stops pip (its process group) and runs nothing', { timeout: 120_000 }, async () => {
    const { dir, env } = project();
    const python = fakePython(dir);
    const child = spawnCliUnderTest(['run', '--python', python, '--python-requirements', 'chaostoolkit-aws==0.35.1', '--journal-dir', 'out', 'exp.json'], {
      cwd: dir,
      env: { ...env, FAKE_PIP_HANG: '1' },
    });
    const done = collect(child);
    const pidFile = path.join(dir, 'pip-pid');
    for (let i = 0; i < 1200 && !existsSync(pidFile); i++) await new Promise((r) => setTimeout(r, 50));
    const pip = Number(readFileSync(pidFile, 'utf8'));
    child.kill('SIGINT');
    const r = await done;
    expect(r.stderr).toContain('installing the python requirements failed (pip install failed: interrupted); nothing was run');
    expect(r.code).toBe(2);
    expect(() => process.kill(pip, 0)).toThrow();
    expect(existsSync(path.join(dir, 'out'))).toBe(false);
  });
});
