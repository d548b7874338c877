// What every provider (http, process, python) gets and gives. Providers substitute the fields
// Chaos Toolkit substitutes for their type, themselves, from the scope they are handed.
import type { Scope } from '../experiment/substitution.js';

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
}

/**
 * Runs one provider and returns its output (http: {status, headers, body}; process: {status,
 * stdout, stderr}; python: any JSON value). Throws ActivityFailed for an expected failure; any
 * other error is an unexpected one (Chaos Toolkit aborts the run on those).
 */
export type ProviderRunner = (provider: Readonly<Record<string, unknown>>, ctx: ProviderContext) => Promise<unknown>;
