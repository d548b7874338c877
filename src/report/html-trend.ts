// The HTML report's History section, when the run was compared with earlier ones: per experiment
// its observed RTO over the runs as an inline SVG line chart (a gap where a run did not measure),
// the change since the last run and since the baseline, its regressions and whether it is flaky;
// then what history could not be read. The words are the Markdown History section's.
import { deltaText, thresholdText, trendSparkline } from './history.js';
import type { ExperimentWithHistory, ResultsWithHistory } from './history-report.js';
import { attr, type Html, html, text } from './html-text.js';
import { formatSeconds } from './verdict.js';

const W = 560;
const H = 150;
const LEFT = 56;
const RIGHT = 32;
const TOP = 14;
const BOTTOM = 30;

const num = (n: number): number => Math.round(n * 10) / 10;

/** Observed RTO per run, oldest first (this run last), as a line chart; null values are gaps. */
export function trendSvg(title: string, labels: readonly string[], values: readonly (number | null)[]): Html {
  const measured = values.filter((v): v is number => v !== null);
  const hi = Math.max(1, ...measured) * 1.15;
  const n = Math.max(values.length, 2);
  const x = (i: number): number => num(LEFT + (i / (n - 1)) * (W - LEFT - RIGHT));
  const y = (v: number): number => num(TOP + (1 - v / hi) * (H - TOP - BOTTOM));
  const lines: Html[] = [];
  for (let i = 1; i < values.length; i++) {
    const a = values[i - 1];
    const b = values[i];
    if (a !== null && a !== undefined && b !== null && b !== undefined)
      lines.push(html`<line class="trend-line" x1="${x(i - 1)}" y1="${y(a)}" x2="${x(i)}" y2="${y(b)}"/>`);
  }
  const points = values.map((v, i) =>
    v === null
      ? html`<text class="tick" x="${x(i)}" y="${H - BOTTOM - 4}" text-anchor="middle">n/m<title>${text(`${labels[i] ?? ''}: not measured`)}</title></text>`
      : html`<circle class="trend-point" cx="${x(i)}" cy="${y(v)}" r="4"><title>${text(`${labels[i] ?? ''}: ${formatSeconds(v)}`)}</title></circle>`,
  );
  const axis = labels.map((l, i) => html`<text class="tick" x="${x(i)}" y="${H - 10}" text-anchor="middle">${text(l)}</text>`);
  const grid = [0, hi / 2, hi].map(
    (v) =>
      html`<line class="grid" x1="${LEFT}" x2="${W - RIGHT}" y1="${y(v)}" y2="${y(v)}"/><text class="tick" x="${LEFT - 6}" y="${y(v) + 4}" text-anchor="end">${text(formatSeconds(Number(v.toFixed(2))))}</text>`,
  );
  return html`<svg class="trend" role="img" aria-label=${attr(title)} viewBox="0 0 ${W} ${H}" width="${W}" xmlns="http://www.w3.org/2000/svg"><title>${text(title)}</title>${grid}${lines}${points}${axis}</svg>`;
}

/** The History section, or undefined when the run was not compared with any history. */
export function historyHtml(results: ResultsWithHistory): Html | undefined {
  const history = results.history;
  if (!history) return undefined;
  const intro =
    history.runs.length === 0
      ? 'No earlier run to compare with.'
      : `Compared with ${history.runs.length} earlier run(s) since ${history.runs[0]?.date.slice(0, 10) ?? ''}; regression threshold ${thresholdText(history.threshold)}.`;
  const labels = [...history.runs.map((r) => r.date.slice(5, 10)), 'this run'];
  const items = (results.experiments as readonly ExperimentWithHistory[]).flatMap((e) => {
    const h = e.history;
    if (!h) return [];
    const rto = h.rtoTrend.map((v) => (v === null ? 'n/m' : formatSeconds(v))).join(' → ');
    const changes = [
      ...(h.sinceLast.rto ? [`${deltaText(h.sinceLast.rto)} since the last run`] : []),
      ...(h.sinceBaseline.rto ? [`${deltaText(h.sinceBaseline.rto)} since ${formatSeconds(h.sinceBaseline.rto.from)} at the start`] : []),
    ];
    const flags = [...(h.regressions.length ? ['📉 regressed'] : []), ...(h.flaky ? ['🎲 flaky (verdicts differ on the same commit)'] : [])];
    return [
      html`<div class="trend-item" data-regressed=${attr(String(h.regressions.length > 0))}><h3>${text(e.title)}</h3><p>${text(`RTO ${trendSparkline(h.rtoTrend)} ${rto}${changes.length ? ` (${changes.join('; ')})` : ''}${flags.length ? ` — ${flags.join(', ')}` : ''}`)}</p>${h.regressions.length ? html`<ul class="regressions">${h.regressions.map((r) => html`<li>${text(r)}</li>`)}</ul>` : html``}${h.rtoTrend.length > 1 ? trendSvg(`${e.title}: observed RTO`, labels, h.rtoTrend) : html``}</div>`,
    ];
  });
  const notes = history.notes.length ? html`<ul class="notes">${history.notes.map((n) => html`<li>${text(`⚠️ ${n}`)}</li>`)}</ul>` : html``;
  return html`<h2>History</h2><p>${text(intro)}</p>${items}${notes}`;
}
