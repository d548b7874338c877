// The line under the report's title: which commit, when, which comment-key, whether a fault may be
// left behind, and where the run and its journals are.
import { describe, expect, it } from 'vitest';
import { type Journal, newJournal, type RunRecord } from '../../src/engine/journal.js';
import { renderReport } from '../../src/report/markdown.js';
import { type ExperimentResult, type RollbackState, rollbackState, summarize } from '../../src/report/results.js';
import { factsLine, rollbacksFact, runTime } from '../../src/report/run-facts.js';
import { DEFAULT_FAIL_ON, isDefaultFailOn, VERDICTS } from '../../src/report/verdict.js';

const experiment = (rollbacks?: RollbackState, more: Partial<ExperimentResult> = {}): ExperimentResult => ({
  file: 'e.yaml',
  title: 'E',
  verdict: 'passed',
  reasons: [],
  status: 'completed',
  deviated: false,
  steadyStateBefore: true,
  steadyStateAfter: true,
  duration: 1,
  journal: 'e.journal.json',
  ...(rollbacks ? { rollbacks } : {}),
  ...more,
});

const SHA = '0123456789abcdef0123456789abcdef01234567';
const COMMIT = { sha: SHA, url: `https://github.com/o/r/commit/${SHA}` };
// 2026-03-04T05:06:07.890Z
const STARTED = Date.UTC(2026, 2, 4, 5, 6, 7, 890);

describe('runTime', () => {
  it('is UTC, date and time to the second', () => {
    expect(runTime(STARTED)).toBe('2026-03-04 05:06:07 UTC');
  });
});

describe('rollbacksFact', () => {
  it('says all played when every experiment played its rollbacks or needed none', () => {
    expect(rollbacksFact([experiment('played'), experiment('not-needed')])).toBe('rollbacks: all played');
  });

  it('warns that a fault may be left behind when any experiment still owes a rollback', () => {
    expect(rollbacksFact([experiment('played'), experiment('skipped'), experiment('owed')])).toBe('rollbacks: ⚠ a fault may be left behind');
  });

  it('warns when the rollback strategy skipped them after the method ran', () => {
    expect(rollbacksFact([experiment('played'), experiment('skipped')])).toBe('rollbacks: ⚠ skipped by the rollback strategy in 1 experiment');
  });

  it('says none to play when no experiment had a rollback to play (none declared, nothing injected, a dry run)', () => {
    expect(rollbacksFact([experiment('not-needed'), experiment('not-needed')])).toBe('rollbacks: none to play');
  });

  it('says nothing when no experiment started', () => {
    expect(rollbacksFact([experiment(undefined, { verdict: 'interrupted' })])).toBeUndefined();
  });
});

describe('rollbackState', () => {
  const journal = (opts: { rollbacks?: RunRecord['status'][]; declared?: boolean; ran?: boolean; status?: Journal['status'] }): Journal => {
    const j = newJournal({ title: 't', method: [], ...(opts.declared === false ? {} : { rollbacks: [{ type: 'action', name: 'heal' }] }) }, 'now');
    j.status = opts.status ?? 'completed';
    if (opts.ran !== false) j.run.push({ activity: { type: 'action', name: 'break' }, output: null, start: 'now', status: 'succeeded' });
    for (const status of opts.rollbacks ?? [])
      j.rollbacks.push({ activity: { type: 'action', name: 'heal' }, output: null, start: 'now', ...(status ? { status } : {}) });
    return j;
  };

  it('is played when every rollback succeeded, owed when one failed or did not finish', () => {
    expect(rollbackState(journal({ rollbacks: ['succeeded'] }), 'played', 'always')).toBe('played');
    expect(rollbackState(journal({ rollbacks: ['succeeded', 'failed'] }), 'played', 'always')).toBe('owed');
    expect(rollbackState(journal({ rollbacks: [undefined] }), 'played', 'always')).toBe('owed');
  });

  it('is owed when a rollback did not take effect: Chaos Toolkit says succeeded, but its process exited 1', () => {
    const j = journal({ rollbacks: ['succeeded'] });
    j.rollbacks[0] = {
      ...(j.rollbacks[0] as RunRecord),
      activity: { type: 'action', name: 'heal', provider: { type: 'process', path: 'cp' } },
      output: { status: 1, stdout: '', stderr: 'cp: cannot stat' },
    };
    expect(rollbackState(j, 'played', 'always')).toBe('owed');
  });

  it('is owed when the rollbacks were cut short, or an interruption skipped them (but for strategy never)', () => {
    expect(rollbackState(journal({ rollbacks: ['succeeded'], status: 'interrupted' }), 'cut-short', 'always')).toBe('owed');
    expect(rollbackState(journal({ status: 'interrupted' }), 'skipped', 'default')).toBe('owed');
    expect(rollbackState(journal({ status: 'interrupted' }), 'skipped', 'never')).toBe('skipped');
  });

  it('is not-needed under --dry actions or activities, which run no action (the journal records the skipped ones as succeeded)', () => {
    for (const dry of ['actions', 'activities']) {
      const j = journal({ rollbacks: ['succeeded'] });
      j.experiment.dry = dry;
      expect(rollbackState(j, 'played', 'always')).toBe('not-needed');
    }
    const probes = journal({ rollbacks: ['failed'] });
    probes.experiment.dry = 'probes';
    expect(rollbackState(probes, 'played', 'always')).toBe('owed');
  });

  it('is skipped when the strategy skipped them after the method ran, not-needed when nothing could be left', () => {
    expect(rollbackState(journal({ status: 'failed' }), 'skipped', 'default')).toBe('skipped');
    expect(rollbackState(journal({ ran: false, status: 'failed' }), 'skipped', 'default')).toBe('not-needed');
    expect(rollbackState(journal({ declared: false }), 'skipped', 'never')).toBe('not-needed');
  });
});

describe('factsLine', () => {
  it('names the short commit linked, the time, the comment-key, the rollbacks, the run and the journals', () => {
    expect(
      factsLine([experiment('played')], {
        commit: COMMIT,
        startedAt: STARTED,
        key: 'staging',
        runUrl: 'https://github.com/o/r/actions/runs/1',
        artifact: { url: 'https://github.com/o/r/actions/runs/1/artifacts/2' },
      }),
    ).toBe(
      `commit [\`0123456\`](https://github.com/o/r/commit/${SHA}) · ran 2026-03-04 05:06:07 UTC · comment-key \`staging\` · rollbacks: all played · ` +
        '[run](https://github.com/o/r/actions/runs/1) · [journals](https://github.com/o/r/actions/runs/1/artifacts/2) (with report.html)',
    );
  });

  it('leaves out the default comment-key, and says when the journals were not uploaded', () => {
    expect(factsLine([experiment('played')], { key: 'default', artifact: 'not-uploaded' })).toBe(
      'rollbacks: all played · journals not uploaded (see the job log)',
    );
  });

  it('shows no commit whose id is not a commit id', () => {
    expect(factsLine([], { commit: { sha: '](javascript:x)', url: 'https://x' } })).toBe('');
  });
});

describe('the report header and footer', () => {
  const failing = experiment('owed', {
    verdict: 'failed',
    reasons: [
      `rollback "heal" failed: failed to connect to http://127.0.0.1:43335/heal: HTTPConnectionPool(host='127.0.0.1', port=43335): Max retries exceeded with url: /heal (Caused by NewConnectionError("HTTPConnection(host='127.0.0.1', port=43335): Failed to establish a new connection: [Errno 111] Connection refused"))`,
    ],
  });

  it('puts the facts under the title, before the table', () => {
    const md = renderReport(summarize([failing], DEFAULT_FAIL_ON, '0.1.0'), { commit: COMMIT, artifact: 'not-uploaded' });
    const lines = md.split('\n');
    expect(lines[0]).toBe('## Chaos experiments: 💥 failed — gate failed');
    expect(lines[2]).toBe(
      `commit [\`0123456\`](https://github.com/o/r/commit/${SHA}) · rollbacks: ⚠ a fault may be left behind · journals not uploaded (see the job log)`,
    );
    expect(lines[4]).toMatch(/^\| Experiment/);
    expect(md).not.toContain('journals in the artifact');
  });

  it('shows the reasons short', () => {
    const md = renderReport(summarize([failing], DEFAULT_FAIL_ON, '0.1.0'));
    expect(md).toContain('- rollback "heal" failed: connection refused to 127.0.0.1:43335\n');
    expect(md).not.toContain('HTTPConnectionPool');
  });

  it('says "fails on" only when fail-on is not the default, whatever its order', () => {
    const footer = (failOn: typeof DEFAULT_FAIL_ON): string =>
      renderReport(summarize([failing], failOn, '0.1.0'))
        .trimEnd()
        .split('\n')
        .at(-1) as string;
    expect(footer(DEFAULT_FAIL_ON)).toBe('1 failed · chaos-action 0.1.0');
    expect(footer([...DEFAULT_FAIL_ON].reverse())).toBe('1 failed · chaos-action 0.1.0');
    expect(footer(['deviated', 'failed'])).toBe('1 failed · fails on: deviated, failed · chaos-action 0.1.0');
    expect(footer([])).toBe('1 failed · fails on: nothing · chaos-action 0.1.0');
  });
});

describe('isDefaultFailOn', () => {
  it('compares sets with the default (every verdict but passed and regressed)', () => {
    expect(isDefaultFailOn(VERDICTS.filter((v) => v !== 'passed' && v !== 'regressed'))).toBe(true);
    expect(isDefaultFailOn(VERDICTS.filter((v) => v !== 'passed'))).toBe(false);
    expect(isDefaultFailOn([...DEFAULT_FAIL_ON, ...DEFAULT_FAIL_ON])).toBe(true);
    expect(isDefaultFailOn(VERDICTS)).toBe(false);
    expect(isDefaultFailOn(DEFAULT_FAIL_ON.slice(1))).toBe(false);
  });
});
