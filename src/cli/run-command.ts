// `chaos-action run`: validate everything, run each experiment, write journals and the report,
// exit 1 when a verdict listed in --fail-on occurred. SIGINT/SIGTERM stop the running activity and
// play the rollbacks; a second signal skips what is left of them.
import path from 'node:path';
import { installInterruption } from '../app/interruption.js';
import { runSuite } from '../app/run-suite.js';
import type { DryMode } from '../engine/activity.js';
import { systemClock } from '../engine/clock.js';
import { HYPOTHESIS_STRATEGIES, type HypothesisStrategy, normalizeHypothesisStrategy, ROLLBACK_STRATEGIES, type RollbackStrategy } from '../engine/strategies.js';
import { formatDiagnostic } from '../experiment/diagnostics.js';
import { parseDuration } from '../experiment/objectives.js';
import { type GuardrailSetting, type Guardrails, parseGuardrails } from '../experiment/guardrails.js';
import { childEnv } from '../providers/child-env.js';
import { providerRegistry } from '../providers/registry.js';
import { formatDuration, recoveryLine, VERDICT_ICONS } from '../report/markdown.js';
import { type Verdict, VERDICTS } from '../report/verdict.js';
import { experimentInputs } from './experiment-inputs.js';
import { UsageError } from './usage-error.js';
import { ExitCode } from './exit-codes.js';
import { RUN_HELP } from './help.js';
import { VERSION } from '../app/version.js';
import { ProgressPrinter } from '../report/progress.js';
import { paint, type Terminal } from '../report/terminal.js';

// From process.getBuiltinModule rather than an ESM import: the ESM facade of node:util evaluates
// every lazy getter of the module, a measurable part of a cold start.
const { parseArgs } = process.getBuiltinModule('node:util');

const DRY_MODES = ['probes', 'actions', 'activities', 'pause'] as const;
export const DEFAULT_FAIL_ON: readonly Verdict[] = VERDICTS.filter((v) => v !== 'passed');

function oneOf<T extends string>(flag: string, value: string | undefined, allowed: readonly T[]): T | undefined {
  if (value === undefined) return undefined;
  if (!(allowed as readonly string[]).includes(value)) throw new UsageError(`--${flag} ${value}: expected one of ${allowed.join(', ')}`);
  return value as T;
}

export function parseFailOn(value: string | undefined): readonly Verdict[] {
  if (value === undefined) return DEFAULT_FAIL_ON;
  const list = value.split(',').map((s) => s.trim()).filter(Boolean);
  for (const v of list) oneOf('fail-on', v, VERDICTS);
  return list as Verdict[];
}

export async function runCommand(argv: string[], term: Terminal, env: Readonly<Record<string, string | undefined>>): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      'journal-dir': { type: 'string', default: 'chaos-results' },
      var: { type: 'string', multiple: true },
      'var-file': { type: 'string', multiple: true },
      python: { type: 'string' },
      'rollback-strategy': { type: 'string' },
      'hypothesis-strategy': { type: 'string' },
      'hypothesis-frequency': { type: 'string', default: '1' },
      'fail-fast': { type: 'boolean', default: false },
      dry: { type: 'string' },
      'fail-on': { type: 'string' },
      'allow-action-failure': { type: 'boolean', default: false },
      rto: { type: 'string' },
      rpo: { type: 'string' },
      'allowed-account-ids': { type: 'string' },
      'required-tags': { type: 'string' },
      'max-targets': { type: 'string' },
      quiet: { type: 'boolean', short: 'q' },
      verbose: { type: 'boolean', short: 'v' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    term.out(RUN_HELP);
    return ExitCode.ok;
  }
  const hypothesisStrategy = values['hypothesis-strategy'] === undefined ? undefined : normalizeHypothesisStrategy(values['hypothesis-strategy']);
  if (values['hypothesis-strategy'] !== undefined && !hypothesisStrategy) oneOf('hypothesis-strategy', values['hypothesis-strategy'], HYPOTHESIS_STRATEGIES);
  const rollbackStrategy = oneOf<RollbackStrategy>('rollback-strategy', values['rollback-strategy'], ROLLBACK_STRATEGIES);
  const dry = oneOf<DryMode>('dry', values.dry, DRY_MODES) ?? null;
  const frequency = Number(values['hypothesis-frequency']);
  if (!Number.isFinite(frequency) || frequency < 0) throw new UsageError(`--hypothesis-frequency ${values['hypothesis-frequency']}: expected a number of seconds`);
  const failOn = parseFailOn(values['fail-on']);
  const objectives: { rto?: number; rpo?: number } = {};
  for (const key of ['rto', 'rpo'] as const) {
    const raw = values[key];
    if (raw === undefined) continue;
    const seconds = parseDuration(raw);
    if (seconds === undefined) throw new UsageError(`--${key} ${raw}: expected a duration such as 30s, 5m or 90 (seconds)`);
    objectives[key] = seconds;
  }
  const guardrails = guardrailOptions(values);
  const verbosity = values.quiet ? 'quiet' : values.verbose ? 'verbose' : 'normal';
  const printer = new ProgressPrinter(term, verbosity);

  const prepared = await experimentInputs(values, env);
  if (!prepared.ok) {
    for (const d of prepared.diagnostics) term.err(formatDiagnostic(d));
    return ExitCode.invalidInput;
  }
  const python = values.python ?? env.CHAOS_ACTION_PYTHON ?? 'python3';
  const { interruption, dispose } = installInterruption((m) => printer.warning(m));
  try {
    const outcome = await runSuite(
      {
        paths: positionals.length ? positionals : ['experiments'],
        journalDir: values['journal-dir'] as string,
        ...(hypothesisStrategy ? { hypothesisStrategy: hypothesisStrategy as HypothesisStrategy } : {}),
        ...(rollbackStrategy ? { rollbackStrategy } : {}),
        hypothesisFrequency: frequency,
        failFast: values['fail-fast'] === true,
        dry,
        failOn,
        allowActionFailure: values['allow-action-failure'] === true,
        objectives,
        guardrails,
      },
      {
        validation: prepared.inputs.options,
        clock: systemClock,
        runProvider: providerRegistry({ python }),
        events: printer,
        childEnv: childEnv(prepared.inputs.env),
        cwd: process.cwd(),
        interruption,
        version: VERSION,
        useRedactor: (r) => printer.useRedactor(r),
        onValidated: (diagnostics) => {
          if (verbosity !== 'quiet') for (const d of diagnostics) term.err(formatDiagnostic(d));
        },
      },
    );
    if (outcome.kind === 'invalid') {
      for (const d of outcome.diagnostics) term.err(formatDiagnostic(d));
      term.err(paint(term, 'red', '✖ invalid experiments: nothing was run'));
      return ExitCode.invalidInput;
    }
    const { results } = outcome;
    term.out('');
    for (const e of results.experiments) {
      term.out(`${VERDICT_ICONS[e.verdict]} ${e.verdict.padEnd(16)} ${e.title} (${formatDuration(e.duration)})`);
      const measured = recoveryLine(e);
      if (measured) term.out(`   ${measured}`);
      for (const r of e.reasons) term.out(`   ${paint(term, 'dim', r)}`);
    }
    for (const s of outcome.skipped) term.out(`   skipped after the interruption: ${s}`);
    const gate = results.gate === 'passed' ? paint(term, 'green', 'gate passed') : paint(term, 'red', 'gate failed');
    term.out(`\n${gate}: ${results.verdict} · journals in ${path.resolve(values['journal-dir'] as string)} · report ${outcome.reportPath}`);
    return results.gate === 'passed' ? ExitCode.ok : ExitCode.gateFailed;
  } finally {
    dispose();
  }
}

/** --allowed-account-ids, --required-tags and --max-targets: the run's guardrails of mutating AWS calls. */
function guardrailOptions(values: Partial<Record<GuardrailSetting, string>>): Guardrails {
  const { guardrails, problems } = parseGuardrails(values);
  const [first] = problems;
  if (first) throw new UsageError(`--${first.setting} ${first.text}: ${first.problem}`);
  return guardrails;
}
