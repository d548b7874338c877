// Runs a suite's experiments up to N at once (the `parallel` setting) without letting two that
// fault the same thing overlap. Each experiment holds a claim: its locks (declared in its
// chaos-action extension, or inferred from the AWS built-ins it calls) and whether it is
// exclusive (runs alone). Two claims conflict when one is exclusive or they share a lock; a lock
// ending in `*` covers every lock that starts with what comes before it (`aws:ec2:instance:*`).
//
// Experiments start in suite order. One that cannot start (a running one holds a conflicting lock)
// waits, and no later experiment that conflicts with it may start before it: it never starves.
// Later experiments that conflict with nothing running or waiting start in the meantime.

export interface Claim {
  readonly locks: readonly string[];
  readonly exclusive: boolean;
}

/** Whether two locks name the same thing (equal, or one ending in `*` covers the other). */
export function locksConflict(a: string, b: string): boolean {
  const covers = (wide: string, other: string): boolean => wide.endsWith('*') && other.startsWith(wide.slice(0, -1));
  return a === b || covers(a, b) || covers(b, a);
}

/** Whether two experiments must not run at the same time. */
export function claimsConflict(a: Claim, b: Claim): boolean {
  return a.exclusive || b.exclusive || a.locks.some((x) => b.locks.some((y) => locksConflict(x, y)));
}

/**
 * The waiting experiments (indexes in `claims`, in suite order) that may start now, given those
 * running and at most `limit` at once. Pure: the scheduler asks it each time something changes.
 */
export function startable(claims: readonly Claim[], waiting: readonly number[], running: readonly number[], limit: number): number[] {
  const start: number[] = [];
  const busy = [...running];
  // Experiments passed over: a later one that conflicts with them waits behind them.
  const held: number[] = [];
  for (const i of waiting) {
    if (busy.length >= limit) break;
    const claim = claims[i] as Claim;
    const blocked = busy.some((j) => claimsConflict(claim, claims[j] as Claim)) || held.some((j) => claimsConflict(claim, claims[j] as Claim));
    if (blocked) held.push(i);
    else {
      start.push(i);
      busy.push(i);
    }
  }
  return start;
}

export interface Scheduled<T> {
  /** By index in suite order; undefined for an experiment that never started. */
  readonly results: readonly (T | undefined)[];
  /** The indexes that never started (the run was stopped first), in suite order. */
  readonly notStarted: readonly number[];
}

/**
 * Runs `run(i)` for every claim, at most `limit` at once, honouring the claims. Once `stopped()`
 * says so (an interruption), nothing more starts; those running finish (their rollbacks play). If a
 * run throws, nothing more starts either, and the first error is thrown once the others finished.
 */
export async function runScheduled<T>(
  claims: readonly Claim[],
  limit: number,
  run: (index: number) => Promise<T>,
  stopped: () => boolean,
): Promise<Scheduled<T>> {
  const results: (T | undefined)[] = claims.map(() => undefined);
  let waiting = claims.map((_, i) => i);
  const running = new Set<number>();
  let failure: { error: unknown } | undefined;
  let wake: () => void = () => undefined;
  for (;;) {
    if (!stopped() && !failure) {
      for (const i of startable(claims, waiting, [...running], Math.max(1, limit))) {
        waiting = waiting.filter((w) => w !== i);
        running.add(i);
        void run(i)
          .then(
            (result) => {
              results[i] = result;
            },
            (error: unknown) => {
              failure ??= { error };
            },
          )
          .finally(() => {
            running.delete(i);
            wake();
          });
      }
    }
    if (running.size === 0) break;
    await new Promise<void>((resolve) => {
      wake = resolve;
    });
  }
  if (failure) throw failure.error;
  return { results, notStarted: waiting };
}
