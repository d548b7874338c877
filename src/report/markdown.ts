// The Markdown result table (report.md; later the job summary and the sticky PR comment). Every
// string a user wrote is escaped: a title cannot break the table or inject markup.
import { markdownTable } from 'markdown-table';
import type { Diagnostic } from '../experiment/diagnostics.js';
import { oneLine } from '../experiment/safe-text.js';
import type { ExperimentResult, MergeInfo, RtoResult, RunResults } from './results.js';
import { dryRunNote, type SkippedActivity, skipsActivities } from './dry-run.js';
import { describePlannedActivity, type PlannedActivity } from './plan.js';
import { describeUnguarded } from './unguarded.js';
import { chartLegend, mermaidGantt } from './timeline-chart.js';
import { factsLine, type RunFacts } from './run-facts.js';
import { historySection, type ResultsWithHistory, rtoChange } from './history-report.js';
import { shortReason, shortReasons } from './short-reason.js';
import { formatSeconds, isDefaultFailOn, type Verdict } from './verdict.js';

export const VERDICT_ICONS: Record<Verdict, string> = {
  passed: '✅',
  regressed: '📉',
  'dry-run': '🧪',
  'not-ready': '⏸️',
  'missed-objective': '⏱️',
  deviated: '❌',
  stopped: '🛑',
  interrupted: '⛔',
  failed: '💥',
  invalid: '🚫',
};

/**
 * Escapes text for a table cell or list item: one line without control characters (see
 * oneLine), and no pipe, HTML, link, emphasis or math syntax gets through, and no @mention, URL or
 * bare `www.` autolink turns active.
 */
export function escapeCell(text: string): string {
  return oneLine(text)
    .replace(/\\/g, '\\\\')
    .replace(/&/g, '&amp;')
    .replace(/[|*_`[\]<>#~$]/g, (c) => `\\${c}`)
    .replace(/@/g, '@\u200b')
    .replace(/:\/\//g, ':\u200b//')
    .replace(/(www)\./gi, '$1\u200b.');
}

/** A code span in a table cell: backslash escapes do not work inside, so only drop what breaks it. */
export function codeCell(text: string): string {
  return `\`${oneLine(text).replace(/`/g, "'").replace(/\|/g, '\\|')}\``;
}

const met = (v: boolean | null): string => (v === null ? '—' : v ? 'met' : 'not met');

/** A value with what qualifies it in brackets: `4.2 s (objective 10 s)`, `not measured (sampling off)`. */
const qualified = (value: string, details: readonly string[]): string => (details.length ? `${value} (${details.join('; ')})` : value);
const objectiveOf = (seconds: number | undefined): string[] => (seconds === undefined ? [] : [`objective ${formatSeconds(seconds)}`]);

/** The observed RTO from the recovery state, with the objective beside it: the table's cell and the terminal's. */
export function rtoText(rto: RtoResult): string {
  const objective = objectiveOf(rto.objective);
  switch (rto.state) {
    case 'not-measured':
      return qualified('not measured', [rto.why, ...objective]);
    case 'no-impact':
      return qualified('no impact', objective);
    case 'recovered':
      return qualified(formatSeconds(rto.rto), objective);
    case 'not-recovered':
      return qualified('not recovered', [
        `still failing at ${formatSeconds(rto.failingAt)}`,
        ...(rto.budgetSpent ? ['sampling budget spent'] : []),
        ...objective,
      ]);
  }
}

const rtoCell = (e: ExperimentResult): string => (e.rto ? `${rtoText(e.rto)}${rtoChange(e)}` : '—');

/** Observed RPO, the objective beside it, and how many acknowledged canary writes were lost. */
function rpoText(e: ExperimentResult): { observed: string; qualifiers: string[]; detail?: string } {
  const objective = objectiveOf(e.rpo?.objective ?? e.rpoObjective);
  if (!e.rpo) return objective.length ? { observed: 'not measured', qualifiers: ['no canary', ...objective] } : { observed: '—', qualifiers: [] };
  const detail = e.rpo.lost === null ? `${e.rpo.acknowledged} writes acknowledged` : `${e.rpo.lost} of ${e.rpo.acknowledged} writes lost`;
  // Writes that survived a fault that never happened measure nothing (the canary's counts stay, as detail).
  if (e.rto?.state === 'not-measured' && e.rto.why === 'fault not confirmed')
    return { observed: 'not measured', qualifiers: ['fault not confirmed', ...objective], detail };
  const observed = e.rpo.observed === null ? 'unknown' : `${e.rpo.lowerBound ? '≥ ' : ''}${formatSeconds(e.rpo.observed)}`;
  return { observed, qualifiers: objective, detail };
}

/** The RPO cell as plain lines: the value with its objective, then the canary's counts. */
function rpoLines(e: ExperimentResult): string[] {
  const rpo = rpoText(e);
  const value = qualified(rpo.observed, rpo.qualifiers);
  return rpo.detail ? [value, rpo.detail] : [value];
}

/** One plain line for a terminal: RTO and RPO with their objectives. */
export function recoveryLine(e: ExperimentResult): string | undefined {
  const parts: string[] = [];
  if (e.rto) parts.push(`RTO ${rtoText(e.rto)}`);
  if (e.rpo) {
    const rpo = rpoText(e);
    parts.push(`RPO ${qualified(rpo.observed, [...rpo.qualifiers, `${rpo.detail}${e.rpo.failed ? `, ${e.rpo.failed} failed` : ''}`])}`);
  }
  return parts.length ? parts.join(' · ') : undefined;
}

const canaryNoticed = (e: ExperimentResult): boolean => e.rpo !== undefined && (e.rpo.failed > 0 || e.rpo.lost !== 0);

export function formatDuration(seconds: number): string {
  if (seconds < 60) return `${seconds.toFixed(1)} s`;
  const m = Math.floor(seconds / 60);
  return `${m} min ${Math.round(seconds - m * 60)} s`;
}

/**
 * The report's first lines. A dry run says so in its header ("🧪 dry run (--dry actions): nothing
 * was injected — gate dry-run"); a dry run with a worse verdict says it on the next line.
 */
function heading(results: RunResults): string[] {
  const { title, note } = headline(results);
  return [`## ${title}`, ...(note ? ['', note] : [])];
}

/** The report's title and the note under it, as plain text (fixed words): every format's heading. */
export function headline(results: Pick<RunResults, 'verdict' | 'gate' | 'dry'>): { title: string; note?: string } {
  const verdict = `${VERDICT_ICONS[results.verdict]} ${results.verdict}`;
  if (!skipsActivities(results.dry)) {
    const title = `Chaos experiments: ${verdict} — gate ${results.gate}`;
    return results.dry === 'pause' ? { title, note: '⏩ --dry pause: every activity ran, but no pause was slept' } : { title };
  }
  const note = dryRunNote(results.dry);
  if (results.verdict === 'dry-run') return { title: `Chaos experiments: ${note} — gate ${results.gate}` };
  return { title: `Chaos experiments: ${verdict} — gate ${results.gate}`, note };
}

/** The report's last line: the counts, a fail-on that is not the default, the version. */
export function footerText(results: Pick<RunResults, 'counts' | 'failOn' | 'version' | 'scope' | 'merged' | 'experiments'>): string {
  const counts = Object.entries(results.counts)
    .filter(([, n]) => n > 0)
    .map(([v, n]) => `${n} ${v}`)
    .join(', ');
  // A matrix leg says which shard it ran (an empty one says so); merged results say which legs.
  const shard = results.scope?.shard;
  const selected = results.scope?.selection.selected ?? 0;
  // The default (every verdict but passed and regressed) goes without saying; a choice of the workflow's does not.
  return [
    counts || (shard ? `shard ${shard.index}/${shard.count}: no experiments (the other shards run the ${selected} selected)` : 'no experiments'),
    shard && results.experiments.length ? `shard ${shard.index}/${shard.count} of ${selected} selected` : '',
    results.merged ? `merged ${legsText(results.merged)}` : '',
    isDefaultFailOn(results.failOn) ? '' : `fails on: ${results.failOn.join(', ') || 'nothing'}`,
    `chaos-action ${results.version}`,
  ]
    .filter(Boolean)
    .join(' · ');
}

export const RESULT_COLUMNS = ['Experiment', 'Verdict', 'Steady state before', 'Steady state after', 'Observed RTO', 'Observed RPO', 'Duration'] as const;

/**
 * One row of the result table as plain text (every format renders these, so that the Markdown and
 * the HTML report never disagree): the experiment's title and file, then one cell per column,
 * each a list of lines. Fixed words, numbers and the user's title and file: the caller escapes.
 */
export interface ResultCells {
  readonly title: string;
  readonly file: string;
  readonly verdict: string;
  readonly steadyStateBefore: string;
  readonly steadyStateAfter: string;
  readonly rto: string;
  readonly rpo: readonly string[];
  readonly duration: string;
}

export function resultCells(results: Pick<RunResults, 'dry'>, e: ExperimentResult): ResultCells {
  // Under --dry probes or activities no tolerance was checked: "met" would be a reassuring lie.
  const unchecked = results.dry === 'probes' || results.dry === 'activities';
  const steadyState = (v: boolean | null): string => (v !== null && unchecked ? 'not checked (dry run)' : met(v));
  return {
    title: e.title,
    file: e.file,
    verdict: `${VERDICT_ICONS[e.verdict]} ${e.verdict}`,
    steadyStateBefore: steadyState(e.steadyStateBefore),
    steadyStateAfter: steadyState(e.steadyStateAfter),
    rto: rtoCell(e),
    rpo: rpoLines(e),
    duration: formatDuration(e.duration),
  };
}

/**
 * The result table, with what did not pass, recovery timelines and dry-run plans. Reasons are
 * shortened (the journal and results.json keep them whole); `facts` say which run this is.
 */
export function renderReport(results: ResultsWithHistory, facts: RunFacts = {}): string {
  const factLine = factsLine(results.experiments, facts);
  // Legs of several environments (comment-keys): one table, a section row per environment.
  const sectioned = results.experiments.some((e) => e.environment !== undefined && e.environment !== 'default');
  const rows: string[][] = [];
  let section: string | undefined;
  for (const e of results.experiments) {
    if (sectioned && e.environment !== section) {
      section = e.environment;
      rows.push([`**${escapeCell(section ?? 'default')}**`, '', '', '', '', '', '']);
    }
    const c = resultCells(results, e);
    rows.push([`${escapeCell(c.title)}<br>${codeCell(c.file)}`, c.verdict, c.steadyStateBefore, c.steadyStateAfter, c.rto, c.rpo.join('<br>'), c.duration]);
  }
  const table = markdownTable([[...RESULT_COLUMNS], ...rows], {
    align: ['l', 'l', 'c', 'c', 'c', 'c', 'r'],
  });
  const details = results.experiments
    .filter((e) => e.verdict !== 'passed' && e.reasons.length > 0)
    .map(
      (e) =>
        `**${escapeCell(e.title)}**${sectioned && e.environment ? ` (${escapeCell(e.environment)})` : ''} — ${e.verdict}\n${shortReasons(e.reasons)
          .map((r) => `- ${escapeCell(r)}`)
          .join('\n')}`,
    );
  const timelines = results.experiments
    .filter((e) => (e.timeline && e.rto?.impact === true) || canaryNoticed(e))
    .map((e) => {
      const line =
        e.timeline && e.rto?.impact === true
          ? `- ${escapeCell(e.title)}: \`${e.timeline}\` (from the fault to ${formatSeconds(e.rto && 'observedFor' in e.rto ? e.rto.observedFor : 0)}; █ steady state not met)`
          : `- ${escapeCell(e.title)}`;
      const notes = (e.rpo?.notes ?? []).map((n) => `; note: ${escapeCell(n)}`).join('');
      const canary = e.rpo
        ? ` — canary: ${e.rpo.lost ?? '?'} of ${e.rpo.acknowledged} acknowledged writes lost, ${e.rpo.failed} failed${e.rpo.error ? ` (${escapeCell(shortReason(e.rpo.error))})` : ''}${notes}`
        : '';
      const legend = e.chart ? chartLegend(e.chart) : undefined;
      return e.chart ? `${line}${canary}\n\n${mermaidGantt(e.chart)}\n${legend ? `\n${legend}\n` : ''}` : `${line}${canary}`;
    });
  const plans = results.experiments.flatMap((e) => (e.plan ?? []).map((p) => planLine(e.title, p)));
  const skipped = results.experiments.flatMap((e) => (e.skipped?.length ? [skippedLine(e.title, e.skipped)] : []));
  const unguarded = results.experiments.flatMap((e) => (e.unguarded ?? []).map((u) => `- ⚠️ ${escapeCell(e.title)}: ${escapeCell(describeUnguarded(u))}`));
  const footer = footerText(results);
  return [
    ...heading(results),
    '',
    ...(factLine ? [factLine, ''] : []),
    ...(results.merged?.problems.length
      ? ['### ⛔ The merge found problems (the gate cannot pass)', '', ...results.merged.problems.map((p) => `- ${escapeCell(p)}`), '']
      : []),
    ...(results.merged?.notes?.length ? [...results.merged.notes.map((n) => `ℹ️ ${escapeCell(n)}`), ''] : []),
    table,
    '',
    ...(details.length ? ['### What did not pass', '', details.join('\n\n'), ''] : []),
    ...(timelines.length ? ['### Recovery timelines', '', ...timelines, ''] : []),
    ...historySection(results, escapeCell),
    ...(unguarded.length ? ['### Ran unguarded (AWS credentials outside the guardrails)', '', ...unguarded, ''] : []),
    ...(skipped.length ? ['### Skipped by the dry run', '', ...skipped, ''] : []),
    ...(plans.length ? ['### Dry-run plan (nothing was changed)', '', ...plans, ''] : []),
    footer,
    '',
  ].join('\n');
}

/** The merged legs, by environment: `staging 1/2, 2/2; prod`. */
function legsText(merged: MergeInfo): string {
  const byKey = new Map<string, string[]>();
  for (const l of merged.legs) byKey.set(l.key, [...(byKey.get(l.key) ?? []), l.shard ? `${l.shard.index}/${l.shard.count}` : 'all']);
  const parts = [...byKey].map(([key, shards]) => `${oneLine(key).replace(/[|`*_<>[\]]/g, ' ')} ${shards.join(', ')}`);
  return `${merged.legs.length} leg${merged.legs.length === 1 ? '' : 's'}: ${parts.join('; ')}`;
}

/** One experiment's skipped activities as a list item: "- Title: method action kill, rollbacks action heal". */
function skippedLine(title: string, skipped: readonly SkippedActivity[]): string {
  return `- ${escapeCell(title)}: ${skipped.map((s) => `${s.phase} ${s.type} ${escapeCell(s.activity)}`).join(', ')}`;
}

/** One dry action's plan as a list item: each change it would send, with the guardrails' verdict. */
function planLine(title: string, p: PlannedActivity): string {
  const what = p.error !== undefined ? `would fail before changing anything: ${shortReason(p.error)}` : describePlannedActivity(p);
  const refused = p.changes.some((c) => !c.allowed) ? '⛔ ' : p.effect?.kind === 'unguarded' ? '⚠️ ' : '';
  return `- ${refused}${escapeCell(title)} → ${escapeCell(p.activity)} (${p.phase}): ${escapeCell(what)}`;
}

/** Every validation error as a table (file:line:column, problem): what the summary shows when nothing ran. */
export function renderInvalid(diagnostics: readonly Diagnostic[], version: string, facts: RunFacts = {}): string {
  const errors = diagnostics.filter((d) => d.severity === 'error');
  const table = markdownTable([
    ['Where', 'Problem'],
    ...errors.map((d) => [codeCell(`${d.file}:${d.line}:${d.column}`), escapeCell(d.hint ? `${d.message} (hint: ${d.hint})` : d.message)]),
  ]);
  const factLine = factsLine([], facts);
  return [
    `## Chaos experiments: ${VERDICT_ICONS.invalid} invalid — nothing was run`,
    '',
    ...(factLine ? [factLine, ''] : []),
    table,
    '',
    `chaos-action ${version}`,
    '',
  ].join('\n');
}

/**
 * Cuts Markdown to at most `limit` characters at a line boundary and says where the rest is:
 * GitHub refuses longer comments (65,536) and summaries (1 MiB).
 */
export function truncateMarkdown(markdown: string, limit: number, rest: string): string {
  if (markdown.length <= limit) return markdown;
  return cutMarkdown(markdown, limit, rest);
}

/** The same, counting UTF-8 bytes: the runner measures the job summary in bytes (1 MiB). */
export function truncateMarkdownBytes(markdown: string, limitBytes: number, rest: string): string {
  let limit = limitBytes;
  let out = markdown;
  while (Buffer.byteLength(out) > limitBytes && limit > 0) {
    limit = Math.floor(limit * 0.9);
    out = cutMarkdown(markdown, limit, rest);
  }
  return out;
}

function cutMarkdown(markdown: string, limit: number, rest: string): string {
  const note = `\n\n… cut to fit: ${rest}\n`;
  const room = Math.max(0, limit - note.length);
  const cut = markdown.lastIndexOf('\n', room);
  return markdown.slice(0, cut > 0 ? cut : room) + note;
}
