// Evaluation: jsonpath2/nodes/*.py, subscripts/*.py and expressions/*.py, lazily (generators) where
// jsonpath2 is lazy. Bounded (README "Limits"): every node matched and every value produced is a
// step, and matches nest (path segments, `..` into the data, paths inside filters) only so deep;
// overrunning either throws JsonPathBudgetExceeded rather than hanging or overflowing the stack.

import { isMapping, pythonTruthy } from '../values.js';
import type { ComparisonOperator, CurrentNode, Expression, Operand, PathNode, RootNode, Subscript } from './ast.js';
import { pythonEquals } from './equality.js';
import { JsonPathBudgetExceeded } from './errors.js';
import { FUNCTIONS, type Argument, type FunctionImpl } from './functions.js';
import { isPythonInt, isPythonNumber } from './python-numbers.js';
import { sliceIndices, type Slice } from './slice.js';

/** Steps one evaluation may take: nodes matched plus values produced. */
export const MAX_EVALUATION_STEPS = 1_000_000;
/** How deep matches may nest: path segments, levels of data under `..`, paths inside filters. */
export const MAX_EVALUATION_DEPTH = 1_500;

export function evaluate(path: RootNode, data: unknown): unknown[] {
  try {
    return Array.from(new Evaluation(data).match(path, data, 0));
  } catch (e) {
    // A safety net under MAX_EVALUATION_DEPTH, which is set to fire well before this.
    if (e instanceof RangeError && /call stack/i.test(e.message)) throw new JsonPathBudgetExceeded(`nests too deep for the stack: ${TOO_DEEP}`);
    throw e;
  }
}

const TOO_DEEP = 'fewer segments, or data less deep under ".."';

class Evaluation {
  private steps = 0;

  constructor(private readonly root: unknown) {}

  private step(count = 1): void {
    this.steps += count;
    if (this.steps > MAX_EVALUATION_STEPS) {
      throw new JsonPathBudgetExceeded(
        `took more than ${MAX_EVALUATION_STEPS.toLocaleString('en-US')} steps (nodes matched and values produced): narrow it, e.g. fewer ".." or "*"`,
      );
    }
  }

  *match(node: PathNode, current: unknown, depth: number): Generator<unknown> {
    this.step();
    if (depth > MAX_EVALUATION_DEPTH) {
      throw new JsonPathBudgetExceeded(
        `nests more than ${MAX_EVALUATION_DEPTH.toLocaleString('en-US')} matches deep (path segments plus levels of data under ".."): ${TOO_DEEP}`,
      );
    }
    switch (node.kind) {
      case 'root':
        yield* this.match(node.next, this.root, depth + 1);
        return;
      case 'current':
        yield* this.match(node.next, current, depth + 1);
        return;
      case 'terminal':
        yield current;
        return;
      case 'subscript':
        // Subscript-major order: all matches of the first subscript (and their continuations) first.
        for (const subscript of node.subscripts) {
          for (const value of this.subscript(subscript, current, depth)) {
            this.step();
            yield* this.match(node.next, value, depth + 1);
          }
        }
        return;
      case 'recursiveDescent':
        // nodes/recursivedescent.py: match here first, then recurse into every child (`[*]`), depth first.
        yield* this.match(node.next, current, depth + 1);
        for (const child of wildcardValues(current)) yield* this.match(node, child, depth + 1);
        return;
    }
  }

  private *subscript(subscript: Subscript, current: unknown, depth: number): Generator<unknown> {
    switch (subscript.kind) {
      case 'objectIndex':
        yield* memberValues(current, subscript.key);
        return;
      case 'arrayIndex':
        yield* elementValues(current, subscript.index);
        return;
      case 'slice':
        yield* sliceValues(current, subscript);
        return;
      case 'wildcard':
        yield* wildcardValues(current);
        return;
      case 'filter':
        // subscripts/filter.py: the expression is evaluated against the current value itself.
        if (this.expression(subscript.expression, current, depth + 1)) yield current;
        return;
      case 'node':
        yield* this.nodeSubscript(subscript.path, current, depth + 1);
        return;
      case 'call':
        yield* this.call(subscript, current, depth + 1);
        return;
    }
  }

  /** subscripts/node.py: `[@.x]` / `[$.x]` — each int match indexes an array, each string a member. */
  private *nodeSubscript(path: RootNode | CurrentNode, current: unknown, depth: number): Generator<unknown> {
    for (const value of this.match(path, current, depth)) {
      if (isPythonInt(value)) yield* elementValues(current, BigInt(Number(value)));
      else if (typeof value === 'string') yield* memberValues(current, value);
    }
  }

  // ----- Function calls (subscripts/callable.py) -----

  /**
   * CallableSubscript.match: every argument path is matched against the current value, and the
   * function runs once per combination (itertools.product; the last argument varies fastest). A path
   * argument with no match therefore means no call at all.
   */
  private *call(call: Extract<Subscript, { kind: 'call' }>, current: unknown, depth: number): Generator<unknown> {
    const choices = call.args.map((arg): Argument[] =>
      arg.kind === 'literal'
        ? [{ value: arg.value, isInt: arg.isInt }]
        : Array.from(this.match(arg.path, current, depth), (value) => ({ value, isInt: isPythonInt(value) })),
    );
    const impl: FunctionImpl = FUNCTIONS[call.name];
    for (const args of this.product(choices)) yield* impl(current, args);
  }

  private *product<T>(choices: readonly (readonly T[])[]): Generator<T[]> {
    if (choices.length === 0) {
      yield [];
      return;
    }
    const [first, ...rest] = choices as [readonly T[], ...(readonly T[])[]];
    const tails = Array.from(this.product(rest));
    for (const head of first) {
      for (const tail of tails) {
        this.step(choices.length);
        yield [head, ...tail];
      }
    }
  }

  // ----- Filter expressions (expressions/operator.py, expressions/some.py) -----

  private expression(expression: Expression, current: unknown, depth: number): boolean {
    this.step();
    switch (expression.kind) {
      case 'and': // all(): stops at the first false operand
        return expression.operands.every((e) => this.expression(e, current, depth + 1));
      case 'or': // any(): stops at the first true operand
        return expression.operands.some((e) => this.expression(e, current, depth + 1));
      case 'not':
        return !this.expression(expression.operand, current, depth + 1);
      case 'some':
        return this.some(expression.operand, current, depth + 1);
      case 'compare':
        return this.comparison(expression, current, depth + 1);
    }
  }

  /** SomeExpression: a path holds when it matches anything; a literal by Python truthiness. */
  private some(operand: Operand, current: unknown, depth: number): boolean {
    if (operand.kind === 'literal') return pythonTruthy(operand.value);
    for (const _match of this.match(operand.path, current, depth)) return true;
    return false;
  }

  /**
   * BinaryOperatorExpression.evaluate is `any(cb(l, r) for l in left_values for r in right_values)`
   * where a path side is a single generator. The right-hand generator is used up by the first left
   * value, so when both sides are paths only the FIRST left match is compared (with every right
   * match); later left matches are still pulled but meet an exhausted generator. We reproduce that by
   * iterating the very same single-use generator.
   */
  private comparison(expression: Extract<Expression, { kind: 'compare' }>, current: unknown, depth: number): boolean {
    const compare = COMPARATORS[expression.operator];
    const lefts = this.operand(expression.left, current, depth);
    const rights = this.operand(expression.right, current, depth);
    for (const left of lefts) {
      for (const right of rights) {
        this.step();
        if (compare(left, right)) return true;
      }
    }
    return false;
  }

  private operand(operand: Operand, current: unknown, depth: number): Iterable<unknown> {
    return operand.kind === 'literal' ? [operand.value] : this.match(operand.path, current, depth);
  }
}

function memberValues(current: unknown, key: string): unknown[] {
  return isMapping(current) && Object.hasOwn(current, key) ? [current[key]] : [];
}

/** subscripts/arrayindex.py: negative indices count from the end; strings are not indexable. */
function elementValues(current: unknown, index: bigint): unknown[] {
  if (!Array.isArray(current)) return [];
  const length = BigInt(current.length);
  const resolved = index < 0n ? index + length : index;
  return resolved >= 0n && resolved < length ? [current[Number(resolved)]] : [];
}

/** subscripts/wildcard.py: object values in key order, or array elements. */
function wildcardValues(current: unknown): unknown[] {
  if (Array.isArray(current)) return current;
  if (isMapping(current)) return Object.keys(current).map((key) => current[key]);
  return [];
}

function* sliceValues(current: unknown, slice: Slice): Generator<unknown> {
  if (!Array.isArray(current)) return;
  for (const index of sliceIndices(BigInt(current.length), slice)) yield* elementValues(current, index);
}

/** Ordering holds only between Python ints/floats, and booleans are ints. */
function ordered(test: (a: number, b: number) => boolean): (a: unknown, b: unknown) => boolean {
  return (a, b) => isPythonNumber(a) && isPythonNumber(b) && test(Number(a), Number(b));
}

const COMPARATORS: Record<ComparisonOperator, (a: unknown, b: unknown) => boolean> = {
  '=': pythonEquals,
  '!=': (a, b) => !pythonEquals(a, b),
  '<': ordered((a, b) => a < b),
  '<=': ordered((a, b) => a <= b),
  '>': ordered((a, b) => a > b),
  '>=': ordered((a, b) => a >= b),
};
