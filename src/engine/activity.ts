// One activity's run, in chaoslib's envelope (activity.py execute_activity): the run record is
// appended when the activity starts; pauses happen outside its duration; an ActivityFailed makes
// it `failed`; any other error (or an interruption) leaves it without a status and propagates.
import { type Scope, substitute, substitutionScope } from '../experiment/substitution.js';
import { type ActivityLimits, DEFAULT_LIMITS, MAX_RECORDED_DEPTH } from '../contract/limits.js';
import { unguardedReason } from '../experiment/unguarded.js';
import type { ProviderContext, ProviderPlanner, ProviderRunner } from '../contract/provider.js';
import { ActivityFailed } from '../contract/provider.js';
import { type Clock, isoTimestamp, secondsBetween } from './clock.js';
import type { RunEvents } from './events.js';
import { exceptionLines, type RunRecord } from './journal.js';
import { boundValue } from './recorded-value.js';
import { Interrupted } from './interrupted.js';
import { type ControlSession, withControls } from './controls.js';

export const DRY_MODES = ['probes', 'actions', 'activities', 'pause'] as const;
export type DryMode = (typeof DRY_MODES)[number];
export type Phase = 'before' | 'during' | 'after' | 'method' | 'rollbacks' | 'configuration';

export interface ActivityEnvironment {
  readonly clock: Clock;
  readonly runProvider: ProviderRunner;
  readonly providerContext: Omit<ProviderContext, 'signal'>;
  readonly scope: Scope;
  readonly dry: DryMode | null;
  readonly events: RunEvents;
  /** Dry actions that can tell what they would change (AWS built-ins) are planned, not run. */
  readonly planProvider?: ProviderPlanner;
  /** Seconds one regex tolerance match may take (the regex-timeout setting; its default otherwise). */
  readonly regexTimeout?: number;
  /** What is kept of an output, and how long an activity may take (the defaults when absent). */
  readonly limits?: ActivityLimits;
  /** The experiment's control session, when it declares python controls: every activity runs inside their hooks. */
  readonly controls?: ControlSession;
}

/** What a run gives its activities (a run's dependencies provide it). */
export interface ActivityDependencies {
  readonly clock: Clock;
  readonly runProvider: ProviderRunner;
  readonly events: RunEvents;
  readonly env: Readonly<Record<string, string>>;
  readonly cwd: string;
  readonly planProvider?: ProviderPlanner;
  readonly regexTimeout?: number;
  /** The run's limits (max-output, activity-timeout); the defaults when absent. */
  readonly limits?: ActivityLimits;
}

/** The environment an experiment's activities run in, once its configuration is resolved. */
export function activityEnvironment(
  configuration: Record<string, unknown>,
  secrets: Record<string, unknown>,
  dry: DryMode | null,
  deps: ActivityDependencies,
): ActivityEnvironment {
  const scope = substitutionScope(configuration, secrets);
  const limits = deps.limits ?? DEFAULT_LIMITS;
  return {
    clock: deps.clock,
    limits,
    runProvider: deps.runProvider,
    scope,
    dry,
    events: deps.events,
    ...(deps.planProvider ? { planProvider: deps.planProvider } : {}),
    ...(deps.regexTimeout !== undefined ? { regexTimeout: deps.regexTimeout } : {}),
    providerContext: {
      scope,
      hasVariables: Object.keys(configuration).length > 0 || Object.keys(secrets).length > 0,
      configuration,
      secrets,
      env: deps.env,
      cwd: deps.cwd,
      limits,
    },
  };
}

/** What the provider of `activity` is handed: the run's context, its unguarded mark, the signal. */
export function contextFor(
  env: Pick<ActivityEnvironment, 'providerContext'>,
  activity: Readonly<Record<string, unknown>>,
  signal: AbortSignal,
): ProviderContext {
  const unguarded = unguardedReason(activity);
  return { ...env.providerContext, signal, ...(unguarded ? { unguarded } : {}) };
}

/** An error that is not an ActivityFailed: chaoslib aborts (or crashes) on these. */
export class UnexpectedActivityError extends Error {
  override readonly name = 'UnexpectedActivityError';
  constructor(
    readonly activityName: string,
    override readonly cause: unknown,
  ) {
    super(`activity '${activityName}' raised an unexpected error: ${cause instanceof Error ? cause.message : String(cause)}`);
  }
}

export { Interrupted } from './interrupted.js';

const isAbort = (e: unknown): boolean => e instanceof Error && e.name === 'AbortError';

export function isDry(activity: Record<string, unknown>, dry: DryMode | null): { dryActivity: boolean; skipPauses: boolean } {
  // chaoslib reads activity.get("dry", global) and compares it with an enum: any `dry` key in the
  // file never matches, so such an activity always runs, pauses included.
  const mode = 'dry' in activity ? undefined : dry;
  const type = activity.type;
  const dryActivity = mode === 'activities' || (mode === 'actions' && type === 'action') || (mode === 'probes' && type === 'probe');
  return { dryActivity, skipPauses: dryActivity || mode === 'pause' };
}

async function pause(env: ActivityEnvironment, seconds: unknown, name: string, when: string, signal: AbortSignal): Promise<void> {
  if (!seconds) return;
  if (typeof seconds !== 'number') throw new UnexpectedActivityError(name, new TypeError(`the ${when} pause is not a number`));
  // time.sleep() refuses a negative length (and an infinite one), and chaoslib aborts the run there.
  if (seconds < 0) throw new UnexpectedActivityError(name, new RangeError(`the ${when} pause is negative (${seconds} s)`));
  if (!Number.isFinite(seconds)) throw new UnexpectedActivityError(name, new RangeError(`the ${when} pause is not a finite number (${seconds})`));
  env.events.pause(name, when, seconds);
  await env.clock.sleep(seconds * 1000, signal);
  if (signal.aborted) throw new Interrupted(`interrupted during the ${when} pause of '${name}'`);
}

/** A dry activity's plan goes to the events; its output stays null, as Chaos Toolkit records it. */
async function plan(env: ActivityEnvironment, activity: Record<string, unknown>, record: RunRecord, phase: Phase, signal: AbortSignal): Promise<null> {
  const planned = await env.planProvider?.(activity.provider as Record<string, unknown>, contextFor(env, activity, signal));
  // What a probe run without credentials would do is no change to list: only actions are.
  if (planned && (planned.effect === undefined || activity.type === 'action')) env.events.activityPlanned?.(record, phase, planned);
  return null;
}

/**
 * Runs `activity` (already resolved from a ref) and returns its record, appended to `runs` when
 * it starts. Throws Interrupted or UnexpectedActivityError after finishing the record.
 */
export async function executeActivity(
  activity: Record<string, unknown>,
  phase: Phase,
  env: ActivityEnvironment,
  signal: AbortSignal,
  runs?: RunRecord[],
): Promise<RunRecord> {
  if (!env.controls) return playActivity(activity, phase, env, signal, runs);
  // chaoslib's activity controls wrap the pauses too; their after hooks get the run record only
  // when the activity ended normally (else None).
  return withControls(env.controls, 'activity', activity, async (keep) => {
    const record = await playActivity(activity, phase, env, signal, runs);
    keep(record);
    return record;
  });
}

const NO_PAUSES: Readonly<Record<string, unknown>> = Object.freeze({});

async function playActivity(
  activity: Record<string, unknown>,
  phase: Phase,
  env: ActivityEnvironment,
  signal: AbortSignal,
  runs?: RunRecord[],
): Promise<RunRecord> {
  const name = String(activity.name ?? '');
  const { dryActivity, skipPauses } = isDry(activity, env.dry);
  const pauses = (activity.pauses === undefined ? NO_PAUSES : (substitute(activity.pauses, env.scope) ?? {})) as Record<string, unknown>;
  if (signal.aborted) throw new Interrupted(`interrupted before '${name}'`);
  if (!skipPauses) await pause(env, pauses.before, name, 'before', signal);

  const startMs = env.clock.now();
  const record: RunRecord = { activity: { ...activity }, output: null, start: isoTimestamp(startMs) };
  runs?.push(record);
  env.events.activityStarted(record, phase, dryActivity);
  let failure: unknown;
  try {
    const provider = activity.provider as Record<string, unknown>;
    const output = dryActivity ? await plan(env, activity, record, phase, signal) : await env.runProvider(provider, contextFor(env, activity, signal));
    // What is recorded is bounded (depth, string length): it is what gets judged and written.
    record.output = boundValue(output ?? null, { maxDepth: MAX_RECORDED_DEPTH, maxChars: (env.limits ?? DEFAULT_LIMITS).maxOutputBytes });
    record.status = 'succeeded';
  } catch (e) {
    if (e instanceof ActivityFailed && !signal.aborted) {
      record.status = 'failed';
      record.output = null;
      record.exception = exceptionLines(e.message);
    } else {
      failure = signal.aborted || isAbort(e) ? new Interrupted(`interrupted during '${name}'`) : new UnexpectedActivityError(name, e);
    }
  } finally {
    const endMs = env.clock.now();
    record.end = isoTimestamp(endMs);
    record.duration = secondsBetween(startMs, endMs);
  }
  env.events.activityEnded(record, phase, failure);
  if (failure) throw failure;
  if (!skipPauses) await pause(env, pauses.after, name, 'after', signal);
  return record;
}
