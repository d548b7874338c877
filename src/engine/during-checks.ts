// The steady-state hypothesis checked over and over while the method runs (hypothesis strategies
// `during-method-only` and `continuously`), as chaoslib run.py does beside the method.
import { type ActivityEnvironment, Interrupted } from './activity.js';
import { type HypothesisInput, runHypothesis } from './hypothesis.js';
import type { Journal } from './journal.js';

export interface DuringCheckSettings {
  /** Seconds between two during-method checks (chaos run --hypothesis-frequency). */
  readonly hypothesisFrequency: number;
  /** A deviated check fails the experiment and stops the method at its next activity. */
  readonly failFast: boolean;
}

export interface DuringChecks {
  stop(): Promise<void>;
}

/** chaoslib run_hypothesis_continuously: first check at once, then `frequency` s after each. */
export function startDuringChecks(
  hypothesis: HypothesisInput,
  journal: Journal,
  settings: DuringCheckSettings,
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
        if (!state.steady_state_met && settings.failFast) {
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
      await env.clock.sleep(settings.hypothesisFrequency * 1000, stopOrInterrupt);
      // Always give the event loop a turn: with frequency 0 and probes that do no I/O (dry
      // probes), the loop would otherwise starve the method and the signal handlers.
      await new Promise((resolve) => setImmediate(resolve));
    }
  })();
  return {
    stop: async () => {
      stopper.abort();
      await loop;
    },
  };
}
