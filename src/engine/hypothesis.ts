// The steady-state hypothesis, as chaoslib runs it (hypothesis.py run_steady_state_hypothesis):
// probes in order; a failed probe or one outside its tolerance ends the check as not met; the
// tolerance is read from the hypothesis entry itself (so a ref entry carries its own).
import { isMapping } from '../python/values.js';
import { type ActivityEnvironment, contextFor, executeActivity, Interrupted, type Phase, UnexpectedActivityError } from './activity.js';
import { resolveRef } from './activity-refs.js';
import { ConnectionScope, sharingConnections } from './connection-scope.js';
import { withControls } from './controls.js';
import type { SteadyState } from './journal.js';
import { exceptionLines } from './journal.js';
import { ToleranceBudgetExceeded, withinTolerance } from './tolerance.js';

export interface HypothesisInput {
  /** The hypothesis as written (its controls' `context`). */
  readonly hypothesis?: Readonly<Record<string, unknown>>;
  /** The probes as written (ref entries included). */
  readonly probes: readonly Record<string, unknown>[];
  /** Resolves a ref entry to the activity it names. */
  resolve(entry: Record<string, unknown>): Record<string, unknown>;
}

/** The experiment's hypothesis probes (none without a hypothesis), refs resolved against it. */
export function hypothesisInput(experiment: Record<string, unknown>): HypothesisInput & { probes: Record<string, unknown>[] } {
  const hypothesis = experiment['steady-state-hypothesis'];
  const probes = isMapping(hypothesis) && Array.isArray(hypothesis.probes) ? hypothesis.probes.filter(isMapping) : [];
  return { hypothesis: isMapping(hypothesis) ? hypothesis : {}, probes, resolve: (entry) => resolveRef(experiment, entry) };
}

/** One run of the hypothesis; its probes share connections, all closed when it ends. */
export async function runHypothesis(
  input: HypothesisInput,
  phase: Extract<Phase, 'before' | 'during' | 'after'>,
  env: ActivityEnvironment,
  signal: AbortSignal,
): Promise<SteadyState> {
  const connections = new ConnectionScope();
  try {
    const shared = sharingConnections(env, connections);
    if (!shared.controls) return await checkProbes(input, phase, shared, signal, { steady_state_met: null, probes: [] });
    // chaoslib hands the hypothesis controls' after hooks the state from the start (filled as it goes).
    const controls = shared.controls;
    return await withControls(controls, 'hypothesis', input.hypothesis ?? {}, (keep) => {
      const state: SteadyState = { steady_state_met: null, probes: [] };
      keep(state);
      return checkProbes(input, phase, shared, signal, state);
    });
  } finally {
    connections.close();
  }
}

async function checkProbes(
  input: HypothesisInput,
  phase: Extract<Phase, 'before' | 'during' | 'after'>,
  env: ActivityEnvironment,
  signal: AbortSignal,
  state: SteadyState,
): Promise<SteadyState> {
  for (const entry of input.probes) {
    const activity = input.resolve(entry);
    const record = await executeActivity(activity, phase, env, signal);
    state.probes.push(record);
    if (record.status === 'failed') {
      record.tolerance_met = false;
      state.steady_state_met = false;
      env.events.hypothesisEnded(phase, state);
      return state;
    }
    record.tolerance_met = true;
    if (env.dry === 'probes' || env.dry === 'activities') continue;
    let met: boolean;
    try {
      met = await withinTolerance(entry.tolerance, record.output, {
        scope: env.scope,
        runProvider: (probe) => env.runProvider(probe.provider as Record<string, unknown>, contextFor(env, probe, signal)),
        signal,
        ...(env.regexTimeout !== undefined ? { regexTimeout: env.regexTimeout } : {}),
      });
    } catch (e) {
      if (signal.aborted) throw new Interrupted(`interrupted while judging '${String(activity.name ?? '')}'`);
      if (e instanceof ToleranceBudgetExceeded) {
        // Like a probe that timed out: the probe fails, the steady state is not met, and the
        // experiment goes on to its rollbacks.
        record.status = 'failed';
        record.exception = exceptionLines(e.message);
        record.tolerance_met = false;
        state.steady_state_met = false;
        env.events.warning(`    ${String(activity.name ?? '')} failed: ${e.message}`);
        env.events.hypothesisEnded(phase, state);
        return state;
      }
      throw new UnexpectedActivityError(String(activity.name ?? ''), e);
    }
    env.events.toleranceChecked(record, entry.tolerance, met);
    if (!met) {
      record.tolerance_met = false;
      state.steady_state_met = false;
      env.events.hypothesisEnded(phase, state);
      return state;
    }
  }
  state.steady_state_met = true;
  env.events.hypothesisEnded(phase, state);
  return state;
}
