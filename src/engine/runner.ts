// One experiment, start to end, as chaoslib's Runner._run plays it: configuration, steady state
// before, method (with the during-checks), steady state after, rollbacks. Never throws: whatever
// happens, the journal comes back complete, and rollbacks follow the strategy. (The post step's part,
// the rollbacks an experiment still owes played alone, is owed-rollbacks.ts.)
import { substitute, substitutionScope } from '../experiment/substitution.js';
import type { ActivityLimits } from '../contract/limits.js';
import type { ProviderPlanner, ProviderRunner } from '../contract/provider.js';
import { activityEnvironment, type DryMode, Interrupted, isDry } from './activity.js';
import { type Clock, isoTimestamp } from './clock.js';
import { applyControls, type ControlReport, type ControlSession, type StartControls } from './controls.js';
import { startDuringChecks } from './during-checks.js';
import { createGuards, type Guards, type Trip } from './guards.js';
import { stopConditionsOf } from '../experiment/stop-conditions.js';
import { type ConfigurationToResolve, resolveDynamicConfiguration } from './dynamic-configuration.js';
import type { RunEvents } from './events.js';
import { hypothesisInput, runHypothesis } from './hypothesis.js';
import { type Journal, newJournal, type SteadyState } from './journal.js';
import { runMethod } from './method.js';
import type { Objectives, RecoverySettings } from '../experiment/objectives.js';
import type { RollbackLedger } from './rollback-ledger.js';
import { ledgerProgress, runRollbacks, settleLedger } from './rollbacks.js';
import { checkObservation, lastActionEnd, type RecoveryState, recoveryState } from './recovery-state.js';
import { errorRecorder, type RunError } from './run-errors.js';
import { type RecoveryTimeline, type Sampler, startSampler } from './sampler.js';
import { type Canary, type CanaryStores, type DurabilityReport, startCanary } from './canary.js';
import { playsRollbacks, runsAfter, runsBefore, runsDuring, type Strategies } from './strategies.js';

/** An experiment as loaded, with its configuration (dynamic entries resolved first) and secrets. */
export interface ExperimentToRun extends ConfigurationToResolve {
  readonly file: string;
  /** The experiment as loaded, unsubstituted. */
  readonly experiment: Record<string, unknown>;
}

export interface RunOptions {
  readonly strategies: Strategies;
  /** Seconds between two during-method checks (chaos run --hypothesis-frequency). */
  readonly hypothesisFrequency: number;
  readonly failFast: boolean;
  readonly dry: DryMode | null;
  /** Objectives and sampling: when given, recovery is measured from the first method action. */
  readonly recovery?: RecoverySettings;
  /** The run's switch for recovery sampling (`--no-sampling`): false turns it off (default on). */
  readonly sampling?: boolean;
}

/** First signal: stop the experiment (its rollbacks still run). Second: cut the rollbacks short. */
export interface Interruption {
  readonly signal: AbortSignal;
  readonly hardSignal: AbortSignal;
}

export interface RunDependencies {
  readonly clock: Clock;
  readonly runProvider: ProviderRunner;
  readonly events: RunEvents;
  readonly env: Readonly<Record<string, string>>;
  readonly cwd: string;
  readonly interruption: Interruption;
  /** Where owed rollbacks are recorded before any fault, for a post step to revert after a crash. */
  readonly ledger?: RollbackLedger;
  /** Identifies this experiment in the ledger (unique within the run). */
  readonly ledgerId?: string;
  /** Plans dry actions instead of skipping them silently (see ActivityEnvironment.planProvider). */
  readonly planProvider?: ProviderPlanner;
  /** The built-in stores a durability canary writes to (PostgreSQL). */
  readonly canaryStores?: CanaryStores;
  /** Seconds one regex tolerance match may take (the regex-timeout setting). */
  readonly regexTimeout?: number;
  /** What is kept of an activity's output and how long it may take (max-output, activity-timeout). */
  readonly limits?: ActivityLimits;
  /** Starts the experiment's control session (users' python controls), when it declares any. */
  readonly startControls?: StartControls;
}

export interface RunOutcome {
  readonly journal: Journal;
  /** Unexpected errors (chaoslib would have crashed or aborted on them), in order. */
  readonly errors: RunError[];
  readonly rollbacks: 'played' | 'skipped' | 'cut-short';
  readonly strategies: Strategies;
  /** The sampled timeline, when the sampler ran. */
  readonly recovery?: RecoveryTimeline;
  /** What the recovery evidence means (no impact, recovered in X s, …): the one definition. */
  readonly recoveryState: RecoveryState;
  /** The durability canary's writes and observed RPO, when the experiment declares a canary. */
  readonly durability?: DurabilityReport;
  readonly objectives?: Objectives;
  /** The stop condition that tripped and stopped the experiment (journal status `interrupted`). */
  readonly stopped?: Trip;
  /** The python controls that ran, and the hooks that failed (the journal's `chaos-action.controls`). */
  readonly controls?: ControlReport;
}

export async function runExperiment(input: ExperimentToRun, options: RunOptions, deps: RunDependencies): Promise<RunOutcome> {
  const { startControls } = deps;
  if (!startControls) return playExperiment(input, options, deps);
  // The control session ends (cleanup_control, its process gone) on every path.
  let session: ControlSession | undefined;
  try {
    return await playExperiment(input, options, {
      ...deps,
      startControls: async (start) => {
        session = await startControls(start);
        return session;
      },
    });
  } finally {
    await session?.close();
  }
}

async function playExperiment(input: ExperimentToRun, options: RunOptions, deps: RunDependencies): Promise<RunOutcome> {
  const errors: RunError[] = [];
  const { clock, events, interruption } = deps;
  const startMs = clock.now();

  const configuration = await resolveDynamicConfiguration(input, deps, interruption.signal);
  const scope = substitutionScope(configuration, input.secrets);
  const title = substitute(input.experiment.title, scope);
  const journal = newJournal({ ...input.experiment, title, dry: options.dry }, isoTimestamp(startMs));
  events.experimentStarted(String(title), input.file);

  // Controls are configured once the configuration is known (chaoslib: global, then the experiment's).
  const controls = await deps.startControls?.({
    experiment: journal.experiment,
    configuration,
    secrets: input.secrets,
    env: deps.env,
    cwd: deps.cwd,
    warn: (message) => events.warning(message),
    signal: interruption.signal,
    hardSignal: interruption.hardSignal,
  });
  const env = { ...activityEnvironment(configuration, input.secrets, options.dry, deps), ...(controls ? { controls } : {}) };
  const ledgerId = deps.ledgerId ?? input.file;
  const { strategies } = options;
  const hypothesis = hypothesisInput(input.experiment);
  const withHypothesis = strategies.hypothesis !== 'skip' && hypothesis.probes.length > 0;
  // Recovery is measured only from a fault that really runs, with the probes that observe it: not
  // under --dry probes, actions or activities (a dry run never reports a reassuring RTO), and not
  // when the run or the experiment turned sampling off.
  const samplingOn = options.recovery !== undefined && options.sampling !== false && options.recovery.samplingOff !== true;
  const measuresRecovery = withHypothesis && samplingOn && (options.dry === null || options.dry === 'pause');
  let sampler: Sampler | undefined;
  let faultMs: number | undefined;
  // The canary writes: it runs only when actions really run (also when probes are dry).
  const canarySettings = options.dry !== 'actions' && options.dry !== 'activities' ? options.recovery?.canary : undefined;
  let canary: Canary | undefined;
  const recordError = errorRecorder(errors);
  // Stop conditions: a guard that trips aborts `signal`, as an interruption does, but the
  // rollbacks still play. Without any, the run's own signal (no extra work per activity).
  // Under a dry mode that skips probes, no guard runs either.
  const conditions = options.dry === 'probes' || options.dry === 'activities' ? [] : stopConditionsOf(input.experiment);
  const guards: Guards | undefined = conditions.length > 0 ? createGuards(conditions, env, hypothesis.resolve, interruption.signal) : undefined;
  const signal = guards ? AbortSignal.any([interruption.signal, guards.signal]) : interruption.signal;

  let phase: 'before' | 'method' | 'after' = 'before';
  try {
    let gateOpen = true;
    if (controls) await applyControls(controls, 'experiment', 'before', journal.experiment);
    await guards?.start('experiment');
    if (signal.aborted) throw new Interrupted('stopped');
    if (withHypothesis && runsBefore(strategies.hypothesis)) {
      events.phaseStarted('before');
      const before = await runHypothesis(hypothesis, 'before', env, signal);
      journal.steady_states.before = before;
      if (!before.steady_state_met) {
        journal.status = statusAfterUnmet(before);
        gateOpen = false;
      }
    }
    if (gateOpen) {
      const during =
        withHypothesis && runsDuring(strategies.hypothesis) ? startDuringChecks(hypothesis, journal, options, env, signal, recordError) : undefined;
      let methodRan = false;
      const checksAfter = (): boolean =>
        journal.status !== 'interrupted' && journal.status !== 'aborted' && withHypothesis && methodRan && runsAfter(strategies.hypothesis);
      try {
        phase = 'method';
        events.phaseStarted('method');
        await guards?.start('method');
        const owe = async (activity: Record<string, unknown>): Promise<void> => {
          // The title as written: substituted, it could carry a secret onto the disk. A dry
          // activity injects nothing, so it owes nothing.
          if (!isDry(activity, options.dry).dryActivity)
            await deps.ledger?.owe({ id: ledgerId, file: input.file, title: String(input.experiment.title), activity: String(activity.name ?? '') });
          // Recovery is timed from the first action: the fault.
          if (activity.type === 'action') faultMs ??= clock.now();
          if (!canary && canarySettings && activity.type === 'action') canary = await startCanary(canarySettings, env, interruption.signal, deps.canaryStores);
          if (!sampler && measuresRecovery && activity.type === 'action') sampler = startSampler(hypothesis, env, options.recovery as RecoverySettings, signal);
        };
        methodRan = await runMethod(input.experiment, journal, env, signal, recordError, owe);
      } finally {
        await during?.stop();
        // With an RTO objective, a sample at once (started before the check after the method),
        // and on until recovery. Without one (Chaos Toolkit's timing), the check after the method
        // is the last evidence; when none follows, one last sample is.
        const checkFollows = !signal.aborted && checksAfter();
        await sampler?.methodEnded(options.recovery?.objectives.rto !== undefined ? 'recover' : checkFollows ? 'check-follows' : 'last-sample');
      }
      if (signal.aborted) throw new Interrupted('interrupted');
      // With an RTO objective, the steady state after is judged at recovery or when the objective
      // runs out, whichever comes first. Without one, at once, as Chaos Toolkit does.
      const rto = options.recovery?.objectives.rto;
      if (sampler && rto !== undefined) await sampler.waitForRecovery(rto);
      if (checksAfter()) {
        phase = 'after';
        events.phaseStarted('after');
        const after = await runHypothesis(hypothesis, 'after', env, signal);
        journal.steady_states.after = after;
        if (!after.steady_state_met) {
          journal.deviated = true;
          journal.status = statusAfterUnmet(after);
        }
      }
    }
  } catch (e) {
    if (e instanceof Interrupted || signal.aborted) {
      journal.status = 'interrupted';
    } else {
      // chaoslib crashes here (no journal, no rollbacks); we end the experiment as aborted.
      journal.status = 'aborted';
      recordError(phase, e);
    }
  }
  // Recovery is observed before anything is rolled back (a rollback would be the recovery).
  // With an RTO objective, the rollbacks wait until the system recovered or the window ended;
  // without one, Chaos Toolkit's timing stands: sampling ended with the method, and the check
  // after it is the last evidence. An interruption stops it at once.
  let recovery: RecoveryTimeline | undefined;
  if (sampler) {
    const waits = options.recovery?.objectives.rto !== undefined && journal.status !== 'interrupted' && journal.status !== 'aborted';
    if (waits) await sampler.waitForRecovery();
    recovery = await sampler.stop();
  }
  const state = recoveryState({
    dry: options.dry,
    hypothesis: withHypothesis,
    sampling: samplingOn,
    before: journal.steady_states.before?.steady_state_met ?? null,
    fault: faultMs === undefined ? null : { inEffectAt: lastActionEnd(journal.run, faultMs) },
    samples: recovery?.samples ?? [],
    during: faultMs === undefined ? [] : journal.steady_states.during.flatMap((s) => checkObservation(s, faultMs as number) ?? []),
    after: faultMs === undefined ? null : checkObservation(journal.steady_states.after, faultMs),
    ...(recovery ? { ended: recovery.ended } : {}),
    observedFor: recovery?.observedFor ?? 0,
  });
  // The canary writes until sampling ends, then reads what survived, before any rollback.
  const durability = await canary?.stop();
  // An interruption while waiting for recovery or reading the survivors ends the experiment too.
  if (signal.aborted && journal.status !== 'aborted') journal.status = 'interrupted';
  // The guards watch until the rollbacks begin.
  await guards?.stop();
  const stopped = guards?.tripped();

  let rollbacks: RunOutcome['rollbacks'] = 'skipped';
  // A stop condition exists to end the fault: its rollbacks play whatever the strategy (but `never`).
  // (Not when it tripped before anything was injected: there is nothing to undo.)
  if (playsRollbacks(strategies.rollbacks, journal.status, journal.deviated) || (stopped && faultMs !== undefined && strategies.rollbacks !== 'never')) {
    events.phaseStarted('rollbacks');
    const played = await runRollbacks(input.experiment, journal, env, interruption.hardSignal, recordError, ledgerProgress(deps, ledgerId, []));
    // A declared rollback with no record never ran: as owed as one cut short.
    const declared = Array.isArray(input.experiment.rollbacks) ? input.experiment.rollbacks.length : 0;
    rollbacks = played.cutShort || (!played.complete && journal.rollbacks.length < declared) ? 'cut-short' : 'played';
    if (played.cutShort) journal.status = 'interrupted';
    // Cut short, or a rollback failed or never started: the entry stays owed, and the post step
    // plays the ones not done.
    else if (played.complete) await settleLedger(deps, ledgerId, 'rollbacks played');
  } else if (journal.status === 'interrupted' && strategies.rollbacks !== 'never') {
    // `default` and `deviated` skip rollbacks on an interruption (Chaos Toolkit's choice), but a
    // cancelled job must not leave a fault behind: the entry stays owed for the post step.
    events.phaseStarted('rollbacks-skipped', `rollback strategy "${strategies.rollbacks}" with status interrupted; the action's post step plays them`);
  } else {
    events.phaseStarted('rollbacks-skipped', `rollback strategy "${strategies.rollbacks}" with status ${journal.status ?? 'completed'}`);
    await settleLedger(deps, ledgerId, `rollback strategy "${strategies.rollbacks}"`);
  }

  const endMs = clock.now();
  journal.end = isoTimestamp(endMs);
  journal.duration = (endMs - startMs) / 1000;
  if (journal.status !== 'completed' && journal.status !== 'failed' && journal.status !== 'aborted' && journal.status !== 'interrupted') {
    journal.status = 'completed';
  }
  if (controls) {
    // chaoslib hands the after-experiment controls the journal, and only logs what they raise
    // (an InterruptExecution too); then the controls are cleaned up.
    await controls.apply('experiment', 'after', journal.experiment, journal);
    await controls.close();
  }
  events.experimentEnded(journal);
  return {
    journal,
    errors,
    rollbacks,
    strategies,
    ...(recovery ? { recovery } : {}),
    recoveryState: state,
    ...(durability ? { durability } : {}),
    ...(options.recovery ? { objectives: options.recovery.objectives } : {}),
    ...(stopped ? { stopped } : {}),
    ...(controls ? { controls: controls.report() } : {}),
  };
}

/** completed when the probes ran and a value was out of tolerance; failed when a probe errored. */
function statusAfterUnmet(state: SteadyState): 'completed' | 'failed' {
  return state.probes.some((p) => p.status !== 'succeeded') ? 'failed' : 'completed';
}
