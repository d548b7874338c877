// Runs a suite: validates every experiment first (nothing runs unless all are valid), runs them
// one by one, judges each, and writes the journals, results.json and report.md. The CLI and the
// action call this; it talks to the world only through what it is given.
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { DryMode } from '../engine/activity.js';
import type { Clock } from '../engine/clock.js';
import type { RunEvents } from '../engine/events.js';
import { type Interruption, runExperiment } from '../engine/runner.js';
import { type HypothesisStrategy, type RollbackStrategy, resolveStrategies } from '../engine/strategies.js';
import type { Diagnostic } from '../experiment/diagnostics.js';
import { type Objectives, recoverySettings } from '../experiment/objectives.js';
import { Redactor } from '../experiment/redaction.js';
import { validateFiles, type ValidateFilesOptions } from '../experiment/validate-files.js';
import type { RollbackLedger } from '../engine/rollback-ledger.js';
import type { ProviderPlanner, ProviderRunner } from '../providers/types.js';
import { providerPlanner } from '../providers/registry.js';
import { AwsRuntime } from '../aws/runtime.js';
import { experimentGuardrails, type Guardrails } from '../experiment/guardrails.js';
import type { PlannedActivity } from '../report/results.js';
import { journalNames } from '../report/journal-files.js';
import { renderReport } from '../report/markdown.js';
import { type ExperimentResult, resultOf, type RunResults, summarize } from '../report/results.js';
import { judge, type Verdict } from '../report/verdict.js';

export interface SuiteSettings {
  readonly paths: readonly string[];
  readonly journalDir: string;
  readonly hypothesisStrategy?: HypothesisStrategy;
  readonly rollbackStrategy?: RollbackStrategy;
  readonly hypothesisFrequency: number;
  readonly failFast: boolean;
  readonly dry: DryMode | null;
  readonly failOn: readonly Verdict[];
  readonly allowActionFailure: boolean;
  /** Objectives for experiments that do not declare their own (--rto, --rpo; action inputs). */
  readonly objectives?: Objectives;
  /** Guardrails of mutating AWS calls (CLI flags, action inputs); experiments may tighten them. */
  readonly guardrails?: Guardrails;
}

export interface SuiteDependencies {
  readonly validation: ValidateFilesOptions;
  readonly clock: Clock;
  readonly runProvider: ProviderRunner;
  readonly events: RunEvents;
  /** The environment of child processes (runner tokens already removed). */
  readonly childEnv: Readonly<Record<string, string>>;
  readonly cwd: string;
  readonly interruption: Interruption;
  readonly version: string;
  /** Where owed rollbacks are recorded before each fault (the action's post step reads it). */
  readonly ledger?: RollbackLedger;
  /** Secret values from outside the experiments (e.g. AWS session credentials) to redact too. */
  readonly extraSecrets?: readonly string[];
  /** Called with the validation warnings before anything runs. */
  readonly onValidated?: (diagnostics: readonly Diagnostic[]) => void;
  /** Called with the run's secret values once loaded, so that output can be redacted. */
  readonly useRedactor?: (redactor: Redactor) => void;
  /**
   * Called once every experiment is valid, before anything runs (the action assumes its AWS role
   * here: an invalid suite never gets credentials). What it returns replaces `childEnv` and adds
   * secrets to redact; an error it throws ends the suite before anything ran.
   */
  readonly beforeRun?: () => Promise<{ readonly childEnv?: Readonly<Record<string, string>>; readonly secrets?: readonly string[] }>;
  /** The run's AWS clients and credentials; a fresh one by default (credentials from childEnv, else the default chain). */
  readonly aws?: AwsRuntime;
  /** Plans dry actions (default: the built-ins' planner). */
  readonly planProvider?: ProviderPlanner;
}

export type SuiteOutcome =
  | { readonly kind: 'invalid'; readonly diagnostics: Diagnostic[] }
  | {
      readonly kind: 'ran';
      readonly diagnostics: Diagnostic[];
      readonly results: RunResults;
      readonly reportPath: string;
      readonly resultsPath: string;
      /** The journal files written, one per experiment that started. */
      readonly journals: readonly string[];
      readonly skipped: readonly string[];
    };

/** Environment variables whose values are AWS credentials (the access key id is not a secret). */
const AWS_SECRET_VARIABLES = ['AWS_SECRET_ACCESS_KEY', 'AWS_SESSION_TOKEN'] as const;

export async function runSuite(settings: SuiteSettings, deps: SuiteDependencies): Promise<SuiteOutcome> {
  const validation = await validateFiles(settings.paths, { ...deps.validation, ...(settings.guardrails ? { guardrails: settings.guardrails } : {}) });
  if (!validation.valid) return { kind: 'invalid', diagnostics: validation.diagnostics };
  deps.onValidated?.(validation.diagnostics);
  const experiments = validation.files.flatMap((f) => (f.experiment ? [f.experiment] : []));
  const prepared = (await deps.beforeRun?.()) ?? {};
  const childEnv = prepared.childEnv ?? deps.childEnv;

  const redactor = new Redactor();
  for (const e of experiments) for (const v of e.secretValues) redactor.add(v);
  for (const v of [...(deps.extraSecrets ?? []), ...(prepared.secrets ?? [])]) redactor.add(v);
  // AWS keys the run's environment holds (the CLI's, or a runner's own credentials) are secrets too.
  for (const key of AWS_SECRET_VARIABLES) if (childEnv[key]) redactor.add(childEnv[key]);
  deps.useRedactor?.(redactor);
  await mkdir(settings.journalDir, { recursive: true });
  const names = journalNames(experiments.map((e) => e.doc.file));
  const results: ExperimentResult[] = [];
  const journals: string[] = [];
  const skipped: string[] = [];
  const aws = deps.aws ?? new AwsRuntime();
  const planner = deps.planProvider ?? providerPlanner();

  for (const [index, validated] of experiments.entries()) {
    if (deps.interruption.signal.aborted) {
      skipped.push(validated.doc.file);
      continue;
    }
    const experiment = validated.doc.value as Record<string, unknown>;
    const strategies = resolveStrategies(experiment, {
      ...(settings.hypothesisStrategy ? { hypothesis: settings.hypothesisStrategy } : {}),
      ...(settings.rollbackStrategy ? { rollbacks: settings.rollbackStrategy } : {}),
    });
    // The AWS built-ins of this experiment see its guardrails; a dry run collects their plans.
    const awsScope = aws.scope(experimentGuardrails(experiment, settings.guardrails).guardrails, { dry: settings.dry === 'actions' || settings.dry === 'activities' });
    const plans: PlannedActivity[] = [];
    const outcome = await runExperiment(
      {
        file: validated.doc.file,
        experiment,
        configuration: validated.configuration,
        dynamicConfiguration: validated.dynamicConfiguration,
        secrets: validated.secrets,
      },
      { strategies, hypothesisFrequency: settings.hypothesisFrequency, failFast: settings.failFast, dry: settings.dry, recovery: recoverySettings(experiment, settings.objectives).settings },
      {
        clock: deps.clock,
        runProvider: (provider, ctx) => deps.runProvider(provider, { ...ctx, aws: awsScope }),
        planProvider: (provider, ctx) => planner(provider, { ...ctx, aws: awsScope }),
        events: collectPlans(deps.events, plans),
        env: childEnv,
        cwd: deps.cwd,
        interruption: deps.interruption,
        ...(deps.ledger ? { ledger: deps.ledger, ledgerId: `${index}:${validated.doc.file}` } : {}),
      },
    );
    // Judged on the redacted journal: reasons quote values, cut short, and a secret cut in half
    // would no longer be recognised by the redactor.
    const { verdict, reasons } = judge({ ...outcome, journal: redactor.redactValue(outcome.journal) }, { allowActionFailure: settings.allowActionFailure });
    const journal = {
      ...outcome.journal,
      'chaos-action': {
        version: deps.version,
        file: validated.doc.file,
        verdict,
        reasons,
        strategies: outcome.strategies,
        rollbacks: outcome.rollbacks,
        errors: outcome.errors,
        ...(plans.length ? { plan: plans } : {}),
        ...(outcome.recovery ? { recovery: { objectives: outcome.objectives ?? {}, ...outcome.recovery } } : {}),
        ...(outcome.durability ? { durability: { objective: outcome.objectives?.rpo ?? null, ...outcome.durability } } : {}),
      },
    };
    const name = names.get(validated.doc.file) as string;
    const journalPath = path.join(settings.journalDir, name);
    await writeFile(journalPath, JSON.stringify(redactor.redactValue(journal), null, 2) + '\n');
    journals.push(journalPath);
    const recovery = { ...(outcome.recovery ? { timeline: outcome.recovery } : {}), ...(outcome.durability ? { durability: outcome.durability } : {}), ...(outcome.objectives ? { objectives: outcome.objectives } : {}) };
    results.push(redactor.redactValue({ ...resultOf(validated.doc.file, outcome.journal, verdict, reasons, name, recovery), ...(plans.length ? { plan: plans } : {}) }));
  }

  // Experiments an interruption kept from starting count as interrupted: the gate must not pass.
  for (const file of skipped) {
    results.push({ file, title: file, verdict: 'interrupted', reasons: ['not started: the run was interrupted before it'], status: null, deviated: false, steadyStateBefore: null, steadyStateAfter: null, duration: 0, journal: null });
  }
  const summary = summarize(results, settings.failOn, deps.version);
  const resultsPath = path.join(settings.journalDir, 'results.json');
  const reportPath = path.join(settings.journalDir, 'report.md');
  await writeFile(resultsPath, JSON.stringify({ ...summary, skipped }, null, 2) + '\n');
  await writeFile(reportPath, renderReport(summary));
  return { kind: 'ran', diagnostics: validation.diagnostics, results: summary, reportPath, resultsPath, journals, skipped };
}

/** The run's events, with every dry-run plan also kept in `sink` (for the journal and the report). */
function collectPlans(events: RunEvents, sink: PlannedActivity[]): RunEvents {
  return new Proxy(events, {
    get(target, key) {
      if (key === 'activityPlanned') {
        const planned: NonNullable<RunEvents['activityPlanned']> = (record, phase, plan) => {
          sink.push({ activity: String(record.activity.name ?? ''), phase, changes: plan.changes, ...(plan.error !== undefined ? { error: plan.error } : {}) });
          target.activityPlanned?.(record, phase, plan);
        };
        return planned;
      }
      const value: unknown = Reflect.get(target, key, target);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}
