// Python's `==` over JSON values, as jsonpath2's `=` and `!=` compare them.

import { isMapping } from '../values.js';
import { JsonPathBudgetExceeded } from './errors.js';
import { isPythonNumber } from './python-numbers.js';

type Mapping = Record<string, unknown>;

/**
 * How deep two values are compared. Only a comparison of two deep values (from a probe's output,
 * `@.a = @.b`) can reach it: what an experiment writes nests at most 256 levels (the loader's limit).
 */
export const MAX_EQUALITY_DEPTH = 1_000;

/** Python's `==` over JSON values: `True == 1`, `1 == 1.0`, deep list/dict equality, `"1" != 1`. */
export function pythonEquals(a: unknown, b: unknown): boolean {
  return equals(a, b, 0);
}

function equals(a: unknown, b: unknown, depth: number): boolean {
  if (isPythonNumber(a) && isPythonNumber(b)) return Number(a) === Number(b);
  const arrays = Array.isArray(a) || Array.isArray(b);
  const mappings = isMapping(a) && isMapping(b);
  if ((arrays || mappings) && depth >= MAX_EQUALITY_DEPTH) {
    throw new JsonPathBudgetExceeded(`compares values nested more than ${MAX_EQUALITY_DEPTH.toLocaleString('en-US')} levels deep`);
  }
  if (arrays) return Array.isArray(a) && Array.isArray(b) && a.length === b.length && a.every((x, i) => equals(x, b[i], depth + 1));
  if (mappings) return mappingsEqual(a, b, depth + 1);
  return a === b;
}

function mappingsEqual(a: Mapping, b: Mapping, depth: number): boolean {
  const keys = Object.keys(a);
  if (keys.length !== Object.keys(b).length) return false;
  return keys.every((key) => Object.hasOwn(b, key) && equals(a[key], b[key], depth));
}
