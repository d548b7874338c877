// Makes every chaosaws function of the catalog a python-provider built-in: validation binds
// arguments against its signature, a run calls the native function with an AwsCall, and a dry run
// asks it for its plan. The runtime and the function's code load on first use only.
import { substitute } from '../experiment/substitution.js';
import { isMapping } from '../python/values.js';
import { registerBuiltin } from '../contract/builtins.js';
import { ActivityFailed, type PlannedChange, type ProviderContext, type ProviderPlan } from '../contract/provider.js';
import { AWS_CATALOG } from './catalog/index.js';
import type { AwsCatalogEntry } from './catalog/define.js';
import type { AwsScope } from './runtime.js';

let registered = false;

/** Registers the catalog once per process (idempotent). */
export function registerAwsBuiltins(): void {
  if (registered) return;
  registered = true;
  for (const entry of AWS_CATALOG) {
    registerBuiltin({
      module: entry.module,
      func: entry.func,
      // Read on use (the catalog parses a signature when it is first asked for).
      get params() {
        return entry.params;
      },
      run: (provider, ctx) => runAws(entry, provider, ctx),
      ...(entry.mutating ? { plan: (provider: Readonly<Record<string, unknown>>, ctx: ProviderContext) => planAws(entry, provider, ctx) } : {}),
    });
  }
}

let fallback: AwsScope | undefined;

/** The run's scope, or (for a caller that set none) a fresh runtime with the default guardrails. */
async function scopeOf(ctx: ProviderContext): Promise<AwsScope> {
  // Only AwsRuntime.scope() makes the handles a run puts in the context.
  if (ctx.aws) return ctx.aws as AwsScope;
  if (!fallback) {
    const { AwsRuntime } = await import('./runtime.js');
    fallback = new AwsRuntime().scope({});
  }
  return fallback;
}

/** chaoslib's arguments (substituted when the experiment has variables) and flat-merged secrets. */
function argumentsOf(provider: Readonly<Record<string, unknown>>, ctx: ProviderContext): { args: Record<string, unknown>; secrets: Record<string, unknown> } {
  const raw = ctx.hasVariables ? substitute(provider.arguments ?? {}, ctx.scope) : (provider.arguments ?? {});
  const secrets: Record<string, unknown> = {};
  for (const name of Array.isArray(provider.secrets) ? provider.secrets : []) {
    const scope = (ctx.secrets as Record<string, unknown>)[String(name)];
    if (isMapping(scope)) Object.assign(secrets, scope);
  }
  return { args: isMapping(raw) ? raw : {}, secrets };
}

async function invoke(entry: AwsCatalogEntry, provider: Readonly<Record<string, unknown>>, ctx: ProviderContext, changes?: PlannedChange[]): Promise<unknown> {
  const { args, secrets } = argumentsOf(provider, ctx);
  const scope = await scopeOf(ctx);
  const fn = await entry.load();
  const call = scope.runtime.call(scope.guardrails, {
    configuration: ctx.configuration,
    secrets,
    env: ctx.env,
    signal: ctx.signal,
    mode: changes ? 'plan' : 'run',
    ...(changes ? { changes } : {}),
    ...(scope.dry ? { dryRun: true } : {}),
    // A run's scope collects the confirmations for its journal; the fallback (no run) keeps none.
    ...(changes ? {} : { confirmTimeoutMs: scope.confirmTimeoutMs, ...(scope === fallback ? {} : { confirmations: scope.confirmations }) }),
  });
  return fn(args, call);
}

/** chaoslib turns any exception of a python function into ActivityFailed("<Type>: <message>"). */
function asActivityFailed(e: unknown): ActivityFailed {
  if (e instanceof ActivityFailed) return e;
  if (e instanceof Error) return new ActivityFailed(e.name && e.name !== 'Error' ? `${e.name}: ${e.message}` : e.message);
  return new ActivityFailed(String(e));
}

async function runAws(entry: AwsCatalogEntry, provider: Readonly<Record<string, unknown>>, ctx: ProviderContext): Promise<unknown> {
  try {
    return (await invoke(entry, provider, ctx)) ?? null;
  } catch (e) {
    // An interruption stays one: the engine records the activity as interrupted, not failed.
    if (ctx.signal.aborted) throw e;
    throw asActivityFailed(e);
  }
}

/**
 * Runs the function in plan mode: its read-only calls resolve the targets, and its first mutating
 * call is recorded with the guardrails' verdict instead of being sent.
 */
async function planAws(entry: AwsCatalogEntry, provider: Readonly<Record<string, unknown>>, ctx: ProviderContext): Promise<ProviderPlan> {
  const changes: PlannedChange[] = [];
  try {
    await invoke(entry, provider, ctx, changes);
    return { changes };
  } catch (e) {
    if (ctx.signal.aborted) throw e;
    // Once a change is recorded the function was stopped on purpose (even if it wrapped the stop).
    if (changes.length > 0) return { changes };
    return { changes, error: asActivityFailed(e).message };
  }
}
