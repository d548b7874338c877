// `chaos-action validate`: every problem in every file, positioned; exit 2 when any is an error.
import { validateFiles } from '../experiment/validate-files.js';
import type { ValidatedExperiment } from '../experiment/validate.js';
import { cliOptions, describeProblem, parseRunSettings } from '../app/settings.js';
import { wireRun } from '../app/wiring.js';
import { experimentClaim } from '../app/experiment-claim.js';
import { commandHelp, VALIDATE_FLAGS } from './command-help.js';
import { UsageError } from './usage-error.js';
import { ExitCode } from './exit-codes.js';
import { parseFlags } from './flags.js';
import type { Terminal } from '../report/terminal.js';
import { validationLines } from '../report/terminal-summary.js';

export async function validateCommand(argv: string[], term: Terminal, env: Readonly<Record<string, string | undefined>>): Promise<number> {
  const { values, positionals } = parseFlags(argv, {
    ...cliOptions(VALIDATE_FLAGS),
    format: { type: 'string' },
    quiet: { type: 'boolean', short: 'q' },
    help: { type: 'boolean', short: 'h' },
  });
  const format = values.format ?? 'text';
  if (values.help) {
    term.out(commandHelp('validate'));
    return ExitCode.ok;
  }
  if (format !== 'text' && format !== 'json') throw new UsageError(`--format ${String(format)}: expected text or json`);
  const paths = positionals.length > 0 ? positionals : ['experiments'];
  // The same settings and wiring as `run`: validation sees what the run will see.
  const parsed = parseRunSettings({ from: 'flag', values, positionals, env });
  if (!parsed.ok) throw new UsageError(parsed.problems.map((p) => describeProblem(p, 'flag')).join('; '));
  // A signal while pip installs the python-requirements stops it (validation then runs nothing);
  // outside the installation, a signal ends `validate` as it always did.
  const stop = new AbortController();
  const onSignal = (): void => stop.abort();
  const installing = parsed.settings.pythonRequirements.length > 0;
  if (installing) {
    process.on('SIGINT', onSignal);
    process.on('SIGTERM', onSignal);
  }
  const log = (line: string): void => {
    if (values.quiet !== true && format === 'text') term.err(line);
  };
  let wired: Awaited<ReturnType<typeof wireRun>>;
  try {
    wired = await wireRun(parsed, { env, cwd: process.cwd(), log, signal: stop.signal });
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  }
  const report = wired.ok ? await validateFiles(paths, wired.wiring.validation) : { files: [], diagnostics: [...wired.diagnostics], valid: false };

  if (format === 'json') {
    term.out(
      JSON.stringify(
        {
          valid: report.valid,
          files: report.files.map((f) => ({ file: f.file, valid: f.valid, ...(f.valid ? locksOf(f.experiment) : {}) })),
          diagnostics: report.diagnostics,
        },
        null,
        2,
      ),
    );
    return report.valid ? ExitCode.ok : ExitCode.invalidInput;
  }
  for (const line of validationLines(term, report, values.quiet === true)) term.err(line);
  return report.valid ? ExitCode.ok : ExitCode.invalidInput;
}

/** What a valid experiment holds when it runs in parallel (declared and inferred locks, exclusive), when anything. */
function locksOf(validated: ValidatedExperiment | undefined): { locks?: readonly string[]; exclusive?: true } {
  if (!validated) return {};
  const claim = experimentClaim({
    experiment: validated.doc.value as Record<string, unknown>,
    configuration: validated.configuration,
    dynamicConfiguration: validated.dynamicConfiguration,
  });
  return { ...(claim.locks.length ? { locks: claim.locks } : {}), ...(claim.exclusive ? { exclusive: true as const } : {}) };
}
