// Stop conditions through the bundled CLI, as users meet them: a local target whose health fails
// one second into a ten second fault (a real process); the safeguards control and the extension's
// stop-conditions each stop the fault within their frequency + 1 s and play the rollback; the
// verdict is stopped and fails the gate; --stop-suite-on stopped starts no more experiments.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { runCliAsync } from '../support/cli.js';
import { writeCorpus } from '../support/corpus.js';
import { type DegradingTarget, degradingExperiment, healthGuard, safeguards, startDegradingTarget, stopConditions } from '../support/degrading-target.js';

const targets: DegradingTarget[] = [];
afterEach(async () => {
  for (const t of targets.splice(0)) await t.close();
});
const target = async (failAfterMs = 1000) => {
  const t = await startDegradingTarget(failAfterMs);
  targets.push(t);
  return t;
};

interface Results {
  gate: string;
  verdict: string;
  experiments: { file: string; verdict: string; reasons: string[]; journal: string | null; rollbacks?: string }[];
}
interface JournalFile {
  status: string;
  run: { activity: { name: string }; status?: string; end?: string }[];
  rollbacks: { activity: { name: string }; status?: string }[];
  'chaos-action': { verdict: string; stopped?: { guard: string; value: unknown; at: string; tolerance: unknown } };
}
const read = <T>(file: string): T => JSON.parse(readFileSync(file, 'utf8')) as T;

describe('stop conditions through chaos-action run', () => {
  it('the safeguards control and the stop-conditions extension each stop a fault that hurts, within the bound, and play its rollback', async () => {
    const [a, b] = [await target(), await target()];
    const dir = writeCorpus([
      { name: 'a-safeguards.json', content: JSON.stringify(degradingExperiment(a.url, safeguards([healthGuard(a.url, { frequency: 0.5 })]))) },
      { name: 'b-extension.json', content: JSON.stringify(degradingExperiment(b.url, stopConditions([healthGuard(b.url)], 0.5))) },
    ]);
    const out = path.join(dir, 'results');
    const r = await runCliAsync(['run', '--journal-dir', out, dir]);
    expect(r.code).toBe(1);
    const results = read<Results>(path.join(out, 'results.json'));
    expect(results.gate).toBe('failed');
    expect(results.experiments.map((e) => [path.basename(e.file), e.verdict, e.rollbacks])).toEqual([
      ['a-safeguards.json', 'stopped', 'played'],
      ['b-extension.json', 'stopped', 'played'],
    ]);
    for (const [experiment, t] of [
      [results.experiments[0], a],
      [results.experiments[1], b],
    ] as const) {
      expect(experiment?.reasons[0]).toMatch(/"health-guard" .*returned status 500.*; tolerance 200/);
      const journal = read<JournalFile>(path.join(out, experiment?.journal as string));
      expect(journal.status).toBe('interrupted');
      expect(journal['chaos-action'].stopped).toMatchObject({ guard: 'health-guard', tolerance: 200, value: { status: 500 } });
      expect(journal.rollbacks.map((x) => [x.activity.name, x.status])).toEqual([['heal', 'succeeded']]);
      expect(t.hits).toContain('/heal');
      const fault = journal.run.find((x) => x.activity.name === 'ten-second-fault');
      const first = t.firstFailureAt() as number;
      // The correctness bound: frequency + 1 s after the guard's first failing answer.
      expect((Date.parse(fault?.end as string) - first) / 1000).toBeLessThanOrEqual(0.5 + 1);
    }
    expect(r.stdout).toContain('stopped');
  }, 120_000);

  it('--stop-suite-on stopped starts no more experiments: the rest read interrupted ("not started"), never passed, and the gate fails', async () => {
    const t = await target(300);
    const passing = {
      title: 'would pass',
      description: 'd',
      method: [{ type: 'action', name: 'noop', provider: { type: 'process', path: process.execPath, arguments: ['-e', ''] } }],
    };
    const dir = writeCorpus([
      { name: 'a-stopped.json', content: JSON.stringify(degradingExperiment(t.url, stopConditions([healthGuard(t.url)], 0.2))) },
      { name: 'b-would-pass.json', content: JSON.stringify(passing) },
    ]);
    const out = path.join(dir, 'results');
    const r = await runCliAsync(['run', '--stop-suite-on', 'stopped,not-recovered', '--fail-on', 'failed', '--journal-dir', out, dir]);
    const results = read<Results>(path.join(out, 'results.json'));
    expect(results.experiments.map((e) => [path.basename(e.file), e.verdict, e.journal])).toEqual([
      ['a-stopped.json', 'stopped', expect.any(String)],
      ['b-would-pass.json', 'interrupted', null],
    ]);
    expect(results.experiments[1]?.reasons).toEqual([`not started: the suite stopped after ${results.experiments[0]?.file} (verdict stopped; stop-suite-on)`]);
    // fail-on leaves stopped and interrupted out: the step succeeds, but the gate never reads passed.
    expect(r.code).toBe(0);
    expect(results.gate).toBe('failed');
  }, 120_000);

  it('with --parallel 2, an experiment already running when the suite stops finishes; the ones waiting never start', async () => {
    const t = await target(300);
    const sleeper = (title: string, ms: number) => ({
      title,
      description: 'd',
      method: [{ type: 'action', name: 'work', provider: { type: 'process', path: process.execPath, arguments: ['-e', `setTimeout(() => {}, ${ms})`] } }],
    });
    const dir = writeCorpus([
      { name: 'a-stopped.json', content: JSON.stringify(degradingExperiment(t.url, stopConditions([healthGuard(t.url)], 0.2))) },
      { name: 'b-running.json', content: JSON.stringify(sleeper('already running', 6000)) },
      { name: 'c-waiting.json', content: JSON.stringify(sleeper('waiting', 10)) },
    ]);
    const out = path.join(dir, 'results');
    const r = await runCliAsync(['run', '--parallel', '2', '--stop-suite-on', 'stopped', '--journal-dir', out, dir]);
    expect(r.code).toBe(1);
    const results = read<Results>(path.join(out, 'results.json'));
    expect(results.experiments.map((e) => [path.basename(e.file), e.verdict])).toEqual([
      ['a-stopped.json', 'stopped'],
      ['b-running.json', 'passed'],
      ['c-waiting.json', 'interrupted'],
    ]);
    expect(results.experiments[2]?.reasons[0]).toMatch(/^not started: the suite stopped after .*a-stopped\.json \(verdict stopped; stop-suite-on\)$/);
  }, 120_000);
});
