// Which hypothesis checks and rollbacks a run plays (chaoslib run.py and the CLI's strategy rules).

export const HYPOTHESIS_STRATEGIES = ['default', 'before-method-only', 'after-method-only', 'during-method-only', 'continuously', 'skip'] as const;
export type HypothesisStrategy = (typeof HYPOTHESIS_STRATEGIES)[number];
export const ROLLBACK_STRATEGIES = ['default', 'always', 'never', 'deviated'] as const;
export type RollbackStrategy = (typeof ROLLBACK_STRATEGIES)[number];

export const runsBefore = (s: HypothesisStrategy): boolean => s === 'default' || s === 'before-method-only' || s === 'continuously';
export const runsAfter = (s: HypothesisStrategy): boolean => s === 'default' || s === 'after-method-only' || s === 'continuously';
export const runsDuring = (s: HypothesisStrategy): boolean => s === 'during-method-only' || s === 'continuously';

export function normalizeHypothesisStrategy(value: unknown): HypothesisStrategy | undefined {
  if (value === 'continously') return 'continuously';
  return HYPOTHESIS_STRATEGIES.find((s) => s === value);
}

export interface Strategies {
  readonly hypothesis: HypothesisStrategy;
  readonly rollbacks: RollbackStrategy;
}

/**
 * A `runtime` block in the experiment sets both strategies, a missing one reverting to
 * "default" (as the chaos CLI does); flags override. Without either, our rollback default
 * applies (`always`: a gate must not leave staging broken).
 */
export function resolveStrategies(
  experiment: Record<string, unknown>,
  flags: { hypothesis?: HypothesisStrategy; rollbacks?: RollbackStrategy },
  ourRollbackDefault: RollbackStrategy = 'always',
): Strategies {
  const runtime = experiment.runtime as { hypothesis?: { strategy?: unknown }; rollbacks?: { strategy?: unknown } } | undefined;
  let hypothesis: HypothesisStrategy = 'default';
  let rollbacks: RollbackStrategy = ourRollbackDefault;
  // The chaos CLI tests `if experiment_runtime:`: an empty mapping counts as absent.
  if (runtime && typeof runtime === 'object' && Object.keys(runtime).length > 0) {
    hypothesis = normalizeHypothesisStrategy(runtime.hypothesis?.strategy) ?? 'default';
    rollbacks = ROLLBACK_STRATEGIES.find((s) => s === runtime.rollbacks?.strategy) ?? 'default';
  }
  return { hypothesis: flags.hypothesis ?? hypothesis, rollbacks: flags.rollbacks ?? rollbacks };
}

/** chaoslib run.py run_rollback: whether this outcome plays the rollbacks. */
export function playsRollbacks(strategy: RollbackStrategy, status: string | null, deviated: boolean): boolean {
  switch (strategy) {
    case 'always':
      return true;
    case 'never':
      return false;
    case 'deviated':
      return deviated;
    case 'default':
      return status !== 'failed' && status !== 'interrupted';
  }
}
