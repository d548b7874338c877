// `chaos-action run --parallel N` as a user runs it (the bundled CLI): experiments sharing a lock
// never overlap while independent ones do (their journals' start and end prove it), progress lines
// name their experiment, and SIGINT stops every running experiment and plays all their rollbacks.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { writeCorpus } from '../support/corpus.js';
import { runCliUnderTest, spawnCliUnderTest } from '../support/cli-under-test.js';

const sh = (name: string, script: string) => ({ type: 'action', name, provider: { type: 'process', path: 'sh', arguments: ['-c', script] } });

function experiment(title: string, method: unknown[], extra: Record<string, unknown> = {}) {
  return JSON.stringify({ title, description: 'd', method, ...extra });
}

const withLocks = (locks: string[]) => ({ extensions: [{ name: 'chaos-action', locks }] });

/** Waits (a generous hang guard, not a timing) for `file` to exist; exits 3 if it never does. */
const awaitFile = (file: string): string => `i=0; while [ ! -e ${file} ]; do sleep 0.05; i=$((i+1)); if [ $i -gt 1200 ]; then exit 3; fi; done`;

interface Journal {
  start: string;
  end: string;
  status: string;
  run: { output?: { status?: number } }[];
  rollbacks: { status?: string }[];
  'chaos-action': { verdict: string };
}

const readJournal = (dir: string, name: string): Journal => JSON.parse(readFileSync(path.join(dir, 'results', `${name}.journal.json`), 'utf8')) as Journal;
const overlap = (a: Journal, b: Journal): boolean => a.start < b.end && b.start < a.end;

function waitFor(predicate: () => boolean, what: string, limitMs = 60_000): Promise<void> {
  return new Promise((resolve, reject) => {
    const started = Date.now();
    const tick = (): void => {
      if (predicate()) resolve();
      else if (Date.now() - started > limitMs) reject(new Error(`gave up waiting for ${what}`));
      else setTimeout(tick, 25);
    };
    tick();
  });
}

describe('running experiments in parallel', () => {
  it('never overlaps two experiments holding the same lock, while independent ones run together', async () => {
    const dir = writeCorpus([]);
    const mark = (n: string) => path.join(dir, `${n}.started`);
    // a and b hold db:orders. c and d each wait for the other to have started: they can only end
    // if they run at the same time. a also waits for c, so it overlaps with the independent ones.
    writeFileSync(
      path.join(dir, 'a-locked.json'),
      experiment('a', [sh('fault', `touch ${mark('a')}; ${awaitFile(mark('c'))}; sleep 0.5`)], withLocks(['db:orders'])),
    );
    writeFileSync(path.join(dir, 'b-locked.json'), experiment('b', [sh('fault', `touch ${mark('b')}; sleep 0.2`)], withLocks(['db:orders'])));
    writeFileSync(path.join(dir, 'c-free.json'), experiment('c', [sh('fault', `touch ${mark('c')}; ${awaitFile(mark('d'))}`)]));
    writeFileSync(path.join(dir, 'd-free.json'), experiment('d', [sh('fault', `touch ${mark('d')}; ${awaitFile(mark('c'))}`)]));
    const r = await runCliUnderTest(['run', '--parallel', '4', '--journal-dir', path.join(dir, 'results'), dir]);
    const [a, b, c, d] = ['a-locked', 'b-locked', 'c-free', 'd-free'].map((n) => readJournal(dir, n)) as [Journal, Journal, Journal, Journal];
    for (const j of [a, b, c, d]) expect(j.run[0]?.output?.status, r.stderr).toBe(0);
    expect(overlap(a, b)).toBe(false);
    expect(b.start >= a.end).toBe(true);
    expect(overlap(c, d)).toBe(true);
    expect(overlap(a, c)).toBe(true);
    // Every progress line about an experiment says which one; results keep the suite's order.
    expect(r.stderr).toContain('[1/4 a-locked] Running experiment: a');
    expect(r.stderr).toContain('[4/4 d-free] Running experiment: d');
    const results = JSON.parse(readFileSync(path.join(dir, 'results', 'results.json'), 'utf8')) as { experiments: { file: string }[] };
    expect(results.experiments.map((e) => path.basename(e.file))).toEqual(['a-locked.json', 'b-locked.json', 'c-free.json', 'd-free.json']);
  });

  it('runs an exclusive experiment alone', async () => {
    const dir = writeCorpus([]);
    writeFileSync(path.join(dir, 'a.json'), experiment('a', [sh('fault', 'sleep 0.3')]));
    writeFileSync(path.join(dir, 'b-alone.json'), experiment('b', [sh('fault', 'sleep 0.3')], { extensions: [{ name: 'chaos-action', exclusive: true }] }));
    writeFileSync(path.join(dir, 'c.json'), experiment('c', [sh('fault', 'sleep 0.3')]));
    const r = await runCliUnderTest(['run', '--parallel', '3', '--journal-dir', path.join(dir, 'results'), dir]);
    const [a, b, c] = ['a', 'b-alone', 'c'].map((n) => readJournal(dir, n)) as [Journal, Journal, Journal];
    expect(a.run[0]?.output?.status, r.stderr).toBe(0);
    expect(overlap(a, b)).toBe(false);
    expect(overlap(b, c)).toBe(false);
  });

  it('SIGINT stops every running experiment and plays all their rollbacks; those not started are interrupted, and the gate fails', async () => {
    const dir = writeCorpus([]);
    const file = (n: string, what: string) => path.join(dir, `${n}.${what}`);
    const faulty = (n: string, extra: Record<string, unknown> = {}) =>
      experiment(n, [sh('fault', `touch ${file(n, 'in-method')}; sleep 60`)], { rollbacks: [sh('revert', `touch ${file(n, 'rolled-back')}`)], ...extra });
    writeFileSync(path.join(dir, 'a.json'), faulty('a', withLocks(['shared'])));
    writeFileSync(path.join(dir, 'b.json'), faulty('b'));
    writeFileSync(path.join(dir, 'c.json'), faulty('c'));
    // Waits for a's lock: never started when the signal comes.
    writeFileSync(path.join(dir, 'd.json'), faulty('d', withLocks(['shared'])));
    const child = spawnCliUnderTest(['run', '--parallel', '4', '--journal-dir', path.join(dir, 'results'), dir]);
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    await waitFor(() => ['a', 'b', 'c'].every((n) => existsSync(file(n, 'in-method'))), 'every running experiment to be in its method');
    child.kill('SIGINT');
    expect(await exited, stderr).toBe(1);
    for (const n of ['a', 'b', 'c']) {
      expect(existsSync(file(n, 'rolled-back')), `${n} rolled back`).toBe(true);
      const j = readJournal(dir, n);
      expect(j.status).toBe('interrupted');
      expect(j.rollbacks[0]?.status).toBe('succeeded');
      expect(j['chaos-action'].verdict).toBe('interrupted');
    }
    expect(existsSync(file('d', 'in-method'))).toBe(false);
    expect(existsSync(path.join(dir, 'results', 'd.journal.json'))).toBe(false);
    const results = JSON.parse(readFileSync(path.join(dir, 'results', 'results.json'), 'utf8')) as {
      gate: string;
      experiments: { file: string; verdict: string; journal: string | null }[];
    };
    expect(results.gate).toBe('failed');
    expect(results.experiments.map((e) => [path.basename(e.file), e.verdict])).toEqual([
      ['a.json', 'interrupted'],
      ['b.json', 'interrupted'],
      ['c.json', 'interrupted'],
      ['d.json', 'interrupted'],
    ]);
    expect(results.experiments[3]?.journal).toBeNull();
  });
  it('validate --format json lists the locks each experiment would hold, declared and inferred, and whether it is exclusive', async () => {
    const dir = writeCorpus([]);
    writeFileSync(
      path.join(dir, 'a.json'),
      experiment('a', [sh('fault', 'true')], { extensions: [{ name: 'chaos-action', locks: ['db:orders'], exclusive: true }] }),
    );
    writeFileSync(
      path.join(dir, 'b.json'),
      experiment(
        'b',
        [
          {
            type: 'action',
            name: 'stop',
            provider: { type: 'python', module: 'chaosaws.ec2.actions', func: 'stop_instance', arguments: { instance_id: '${id}' } },
          },
        ],
        {
          configuration: { id: 'i-0abc' },
        },
      ),
    );
    writeFileSync(path.join(dir, 'c.json'), experiment('c', [sh('fault', 'true')]));
    const r = await runCliUnderTest(['validate', '--format', 'json', dir]);
    expect(r.code, r.stdout + r.stderr).toBe(0);
    const files = (JSON.parse(r.stdout) as { files: { file: string; locks?: string[]; exclusive?: boolean }[] }).files;
    expect(files.map((f) => [path.basename(f.file), f.locks, f.exclusive])).toEqual([
      ['a.json', ['db:orders'], true],
      ['b.json', ['aws:ec2:instance:i-0abc'], undefined],
      ['c.json', undefined, undefined],
    ]);
  });
});
