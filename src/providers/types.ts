// What every provider (http, process, python) gets and gives. Providers substitute the fields
// Chaos Toolkit substitutes for their type, themselves, from the scope they are handed.
import type { Scope } from '../experiment/substitution.js';
import type { AwsTarget } from '../aws/functions/types.js';
import type { AwsScope } from '../aws/runtime.js';

/** An expected failure of an activity (timeout, connection refused): the activity is `failed`. */
export class ActivityFailed extends Error {
  override readonly name = 'ActivityFailed';
}

export interface ProviderContext {
  /** Configuration (then every secret scope) for ${name} substitution. */
  readonly scope: Scope;
  /** True when the experiment has configuration or secrets (chaoslib substitutes some fields only then). */
  readonly hasVariables: boolean;
  /** The secret scopes, for python functions that declare a `secrets` parameter. */
  readonly secrets: Readonly<Record<string, unknown>>;
  readonly configuration: Readonly<Record<string, unknown>>;
  /** Aborted when the run is interrupted: the provider must stop at once (kill, abort the request). */
  readonly signal: AbortSignal;
  /** The environment of child processes (already stripped of the runner's tokens). */
  readonly env: Readonly<Record<string, string>>;
  readonly cwd: string;
  /** The run's AWS state for the chaosaws built-ins (clients, guardrails); a safe default when absent. */
  readonly aws?: AwsScope;
}

/**
 * Runs one provider and returns its output (http: {status, headers, body}; process: {status,
 * stdout, stderr}; python: any JSON value). Throws ActivityFailed for an expected failure; any
 * other error is an unexpected one (Chaos Toolkit aborts the run on those).
 */
export type ProviderRunner = (provider: Readonly<Record<string, unknown>>, ctx: ProviderContext) => Promise<unknown>;

/** A resource a planned change would touch, as the AWS guardrails see it (kind, id, tags, counting). */
export type PlannedTarget = AwsTarget;

/** A change an action would make, listed by a dry run instead of being made, with the guardrails' verdict. */
export interface PlannedChange {
  readonly operation: string;
  readonly targets: readonly PlannedTarget[];
  readonly allowed: boolean;
  /** Why the guardrails would refuse it (empty when allowed). */
  readonly refusals: readonly string[];
}

/** What a dry run learned about one action: its changes, or why it would fail before making any. */
export interface ProviderPlan {
  readonly changes: readonly PlannedChange[];
  readonly error?: string;
}

/**
 * Resolves what a provider would change, sending only read-only requests; undefined when the
 * provider cannot tell (it is then simply not run, as Chaos Toolkit does in a dry run).
 */
export type ProviderPlanner = (provider: Readonly<Record<string, unknown>>, ctx: ProviderContext) => Promise<ProviderPlan | undefined>;
