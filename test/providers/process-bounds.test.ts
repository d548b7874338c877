// The process provider's bounds, with real child processes: stdout and stderr keep their first and
// last halves within max-output (the pipes still drained, so the child never blocks), cut on UTF-8
// character boundaries and marked; a process without a timeout has the run's deadline, after
// which its whole process group is killed.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { ActivityLimits } from '../../src/contract/limits.js';
import { ActivityFailed, type ProviderContext } from '../../src/contract/provider.js';
import { substitutionScope } from '../../src/experiment/substitution.js';
import { runProcessProvider } from '../../src/providers/process.js';

const MiB = 1024 * 1024;
const tmp = mkdtempSync(path.join(tmpdir(), 'chaos-process-bounds-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

function context(limits: ActivityLimits): ProviderContext {
  return {
    scope: substitutionScope({}, {}),
    hasVariables: false,
    secrets: {},
    configuration: {},
    signal: new AbortController().signal,
    env: { PATH: '/usr/local/bin:/usr/bin:/bin', LC_ALL: 'C' },
    cwd: tmp,
    limits,
  };
}

const sh = (script: string, extra: Record<string, unknown> = {}) => ({ type: 'process', path: 'sh', arguments: ['-c', script], ...extra });
type Output = { status: number; stdout: string; stderr: string };

describe('max-output', () => {
  it('keeps the first and last halves of a 50 MB stdout, marked, and lets the process finish', async () => {
    const script = "printf HEAD; head -c 52428800 /dev/zero | tr '\\0' x; printf TAIL; echo done >&2";
    const out = (await runProcessProvider(sh(script), context({ maxOutputBytes: MiB }))) as Output;
    expect(out.status).toBe(0);
    expect(out.stdout.length).toBeLessThanOrEqual(MiB);
    expect(out.stdout.startsWith('HEADxxx')).toBe(true);
    expect(out.stdout.endsWith('xxxTAIL')).toBe(true);
    expect(out.stdout).toMatch(
      /\n\[chaos-action truncated: \d+ bytes of stdout cut here; it was 52428808 bytes, the first \d+ and the last \d+ are kept \(max-output 1048576 bytes\)\]\n/,
    );
    expect(out.stderr).toBe('done\n');
  });

  it('cuts a long stderr of multi-byte characters on character boundaries (still valid UTF-8)', async () => {
    // 'é' is two bytes. With 4101 bytes kept, the head keeps 1922 bytes ('a' and 960.5 é) and the
    // tail 1923 (961.5 é): both raw cuts fall inside a character, which strict decoding refuses.
    const script = "process.stderr.write('a' + '\u00e9'.repeat(2e6))";
    const provider = { type: 'process', path: process.execPath, arguments: ['-e', script] };
    const out = (await runProcessProvider(provider, context({ maxOutputBytes: 4101 }))) as Output;
    expect(out.status).toBe(0);
    const [head, tail] = out.stderr.split(/\n\[chaos-action truncated: [^\]]*\]\n/);
    expect(head).toMatch(/^a\u00e9{960}$/);
    expect(tail).toMatch(/^\u00e9{961}$/);
    expect(out.stderr.length).toBeLessThanOrEqual(4101);
  });

  it('keeps an output within max-output whole', async () => {
    const out = (await runProcessProvider(sh('printf hello'), context({ maxOutputBytes: 1024 }))) as Output;
    expect(out).toEqual({ status: 0, stdout: 'hello', stderr: '' });
  });
});

describe('activity-timeout', () => {
  it('kills a process without a timeout at the run deadline, its whole group with it', async () => {
    const pidFile = path.join(tmp, 'grandchild.pid');
    const run = runProcessProvider(sh(`sleep 300 & echo $! > '${pidFile}'; wait`), context({ maxOutputBytes: MiB, activityTimeout: 1 }));
    await expect(run).rejects.toBeInstanceOf(ActivityFailed);
    await expect(run).rejects.toThrow('process activity took too long to complete (it sets no timeout: the deadline is 1 s, see activity-timeout)');
    const pid = Number(readFileSync(pidFile, 'utf8'));
    let alive = true;
    for (let i = 0; i < 200 && alive; i++) {
      alive = isAlive(pid);
      if (alive) await new Promise((r) => setTimeout(r, 25));
    }
    expect(alive).toBe(false);
  });

  it('leaves an explicit timeout as Chaos Toolkit means it', async () => {
    const run = runProcessProvider(sh('sleep 300', { timeout: 0.5 }), context({ maxOutputBytes: MiB, activityTimeout: 100 }));
    await expect(run).rejects.toThrow(new ActivityFailed('process activity took too long to complete'));
  });
});

/** Alive and not a zombie. */
function isAlive(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) !== 'Z';
  } catch {
    return false;
  }
}
