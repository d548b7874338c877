// Whether a hypothesis probe's output is within its tolerance, with chaoslib's exact meaning
// (hypothesis.py within_tolerance): Python equality, membership on `status` for http and process
// results, a two-element list as an inclusive range otherwise, Python `re`, jsonpath2, exact
// Decimal ranges and probe tolerances. Where chaoslib raises a TypeError (and crashes the run),
// this throws ToleranceError, which the engine turns into an aborted experiment.
//
// What a probe returned is hostile until bounded: a regex is matched in a worker with a deadline
// (regex-worker.ts) on at most MAX_REGEX_SUBJECT characters, a jsonpath within a step budget
// (python/jsonpath). Overrunning one throws ToleranceBudgetExceeded: the probe fails (hypothesis.ts).
import { isMapping, pythonTruthy } from '../python/values.js';
import { evaluateJsonPath, parseJsonPath, pythonEquals } from '../python/jsonpath/index.js';
import { compilePythonRegex } from '../python/regex/index.js';
import { JsonPathBudgetExceeded } from '../python/jsonpath/index.js';
import { DEFAULT_REGEX_TIMEOUT, RegexTimeout, sharedRegexWorker } from './regex-worker.js';
import { excerpt } from '../experiment/diagnostics.js';
import { type Scope, substitute } from '../experiment/substitution.js';
import { ActivityFailed } from '../contract/provider.js';
import { DecimalError, decimalBetween, toExact } from '../python/decimal.js';
import { PythonTypeError, pythonCompare } from '../python/order.js';

export class ToleranceError extends Error {
  override readonly name: string = 'ToleranceError';
}

/** The evaluation of a tolerance overran one of its budgets (README "Limits"). */
export class ToleranceBudgetExceeded extends ToleranceError {
  override readonly name = 'ToleranceBudgetExceeded';
}

/** The longest value a regex tolerance searches: 1 MiB of characters (UTF-16 code units). */
export const MAX_REGEX_SUBJECT = 1024 * 1024;

export interface ToleranceContext {
  readonly scope: Scope;
  /** Runs a probe tolerance's provider (its arguments already carry `value`). */
  runProvider(activity: Record<string, unknown>): Promise<unknown>;
  /** Ends a regex match in progress (the run is interrupted, or the sample is over). */
  readonly signal?: AbortSignal;
  /** Seconds one regex match may take (the regex-timeout setting). */
  readonly regexTimeout?: number;
}

/** value.get(target, value): only a mapping has .get; anything else is an AttributeError. */
function applyTarget(value: unknown, target: unknown): unknown {
  if (!target) return value;
  if (!isMapping(value)) throw new ToleranceError(`cannot apply target "${String(target)}": the probe returned ${describe(value)}, not a mapping`);
  return Object.hasOwn(value, String(target)) ? value[String(target)] : value;
}

function describe(v: unknown): string {
  if (v === null || v === undefined) return 'nothing (None)';
  if (Array.isArray(v)) return 'a list';
  if (isMapping(v)) return 'a mapping';
  return `a ${typeof v}`;
}

const hasStatus = (v: unknown): v is Record<string, unknown> & { status: unknown } => isMapping(v) && Object.hasOwn(v, 'status');

export async function withinTolerance(tolerance: unknown, value: unknown, ctx: ToleranceContext): Promise<boolean> {
  if (typeof tolerance === 'boolean') return pythonEquals(value, tolerance);
  if (typeof tolerance === 'string') {
    // run_steady_state_hypothesis substitutes a string tolerance, then judges by the new type:
    // "${expected}" holding 200 is an integer tolerance.
    const substituted = substitute(tolerance, ctx.scope);
    return typeof substituted === 'string' ? pythonEquals(value, substituted) : withinTolerance(substituted, value, ctx);
  }
  if (typeof tolerance === 'number') {
    if (!Number.isInteger(tolerance)) return false; // chaoslib has no float rule: not met
    return pythonEquals(hasStatus(value) ? value.status : value, tolerance);
  }
  if (Array.isArray(tolerance)) return listTolerance(tolerance, value);
  if (isMapping(tolerance)) {
    switch (tolerance.type) {
      case 'probe':
        return probeTolerance(tolerance, value, ctx);
      case 'regex':
        return regexTolerance(tolerance, value, ctx);
      case 'jsonpath':
        return jsonpathTolerance(tolerance, value, ctx);
      case 'range':
        return rangeTolerance(tolerance, value);
      default:
        return false;
    }
  }
  return false; // null or another type: chaoslib's fallback returns None, which is not met
}

function listTolerance(tolerance: unknown[], value: unknown): boolean {
  if (hasStatus(value)) return tolerance.some((t) => pythonEquals(value.status, t));
  if (tolerance.length === 2) {
    try {
      return pythonCompare(tolerance[0], value) <= 0 && pythonCompare(value, tolerance[1]) <= 0;
    } catch (e) {
      if (e instanceof PythonTypeError)
        throw new ToleranceError(`the range [${tolerance.map((t) => JSON.stringify(t)).join(', ')}] cannot be compared with ${describe(value)}: ${e.message}`);
      throw e;
    }
  }
  return tolerance.some((t) => pythonEquals(value, t));
}

async function probeTolerance(tolerance: Record<string, unknown>, value: unknown, ctx: ToleranceContext): Promise<boolean> {
  const provider = tolerance.provider;
  if (!isMapping(provider) || !isMapping(provider.arguments)) throw new ToleranceError('a probe tolerance needs provider.arguments');
  const activity = { ...tolerance, provider: { ...provider, arguments: { ...provider.arguments, value } } };
  try {
    return pythonTruthy(await ctx.runProvider(activity));
  } catch (e) {
    if (e instanceof ActivityFailed) return false;
    throw e;
  }
}

async function regexTolerance(tolerance: Record<string, unknown>, value: unknown, ctx: ToleranceContext): Promise<boolean> {
  const pattern = substitute(tolerance.pattern, ctx.scope);
  if (typeof pattern !== 'string') throw new ToleranceError('the regex pattern is not a string after substitution');
  const compiled = compilePythonRegex(pattern);
  if (!compiled.ok) throw new ToleranceError(`invalid regex pattern ${excerpt(pattern)}: ${compiled.message}`);
  const subject = applyTarget(value, tolerance.target);
  if (typeof subject !== 'string')
    throw new ToleranceError(
      `a regex tolerance needs a string to search, but the probe gave ${describe(subject)}${tolerance.target ? '' : ' (add a "target")'}`,
    );
  if (subject.length > MAX_REGEX_SUBJECT) {
    throw new ToleranceBudgetExceeded(
      `the regex tolerance was given ${subject.length.toLocaleString('en-US')} characters to search; it searches at most ${MAX_REGEX_SUBJECT.toLocaleString('en-US')} (1 MiB)` +
        `${tolerance.target ? '' : ': narrow the value with a "target"'}, or probe a smaller response`,
    );
  }
  const timeout = ctx.regexTimeout ?? DEFAULT_REGEX_TIMEOUT;
  try {
    return await sharedRegexWorker().search(compiled.regex, subject, timeout, ctx.signal);
  } catch (e) {
    if (e instanceof RegexTimeout) {
      throw new ToleranceBudgetExceeded(
        `the regex ${excerpt(pattern)} did not finish within ${timeout} s on ${subject.length.toLocaleString('en-US')} characters (the regex-timeout budget; ` +
          'raise it with --regex-timeout or the regex-timeout input): a pattern with nested repeats such as (a+)+ can backtrack for ages',
      );
    }
    if (ctx.signal?.aborted) throw e;
    throw new ToleranceError(`the regex ${excerpt(pattern)} could not be matched: ${e instanceof Error ? e.message : String(e)}`);
  }
}

function jsonpathTolerance(tolerance: Record<string, unknown>, value: unknown, ctx: ToleranceContext): boolean {
  const path = substitute(tolerance.path, ctx.scope);
  if (typeof path !== 'string') throw new ToleranceError('the jsonpath is not a string after substitution');
  const parsed = parseJsonPath(path);
  let subject = applyTarget(value, tolerance.target);
  if (typeof subject === 'string') {
    try {
      subject = JSON.parse(subject);
    } catch {
      // not JSON: match against the string itself, as chaoslib does
    }
  }
  let values: unknown[];
  try {
    values = evaluateJsonPath(parsed, subject);
  } catch (e) {
    if (e instanceof JsonPathBudgetExceeded) throw new ToleranceBudgetExceeded(`the jsonpath ${excerpt(path)} ${e.message}`);
    throw e;
  }
  let result = values.length > 0;
  if (tolerance.count !== undefined && tolerance.count !== null) result = values.length === tolerance.count;
  if (Object.hasOwn(tolerance, 'expect')) {
    const expect = substitute(tolerance.expect, ctx.scope);
    result = pythonEquals(values, Array.isArray(expect) ? expect : [expect]);
  }
  return result;
}

function rangeTolerance(tolerance: Record<string, unknown>, value: unknown): boolean {
  const subject = applyTarget(value, tolerance.target);
  const range = tolerance.range as unknown[];
  try {
    const v = toExact(subject);
    if (v === undefined) return false; // Decimal() raised InvalidOperation: not met
    const lo = toExact(range[0]);
    const hi = toExact(range[1]);
    if (!lo || !hi) throw new ToleranceError('range bounds must be numbers');
    return decimalBetween(v, lo, hi);
  } catch (e) {
    if (e instanceof DecimalError) throw new ToleranceError(`a range tolerance cannot judge ${describe(subject)}: ${e.message}`);
    throw e;
  }
}
