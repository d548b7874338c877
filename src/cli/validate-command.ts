// `chaos-action validate`: every problem in every file, positioned; exit 2 when any is an error.
import { type Diagnostic, formatDiagnostic } from '../experiment/diagnostics.js';
import { validateFiles } from '../experiment/validate-files.js';
import { cliOptions, describeProblem, parseRunSettings } from '../app/settings.js';
import { wireRun } from '../app/wiring.js';
import { commandHelp, VALIDATE_FLAGS } from './command-help.js';
import { UsageError } from './usage-error.js';
import { ExitCode } from './exit-codes.js';
import { paint, type Terminal } from '../report/terminal.js';

// From process.getBuiltinModule rather than an ESM import: the ESM facade of node:util evaluates
// every lazy getter of the module, a measurable part of a cold start.
const { parseArgs } = process.getBuiltinModule('node:util');

export async function validateCommand(argv: string[], term: Terminal, env: Readonly<Record<string, string | undefined>>): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      ...cliOptions(VALIDATE_FLAGS),
      format: { type: 'string', default: 'text' },
      quiet: { type: 'boolean', short: 'q' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    term.out(commandHelp('validate'));
    return ExitCode.ok;
  }
  if (values.format !== 'text' && values.format !== 'json') throw new UsageError(`--format ${values.format}: expected text or json`);
  const paths = positionals.length > 0 ? positionals : ['experiments'];
  // The same settings and wiring as `run`: validation sees what the run will see.
  const parsed = parseRunSettings({ from: 'flag', values: values as Readonly<Record<string, string | boolean | string[] | undefined>>, positionals, env });
  if (!parsed.ok) throw new UsageError(parsed.problems.map((p) => describeProblem(p, 'flag')).join('; '));
  const wired = await wireRun(parsed, { env, cwd: process.cwd() });
  const report = wired.ok ? await validateFiles(paths, wired.wiring.validation) : { files: [], diagnostics: [...wired.diagnostics], valid: false };

  if (values.format === 'json') {
    term.out(JSON.stringify({ valid: report.valid, files: report.files.map((f) => ({ file: f.file, valid: f.valid })), diagnostics: report.diagnostics }, null, 2));
    return report.valid ? ExitCode.ok : ExitCode.invalidInput;
  }
  const shown = values.quiet ? report.diagnostics.filter((d) => d.severity === 'error') : report.diagnostics;
  for (const d of shown) term.err(colourDiagnostic(term, d));
  const errors = report.diagnostics.filter((d) => d.severity === 'error').length;
  const warnings = report.diagnostics.length - errors;
  const invalidFiles = report.files.filter((f) => !f.valid).length;
  const counts = `${plural(errors, 'error')}, ${plural(warnings, 'warning')}`;
  if (report.valid) {
    if (!values.quiet) term.err(paint(term, 'green', `✔ ${plural(report.files.length, 'experiment')} valid`) + (warnings ? ` (${plural(warnings, 'warning')})` : ''));
    return ExitCode.ok;
  }
  const scope = report.files.length ? `${invalidFiles} of ${plural(report.files.length, 'file')} invalid` : 'nothing to validate';
  term.err(paint(term, 'red', `✖ ${scope}`) + ` (${counts})`);
  return ExitCode.invalidInput;
}

function colourDiagnostic(term: Terminal, d: Diagnostic): string {
  const text = formatDiagnostic(d);
  if (!term.color) return text;
  const [head, ...rest] = text.split('\n');
  const label = d.severity === 'error' ? paint(term, 'red', 'error') : paint(term, 'yellow', 'warning');
  const coloured = (head ?? '').replace(`: ${d.severity}: `, `: ${label}: `);
  return [coloured, ...rest.map((l) => paint(term, 'dim', l))].join('\n');
}

const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;
