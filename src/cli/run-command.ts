// `chaos-action run`: validate everything, run each experiment, write journals and the report,
// exit 1 when a verdict listed in --fail-on occurred. SIGINT/SIGTERM stop the running activity and
// play the rollbacks; a second signal skips what is left of them.
import path from 'node:path';
import type { ResultsWithHistory } from '../report/history-report.js';
import { installInterruption } from '../app/interruption.js';
import { runSuite } from '../app/run-suite.js';
import { cliOptions, describeProblem, parseRunSettings } from '../app/settings.js';
import { VERSION } from '../app/version.js';
import { wireRun } from '../app/wiring.js';
import { systemClock } from '../engine/clock.js';
import { formatDiagnostic } from '../experiment/diagnostics.js';
import { oneLine } from '../experiment/safe-text.js';
import { ProgressPrinter } from '../report/progress.js';
import { gateFails } from '../report/results.js';
import { paint, type Terminal } from '../report/terminal.js';
import { suiteSummaryLines } from '../report/terminal-summary.js';
import { commandHelp, RUN_FLAGS } from './command-help.js';
import { ExitCode } from './exit-codes.js';
import { parseFlags } from './flags.js';
import { UsageError } from './usage-error.js';

export async function runCommand(argv: string[], term: Terminal, env: Readonly<Record<string, string | undefined>>): Promise<number> {
  const { values, positionals } = parseFlags(argv, { ...cliOptions(RUN_FLAGS), help: { type: 'boolean', short: 'h' } });
  if (values.help) {
    term.out(commandHelp('run'));
    return ExitCode.ok;
  }
  const parsed = parseRunSettings({ from: 'flag', values, positionals, env });
  if (!parsed.ok) throw new UsageError(parsed.problems.map((p) => describeProblem(p, 'flag')).join('; '));
  const { settings } = parsed;
  const verbosity = settings.quiet ? 'quiet' : settings.verbose ? 'verbose' : 'normal';
  const printer = new ProgressPrinter(term, verbosity);
  const cwd = process.cwd();
  // Installed before the set-up: a signal while pip installs the python-requirements stops it.
  const { interruption, dispose } = installInterruption(
    (m) => printer.warning(m),
    (code) => process.exit(code),
  );
  try {
    const log = (line: string): void => {
      if (verbosity !== 'quiet') term.err(line);
    };
    const wired = await wireRun(parsed, { env, cwd, log, signal: interruption.signal });
    if (!wired.ok) {
      for (const d of wired.diagnostics) term.err(formatDiagnostic(d));
      return ExitCode.invalidInput;
    }
    const outcome = await runSuite(parsed, {
      wiring: wired.wiring,
      clock: systemClock,
      events: printer,
      cwd,
      interruption,
      version: VERSION,
      useRedactor: (r) => printer.useRedactor(r),
      // A CI job that runs the CLI names its commit; a laptop's run has none to name.
      runMeta: { commit: env['GITHUB_SHA'] || null, ref: env['GITHUB_REF'] || null },
      onValidated: (diagnostics) => {
        if (verbosity !== 'quiet') for (const d of diagnostics) term.err(formatDiagnostic(d));
      },
    });
    if (outcome.kind === 'no-journal-dir') {
      term.err(`chaos-action run: --journal-dir ${settings.journalDir}: ${outcome.problem}; nothing was run. Give a folder that can be created and written.`);
      return ExitCode.invalidInput;
    }
    if (outcome.kind === 'invalid') {
      for (const d of outcome.diagnostics) term.err(formatDiagnostic(d));
      term.err(paint(term, 'red', '✖ invalid experiments: nothing was run'));
      return ExitCode.invalidInput;
    }
    // The report as the user named its folder: relative when --journal-dir was.
    const report = outcome.outputs.suite.report;
    const where = {
      journalDir: path.resolve(cwd, settings.journalDir),
      reportPath: path.isAbsolute(settings.journalDir) ? report : path.relative(cwd, report),
    };
    for (const line of suiteSummaryLines(term, outcome.results, outcome.skipped, {
      ...where,
      notSelected: outcome.notSelected.length,
      inOtherShards: outcome.inOtherShards,
    }))
      term.out(line);
    for (const note of (outcome.results as ResultsWithHistory).history?.notes ?? []) term.err(paint(term, 'yellow', `⚠ ${note}`));
    const copy = outcome.htmlCopy;
    if (copy?.problem !== undefined)
      term.err(paint(term, 'red', `✖ --html ${oneLine(settings.html ?? '')}: the HTML report could not be written: ${oneLine(copy.problem)}`));
    else if (copy) term.out(`HTML report: ${oneLine(path.isAbsolute(settings.html ?? '') ? copy.path : path.relative(cwd, copy.path))}`);
    return gateFails(outcome.results) ? ExitCode.gateFailed : ExitCode.ok;
  } finally {
    dispose();
  }
}
