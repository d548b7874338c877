// `chaos-action report` through the bundled CLI: real Chaos Toolkit journals (made here by the
// pinned `chaos` of the oracle virtualenv), hand-written journals of older chaoslib versions
// (test/fixtures/journals), our own journals and results.json, and bad input.
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../support/cli.js';
import { oracleChaos, repoRoot, requireOracle } from '../support/oracle.js';
import { validateXml, xpath } from '../support/xmllint.js';

const dir = mkdtempSync(path.join(tmpdir(), 'chaos-report-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const fixtures = path.join(repoRoot, 'test', 'fixtures', 'journals');

const sh = (name: string, script: string) => ({ type: 'action', name, provider: { type: 'process', path: 'sh', arguments: ['-c', script] } });
const probe = (name: string, script: string) => ({ type: 'probe', name, tolerance: 0, provider: { type: 'process', path: 'sh', arguments: ['-c', script] } });
const experiment = (title: string, extra: Record<string, unknown>) => ({
  title,
  description: 'made by the test',
  'steady-state-hypothesis': { title: 'flag absent', probes: [probe('no-flag', 'test ! -e flag')] },
  method: [sh('set-flag', 'touch flag')],
  rollbacks: [sh('clear-flag', 'rm -f flag')],
  ...extra,
});

/** The real `chaos run` on one experiment, in its own folder; returns the journal's path. */
function ctkJournal(name: string, doc: Record<string, unknown>, flags: string[] = []): string {
  const folder = path.join(dir, 'ctk', name);
  mkdirSync(folder, { recursive: true });
  writeFileSync(path.join(folder, 'experiment.json'), JSON.stringify(doc));
  const journal = path.join(dir, 'journals', `${name}.journal.json`);
  mkdirSync(path.dirname(journal), { recursive: true });
  const r = spawnSync(oracleChaos, ['--no-version-check', 'run', '--journal-path', journal, ...flags, 'experiment.json'], {
    cwd: folder,
    encoding: 'utf8',
    timeout: 120_000,
  });
  if (r.error) throw r.error;
  return journal;
}

interface Row {
  title: string;
  verdict: string;
  reasons: string[];
  duration: number;
  rto?: { state: string; why?: string };
  rollbacks?: string;
  journal: string | null;
}
const resultsIn = (out: string): { gate: string; experiments: Row[] } => JSON.parse(readFileSync(path.join(out, 'results.json'), 'utf8'));
const row = (rows: Row[], title: string): Row => {
  const found = rows.find((r) => r.title === title);
  if (!found) throw new Error(`no row "${title}" in ${rows.map((r) => r.title).join(', ')}`);
  return found;
};

let continuous = '';
beforeAll(() => {
  requireOracle();
  // Holds: the flag is cleared by the method's second action before the check after.
  ctkJournal('holds', experiment('ctk holds', { method: [sh('set-flag', 'touch flag'), sh('heal', 'rm -f flag')] }));
  ctkJournal('deviates', experiment('ctk deviates', {}));
  ctkJournal('action-fails', experiment('ctk action fails', { method: [sh('fails', 'echo boom >&2; exit 3')] }));
  ctkJournal('not-ready', experiment('ctk not ready', { 'steady-state-hypothesis': { title: 'never', probes: [probe('never', 'exit 1')] } }));
  continuous = ctkJournal('continuous', experiment('ctk continuous', { method: [sh('set-flag', 'touch flag; sleep 1; rm -f flag')] }), [
    '--hypothesis-strategy',
    'continuously',
    '--hypothesis-frequency',
    '0.2',
  ]);
  ctkJournal('no-rollbacks', experiment('ctk deviates, rollbacks skipped', {}), ['--rollback-strategy', 'never']);
  ctkJournal(
    'rto-objective',
    experiment('ctk with an RTO objective', { method: [sh('noop', 'true')], extensions: [{ name: 'chaos-action', objectives: { rto: '30s' } }] }),
  );
}, 300_000);

describe('chaos-action report', () => {
  it('renders real Chaos Toolkit journals, judged by our rules, and exits 1 as the gate fails', () => {
    const out = path.join(dir, 'out-ctk');
    const r = runCli(['report', '--journal-dir', out, path.join(dir, 'journals')]);
    expect(r.code, r.stderr).toBe(1);
    const { gate, experiments } = resultsIn(out);
    expect(gate).toBe('failed');
    expect(row(experiments, 'ctk holds').verdict).toBe('passed');
    expect(row(experiments, 'ctk holds').rto).toEqual({ state: 'not-measured', why: 'not sampled by Chaos Toolkit', observed: null, impact: null });
    expect(row(experiments, 'ctk deviates').verdict).toBe('deviated');
    // Chaos Toolkit exits 0 here; the gate does not.
    expect(row(experiments, 'ctk action fails').verdict).toBe('failed');
    expect(row(experiments, 'ctk action fails').reasons.join('\n')).toContain('method action "fails" did not take effect: exit code 3: boom');
    expect(row(experiments, 'ctk not ready').verdict).toBe('not-ready');
    // Checks during the method (not met while the flag was set), met after: as `run` judges it.
    expect(JSON.parse(readFileSync(continuous, 'utf8')).steady_states.during.length).toBeGreaterThan(0);
    expect(row(experiments, 'ctk continuous').verdict).toBe('passed');
    expect(row(experiments, 'ctk deviates, rollbacks skipped')).toMatchObject({ verdict: 'deviated', rollbacks: 'skipped' });
    // No sampler ran: an objective cannot be shown met.
    expect(row(experiments, 'ctk with an RTO objective').verdict).toBe('missed-objective');
    expect(row(experiments, 'ctk with an RTO objective').reasons[0]).toContain('observed RTO not measured (not sampled by Chaos Toolkit); RTO objective 30 s');
    const report = readFileSync(path.join(out, 'report.md'), 'utf8');
    expect(report).toContain('ctk deviates');
    expect(report).toContain('not measured (not sampled by Chaos Toolkit)');
    expect(r.stdout).toContain('gate failed');
  });

  it('renders hand-written journals of chaoslib 1.9 (naive timestamps, no during), 1.19, 1.41 and 1.44', () => {
    const out = path.join(dir, 'out-fixtures');
    const r = runCli(['report', '--journal-dir', out, fixtures]);
    expect(r.code, r.stderr).toBe(1);
    expect(r.stderr).toBe('');
    const { experiments } = resultsIn(out);
    expect(experiments.map((e) => [e.title, e.verdict])).toEqual([
      ['1.19 deviates', 'deviated'],
      ['1.41 probe errored', 'not-ready'],
      ['1.44 continuous, rollback fails', 'failed'],
      ['1.9 passes', 'passed'],
    ]);
    // 1.9 wrote no duration in this journal: from its naive start and end, read as UTC.
    expect(row(experiments, '1.9 passes').duration).toBeCloseTo(4.627, 2);
    expect(row(experiments, '1.44 continuous, rollback fails').rollbacks).toBe('owed');
    expect(row(experiments, '1.44 continuous, rollback fails').reasons[0]).toContain(
      'rollback "scale-up" failed, so a fault may be left behind: kubectl: command not found',
    );
  });

  it('with --junit writes JUnit XML valid against the JUnit schema, one testcase per journal', () => {
    const out = path.join(dir, 'out-junit');
    const junit = path.join(dir, 'reports', 'chaos.xml');
    const r = runCli(['report', '--journal-dir', out, '--junit', junit, fixtures, path.join(dir, 'journals')]);
    expect(r.code, r.stderr).toBe(1);
    const check = validateXml(junit);
    expect(check.valid, check.output).toBe(true);
    expect(xpath(junit, 'count(//testcase)')).toBe('11');
    expect(xpath(junit, 'string(//testcase[@name="ctk deviates"]/failure/@type)')).toBe('deviated');
    // Outside the journal folder: a copy goes into it, for the artifact.
    expect(readFileSync(path.join(out, 'junit.xml'), 'utf8')).toBe(readFileSync(junit, 'utf8'));
  });

  it('reads our own journals with their verdicts, and a run folder once (journal and results.json together)', () => {
    const experiments = path.join(dir, 'ours');
    mkdirSync(experiments, { recursive: true });
    writeFileSync(path.join(experiments, 'a.json'), JSON.stringify(experiment('ours deviates', {})));
    const run = path.join(dir, 'ours-run');
    const ran = runCli(['run', '--journal-dir', run, experiments], { cwd: experiments });
    expect(ran.code, ran.stderr).toBe(1);
    const out = path.join(dir, 'out-ours');
    const r = runCli(['report', '--journal-dir', out, run]);
    expect(r.code, r.stderr).toBe(1);
    const { experiments: rows } = resultsIn(out);
    expect(rows.map((e) => [e.title, e.verdict])).toEqual([['ours deviates', 'deviated']]);
    expect(rows[0]?.journal).toBe(path.join('..', 'ours-run', 'a.journal.json'));
    // results.json alone: its rows as they are.
    const alone = path.join(dir, 'out-results');
    expect(runCli(['report', '--journal-dir', alone, path.join(run, 'results.json')]).code).toBe(1);
    expect(resultsIn(alone).experiments.map((e) => e.verdict)).toEqual(['deviated']);
  });

  it('exits 0 when every journal passed', () => {
    const out = path.join(dir, 'out-pass');
    const r = runCli(['report', '--journal-dir', out, path.join(dir, 'journals', 'holds.journal.json')]);
    expect(r.code, r.stderr).toBe(0);
    expect(resultsIn(out).gate).toBe('passed');
  });

  it('bad input names the file (and line and column for broken JSON), writes nothing, exits 2, no stack trace', () => {
    const bad = path.join(dir, 'bad');
    mkdirSync(bad, { recursive: true });
    cpSync(path.join(fixtures, 'chaoslib-1.9-naive.journal.json'), path.join(bad, 'good.journal.json'));
    writeFileSync(path.join(bad, 'cut.journal.json'), '{\n  "chaoslib-version": "1.44.0",\n  "run": [\n');
    const out = path.join(dir, 'out-bad');
    const r = runCli(['report', '--journal-dir', out, bad, path.join(dir, 'missing.json'), path.join(repoRoot, 'package.json')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(new RegExp(`${escapeRegExp(path.join(bad, 'cut.journal.json'))}:4:1: not valid JSON`));
    expect(r.stderr).toContain(`${path.join(dir, 'missing.json')}: no such file or folder`);
    expect(r.stderr).toContain(`${path.join(repoRoot, 'package.json')}: not a journal or a results.json`);
    expect(r.stderr).not.toMatch(/\n\s+at /);
    expect(() => readdirSync(out)).toThrow();
  });

  it('an experiment given to report says so', () => {
    const file = path.join(dir, 'ours', 'a.json');
    const r = runCli(['report', '--journal-dir', path.join(dir, 'out-exp'), file]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('it looks like an experiment (run it with `chaos-action run`)');
  });

  it('has --help generated from the settings table', () => {
    const r = runCli(['report', '--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Usage: chaos-action report [options] PATH...');
    expect(r.stdout).toContain('--junit FILE');
    expect(r.stdout).toContain('--fail-on LIST');
    expect(runCli(['--help']).stdout).toContain('report PATH...');
  });
});

describe('run --junit', () => {
  it('writes JUnit XML valid against the JUnit schema, naming the journal; inside the journal folder, no copy', () => {
    const experiments = path.join(dir, 'run-junit');
    mkdirSync(experiments, { recursive: true });
    writeFileSync(
      path.join(experiments, 'holds.json'),
      JSON.stringify(experiment('run holds', { method: [sh('set-flag', 'touch flag'), sh('heal', 'rm -f flag')] })),
    );
    const out = path.join(dir, 'run-junit-out');
    const junit = path.join(out, 'TEST-chaos.xml');
    const r = runCli(['run', '--journal-dir', out, '--junit', junit, experiments], { cwd: experiments });
    expect(r.code, r.stderr).toBe(0);
    const check = validateXml(junit);
    expect(check.valid, check.output).toBe(true);
    expect(xpath(junit, 'count(//testcase[@name="run holds"][not(failure)][not(skipped)])')).toBe('1');
    expect(xpath(junit, 'string(//testcase/system-out)')).toContain(`[[ATTACHMENT|${path.join(out, 'holds.journal.json')}]]`);
    expect(readdirSync(out).sort()).toEqual(['TEST-chaos.xml', 'holds.journal.json', 'report.html', 'report.md', 'results.json']);
  });
});

describe('validate given a journal', () => {
  it('says it is a journal and to use chaos-action report, instead of schema errors', () => {
    const journal = path.join(fixtures, 'chaoslib-1.44-rollback-fails.journal.json');
    const r = runCli(['validate', journal]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`this is a Chaos Toolkit journal; use \`chaos-action report ${journal}\` to read it`);
    expect(r.stderr).not.toContain('method');
  });
});

const escapeRegExp = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
