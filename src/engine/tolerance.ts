// Whether a hypothesis probe's output is within its tolerance, with chaoslib's exact meaning
// (hypothesis.py within_tolerance): Python equality, membership on `status` for http and process
// results, a two-element list as an inclusive range otherwise, Python `re`, jsonpath2, exact
// Decimal ranges and probe tolerances. Where chaoslib raises a TypeError (and crashes the run),
// this throws ToleranceError, which the engine turns into an aborted experiment.
import { isMapping, pythonTruthy } from '../python/values.js';
import { evaluateJsonPath, parseJsonPath, pythonEquals } from '../python/jsonpath/index.js';
import { compilePythonRegex, pythonSearch } from '../python/regex/index.js';
import { type Scope, substitute } from '../experiment/substitution.js';
import { ActivityFailed } from '../contract/provider.js';
import { DecimalError, decimalBetween, toExact } from '../python/decimal.js';
import { PythonTypeError, pythonCompare } from '../python/order.js';

export class ToleranceError extends Error {
  override readonly name = 'ToleranceError';
}

export interface ToleranceContext {
  readonly scope: Scope;
  /** Runs a probe tolerance's provider (its arguments already carry `value`). */
  runProvider(activity: Record<string, unknown>): Promise<unknown>;
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

function regexTolerance(tolerance: Record<string, unknown>, value: unknown, ctx: ToleranceContext): boolean {
  const pattern = substitute(tolerance.pattern, ctx.scope);
  if (typeof pattern !== 'string') throw new ToleranceError('the regex pattern is not a string after substitution');
  const compiled = compilePythonRegex(pattern);
  if (!compiled.ok) throw new ToleranceError(`invalid regex pattern ${pattern}: ${compiled.message}`);
  const subject = applyTarget(value, tolerance.target);
  if (typeof subject !== 'string')
    throw new ToleranceError(
      `a regex tolerance needs a string to search, but the probe gave ${describe(subject)}${tolerance.target ? '' : ' (add a "target")'}`,
    );
  return pythonSearch(compiled.regex, subject);
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
  const values = evaluateJsonPath(parsed, subject);
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
