// Runs an activity's provider: http, process, or python (a built-in, else the python3 bridge).
import { findBuiltinRunner } from './builtins.js';
import { runHttpProvider } from './http/index.js';
import { runProcessProvider } from './process.js';
import { pythonBridge } from './python-bridge.js';
import type { ProviderContext, ProviderRunner } from './types.js';

export interface ProviderRegistryOptions {
  readonly python: string;
}

export function providerRegistry(options: ProviderRegistryOptions): ProviderRunner {
  const bridge = pythonBridge({ python: options.python });
  return async (provider: Readonly<Record<string, unknown>>, ctx: ProviderContext) => {
    switch (provider.type) {
      case 'http':
        return runHttpProvider(provider, ctx);
      case 'process':
        return runProcessProvider(provider, ctx);
      case 'python': {
        const builtin = findBuiltinRunner(String(provider.module), String(provider.func));
        return builtin ? builtin(provider, ctx) : bridge(provider, ctx);
      }
      default:
        throw new Error(`unknown provider type '${String(provider.type)}'`);
    }
  };
}
