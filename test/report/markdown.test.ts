// The Markdown that reaches a PR comment: nothing a repository writes may break or abuse it.
import { describe, expect, it } from 'vitest';
import { codeCell, escapeCell, renderReport, truncateMarkdown } from '../../src/report/markdown.js';
import { type ExperimentResult, gateFails, summarize } from '../../src/report/results.js';

describe('escaping', () => {
  it('keeps table cells on one row whatever the line endings', () => {
    expect(escapeCell('a\rb\r\nc\nd')).toBe('a b c d');
  });

  it('neutralises HTML, links, emphasis, math, mentions and bare URLs', () => {
    const out = escapeCell('<img src=x> [x](javascript:y) *b* $x$ @org/team https://evil.example | pipe');
    expect(out).toBe('\\<img src=x\\> \\[x\\](javascript:y) \\*b\\* \\$x\\$ @\u200borg/team https:\u200b//evil.example \\| pipe');
  });

  it('shows file names in code spans as written', () => {
    expect(codeCell('experiments/db_failover.yaml')).toBe('`experiments/db_failover.yaml`');
    expect(codeCell('a|b`c')).toBe("`a\\|b'c`");
  });
});

describe('the report', () => {
  const results = summarize(
    [
      {
        file: 'e.yaml',
        title: 'T | x',
        verdict: 'deviated',
        reasons: ['probe "p" returned status 500'],
        status: 'completed',
        deviated: true,
        steadyStateBefore: true,
        steadyStateAfter: false,
        duration: 2,
        journal: 'e.journal.json',
      },
    ],
    ['deviated'],
    '0.1.0',
  );

  it('has one row per experiment with RTO/RPO columns and links to the journals and the run', () => {
    const md = renderReport(results, {
      artifact: { url: 'https://github.com/o/r/actions/runs/1/artifacts/2' },
      runUrl: 'https://github.com/o/r/actions/runs/1',
    });
    expect(md).toMatch(/\| T \\\| x<br>`e\.yaml` \| ❌ deviated \|\s+met\s+\|\s+not met\s+\|\s+—\s+\|\s+—\s+\|\s+2\.0 s \|/);
    expect(md).toContain('[journals](https://github.com/o/r/actions/runs/1/artifacts/2)');
    expect(md).toContain('| Observed RTO ');
  });

  it('is cut at a line boundary below the limit, saying where the rest is', () => {
    const long = Array.from({ length: 5000 }, (_, i) => `line ${i}`).join('\n');
    const cut = truncateMarkdown(long, 1000, 'see the artifact');
    expect(cut.length).toBeLessThanOrEqual(1000);
    expect(cut).toMatch(/line \d+\n\n… cut to fit: see the artifact\n$/);
    expect(truncateMarkdown('short', 1000, 'x')).toBe('short');
  });
});

describe('recovery in the report', () => {
  it('shows observed RTO with the objective beside it, and the timeline as a sparkline', async () => {
    const { sparkline } = await import('../../src/report/results.js');
    expect(sparkline([true, false, false, true, true])).toBe('▁██▁▁');
    expect(
      sparkline(
        Array.from({ length: 100 }, (_, i) => i < 10 || i > 50),
        10,
      ),
    ).toBe('▁█████▁▁▁▁'.slice(0, 10));
    const results = summarize(
      [
        {
          file: 'e.yaml',
          title: 'db',
          verdict: 'missed-objective',
          reasons: ['observed RTO 90 s is over the objective of 60 s'],
          status: 'completed',
          deviated: true,
          steadyStateBefore: true,
          steadyStateAfter: false,
          duration: 95,
          journal: null,
          rto: { state: 'recovered', rto: 90, observedFor: 93, observed: 90, objective: 60, impact: true },
          rpoObjective: 0,
          timeline: '▁███▁',
        },
      ],
      ['missed-objective'],
      '0.1.0',
    );
    const md = renderReport(results);
    expect(md).toMatch(/\|\s+1 min 30 s \(objective 1 min\)\s+\|\s+not measured \(no canary; objective 0 s\)\s+\|/);
    expect(md).toContain('- db: `▁███▁` (from the fault to 1 min 33 s; █ steady state not met)');
  });
});

describe('the job summary limit', () => {
  it('is counted in bytes: a report full of multi-byte characters is cut below the limit', async () => {
    const { truncateMarkdownBytes } = await import('../../src/report/markdown.js');
    const long = Array.from({ length: 4000 }, (_, i) => `| ✅ passed — row ${i} |`).join('\n');
    const cut = truncateMarkdownBytes(long, 10_000, 'see the artifact');
    expect(Buffer.byteLength(cut)).toBeLessThanOrEqual(10_000);
    expect(cut).toMatch(/… cut to fit: see the artifact\n$/);
  });
});

describe('a dry run in the results and the report', () => {
  const experiment = (verdict: ExperimentResult['verdict'], extra: Partial<ExperimentResult> = {}): ExperimentResult => ({
    file: 'e.yaml',
    title: 'lose the file',
    verdict,
    reasons: [],
    status: 'completed',
    deviated: false,
    steadyStateBefore: true,
    steadyStateAfter: true,
    duration: 1,
    journal: 'e.journal.json',
    ...extra,
  });
  const everything = ['dry-run', 'not-ready', 'missed-objective', 'deviated', 'interrupted', 'failed', 'invalid'] as const;
  const withoutDryRun = everything.filter((v) => v !== 'dry-run');

  it('has gate dry-run, never passed: failing the step by default, not when fail-on leaves dry-run out', () => {
    const byDefault = summarize([experiment('dry-run')], everything, '0.1.0', 'actions');
    expect(byDefault).toMatchObject({ dry: 'actions', verdict: 'dry-run', gate: 'dry-run' });
    expect(gateFails(byDefault)).toBe(true);
    const lenient = summarize([experiment('dry-run')], withoutDryRun, '0.1.0', 'actions');
    expect(lenient).toMatchObject({ verdict: 'dry-run', gate: 'dry-run' });
    expect(gateFails(lenient)).toBe(false);
    // A dry run whose only experiment was not-ready, with not-ready left out of fail-on: still not passed.
    expect(summarize([experiment('not-ready')], ['failed'], '0.1.0', 'actions').gate).toBe('dry-run');
  });

  it('has gate failed when another verdict of fail-on occurred', () => {
    const r = summarize([experiment('dry-run'), experiment('failed')], everything, '0.1.0', 'actions');
    expect(r).toMatchObject({ verdict: 'failed', gate: 'failed' });
    expect(gateFails(r)).toBe(true);
  });

  it('leaves --dry pause (every activity runs) and a run without --dry as they were', () => {
    expect(summarize([experiment('passed')], everything, '0.1.0', 'pause')).toMatchObject({ dry: 'pause', gate: 'passed' });
    expect(summarize([experiment('passed')], everything, '0.1.0', null)).toMatchObject({ dry: null, gate: 'passed' });
  });

  it('says in its header that nothing was injected, and lists what was skipped', () => {
    const skipped = [
      { activity: 'lose-the-exchange-file', type: 'action', phase: 'method' },
      { activity: 'restore | it', type: 'action', phase: 'rollbacks' },
    ];
    const md = renderReport(summarize([experiment('dry-run', { skipped })], everything, '0.1.0', 'actions'));
    expect(md.split('\n')[0]).toBe('## Chaos experiments: 🧪 dry run (--dry actions): nothing was injected — gate dry-run');
    expect(md).toContain('### Skipped by the dry run\n\n- lose the file: method action lose-the-exchange-file, rollbacks action restore \\| it\n');
    expect(md).toMatch(/\| 🧪 dry-run \|\s+met\s+\|\s+met\s+\|/);
  });

  it('under --dry probes or activities, does not call a steady state nobody checked met', () => {
    const md = renderReport(summarize([experiment('dry-run')], everything, '0.1.0', 'probes'));
    expect(md).toMatch(/\| 🧪 dry-run \| not checked \(dry run\) \| not checked \(dry run\) \|/);
    expect(md.split('\n')[0]).toBe(
      '## Chaos experiments: 🧪 dry run (--dry probes): the probes were skipped, so the steady state was not checked — gate dry-run',
    );
  });
});
