// The Markdown result table (report.md; later the job summary and the sticky PR comment). Every
// string a user wrote is escaped: a title cannot break the table or inject markup.
import { markdownTable } from 'markdown-table';
import type { RunResults } from './results.js';
import type { Verdict } from './verdict.js';

export const VERDICT_ICONS: Record<Verdict, string> = {
  passed: '✅',
  'not-ready': '⏸️',
  'missed-objective': '⏱️',
  deviated: '❌',
  interrupted: '⛔',
  failed: '💥',
  invalid: '🚫',
};

/** Escapes text for a table cell: no pipes, newlines, HTML or link syntax can get through. */
export function escapeCell(text: string): string {
  return text
    .replace(/\\/g, '\\\\')
    .replace(/\r?\n/g, ' ')
    .replace(/[|*_`[\]<>#~]/g, (c) => `\\${c}`)
    .replace(/&/g, '&amp;');
}

const met = (v: boolean | null): string => (v === null ? '—' : v ? 'met' : 'not met');

export function formatDuration(seconds: number): string {
  if (seconds < 60) return `${seconds.toFixed(1)} s`;
  const m = Math.floor(seconds / 60);
  return `${m} min ${Math.round(seconds - m * 60)} s`;
}

export function renderReport(results: RunResults): string {
  const head = `## Chaos experiments: ${VERDICT_ICONS[results.verdict]} ${results.verdict} — gate ${results.gate}`;
  const rows = results.experiments.map((e) => [
    `${escapeCell(e.title)}<br>\`${escapeCell(e.file).replace(/`/g, '')}\``,
    `${VERDICT_ICONS[e.verdict]} ${e.verdict}`,
    met(e.steadyStateBefore),
    met(e.steadyStateAfter),
    formatDuration(e.duration),
  ]);
  const table = markdownTable([['Experiment', 'Verdict', 'Steady state before', 'Steady state after', 'Duration'], ...rows], {
    align: ['l', 'l', 'c', 'c', 'r'],
  });
  const details = results.experiments
    .filter((e) => e.verdict !== 'passed' && e.reasons.length > 0)
    .map((e) => `**${escapeCell(e.title)}** — ${e.verdict}\n${e.reasons.map((r) => `- ${escapeCell(r)}`).join('\n')}`);
  const counts = Object.entries(results.counts)
    .filter(([, n]) => n > 0)
    .map(([v, n]) => `${n} ${v}`)
    .join(', ');
  return [head, '', table, '', ...(details.length ? ['### What did not pass', '', details.join('\n\n'), ''] : []), `${counts || 'no experiments'} · fails on: ${results.failOn.join(', ')} · chaos-action ${results.version}`, ''].join('\n');
}
