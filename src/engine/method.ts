// The method (chaoslib run.py run_method, activity.py run_activities): its activities in order,
// the background ones alongside; an activity that raises an unexpected error aborts the experiment.
import { isMapping } from '../python/values.js';
import { type ActivityEnvironment, executeActivity, Interrupted } from './activity.js';
import { resolveRef } from './activity-refs.js';
import { withControls } from './controls.js';
import type { Journal, RunRecord } from './journal.js';

/**
 * Returns whether the method ran to its end (chaoslib: runs, or None when it aborted). `owe` is
 * awaited before each activity runs (the rollback ledger, the recovery measures).
 */
export async function runMethod(
  experiment: Record<string, unknown>,
  journal: Journal,
  env: ActivityEnvironment,
  signal: AbortSignal,
  recordError: (phase: string, e: unknown) => void,
  owe: (activity: Record<string, unknown>) => Promise<void>,
): Promise<boolean> {
  const runs: RunRecord[] = [];
  journal.run = runs;
  if (!env.controls) return playMethod(experiment, journal, runs, env, signal, recordError, owe);
  // The method's controls get the experiment as context, and the runs as state after it.
  return withControls(env.controls, 'method', journal.experiment, (keep) => {
    keep(runs);
    return playMethod(experiment, journal, runs, env, signal, recordError, owe);
  });
}

async function playMethod(
  experiment: Record<string, unknown>,
  journal: Journal,
  runs: RunRecord[],
  env: ActivityEnvironment,
  signal: AbortSignal,
  recordError: (phase: string, e: unknown) => void,
  owe: (activity: Record<string, unknown>) => Promise<void>,
): Promise<boolean> {
  const background: Promise<unknown>[] = [];
  let failure: unknown;
  const method = Array.isArray(experiment.method) ? experiment.method.filter(isMapping) : [];
  try {
    for (const entry of method) {
      const activity = resolveRef(experiment, entry);
      // Before anything can be injected, the ledger says the rollbacks are owed.
      await owe(activity);
      if (activity.background === true) {
        const task = executeActivity(activity, 'method', env, signal, runs);
        // chaoslib never looks at a background activity's exception: the run goes on. We keep
        // the journal as it would be and record the error (the verdict is failed).
        background.push(task.catch((e: unknown) => (e instanceof Interrupted ? (failure ??= e) : recordError('method', e))));
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
