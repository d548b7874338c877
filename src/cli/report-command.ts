// `chaos-action report`: journals (ours or Chaos Toolkit's) and results.json files in, the same
// report.md, results.json (and JUnit) a run writes out; exit 1 when a verdict listed in --fail-on
// occurred, as `run` does, and 2 when an input is not a journal or cannot be read.
import path from 'node:path';
import type { ResultsWithHistory } from '../report/history-report.js';
import { reportJournals } from '../app/report-journals.js';
import { cliOptions, describeProblem, parseRunSettings } from '../app/settings.js';
import { VERSION } from '../app/version.js';
import { oneLine } from '../experiment/safe-text.js';
import { formatInputProblem } from '../report/report-inputs.js';
import { gateFails } from '../report/results.js';
import { paint, type Terminal } from '../report/terminal.js';
import { suiteSummaryLines } from '../report/terminal-summary.js';
import { commandHelp, REPORT_FLAGS } from './command-help.js';
import { ExitCode } from './exit-codes.js';
import { parseFlags } from './flags.js';
import { UsageError } from './usage-error.js';

export async function reportCommand(argv: string[], term: Terminal, env: Readonly<Record<string, string | undefined>>): Promise<number> {
  const { values, positionals } = parseFlags(argv, { ...cliOptions(REPORT_FLAGS), help: { type: 'boolean', short: 'h' } });
  if (values.help) {
    term.out(commandHelp('report'));
    return ExitCode.ok;
  }
  if (positionals.length === 0) throw new UsageError('give the journals, folders of journals or results.json files to report on');
  const parsed = parseRunSettings({ from: 'flag', values, positionals, env });
  if (!parsed.ok) throw new UsageError(parsed.problems.map((p) => describeProblem(p, 'flag')).join('; '));
  const { settings } = parsed;
  const cwd = process.cwd();
  const journalDir = path.resolve(cwd, settings.journalDir);
  const outcome = await reportJournals({
    paths: positionals,
    journalDir,
    failOn: settings.failOn,
    allowActionFailure: settings.allowActionFailure,
    ...(settings.junit !== undefined ? { junit: path.resolve(cwd, settings.junit) } : {}),
    baseline: settings.baseline.map((b) => path.resolve(cwd, b)),
    regressionThreshold: settings.regressionThreshold,
    version: VERSION,
  });
  if (outcome.kind === 'bad-input') {
    for (const p of outcome.problems) term.err(oneLine(formatInputProblem(p)));
    term.err(paint(term, 'red', "✖ nothing was reported: every input must be a journal (Chaos Toolkit's or ours) or a results.json"));
    return ExitCode.invalidInput;
  }
  if (outcome.kind === 'no-journal-dir') {
    term.err(
      `chaos-action report: --journal-dir ${oneLine(settings.journalDir)}: ${oneLine(outcome.problem)}; nothing was written. Give a folder that can be created and written.`,
    );
    return ExitCode.invalidInput;
  }
  if (!settings.quiet) for (const s of outcome.skipped) term.err(`${oneLine(formatInputProblem(s))}: skipped`);
  const report = outcome.outputs.suite.report;
  const where = { journalDir, reportPath: path.isAbsolute(settings.journalDir) ? report : path.relative(cwd, report) };
  for (const line of suiteSummaryLines(term, outcome.results, [], where)) term.out(line);
  for (const note of (outcome.results as ResultsWithHistory).history?.notes ?? []) term.err(paint(term, 'yellow', `⚠ ${oneLine(note)}`));
  return gateFails(outcome.results) ? ExitCode.gateFailed : ExitCode.ok;
}
