// What the engine tells whoever watches a run (the CLI's progress lines, the action's log).
import type { Phase } from './activity.js';
import type { Journal, RunRecord, SteadyState } from './journal.js';
import type { ProviderPlan } from '../contract/provider.js';

export interface RunEvents {
  experimentStarted(title: string, file: string): void;
  phaseStarted(phase: Phase | 'rollbacks-skipped', detail?: string): void;
  /**
   * `dry` is true when the run's dry mode skips it: nothing runs, and the journal records it as
   * Chaos Toolkit does (succeeded, output null).
   */
  activityStarted(record: RunRecord, phase: Phase, dry?: boolean): void;
  /** `failure` is set when the activity was interrupted or raised an unexpected error. */
  activityEnded(record: RunRecord, phase: Phase, failure?: unknown): void;
  /** A dry action's plan: what it would change, and whether the guardrails would let it. */
  activityPlanned?(record: RunRecord, phase: Phase, plan: ProviderPlan): void;
  /** A hypothesis probe judged against its tolerance. */
  toleranceChecked(record: RunRecord, tolerance: unknown, met: boolean): void;
  hypothesisEnded(phase: 'before' | 'during' | 'after', state: SteadyState): void;
  pause(activity: string, when: string, seconds: number): void;
  warning(message: string): void;
  experimentEnded(journal: Journal): void;
  /**
   * The same events for one of several experiments that run at once: whatever they print says
   * which experiment it is about (`label`, such as `[3/20 orders-db]`).
   */
  forExperiment?(label: string): RunEvents;
}

export const silentEvents: RunEvents = {
  experimentStarted: () => undefined,
  phaseStarted: () => undefined,
  activityStarted: () => undefined,
  activityEnded: () => undefined,
  toleranceChecked: () => undefined,
  hypothesisEnded: () => undefined,
  pause: () => undefined,
  warning: () => undefined,
  experimentEnded: () => undefined,
};
