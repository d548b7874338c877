// Runs a suite: validates every experiment first (nothing runs unless all are valid), runs them
// one by one, judges each, and writes the journals, results.json and report.md. The CLI and the
// action call this; it talks to the world only through what it is given.
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Clock } from '../engine/clock.js';
import { activityEffects } from '../engine/effect.js';
import type { RunEvents } from '../engine/events.js';
import { hadImpact, observedRto } from '../engine/recovery-state.js';
import { type Interruption, runExperiment } from '../engine/runner.js';
import { resolveStrategies } from '../engine/strategies.js';
import type { FaultConfirmation } from '../contract/provider.js';
import type { Diagnostic } from '../experiment/diagnostics.js';
import { recoverySettings } from '../experiment/objectives.js';
import type { Redactor } from '../experiment/redaction.js';
import { selectedByTags, tagSelection } from '../experiment/selection.js';
import { validateFiles } from '../experiment/validate-files.js';
import type { RollbackLedger } from '../engine/rollback-ledger.js';
import { type FaultRecord, faultRecord, recoveryWithFaults } from '../report/faults.js';
import type { PlannedActivity } from '../report/plan.js';
import { unguardedActivities } from '../report/unguarded.js';
import { journalNames } from '../report/journal-files.js';
import { boundJournal, renderJournal, SUITE_FORMATS, type WrittenOutputs } from '../report/outputs.js';
import { type ExperimentResult, resultOf, rollbackState, type RunResults, summarize } from '../report/results.js';
import { judge } from '../report/verdict.js';
import { lockJournalDir, prepareJournalDir } from './journal-dir.js';
import { writeJunit } from './junit-file.js';
import { guardrailsOf, imposedStrategies, type ParsedSettings } from './settings.js';
import { addEnvironmentSecrets, type RunWiring } from './wiring.js';

export interface SuiteDependencies {
  /** What the settings wired: vars, environment, validation options, providers, AWS, redactor. */
  readonly wiring: RunWiring;
  readonly clock: Clock;
  readonly events: RunEvents;
  readonly cwd: string;
  readonly interruption: Interruption;
  readonly version: string;
  /** Where owed rollbacks are recorded before each fault (the action's post step reads it). */
  readonly ledger?: RollbackLedger;
  /** Called with the validation warnings before anything runs. */
  readonly onValidated?: (diagnostics: readonly Diagnostic[]) => void;
  /** Called with the run's secret values once loaded, so that output can be redacted. */
  readonly useRedactor?: (redactor: Redactor) => void;
  /**
   * Called once every experiment is valid, before anything runs (the action assumes its AWS role
   * here: an invalid suite never gets credentials). What it returns is added to the experiments'
   * environment and to the secrets to redact; an error it throws ends the suite before anything ran.
   */
  readonly beforeRun?: () => Promise<{ readonly env?: Readonly<Record<string, string>>; readonly secrets?: readonly string[] }>;
}

export type SuiteOutcome =
  | { readonly kind: 'invalid'; readonly diagnostics: Diagnostic[] }
  /** The journal folder cannot be used: nothing was validated or run. */
  | { readonly kind: 'no-journal-dir'; readonly problem: string }
  | {
      readonly kind: 'ran';
      readonly diagnostics: Diagnostic[];
      readonly results: RunResults;
      /** The files written (journals: one per experiment that started), as the artifact lists them. */
      readonly outputs: WrittenOutputs;
      readonly skipped: readonly string[];
      /** Valid experiments the tags left out (not run). */
      readonly notSelected: readonly string[];
    };

export async function runSuite({ settings, given }: ParsedSettings, deps: SuiteDependencies): Promise<SuiteOutcome> {
  const journalDir = path.resolve(deps.cwd, settings.journalDir);
  const unusable = await prepareJournalDir(journalDir);
  if (unusable) return { kind: 'no-journal-dir', problem: unusable };
  const locked = await lockJournalDir(journalDir);
  if ('problem' in locked) return { kind: 'no-journal-dir', problem: locked.problem };
  try {
    return await runLocked({ settings, given }, deps, journalDir);
  } finally {
    await locked.lock.release();
  }
}

async function runLocked({ settings, given }: ParsedSettings, deps: SuiteDependencies, journalDir: string): Promise<SuiteOutcome> {
  const { wiring } = deps;
  const runGuardrails = guardrailsOf(settings, given);
  const validation = await validateFiles(settings.experiments, { ...wiring.validation, guardrails: runGuardrails, exclude: [journalDir] });
  if (!validation.valid) return { kind: 'invalid', diagnostics: validation.diagnostics };
  deps.onValidated?.(validation.diagnostics);
  const all = validation.files.flatMap((f) => (f.experiment ? [f.experiment] : []));
  const selection = tagSelection(settings.tags, settings.tagsMatch);
  const experiments = all.filter((e) => selectedByTags((e.doc.value as Record<string, unknown>).tags, selection));
  const notSelected = all.filter((e) => !experiments.includes(e)).map((e) => e.doc.file);
  if (experiments.length === 0) {
    // A run of nothing must never read as a pass.
    const where = settings.experiments[0] ?? '.';
    const message = `no experiment matches the tags ${settings.tags.join(',')} (tags-match ${settings.tagsMatch}; ${all.length} experiment(s) found)`;
    return {
      kind: 'invalid',
      diagnostics: [
        {
          severity: 'error',
          code: 'tags-none',
          file: where,
          line: 1,
          column: 1,
          pointer: '',
          message,
          hint: "check the tags, or the experiments' `tags` lists",
        },
      ],
    };
  }
  const prepared = (await deps.beforeRun?.()) ?? {};
  const childEnv = { ...wiring.env, ...prepared.env };

  const { redactor } = wiring;
  for (const e of experiments) for (const v of e.secretValues) redactor.add(v);
  for (const v of prepared.secrets ?? []) redactor.add(v);
  addEnvironmentSecrets(redactor, childEnv);
  deps.useRedactor?.(redactor);
  const names = journalNames(experiments.map((e) => e.doc.file));
  const results: ExperimentResult[] = [];
  const journals: string[] = [];
  const skipped: string[] = [];
  const flags = imposedStrategies(settings, given);
  const objectives = { ...(settings.rto !== undefined ? { rto: settings.rto } : {}), ...(settings.rpo !== undefined ? { rpo: settings.rpo } : {}) };

  for (const [index, validated] of experiments.entries()) {
    if (deps.interruption.signal.aborted) {
      skipped.push(validated.doc.file);
      continue;
    }
    const experiment = validated.doc.value as Record<string, unknown>;
    const strategies = resolveStrategies(experiment, flags, settings.rollbackStrategy);
    // The AWS built-ins of this experiment see its guardrails; a dry run collects their plans.
    const providers = wiring.providersFor(experiment);
    const plans: PlannedActivity[] = [];
    const faults: FaultRecord[] = [];
    const outcome = await runExperiment(
      {
        file: validated.doc.file,
        experiment,
        configuration: validated.configuration,
        dynamicConfiguration: validated.dynamicConfiguration,
        secrets: validated.secrets,
      },
      {
        strategies,
        hypothesisFrequency: settings.hypothesisFrequency,
        failFast: settings.failFast,
        dry: settings.dry,
        recovery: recoverySettings(experiment, objectives).settings,
        sampling: settings.sampling,
      },
      {
        clock: deps.clock,
        ...providers,
        events: collectPlans(deps.events, plans, { sink: faults, take: providers.takeConfirmations }),
        env: childEnv,
        cwd: deps.cwd,
        interruption: deps.interruption,
        regexTimeout: settings.regexTimeout,
        limits: wiring.limits,
        ...(deps.ledger ? { ledger: deps.ledger, ledgerId: `${index}:${validated.doc.file}` } : {}),
      },
    );
    // Judged on the redacted journal: reasons quote values, cut short, and a secret cut in half
    // would no longer be recognised by the redactor.
    const redacted = redactor.redactValue(outcome.journal);
    const recoveryState = recoveryWithFaults(outcome.recoveryState, faults);
    const { verdict, reasons } = judge(
      { ...outcome, journal: redacted, recoveryState },
      { allowActionFailure: settings.allowActionFailure, plans: redactor.redactValue(plans), dry: settings.dry, faults: redactor.redactValue(faults) },
    );
    const unguarded = unguardedActivities(outcome.journal);
    const journal = {
      ...outcome.journal,
      'chaos-action': {
        version: deps.version,
        file: validated.doc.file,
        verdict,
        reasons,
        // Whether each method action and rollback took effect (the journal's status stays Chaos Toolkit's).
        activities: activityEffects(redacted, settings.dry),
        strategies: outcome.strategies,
        rollbacks: outcome.rollbacks,
        errors: outcome.errors,
        ...(plans.length ? { plan: plans } : {}),
        ...(faults.length ? { faults } : {}),
        ...(unguarded.length ? { unguarded } : {}),
        // The recovery state (what the evidence means) over the sampler's raw timeline.
        recovery: {
          objectives: outcome.objectives ?? {},
          ...outcome.recovery,
          ...recoveryState,
          rto: observedRto(recoveryState),
          impact: hadImpact(recoveryState),
          sampleRequests: outcome.recovery?.sampleRequests ?? 0,
        },
        ...(outcome.durability ? { durability: { objective: outcome.objectives?.rpo ?? null, ...outcome.durability } } : {}),
      },
    };
    const name = names.get(validated.doc.file) as string;
    const journalPath = path.join(journalDir, name);
    // Bounded before it is walked: whatever the activities recorded, the journal is written.
    await writeFile(journalPath, renderJournal(redactor.redactValue(boundJournal(journal, settings.maxOutput)), settings.maxOutput));
    journals.push(journalPath);
    const recovery = {
      state: recoveryState,
      ...(outcome.recovery ? { timeline: outcome.recovery } : {}),
      ...(outcome.durability ? { durability: outcome.durability } : {}),
      ...(outcome.objectives ? { objectives: outcome.objectives } : {}),
    };
    results.push(
      redactor.redactValue({
        ...resultOf(
          validated.doc.file,
          outcome.journal,
          verdict,
          reasons,
          name,
          recovery,
          rollbackState(outcome.journal, outcome.rollbacks, outcome.strategies.rollbacks),
        ),
        ...(plans.length ? { plan: plans } : {}),
        ...(faults.length ? { faults } : {}),
        ...(unguarded.length ? { unguarded } : {}),
      }),
    );
  }

  // Experiments an interruption kept from starting count as interrupted: the gate must not pass.
  for (const file of skipped) {
    results.push({
      file,
      title: file,
      verdict: 'interrupted',
      reasons: ['not started: the run was interrupted before it'],
      status: null,
      deviated: false,
      steadyStateBefore: null,
      steadyStateAfter: null,
      duration: 0,
      journal: null,
    });
  }
  const summary = summarize(results, settings.failOn, deps.version, settings.dry);
  const suite: Record<string, string> = {};
  for (const format of SUITE_FORMATS) {
    suite[format.key] = path.join(journalDir, format.fileName);
    await writeFile(suite[format.key] as string, format.render({ results: summary, skipped }));
  }
  const junit = settings.junit === undefined ? undefined : await writeJunit(summary, path.resolve(deps.cwd, settings.junit), journalDir);
  return {
    kind: 'ran',
    diagnostics: validation.diagnostics,
    notSelected,
    results: summary,
    outputs: { journals, suite: suite as WrittenOutputs['suite'], ...(junit ? { junit } : {}) },
    skipped,
  };
}

/**
 * The run's events, with every dry-run plan also kept in `sink` (for the journal and the report),
 * and the fault confirmations an activity made filed under it when it ends.
 */
function collectPlans(events: RunEvents, sink: PlannedActivity[], faults: { sink: FaultRecord[]; take: () => FaultConfirmation[] }): RunEvents {
  return new Proxy(events, {
    get(target, key) {
      if (key === 'activityEnded') {
        const ended: RunEvents['activityEnded'] = (record, phase, failure) => {
          for (const c of faults.take()) faults.sink.push(faultRecord(String(record.activity.name ?? ''), phase, c));
          target.activityEnded(record, phase, failure);
        };
        return ended;
      }
      if (key === 'activityPlanned') {
        const planned: NonNullable<RunEvents['activityPlanned']> = (record, phase, plan) => {
          sink.push({
            activity: String(record.activity.name ?? ''),
            phase,
            changes: plan.changes,
            ...(plan.error !== undefined ? { error: plan.error } : {}),
            ...(plan.effect ? { effect: plan.effect } : {}),
          });
          target.activityPlanned?.(record, phase, plan);
        };
        return planned;
      }
      const value: unknown = Reflect.get(target, key, target);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}
