// The post step's part of a run: the rollbacks an experiment still owes, played alone, after the
// main step died before its rollbacks ran (or finished).
import { activityEnvironment, type DryMode } from './activity.js';
import { isoTimestamp } from './clock.js';
import { resolveDynamicConfiguration } from './dynamic-configuration.js';
import { newJournal, type RunRecord } from './journal.js';
import { ledgerProgress, runRollbacks, settleLedger } from './rollbacks.js';
import { errorRecorder, type RunError } from './run-errors.js';
import type { ExperimentToRun, RunDependencies } from './runner.js';

export interface RollbacksOnlyOutcome {
  readonly rollbacks: RunRecord[];
  readonly errors: RunError[];
  readonly cutShort: boolean;
}

/**
 * Plays an experiment's rollbacks not yet done: what the action's post step does for an experiment
 * whose main step died before its rollbacks ran (or finished). Settles the ledger entry when every
 * rollback has now succeeded. `dry` is the run's dry mode (a dry rollback injects nothing either).
 */
export async function runRollbacksOnly(input: ExperimentToRun, deps: RunDependencies, dry: DryMode | null = null): Promise<RollbacksOnlyOutcome> {
  const errors: RunError[] = [];
  const configuration = await resolveDynamicConfiguration(input, deps, deps.interruption.signal);
  const env = activityEnvironment(configuration, input.secrets, dry, deps);
  const ledgerId = deps.ledgerId ?? input.file;
  const journal = newJournal(input.experiment, isoTimestamp(deps.clock.now()));
  const recordError = errorRecorder(errors);
  deps.events.phaseStarted('rollbacks');
  const already = deps.ledger?.doneRollbacks(ledgerId) ?? [];
  const played = await runRollbacks(input.experiment, journal, env, deps.interruption.hardSignal, recordError, ledgerProgress(deps, ledgerId, already));
  if (played.complete) await settleLedger(deps, ledgerId, 'rollbacks played by the post step');
  return { rollbacks: journal.rollbacks, errors, cutShort: played.cutShort };
}
