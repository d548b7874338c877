// A run compared with an earlier one (`--baseline`), through the bundled CLI against a real local
// service whose outage is scripted: the second run's RTO is worse beyond the threshold, so its
// experiment reads regressed, which fails the gate only when fail-on lists it.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCliUnderTest as runCliAsync } from '../support/cli-under-test.js';
import { writeCorpus } from '../support/corpus.js';
import { type OutageServer, startOutageServer } from '../support/outage-server.js';

let target: OutageServer;
beforeAll(async () => {
  target = await startOutageServer();
});
afterAll(() => target.close());

/** An experiment whose fault takes the service down for `ms`; it samples until the service is back. */
const outage = (ms: number): string =>
  JSON.stringify({
    title: 'orders outage',
    description: 'd',
    configuration: { base: { type: 'env', key: 'TARGET' } },
    'steady-state-hypothesis': {
      title: 'h',
      probes: [{ type: 'probe', name: 'healthy', tolerance: 200, provider: { type: 'http', url: '${base}/health', timeout: 3 } }],
    },
    method: [{ type: 'action', name: 'outage', provider: { type: 'http', url: `\${base}/outage/${ms}` }, pauses: { after: ms / 1000 + 1 } }],
    extensions: [{ name: 'chaos-action', sampling: { interval: '100ms' }, objectives: { rto: '30s' } }],
  });

interface Results {
  gate: string;
  experiments: { verdict: string; reasons: string[]; rto: { observed: number }; history?: { sinceLast: { rto?: { from: number; delta: number } } } }[];
  record: { experiments: { file: string; verdict: string; rto: number }[]; commit: string | null };
  history?: { notes: string[] };
}
const read = (dir: string): Results => JSON.parse(readFileSync(path.join(dir, 'results.json'), 'utf8')) as Results;

describe('run --baseline', () => {
  it('reads regressed when the RTO got worse than the baseline by more than the threshold, and fails the gate only when fail-on lists it', async () => {
    const short = writeCorpus([{ name: 'orders.json', content: outage(200) }]);
    const first = await runCliAsync(['run', '--journal-dir', 'out', 'orders.json'], { env: { TARGET: target.url, GITHUB_SHA: 'c0ffee' }, cwd: short });
    expect(first.code, first.stderr).toBe(0);
    const before = read(path.join(short, 'out'));
    expect(before.record).toMatchObject({ commit: 'c0ffee', experiments: [{ verdict: 'passed', rto: before.experiments[0]?.rto.observed }] });
    // No baseline, no comparison: the report has no History section.
    expect(readFileSync(path.join(short, 'out', 'report.md'), 'utf8')).not.toContain('### History');

    const long = writeCorpus([{ name: 'orders.json', content: outage(2500) }]);
    const baseline = path.join(short, 'out', 'results.json');
    // Experiments are matched by their path as given (here the same, from another folder).
    const args = (out: string, ...more: string[]) => [
      'run',
      '--journal-dir',
      path.join(long, out),
      '--baseline',
      baseline,
      '--regression-threshold',
      '1s',
      ...more,
      'orders.json',
    ];
    const second = await runCliAsync(args('out'), { env: { TARGET: target.url }, cwd: long });
    expect(second.code, second.stderr).toBe(0);
    const after = read(path.join(long, 'out'));
    expect(after.experiments[0]?.verdict).toBe('regressed');
    expect(after.gate).toBe('passed');
    expect(after.experiments[0]?.reasons[0]).toMatch(/^regressed: RTO .* worse than the previous run .*threshold 1 s\)$/);
    expect(after.experiments[0]?.history?.sinceLast.rto?.from).toBe(before.experiments[0]?.rto.observed);
    // Its own record keeps the run's own verdict, for the runs after it.
    expect(after.record.experiments[0]?.verdict).toBe('passed');
    const report = readFileSync(path.join(long, 'out', 'report.md'), 'utf8');
    expect(report).toContain('📉 regressed');
    expect(report).toMatch(/\(▲ [\d.]+ s since the last run\)/);
    expect(report).toContain('### History');
    expect(report).toContain('```mermaid\nxychart-beta');

    const strict = await runCliAsync(args('strict', '--fail-on', 'regressed,failed'), { env: { TARGET: target.url }, cwd: long });
    expect(strict.code).toBe(1);
    expect(read(path.join(long, 'strict')).gate).toBe('failed');

    // The same comparison from the journals, after the fact.
    const reported = await runCliAsync(
      ['report', '--baseline', baseline, '--regression-threshold', '1s', '--journal-dir', 'reported', path.join('out', 'orders.journal.json')],
      {
        cwd: long,
      },
    );
    expect(reported.code, reported.stderr).toBe(0);
    const fromJournals = read(path.join(long, 'reported'));
    expect(fromJournals.experiments[0]?.verdict).toBe('regressed');
    expect(readFileSync(path.join(long, 'reported', 'report.md'), 'utf8')).toContain('### History');
  });

  it('says so when a baseline cannot be read, and runs anyway', async () => {
    const dir = writeCorpus([{ name: 'orders.json', content: outage(0) }]);
    const r = await runCliAsync(['run', '--journal-dir', path.join(dir, 'out'), '--baseline', path.join(dir, 'missing.json'), path.join(dir, 'orders.json')], {
      env: { TARGET: target.url },
    });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toContain(`baseline ${path.join(dir, 'missing.json')}: no such file`);
    expect(read(path.join(dir, 'out')).history?.notes).toEqual([`baseline ${path.join(dir, 'missing.json')}: no such file`]);
    expect(readFileSync(path.join(dir, 'out', 'report.md'), 'utf8')).toContain('No earlier run to compare with.');
  });

  it('refuses a threshold it cannot read', async () => {
    const r = await runCliAsync(['run', '--regression-threshold', 'fast', 'x.json']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--regression-threshold');
    expect(r.stderr).toContain('expected a share such as 25% or a duration such as 5s');
  });
});
