// What an action declares it may answer and still have worked, in its own `chaos-action` key
// (Chaos Toolkit ignores keys it does not know, so the file still runs under `chaos run`):
//   {type: action, name: drain, provider: {type: process, …}, chaos-action: {expect: {exit-codes: [0, 3]}}}
//   {type: action, name: purge, provider: {type: http, …},    chaos-action: {expect: {statuses: [200, 404]}}}
// Without one, a process action works when it exits 0, an http action when it is answered below 400.
import type { ActivityEntry } from './activities.js';
import type { Problem } from './diagnostics.js';
import { isMapping } from '../python/values.js';
import { joinPointer } from './source-map.js';

export const ACTIVITY_KEY = 'chaos-action';

export interface Expectation {
  /** Exit codes a process action may end with (negative: killed by that signal, as Chaos Toolkit records it). */
  readonly exitCodes?: readonly number[];
  /** HTTP statuses an http action may be answered with. */
  readonly statuses?: readonly number[];
}

const FIELDS = {
  'exit-codes': { provider: 'process', min: -64, max: 255, words: 'exit codes, whole numbers from 0 to 255 (negative: killed by that signal)' },
  statuses: { provider: 'http', min: 100, max: 599, words: 'HTTP statuses, whole numbers from 100 to 599' },
} as const;
type Field = keyof typeof FIELDS;

/** The expectation an activity (as run: refs resolved) declares; validation has checked it. */
export function expectationOf(activity: Record<string, unknown>): Expectation {
  const block = activity[ACTIVITY_KEY];
  const expect = isMapping(block) ? block.expect : undefined;
  if (!isMapping(expect)) return {};
  const codes = (v: unknown): number[] | undefined => (Array.isArray(v) && v.every((c) => Number.isInteger(c)) ? (v as number[]) : undefined);
  const exitCodes = codes(expect['exit-codes']);
  const statuses = codes(expect.statuses);
  return { ...(exitCodes ? { exitCodes } : {}), ...(statuses ? { statuses } : {}) };
}

/** Checks an activity's `chaos-action` key: shape, types, ranges, and that it fits the activity. */
export function checkExpectation(entry: ActivityEntry): Problem[] {
  if (!(ACTIVITY_KEY in entry.value)) return [];
  const pointer = joinPointer(entry.pointer, ACTIVITY_KEY);
  const block = entry.value[ACTIVITY_KEY];
  const example = 'chaos-action: {expect: {exit-codes: [0, 3]}} on a process action, {expect: {statuses: [200, 404]}} on an http action';
  if (!isMapping(block))
    return [{ severity: 'error', code: 'expect-shape', pointer, message: `${ACTIVITY_KEY} on an activity must be a mapping`, hint: example }];
  // unguarded: see unguarded.ts (its reason is checked by the schema).
  const problems: Problem[] = unknownKeys(block, pointer, ['expect', 'unguarded'], `${ACTIVITY_KEY} on an activity`);
  if (!('expect' in block)) return problems;
  const expectPointer = joinPointer(pointer, 'expect');
  const expect = block.expect;
  if (!isMapping(expect))
    return [...problems, { severity: 'error', code: 'expect-shape', pointer: expectPointer, message: 'expect must be a mapping', hint: example }];
  problems.push(...unknownKeys(expect, expectPointer, Object.keys(FIELDS), 'expect'));
  const ignored = whyIgnored(entry);
  if (ignored) {
    problems.push({ severity: 'warning', code: 'expect-ignored', pointer, atKey: true, message: `an expectation ${ignored}; it is ignored` });
  }
  const provider = entry.value.provider;
  const providerType = isMapping(provider) ? provider.type : undefined;
  for (const field of Object.keys(FIELDS) as Field[]) {
    if (!(field in expect)) continue;
    const at = joinPointer(expectPointer, field);
    const rule = FIELDS[field];
    const value = expect[field];
    if (!Array.isArray(value) || value.length === 0) {
      problems.push({ severity: 'error', code: 'expect-codes', pointer: at, message: `${field} must be a non-empty list of ${rule.words}`, hint: example });
      continue;
    }
    value.forEach((code, i) => {
      if (typeof code !== 'number' || !Number.isInteger(code) || code < rule.min || code > rule.max) {
        problems.push({
          severity: 'error',
          code: 'expect-codes',
          pointer: joinPointer(at, String(i)),
          message: `${field} holds ${JSON.stringify(code)}: expected ${rule.words}`,
        });
      }
    });
    if (!ignored && typeof providerType === 'string' && providerType !== rule.provider) {
      const other = (Object.keys(FIELDS) as Field[]).find((f) => FIELDS[f].provider === providerType);
      problems.push({
        severity: 'error',
        code: 'expect-provider',
        pointer: at,
        atKey: true,
        message: `${field} applies to ${rule.provider} actions; this one has a ${providerType} provider`,
        hint: other ? `a ${providerType} action declares ${other}` : 'a python action took effect unless its function raised: there is nothing to expect',
      });
    }
  }
  return problems;
}

/** Probes are judged by their tolerance, and a ref by the activity it names: why the key does nothing here. */
function whyIgnored(entry: ActivityEntry): string | undefined {
  if (entry.value.ref !== undefined) return 'on a ref is not read: declare it on the activity the ref names';
  if (entry.role !== 'method' && entry.role !== 'rollback') return 'only applies to method actions and rollbacks';
  if (entry.value.type === 'probe' && entry.role === 'method') return 'only applies to actions (a probe in the method is informational)';
  return undefined;
}

function unknownKeys(block: Record<string, unknown>, pointer: string, known: readonly string[], where: string): Problem[] {
  return Object.keys(block)
    .filter((k) => !known.includes(k))
    .map((key) => ({
      severity: 'warning' as const,
      code: 'expect-unknown-key',
      pointer: joinPointer(pointer, key),
      atKey: true,
      message: `unknown key "${key}" in ${where}; it is ignored`,
      hint: `known keys: ${known.join(', ')}`,
    }));
}
