// Runs an activity's provider: http, process, or python (a built-in, else the python3 bridge).
// Each provider's code loads on its first use: a run with only http probes never loads the
// process or python code (and a CLI start pays only for what the experiments use). Built-ins
// are whatever was registered (src/app/providers.ts registers the AWS ones).
import { findBuiltin, findBuiltinRunner } from '../contract/builtins.js';
import type { ProviderContext, ProviderPlanner, ProviderRunner } from '../contract/provider.js';

export interface ProviderRegistryOptions {
  readonly python: string;
}

export function providerRegistry(options: ProviderRegistryOptions): ProviderRunner {
  let bridge: ProviderRunner | undefined;
  return async (provider: Readonly<Record<string, unknown>>, ctx: ProviderContext) => {
    switch (provider.type) {
      case 'http':
        return (await import('./http/index.js')).runHttpProvider(provider, ctx);
      case 'process':
        return (await import('./process.js')).runProcessProvider(provider, ctx);
      case 'python': {
        const builtin = findBuiltinRunner(String(provider.module), String(provider.func));
        if (builtin) return builtin(provider, ctx);
        bridge ??= (await import('./python-bridge.js')).pythonBridge({ python: options.python });
        return bridge(provider, ctx);
      }
      default:
        throw new Error(`unknown provider type '${String(provider.type)}'`);
    }
  };
}

/** Plans dry-run actions: built-ins that can list their changes do; anything else is not run. */
export function providerPlanner(): ProviderPlanner {
  return async (provider, ctx) => {
    if (provider.type !== 'python') return undefined;
    return findBuiltin(String(provider.module), String(provider.func))?.plan?.(provider, ctx);
  };
}
