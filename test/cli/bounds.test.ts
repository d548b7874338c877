// What a hostile target, process or file can make a run cost, through the bundled CLI: the journal
// is always written (however deep the answer), outputs are cut at max-output and marked, an
// activity cannot outlast its deadline, and files that are not regular files, too large, or in a
// folder that cannot be listed are exit-2 errors, not hangs or crashes.
import { execFileSync, spawn } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type CliResult, cliPath, collect, runCliAsync } from '../support/cli.js';

const MiB = 1024 * 1024;
const tmp = mkdtempSync(path.join(tmpdir(), 'chaos-cli-bounds-'));
const sockets = new Set<Socket>();
let server: http.Server;
let base = '';

beforeAll(async () => {
  server = http.createServer((req, res) => {
    if (req.url === '/deep') {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(`${'['.repeat(200_000)}${']'.repeat(200_000)}`);
    } else if (req.url === '/big') {
      res.writeHead(200, { 'content-type': 'text/plain', 'content-length': String(20 * MiB) });
      res.end(Buffer.alloc(20 * MiB, 'a'));
    } else if (req.url === '/trickle') {
      res.writeHead(200, { 'content-type': 'text/plain' });
      const t = setInterval(() => res.write('x'), 50);
      res.on('close', () => clearInterval(t));
    }
    // /never: no answer at all
  });
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  for (const s of sockets) s.destroy();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  rmSync(tmp, { recursive: true, force: true });
});

/** The parts of a written journal these tests read. */
interface RunRecord {
  readonly output: { readonly body?: string; readonly stdout?: string };
  readonly exception?: string[];
}
interface WrittenJournal {
  readonly 'chaos-action': { readonly verdict: string };
  readonly steady_states: { readonly before: { readonly probes: RunRecord[] } };
  readonly run: RunRecord[];
}

let count = 0;
/** Writes an experiment and runs it; returns the CLI result and the journal as written. */
async function run(experiment: Record<string, unknown>, flags: string[] = []): Promise<{ r: CliResult; journal: WrittenJournal; journalBytes: number }> {
  const dir = path.join(tmp, `run-${++count}`);
  mkdirSync(dir);
  const file = path.join(dir, 'experiment.json');
  writeFileSync(file, JSON.stringify({ title: 't', description: 'd', ...experiment }));
  const journalDir = path.join(dir, 'out');
  const r = await runCliAsync(['run', '--journal-dir', journalDir, ...flags, file]);
  const journalFile = path.join(journalDir, 'experiment.journal.json');
  return { r, journal: JSON.parse(readFileSync(journalFile, 'utf8')), journalBytes: statSync(journalFile).size };
}

const hypothesis = (provider: Record<string, unknown>) => ({
  'steady-state-hypothesis': { title: 'h', probes: [{ type: 'probe', name: 'p', tolerance: 200, provider: { type: 'http', ...provider } }] },
  method: [],
});

describe('outputs are bounded and the journal is always written', () => {
  it('writes the journal of a target answering JSON nested 200,000 levels deep', async () => {
    const { r, journal } = await run(hypothesis({ url: `${base}/deep`, timeout: 5 }));
    expect(r.stderr).not.toContain('internal error');
    expect(r.code).toBe(0);
    expect(journal['chaos-action'].verdict).toBe('passed');
    expect(JSON.stringify(journal.steady_states.before.probes[0]?.output)).toContain('[chaos-action truncated: nested deeper than 64 levels]');
  });

  it('keeps the head of a 20 MB body, marked, and the journal stays small', async () => {
    const { r, journal, journalBytes } = await run(hypothesis({ url: `${base}/big`, timeout: 5 }), ['--max-output', '1MiB']);
    expect(r.code).toBe(0);
    const body = journal.steady_states.before.probes[0]?.output.body ?? '';
    expect(body.length).toBeLessThanOrEqual(MiB);
    expect(body).toContain('[chaos-action truncated: the body is longer than 1048576 bytes (Content-Length: 20971520)');
    expect(journalBytes).toBeLessThan(3 * MiB);
  });

  it('keeps the first and last halves of a process printing 50 MB, and the journal stays small', async () => {
    const print = { type: 'process', path: 'sh', arguments: ['-c', "printf BEGIN; head -c 52428800 /dev/zero | tr '\\0' x; printf END"] };
    const { r, journal, journalBytes } = await run({ method: [{ type: 'action', name: 'print', provider: print }] }, ['--max-output', '1MiB']);
    expect(r.code).toBe(0);
    const stdout = journal.run[0]?.output.stdout ?? '';
    expect(stdout.startsWith('BEGIN')).toBe(true);
    expect(stdout.endsWith('END')).toBe(true);
    expect(stdout).toMatch(/\[chaos-action truncated: \d+ bytes of stdout cut here; it was 52428808 bytes/);
    expect(journalBytes).toBeLessThan(2 * MiB);
  });
});

describe('deadlines', () => {
  it('fails a probe whose body trickles past its connect + read timeouts', async () => {
    const { r, journal } = await run(hypothesis({ url: `${base}/trickle`, timeout: 1 }));
    expect(r.code).toBe(1);
    expect(journal['chaos-action'].verdict).toBe('not-ready');
    expect(journal.steady_states.before.probes[0]?.exception).toEqual([
      'chaoslib.exceptions.ActivityFailed: activity took too long to complete (the answer took more than 2 s in all: its connect + read timeouts)\n',
    ]);
  });

  it('fails a probe without a timeout at --activity-timeout, against a target that never answers', async () => {
    const { r, journal } = await run(hypothesis({ url: `${base}/never` }), ['--activity-timeout', '1']);
    expect(r.code).toBe(1);
    expect(journal.steady_states.before.probes[0]?.exception).toEqual([
      'chaoslib.exceptions.ActivityFailed: activity took too long to complete (no timeout set: the deadline is 1 s, see activity-timeout)\n',
    ]);
  });
});

describe('files', () => {
  it('refuses a FIFO and a device given as experiments, with exit 2 and no hang', async () => {
    const dir = path.join(tmp, 'special');
    mkdirSync(dir);
    execFileSync('mkfifo', [path.join(dir, 'fifo.json')]);
    execFileSync('ln', ['-s', '/dev/urandom', path.join(dir, 'random.yaml')]);
    const r = await runCliAsync(['validate', path.join(dir, 'fifo.json'), path.join(dir, 'random.yaml')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('fifo.json:1:1: error: not a regular file (a FIFO): only regular files are read');
    expect(r.stderr).toContain('random.yaml:1:1: error: not a regular file (a character device): only regular files are read');
  });

  it('refuses a file over --max-file-size', async () => {
    const file = path.join(tmp, 'large.json');
    writeFileSync(file, JSON.stringify({ title: 't', description: 'x'.repeat(4096), method: [] }));
    const r = await runCliAsync(['validate', '--max-file-size', '1KiB', file]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('error: the file is 4,138 bytes; an experiment or var file may have at most 1,024 (max-file-size)');
  });

  it('reports a sub-folder that cannot be listed as an exit-2 error, not a crash', async () => {
    const dir = path.join(tmp, 'tree');
    mkdirSync(path.join(dir, 'locked'), { recursive: true });
    writeFileSync(path.join(dir, 'ok.json'), JSON.stringify({ title: 't', description: 'd', method: [] }));
    chmodSync(path.join(dir, 'locked'), 0o000);
    try {
      // root reads any folder: run the CLI as nobody then.
      const r = await runAsUnprivileged(['validate', dir]);
      expect(r.stderr).not.toContain('internal error');
      expect(r.code).toBe(2);
      expect(r.stderr).toContain(`${path.join(dir, 'locked')}:1:1: error: cannot list this folder: permission denied`);
    } finally {
      chmodSync(path.join(dir, 'locked'), 0o755);
    }
  });
});

/** The bundled CLI, as uid/gid 65534 when this process is root (else as ourselves). */
function runAsUnprivileged(args: string[]): Promise<CliResult> {
  const root = process.getuid?.() === 0;
  if (root) chmodSync(tmp, 0o755);
  const child = spawn(process.execPath, [cliPath, ...args], {
    env: { ...process.env, NO_COLOR: '1' },
    stdio: ['ignore', 'pipe', 'pipe'],
    ...(root ? { uid: 65534, gid: 65534, cwd: '/' } : {}),
  });
  return collect(child);
}
