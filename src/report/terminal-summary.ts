// The lines the command line ends a run with: one per experiment (verdict, title, duration, what
// recovery measured, why), then the gate and where the journals and the report are.
import { formatDuration, recoveryLine, VERDICT_ICONS } from './markdown.js';
import type { RunResults } from './results.js';
import { paint, type Terminal } from './terminal.js';

export function suiteSummaryLines(term: Pick<Terminal, 'color'>, results: RunResults, skipped: readonly string[], where: { journalDir: string; reportPath: string }): string[] {
  const lines = [''];
  for (const e of results.experiments) {
    lines.push(`${VERDICT_ICONS[e.verdict]} ${e.verdict.padEnd(16)} ${e.title} (${formatDuration(e.duration)})`);
    const measured = recoveryLine(e);
    if (measured) lines.push(`   ${measured}`);
    for (const r of e.reasons) lines.push(`   ${paint(term, 'dim', r)}`);
  }
  for (const s of skipped) lines.push(`   skipped after the interruption: ${s}`);
  const gate = results.gate === 'passed' ? paint(term, 'green', 'gate passed') : paint(term, 'red', 'gate failed');
  lines.push('', `${gate}: ${results.verdict} · journals in ${where.journalDir} · report ${where.reportPath}`);
  return lines;
}
