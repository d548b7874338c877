// One experiment of a suite, start to end: run it, judge it, write its journal, and build its
// result. run-suite.ts calls it for each experiment, one at a time or several at once; everything
// it touches is its own (its providers, plans, faults, events) or safe to share (the redactor, the
// ledger, whose writes are serialized).
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Clock } from '../engine/clock.js';
import { activityEffects } from '../engine/effect.js';
import type { RunEvents } from '../engine/events.js';
import type { Journal } from '../engine/journal.js';
import { hadImpact, observedRto } from '../engine/recovery-state.js';
import type { RollbackLedger } from '../engine/rollback-ledger.js';
import { type Interruption, runExperiment } from '../engine/runner.js';
import { resolveStrategies, type Strategies } from '../engine/strategies.js';
import type { FaultConfirmation } from '../contract/provider.js';
import { type Objectives, recoverySettings } from '../experiment/objectives.js';
import type { ValidatedExperiment } from '../experiment/validate.js';
import { type FaultRecord, faultRecord, recoveryWithFaults } from '../report/faults.js';
import type { PlannedActivity } from '../report/plan.js';
import { unguardedActivities } from '../report/unguarded.js';
import { boundJournal, renderJournal } from '../report/outputs.js';
import { type ExperimentResult, resultOf, rollbackState } from '../report/results.js';
import { judge } from '../report/verdict.js';
import type { RunSettings } from './settings.js';
import type { RunWiring } from './wiring.js';

/** What every experiment of a suite shares. */
export interface SuiteRun {
  readonly settings: RunSettings;
  readonly wiring: RunWiring;
  readonly clock: Clock;
  readonly cwd: string;
  readonly interruption: Interruption;
  readonly version: string;
  readonly ledger?: RollbackLedger;
  /** What the experiments' processes see (the wiring's, with the assumed role's session). */
  readonly env: Readonly<Record<string, string>>;
  readonly journalDir: string;
  /** Strategies the run's flags impose over the experiments'. */
  readonly flags: Partial<Strategies>;
  readonly objectives: Objectives;
}

export interface OneExperiment {
  readonly validated: ValidatedExperiment;
  /** Its position in the suite (unique: the ledger knows it by it). */
  readonly index: number;
  /** Its journal's file name in the journal folder. */
  readonly journalName: string;
  /** Its events (prefixed with its name when several run at once). */
  readonly events: RunEvents;
}

export async function runOneExperiment(
  run: SuiteRun,
  { validated, index, journalName, events }: OneExperiment,
): Promise<{ result: ExperimentResult; journal: string; written: Journal }> {
  const { settings, wiring } = run;
  const { redactor } = wiring;
  const experiment = validated.doc.value as Record<string, unknown>;
  const strategies = resolveStrategies(experiment, run.flags, settings.rollbackStrategy);
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
      recovery: recoverySettings(experiment, run.objectives).settings,
      sampling: settings.sampling,
    },
    {
      clock: run.clock,
      ...providers,
      events: collectPlans(events, plans, { sink: faults, take: providers.takeConfirmations }),
      env: run.env,
      cwd: run.cwd,
      interruption: run.interruption,
      regexTimeout: settings.regexTimeout,
      limits: wiring.limits,
      ...(run.ledger ? { ledger: run.ledger, ledgerId: `${index}:${validated.doc.file}` } : {}),
    },
  );
  // Judged on the redacted journal: reasons quote values, cut short, and a secret cut in half
  // would no longer be recognised by the redactor.
  const redacted = redactor.redactValue(outcome.journal);
  const recoveryState = recoveryWithFaults(outcome.recoveryState, faults);
  const { verdict, reasons } = judge(
    { ...outcome, journal: redacted, recoveryState, ...(outcome.stopped ? { stopped: redactor.redactValue(outcome.stopped) } : {}) },
    { allowActionFailure: settings.allowActionFailure, plans: redactor.redactValue(plans), dry: settings.dry, faults: redactor.redactValue(faults) },
  );
  const unguarded = unguardedActivities(outcome.journal);
  const journal = {
    ...outcome.journal,
    'chaos-action': {
      version: run.version,
      file: validated.doc.file,
      verdict,
      reasons,
      // Whether each method action and rollback took effect (the journal's status stays Chaos Toolkit's).
      activities: activityEffects(redacted, settings.dry),
      strategies: outcome.strategies,
      rollbacks: outcome.rollbacks,
      errors: outcome.errors,
      // The python controls that ran and the hooks that raised (chaoslib only logs those).
      ...(outcome.controls ? { controls: redactor.redactValue(outcome.controls) } : {}),
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
      // The stop condition that stopped it: the guard, its tolerance, the value it saw, when.
      ...(outcome.stopped ? { stopped: outcome.stopped } : {}),
    },
  };
  const journalPath = path.join(run.journalDir, journalName);
  // Bounded before it is walked: whatever the activities recorded, the journal is written.
  const written = redactor.redactValue(boundJournal(journal, settings.maxOutput));
  await writeFile(journalPath, renderJournal(written, settings.maxOutput, true));
  const recovery = {
    state: recoveryState,
    ...(outcome.recovery ? { timeline: outcome.recovery } : {}),
    ...(outcome.durability ? { durability: outcome.durability } : {}),
    ...(outcome.objectives ? { objectives: outcome.objectives } : {}),
  };
  const result = redactor.redactValue({
    ...resultOf(
      validated.doc.file,
      outcome.journal,
      verdict,
      reasons,
      journalName,
      recovery,
      rollbackState(outcome.journal, outcome.rollbacks, outcome.strategies.rollbacks),
    ),
    ...(plans.length ? { plan: plans } : {}),
    ...(faults.length ? { faults } : {}),
    ...(unguarded.length ? { unguarded } : {}),
  });
  // The journal as written (redacted, bounded): what the HTML report shows.
  return { result, journal: journalPath, written };
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
