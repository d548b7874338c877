// What the command line prints for people: the lines that end a run (one per experiment: verdict,
// title, duration, what recovery measured, why; then the gate and where the journals and the
// report are), and validation's problems and verdict.
import { type Diagnostic, formatDiagnostic } from '../experiment/diagnostics.js';
import { oneLine } from '../experiment/safe-text.js';
import type { ValidationReport } from '../experiment/validate-files.js';
import { formatDuration, recoveryLine, VERDICT_ICONS } from './markdown.js';
import { dryRunNote, skipsActivities } from './dry-run.js';
import { gateFails, type RunResults } from './results.js';
import { paint, type Terminal } from './terminal.js';

export function suiteSummaryLines(
  term: Pick<Terminal, 'color'>,
  results: RunResults,
  skipped: readonly string[],
  where: { journalDir: string; reportPath: string; notSelected?: number; inOtherShards?: number },
): string[] {
  const lines = [''];
  for (const e of results.experiments) {
    // Titles, reasons and file names come from the experiments and what their targets answered.
    lines.push(`${VERDICT_ICONS[e.verdict]} ${e.verdict.padEnd(16)} ${oneLine(e.title)} (${formatDuration(e.duration)})`);
    const measured = recoveryLine(e);
    if (measured) lines.push(`   ${oneLine(measured)}`);
    for (const r of e.reasons) lines.push(`   ${paint(term, 'dim', oneLine(r))}`);
  }
  for (const s of skipped) lines.push(`   skipped after the interruption: ${oneLine(s)}`);
  if (where.notSelected) lines.push(`   ${where.notSelected} more experiment(s) found but not selected by --tags`);
  const shard = results.scope?.shard;
  if (shard && results.experiments.length === 0)
    lines.push(`   shard ${shard.index}/${shard.count}: no experiments (the other shards run the ${where.inOtherShards ?? 0} selected)`);
  else if (shard) lines.push(`   shard ${shard.index}/${shard.count}: ${where.inOtherShards ?? 0} more selected experiment(s) run in the other shards`);
  for (const p of results.merged?.problems ?? []) lines.push(`   ${paint(term, 'red', `⛔ ${oneLine(p)}`)}`);
  const fails = gateFails(results);
  const gate = paint(term, results.gate === 'passed' ? 'green' : fails ? 'red' : 'yellow', `gate ${results.gate}`);
  lines.push('');
  if (skipsActivities(results.dry)) lines.push(dryRunNote(results.dry));
  const why = results.gate === 'dry-run' ? dryGateWhy(fails) : '';
  lines.push(`${gate}${why}: ${results.verdict} · journals in ${oneLine(where.journalDir)} · report ${oneLine(where.reportPath)}`);
  return lines;
}

/** Why a dry run failed the gate, or did not: fail-on's dry-run decides. */
const dryGateWhy = (fails: boolean): string =>
  fails ? ' (fail-on lists dry-run: leave it out for a dry run to exit 0)' : ' (fail-on leaves dry-run out: exit 0, but never a pass)';

/** Validation's problems (errors only when quiet), then one line: valid, or how many files are not. */
export function validationLines(term: Pick<Terminal, 'color'>, report: Pick<ValidationReport, 'valid' | 'files' | 'diagnostics'>, quiet: boolean): string[] {
  const shown = quiet ? report.diagnostics.filter((d) => d.severity === 'error') : report.diagnostics;
  const lines = shown.map((d) => colourDiagnostic(term, d));
  const errors = report.diagnostics.filter((d) => d.severity === 'error').length;
  const warnings = report.diagnostics.length - errors;
  if (report.valid) {
    if (!quiet)
      lines.push(paint(term, 'green', `✔ ${plural(report.files.length, 'experiment')} valid`) + (warnings ? ` (${plural(warnings, 'warning')})` : ''));
    return lines;
  }
  const invalidFiles = report.files.filter((f) => !f.valid).length;
  const scope = report.files.length ? `${invalidFiles} of ${plural(report.files.length, 'file')} invalid` : 'nothing to validate';
  lines.push(`${paint(term, 'red', `✖ ${scope}`)} (${plural(errors, 'error')}, ${plural(warnings, 'warning')})`);
  return lines;
}

function colourDiagnostic(term: Pick<Terminal, 'color'>, d: Diagnostic): string {
  const text = formatDiagnostic(d);
  if (!term.color) return text;
  const [head, ...rest] = text.split('\n');
  const label = d.severity === 'error' ? paint(term, 'red', 'error') : paint(term, 'yellow', 'warning');
  const coloured = (head ?? '').replace(`: ${d.severity}: `, `: ${label}: `);
  return [coloured, ...rest.map((l) => paint(term, 'dim', l))].join('\n');
}

const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;
