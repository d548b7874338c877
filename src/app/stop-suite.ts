// The suite-level stop (--stop-suite-on): once an experiment ends in a state the next one should not
// start from, no more experiments start. Pure: the decision is made from one experiment's result,
// so a sequential loop and a scheduler running several at once ask it the same way.
import type { ExperimentResult } from '../report/results.js';
import { type Verdict, VERDICTS } from '../report/verdict.js';

/**
 * What can stop the suite: a verdict, or one of these conditions of the result:
 * `not-recovered` (the observed recovery ended not recovered), `rollback-failed` (a rollback failed,
 * did not take effect, did not finish or was cut short: a fault may be left behind),
 * `rollback-owed` (the same, or an interruption skipped the rollbacks: the rollback state `owed`).
 */
export const STOP_SUITE_CONDITIONS = ['not-recovered', 'rollback-failed', 'rollback-owed'] as const;
export type StopSuiteOn = Verdict | (typeof STOP_SUITE_CONDITIONS)[number];
export const STOP_SUITE_ON: readonly StopSuiteOn[] = [...VERDICTS, ...STOP_SUITE_CONDITIONS];

/** Why this result stops the suite (`stopped` or `not-recovered`, as listed), or undefined. */
export function stopsSuite(result: Pick<ExperimentResult, 'verdict' | 'rto' | 'rollbacks'>, on: readonly StopSuiteOn[]): StopSuiteOn | undefined {
  if (on.length === 0) return undefined;
  if (on.includes(result.verdict)) return result.verdict;
  if (on.includes('not-recovered') && result.rto?.state === 'not-recovered') return 'not-recovered';
  if (result.rollbacks === 'owed') {
    // Owed with a failed verdict: a rollback did not work (an interruption that skipped them reads interrupted).
    if (on.includes('rollback-failed') && result.verdict === 'failed') return 'rollback-failed';
    if (on.includes('rollback-owed')) return 'rollback-owed';
  }
  return undefined;
}

/** The reason an experiment the suite stop kept from starting carries. */
export function notStartedReason(file: string, why: StopSuiteOn): string {
  const kind = (VERDICTS as readonly string[]).includes(why) ? `verdict ${why}` : why;
  return `not started: the suite stopped after ${file} (${kind}; stop-suite-on)`;
}
