// The process provider: chaoslib's `run_process_activity` (chaostoolkit-lib 1.44.0,
// chaoslib/provider/process.py), step by step and in the same order, so that the same provider
// gives the same {status, stdout, stderr} or the same error.
//
// Kept on purpose, unlike chaoslib:
// - the child leads its own process group (and session), so a timeout or an interruption kills
//   the whole tree it started, not only the direct child (chaoslib kills the child alone, its
//   children live on);
// - stdin is /dev/null (chaoslib lets the child inherit the runner's stdin);
// - output is decoded as strict UTF-8. chaoslib lets charset_normalizer guess the charset when it
//   is at least 50 % sure, so invalid UTF-8 usually comes back as text in some guessed legacy
//   codec there; here it is the ActivityFailed chaoslib raises when decoding fails;
// - stdout and stderr keep at most max-output bytes each (the first and the last half; the pipes are
//   still drained), and a process without a `timeout` has a deadline (activity-timeout, by default
//   DEFAULT_PROCESS_DEADLINE_S): chaoslib keeps everything and waits forever;
// - libuv runs an executable script without a `#!` line through /bin/sh where Python's exec
//   raises OSError (Exec format error), when arguments are a list.
import { spawn, type ChildProcess } from 'node:child_process';
import { accessSync, existsSync, constants as fsConstants, readFileSync, statSync } from 'node:fs';
import { constants as osConstants, userInfo } from 'node:os';
import path from 'node:path';
import { getSystemErrorMessage } from 'node:util';
import { substitute } from '../experiment/substitution.js';
import { pythonRepr, pythonStr, pythonTruthy, pythonTypeOf } from '../python/values.js';
import { DEFAULT_LIMITS, DEFAULT_PROCESS_DEADLINE_S } from '../contract/limits.js';
import { ActivityFailed, type ProviderContext, type ProviderRunner } from '../contract/provider.js';
import { HeadTail } from '../contract/truncation.js';

export interface ProcessProviderOptions {
  /** After an interruption: how long the process group has between SIGTERM and SIGKILL (ms). */
  readonly abortGraceMs?: number;
  /**
   * Kill what is left of the process group once the process has exited on its own. Off by
   * default, as in chaoslib: a process activity may start a background job on purpose (a load
   * generator, `cmd &` with its output redirected) that later activities rely on.
   */
  readonly reapOnExit?: boolean;
}

/** The default grace between SIGTERM and SIGKILL when the run is interrupted. */
const ABORT_GRACE_MS = 2000;
/** How long we wait for a SIGKILLed process to be reported gone before we stop waiting. */
const KILL_WAIT_MS = 5000;
/** setTimeout's ceiling: longer provider timeouts (over 24 days) are cut to it. */
const MAX_TIMER_MS = 2 ** 31 - 1;

export const runProcessProvider: ProviderRunner = createProcessProvider();

export function createProcessProvider(options: ProcessProviderOptions = {}): ProviderRunner {
  const abortGraceMs = options.abortGraceMs ?? ABORT_GRACE_MS;
  return async (provider, ctx) => {
    if (ctx.signal.aborted) throw abortError(ctx.signal);
    const command = buildCommand(provider, ctx);
    const given = timeoutMillis(has(provider, 'timeout') ? provider.timeout : null);
    // No timeout: chaoslib waits forever; a gate has a deadline (activity-timeout).
    const deadline = given ?? Math.min(MAX_TIMER_MS, (ctx.limits?.activityTimeout ?? DEFAULT_PROCESS_DEADLINE_S) * 1000);
    return execute(command, { ms: deadline, byDefault: given === null }, ctx, abortGraceMs, options.reapOnExit ?? false);
  };
}

interface Command {
  readonly file: string;
  readonly args: readonly string[];
}

/** chaoslib's argument handling, up to (not including) subprocess.run. */
function buildCommand(provider: Readonly<Record<string, unknown>>, ctx: ProviderContext): Command {
  // arguments = provider.get("arguments", []); substituted only when there are variables.
  let args: unknown = has(provider, 'arguments') ? provider.arguments : [];
  if (pythonTruthy(args) && ctx.hasVariables) args = substitute(args, ctx.scope);

  // path = shutil.which(os.path.expanduser(provider["path"])); never substituted.
  if (!has(provider, 'path')) throw pythonError('KeyError', "'path'");
  const rawPath = provider.path;
  if (typeof rawPath !== 'string') throw fspathError(rawPath);
  const resolved = pythonWhich(expandUser(rawPath, ctx.env), ctx.env.PATH, ctx.cwd);

  if (typeof args === 'string') {
    // shell=True: f"{path} {arguments}" through /bin/sh; a path not found is Python's "None".
    return { file: '/bin/sh', args: ['-c', `${resolved ?? 'None'} ${args}`] };
  }
  let items: readonly unknown[];
  if (Array.isArray(args)) items = args;
  else if (args !== null && typeof args === 'object') items = Object.entries(args).flat();
  else throw new TypeError(`'${pythonTypeOf(args)}' object is not iterable`);
  const argv = items.filter((p) => p !== null && p !== undefined && p !== '').map(pythonStr);
  // arguments.insert(0, None), then Popen refuses it.
  if (resolved === null) throw new TypeError('expected str, bytes or os.PathLike object, not NoneType');
  return { file: resolved, args: argv };
}

/** subprocess's `timeout`: None for none, a number of seconds (bools count as 0/1), else TypeError. */
function timeoutMillis(timeout: unknown): number | null {
  if (timeout === null || timeout === undefined) return null;
  if (typeof timeout === 'number' || typeof timeout === 'boolean') {
    const ms = Number(timeout) * 1000;
    // NaN (YAML .nan) never compares as expired in Python either.
    return Number.isNaN(ms) ? null : Math.min(Math.max(ms, 0), MAX_TIMER_MS);
  }
  throw new TypeError(`unsupported operand type(s) for +: 'float' and '${pythonTypeOf(timeout)}'`);
}

type Outcome =
  | { readonly kind: 'closed'; readonly code: number | null; readonly signal: NodeJS.Signals | null }
  | { readonly kind: 'error'; readonly error: NodeJS.ErrnoException }
  | { readonly kind: 'timeout' }
  | { readonly kind: 'abort' };

async function execute(
  command: Command,
  timeout: { readonly ms: number; readonly byDefault: boolean },
  ctx: ProviderContext,
  abortGraceMs: number,
  reapOnExit: boolean,
): Promise<{ status: number; stdout: string; stderr: string }> {
  // detached: the child calls setsid(), so it leads a process group we can kill as a whole.
  const child = spawn(command.file, command.args, {
    cwd: ctx.cwd,
    env: { ...ctx.env },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  // Drained to the end (a child blocked on a full pipe never exits), at most max-output kept each.
  const maxOutput = (ctx.limits ?? DEFAULT_LIMITS).maxOutputBytes;
  const stdout = new HeadTail(maxOutput);
  const stderr = new HeadTail(maxOutput);
  child.stdout?.on('data', (chunk: Buffer) => stdout.push(chunk));
  child.stderr?.on('data', (chunk: Buffer) => stderr.push(chunk));
  let closed = false;
  child.once('close', () => {
    closed = true;
  });

  let timer: NodeJS.Timeout | undefined;
  let onAbort: (() => void) | undefined;
  const outcome = await new Promise<Outcome>((resolve) => {
    child.once('close', (code: number | null, signal: NodeJS.Signals | null) => resolve({ kind: 'closed', code, signal }));
    child.once('error', (error: NodeJS.ErrnoException) => resolve({ kind: 'error', error }));
    if (child.pid === undefined) return; // spawn failed: 'error' follows
    // Python checks a zero (or negative) timeout before it reads anything: always expired.
    if (timeout.ms === 0) return resolve({ kind: 'timeout' });
    timer = setTimeout(() => resolve({ kind: 'timeout' }), timeout.ms);
    onAbort = () => resolve({ kind: 'abort' });
    ctx.signal.addEventListener('abort', onAbort, { once: true });
  });
  clearTimeout(timer);
  if (onAbort) ctx.signal.removeEventListener('abort', onAbort);

  const pid = child.pid;
  switch (outcome.kind) {
    case 'closed': {
      if (reapOnExit && pid !== undefined) killGroup(pid, 'SIGKILL');
      const status = outcome.code ?? -(osConstants.signals[outcome.signal as NodeJS.Signals] ?? 0);
      return { status, stdout: decode(stdout, 'stdout'), stderr: decode(stderr, 'stderr') };
    }
    case 'error':
      if (pid !== undefined) await stopGroup(child, pid, () => closed, 'SIGKILL', KILL_WAIT_MS);
      release(child);
      throw spawnError(outcome.error, command.file, ctx.cwd);
    case 'timeout':
      await stopGroup(child, pid as number, () => closed, 'SIGKILL', KILL_WAIT_MS);
      release(child);
      throw new ActivityFailed(
        timeout.byDefault
          ? `process activity took too long to complete (it sets no timeout: the deadline is ${timeout.ms / 1000} s, see activity-timeout)`
          : 'process activity took too long to complete',
      );
    case 'abort':
      // SIGTERM first; whatever is still there after the grace (or once the tree has let go of
      // its pipes) gets SIGKILL.
      await stopGroup(child, pid as number, () => closed, 'SIGTERM', abortGraceMs);
      await stopGroup(child, pid as number, () => closed, 'SIGKILL', KILL_WAIT_MS);
      release(child);
      throw abortError(ctx.signal);
  }
}

function killGroup(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pid, signal);
  } catch {
    // ESRCH: nothing is left in the group
  }
}

/** Signals the whole group, then waits (bounded) until the tree has closed its pipes. */
async function stopGroup(child: ChildProcess, pid: number, isClosed: () => boolean, signal: NodeJS.Signals, waitMs: number): Promise<void> {
  killGroup(pid, signal);
  if (isClosed()) return;
  await new Promise<void>((resolve) => {
    const timer = setTimeout(done, waitMs);
    child.once('close', done);
    function done(): void {
      clearTimeout(timer);
      child.off('close', done);
      resolve();
    }
  });
}

/** Lets go of pipes a process outside the group (setsid) may still hold open. */
function release(child: ChildProcess): void {
  child.stdout?.destroy();
  child.stderr?.destroy();
}

/**
 * chaoslib.decode_bytes, approximated: UTF-8 (a BOM is dropped, as charset_normalizer's UTF-8-SIG
 * does). A stream over max-output keeps its head and tail, cut on character boundaries, marked.
 */
function decode(output: HeadTail, what: string): string {
  try {
    return output.text((bytes) => new TextDecoder('utf-8', { fatal: true }).decode(bytes), what, 'max-output');
  } catch {
    throw new ActivityFailed("Failed to decode bytes using encoding 'utf-8'");
  }
}

function abortError(signal: AbortSignal): Error {
  const error = new Error('process activity interrupted', { cause: signal.reason });
  error.name = 'AbortError';
  return error;
}

/** Python's OSError from Popen, e.g. "FileNotFoundError: [Errno 2] No such file or directory: 'x'". */
function spawnError(error: NodeJS.ErrnoException, file: string, cwd: string): Error {
  const code = error.code ?? '';
  const errno = (osConstants.errno as Record<string, number>)[code];
  if (errno === undefined) return error;
  let filename = file;
  if (code === 'ENOENT' && !isDirectory(cwd)) filename = cwd;
  const name = code === 'ENOENT' ? 'FileNotFoundError' : code === 'EACCES' || code === 'EPERM' ? 'PermissionError' : 'OSError';
  return pythonError(name, `[Errno ${errno}] ${strerror(code, -errno)}: ${pythonRepr(filename)}`, error);
}

const STRERROR: Readonly<Record<string, string>> = {
  ENOENT: 'No such file or directory',
  EACCES: 'Permission denied',
  EPERM: 'Operation not permitted',
  ENOEXEC: 'Exec format error',
  ENOTDIR: 'Not a directory',
  E2BIG: 'Argument list too long',
  ETXTBSY: 'Text file busy',
  ELOOP: 'Too many levels of symbolic links',
  ENAMETOOLONG: 'File name too long',
  ENOMEM: 'Cannot allocate memory',
  EAGAIN: 'Resource temporarily unavailable',
};

function strerror(code: string, uvErrno: number): string {
  const known = STRERROR[code];
  if (known) return known;
  const message = getSystemErrorMessage(uvErrno);
  return message.charAt(0).toUpperCase() + message.slice(1);
}

function pythonError(name: string, message: string, cause?: unknown): Error {
  const error = new Error(message, cause === undefined ? undefined : { cause });
  error.name = name;
  return error;
}

function fspathError(value: unknown): TypeError {
  return new TypeError(`expected str, bytes or os.PathLike object, not ${pythonTypeOf(value)}`);
}

function has(record: Readonly<Record<string, unknown>>, key: string): boolean {
  return Object.hasOwn(record, key) && record[key] !== undefined;
}

function isDirectory(p: string): boolean {
  try {
    return statSync(p).isDirectory();
  } catch {
    return false;
  }
}

/**
 * os.path.expanduser against `env`: `~` is $HOME (else the current user's home), `~user` is that
 * user's home from /etc/passwd (Python asks getpwnam; other NSS sources are not consulted).
 */
export function expandUser(p: string, env: Readonly<Record<string, string | undefined>>): string {
  if (!p.startsWith('~')) return p;
  let i = p.indexOf('/', 1);
  if (i < 0) i = p.length;
  let home: string | undefined;
  if (i === 1) {
    home = env.HOME;
    if (home === undefined) {
      try {
        home = userInfo().homedir;
      } catch {
        return p;
      }
    }
  } else {
    home = passwdHome(p.slice(1, i));
    if (home === undefined) return p;
  }
  home = home.replace(/\/+$/, '');
  return home + p.slice(i) || '/';
}

function passwdHome(user: string): string | undefined {
  let passwd: string;
  try {
    passwd = readFileSync('/etc/passwd', 'utf8');
  } catch {
    return undefined;
  }
  for (const line of passwd.split('\n')) {
    const fields = line.split(':');
    if (fields.length >= 7 && fields[0] === user) return fields[5];
  }
  return undefined;
}

/**
 * shutil.which(cmd) on POSIX: with a `/` in cmd, cmd itself if it is an executable non-directory;
 * otherwise the first `dir/cmd` (joined as os.path.join does, unnormalised) along `envPath`
 * (unset: the libc default "/bin:/usr/bin"; empty: nothing). Relative paths are taken from `cwd`.
 * Returns the path as Python would spell it, or null.
 */
export function pythonWhich(cmd: string, envPath: string | undefined, cwd: string): string | null {
  if (cmd.includes('/')) return accessible(cmd, cwd) ? cmd : null;
  const searchPath = envPath ?? '/bin:/usr/bin';
  if (!searchPath) return null;
  const seen = new Set<string>();
  for (const dir of searchPath.split(':')) {
    if (seen.has(dir)) continue;
    seen.add(dir);
    const name = dir === '' || dir.endsWith('/') ? dir + cmd : `${dir}/${cmd}`;
    if (accessible(name, cwd)) return name;
  }
  return null;
}

/** shutil._access_check: exists, executable (access(2), X_OK), not a directory. */
function accessible(file: string, cwd: string): boolean {
  const full = path.resolve(cwd, file);
  // Most of PATH lacks the program: a missing file is answered without an exception (costlier than the lookup).
  if (!existsSync(full)) return false;
  try {
    accessSync(full, fsConstants.F_OK | fsConstants.X_OK);
    return !statSync(full).isDirectory();
  } catch {
    return false;
  }
}
