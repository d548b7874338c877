// Python's `==` over JSON values, as jsonpath2's `=` and `!=` compare them.

import { isMapping } from '../values.js';
import { isPythonNumber } from './python-numbers.js';

type Mapping = Record<string, unknown>;

/** Python's `==` over JSON values: `True == 1`, `1 == 1.0`, deep list/dict equality, `"1" != 1`. */
export function pythonEquals(a: unknown, b: unknown): boolean {
  if (isPythonNumber(a) && isPythonNumber(b)) return Number(a) === Number(b);
  if (Array.isArray(a) || Array.isArray(b)) {
    return Array.isArray(a) && Array.isArray(b) && a.length === b.length && a.every((x, i) => pythonEquals(x, b[i]));
  }
  if (isMapping(a) && isMapping(b)) return mappingsEqual(a, b);
  return a === b;
}

function mappingsEqual(a: Mapping, b: Mapping): boolean {
  const keys = Object.keys(a);
  if (keys.length !== Object.keys(b).length) return false;
  return keys.every((key) => Object.hasOwn(b, key) && pythonEquals(a[key], b[key]));
}
