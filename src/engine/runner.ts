// One experiment, start to end, as chaoslib's Runner._run plays it: configuration, steady state
// before, method (with the during-checks), steady state after, rollbacks. Never throws: whatever
// happens, the journal comes back complete, and rollbacks follow the strategy.
import { isMapping } from '../experiment/python-values.js';
import { type Scope, substitute, substitutionScope } from '../experiment/substitution.js';
import type { ProviderRunner } from '../providers/types.js';
import { type ActivityEnvironment, type DryMode, executeActivity, Interrupted, UnexpectedActivityError } from './activity.js';
import { type Clock, isoTimestamp } from './clock.js';
import type { RunEvents } from './events.js';
import { runHypothesis, type HypothesisInput } from './hypothesis.js';
import { type Journal, newJournal, type RunRecord, type SteadyState } from './journal.js';
import { playsRollbacks, runsAfter, runsBefore, runsDuring, type Strategies } from './strategies.js';

export interface ExperimentToRun {
  readonly file: string;
  /** The experiment as loaded, unsubstituted. */
  readonly experiment: Record<string, unknown>;
  /** Configuration as loaded; dynamic `type: probe` entries are resolved here, first. */
  readonly configuration: Record<string, unknown>;
  readonly dynamicConfiguration: readonly string[];
  readonly secrets: Record<string, unknown>;
}

export interface RunOptions {
  readonly strategies: Strategies;
  /** Seconds between two during-method checks (chaos run --hypothesis-frequency). */
  readonly hypothesisFrequency: number;
  readonly failFast: boolean;
  readonly dry: DryMode | null;
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
}

export interface RunError {
  readonly phase: string;
  readonly activity?: string;
  readonly message: string;
}

export interface RunOutcome {
  readonly journal: Journal;
  /** Unexpected errors (chaoslib would have crashed or aborted on them), in order. */
  readonly errors: RunError[];
  readonly rollbacks: 'played' | 'skipped' | 'cut-short';
  readonly strategies: Strategies;
}


export async function runExperiment(input: ExperimentToRun, options: RunOptions, deps: RunDependencies): Promise<RunOutcome> {
  const errors: RunError[] = [];
  const { clock, events, interruption } = deps;
  const startMs = clock.now();

  const configuration = await resolveDynamicConfiguration(input, deps, errors);
  const scope = substitutionScope(configuration, input.secrets);
  const title = substitute(input.experiment.title, scope);
  const journal = newJournal({ ...input.experiment, title, dry: options.dry }, isoTimestamp(startMs));
  events.experimentStarted(String(title), input.file);

  const env: ActivityEnvironment = {
    clock,
    runProvider: deps.runProvider,
    scope,
    dry: options.dry,
    events,
    providerContext: {
      scope,
      hasVariables: Object.keys(configuration).length > 0 || Object.keys(input.secrets).length > 0,
      configuration,
      secrets: input.secrets,
      env: deps.env,
      cwd: deps.cwd,
    },
  };
  const { strategies } = options;
  const hypothesis = hypothesisInput(input.experiment);
  const withHypothesis = strategies.hypothesis !== 'skip' && hypothesis.probes.length > 0;
  const recordError = (phase: string, e: unknown): void => {
    errors.push({ phase, ...(e instanceof UnexpectedActivityError ? { activity: e.activityName } : {}), message: e instanceof UnexpectedActivityError ? describeCause(e.cause) : describeCause(e) });
  };

  try {
    let gateOpen = true;
    if (withHypothesis && runsBefore(strategies.hypothesis)) {
      events.phaseStarted('before');
      const before = await runHypothesis(hypothesis, 'before', env, interruption.signal);
      journal.steady_states.before = before;
      if (!before.steady_state_met) {
        journal.status = statusAfterUnmet(before);
        gateOpen = false;
      }
    }
    if (gateOpen) {
      const during = withHypothesis && runsDuring(strategies.hypothesis) ? startDuringChecks(hypothesis, journal, options, env, interruption.signal, recordError) : undefined;
      let methodRan = false;
      try {
        events.phaseStarted('method');
        methodRan = await runMethod(input.experiment, journal, env, interruption.signal, recordError);
      } finally {
        await during?.stop();
      }
      if (interruption.signal.aborted) throw new Interrupted('interrupted');
      if (journal.status !== 'interrupted' && journal.status !== 'aborted' && withHypothesis && methodRan && runsAfter(strategies.hypothesis)) {
        events.phaseStarted('after');
        const after = await runHypothesis(hypothesis, 'after', env, interruption.signal);
        journal.steady_states.after = after;
        if (!after.steady_state_met) {
          journal.deviated = true;
          journal.status = statusAfterUnmet(after);
        }
      }
    }
  } catch (e) {
    if (e instanceof Interrupted || interruption.signal.aborted) {
      journal.status = 'interrupted';
    } else {
      // chaoslib crashes here (no journal, no rollbacks); we end the experiment as aborted.
      journal.status = 'aborted';
      recordError(journal.steady_states.after ? 'after' : journal.steady_states.before ? 'method' : 'before', e);
    }
  }

  let rollbacks: RunOutcome['rollbacks'] = 'skipped';
  if (playsRollbacks(strategies.rollbacks, journal.status, journal.deviated)) {
    events.phaseStarted('rollbacks');
    const cut = await runRollbacks(input.experiment, journal, env, interruption.hardSignal, recordError);
    rollbacks = cut ? 'cut-short' : 'played';
    if (cut) journal.status = 'interrupted';
  } else {
    events.phaseStarted('rollbacks-skipped', `rollback strategy "${strategies.rollbacks}" with status ${journal.status ?? 'completed'}`);
  }

  const endMs = clock.now();
  journal.end = isoTimestamp(endMs);
  journal.duration = (endMs - startMs) / 1000;
  if (journal.status !== 'completed' && journal.status !== 'failed' && journal.status !== 'aborted' && journal.status !== 'interrupted') {
    journal.status = 'completed';
  }
  events.experimentEnded(journal);
  return { journal, errors, rollbacks, strategies };
}

/** completed when the probes ran and a value was out of tolerance; failed when a probe errored. */
function statusAfterUnmet(state: SteadyState): 'completed' | 'failed' {
  return state.probes.some((p) => p.status !== 'succeeded') ? 'failed' : 'completed';
}

function describeCause(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

function hypothesisInput(experiment: Record<string, unknown>): HypothesisInput & { probes: Record<string, unknown>[] } {
  const hypothesis = experiment['steady-state-hypothesis'];
  const probes = isMapping(hypothesis) && Array.isArray(hypothesis.probes) ? hypothesis.probes.filter(isMapping) : [];
  return { probes, resolve: (entry) => resolveRef(experiment, entry) };
}

/** A ref names a method activity or a hypothesis probe (hypothesis probes win on a clash). */
function resolveRef(experiment: Record<string, unknown>, entry: Record<string, unknown>): Record<string, unknown> {
  if (typeof entry.ref !== 'string') return entry;
  const hypothesis = experiment['steady-state-hypothesis'];
  const candidates = [
    ...(isMapping(hypothesis) && Array.isArray(hypothesis.probes) ? hypothesis.probes : []),
    ...(Array.isArray(experiment.method) ? experiment.method : []),
  ].filter(isMapping);
  const found = candidates.find((a) => a.name === entry.ref && a.ref === undefined);
  if (!found) throw new UnexpectedActivityError(entry.ref, new Error(`could not find referenced activity '${entry.ref}'`));
  return found;
}

async function resolveDynamicConfiguration(input: ExperimentToRun, deps: RunDependencies, errors: RunError[]): Promise<Record<string, unknown>> {
  const resolved: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(input.configuration)) {
    if (!input.dynamicConfiguration.includes(key) || !isMapping(value) || !isMapping(value.provider)) {
      resolved[key] = value;
      continue;
    }
    // Each probe sees the keys resolved so far, as chaoslib's load_dynamic_configuration.
    const scope: Scope = substitutionScope(resolved, input.secrets);
    try {
      const output = await deps.runProvider(value.provider, {
        scope,
        hasVariables: true,
        configuration: resolved,
        secrets: input.secrets,
        env: deps.env,
        cwd: deps.cwd,
        signal: deps.interruption.signal,
      });
      const type = value.provider.type;
      if (type === 'python') resolved[key] = output;
      else if (type === 'http') resolved[key] = isMapping(output) ? output.body : undefined;
      else if (type === 'process' && isMapping(output) && output.status === 0) resolved[key] = String(output.stdout ?? '').trim();
      else throw new Error(`the probe exited with ${isMapping(output) ? String(output.status) : '?'}`);
    } catch (e) {
      // chaoslib only warns and leaves the key out.
      deps.events.warning(`dynamic configuration "${key}" could not be loaded: ${describeCause(e)}`);
      errors.push({ phase: 'configuration', activity: String(value.name ?? key), message: describeCause(e) });
    }
  }
  return resolved;
}

/** Returns whether the method ran to its end (chaoslib: runs, or None when it aborted). */
async function runMethod(
  experiment: Record<string, unknown>,
  journal: Journal,
  env: ActivityEnvironment,
  signal: AbortSignal,
  recordError: (phase: string, e: unknown) => void,
): Promise<boolean> {
  const runs: RunRecord[] = [];
  journal.run = runs;
  const background: Promise<unknown>[] = [];
  let failure: unknown;
  const method = Array.isArray(experiment.method) ? experiment.method.filter(isMapping) : [];
  try {
    for (const entry of method) {
      const activity = resolveRef(experiment, entry);
      if (activity.background === true) {
        const task = executeActivity(activity, 'method', env, signal, runs);
        background.push(task.catch((e: unknown) => (failure ??= e)));
      } else {
        await executeActivity(activity, 'method', env, signal, runs);
      }
      if (failure !== undefined) break;
      if (journal.status === 'aborted' || journal.status === 'failed' || journal.status === 'interrupted') break;
    }
  } catch (e) {
    failure ??= e;
  } finally {
    await Promise.all(background);
  }
  if (failure === undefined) return true;
  if (failure instanceof Interrupted || signal.aborted) throw failure instanceof Interrupted ? failure : new Interrupted('interrupted');
  journal.status = 'aborted';
  recordError('method', failure);
  return false;
}

/** Plays every rollback in order; returns true when a second interruption cut them short. */
async function runRollbacks(
  experiment: Record<string, unknown>,
  journal: Journal,
  env: ActivityEnvironment,
  hardSignal: AbortSignal,
  recordError: (phase: string, e: unknown) => void,
): Promise<boolean> {
  const runs: RunRecord[] = [];
  journal.rollbacks = runs;
  const background: Promise<unknown>[] = [];
  const rollbacks = Array.isArray(experiment.rollbacks) ? experiment.rollbacks.filter(isMapping) : [];
  const attempt = async (entry: Record<string, unknown>): Promise<void> => {
    try {
      await executeActivity(resolveRef(experiment, entry), 'rollbacks', env, hardSignal, runs);
    } catch (e) {
      if (!(e instanceof Interrupted)) {
        // An unexpected error in one rollback must not stop the others: never leave a fault behind.
        journal.status = 'aborted';
        recordError('rollbacks', e);
      }
    }
  };
  for (const entry of rollbacks) {
    if (hardSignal.aborted) break;
    if (entry.background === true) background.push(attempt(entry));
    else await attempt(entry);
  }
  await Promise.all(background);
  return hardSignal.aborted;
}

interface DuringChecks {
  stop(): Promise<void>;
}

/** chaoslib run_hypothesis_continuously: first check at once, then `frequency` s after each. */
function startDuringChecks(
  hypothesis: HypothesisInput,
  journal: Journal,
  options: RunOptions,
  env: ActivityEnvironment,
  signal: AbortSignal,
  recordError: (phase: string, e: unknown) => void,
): DuringChecks {
  const stopper = new AbortController();
  const stopOrInterrupt = AbortSignal.any([stopper.signal, signal]);
  const loop = (async () => {
    while (!stopOrInterrupt.aborted) {
      if (journal.status === 'failed' || journal.status === 'interrupted' || journal.status === 'aborted') break;
      try {
        const state = await runHypothesis(hypothesis, 'during', env, signal);
        journal.steady_states.during.push(state);
        if (!state.steady_state_met && options.failFast) {
          journal.status = 'failed';
          break;
        }
      } catch (e) {
        if (e instanceof Interrupted || signal.aborted) journal.status = 'interrupted';
        else {
          journal.status = 'aborted';
          recordError('during', e);
        }
        break;
      }
      await env.clock.sleep(options.hypothesisFrequency * 1000, stopOrInterrupt);
    }
  })();
  return {
    stop: async () => {
      stopper.abort();
      await loop;
    },
  };
}
