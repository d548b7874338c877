// `chaos-action merge --journal-dir OUT DIR…`: merges matrix legs' journal folders into one report
// and one gate; exits as `run` does (1 when the merged gate fails, including a missing shard).
import path from 'node:path';
import { readBaselines } from '../app/history.js';
import { expectedEnvironments } from '../app/merge-inputs.js';
import { mergeRun } from '../app/merge-run.js';
import type { ResultsWithHistory } from '../report/history-report.js';
import { oneLine } from '../experiment/safe-text.js';
import { cliOptions, describeProblem, parseRunSettings } from '../app/settings.js';
import { VERSION } from '../app/version.js';
import { gateFails } from '../report/results.js';
import { paint, type Terminal } from '../report/terminal.js';
import { suiteSummaryLines } from '../report/terminal-summary.js';
import { commandHelp, MERGE_FLAGS } from './command-help.js';
import { ExitCode } from './exit-codes.js';
import { parseFlags } from './flags.js';
import { UsageError } from './usage-error.js';

export async function mergeCommand(argv: string[], term: Terminal, env: Readonly<Record<string, string | undefined>>): Promise<number> {
  const { values: all, positionals } = parseFlags(argv, {
    ...cliOptions(MERGE_FLAGS),
    expect: { type: 'string', multiple: true },
    help: { type: 'boolean', short: 'h' },
  });
  const { expect: expectFlags, ...values } = all;
  if (values.help) {
    term.out(commandHelp('merge'));
    return ExitCode.ok;
  }
  if (positionals.length === 0)
    throw new UsageError('give the folders to merge (each with a results.json), e.g. chaos-action merge --journal-dir merged legs/*');
  const parsed = parseRunSettings({ from: 'flag', values, positionals, env });
  if (!parsed.ok) throw new UsageError(parsed.problems.map((p) => describeProblem(p, 'flag')).join('; '));
  const { settings } = parsed;
  const expect = expectedEnvironments(((expectFlags as string[] | undefined) ?? []).join(','));
  if (!expect.ok) throw new UsageError(`--expect: ${expect.problem}`);
  const cwd = process.cwd();
  const journalDir = path.resolve(cwd, settings.journalDir);
  const outcome = await mergeRun(positionals, journalDir, {
    failOn: settings.failOn,
    version: VERSION,
    regressionThreshold: settings.regressionThreshold,
    ...(settings.junit !== undefined ? { junit: path.resolve(cwd, settings.junit) } : {}),
    meta: { commit: env['GITHUB_SHA'] || null, ref: env['GITHUB_REF'] || null },
    ...(expect.value.length ? { expect: expect.value } : {}),
    ...(settings.baseline.length ? { earlier: () => readBaselines(settings.baseline, cwd) } : {}),
  });
  if (outcome.kind === 'no-journal-dir') {
    term.err(`chaos-action merge: --journal-dir ${settings.journalDir}: ${outcome.problem}; nothing was merged.`);
    return ExitCode.invalidInput;
  }
  const { results, skipped } = outcome.merged;
  const report = outcome.outputs.suite.report;
  const where = { journalDir: path.resolve(cwd, settings.journalDir), reportPath: path.isAbsolute(settings.journalDir) ? report : path.relative(cwd, report) };
  for (const line of suiteSummaryLines(term, results, skipped, where)) term.out(line);
  for (const note of (results as ResultsWithHistory).history?.notes ?? []) term.err(paint(term, 'yellow', `⚠ ${oneLine(note)}`));
  return gateFails(results) ? ExitCode.gateFailed : ExitCode.ok;
}
