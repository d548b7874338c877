// Runs an activity's provider: http, process, or python (a built-in, else the python3 bridge).
// Each provider's code loads on its first use: a run with only http probes never loads the
// process or python code (and a CLI start pays only for what the experiments use). Built-ins
// are whatever was registered (src/app/providers.ts registers the AWS ones).
// A process or python-bridge child gets the run's AWS credentials only when its activity is marked
// unguarded: the guardrails cannot see its AWS calls. The built-ins pass the guardrails and keep them.
import { findBuiltin, findBuiltinRunner } from '../contract/builtins.js';
import type { ProviderContext, ProviderPlanner, ProviderRunner } from '../contract/provider.js';
import { describeProvider } from '../experiment/unguarded.js';
import { withoutAwsCredentials } from './child-env.js';

export interface ProviderRegistryOptions {
  readonly python: string;
}

// The providers' modules once loaded: an import() per activity would resolve the module again
// through the ESM loader each time (a dynamic import of a loaded module is not free).
let httpModule: typeof import('./http/index.js') | undefined;
let processModule: typeof import('./process.js') | undefined;

export function providerRegistry(options: ProviderRegistryOptions): ProviderRunner {
  let bridge: ProviderRunner | undefined;
  return async (provider: Readonly<Record<string, unknown>>, ctx: ProviderContext) => {
    switch (provider.type) {
      case 'http':
        httpModule ??= await import('./http/index.js');
        return httpModule.runHttpProvider(provider, ctx);
      case 'process':
        processModule ??= await import('./process.js');
        return processModule.runProcessProvider(provider, guardedContext(ctx));
      case 'python': {
        const builtin = findBuiltinRunner(String(provider.module), String(provider.func));
        if (builtin) return builtin(provider, ctx);
        bridge ??= (await import('./python-bridge.js')).pythonBridge({ python: options.python });
        return bridge(provider, guardedContext(ctx));
      }
      default:
        throw new Error(`unknown provider type '${String(provider.type)}'`);
    }
  };
}

/** A child's context: without the AWS credentials unless the activity is marked unguarded. */
function guardedContext(ctx: ProviderContext): ProviderContext {
  return ctx.unguarded ? ctx : { ...ctx, env: withoutAwsCredentials(ctx.env) };
}

/**
 * Plans dry-run actions: built-ins that can list their changes do; anything else is not run, and
 * says how it stands with the AWS credentials: unguarded (marked, effect unknown) or without them.
 */
export function providerPlanner(): ProviderPlanner {
  return async (provider, ctx) => {
    if (provider.type === 'python') {
      const builtin = findBuiltin(String(provider.module), String(provider.func));
      if (builtin) return builtin.plan?.(provider, ctx);
    }
    const runs = describeProvider(provider);
    // http never gets the credentials: no mark makes it unguarded.
    if (ctx.unguarded && provider.type !== 'http') return { changes: [], effect: { kind: 'unguarded', runs, reason: ctx.unguarded } };
    return { changes: [], effect: { kind: 'no-aws', runs } };
  };
}
