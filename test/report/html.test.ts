// The HTML report as a pure function: the same cells and gate as report.md, every user string
// escaped, outputs bounded, nothing fetched, a chart per experiment that started.
import { describe, expect, it } from 'vitest';
import type { Journal, RunRecord } from '../../src/engine/journal.js';
import { renderHtmlReport } from '../../src/report/html.js';
import { html, text } from '../../src/report/html-text.js';
import { timestampMs } from '../../src/report/html-timeline.js';
import { type HistoryRecord, historyRecord } from '../../src/report/history.js';
import { withHistory } from '../../src/report/history-report.js';
import { renderReport } from '../../src/report/markdown.js';
import { type ExperimentResult, summarize } from '../../src/report/results.js';
import { recoveryChart } from '../../src/report/timeline-chart.js';

const HOSTILE = `<script>window.__pwned=1</script></textarea><img src=x onerror=alert(1)> "q" 'a' \u0000\u001b[2J\u0007\u202e end`;

const base = (over: Partial<ExperimentResult>): ExperimentResult => ({
  file: 'e.yaml',
  title: 'T',
  verdict: 'passed',
  reasons: [],
  status: 'completed',
  deviated: false,
  steadyStateBefore: true,
  steadyStateAfter: true,
  duration: 3,
  journal: null,
  ...over,
});

const T0 = Date.UTC(2026, 0, 31, 4, 40, 5);
const iso = (s: number): string => new Date(T0 + s * 1000).toISOString().replace('Z', '');
const rec = (type: string, name: string, from: number, to: number, over: Partial<RunRecord> = {}): RunRecord => ({
  activity: { type, name, provider: { type: 'http', url: 'http://127.0.0.1:1/x' } },
  output: { status: 200 },
  start: iso(from),
  status: 'succeeded',
  end: iso(to),
  duration: to - from,
  ...over,
});

function journalOf(
  records: { before?: RunRecord[]; run?: RunRecord[]; after?: RunRecord[]; rollbacks?: RunRecord[] },
  samples: { at: number; met: boolean }[] = [],
): Journal {
  return {
    'chaoslib-version': 'unknown',
    platform: 'p',
    node: 'n',
    experiment: { title: 't' },
    start: iso(-1),
    status: 'completed',
    deviated: false,
    steady_states: {
      before: records.before ? { steady_state_met: true, probes: records.before } : null,
      after: records.after ? { steady_state_met: true, probes: records.after } : null,
      during: [],
    },
    run: records.run ?? [],
    rollbacks: records.rollbacks ?? [],
    end: iso(5),
    duration: 6,
    'chaos-action': { recovery: { samples: samples.map((s) => ({ ...s, probes: [] })) } },
  };
}

const count = (haystack: string, needle: string | RegExp): number =>
  typeof needle === 'string' ? haystack.split(needle).length - 1 : (haystack.match(new RegExp(needle, 'g')) ?? []).length;

describe('the HTML report', () => {
  const samples = [
    { at: 0.2, met: false },
    { at: 0.7, met: false },
    { at: 1.2, met: true },
    { at: 1.7, met: true },
  ];
  const timeline = {
    interval: 0.5,
    stable: 2,
    window: 5,
    observedFor: 2,
    ended: 'recovered' as const,
    budget: 100,
    sampleRequests: 4,
    samples: samples.map((s) => ({ ...s, probes: [] })),
  };
  const recovered = base({
    title: 'Web recovers',
    file: 'web.yaml',
    journal: 'web.journal.json',
    rto: { state: 'recovered', rto: 1.2, observedFor: 2, objective: 10, observed: 1.2, impact: true },
    chart: recoveryChart(timeline),
  });
  const notMeasured = base({
    title: 'No sampling',
    file: 'n.yaml',
    journal: 'n.journal.json',
    rto: { state: 'not-measured', why: 'sampling off', objective: 5, observed: null, impact: null },
  });
  const deviated = base({
    title: 'Db',
    file: 'db.yaml',
    journal: 'db.journal.json',
    verdict: 'deviated',
    reasons: ['probe "p" returned status 500'],
    steadyStateAfter: false,
    rpo: { observed: 1.4, objective: 1, acknowledged: 10, lost: 3, failed: 1, lowerBound: false },
  });
  const journals = new Map<string, Journal>([
    [
      'web.journal.json',
      journalOf(
        {
          before: [rec('probe', 'health', -0.5, -0.4)],
          run: [rec('action', 'break', 0, 0.1), rec('probe', 'look', 1, 1.1)],
          after: [rec('probe', 'health', 2, 2.1)],
          rollbacks: [rec('action', 'heal', 2.2, 2.3)],
        },
        samples,
      ),
    ],
    ['n.journal.json', journalOf({ run: [rec('action', 'kill', 0, 0.1)] })],
    ['db.journal.json', journalOf({ run: [rec('action', 'failover', 0, 1, { status: 'failed', exception: ['boom\n'] })] })],
  ]);
  const results = summarize([recovered, notMeasured, deviated], ['deviated', 'missed-objective'], '0.1.0');

  it('shows the same cells and gate as report.md', () => {
    const out = renderHtmlReport(results, journals);
    const md = renderReport(results);
    for (const cell of [
      '1.2 s (objective 10 s)',
      'not measured (sampling off; objective 5 s)',
      '1.4 s (objective 1 s)',
      '3 of 10 writes lost',
      '❌ deviated',
      '✅ passed',
      'not met',
    ]) {
      expect(md).toContain(cell);
      expect(out).toContain(cell);
    }
    expect(out).toContain('<title>Chaos experiments: ❌ deviated — gate failed</title>');
    expect(md).toContain('## Chaos experiments: ❌ deviated — gate failed');
    expect(count(out, /<tr data-verdict=/)).toBe(3);
    expect(out).toContain('probe "p" returned status 500'.replace(/"/g, '&quot;'));
  });

  it('never reads passed when the Markdown gate does not: not-ready left out of fail-on, a dry run', () => {
    const notReady = summarize([base({ verdict: 'not-ready', reasons: ['x'] })], ['deviated'], '0.1.0');
    expect(renderHtmlReport(notReady, new Map())).toContain('— gate failed</h1>');
    const dry = summarize([base({ verdict: 'dry-run' })], ['deviated'], '0.1.0', 'probes');
    const out = renderHtmlReport(dry, new Map());
    expect(out).toContain('gate dry-run</h1>');
    expect(out).toContain('not checked (dry run)');
    expect(out).not.toContain('gate passed');
  });

  it('draws a timeline per experiment that started: activities, the fault, samples, the recovery point, canary writes', () => {
    const out = renderHtmlReport(results, journals);
    expect(count(out, '<svg class="timeline"')).toBe(3);
    const web = out.slice(out.indexOf('id="experiment-1"'), out.indexOf('id="experiment-2"'));
    expect(count(web, 'class="bar fault"')).toBe(1);
    expect(count(web, 'class="bar probe"')).toBe(1);
    expect(count(web, 'class="bar check"')).toBe(2);
    expect(count(web, 'class="bar rollback"')).toBe(1);
    expect(count(web, /class="dot ss-(not-)?met"/)).toBe(4);
    expect(web).toContain('class="bar ss-not-met"');
    expect(web).toContain('class="recovery-line recovered"');
    expect(web).toContain('recovered 1.2 s');
    expect(web).toContain('class="fault-line"');
    const db = out.slice(out.indexOf('id="experiment-3"'));
    expect(db).toContain('class="bar fault failed"');
    expect(db).toContain('activity failed');
  });

  it('draws the canary: writes kept, lost and not acknowledged', () => {
    const writes = [1, 2, 3, 4].map((seq) => ({ seq, at: seq * 0.5, acknowledged: seq !== 4, latency: 0.01 }));
    const chart = recoveryChart(undefined, {
      canary: 'http',
      run: 'r',
      interval: 0.5,
      timeout: 1,
      observedFor: 2.5,
      acknowledged: 3,
      failed: 1,
      lost: 1,
      rpo: 0.5,
      lowerBound: false,
      lostRanges: [[2, 2]],
      strays: 0,
      readAttempts: 1,
      notes: [],
      writes,
    } as never);
    const out = renderHtmlReport(
      summarize([base({ journal: 'c.journal.json', chart })], [], '0.1.0'),
      new Map([['c.journal.json', journalOf({ run: [rec('action', 'kill', 0, 0.1)] })]]),
    );
    for (const kind of ['write-kept', 'write-lost', 'write-failed']) expect(out).toContain(`class="bar ${kind}"`);
    expect(out).toContain('acknowledged write lost');
  });

  it('escapes every string a pull request controls: titles, files, reasons, activity names, outputs, exceptions', () => {
    const hostile = base({ title: HOSTILE, file: HOSTILE, journal: 'h.journal.json', verdict: 'deviated', reasons: [HOSTILE] });
    const j = journalOf({ run: [rec('action', HOSTILE, 0, 1, { output: HOSTILE, status: 'failed', exception: [HOSTILE] })] });
    j.run[0]!.activity.provider = { type: 'process', path: HOSTILE, arguments: [HOSTILE] };
    const out = renderHtmlReport(summarize([hostile], [], '0.1.0'), new Map([['h.journal.json', j]]), {
      facts: { key: HOSTILE, runUrl: 'javascript:alert(1)' },
    });
    expect(count(out, '<script')).toBe(1);
    expect(out).not.toMatch(/<img|<\/textarea|onerror=alert\(1\)>|href="javascript/i);
    expect(out).not.toMatch(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f\u202e]/);
    expect(out).toContain('&lt;script&gt;window.__pwned=1&lt;/script&gt;&lt;/textarea&gt;');
    expect(out).toContain('&quot;q&quot; &#39;a&#39; \\u0000\\u001b[2J\\u0007\\u202e end');
  });

  it('bounds huge outputs and says where the rest is', () => {
    const huge = 'x'.repeat(2_000_000);
    const j = journalOf({ run: [rec('action', 'a', 0, 1, { output: huge, exception: [huge] })] });
    const out = renderHtmlReport(summarize([base({ journal: 'j' })], [], '0.1.0'), new Map([['j', j]]));
    expect(out.length).toBeLessThan(200_000);
    expect(count(out, 'more characters in the journal')).toBe(2);
  });

  it('is self-contained: a CSP that forbids fetching, no external resource, only in-page and run links', () => {
    const out = renderHtmlReport(results, journals, { facts: { runUrl: 'https://github.com/o/r/actions/runs/1' } });
    expect(out).toContain(
      `<meta http-equiv="Content-Security-Policy" content="default-src &#39;none&#39;; style-src &#39;unsafe-inline&#39;; script-src &#39;unsafe-inline&#39;; img-src data:">`,
    );
    expect(out).not.toMatch(/<link|\ssrc=|url\(|@import/i);
    const hrefs = [...out.matchAll(/href="([^"]*)"/g)].map((m) => m[1]);
    expect(hrefs.filter((h) => !h?.startsWith('#'))).toEqual(['https://github.com/o/r/actions/runs/1']);
  });

  it('shows every activity in a collapsible block with its fields, and experiments that never started without a chart', () => {
    const never = base({ title: 'never', verdict: 'interrupted', reasons: ['not started'], journal: null, status: null });
    const out = renderHtmlReport(summarize([recovered, never], [], '0.1.0'), journals);
    expect(count(out, '<details class="activity')).toBe(5);
    for (const field of ['<dt>provider</dt><dd>http GET http://127.0.0.1:1/x</dd>', '<dt>status</dt><dd>succeeded</dd>', '<dt>duration</dt>'])
      expect(out).toContain(field);
    expect(out).toContain('the experiment did not start (no journal)');
  });

  it('has a place for a trend section, under the table', () => {
    const trend = html`<h2>Trend</h2><p>${text('RTO <31 s>')}</p>`;
    const out = renderHtmlReport(results, journals, { trend });
    expect(out).toContain('<section class="trend"><h2>Trend</h2><p>RTO &lt;31 s&gt;</p></section>');
    expect(out.indexOf('class="trend"')).toBeGreaterThan(out.indexOf('</table>'));
    expect(renderHtmlReport(results, journals)).not.toContain('class="trend"');
  });

  it('reads the timestamps of every journal: ours, naive Chaos Toolkit ones, +00:00, microseconds', () => {
    const ms = Date.UTC(2024, 4, 2, 10, 0, 1, 123);
    for (const s of [
      '2024-05-02T10:00:01.123456',
      '2024-05-02T10:00:01.123Z',
      '2024-05-02T10:00:01.123456+00:00',
      '2024-05-02 10:00:01.123',
      '2024-05-02T12:00:01.123+0200',
    ])
      expect(timestampMs(s), s).toBe(ms);
    expect(timestampMs('yesterday')).toBeUndefined();
  });

  it('shows the history when the run was compared with earlier ones: the RTO trend as a chart, the change, the regression', () => {
    const withRto = (rto: number): ExperimentResult =>
      base({
        file: 'orders.json',
        title: 'Orders <b>db</b>',
        rto: { state: 'recovered', rto, observedFor: rto + 5, objective: 60, observed: rto, impact: true },
      });
    const night = (date: string, rto: number): HistoryRecord => historyRecord(summarize([withRto(rto)], [], '0.1.0'), { date, commit: date });
    const tonight = summarize([withRto(31)], [], '0.1.0');
    const compared = withHistory(
      tonight,
      historyRecord(tonight, { date: '2026-12-03T02:00:00Z', commit: 'c' }),
      [night('2026-12-02T02:00:00Z', 12), night('2026-12-01T02:00:00Z', 10)],
      {
        kind: 'percent',
        value: 25,
      },
    );
    const out = renderHtmlReport(compared, new Map());
    const md = renderReport(compared);
    expect(md).toContain('31 s (objective 1 min) (▲ 19 s since the last run)');
    expect(out).toContain('31 s (objective 1 min) (▲ 19 s since the last run)');
    expect(out).toContain('<h2>History</h2><p>Compared with 2 earlier run(s) since 2026-12-01; regression threshold 25%.</p>');
    expect(out).toContain('<svg class="trend"');
    expect(count(out, 'class="trend-point"')).toBe(3);
    expect(count(out, 'class="trend-line"')).toBe(2);
    expect(out).toContain('📉 regressed');
    expect(out).toContain('<tr data-verdict="regressed">');
    expect(out).toContain('Orders &lt;b&gt;db&lt;/b&gt;');
    expect(out.indexOf('class="trend"')).toBeGreaterThan(out.indexOf('</table>'));
  });
});
