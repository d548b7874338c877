// Runs sharing a journal folder: one at a time, never a silent loss of another run's results.
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { collect, runCli, spawnCli } from '../support/cli.js';

let dir = '';
beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'chaos-lock-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

/** An experiment whose method waits for `release` to exist (bounded), so the test decides when it ends. */
function experiment(name: string, release: string): string {
  const file = path.join(dir, name, `${name}.json`);
  mkdirSync(path.dirname(file), { recursive: true });
  const wait = `for i in $(seq 1 600); do [ -e '${release}' ] && exit 0; sleep 0.1; done`;
  writeFileSync(
    file,
    JSON.stringify({
      title: name,
      description: 'waits for the test',
      'steady-state-hypothesis': { title: 't', probes: [{ type: 'probe', name: 'p', tolerance: 0, provider: { type: 'process', path: 'true' } }] },
      method: [{ type: 'action', name: 'wait', provider: { type: 'process', path: 'sh', arguments: ['-c', wait] } }],
    }),
  );
  return file;
}

async function until(check: () => boolean): Promise<void> {
  for (let i = 0; i < 1200 && !check(); i++) await new Promise((r) => setTimeout(r, 50));
  expect(check()).toBe(true);
}

it('a second run into a journal folder in use refuses it, naming the other run; the first keeps its results', async () => {
  const out = path.join(dir, 'out');
  const release = path.join(dir, 'release');
  const first = spawnCli(['run', '--journal-dir', out, experiment('first', release)]);
  const done = collect(first);
  await until(() => existsSync(path.join(out, '.chaos-action.lock')));
  const second = runCli(['run', '--journal-dir', out, experiment('second', path.join(dir, 'never'))]);
  expect(second.code).toBe(2);
  expect(second.stderr).toContain(`${out} is in use by another run (process `);
  writeFileSync(release, '');
  const r = await done;
  expect(r.code, r.stderr).toBe(0);
  const results = JSON.parse(readFileSync(path.join(out, 'results.json'), 'utf8')) as { experiments: { title: string }[] };
  expect(results.experiments.map((e) => e.title)).toEqual(['first']);
  expect(existsSync(path.join(out, '.chaos-action.lock'))).toBe(false);
});

it('a lock left by a run that died is taken over', () => {
  const out = path.join(dir, 'out');
  mkdirSync(out);
  // A process id that no process has (above the kernel's pid_max of 4194304).
  writeFileSync(path.join(out, '.chaos-action.lock'), '4194305\n');
  const release = path.join(dir, 'release');
  writeFileSync(release, '');
  const r = runCli(['run', '--journal-dir', out, experiment('alone', release)]);
  expect(r.code, r.stderr).toBe(0);
});
