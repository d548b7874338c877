// The providers a run and a validation use, with the AWS built-ins registered: the one place that
// joins providers/ and aws/, which never import each other. Registering is cheap and idempotent
// (signatures and lazy loaders): no AWS SDK code loads until an experiment calls a chaosaws function.
// Also the canary stores the engine is given (it knows no database of its own).
import { registerAwsBuiltins } from '../aws/builtins.js';
import { notBuiltInNote } from '../aws/catalog/index.js';
import type { ProviderPlanner, ProviderRunner } from '../contract/provider.js';
import type { CanaryStores } from '../engine/canary.js';
import type { PythonInspectOptions } from '../providers/python-inspect.js';
import { pythonResolver } from '../providers/python-catalog.js';
import { providerPlanner, providerRegistry, type ProviderRegistryOptions } from '../providers/registry.js';
import type { PythonResolver } from '../python/signature.js';

/** Runs any activity's provider: http, process, a built-in (AWS included), else the python3 bridge. */
export function runProviders(options: ProviderRegistryOptions): ProviderRunner {
  registerAwsBuiltins();
  return providerRegistry(options);
}

/** Plans dry-run actions: the built-ins (AWS included) that can list their changes. */
export function planProviders(): ProviderPlanner {
  registerAwsBuiltins();
  return providerPlanner();
}

/** Resolves the python functions experiments name for validation, with the chaosaws notes. */
export function resolvePython(options: PythonInspectOptions): PythonResolver {
  registerAwsBuiltins();
  return pythonResolver({ ...options, notBuiltInNote });
}

/** The durability canary's built-in stores: PostgreSQL, whose code (and pg) loads on first use. */
export const canaryStores: CanaryStores = {
  postgres: async (url, run) => (await import('../providers/postgres-canary.js')).postgresCanary(url, run),
};
