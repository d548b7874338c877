// Sharding a suite across a matrix and merging the legs, through the bundled CLI: every leg
// validates the whole suite, runs its shard; the merge accounts for every experiment and never
// reads passed when a shard is missing.
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runCliUnderTest as runCli } from '../support/cli-under-test.js';

let dir = '';
/** An experiment whose method touches `ran/<name>`: what ran is what the folder holds. */
const write = (name: string, extra: Record<string, unknown> = {}): void => {
  const file = path.join(dir, 'experiments', name);
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(
    file,
    JSON.stringify({
      title: name,
      description: 'd',
      tags: ['nightly'],
      method: [{ type: 'action', name: 'touch', provider: { type: 'process', path: 'touch', arguments: [`ran/${name.replace(/\W/g, '_')}`] } }],
      ...extra,
    }),
  );
};
beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'chaos-shard-'));
  mkdirSync(path.join(dir, 'ran'));
  for (const n of ['a', 'b', 'c', 'd', 'e']) write(`${n}.json`);
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

interface Results {
  gate: string;
  experiments: { file: string; verdict: string; journal: string | null; environment?: string; duration: number }[];
  scope?: { key: string; shard: { index: number; count: number; balancedBy: string } | null; selection: { selected: number; found: number } };
  merged?: { problems: string[]; legs: unknown[] };
}
const results = (folder: string): Results => JSON.parse(readFileSync(path.join(dir, folder, 'results.json'), 'utf8')) as Results;
const leg = (shard: string, ...flags: string[]) =>
  runCli(['run', '--shard', shard, '--journal-dir', `legs/${shard.replace('/', '-of-')}`, ...flags, 'experiments'], { cwd: dir });
const ranFiles = (): string[] => readdirSync(path.join(dir, 'ran')).sort();

describe('run --shard', () => {
  it('three legs run every experiment exactly once, record their scope, and merge into one passing gate', async () => {
    const shards = [];
    for (const s of ['1/3', '2/3', '3/3']) shards.push(await leg(s));
    for (const r of shards) expect(r.code, r.stdout + r.stderr).toBe(0);
    expect(ranFiles()).toEqual(['a_json', 'b_json', 'c_json', 'd_json', 'e_json']);
    const legs = ['1-of-3', '2-of-3', '3-of-3'].map((s) => results(`legs/${s}`));
    expect(legs.map((l) => l.experiments.map((e) => path.basename(e.file)))).toEqual([['a.json', 'd.json'], ['b.json', 'e.json'], ['c.json']]);
    expect(legs[1]?.scope).toMatchObject({ key: 'default', shard: { index: 2, count: 3, balancedBy: 'count' }, selection: { selected: 5, found: 5 } });
    expect(shards[2]?.stdout).toContain('shard 3/3: 4 more selected experiment(s) run in the other shards');

    const m = await runCli(['merge', '--journal-dir', 'merged', 'legs/1-of-3', 'legs/2-of-3', 'legs/3-of-3'], { cwd: dir });
    expect(m.code, m.stdout + m.stderr).toBe(0);
    const merged = results('merged');
    expect(merged.gate).toBe('passed');
    expect(merged.merged?.problems).toEqual([]);
    expect(merged.experiments.map((e) => path.basename(e.file))).toEqual(['a.json', 'b.json', 'c.json', 'd.json', 'e.json']);
    for (const e of merged.experiments) expect(existsSync(path.join(dir, 'merged', e.journal as string)), e.journal as string).toBe(true);
    expect(readFileSync(path.join(dir, 'merged', 'report.md'), 'utf8')).toContain('merged 3 legs: default 1/3, 2/3, 3/3');
  });

  it('a missing shard fails the merged gate (exit 1) and says which shard', async () => {
    for (const s of ['1/3', '3/3']) expect((await leg(s)).code).toBe(0);
    const m = await runCli(['merge', '--journal-dir', 'merged', 'legs/1-of-3', 'legs/3-of-3'], { cwd: dir });
    expect(m.code).toBe(1);
    expect(m.stdout).toContain('shard 2/3 is missing: its experiments were not tested');
    expect(m.stdout).toContain('gate failed');
    expect(results('merged').gate).toBe('failed');
    expect(readFileSync(path.join(dir, 'merged', 'report.md'), 'utf8')).toContain('### ⛔ The merge found problems (the gate cannot pass)');
    // A folder without results.json (a leg that never wrote one) is said, and fails too.
    const n = await runCli(['merge', '--journal-dir', 'merged2', 'legs/1-of-3', 'legs/2-of-3', 'legs/3-of-3'], { cwd: dir });
    expect(n.code).toBe(1);
    expect(n.stdout).toContain('legs/2-of-3/results.json: no results.json');
  });

  it('--expect: an environment with no leg at all fails the merged gate and is named; a bad list is a usage error', async () => {
    // A leg's environment is its comment key (the action's input); a CLI run's is `default`.
    expect((await runCli(['run', '--journal-dir', 'legs/eu', 'experiments'], { cwd: dir })).code).toBe(0);
    const m = await runCli(['merge', '--expect', 'default,us', '--journal-dir', 'merged', 'legs/eu'], { cwd: dir });
    expect(m.code, m.stdout + m.stderr).toBe(1);
    expect(m.stdout).toContain('environment us has no results: none of its experiments were tested');
    expect(results('merged').experiments.at(-1)).toMatchObject({ verdict: 'interrupted', environment: 'us', journal: null });
    // Every expected environment present: passes as before.
    const ok = await runCli(['merge', '--expect', 'default', '--journal-dir', 'merged2', 'legs/eu'], { cwd: dir });
    expect(ok.code, ok.stdout + ok.stderr).toBe(0);
    const bad = await runCli(['merge', '--expect', 'a\u0007b', '--journal-dir', 'merged3', 'legs/eu'], { cwd: dir });
    expect(bad).toMatchObject({ code: 2, stderr: expect.stringContaining('--expect: an environment is a comment-key value') });
  });

  it('every leg validates the whole suite: an invalid experiment in another shard stops every leg before anything runs', async () => {
    write('z-broken.json', { method: [{ type: 'action', name: 'x', provider: { type: 'process' } }] });
    for (const s of ['1/3', '2/3', '3/3']) {
      const r = await leg(s);
      expect(r.code, s).toBe(2);
      expect(r.stderr).toContain('z-broken.json');
    }
    expect(ranFiles()).toEqual([]);
  });

  it('a shard with nothing to run says so, and the merge still sees it', async () => {
    for (const n of ['c', 'd', 'e']) rmSync(path.join(dir, 'experiments', `${n}.json`));
    const empty = await leg('3/3');
    expect(empty.code).toBe(0);
    expect(empty.stdout).toContain('shard 3/3: no experiments (the other shards run the 2 selected)');
    expect(results('legs/3-of-3')).toMatchObject({ experiments: [], scope: { shard: { index: 3, count: 3 } } });
    expect(readFileSync(path.join(dir, 'legs/3-of-3/report.md'), 'utf8')).toContain('shard 3/3: no experiments');
    for (const s of ['1/3', '2/3']) expect((await leg(s)).code).toBe(0);
    const m = await runCli(['merge', '--journal-dir', 'merged', 'legs/1-of-3', 'legs/2-of-3', 'legs/3-of-3'], { cwd: dir });
    expect(m.code, m.stdout).toBe(0);
    expect(results('merged').experiments).toHaveLength(2);
  });

  it('--durations balances by a previous run: the long experiment gets a shard of its own', async () => {
    // A previous run in which a.json took 100 s and the others 1 s.
    writeFileSync(
      path.join(dir, 'previous.json'),
      JSON.stringify({
        tool: 'chaos-action',
        experiments: ['a', 'b', 'c', 'd', 'e'].map((n) => ({ file: `experiments/${n}.json`, duration: n === 'a' ? 100 : 1 })),
      }),
    );
    for (const s of ['1/2', '2/2']) expect((await leg(s, '--durations', 'previous.json')).code).toBe(0);
    expect(results('legs/1-of-2').experiments.map((e) => path.basename(e.file))).toEqual(['a.json']);
    expect(results('legs/2-of-2').experiments.map((e) => path.basename(e.file))).toEqual(['b.json', 'c.json', 'd.json', 'e.json']);
    expect(results('legs/1-of-2').scope?.shard?.balancedBy).toBe('durations');
    // No such file (a first nightly run): by count, in every leg alike.
    expect((await leg('1/2', '--durations', 'none.json', '--journal-dir', 'count')).code).toBe(0);
    expect(results('count').scope?.shard?.balancedBy).toBe('count');
    // A file that is not a results.json is an error, before anything runs.
    writeFileSync(path.join(dir, 'bad.json'), '[1, 2]');
    const bad = await leg('1/2', '--durations', 'bad.json', '--journal-dir', 'bad');
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--durations bad.json: not a chaos-action results.json');
  });
});

describe('merge usage', () => {
  it('--help shows the options; no folder to merge, or merging into one of them, is a usage error', async () => {
    const help = await runCli(['merge', '--help'], { cwd: dir });
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('Usage: chaos-action merge --journal-dir OUT [options] DIR...');
    expect(help.stdout).toContain('--fail-on LIST');
    // Without --journal-dir the merged report goes to chaos-results, never into a folder it merges.
    expect(await runCli(['merge', 'chaos-results'], { cwd: dir })).toMatchObject({
      code: 2,
      stderr: expect.stringContaining('is also one of the folders to merge'),
    });
    expect(await runCli(['merge', '--journal-dir', 'out'], { cwd: dir })).toMatchObject({
      code: 2,
      stderr: expect.stringContaining('give the folders to merge'),
    });
    expect((await runCli(['--help'], { cwd: dir })).stdout).toContain('merge --journal-dir OUT DIR...');
  });
});
