// The python-requirements virtualenv: built once with the real python3 and pip (offline, from a
// wheel written here), reused after, never half-built; pip's environment, deadline and
// interruption with a stand-in python whose pip records or hangs.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { readRequirements, type Requirement } from '../../src/providers/python-requirements.js';
import { prepareVenv, type VenvMarker, type VenvOptions, venvRoot } from '../../src/providers/python-venv.js';
import { fakePython } from '../support/fake-python.js';
import { writeWheel } from '../support/wheel.js';

const tmp = (): string => mkdtempSync(path.join(tmpdir(), 'pyvenv-'));
/** No index: every install here is from a local file, and a test never depends on the network. */
const offline = { PATH: process.env.PATH, HOME: process.env.HOME, PIP_NO_INDEX: '1' };

async function requirementsOf(entries: string[], cwd: string): Promise<Requirement[]> {
  const read = await readRequirements(entries, cwd);
  if (!read.ok) throw new Error(JSON.stringify(read.problems));
  return [...read.requirements];
}

function fixtureWheel(dir: string): string {
  return writeWheel(dir, 'chaos-venv-fixture', '0.1.0', {
    'chaosvenvfixture/__init__.py': '',
    'chaosvenvfixture/probes.py': 'def answer(x=1):\n    return 42 * x\n',
  });
}

function options(dir: string, requirements: Requirement[], extra: Partial<VenvOptions> = {}): VenvOptions & { lines: string[] } {
  const lines: string[] = [];
  return { python: 'python3', requirements, env: offline, cwd: dir, root: path.join(dir, 'venvs'), log: (l) => lines.push(l), lines, ...extra };
}

describe('the python-requirements virtualenv, with the real python3 and pip', () => {
  it('is built once, by one of two concurrent runs, then reused without running pip', { timeout: 300_000 }, async () => {
    const dir = tmp();
    fixtureWheel(dir);
    const requirements = await requirementsOf(['./chaos_venv_fixture-0.1.0-py3-none-any.whl'], dir);
    const a = options(dir, requirements);
    const b = options(dir, requirements);
    const [first, second] = await Promise.all([prepareVenv(a), prepareVenv(b)]);
    if (!first.ok || !second.ok) throw new Error(JSON.stringify([first, second]));
    expect(first.dir).toBe(second.dir);
    // Exactly one built it; the other waited for the lock and reused it.
    expect([first.reused, second.reused].sort()).toEqual([false, true]);
    expect([...a.lines, ...b.lines].filter((l) => l.startsWith('installing python-requirements'))).toHaveLength(1);
    expect([...a.lines, ...b.lines].filter((l) => l.startsWith('reusing virtualenv'))).toHaveLength(1);
    // Its python imports the package.
    const ran = spawnSync(first.python, ['-c', 'import chaosvenvfixture.probes as p; print(p.answer(2))'], { encoding: 'utf8' });
    expect(ran.stdout.trim()).toBe('84');
    const markerFile = path.join(first.dir, 'chaos-action-venv.json');
    const marker = JSON.parse(readFileSync(markerFile, 'utf8')) as VenvMarker;
    expect(marker.requirements).toEqual(['./chaos_venv_fixture-0.1.0-py3-none-any.whl']);
    expect(marker.installed.some((l) => l.startsWith('chaos-venv-fixture'))).toBe(true);
    expect(readdirSync(path.join(dir, 'venvs'))).toEqual([path.basename(first.dir)]); // the lock is gone
    const before = statSync(markerFile);

    // pip taken out of the venv: a third run that ran pip (install or freeze) would fail.
    const site = spawnSync(first.python, ['-c', 'import sysconfig; print(sysconfig.get_paths()["purelib"])'], { encoding: 'utf8' }).stdout.trim();
    renameSync(path.join(site, 'pip'), path.join(site, 'pip-hidden'));
    const third = options(dir, requirements);
    const again = await prepareVenv(third);
    expect(again).toEqual({ ok: true, python: first.python, dir: first.dir, reused: true });
    expect(third.lines).toEqual([`reusing virtualenv ${first.dir} (python-requirements unchanged)`]);
    const after = statSync(markerFile);
    expect([after.ino, after.mtimeMs]).toEqual([before.ino, before.mtimeMs]);
  });

  it('a failed install says what pip said and leaves neither a venv nor the lock behind', { timeout: 300_000 }, async () => {
    const dir = tmp();
    writeFileSync(path.join(dir, 'broken-0.1-py3-none-any.whl'), 'not a zip');
    const requirements = await requirementsOf(['./broken-0.1-py3-none-any.whl'], dir);
    const result = await prepareVenv(options(dir, requirements));
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.message).toBe('pip install failed: exit code 1');
    expect(result.output.join('\n')).toMatch(/broken-0\.1-py3-none-any\.whl is invalid/);
    expect(result.output.length).toBeLessThanOrEqual(15);
    // Neither a half-built venv nor the lock is left.
    expect(readdirSync(path.join(dir, 'venvs'))).toEqual([]);
  });
});

const requirement: Requirement[] = [{ line: 'chaostoolkit-aws==0.35.1', file: undefined, lineNumber: 1 }];

const gone = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return false;
  } catch {
    return true;
  }
};

describe('pip as the run starts it', () => {
  it('gets no runner token and no AWS credentials, whatever the host holds', { timeout: 60_000 }, async () => {
    const dir = tmp();
    const env = {
      ...offline,
      GITHUB_TOKEN: 'ghs_secret',
      ACTIONS_ID_TOKEN_REQUEST_TOKEN: 'oidc-secret',
      AWS_ACCESS_KEY_ID: 'AKIAEXAMPLE',
      AWS_SECRET_ACCESS_KEY: 'aws-secret',
      AWS_SESSION_TOKEN: 'aws-session',
      AWS_PROFILE: 'prod',
      PIP_INDEX_URL: 'https://mirror.example/simple',
    };
    const result = await prepareVenv(options(dir, requirement, { python: fakePython(dir), env }));
    expect(result.ok).toBe(true);
    const pipEnv = readFileSync(path.join(dir, 'pip-env'), 'utf8');
    for (const secret of ['ghs_secret', 'oidc-secret', 'aws-secret', 'aws-session', 'AKIAEXAMPLE', 'AWS_PROFILE']) expect(pipEnv).not.toContain(secret);
    // The runner's own pip configuration (a mirror) stays in charge.
    expect(pipEnv).toContain('PIP_INDEX_URL=https://mirror.example/simple');
    expect(pipEnv).toContain('AWS_EC2_METADATA_DISABLED=true');
  });

  it('is stopped at its deadline, its process group killed, and nothing is kept', { timeout: 60_000 }, async () => {
    const dir = tmp();
    const result = await prepareVenv(options(dir, requirement, { python: fakePython(dir), env: { ...offline, FAKE_PIP_HANG: '1' }, timeoutMs: 3000 }));
    expect(result).toMatchObject({ ok: false, message: 'pip install failed: timed out (python-requirements may take 3s in all)' });
    expect(gone(Number(readFileSync(path.join(dir, 'pip-pid'), 'utf8')))).toBe(true);
    expect(readdirSync(path.join(dir, 'venvs'))).toEqual([]);
  });

  it('is stopped by an interruption', { timeout: 60_000 }, async () => {
    const dir = tmp();
    const stop = new AbortController();
    const pending = prepareVenv(options(dir, requirement, { python: fakePython(dir), env: { ...offline, FAKE_PIP_HANG: '1' }, signal: stop.signal }));
    while (!existsSync(path.join(dir, 'pip-pid'))) await new Promise((r) => setTimeout(r, 50));
    stop.abort();
    expect(await pending).toMatchObject({ ok: false, message: 'pip install failed: interrupted' });
    expect(readdirSync(path.join(dir, 'venvs'))).toEqual([]);
  });

  it('never reuses a half-built venv (one without its marker): it is built again', { timeout: 60_000 }, async () => {
    const dir = tmp();
    const python = fakePython(dir);
    const first = await prepareVenv(options(dir, requirement, { python }));
    if (!first.ok) throw new Error(first.message);
    spawnSync('rm', [path.join(first.dir, 'chaos-action-venv.json'), path.join(dir, 'pip-env')]);
    const again = options(dir, requirement, { python });
    expect(await prepareVenv(again)).toEqual({ ok: true, python: first.python, dir: first.dir, reused: false });
    expect(existsSync(path.join(dir, 'pip-env'))).toBe(true); // pip ran again
    expect(existsSync(path.join(first.dir, 'chaos-action-venv.json'))).toBe(true);
  });

  it('takes over the lock of a run that died on this host', { timeout: 60_000 }, async () => {
    const dir = tmp();
    const python = fakePython(dir);
    // The hash the venv gets: learnt from a first build, then the venv removed and a dead run's lock left.
    const first = await prepareVenv(options(dir, requirement, { python }));
    if (!first.ok) throw new Error(first.message);
    spawnSync('rm', ['-rf', first.dir]);
    const dead = spawnSync('sh', ['-c', 'echo $$']).stdout.toString().trim();
    mkdirSync(path.dirname(first.dir), { recursive: true });
    writeFileSync(`${first.dir}.lock`, JSON.stringify({ pid: Number(dead), host: (await import('node:os')).hostname(), at: Date.now() }));
    const again = options(dir, requirement, { python, timeoutMs: 20_000 });
    expect(await prepareVenv(again)).toMatchObject({ ok: true, reused: false });
    expect(existsSync(`${first.dir}.lock`)).toBe(false);
  });
});

describe('where the venvs live', () => {
  it("is the runner's tool cache in a job, else the XDG cache", () => {
    expect(venvRoot({ RUNNER_TOOL_CACHE: '/opt/hostedtoolcache', HOME: '/home/runner' })).toBe('/opt/hostedtoolcache/chaos-action/venvs');
    expect(venvRoot({ XDG_CACHE_HOME: '/xdg', HOME: '/home/me' })).toBe('/xdg/chaos-action/venvs');
    expect(venvRoot({ HOME: '/home/me' })).toBe('/home/me/.cache/chaos-action/venvs');
    expect(venvRoot({ XDG_CACHE_HOME: 'relative', HOME: '/home/me' })).toBe('/home/me/.cache/chaos-action/venvs');
  });
});
