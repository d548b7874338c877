// A virtualenv per python-requirements hash, as Chaos Toolkit's run-action installs the
// experiments' extensions: made with the configured python (`-m venv`), filled by pip, and
// reused by every later run with the same requirements and interpreter. Its python then runs the
// bridge and answers validation.
//
// - The venv is built in its final folder (console scripts and `activate` hold absolute paths, so a
//   venv cannot be renamed into place), under a lock file, and counts as built only once its
//   marker (what was installed) is written, last and atomically: a half-built venv (pip failed,
//   the run was killed) has no marker, is never reused, and the next build starts it afresh.
// - The lock keeps two runs (matrix legs on one self-hosted runner, parallel CLI runs) from
//   building the same venv at once: the second waits, then reuses. A lock whose holder died on this
//   host is taken over.
// - pip runs with the experiments' environment rules: no runner token (childEnv) and no AWS
//   credentials (it runs before any role is assumed, and the host's own are withheld), in its own
//   process group, with a deadline, stopped by an interruption; its output is bounded.
import { spawn } from 'node:child_process';
import { mkdir, open, readFile, rename, rm, stat, unlink, writeFile } from 'node:fs/promises';
import { homedir, hostname } from 'node:os';
import path from 'node:path';
import { childEnv, withoutAwsCredentials } from './child-env.js';
import { type PythonIdentity, type Requirement, requirementsHash } from './python-requirements.js';

type Env = Readonly<Record<string, string | undefined>>;

/** How long making the venv and installing into it may take, and how long a run waits for another's build. */
export const DEFAULT_INSTALL_TIMEOUT_MS = 10 * 60_000;
const MARKER = 'chaos-action-venv.json';
const REQUIREMENTS = 'chaos-action-requirements.txt';
/** Output kept of each child (its end: pip's error is in its last lines). */
const OUTPUT_TAIL_BYTES = 64 * 1024;
/** Lines of pip's output a failure quotes, each cut to this many characters. */
const FAILURE_LINES = 15;
const LINE_CHARS = 300;
const KILL_GRACE_MS = 3000;

export interface VenvOptions {
  /** The configured python that makes the venv. */
  readonly python: string;
  readonly requirements: readonly Requirement[];
  /** The host's environment: where the venvs live (RUNNER_TOOL_CACHE, XDG_CACHE_HOME, HOME), and pip's (filtered). */
  readonly env: Env;
  /** pip's working folder: relative local paths are relative to it. */
  readonly cwd: string;
  readonly log: (line: string) => void;
  readonly signal?: AbortSignal;
  readonly timeoutMs?: number;
  /** Where the venvs live; by default venvRoot(env). */
  readonly root?: string;
}

export type VenvResult =
  | { readonly ok: true; readonly python: string; readonly dir: string; readonly reused: boolean }
  | { readonly ok: false; readonly message: string; readonly output: readonly string[] };

/** The marker a built venv holds. */
export interface VenvMarker {
  readonly requirements: readonly string[];
  readonly python: PythonIdentity;
  /** `pip freeze --all` once installed. */
  readonly installed: readonly string[];
  readonly createdAt: string;
}

/**
 * Where the venvs live: the runner's tool cache in a GitHub job (`$RUNNER_TOOL_CACHE/chaos-action/venvs`,
 * `${{ runner.tool_cache }}` for actions/cache), else `$XDG_CACHE_HOME/chaos-action/venvs` (`~/.cache` by default).
 */
export function venvRoot(env: Env): string {
  if (env.RUNNER_TOOL_CACHE) return path.join(env.RUNNER_TOOL_CACHE, 'chaos-action', 'venvs');
  const cache = env.XDG_CACHE_HOME && path.isAbsolute(env.XDG_CACHE_HOME) ? env.XDG_CACHE_HOME : path.join(env.HOME || homedir(), '.cache');
  return path.join(cache, 'chaos-action', 'venvs');
}

/** A venv's interpreter. */
export const venvPython = (dir: string): string => (process.platform === 'win32' ? path.join(dir, 'Scripts', 'python.exe') : path.join(dir, 'bin', 'python'));

const IDENTITY_SCRIPT =
  'import json, os, platform, sys; print(json.dumps({"implementation": sys.implementation.name, "version": platform.python_version(), "platform": sys.platform, "machine": platform.machine(), "executable": os.path.realpath(sys.executable)}))';

/** The venv for these requirements: reused when built, else built now. */
export async function prepareVenv(options: VenvOptions): Promise<VenvResult> {
  const limitMs = options.timeoutMs ?? DEFAULT_INSTALL_TIMEOUT_MS;
  const deadline = Date.now() + limitMs;
  const env = { ...withoutAwsCredentials(childEnv(options.env)), PIP_NO_INPUT: '1', PIP_DISABLE_PIP_VERSION_CHECK: '1' };
  const run = (command: string, args: readonly string[]): Promise<ChildOutcome> =>
    runChild(command, args, { env, cwd: options.cwd, deadline, limitMs, signal: options.signal });
  const who = await run(options.python, ['-c', IDENTITY_SCRIPT]);
  const identity = who.ok ? parseIdentity(who.output.at(-1)) : undefined;
  if (!identity) return failed(`${options.python} cannot make a virtualenv: ${who.ok ? 'it did not say which python it is' : who.problem}`, who.output);
  const root = options.root ?? venvRoot(options.env);
  const dir = path.join(root, requirementsHash(options.requirements, identity));
  if (await isBuilt(dir)) return reused(dir, options.log);
  try {
    await mkdir(root, { recursive: true });
  } catch (e) {
    return failed(`cannot create ${root}: ${e instanceof Error ? e.message : String(e)}`, []);
  }
  const lock = await acquireLock(`${dir}.lock`, deadline, options.signal, options.log);
  if (!lock.ok) return failed(lock.problem, []);
  try {
    // Another run may have built it while this one waited for the lock.
    if (await isBuilt(dir)) return reused(dir, options.log);
    await rm(dir, { recursive: true, force: true });
    options.log(`installing python-requirements (${options.requirements.length} requirement(s)) into a new virtualenv ${dir}`);
    const made = await run(options.python, ['-m', 'venv', dir]);
    if (!made.ok) return await discard(dir, `${options.python} -m venv failed: ${made.problem}`, made.output);
    const python = venvPython(dir);
    await writeFile(path.join(dir, REQUIREMENTS), `${options.requirements.map((r) => r.line).join('\n')}\n`);
    const installed = await run(python, ['-m', 'pip', 'install', '--disable-pip-version-check', '--no-input', '-r', path.join(dir, REQUIREMENTS)]);
    if (!installed.ok) return await discard(dir, `pip install failed: ${installed.problem}`, installed.output);
    const frozen = await run(python, ['-m', 'pip', 'freeze', '--all']);
    if (!frozen.ok) return await discard(dir, `pip freeze failed: ${frozen.problem}`, frozen.output);
    const marker: VenvMarker = {
      requirements: options.requirements.map((r) => r.line),
      python: identity,
      installed: frozen.output.filter(Boolean),
      createdAt: new Date().toISOString(),
    };
    await writeFile(path.join(dir, `${MARKER}.tmp`), `${JSON.stringify(marker, null, 2)}\n`);
    await rename(path.join(dir, `${MARKER}.tmp`), path.join(dir, MARKER));
    options.log(`installed python-requirements: ${marker.installed.join(', ')}`);
    return { ok: true, python, dir, reused: false };
  } catch (e) {
    return await discard(dir, e instanceof Error ? e.message : String(e), []);
  } finally {
    await lock.release();
  }
}

async function isBuilt(dir: string): Promise<boolean> {
  const [marker, python] = await Promise.all([stat(path.join(dir, MARKER)).catch(() => undefined), stat(venvPython(dir)).catch(() => undefined)]);
  return Boolean(marker?.isFile() && python);
}

function reused(dir: string, log: (line: string) => void): VenvResult {
  log(`reusing virtualenv ${dir} (python-requirements unchanged)`);
  return { ok: true, python: venvPython(dir), dir, reused: true };
}

async function discard(dir: string, message: string, output: readonly string[]): Promise<VenvResult> {
  await rm(dir, { recursive: true, force: true }).catch(() => undefined);
  return failed(message, output);
}

function failed(message: string, output: readonly string[]): VenvResult {
  const last = output
    .filter((l) => l.trim())
    .slice(-FAILURE_LINES)
    .map((l) => (l.length > LINE_CHARS ? `${l.slice(0, LINE_CHARS)}…` : l));
  return { ok: false, message, output: last };
}

function parseIdentity(line: string | undefined): PythonIdentity | undefined {
  try {
    const v = JSON.parse(line ?? '') as Record<string, unknown>;
    const keys = ['implementation', 'version', 'platform', 'machine', 'executable'] as const;
    return keys.every((k) => typeof v[k] === 'string') ? (v as unknown as PythonIdentity) : undefined;
  } catch {
    return undefined;
  }
}

type ChildOutcome = { readonly ok: true; readonly output: string[] } | { readonly ok: false; readonly problem: string; readonly output: string[] };

/** Runs a child in its own process group, its output (stdout and stderr together) kept to its end. */
function runChild(
  command: string,
  args: readonly string[],
  o: { env: Record<string, string>; cwd: string; deadline: number; limitMs: number; signal: AbortSignal | undefined },
): Promise<ChildOutcome> {
  return new Promise((resolve) => {
    if (o.signal?.aborted) return resolve({ ok: false, problem: 'interrupted', output: [] });
    const child = spawn(command, args, { env: o.env, cwd: o.cwd, stdio: ['ignore', 'pipe', 'pipe'], detached: process.platform !== 'win32' });
    let tail = '';
    const keep = (d: Buffer): void => {
      tail += d.toString();
      if (tail.length > OUTPUT_TAIL_BYTES) tail = tail.slice(-OUTPUT_TAIL_BYTES);
    };
    child.stdout.on('data', keep);
    child.stderr.on('data', keep);
    let stopped: string | undefined;
    const stop = (why: string): void => {
      if (stopped) return;
      stopped = why;
      killGroup(child.pid, 'SIGTERM');
      setTimeout(() => killGroup(child.pid, 'SIGKILL'), KILL_GRACE_MS).unref();
    };
    const timer = setTimeout(
      () => stop(`timed out (python-requirements may take ${Math.round(o.limitMs / 1000)}s in all)`),
      Math.max(0, o.deadline - Date.now()),
    );
    const onAbort = (): void => stop('interrupted');
    o.signal?.addEventListener('abort', onAbort);
    const done = (outcome: ChildOutcome): void => {
      clearTimeout(timer);
      o.signal?.removeEventListener('abort', onAbort);
      resolve(outcome);
    };
    child.on('error', (e: NodeJS.ErrnoException) => done({ ok: false, problem: e.code === 'ENOENT' ? `${command}: not found` : e.message, output: [] }));
    child.on('close', (code, signal) => {
      const output = tail.split(/\r?\n/);
      if (stopped) return done({ ok: false, problem: stopped, output });
      if (code === 0) return done({ ok: true, output: output.filter(Boolean) });
      done({ ok: false, problem: code === null ? `killed by ${signal}` : `exit code ${code}`, output });
    });
  });
}

function killGroup(pid: number | undefined, signal: NodeJS.Signals): void {
  if (pid === undefined) return;
  try {
    process.kill(process.platform === 'win32' ? pid : -pid, signal);
  } catch {
    // Already gone.
  }
}

interface Lock {
  readonly ok: true;
  release(): Promise<void>;
}

/** Takes the lock file, waiting for another run's build (until the deadline); a dead holder's lock is taken over. */
async function acquireLock(
  file: string,
  deadline: number,
  signal: AbortSignal | undefined,
  log: (line: string) => void,
): Promise<Lock | { ok: false; problem: string }> {
  const me = { pid: process.pid, host: hostname(), at: Date.now() };
  let told = false;
  for (;;) {
    if (signal?.aborted) return { ok: false, problem: 'interrupted while waiting for another run to build the virtualenv' };
    try {
      const handle = await open(file, 'wx');
      await handle.writeFile(JSON.stringify(me));
      await handle.close();
      return { ok: true, release: () => unlink(file).catch(() => undefined) };
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') return { ok: false, problem: `cannot lock ${file}: ${(e as Error).message}` };
    }
    const holder = await readHolder(file);
    if (holder === 'unreadable' ? await isOld(file) : holder && isStale(holder)) {
      await unlink(file).catch(() => undefined);
      continue;
    }
    if (Date.now() >= deadline) return { ok: false, problem: `timed out waiting for another run (${file}) to build the virtualenv` };
    if (!told) {
      log(`waiting for another run to build the same virtualenv (${file})`);
      told = true;
    }
    await new Promise((r) => setTimeout(r, 200));
  }
}

type Holder = { pid: number; host: string; at: number };

/** Who holds the lock; undefined when it is gone; unreadable while being written (or left empty by a crash). */
async function readHolder(file: string): Promise<Holder | 'unreadable' | undefined> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch {
    return undefined;
  }
  try {
    const v = JSON.parse(text) as Holder;
    return typeof v.pid === 'number' && typeof v.host === 'string' && typeof v.at === 'number' ? v : 'unreadable';
  } catch {
    return 'unreadable';
  }
}

/** A lock file nobody finished writing within a minute was left by a run that died. */
async function isOld(file: string): Promise<boolean> {
  const s = await stat(file).catch(() => undefined);
  return s !== undefined && Date.now() - s.mtimeMs > 60_000;
}

/** A lock is stale when its holder on this host is gone, or (another host's) when it is older than any build may take. */
function isStale(holder: Holder): boolean {
  if (holder.host !== hostname()) return Date.now() - holder.at > 2 * DEFAULT_INSTALL_TIMEOUT_MS;
  try {
    process.kill(holder.pid, 0);
    return false;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'ESRCH';
  }
}
