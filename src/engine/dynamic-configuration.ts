// Dynamic configuration (chaoslib configuration.py load_dynamic_configuration): configuration
// entries that are probes, run before anything else and replaced by what they return.
import { isMapping } from '../python/values.js';
import { type Scope, substitutionScope } from '../experiment/substitution.js';
import { unguardedReason } from '../experiment/unguarded.js';
import type { ProviderRunner } from '../contract/provider.js';
import type { RunEvents } from './events.js';

export interface ConfigurationToResolve {
  /** Configuration as loaded; dynamic `type: probe` entries are resolved here, first. */
  readonly configuration: Record<string, unknown>;
  readonly dynamicConfiguration: readonly string[];
  readonly secrets: Record<string, unknown>;
}

/** What the configuration probes run with (a run's dependencies provide it). */
export interface ConfigurationDependencies {
  readonly runProvider: ProviderRunner;
  /** Hears the entries that could not be loaded. */
  readonly events: RunEvents;
  readonly env: Readonly<Record<string, string>>;
  readonly cwd: string;
}

/** The configuration with every dynamic entry resolved; one that could not be is left out, with a warning. */
export async function resolveDynamicConfiguration(
  input: ConfigurationToResolve,
  deps: ConfigurationDependencies,
  signal: AbortSignal,
): Promise<Record<string, unknown>> {
  const resolved: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(input.configuration)) {
    if (!input.dynamicConfiguration.includes(key) || !isMapping(value) || !isMapping(value.provider)) {
      resolved[key] = value;
      continue;
    }
    // Each probe sees the keys resolved so far, as chaoslib's load_dynamic_configuration.
    const scope: Scope = substitutionScope(resolved, input.secrets);
    try {
      const output = await deps.runProvider(value.provider, {
        scope,
        hasVariables: true,
        configuration: resolved,
        secrets: input.secrets,
        env: deps.env,
        cwd: deps.cwd,
        signal,
        ...(unguardedReason(value) ? { unguarded: unguardedReason(value) } : {}),
      });
      const type = value.provider.type;
      if (type === 'python') resolved[key] = output;
      else if (type === 'http') resolved[key] = isMapping(output) ? output.body : undefined;
      else if (type === 'process' && isMapping(output) && output.status === 0) resolved[key] = String(output.stdout ?? '').trim();
      else throw new Error(`the probe exited with ${isMapping(output) ? String(output.status) : '?'}`);
    } catch (e) {
      // chaoslib only warns and leaves the key out.
      deps.events.warning(`dynamic configuration "${key}" could not be loaded: ${e instanceof Error ? e.message : String(e)}`);
    }
  }
  return resolved;
}
