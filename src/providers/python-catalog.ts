// Resolves the python functions experiments name: our built-ins first, then a python3 bridge.
import type { PythonLookup, PythonResolver } from '../python/signature.js';
import { targetKey } from '../python/signature.js';
import { findBuiltin } from '../contract/builtins.js';
import { inspectPythonFunctions, type PythonInspectOptions } from './python-inspect.js';

/**
 * What validation says about a function that is not built in but belongs to a family that has
 * built-ins (undefined for any other): for chaosaws, that it runs through the python3 bridge.
 */
type NotBuiltInNote = (module: string, func: string) => string | undefined;

export interface PythonResolverOptions extends PythonInspectOptions {
  readonly notBuiltInNote?: NotBuiltInNote;
}

export function pythonResolver(options: PythonResolverOptions): PythonResolver {
  const noteOf = options.notBuiltInNote ?? (() => undefined);
  return async (targets) => {
    const found = new Map<string, PythonLookup>();
    const rest = targets.filter((t) => {
      const builtin = findBuiltin(t.module, t.func);
      if (builtin) found.set(targetKey(t), { status: 'found', params: builtin.params, builtin: true });
      return !builtin;
    });
    const inspected = await inspectPythonFunctions(rest, options);
    for (const t of rest) {
      const lookup = inspected.get(targetKey(t));
      if (lookup) found.set(targetKey(t), withNote(lookup, noteOf(t.module, t.func)));
    }
    return found;
  };
}

/**
 * A chaosaws function that is not built in runs through the bridge: validation says so (a
 * warning when python3 has it, more detail in the error when it does not).
 */
function withNote(lookup: PythonLookup, note: string | undefined): PythonLookup {
  if (!note) return lookup;
  if (lookup.status === 'found') return { ...lookup, note };
  if (lookup.status === 'no-module') return { ...lookup, detail: `${note}; ${lookup.detail}` };
  return lookup;
}
