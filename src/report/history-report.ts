// A run's results compared with its history: each experiment gets its changes, trend, regressions
// and flakiness; one that passed but regressed gets the verdict `regressed` (which fails the gate
// only when fail-on lists it); and the report gets a History section (per experiment a text
// sparkline, a Mermaid xychart where two or more runs measured, the regressions and flaky ones).
import {
  compareWithHistory,
  deltaText,
  type ExperimentHistory,
  type HistoryRecord,
  historyKey,
  mermaidTrend,
  type Threshold,
  thresholdText,
  trendSparkline,
} from './history.js';
import type { ExperimentResult, RunResults } from './results.js';
import { summarize } from './results.js';
import { formatSeconds } from './verdict.js';

/** What results.json says of the history it was compared with. */
export interface RunHistory {
  readonly threshold: Threshold;
  /** The earlier runs compared with, oldest first. */
  readonly runs: readonly { readonly date: string; readonly commit: string | null; readonly runId?: number }[];
  /** What could not be read (no access, an artifact that expired, …). */
  readonly notes: readonly string[];
}

export type ResultsWithHistory = RunResults & { readonly history?: RunHistory };
export type ExperimentWithHistory = ExperimentResult & { readonly history?: ExperimentHistory };

/**
 * Compares the run (its own record, `current`) with `earlier` records (newest first, this leg's
 * only) and returns the results with the comparison; the gate is decided again, as fail-on may
 * list `regressed`.
 */
export function withHistory(
  results: RunResults,
  current: HistoryRecord,
  earlier: readonly HistoryRecord[],
  threshold: Threshold,
  notes: readonly string[] = [],
): ResultsWithHistory {
  const compared = compareWithHistory(current, earlier, threshold);
  const experiments = results.experiments.map((e): ExperimentWithHistory => {
    const history = compared.get(historyKey(e));
    if (!history || earlier.length === 0) return e;
    const regressed = e.verdict === 'passed' && history.regressions.length > 0;
    return {
      ...e,
      ...(regressed ? { verdict: 'regressed' as const, reasons: [...e.reasons, ...history.regressions.map((r) => `regressed: ${r}`)] } : {}),
      history,
    };
  });
  // The gate again (fail-on may list regressed); whatever else the results hold (a merge's legs, a
  // leg's scope) is kept.
  const summary = summarize(experiments, results.failOn, results.version, results.dry, {
    ...(results.scope ? { scope: results.scope } : {}),
    ...(results.merged ? { merged: results.merged } : {}),
  });
  return {
    ...results,
    ...summary,
    history: {
      threshold,
      runs: [...earlier].reverse().map((r) => ({ date: r.date, commit: r.commit, ...(r.runId !== undefined ? { runId: r.runId } : {}) })),
      notes,
    },
  };
}

/** ` (▲ 19 s since the last run)` for the RTO cell, or nothing. */
export function rtoChange(e: ExperimentWithHistory): string {
  const c = e.history?.sinceLast.rto;
  return c ? ` (${deltaText(c)} since the last run)` : '';
}

const MAX_CHARTS = 10;

/** The report's History section (Markdown lines), or none when the run was not compared. */
export function historySection(results: ResultsWithHistory, escapeText: (text: string) => string): string[] {
  const history = results.history;
  if (!history) return [];
  const experiments = results.experiments as readonly ExperimentWithHistory[];
  const lines = ['### History', ''];
  if (history.runs.length === 0) {
    lines.push('No earlier run to compare with.', '');
  } else {
    const first = history.runs[0]?.date.slice(0, 10) ?? '';
    lines.push(`Compared with ${history.runs.length} earlier run(s) since ${escapeText(first)}; regression threshold ${thresholdText(history.threshold)}.`, '');
  }
  const labels = [...history.runs.map((r) => r.date.slice(5, 10)), 'this run'];
  let charts = 0;
  for (const e of experiments) {
    const h = e.history;
    if (!h) continue;
    const rto = h.rtoTrend.map((v) => (v === null ? 'n/m' : formatSeconds(v)));
    const baseline = h.sinceBaseline.rto ? `; ${deltaText(h.sinceBaseline.rto)} since ${formatSeconds(h.sinceBaseline.rto.from)} at the start` : '';
    const flags = [...(h.regressions.length ? ['📉 regressed'] : []), ...(h.flaky ? ['🎲 flaky (verdicts differ on the same commit)'] : [])];
    lines.push(`- ${escapeText(e.title)}: RTO \`${trendSparkline(h.rtoTrend)}\` ${rto.join(' → ')}${baseline}${flags.length ? ` — ${flags.join(', ')}` : ''}`);
    for (const r of h.regressions) lines.push(`  - ${escapeText(r)}`);
    const chart = charts < MAX_CHARTS ? mermaidTrend(`${e.title}: observed RTO`, labels, h.rtoTrend) : undefined;
    if (chart) {
      charts++;
      lines.push('', '```mermaid', chart, '```', '');
    }
  }
  for (const n of history.notes) lines.push(`- ⚠️ ${escapeText(n)}`);
  lines.push('');
  return lines;
}
