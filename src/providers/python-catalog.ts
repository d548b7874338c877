// Resolves the python functions experiments name: our built-ins first, then a python3 bridge.
import type { PythonLookup, PythonResolver, PythonTarget } from '../python/signature.js';
import { targetKey } from '../python/signature.js';
import { registerAwsBuiltins } from '../aws/builtins.js';
import { notBuiltInNote } from '../aws/catalog/index.js';
import { findBuiltin } from './builtins.js';
import { inspectPythonFunctions, type PythonInspectOptions } from './python-inspect.js';

export function pythonResolver(options: PythonInspectOptions): PythonResolver {
  registerAwsBuiltins();
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
      if (lookup) found.set(targetKey(t), withNote(t, lookup));
    }
    return found;
  };
}

/**
 * A chaosaws function that is not built in runs through the bridge: validation says so (a
 * warning when python3 has it, more detail in the error when it does not).
 */
function withNote(target: PythonTarget, lookup: PythonLookup): PythonLookup {
  const note = notBuiltInNote(target.module, target.func);
  if (!note) return lookup;
  if (lookup.status === 'found') return { ...lookup, note };
  if (lookup.status === 'no-module') return { ...lookup, detail: `${note}; ${lookup.detail}` };
  return lookup;
}
