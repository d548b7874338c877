// The rollbacks, as chaoslib plays them (run.py run_rollback, rollback.py run_rollbacks): every one
// in order, the background ones alongside, none stopped by another's failure; and the rollback
// ledger kept up to date as they take effect, so that a post step never plays one twice.
import { isMapping } from '../python/values.js';
import { type ActivityEnvironment, executeActivity, Interrupted } from './activity.js';
import { resolveRef } from './activity-refs.js';
import { withControls } from './controls.js';
import { noEffect } from './effect.js';
import type { RunEvents } from './events.js';
import type { Journal, RunRecord } from './journal.js';
import type { RollbackLedger } from './rollback-ledger.js';

export interface RollbackProgress {
  /** Indexes of rollbacks that already succeeded (in an earlier step): not played again. */
  readonly skip: readonly number[];
  done(index: number): Promise<void>;
}

/**
 * Plays every rollback in order (but those in `progress.skip`). `cutShort`: a second interruption
 * stopped them. `complete`: every rollback has taken effect, now or before — only then is nothing owed.
 */
export async function runRollbacks(
  experiment: Record<string, unknown>,
  journal: Journal,
  env: ActivityEnvironment,
  hardSignal: AbortSignal,
  recordError: (phase: string, e: unknown) => void,
  progress: RollbackProgress,
): Promise<{ cutShort: boolean; complete: boolean }> {
  const runs: RunRecord[] = [];
  journal.rollbacks = runs;
  if (!env.controls) return playRollbacks(experiment, journal, runs, env, hardSignal, recordError, progress);
  let played: { cutShort: boolean; complete: boolean } | undefined;
  try {
    await withControls(env.controls, 'rollback', journal.experiment, async (keep) => {
      keep(runs);
      played = await playRollbacks(experiment, journal, runs, env, hardSignal, recordError, progress);
    });
  } catch (e) {
    // A rollback control that raised InterruptExecution interrupts the run (chaoslib run_rollback)...
    if (!(e instanceof Interrupted)) throw e;
    journal.status = 'interrupted';
  }
  // ...but (unlike chaoslib) never keeps the rollbacks from playing: a fault is not left behind
  // because a plug-in said stop before them.
  return played ?? playRollbacks(experiment, journal, runs, withoutControls(env), hardSignal, recordError, progress);
}

function withoutControls(env: ActivityEnvironment): ActivityEnvironment {
  const { controls: _, ...rest } = env;
  return rest;
}

async function playRollbacks(
  experiment: Record<string, unknown>,
  journal: Journal,
  runs: RunRecord[],
  env: ActivityEnvironment,
  hardSignal: AbortSignal,
  recordError: (phase: string, e: unknown) => void,
  progress: RollbackProgress,
): Promise<{ cutShort: boolean; complete: boolean }> {
  const background: Promise<unknown>[] = [];
  const rollbacks = Array.isArray(experiment.rollbacks) ? experiment.rollbacks.filter(isMapping) : [];
  const succeeded = new Set(progress.skip);
  const attempt = async (entry: Record<string, unknown>, index: number): Promise<void> => {
    try {
      const activity = resolveRef(experiment, entry);
      const record = await executeActivity(activity, 'rollbacks', env, hardSignal, runs).catch((e: unknown) => {
        // An activity control that raised InterruptExecution before this rollback: the run is
        // interrupted, and the rollback still plays (outside the controls).
        if (!(e instanceof Interrupted) || hardSignal.aborted || !env.controls) throw e;
        journal.status = 'interrupted';
        return executeActivity(activity, 'rollbacks', withoutControls(env), hardSignal, runs);
      });
      // A rollback that did not take effect (it failed, or exited non-zero) stays owed.
      if (!noEffect(record)) {
        succeeded.add(index);
        await progress.done(index);
      }
    } catch (e) {
      // A control that raised InterruptExecution: the run is interrupted, but (unlike chaoslib)
      // the other rollbacks still play.
      if (e instanceof Interrupted && !hardSignal.aborted) journal.status = 'interrupted';
      if (!(e instanceof Interrupted)) {
        // An unexpected error in one rollback must not stop the others: never leave a fault behind.
        journal.status = 'aborted';
        recordError('rollbacks', e);
      }
    }
  };
  for (const [index, entry] of rollbacks.entries()) {
    if (hardSignal.aborted) break;
    if (succeeded.has(index)) continue;
    if (entry.background === true) background.push(attempt(entry, index));
    else await attempt(entry, index);
  }
  await Promise.all(background);
  return { cutShort: hardSignal.aborted, complete: !hardSignal.aborted && rollbacks.every((_, i) => succeeded.has(i)) };
}

/** The run's rollback ledger, if it keeps one; a ledger that cannot be written is only warned about. */
export interface LedgerDependencies {
  readonly ledger?: RollbackLedger;
  readonly events: RunEvents;
}

/** Records each rollback that succeeds under the experiment's ledger entry `id`. */
export function ledgerProgress(deps: LedgerDependencies, id: string, skip: readonly number[]): RollbackProgress {
  return {
    skip,
    done: async (index) => {
      try {
        await deps.ledger?.rollbackDone(id, index);
      } catch (e) {
        deps.events.warning(`could not update the rollback ledger: ${e instanceof Error ? e.message : String(e)}`);
      }
    },
  };
}

/** Nothing is owed any more for the ledger entry `id`. */
export async function settleLedger(deps: LedgerDependencies, id: string, because: string): Promise<void> {
  try {
    await deps.ledger?.settle(id, because);
  } catch (e) {
    deps.events.warning(`could not update the rollback ledger: ${e instanceof Error ? e.message : String(e)}`);
  }
}
