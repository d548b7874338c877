// The process provider runs real child processes exactly as chaoslib's run_process_activity does
// (compared with the real chaoslib from the oracle virtualenv), and never leaves a process tree
// behind when it times out or is interrupted.
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { substitutionScope } from '../../src/experiment/substitution.js';
import { createProcessProvider, expandUser, pythonWhich, runProcessProvider } from '../../src/providers/process.js';
import { ActivityFailed, type ProviderContext } from '../../src/contract/provider.js';
import { runPythonOracle } from '../support/oracle.js';

type Json = Record<string, unknown>;

const tmp = realpathSync(mkdtempSync(path.join(tmpdir(), 'chaos-process-')));
const binDir = path.join(tmp, 'bin');
const home = path.join(tmp, 'home');
mkdirSync(binDir);
mkdirSync(path.join(home, 'bin'), { recursive: true });
// Prints its own $0 and arguments, so the path chaoslib resolved shows in the output.
const TOOL = '#!/bin/sh\nprintf \'%s|\' "$0" "$@"\n';
for (const file of [path.join(binDir, 'tool'), path.join(home, 'bin', 'tool')]) {
  writeFileSync(file, TOOL);
  chmodSync(file, 0o755);
}
writeFileSync(path.join(tmp, 'plain.txt'), 'not executable\n');

afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const PATH = `${binDir}:/usr/local/bin:/usr/bin:/bin`;
const baseEnv: Record<string, string> = { PATH, HOME: home, LC_ALL: 'C' };

function context(over: { configuration?: Json; secrets?: Json; env?: Record<string, string>; cwd?: string; signal?: AbortSignal } = {}): ProviderContext {
  const configuration = over.configuration ?? {};
  const secrets = over.secrets ?? {};
  return {
    scope: substitutionScope(configuration, secrets),
    hasVariables: Object.keys(configuration).length > 0 || Object.keys(secrets).length > 0,
    configuration,
    secrets,
    signal: over.signal ?? new AbortController().signal,
    env: over.env ?? baseEnv,
    cwd: over.cwd ?? tmp,
  };
}

/** Our result in the oracle's shape: the provider output, or {error, message}. */
async function outcome(provider: Json, ctx: ProviderContext): Promise<unknown> {
  try {
    return await runProcessProvider(provider, ctx);
  } catch (e) {
    const error = e as Error;
    return { error: error.name, message: error.message };
  }
}

/** Alive and not a zombie (an orphan may wait a while for a reaper). */
function isAlive(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) !== 'Z';
  } catch {
    try {
      process.kill(pid, 0);
      return true;
    } catch {
      return false;
    }
  }
}

/** Polls (bounded) until every pid is gone; returns those still alive. */
async function survivors(pids: number[]): Promise<number[]> {
  for (let i = 0; i < 200 && pids.some(isAlive); i++) await new Promise((r) => setTimeout(r, 25));
  return pids.filter(isAlive);
}

/** Polls (bounded) until each file holds a pid. */
async function readPids(files: string[]): Promise<number[]> {
  for (let i = 0; i < 400; i++) {
    const pids = files.map((f) => (existsSync(f) ? Number.parseInt(readFileSync(f, 'utf8'), 10) : Number.NaN));
    if (pids.every((p) => Number.isInteger(p) && p > 0)) return pids;
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error(`no pids in ${files.join(', ')}`);
}

function killQuietly(pid: number): void {
  try {
    process.kill(pid, 'SIGKILL');
  } catch {
    // already gone
  }
}

interface ParityCase {
  readonly name: string;
  readonly provider: Json;
  readonly configuration?: Json;
  readonly secrets?: Json;
  readonly env?: Record<string, string>;
  readonly cwd?: string;
}

const P = (fields: Json): Json => ({ type: 'process', ...fields });

const PARITY: ParityCase[] = [
  { name: 'string arguments go through the shell (a pipe works)', provider: P({ path: 'printf', arguments: "'%s\\n' hello world | tr a-z A-Z" }) },
  {
    name: '$$ reaches the shell as $ when there are variables',
    provider: P({ path: 'printf', arguments: "'%s\\n' $$HOME" }),
    configuration: { greeting: 'hi there' },
  },
  {
    name: '$name and ${name} are replaced by configuration values before the shell splits them',
    provider: P({ path: 'printf', arguments: "'[%s]' $greeting ${greeting}" }),
    configuration: { greeting: 'hi there' },
  },
  {
    name: '$HOME is left to the shell when it is not a configuration key',
    provider: P({ path: 'printf', arguments: "'%s\\n' $HOME" }),
    configuration: { greeting: 'x' },
  },
  {
    name: 'without configuration or secrets nothing is substituted',
    provider: P({ path: 'printf', arguments: '\'[%s]\' "$greeting"' }),
    env: { greeting: 'from-env' },
  },
  { name: 'any secret key is substituted', provider: P({ path: 'printf', arguments: "'%s\\n' ${password}" }), secrets: { db: { password: 's3cr3t' } } },
  { name: "list arguments are exec'd without a shell", provider: P({ path: 'printf', arguments: ['%s\\n', 'a;b', '$HOME', '*', '`id`'] }) },
  {
    name: 'list items are str()-ed the Python way, None and "" dropped',
    provider: P({ path: 'printf', arguments: ['%s|', true, 1.5, null, '', 0, false, [1, 'a'], { a: 1 }, '${n}', '${flag}', 'x=${n}'] }),
    configuration: { n: 5, flag: true },
  },
  {
    name: 'a dict is flattened to key, value… and empty values leave a bare flag',
    provider: P({ path: 'printf', arguments: { '%s|': '', '--flag': '', '--name': 'x', '--n': 3, '--none': null, '--zero': 0, '--list': [1, 'b'] } }),
  },
  {
    name: "arguments that are exactly ${name} take the list value and are exec'd",
    provider: P({ path: 'printf', arguments: '${args}' }),
    configuration: { args: ['%s;', 'a b', 'c'] },
  },
  { name: 'arguments that are exactly ${name} of a number are not iterable', provider: P({ path: 'printf', arguments: '${n}' }), configuration: { n: 5 } },
  { name: 'null arguments are not iterable', provider: P({ path: 'printf', arguments: null }) },
  { name: 'exit code and both streams are returned', provider: P({ path: 'sh', arguments: ['-c', 'echo out; echo err >&2; exit 3'] }) },
  { name: 'a process killed by a signal has the negative signal number as status', provider: P({ path: 'sh', arguments: ['-c', 'kill -TERM $$'] }) },
  { name: 'a process outliving its timeout fails the activity', provider: P({ path: 'sleep', arguments: ['5'], timeout: 0.3 }) },
  { name: 'a zero timeout always fails the activity', provider: P({ path: 'true', timeout: 0 }) },
  { name: 'a string timeout is a TypeError', provider: P({ path: 'true', timeout: '5' }) },
  { name: 'a path not found runs "None …" through the shell', provider: P({ path: 'no-such-program-here', arguments: '-v' }) },
  { name: 'a path not found with list arguments is a TypeError', provider: P({ path: 'no-such-program-here', arguments: ['-v'] }) },
  { name: 'a non-executable path is not found', provider: P({ path: path.join(tmp, 'plain.txt'), arguments: [] }) },
  { name: 'a missing path is a KeyError', provider: P({ arguments: ['x'] }) },
  { name: 'a non-string path is a TypeError', provider: P({ path: 42, arguments: ['x'] }) },
  { name: '~ is expanded from HOME', provider: P({ path: '~/bin/tool', arguments: ['a'] }) },
  { name: 'a relative path is taken from the working directory', provider: P({ path: './bin/tool', arguments: ['b'] }) },
  { name: 'the PATH entry is joined unnormalised', provider: P({ path: 'tool', arguments: 'c' }), env: { PATH: `${binDir}//:/usr/bin:/bin` } },
  { name: 'empty string arguments run the bare path through the shell', provider: P({ path: 'tool', arguments: '' }) },
  { name: 'no arguments run the path alone, in the working directory', provider: P({ path: 'pwd' }) },
  { name: 'the child sees the given environment', provider: P({ path: 'printenv', arguments: ['FOO'] }), env: { FOO: 'bar' } },
  { name: 'UTF-8 output is decoded', provider: P({ path: 'printf', arguments: ['%s\\n', 'héllo wörld 日本語'] }) },
  { name: 'a UTF-8 BOM is dropped', provider: P({ path: 'printf', arguments: ['\\357\\273\\277hi\\n'] }) },
  { name: 'stdin is empty', provider: P({ path: 'cat' }) },
];

// The invalid-UTF-8 case is compared separately: a deliberate difference.
const INVALID_UTF8: ParityCase = { name: 'invalid UTF-8', provider: P({ path: 'printf', arguments: ['\\377\\n'] }) };

const PY = String.raw`
import json, logging, os, sys
logging.disable(logging.CRITICAL)
from chaoslib.provider.process import run_process_activity
out = []
for case in json.load(sys.stdin):
    os.environ.clear()
    os.environ.update(case["env"])
    os.chdir(case["cwd"])
    activity = {"type": "action", "name": case["name"], "provider": case["provider"]}
    try:
        out.append(run_process_activity(activity, case["configuration"], case["secrets"]))
    except Exception as e:
        out.append({"error": type(e).__name__, "message": str(e)})
json.dump(out, sys.stdout)
`;

function caseEnv(c: ParityCase): Record<string, string> {
  return { ...baseEnv, ...c.env };
}

describe('parity with chaoslib run_process_activity', () => {
  const all = [...PARITY, INVALID_UTF8];
  const expected = runPythonOracle<unknown[]>(
    PY,
    all.map((c) => ({
      name: c.name,
      provider: c.provider,
      configuration: c.configuration ?? null,
      secrets: c.secrets ?? null,
      env: caseEnv(c),
      cwd: c.cwd ?? tmp,
    })),
  );

  it.each(PARITY.map((c, i) => [c.name, c, expected[i]] as const))('%s', async (_name, c, want) => {
    const ctx = context({ configuration: c.configuration, secrets: c.secrets, env: caseEnv(c), cwd: c.cwd });
    expect(await outcome(c.provider, ctx)).toEqual(want);
  });

  it('invalid UTF-8 fails the activity, where chaoslib decodes it with a guessed charset', async () => {
    // Deliberate difference: chaoslib lets charset_normalizer pick a codec (here utf_16_le, at
    // 80 %) and returns whatever that gives; we decode strict UTF-8 and raise the
    // ActivityFailed chaoslib raises when its decoding fails.
    const theirs = expected[PARITY.length] as Json;
    expect(theirs.error).toBeUndefined();
    expect(theirs.status).toBe(0);
    const ours = await outcome(INVALID_UTF8.provider, context({ env: caseEnv(INVALID_UTF8) }));
    expect(ours).toEqual({ error: 'ActivityFailed', message: "Failed to decode bytes using encoding 'utf-8'" });
  });
});

describe('process provider', () => {
  it('runs string arguments through /bin/sh, so pipes and redirections work', async () => {
    const r = await runProcessProvider(P({ path: 'printf', arguments: "'%s\\n' one two | wc -l; echo err 1>&2" }), context());
    expect(r).toEqual({ status: 0, stdout: '2\n', stderr: 'err\n' });
  });

  it('turns $$ into a $ the shell then expands, when there are variables', async () => {
    const r = await runProcessProvider(P({ path: 'printf', arguments: "'%s' $$HOME" }), context({ configuration: { x: 1 } }));
    expect(r).toEqual({ status: 0, stdout: home, stderr: '' });
  });

  it('leaves $HOME to the shell when HOME is not a configuration key', async () => {
    const r = await runProcessProvider(P({ path: 'printf', arguments: "'%s' $HOME" }), context({ configuration: { x: 1 } }));
    expect(r).toEqual({ status: 0, stdout: home, stderr: '' });
  });

  it('replaces $name when name is a configuration key', async () => {
    const r = await runProcessProvider(P({ path: 'printf', arguments: "'%s' $HOME" }), context({ configuration: { HOME: '/configured' } }));
    expect(r).toEqual({ status: 0, stdout: '/configured', stderr: '' });
  });

  it('does not substitute anything without configuration or secrets', async () => {
    const r = await runProcessProvider(P({ path: 'printf', arguments: ['%s', '${x}$$'] }), context());
    expect(r).toEqual({ status: 0, stdout: '${x}$$', stderr: '' });
  });

  it('execs list arguments without a shell, so a ; stays literal', async () => {
    const r = await runProcessProvider(P({ path: 'printf', arguments: ['%s\\n', 'a; echo injected', '$HOME'] }), context());
    expect(r).toEqual({ status: 0, stdout: 'a; echo injected\n$HOME\n', stderr: '' });
  });

  it('str()s list items the Python way and drops None and ""', async () => {
    const r = await runProcessProvider(P({ path: 'printf', arguments: ['%s|', true, 1.5, null, '', 0, false, [1, 'a']] }), context());
    expect(r).toEqual({ status: 0, stdout: "True|1.5|0|False|[1, 'a']|", stderr: '' });
  });

  it('flattens dict arguments, an empty value leaving a bare flag', async () => {
    const r = await runProcessProvider(P({ path: 'printf', arguments: { '%s|': '', '--verbose': '', '--name': 'x', '--skip': null } }), context());
    expect(r).toEqual({ status: 0, stdout: '--verbose|--name|x|--skip|', stderr: '' });
  });

  it('returns a non-zero exit code as the status', async () => {
    const r = await runProcessProvider(P({ path: 'sh', arguments: ['-c', 'exit 42'] }), context());
    expect(r).toEqual({ status: 42, stdout: '', stderr: '' });
  });

  it('returns minus the signal number when the process is killed by a signal', async () => {
    const r = await runProcessProvider(P({ path: 'sh', arguments: ['-c', 'kill -KILL $$'] }), context());
    expect(r).toEqual({ status: -9, stdout: '', stderr: '' });
  });

  it('kills the whole process tree on timeout and fails the activity', async () => {
    const [childFile, grandchildFile] = [path.join(tmp, 'timeout-child.pid'), path.join(tmp, 'timeout-grandchild.pid')];
    const script = `echo $$ > '${childFile}'; sleep 60 & echo $! > '${grandchildFile}'; wait`;
    const run = runProcessProvider(P({ path: 'sh', arguments: ['-c', script], timeout: 2 }), context());
    await expect(run).rejects.toThrow(new ActivityFailed('process activity took too long to complete'));
    await expect(run).rejects.toBeInstanceOf(ActivityFailed);
    const pids = await readPids([childFile, grandchildFile]);
    try {
      expect(await survivors(pids)).toEqual([]);
    } finally {
      pids.forEach(killQuietly);
    }
  });

  it('kills the whole process group at once when the run is interrupted', async () => {
    const [childFile, grandchildFile] = [path.join(tmp, 'abort-child.pid'), path.join(tmp, 'abort-grandchild.pid')];
    const script = `
      const { spawn } = require('node:child_process');
      const fs = require('node:fs');
      fs.writeFileSync(process.argv[1], String(process.pid));
      const g = spawn('sleep', ['60'], { stdio: 'ignore' });
      fs.writeFileSync(process.argv[2], String(g.pid));
      setInterval(() => {}, 1000);`;
    const controller = new AbortController();
    const run = runProcessProvider(P({ path: process.execPath, arguments: ['-e', script, childFile, grandchildFile] }), context({ signal: controller.signal }));
    const pids = await readPids([childFile, grandchildFile]);
    try {
      controller.abort(new Error('interrupted'));
      await expect(run).rejects.toMatchObject({ name: 'AbortError' });
      expect(await survivors(pids)).toEqual([]);
    } finally {
      pids.forEach(killQuietly);
    }
  });

  it('SIGKILLs a process group that ignores SIGTERM once the grace is over', async () => {
    const [childFile, grandchildFile] = [path.join(tmp, 'stubborn-child.pid'), path.join(tmp, 'stubborn-grandchild.pid')];
    const script = `trap '' TERM; echo $$ > '${childFile}'; sh -c "trap '' TERM; echo \\$\\$ > '${grandchildFile}'; while :; do sleep 1; done" & wait`;
    const controller = new AbortController();
    const provider = createProcessProvider({ abortGraceMs: 200 });
    const run = provider(P({ path: 'sh', arguments: ['-c', script] }), context({ signal: controller.signal }));
    const pids = await readPids([childFile, grandchildFile]);
    try {
      controller.abort();
      await expect(run).rejects.toMatchObject({ name: 'AbortError' });
      expect(await survivors(pids)).toEqual([]);
    } finally {
      pids.forEach(killQuietly);
    }
  });

  it('does not start anything when the run is already interrupted', async () => {
    const marker = path.join(tmp, 'must-not-exist');
    const controller = new AbortController();
    controller.abort();
    await expect(runProcessProvider(P({ path: 'touch', arguments: [marker] }), context({ signal: controller.signal }))).rejects.toMatchObject({
      name: 'AbortError',
    });
    expect(existsSync(marker)).toBe(false);
  });

  it('leaves a background job with detached output running, as chaoslib does', async () => {
    const r = (await runProcessProvider(P({ path: 'sh', arguments: ['-c', 'sleep 60 >/dev/null 2>&1 & echo $!'] }), context())) as Json;
    const pid = Number.parseInt(String(r.stdout), 10);
    try {
      expect(isAlive(pid)).toBe(true);
    } finally {
      killQuietly(pid);
    }
  });

  it('kills the background jobs too when asked to reap on exit', async () => {
    const provider = createProcessProvider({ reapOnExit: true });
    const r = (await provider(P({ path: 'sh', arguments: ['-c', 'sleep 60 >/dev/null 2>&1 & echo $!'] }), context())) as Json;
    const pid = Number.parseInt(String(r.stdout), 10);
    try {
      expect(await survivors([pid])).toEqual([]);
    } finally {
      killQuietly(pid);
    }
  });

  it('gives the child ctx.env only, not the runner environment', async () => {
    process.env.CHAOS_PROCESS_TEST_LEAK = 'leaked';
    try {
      const env = { PATH, ONLY_THIS: 'visible' };
      const r = await runProcessProvider(P({ path: 'sh', arguments: ['-c', 'echo "$ONLY_THIS ${CHAOS_PROCESS_TEST_LEAK:-absent}"'] }), context({ env }));
      expect(r).toEqual({ status: 0, stdout: 'visible absent\n', stderr: '' });
    } finally {
      delete process.env.CHAOS_PROCESS_TEST_LEAK;
    }
  });

  it('runs in ctx.cwd', async () => {
    const r = await runProcessProvider(P({ path: 'pwd' }), context({ cwd: home }));
    expect(r).toEqual({ status: 0, stdout: `${home}\n`, stderr: '' });
  });

  it('fails the activity on output that is not UTF-8', async () => {
    const run = runProcessProvider(P({ path: 'sh', arguments: ['-c', "printf 'ok\\n'; printf '\\377' >&2"] }), context());
    await expect(run).rejects.toThrow(new ActivityFailed("Failed to decode bytes using encoding 'utf-8'"));
  });

  it('collects several megabytes of output on both streams in full', async () => {
    const script = 'head -c 8000000 /dev/zero | tr "\\0" a; head -c 3000000 /dev/zero | tr "\\0" b >&2';
    const r = (await runProcessProvider(P({ path: 'sh', arguments: ['-c', script] }), context())) as { status: number; stdout: string; stderr: string };
    expect(r.status).toBe(0);
    expect(r.stdout.length).toBe(8_000_000);
    expect(r.stderr.length).toBe(3_000_000);
    expect(/^a+$/.test(r.stdout) && /^b+$/.test(r.stderr)).toBe(true);
  });

  it("reports an executable that cannot start as Python's OSError", async () => {
    // The path is resolved at run time, so a missing working directory is what fails here.
    const missing = path.join(tmp, 'no-such-dir');
    const run = runProcessProvider(P({ path: '/bin/echo', arguments: ['x'] }), context({ cwd: missing }));
    await expect(run).rejects.toMatchObject({ name: 'FileNotFoundError', message: `[Errno 2] No such file or directory: '${missing}'` });
  });
});

describe('path resolution helpers', () => {
  it('expands ~ from HOME and ~user from /etc/passwd, and leaves unknown users alone', () => {
    expect(expandUser('~/x', { HOME: '/h/' })).toBe('/h/x');
    expect(expandUser('~', { HOME: '/' })).toBe('/');
    expect(expandUser('~root/x', {})).toBe(
      `${
        readFileSync('/etc/passwd', 'utf8')
          .split('\n')
          .find((l) => l.startsWith('root:'))
          ?.split(':')[5]
      }/x`,
    );
    expect(expandUser('~no-such-user-here/x', {})).toBe('~no-such-user-here/x');
    expect(expandUser('a/~/x', { HOME: '/h' })).toBe('a/~/x');
  });

  it('finds programs as shutil.which does', () => {
    expect(pythonWhich('tool', `/nonexistent::${binDir}/`, tmp)).toBe(`${binDir}/tool`);
    expect(pythonWhich('tool', '', tmp)).toBeNull();
    expect(pythonWhich('./bin/tool', '', tmp)).toBe('./bin/tool');
    expect(pythonWhich('bin', `${tmp}`, tmp)).toBeNull(); // a directory is never a program
    expect(pythonWhich('plain.txt', tmp, tmp)).toBeNull(); // nor a file without x permission
  });
});
