// Merging matrix legs: one gate over every environment and shard, which never reads passed when a
// shard is missing, a shard or an experiment appears twice, or the legs disagree.
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { mergeRun } from '../../src/app/merge-run.js';
import { renderReport } from '../../src/report/markdown.js';
import { legFolderName, mergeLegs, versionFamily } from '../../src/report/merge.js';
import { type ExperimentResult, type RunScope, summarize } from '../../src/report/results.js';
import { checkResults, type Leg, readDurations, readLeg } from '../../src/report/results-file.js';
import { DEFAULT_FAIL_ON, type Verdict } from '../../src/report/verdict.js';

const result = (file: string, verdict: Verdict = 'passed', duration = 1): ExperimentResult => ({
  file,
  title: `Title of ${file}`,
  verdict,
  reasons: verdict === 'passed' ? [] : [`why ${file} ${verdict}`],
  status: 'completed',
  deviated: verdict === 'deviated',
  steadyStateBefore: true,
  steadyStateAfter: verdict !== 'deviated',
  duration,
  journal: `${path.basename(file, '.json')}.journal.json`,
});

interface LegSpec {
  readonly key?: string;
  readonly shard?: [number, number] | null;
  readonly files: readonly (string | ExperimentResult)[];
  readonly selected?: number;
  readonly version?: string;
  readonly commit?: string | null;
  readonly balancedBy?: 'count' | 'durations';
  readonly rank?: number;
  readonly dir?: string;
}

function leg(spec: LegSpec): Leg {
  const experiments = spec.files.map((f) => (typeof f === 'string' ? result(f) : f));
  const shard = spec.shard === undefined ? null : spec.shard;
  const scope: RunScope = {
    key: spec.key ?? 'default',
    shard: shard ? { index: shard[0], count: shard[1], balancedBy: spec.balancedBy ?? 'count' } : null,
    selection: { tags: ['nightly'], tagsMatch: 'any', found: 10, selected: spec.selected ?? experiments.length },
    commit: spec.commit === undefined ? 'a'.repeat(40) : spec.commit,
  };
  const results = summarize(experiments, DEFAULT_FAIL_ON, spec.version ?? '0.1.0', null, { scope });
  const dir = spec.dir ?? `legs/${scope.key}-${shard ? shard.join('of') : 'all'}${spec.rank !== undefined ? `-${spec.rank}` : ''}`;
  return { dir, results, journals: experiments.map((e) => e.journal as string), ...(spec.rank !== undefined ? { rank: spec.rank } : {}) };
}

const options = { failOn: DEFAULT_FAIL_ON, version: '0.1.0' };

describe('mergeLegs', () => {
  it('every shard of every environment present: one passing gate, experiments by environment, journals one folder per leg', () => {
    const { results, journals } = mergeLegs(
      [
        leg({ key: 'staging', shard: [2, 2], files: ['e/b.json'], selected: 3 }),
        leg({ key: 'perf', shard: [1, 1], files: ['e/a.json', 'e/b.json'], selected: 2 }),
        leg({ key: 'staging', shard: [1, 2], files: ['e/c.json', 'e/a.json'], selected: 3 }),
      ],
      options,
    );
    expect(results.gate).toBe('passed');
    expect(results.merged?.problems).toEqual([]);
    expect(results.experiments.map((e) => `${e.environment} ${e.file} ${e.journal}`)).toEqual([
      'perf e/a.json perf-shard-1-of-1/a.journal.json',
      'perf e/b.json perf-shard-1-of-1/b.journal.json',
      'staging e/a.json staging-shard-1-of-2/a.journal.json',
      'staging e/b.json staging-shard-2-of-2/b.journal.json',
      'staging e/c.json staging-shard-1-of-2/c.journal.json',
    ]);
    expect(journals.map((j) => `${j.leg.dir}/${j.from} → ${j.to}`)).toContain('legs/staging-2of2/b.journal.json → staging-shard-2-of-2/b.journal.json');
    expect(results.counts.passed).toBe(5);
    const markdown = renderReport(results);
    // One table, a section row per environment.
    expect(markdown.match(/\| Experiment /g)).toHaveLength(1);
    expect(markdown).toMatch(/\| \*\*perf\*\* +\|/);
    expect(markdown).toMatch(/\| \*\*staging\*\* +\|/);
    expect(markdown.indexOf('**perf**')).toBeLessThan(markdown.indexOf('**staging**'));
    expect(markdown).toContain('merged 3 legs: perf 1/1; staging 1/2, 2/2');
  });

  it('a missing shard fails the gate, whatever fail-on says, and says which shard of which environment', () => {
    const merged = mergeLegs(
      [leg({ key: 'staging', shard: [1, 3], files: ['e/a.json'], selected: 3 }), leg({ key: 'staging', shard: [3, 3], files: ['e/c.json'], selected: 3 })],
      { ...options, failOn: ['deviated'] },
    );
    expect(merged.results.gate).toBe('failed');
    expect(merged.results.merged?.problems).toEqual([
      'shard 2/3 of staging is missing: its experiments were not tested (its leg failed before writing results, was cancelled, or its artifact was not found)',
    ]);
    const row = merged.results.experiments.at(-1);
    expect(row).toMatchObject({ title: 'shard 2/3 of staging: no results', verdict: 'interrupted', journal: null, environment: 'staging' });
    expect(merged.results.verdict).toBe('interrupted');
    const markdown = renderReport(merged.results);
    expect(markdown).toContain('## Chaos experiments: ⛔ interrupted — gate failed');
    expect(markdown).toContain('### ⛔ The merge found problems (the gate cannot pass)');
    expect(markdown).toContain('- shard 2/3 of staging is missing');
  });

  it('an expected environment without any leg fails the gate, whatever fail-on says; one not expected is a note', () => {
    const legs = [leg({ key: 'staging', files: ['e/a.json'] }), leg({ key: 'perf', files: ['e/a.json'] })];
    // Without the list nothing says eu was ever part of the matrix.
    expect(mergeLegs(legs, options).results.gate).toBe('passed');
    const merged = mergeLegs(legs, { ...options, failOn: ['deviated'], expect: ['staging', 'eu', 'staging'] });
    expect(merged.results.gate).toBe('failed');
    expect(merged.results.merged?.problems).toEqual([
      'environment eu has no results: none of its experiments were tested (every leg of it failed before writing results, was cancelled, or its artifacts were not found)',
    ]);
    expect(merged.results.experiments.at(-1)).toMatchObject({ title: 'environment eu: no results', verdict: 'interrupted', journal: null, environment: 'eu' });
    expect(merged.results.merged?.notes).toEqual(['results for perf, which the expected environments (staging, eu) do not list']);
    // Every expected environment present: the list changes nothing.
    expect(mergeLegs(legs, { ...options, expect: ['perf', 'staging'] }).results).toEqual(mergeLegs(legs, options).results);
  });

  it('nothing to merge is never a pass', () => {
    const { results } = mergeLegs([], options);
    expect(results.gate).toBe('failed');
    expect(results.merged?.problems).toEqual(['no results to merge: no leg left a results.json']);
  });

  it('a shard twice, or an experiment in two shards, fails the gate', () => {
    const twice = mergeLegs(
      [
        leg({ shard: [1, 2], files: ['e/a.json'], dir: 'x' }),
        leg({ shard: [1, 2], files: ['e/a.json'], dir: 'y' }),
        leg({ shard: [2, 2], files: ['e/b.json'] }),
      ],
      options,
    );
    expect(twice.results.gate).toBe('failed');
    expect(twice.results.merged?.problems).toContain('shard 1/2 appears twice (x and y): merge one result per shard');
    const overlap = mergeLegs(
      [leg({ shard: [1, 2], files: ['e/a.json'], dir: 'x', selected: 2 }), leg({ shard: [2, 2], files: ['e/a.json'], dir: 'y', selected: 2 })],
      options,
    );
    expect(overlap.results.merged?.problems).toContain('e/a.json ran twice (in x and y)');
    expect(overlap.results.gate).toBe('failed');
  });

  it("a re-run leg's later result replaces its earlier one (by rank), with a note", () => {
    const { results } = mergeLegs(
      [
        leg({ shard: [1, 2], files: [result('e/a.json', 'deviated')], rank: 10, dir: 'first', selected: 2 }),
        leg({ shard: [1, 2], files: ['e/a.json'], rank: 12, dir: 'rerun', selected: 2 }),
        leg({ shard: [2, 2], files: ['e/b.json'], rank: 11, selected: 2 }),
      ],
      options,
    );
    expect(results.gate).toBe('passed');
    expect(results.merged?.notes).toEqual(['shard 1/2: used the later results (rerun), not the earlier ones (first)']);
    expect(results.experiments.map((e) => e.verdict)).toEqual(['passed', 'passed']);
  });

  it('legs that disagree fail the gate: versions, commits, shard counts, balancing, what was selected', () => {
    const problems = (legs: Leg[]): readonly string[] => mergeLegs(legs, options).results.merged?.problems ?? [];
    expect(problems([leg({ files: ['a'], version: '0.1.0' }), leg({ key: 'b', files: ['a'], version: '0.2.0' })])).toEqual([
      'the legs ran different chaos-action versions (0.1.0, 0.2.0): their results cannot be compared',
    ]);
    expect(problems([leg({ files: ['a'], version: '0.1.0' }), leg({ key: 'b', files: ['a'], version: '0.1.3' })])).toEqual([]);
    expect(problems([leg({ files: ['a'] }), leg({ key: 'b', files: ['a'], commit: 'b'.repeat(40) })])).toEqual([
      'the legs tested different commits (aaaaaaa, bbbbbbb)',
    ]);
    expect(problems([leg({ shard: [1, 2], files: ['a'], selected: 2 }), leg({ shard: [2, 3], files: ['b'], selected: 2 })])).toContain(
      'the legs split the suite into different numbers of shards (2, 3)',
    );
    expect(problems([leg({ shard: [1, 2], files: ['a'], selected: 2 }), leg({ shard: [2, 2], files: ['b'], selected: 2, balancedBy: 'durations' })])).toContain(
      'the shards were balanced differently (count and durations): some experiments may have run twice and others not at all',
    );
    expect(problems([leg({ shard: [1, 2], files: ['a'], selected: 3 }), leg({ shard: [2, 2], files: ['b'], selected: 3 })])).toEqual([
      'the shards ran 2 experiments but the selection had 3: the legs did not split the same suite',
    ]);
  });

  it('a merged verdict listed in fail-on fails the gate as a run does; the legs keep their environment in the details', () => {
    const { results } = mergeLegs([leg({ key: 'perf', files: [result('e/a.json', 'deviated')] }), leg({ key: 'staging', files: ['e/a.json'] })], options);
    expect(results.gate).toBe('failed');
    expect(results.verdict).toBe('deviated');
    expect(renderReport(results)).toContain('**Title of e/a.json** (perf) — deviated');
  });

  it('names leg folders safely', () => {
    expect(legFolderName('staging', { index: 2, count: 4, balancedBy: 'count' })).toBe('staging-shard-2-of-4');
    expect(legFolderName('../etc/x y', null)).toBe('etc_x_y');
    expect(versionFamily('0.4.2')).toBe('0.4');
    expect(versionFamily('1.7.0')).toBe('1');
  });
});

describe('results.json read back', () => {
  let dirs: string[] = [];
  afterEach(() => {
    for (const d of dirs) rmSync(d, { recursive: true, force: true });
    dirs = [];
  });
  const temp = (): string => {
    const d = mkdtempSync(path.join(tmpdir(), 'chaos-merge-'));
    dirs.push(d);
    return d;
  };
  const writeLeg = (dir: string, l: Leg, journals = true): void => {
    mkdirSync(dir, { recursive: true });
    writeFileSync(path.join(dir, 'results.json'), JSON.stringify({ ...l.results, skipped: [] }));
    if (journals) for (const j of l.journals) writeFileSync(path.join(dir, j), '{"status":"completed"}');
  };

  it('checkResults refuses rows and scopes the reports could not read: malformed lists and objects, a huge shard count', () => {
    const row = { ...result('a') };
    const file = (extra: Record<string, unknown>, top: Record<string, unknown> = {}) => ({
      tool: 'chaos-action',
      version: '0.1.0',
      experiments: [{ ...row, ...extra }],
      ...top,
    });
    expect(checkResults(file({ plan: [null] }))).toMatchObject({ ok: false, problem: expect.stringContaining('malformed "plan"') });
    expect(checkResults(file({ rto: 'fast' }))).toMatchObject({ ok: false, problem: expect.stringContaining('malformed "rto"') });
    expect(checkResults(file({}, { skipped: { length: 1e9 } }))).toMatchObject({ ok: false, problem: expect.stringContaining('malformed "skipped"') });
    const scope = { key: 'k', selection: { selected: 1 }, shard: { index: 1, count: 1e9 } };
    expect(checkResults(file({}, { scope }))).toMatchObject({ ok: false, problem: expect.stringContaining('malformed "scope"') });
    expect(checkResults(file({}, { scope: { ...scope, shard: null, commit: 5 } }))).toMatchObject({ ok: false });
    expect(checkResults(file({ plan: [] }, { scope: { ...scope, shard: { index: 1, count: 4 }, commit: null } }))).toMatchObject({ ok: true });
  });

  it('checkResults refuses what is not a usable results.json, and journal names that leave the folder', () => {
    expect(checkResults({ tool: 'other' })).toMatchObject({ ok: false });
    expect(checkResults({ tool: 'chaos-action', version: '0.1.0', experiments: [{ ...result('a'), verdict: 'great' }] })).toMatchObject({
      ok: false,
      problem: 'experiments[0] (a) has an unknown verdict "great"',
    });
    for (const journal of ['../../etc/passwd', '/etc/passwd', 'a/../../b', 'a\\b'])
      expect(checkResults({ tool: 'chaos-action', version: '0.1.0', experiments: [{ ...result('a'), journal }] })).toMatchObject({ ok: false });
    expect(
      checkResults({ tool: 'chaos-action', version: '0.1.0', experiments: [{ ...result('a'), journal: 'staging-shard-1-of-2/a.journal.json' }] }),
    ).toMatchObject({ ok: true });
    expect(checkResults(JSON.parse(JSON.stringify(leg({ files: ['a'] }).results)))).toMatchObject({ ok: true });
  });

  it('readLeg says when results.json or a journal is missing', async () => {
    const root = temp();
    expect(await readLeg(path.join(root, 'nothing'))).toMatchObject({ ok: false, problem: expect.stringContaining('no results.json') });
    writeLeg(path.join(root, 'one'), leg({ files: ['e/a.json'] }), false);
    expect(await readLeg(path.join(root, 'one'))).toMatchObject({ ok: false, problem: expect.stringContaining('the journal of e/a.json is missing') });
  });

  it('mergeRun writes the merged results.json, report.md and journals; an unreadable leg is a problem of the gate', async () => {
    const root = temp();
    writeLeg(path.join(root, '1'), leg({ shard: [1, 2], files: ['e/a.json'], selected: 2 }));
    writeLeg(path.join(root, '2'), leg({ shard: [2, 2], files: ['e/b.json'], selected: 2 }));
    const out = path.join(root, 'merged');
    const ok = await mergeRun([path.join(root, '1'), path.join(root, '2')], out, options);
    expect(ok.kind).toBe('merged');
    if (ok.kind !== 'merged') return;
    expect(ok.merged.results.gate).toBe('passed');
    expect(ok.outputs.journals.map((j) => path.relative(out, j))).toEqual(['default-shard-1-of-2/a.journal.json', 'default-shard-2-of-2/b.journal.json']);
    for (const f of ['results.json', 'report.md', 'report.html']) expect(existsSync(path.join(out, f)), f).toBe(true);
    const bad = await mergeRun([path.join(root, '1'), path.join(root, 'missing')], path.join(root, 'merged2'), options);
    expect(bad.kind === 'merged' && bad.merged.results.gate).toBe('failed');
    expect(bad.kind === 'merged' && bad.merged.results.merged?.problems[0]).toContain(
      `cannot merge ${path.join(root, 'missing', 'results.json')}: no results.json`,
    );
    expect(bad.kind === 'merged' && bad.merged.results.merged?.problems[1]).toContain('shard 2/2 is missing');
    // The merged results are not a leg: merging them again is refused.
    expect(await readLeg(out)).toMatchObject({ ok: false, problem: expect.stringContaining('these are merged results') });
    expect(await mergeRun([out], out, options)).toMatchObject({ kind: 'no-journal-dir' });
  });

  it('mergeRun compares the merged run with earlier merged ones per environment, keeps a merge problem failing the gate, and writes JUnit', async () => {
    const root = temp();
    const timed = (file: string, rto: number): ExperimentResult => ({
      ...result(file),
      rto: { state: 'recovered', rto, observedFor: rto, objective: 60, observed: rto, impact: true } as ExperimentResult['rto'],
    });
    // The same file in two environments: perf's got worse since last night, staging's did not.
    writeLeg(path.join(root, 'staging'), leg({ key: 'staging', files: [timed('e/a.json', 30)] }));
    writeLeg(path.join(root, 'perf'), leg({ key: 'perf', files: [timed('e/a.json', 5)] }));
    const first = await mergeRun([path.join(root, 'staging'), path.join(root, 'perf')], path.join(root, 'night1'), options);
    expect(first.kind).toBe('merged');
    // Last night (the record of the merged run, as a later merge reads it back): staging 30 s, perf 1 s.
    const lastNight = JSON.parse(readFileSync(path.join(root, 'night1', 'results.json'), 'utf8'));
    for (const e of lastNight.record.experiments) e.rto = e.environment === 'staging' ? 30 : 1;
    const earlier = async () => ({ runs: [{ results: lastNight, date: '2026-12-06T02:00:00Z' }], notes: [] });
    const tonight = await mergeRun([path.join(root, 'staging'), path.join(root, 'perf')], path.join(root, 'night2'), {
      ...options,
      earlier,
      regressionThreshold: { kind: 'seconds', value: 3 },
      junit: path.join(root, 'night2', 'junit.xml'),
    });
    if (tonight.kind !== 'merged') throw new Error(tonight.kind);
    expect(tonight.merged.results.experiments.map((e) => [e.environment, e.verdict])).toEqual([
      ['perf', 'regressed'],
      ['staging', 'passed'],
    ]);
    expect(tonight.outputs.junit).toBe(path.join(root, 'night2', 'junit.xml'));
    expect(readFileSync(path.join(root, 'night2', 'report.md'), 'utf8')).toContain('### History');
    // A merge problem still fails the gate after the comparison.
    const missing = await mergeRun([path.join(root, 'staging'), path.join(root, 'nothing')], path.join(root, 'night3'), { ...options, earlier });
    expect(missing.kind === 'merged' && missing.merged.results.gate).toBe('failed');
  });

  it('readDurations: a missing file means by count; a file that is not results.json is an error', async () => {
    const root = temp();
    expect(await readDurations(path.join(root, 'none.json'))).toEqual({ ok: true, durations: undefined });
    writeFileSync(path.join(root, 'bad.json'), '{"x": 1}');
    expect(await readDurations(path.join(root, 'bad.json'))).toMatchObject({ ok: false });
    writeFileSync(path.join(root, 'r.json'), JSON.stringify(leg({ files: [result('e/a.json', 'passed', 12.5), result('e/b.json', 'passed', 3)] }).results));
    expect(await readDurations(path.join(root, 'r.json'))).toEqual({
      ok: true,
      durations: new Map([
        ['e/a.json', 12.5],
        ['e/b.json', 3],
      ]),
    });
  });
});
