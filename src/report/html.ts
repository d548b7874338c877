// The HTML report (report.html): one self-contained file (inline CSS and script, inline SVG
// charts, a Content-Security-Policy that forbids every fetch) with the result table, what did not
// pass, each experiment's timeline as a chart, and every activity's details. A pure function of
// the results and the journals as written (redacted, bounded): the run, `report` and `merge` call
// it alike. The table's cells are the Markdown report's (resultCells): the formats never disagree.
import type { Journal, RunRecord } from '../engine/journal.js';
import { recordsByPhase } from '../engine/journal.js';
import { describeDryRun, skipsActivities } from './dry-run.js';
import { attr, bounded, type Html, html, text } from './html-text.js';
import { timelineSvg } from './html-timeline.js';
import type { ResultsWithHistory } from './history-report.js';
import { historyHtml } from './html-trend.js';
import { footerText, headline, RESULT_COLUMNS, resultCells } from './markdown.js';
import { describePlannedActivity } from './plan.js';
import type { ExperimentResult, RunResults } from './results.js';
import { rollbacksFact, type RunFacts, runTime } from './run-facts.js';
import { shortReasons } from './short-reason.js';
import { describeUnguarded } from './unguarded.js';
import { formatSeconds } from './verdict.js';

/** At most this many characters of one output or exception; the journal has the rest. */
export const MAX_DETAIL_CHARS = 20_000;
/** At most this many activities' details per experiment. */
export const MAX_ACTIVITIES = 500;

export interface HtmlReportOptions {
  /** Which run this is: commit, time, comment-key, links. */
  readonly facts?: RunFacts;
  /**
   * A section on the experiments' history, from escaped parts, placed under the table; by default
   * the run's History (html-trend.ts) when the results were compared with earlier runs.
   */
  readonly trend?: Html;
}

const STYLE = `
:root{color-scheme:light;--fg:#1f2328;--muted:#59636e;--line:#d1d9e0;--bg:#fff;--soft:#f6f8fa;--ok:#1a7f37;--bad:#cf222e;--warn:#9a6700;--fault:#e16f24;--check:#6e7781;--rollback:#1f6feb}
*{box-sizing:border-box}
body{font:14px/1.5 -apple-system,BlinkMacSystemFont,"Segoe UI",Helvetica,Arial,sans-serif;color:var(--fg);background:var(--bg);margin:0 auto;max-width:1200px;padding:24px}
h1{font-size:22px;margin:0 0 4px}h2{font-size:18px;margin:28px 0 8px;border-bottom:1px solid var(--line);padding-bottom:4px}h3{font-size:15px;margin:16px 0 6px}
.note,.facts,footer{color:var(--muted)}
table.results{border-collapse:collapse;width:100%;margin:12px 0}
table.results th,table.results td{border:1px solid var(--line);padding:6px 10px;vertical-align:top;text-align:left}
table.results th{background:var(--soft)}
table.results td.num{text-align:right;white-space:nowrap}
code{font:12px ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;background:var(--soft);padding:1px 4px;border-radius:4px}
.verdict-passed{color:var(--ok)}.verdict-deviated,.verdict-failed,.verdict-missed-objective,.verdict-interrupted,.verdict-stopped,.verdict-invalid{color:var(--bad)}.verdict-not-ready,.verdict-dry-run,.verdict-regressed{color:var(--warn)}
.gate{font-weight:600}
ul.reasons{margin:4px 0 12px}
article.experiment{margin:20px 0 28px}
svg.timeline{display:block;max-width:100%;height:auto;background:var(--bg);border:1px solid var(--line);border-radius:6px}
svg .label{font-size:12px;fill:var(--fg)}svg .tick,svg .more{font-size:11px;fill:var(--muted)}svg .marker{font-size:11px;fill:var(--fg)}
svg .grid{stroke:#eaeef2}svg .fault-line{stroke:var(--fault);stroke-width:1.5;stroke-dasharray:4 3}
svg .recovery-line.recovered{stroke:var(--ok);stroke-width:1.5;stroke-dasharray:4 3}svg .recovery-line.not-recovered{stroke:var(--bad);stroke-width:1.5;stroke-dasharray:4 3}
.bar.check,.swatch.check{fill:var(--check);background:var(--check)}.bar.fault,.swatch.fault{fill:var(--fault);background:var(--fault)}.bar.probe,.swatch.probe{fill:#afb8c1;background:#afb8c1}.bar.rollback,.swatch.rollback{fill:var(--rollback);background:var(--rollback)}
.bar.failed{stroke:var(--bad);stroke-width:2.5}.swatch.failed{border:2.5px solid var(--bad)}
.bar.ss-met,.swatch.ss-met{fill:#4ac26b;background:#4ac26b}.bar.ss-not-met,.swatch.ss-not-met{fill:var(--bad);background:var(--bad)}
.dot.ss-met{fill:#fff;stroke:var(--ok);stroke-width:1.5}.dot.ss-not-met{fill:#fff;stroke:var(--bad);stroke-width:1.5}
.bar.write-kept,.swatch.write-kept{fill:#8c959f;background:#8c959f}.bar.write-lost,.swatch.write-lost{fill:var(--bad);background:var(--bad)}.bar.write-failed,.swatch.write-failed{fill:#54aeff;background:#54aeff}.bar.write-unverified,.swatch.write-unverified{fill:#d0d7de;background:#d0d7de;stroke:var(--bad);border:2px solid var(--bad)}
ul.legend{list-style:none;padding:0;margin:8px 0;display:flex;flex-wrap:wrap;gap:6px 16px;color:var(--muted);font-size:12px}
.swatch{display:inline-block;width:14px;height:10px;border-radius:2px;margin-right:5px;vertical-align:middle}
details.activity{border:1px solid var(--line);border-radius:6px;margin:6px 0;padding:0 10px;background:var(--soft)}
details.activity[open]{background:var(--bg)}
details.activity>summary{cursor:pointer;padding:6px 0}
details.activity.failed>summary{color:var(--bad)}
dl.fields{display:grid;grid-template-columns:max-content 1fr;gap:2px 14px;margin:6px 0}dl.fields dt{color:var(--muted)}dl.fields dd{margin:0;overflow-wrap:anywhere}
pre{font:12px/1.45 ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;background:var(--soft);border:1px solid var(--line);border-radius:6px;padding:8px;overflow:auto;max-height:360px;white-space:pre-wrap;overflow-wrap:anywhere}
.toolbar button{font:inherit;margin-right:8px}
svg.trend{display:block;max-width:100%;height:auto;border:1px solid var(--line);border-radius:6px;margin:6px 0 14px}
svg .trend-line{stroke:var(--rollback);stroke-width:2}svg .trend-point{fill:var(--bg);stroke:var(--rollback);stroke-width:2}
.trend-item[data-regressed="true"] h3{color:var(--bad)}
`;

// Opens or closes every activity's details; nothing else (no fetch: the CSP forbids it).
const SCRIPT = `
document.querySelectorAll('button[data-open]').forEach(function (b) {
  b.addEventListener('click', function () {
    var open = b.getAttribute('data-open') === 'true';
    document.querySelectorAll('details.activity').forEach(function (d) { d.open = open; });
  });
});
`;

const CSP = "default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:";

const lines = (list: readonly string[]): Html => html`${list.map((l, i) => (i ? html`<br>${text(l)}` : text(l)))}`;

function resultRow(results: RunResults, e: ExperimentResult, index: number): Html {
  const c = resultCells(results, e);
  return html`<tr data-verdict=${attr(e.verdict)}><td><a href="#experiment-${index + 1}">${text(c.title)}</a><br><code>${text(c.file)}</code></td><td class=${attr(`verdict-${e.verdict}`)}>${text(c.verdict)}</td><td>${text(c.steadyStateBefore)}</td><td>${text(c.steadyStateAfter)}</td><td>${text(c.rto)}</td><td>${lines(c.rpo)}</td><td class="num">${text(c.duration)}</td></tr>`;
}

/** Only http(s) links: a `javascript:` URL from anywhere never becomes a link. */
const link = (url: string, label: Html): Html => (/^https?:\/\//i.test(url) ? html`<a href=${attr(url)} rel="noopener noreferrer">${label}</a>` : label);

function factsLine(results: RunResults, facts: RunFacts): Html {
  const parts: Html[] = [];
  if (facts.commit && /^[0-9a-f]{7,64}$/i.test(facts.commit.sha))
    parts.push(html`commit ${link(facts.commit.url, html`<code>${text(facts.commit.sha.slice(0, 7).toLowerCase())}</code>`)}`);
  if (facts.startedAt !== undefined) parts.push(text(`ran ${runTime(facts.startedAt)}`));
  if (facts.key && facts.key !== 'default') parts.push(html`comment-key <code>${text(facts.key)}</code>`);
  const rollbacks = rollbacksFact(results.experiments);
  if (rollbacks) parts.push(text(rollbacks));
  if (facts.runUrl) parts.push(link(facts.runUrl, html`run`));
  return parts.length ? html`<p class="facts">${parts.map((p, i) => (i ? html` · ${p}` : p))}</p>` : html``;
}

/** What runs the activity, in a few words: `python mod.func`, `http GET url`, `process path args`. */
export function providerText(activity: Record<string, unknown>): string {
  const p = activity.provider;
  if (typeof p !== 'object' || p === null) return activity.type === 'probe' || activity.type === 'action' ? 'none' : '—';
  const provider = p as Record<string, unknown>;
  const s = (v: unknown): string => (typeof v === 'string' ? v : v === undefined ? '' : JSON.stringify(v));
  switch (provider.type) {
    case 'python':
      return `python ${s(provider.module)}.${s(provider.func)}`;
    case 'http':
      return `http ${s(provider.method) || 'GET'} ${s(provider.url)}`;
    case 'process':
      return `process ${s(provider.path)}${provider.arguments !== undefined ? ` ${s(provider.arguments)}` : ''}`;
    default:
      return s(provider.type) || 'unknown';
  }
}

/** An output as text: a string as is, anything else as indented JSON. */
function outputText(output: unknown): string {
  if (typeof output === 'string') return output;
  try {
    return JSON.stringify(output, null, 2) ?? String(output);
  } catch {
    return String(output);
  }
}

function activityDetails(phase: string, r: RunRecord): Html {
  const activity = typeof r.activity === 'object' && r.activity !== null ? r.activity : {};
  const name = String(activity.name ?? '?');
  const type = String(activity.type ?? 'activity');
  const status = r.status ?? 'no status';
  const duration = typeof r.duration === 'number' ? formatSeconds(r.duration) : '—';
  const fields: [string, string][] = [
    ['name', name],
    ['type', type],
    ['provider', providerText(activity)],
    ['status', status],
    ['start', String(r.start ?? '—')],
    ['end', String(r.end ?? '—')],
    ['duration', duration],
    ...(r.tolerance_met !== undefined ? [['tolerance met', String(r.tolerance_met)] as [string, string]] : []),
  ];
  const exception = Array.isArray(r.exception) ? r.exception.join('') : r.exception !== undefined ? outputText(r.exception) : undefined;
  return html`<details class=${attr(`activity ${r.status === 'failed' ? 'failed' : ''}`.trim())}><summary>${text(`${phase} · ${type} ${name} — ${status} (${duration})`)}</summary><dl class="fields">${fields.map(([k, v]) => html`<dt>${text(k)}</dt><dd>${text(v)}</dd>`)}</dl>${'output' in r && r.output !== null && r.output !== undefined ? html`<h4>output</h4><pre class="output">${text(bounded(outputText(r.output), MAX_DETAIL_CHARS))}</pre>` : html``}${exception !== undefined ? html`<h4>exception</h4><pre class="exception">${text(bounded(exception, MAX_DETAIL_CHARS))}</pre>` : html``}</details>`;
}

function experimentSection(results: RunResults, e: ExperimentResult, index: number, journal: Journal | undefined): Html {
  const c = resultCells(results, e);
  const chart = timelineSvg(e, journal);
  const records = journal ? recordsByPhase(journal).flatMap(([phase, list]) => list.map((r) => [phase, r] as const)) : [];
  const shown = records.slice(0, MAX_ACTIVITIES);
  const reasons = e.reasons.length ? html`<ul class="reasons">${e.reasons.map((r) => html`<li>${text(bounded(r, MAX_DETAIL_CHARS))}</li>`)}</ul>` : html``;
  const notes = [
    ...(e.plan ?? []).map(
      (p) =>
        `dry-run plan: ${p.activity} (${p.phase}): ${p.error !== undefined ? `would fail before changing anything: ${p.error}` : describePlannedActivity(p)}`,
    ),
    ...(e.skipped ?? []).map((s) => `skipped by the dry run: ${s.phase} ${s.type} ${s.activity}`),
    ...(e.unguarded ?? []).map((u) => `⚠️ ran unguarded: ${describeUnguarded(u)}`),
    ...(e.rpo?.error ? [`canary: ${e.rpo.error}`] : []),
    ...(e.rpo?.notes ?? []).map((n) => `canary note: ${n}`),
  ];
  return html`<article class="experiment" id="experiment-${index + 1}" data-verdict=${attr(e.verdict)}>
<h2>${text(c.title)} <span class=${attr(`verdict-${e.verdict}`)}>${text(c.verdict)}</span></h2>
<p><code>${text(c.file)}</code>${e.journal ? html` · journal <code>${text(e.journal)}</code>` : html``} · ${text(`RTO ${c.rto} · RPO ${c.rpo.join(', ')} · ${c.duration}`)}</p>
${reasons}${notes.length ? html`<ul class="notes">${notes.map((n) => html`<li>${text(bounded(n, MAX_DETAIL_CHARS))}</li>`)}</ul>` : html``}
${chart ? html`<figure class="chart">${chart}</figure>` : html`<p class="note">No timeline: ${text(journal ? 'the journal has no timestamps to draw' : e.journal === null ? 'the experiment did not start (no journal)' : `its journal (${e.journal}) was not read`)}.</p>`}
${records.length ? html`<h3>Activities (${records.length})</h3>${shown.map(([phase, r]) => activityDetails(phase, r))}${records.length > shown.length ? html`<p class="note">${text(`… ${records.length - shown.length} more activities in the journal`)}</p>` : html``}` : html``}
</article>`;
}

/**
 * The whole report as one HTML document. `journals`: the journals as written, by their name in the
 * journal folder (ExperimentResult.journal); an experiment without one shows its row, no chart.
 */
export function renderHtmlReport(results: ResultsWithHistory, journals: ReadonlyMap<string, Journal>, options: HtmlReportOptions = {}): string {
  const { title, note } = headline(results);
  const journalOf = (e: ExperimentResult): Journal | undefined => (e.journal ? journals.get(e.journal) : undefined);
  const notPassed = results.experiments.filter((e) => e.verdict !== 'passed' && e.reasons.length > 0);
  const dry = skipsActivities(results.dry) ? describeDryRun(results.dry) : undefined;
  const trend = options.trend ?? historyHtml(results);
  const body = html`<header>
<h1 data-gate=${attr(results.gate)}>${text(title)}</h1>
${note ? html`<p class="note">${text(note)}</p>` : html``}${factsLine(results, options.facts ?? {})}
</header>
<main>
<table class="results"><thead><tr>${RESULT_COLUMNS.map((c) => html`<th scope="col">${text(c)}</th>`)}</tr></thead><tbody>${results.experiments.map((e, i) => resultRow(results, e, i))}</tbody></table>
${trend ? html`<section class="trend">${trend}</section>` : html``}
${notPassed.length ? html`<section class="not-passed"><h2>What did not pass</h2>${notPassed.map((e) => html`<h3>${text(`${e.title} — ${e.verdict}`)}</h3><ul class="reasons">${shortReasons(e.reasons).map((r) => html`<li>${text(r)}</li>`)}</ul>`)}</section>` : html``}
<section class="experiments">
<h2>Experiments</h2>
${dry ? html`<p class="note">${text(dry)}</p>` : html``}
<p class="toolbar"><button type="button" data-open="true">Open every activity</button><button type="button" data-open="false">Close every activity</button></p>
${results.experiments.map((e, i) => experimentSection(results, e, i, journalOf(e)))}
</section>
</main>
<footer><p>${text(footerText(results))}</p></footer>`;
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content=${attr(CSP)}>
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${text(title)}</title>
<style>${STYLE}</style>
</head>
<body>
${body}
<script>${SCRIPT}</script>
</body>
</html>
`;
}
