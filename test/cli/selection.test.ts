// Selecting what runs, through the bundled CLI: tags, !tags, tags-match all, and exclude globs.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { runCli } from '../support/cli.js';

let dir = '';
beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'chaos-select-'));
  const write = (name: string, tags: string[]) => {
    const file = path.join(dir, 'experiments', name);
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(
      file,
      JSON.stringify({
        title: name,
        description: 'd',
        tags,
        'steady-state-hypothesis': { title: 't', probes: [{ type: 'probe', name: 'p', tolerance: 0, provider: { type: 'process', path: 'true' } }] },
        method: [{ type: 'action', name: 'a', provider: { type: 'process', path: 'true' } }],
      }),
    );
  };
  write('pr/fast.json', ['pr']);
  write('pr/slow.json', ['pr', 'slow']);
  write('nightly/db.json', ['nightly', 'db']);
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const ran = (...flags: string[]): { code: number | null; titles: string[]; stdout: string; stderr: string } => {
  const r = runCli(['run', '--journal-dir', 'out', ...flags, 'experiments'], { cwd: dir });
  const titles =
    r.code === 0
      ? (JSON.parse(readFileSync(path.join(dir, 'out', 'results.json'), 'utf8')) as { experiments: { title: string }[] }).experiments.map((e) => e.title)
      : [];
  return { ...r, titles };
};

it('runs the experiments the tags select, leaves out !tags, and says how many were not selected', () => {
  expect(ran('--tags', 'pr').titles).toEqual(['pr/fast.json', 'pr/slow.json']);
  const fast = ran('--tags', 'pr,!slow');
  expect(fast.titles).toEqual(['pr/fast.json']);
  expect(fast.stdout).toContain('2 more experiment(s) found but not selected by --tags');
  expect(ran('--tags', 'pr,slow', '--tags-match', 'all').titles).toEqual(['pr/slow.json']);
});

it('leaves files out by glob: neither validated nor run', () => {
  writeFileSync(path.join(dir, 'experiments', 'nightly', 'broken.json'), '{ not json');
  expect(ran('--exclude', 'experiments/nightly/**').titles).toEqual(['pr/fast.json', 'pr/slow.json']);
});

it('tags that select nothing are an error: a run of nothing never passes', () => {
  const r = ran('--tags', 'nope');
  expect(r.code).toBe(2);
  expect(r.stderr).toContain('no experiment matches the tags nope (tags-match any; 3 experiment(s) found)');
});
