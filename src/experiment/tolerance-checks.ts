// Checks on hypothesis tolerances: those `chaos validate` makes (type, regex, jsonpath, range)
// and those Chaos Toolkit only discovers by crashing or silently misjudging at run time.
import type { ActivityEntry } from './activities.js';
import { isMapping } from '../python/values.js';
import { excerpt, type Problem } from './diagnostics.js';
import { JsonPathSyntaxError, parseJsonPath } from '../python/jsonpath/index.js';
import { compilePythonRegex } from '../python/regex/index.js';
import { joinPointer, type SourceMap } from './source-map.js';

const TYPE_MESSAGE =
  'hypothesis probe tolerance must either be an integer, a string, a boolean or a pair of values for boundaries. ' +
  'It can also be a dictionary which is a probe activity definition that takes an argument called `value` with the value of the probe itself to be validated';

/**
 * `probe` is the hypothesis entry (a ref entry carries its own tolerance); `target` is the activity it
 * runs (the ref resolved), if known.
 */
export function checkTolerance(probe: ActivityEntry, target: ActivityEntry | undefined, map: SourceMap): Problem[] {
  if (!('tolerance' in probe.value)) return []; // the schema reports a missing tolerance
  const tolerance = probe.value.tolerance;
  const pointer = joinPointer(probe.pointer, 'tolerance');
  const kind = map.kindOf(pointer);
  const problems: Problem[] = [];
  const error = (code: string, at: string, message: string, hint?: string): void => {
    problems.push({ severity: 'error', code, pointer: at, message, ...(hint ? { hint } : {}) });
  };
  const warn = (code: string, message: string, hint?: string): void => {
    problems.push({ severity: 'warning', code, pointer, message, ...(hint ? { hint } : {}) });
  };

  if (kind === 'float' || kind === 'timestamp' || tolerance === null) {
    error('tolerance-type', pointer, TYPE_MESSAGE, kind === 'float' ? 'write the number without a decimal point, or use a range tolerance' : undefined);
    return problems;
  }
  const providerType = target && isMapping(target.value.provider) ? target.value.provider.type : undefined;
  const structured = providerType === 'http' || providerType === 'process';
  const resultShape = providerType === 'http' ? '{status, headers, body}' : '{status, stdout, stderr}';

  if (isMapping(tolerance)) {
    const targetKey = typeof tolerance.target === 'string' ? tolerance.target : undefined;
    switch (tolerance.type) {
      case 'regex':
        if (typeof tolerance.pattern === 'string') {
          const compiled = compilePythonRegex(tolerance.pattern);
          if (!compiled.ok) {
            error(
              'tolerance-regex',
              joinPointer(pointer, 'pattern'),
              `hypothesis probe tolerance pattern ${excerpt(tolerance.pattern)} seems invalid: ${compiled.message}`,
              'the pattern is a Python regular expression (re module syntax)',
            );
          }
        }
        if (structured && targetKey === undefined) {
          error(
            'tolerance-needs-target',
            pointer,
            `a regex tolerance on a ${providerType} probe needs a "target": the probe returns ${resultShape}, not a string`,
            `add target: ${providerType === 'http' ? 'body' : 'stdout'}`,
          );
        }
        break;
      case 'jsonpath':
        if (typeof tolerance.path === 'string') {
          const path = tolerance.path.trim();
          if (!path) error('tolerance-jsonpath', joinPointer(pointer, 'path'), 'hypothesis probe tolerance JSON path cannot be empty');
          else {
            try {
              parseJsonPath(path);
            } catch (e) {
              if (!(e instanceof JsonPathSyntaxError)) throw e;
              error(
                'tolerance-jsonpath',
                joinPointer(pointer, 'path'),
                `hypothesis probe tolerance JSON path ${excerpt(path)} is invalid: ${e.message}`,
                'paths use the jsonpath2 dialect: start with $, double-quoted strings, = for equality, e.g. $.items.*[?(@.ready = true)]',
              );
            }
          }
        }
        break;
      case 'range':
        if (structured && targetKey === undefined) {
          error(
            'tolerance-needs-target',
            pointer,
            `a range tolerance on a ${providerType} probe needs a "target": the probe returns ${resultShape}, not a number`,
            `add target: ${providerType === 'http' ? 'status' : 'stdout'}`,
          );
        }
        break;
      case 'probe':
        if (!isMapping(tolerance.provider) || !isMapping(tolerance.provider.arguments)) {
          error(
            'tolerance-probe-arguments',
            joinPointer(pointer, 'provider'),
            'a probe tolerance needs provider.arguments (a mapping): the probed value is passed to it as the "value" argument',
            'add arguments: {} to the tolerance provider',
          );
        }
        if (structured) {
          warn('tolerance-always-met', `a probe tolerance on a ${providerType} probe is met whenever it runs: its ${resultShape} result is always truthy`);
        }
        break;
      default:
        break; // the schema reports an unknown type
    }
    return problems;
  }
  // A whole-string "${name}" takes the type of its value at run time: it may well be 200.
  const template = typeof tolerance === 'string' && /^\$\{[_a-zA-Z][_a-zA-Z0-9]*\}$/.test(tolerance);
  if (structured && (typeof tolerance === 'boolean' || (typeof tolerance === 'string' && !template))) {
    warn(
      'tolerance-never-met',
      `a ${typeof tolerance} tolerance on a ${providerType} probe is never met: the probe returns ${resultShape}`,
      providerType === 'http'
        ? 'use the expected status code (200) or a regex/jsonpath tolerance with a target'
        : 'use the expected exit code (0) or a regex tolerance with target: stdout',
    );
  }
  // [200, 299] reads like "any 2xx" but means 200 or 299 on these probes.
  const [low, high] = Array.isArray(tolerance) ? tolerance : [];
  if (
    structured &&
    Array.isArray(tolerance) &&
    tolerance.length === 2 &&
    typeof low === 'number' &&
    typeof high === 'number' &&
    low % 100 === 0 &&
    high === low + 99
  ) {
    warn(
      'tolerance-list-is-membership',
      `[${tolerance.join(', ')}] on a ${providerType} probe means status ${tolerance[0]} or ${tolerance[1]}, not a range`,
      'for a range write {type: range, range: [lo, hi], target: status}',
    );
  }
  return problems;
}
