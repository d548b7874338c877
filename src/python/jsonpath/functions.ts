// Callable subscripts (`length()`, `charAt(i)`, ...): the functions a path may call.

import { isMapping } from '../values.js';

/** Callable subscripts in jsonpath2/subscripts/callable.py, keyed by the name used in paths. */
export const FUNCTIONS = {
  charAt: charAtFunction,
  entries: entriesFunction,
  keys: keysFunction,
  length: lengthFunction,
  substring: substringFunction,
  values: valuesFunction,
} as const;

export type FunctionName = keyof typeof FUNCTIONS;

export function isFunctionName(name: string): name is FunctionName {
  return Object.hasOwn(FUNCTIONS, name);
}

/** An argument as a callable sees it: its value and whether Python considers it an int. */
export interface Argument {
  readonly value: unknown;
  readonly isInt: boolean;
}

export type FunctionImpl = (current: unknown, args: readonly Argument[]) => unknown[];

/** Python strings are indexed by code point, not UTF-16 unit. */
function codePoints(s: string): string[] {
  return Array.from(s);
}

function intArgument(arg: Argument | undefined): number | null {
  return arg?.isInt ? Number(arg.value) : null;
}

/** length(): len() of an array or string; objects have no length() in jsonpath2. */
function lengthFunction(current: unknown, args: readonly Argument[]): unknown[] {
  if (args.length > 0) return [];
  if (Array.isArray(current)) return [current.length];
  if (typeof current === 'string') return [codePoints(current).length];
  return [];
}

/** keys(): an object's keys, or an array's indices. */
function keysFunction(current: unknown, args: readonly Argument[]): unknown[] {
  if (args.length > 0) return [];
  if (isMapping(current)) return [Object.keys(current)];
  if (Array.isArray(current)) return [current.map((_, i) => i)];
  return [];
}

/** values(): an object's values, or the array itself. */
function valuesFunction(current: unknown, args: readonly Argument[]): unknown[] {
  if (args.length > 0) return [];
  if (isMapping(current)) return [Object.values(current)];
  if (Array.isArray(current)) return [current];
  return [];
}

/** entries(): [key, value] pairs of an object, or [index, element] pairs of an array. */
function entriesFunction(current: unknown, args: readonly Argument[]): unknown[] {
  if (args.length > 0) return [];
  if (isMapping(current)) return [Object.entries(current)];
  if (Array.isArray(current)) return [current.map((value, i) => [i, value])];
  return [];
}

/** charAt(i): Python `s[i]` (negative counts from the end; out of range yields nothing). */
function charAtFunction(current: unknown, args: readonly Argument[]): unknown[] {
  const index = intArgument(args[0]);
  if (typeof current !== 'string' || args.length !== 1 || index === null) return [];
  const chars = codePoints(current);
  const resolved = index < 0 ? index + chars.length : index;
  return resolved >= 0 && resolved < chars.length ? [chars[resolved]] : [];
}

/** substring(i[, j]): Python `s[i:]` / `s[i:j]`, whose clamping matches Array.prototype.slice. */
function substringFunction(current: unknown, args: readonly Argument[]): unknown[] {
  if (typeof current !== 'string' || args.length < 1 || args.length > 2) return [];
  const bounds = args.map(intArgument);
  if (bounds.includes(null)) return [];
  const [from, to] = bounds as number[];
  return [codePoints(current).slice(from, to).join('')];
}
