// Resolves the python functions experiments name: our built-ins first, then a python3 bridge.
import type { PythonLookup, PythonResolver } from '../experiment/python-signature.js';
import { targetKey } from '../experiment/python-signature.js';
import { findBuiltin } from './builtins.js';
import { inspectPythonFunctions, type PythonInspectOptions } from './python-inspect.js';

export function pythonResolver(options: PythonInspectOptions): PythonResolver {
  return async (targets) => {
    const found = new Map<string, PythonLookup>();
    const rest = targets.filter((t) => {
      const builtin = findBuiltin(t.module, t.func);
      if (builtin) found.set(targetKey(t), { status: 'found', params: builtin.params, builtin: true });
      return !builtin;
    });
    for (const [k, v] of await inspectPythonFunctions(rest, options)) found.set(k, v);
    return found;
  };
}
