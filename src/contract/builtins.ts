// Python-provider functions that chaos-action runs natively, with the signatures validation checks
// arguments against. The registry belongs to the contract: aws/ registers the chaosaws.* family
// here (src/app/providers.ts has it do so) and providers/ finds them, neither importing the other.
import type { PythonParam } from '../python/signature.js';
import type { ProviderPlanner, ProviderRunner } from './provider.js';

export interface BuiltinFunction {
  readonly module: string;
  readonly func: string;
  readonly params: readonly PythonParam[];
  /** Runs the function natively; the provider's arguments are substituted by the runner. */
  readonly run: ProviderRunner;
  /** For functions that change something: lists the changes without making them (dry runs). */
  readonly plan?: ProviderPlanner;
}

const registry = new Map<string, BuiltinFunction>();

export function registerBuiltin(fn: BuiltinFunction): void {
  registry.set(`${fn.module}:${fn.func}`, fn);
}

export function findBuiltin(module: string, func: string): BuiltinFunction | undefined {
  return registry.get(`${module}:${func}`);
}

export function findBuiltinRunner(module: string, func: string): ProviderRunner | undefined {
  return registry.get(`${module}:${func}`)?.run;
}
