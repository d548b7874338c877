// Stop conditions at run time: each guard probe checked against its tolerance (once, or every
// `frequency` seconds) while the experiment runs; the first one outside its tolerance, or that
// errors, trips the guards: their signal aborts, which stops the running activity and ends the
// method as an interruption does (runner.ts plays the rollbacks and records what tripped).
// A guard's runs are not journal records (chaostoolkit-addons keeps them out of the journal too).
import type { StopCondition } from '../experiment/stop-conditions.js';
import { type ActivityEnvironment, contextFor } from './activity.js';
import { isoTimestamp } from './clock.js';
import { withinTolerance } from './tolerance.js';

/** What tripped: the guard, its tolerance and the value it saw (or the error it raised). */
export interface Trip {
  readonly guard: string;
  readonly source: StopCondition['source'];
  readonly tolerance: unknown;
  /** The probe's output (null when it errored). */
  readonly value: unknown;
  /** The probe's error, when it raised one instead of answering. */
  readonly error?: string;
  /** When the answer that tripped it came (journal timestamp format). */
  readonly at: string;
}

export interface Guards {
  /** Aborts when a guard trips. */
  readonly signal: AbortSignal;
  /** The trip, once one happened. */
  tripped(): Trip | undefined;
  /** Starts the guards of this phase; resolves once the blocking ones (safeguards "before") ran. */
  start(from: StopCondition['from']): Promise<void>;
  /** Stops every guard (the rollbacks begin); a check in flight is cut short. */
  stop(): Promise<void>;
}

/** Seconds a repeating guard's probe may take beyond its frequency before its silence trips it. */
const GUARD_ANSWER_SLACK_S = 5;

export function createGuards(
  conditions: readonly StopCondition[],
  env: ActivityEnvironment,
  resolve: (entry: Record<string, unknown>) => Record<string, unknown>,
  interrupt: AbortSignal,
): Guards {
  const trip = new AbortController();
  const stopper = new AbortController();
  const halt = AbortSignal.any([trip.signal, stopper.signal, interrupt]);
  const loops: Promise<void>[] = [];
  let tripped: Trip | undefined;

  const fire = (t: Trip): void => {
    if (tripped || halt.aborted) return;
    tripped = t;
    env.events.warning(`stop condition "${t.guard}" tripped: ${t.error ?? `returned ${brief(t.value)}, outside tolerance ${brief(t.tolerance)}`}`);
    trip.abort();
  };

  /**
   * One check: the probe's answer judged against its tolerance. An error trips it too, and so does
   * a repeating guard's probe that has not answered within its frequency + 5 s (a target that
   * stopped answering is what a guard is for: it must not go blind for the probe's own timeout).
   */
  const check = async (condition: StopCondition): Promise<void> => {
    const entry = condition.probe;
    let name = String(entry.name ?? entry.ref ?? '');
    let value: unknown = null;
    const limit = condition.mode === 'repeat' ? condition.frequency + GUARD_ANSWER_SLACK_S : undefined;
    const deadline = limit === undefined ? undefined : AbortSignal.timeout(limit * 1000);
    const silent = `no answer within ${limit} s`;
    const signal = deadline ? AbortSignal.any([halt, deadline]) : halt;
    try {
      const activity = resolve(entry);
      name = String(activity.name ?? name);
      value = await env.runProvider(activity.provider as Record<string, unknown>, contextFor(env, activity, signal));
      if (halt.aborted) return;
      if (deadline?.aborted) throw new Error(silent);
      const met = await withinTolerance(entry.tolerance, value, {
        scope: env.scope,
        runProvider: (probe) => env.runProvider(probe.provider as Record<string, unknown>, contextFor(env, probe, halt)),
        signal: halt,
        ...(env.regexTimeout !== undefined ? { regexTimeout: env.regexTimeout } : {}),
      });
      if (!met) fire({ guard: name, source: condition.source, tolerance: entry.tolerance, value, at: isoTimestamp(env.clock.now()) });
    } catch (e) {
      if (halt.aborted) return;
      const error = deadline?.aborted ? silent : e instanceof Error ? e.message : String(e);
      fire({ guard: name, source: condition.source, tolerance: entry.tolerance, value, error, at: isoTimestamp(env.clock.now()) });
    }
  };

  const repeat = async (condition: StopCondition): Promise<void> => {
    while (!halt.aborted) {
      await check(condition);
      await env.clock.sleep(condition.frequency * 1000, halt);
    }
  };

  return {
    signal: trip.signal,
    tripped: () => tripped,
    async start(from) {
      const mine = conditions.filter((c) => c.from === from);
      for (const c of mine) if (c.mode !== 'before') loops.push(c.mode === 'repeat' ? repeat(c) : check(c));
      await Promise.all(mine.filter((c) => c.mode === 'before').map(check));
    },
    async stop() {
      stopper.abort();
      await Promise.all(loops);
    },
  };
}

/**
 * `status 500` for an http or process answer; other values as JSON when short. Never cut: a
 * secret cut in half would no longer be recognised by the log's redaction.
 */
function brief(value: unknown): string {
  if (value !== null && typeof value === 'object' && 'status' in value) return `status ${String((value as { status: unknown }).status)}`;
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 120 ? `a value of ${text.length} characters` : text;
}
