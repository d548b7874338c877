// The documented limits (README "Limits") through the bundled CLI: what a pull request controls —
// experiment files, tolerances, what a target answers — cannot freeze a run or crash validation.
// Every guard below is against a hang, not a measure of speed.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { collect, runCli, runCliAsync, spawnCli } from '../support/cli.js';
import { writeCorpus } from '../support/corpus.js';
import { startToggleServer, type ToggleServer } from '../support/toggle-server.js';

const HANG_GUARD_MS = 90_000;

let target: ToggleServer;
beforeAll(async () => {
  target = await startToggleServer();
  target.body = `${'a'.repeat(44)}!`; // ^(a+)+$ tries 2^44 ways to fail on it
});
afterAll(() => target.close());

/** An experiment whose steady-state probe is judged by a regex that backtracks on the target's answer. */
function backtracking(): string {
  return JSON.stringify({
    title: 'a backtracking tolerance',
    description: 'the target answers 44 a and a !',
    'steady-state-hypothesis': {
      title: 'answers ok',
      probes: [
        {
          type: 'probe',
          name: 'answers-ok',
          tolerance: { type: 'regex', pattern: '^ok$|^(a+)+$', target: 'body' },
          provider: { type: 'http', url: `${target.url}/health`, timeout: 5 },
        },
      ],
    },
    method: [{ type: 'action', name: 'fault', provider: { type: 'http', url: `${target.url}/set/500`, timeout: 5 } }],
    rollbacks: [{ type: 'action', name: 'heal', provider: { type: 'http', url: `${target.url}/set/200`, timeout: 5 } }],
  });
}

type Journal = {
  status: string;
  steady_states: { before: { steady_state_met: boolean; probes: { status: string; exception?: string[] }[] } | null };
  rollbacks: { activity: { name: string }; status: string }[];
  'chaos-action': { verdict: string };
};

const journalOf = (dir: string): Journal => JSON.parse(readFileSync(path.join(dir, 'results', 'budget.journal.json'), 'utf8')) as Journal;

describe('limits during a run', () => {
  it(
    'a backtracking regex tolerance fails its probe with the budget message; the run finishes and writes its journal',
    async () => {
      const dir = writeCorpus([{ name: 'budget.json', content: backtracking() }]);
      target.hits.length = 0;
      const r = await runCliAsync(['run', '--journal-dir', path.join(dir, 'results'), path.join(dir, 'budget.json')]);
      expect(r.code).toBe(1);
      expect(r.stderr).toContain('did not finish within 1 s on 45 characters (the regex-timeout budget; raise it with --regex-timeout');
      const journal = journalOf(dir);
      expect(journal.steady_states.before?.steady_state_met).toBe(false);
      expect(journal.steady_states.before?.probes[0]?.status).toBe('failed');
      expect(journal.steady_states.before?.probes[0]?.exception?.[0]).toContain('the regex-timeout budget');
      expect(journal.rollbacks.map((r) => [r.activity.name, r.status])).toEqual([['heal', 'succeeded']]);
      expect(journal['chaos-action'].verdict).toBe('not-ready');
    },
    HANG_GUARD_MS,
  );

  it(
    'SIGTERM during a slow regex match is answered: the rollbacks play and the journal is written',
    async () => {
      const dir = writeCorpus([{ name: 'budget.json', content: backtracking() }]);
      const child = spawnCli(['run', '--verbose', '--regex-timeout', '1h', '--journal-dir', path.join(dir, 'results'), path.join(dir, 'budget.json')]);
      const done = collect(child);
      let stderr = '';
      child.stderr.on('data', (d: Buffer) => {
        stderr += d.toString();
        // The probe's answer is printed: its tolerance is being matched now, for up to an hour.
        if (stderr.includes('answers-ok =>') && child.signalCode === null && !stderr.includes('SIGTERM received')) child.kill('SIGTERM');
      });
      const r = await done;
      expect(r.code).toBe(1);
      expect(r.stderr).toContain('SIGTERM received: stopping the running activity, then playing the rollbacks');
      const journal = journalOf(dir);
      expect(journal.status).toBe('interrupted');
      expect(journal.rollbacks.map((r) => [r.activity.name, r.status])).toEqual([['heal', 'succeeded']]);
      expect(journal['chaos-action'].verdict).toBe('interrupted');
    },
    HANG_GUARD_MS,
  );

  it('refuses a regex-timeout that is not a positive duration up to an hour', () => {
    for (const bad of ['0', '-1s', '2h', 'soon']) {
      const r = runCli(['run', '--regex-timeout', bad, 'experiments']);
      expect(r.code).toBe(2);
      expect(r.stderr).toContain(`--regex-timeout ${bad}: expected a duration from 1ms to 1h`);
    }
  });
});

describe('limits of validation', () => {
  const probe = (tolerance: unknown) => ({
    title: 't',
    description: 'd',
    'steady-state-hypothesis': { title: 'h', probes: [{ type: 'probe', name: 'p', tolerance, provider: { type: 'http', url: 'http://127.0.0.1:9/' } }] },
    method: [],
  });

  it('a jsonpath of 20,000 segments is a validation error at the path (exit 2, not 3)', () => {
    const dir = writeCorpus([
      { name: 'path.json', content: JSON.stringify(probe({ type: 'jsonpath', path: `$${'.a'.repeat(20_000)}`, target: 'body' }), null, 1) },
    ]);
    const r = runCli(['validate', dir]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(
      /path\.json:\d+:\d+: error: hypothesis probe tolerance JSON path \$\.a\.a.*… \(40,001 characters\) is invalid: unexpected "\." at offset 2001: the path has more than 1000 segments/,
    );
    expect(r.stderr).not.toContain('internal error');
  });

  it(
    'a YAML merge-key bomb is rejected with its position',
    () => {
      const lines = ['title: merge keys', 'description: each level merges the one below ten times'];
      lines.push(`l0: &l0 {${Array.from({ length: 10 }, (_, i) => `k${i}: ${i}`).join(', ')}}`);
      for (let l = 1; l < 12; l++)
        lines.push(
          `l${l}: &l${l} {<<: [${Array(10)
            .fill(`*l${l - 1}`)
            .join(', ')}]}`,
        );
      for (let i = 0; i < 8_000; i++) lines.push(`f${i}: *l0`);
      const dir = writeCorpus([{ name: 'bomb.yaml', content: `${lines.join('\n')}\n` }]);
      const r = runCli(['validate', dir]);
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(
        /bomb\.yaml:\d+:\d+: error: invalid YAML: the document expands to more than 100,000 values \(every alias and merge key counted as it expands\)/,
      );
    },
    HANG_GUARD_MS,
  );

  it('YAML nested 1,000 deep and JSON nested 100,000 deep get the depth limit, not a stack overflow', () => {
    const dir = writeCorpus([
      { name: 'deep.yaml', content: `title: t\ndescription: d\nx: ${'['.repeat(1_000)}${']'.repeat(1_000)}\n` },
      { name: 'deep.json', content: `${'['.repeat(100_000)}${']'.repeat(100_000)}` },
    ]);
    const r = runCli(['validate', dir]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`${path.join(dir, 'deep.yaml')}:3:259: error: invalid YAML: the document nests deeper than 256 levels`);
    expect(r.stderr).toContain(`${path.join(dir, 'deep.json')}:1:257: error: invalid JSON: the document nests deeper than 256 levels`);
    expect(r.stderr).not.toContain('Maximum call stack size exceeded');
  });
});
