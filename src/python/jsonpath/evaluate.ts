// Evaluation: jsonpath2/nodes/*.py, subscripts/*.py and expressions/*.py, lazily (generators) where
// jsonpath2 is lazy.

import { isMapping, pythonTruthy } from '../values.js';
import type { ComparisonOperator, CurrentNode, Expression, Operand, PathNode, RootNode, Subscript } from './ast.js';
import { pythonEquals } from './equality.js';
import { FUNCTIONS, type Argument, type FunctionImpl } from './functions.js';
import { isPythonInt, isPythonNumber } from './python-numbers.js';
import { sliceIndices, type Slice } from './slice.js';

export function* matchNode(node: PathNode, root: unknown, current: unknown): Generator<unknown> {
  switch (node.kind) {
    case 'root':
      yield* matchNode(node.next, root, root);
      return;
    case 'current':
      yield* matchNode(node.next, root, current);
      return;
    case 'terminal':
      yield current;
      return;
    case 'subscript':
      // Subscript-major order: all matches of the first subscript (and their continuations) first.
      for (const subscript of node.subscripts) {
        for (const value of matchSubscript(subscript, root, current)) yield* matchNode(node.next, root, value);
      }
      return;
    case 'recursiveDescent':
      // nodes/recursivedescent.py: match here first, then recurse into every child (`[*]`), depth first.
      yield* matchNode(node.next, root, current);
      for (const child of wildcardValues(current)) yield* matchNode(node, root, child);
      return;
  }
}

function* matchSubscript(subscript: Subscript, root: unknown, current: unknown): Generator<unknown> {
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
      if (evaluateExpression(subscript.expression, root, current)) yield current;
      return;
    case 'node':
      yield* nodeSubscriptValues(subscript.path, root, current);
      return;
    case 'call':
      yield* callValues(subscript, root, current);
      return;
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

/** subscripts/node.py: `[@.x]` / `[$.x]` — each int match indexes an array, each string a member. */
function* nodeSubscriptValues(path: RootNode | CurrentNode, root: unknown, current: unknown): Generator<unknown> {
  for (const value of matchNode(path, root, current)) {
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
function* callValues(call: Extract<Subscript, { kind: 'call' }>, root: unknown, current: unknown): Generator<unknown> {
  const choices = call.args.map((arg): Argument[] =>
    arg.kind === 'literal'
      ? [{ value: arg.value, isInt: arg.isInt }]
      : Array.from(matchNode(arg.path, root, current), (value) => ({ value, isInt: isPythonInt(value) })),
  );
  const impl: FunctionImpl = FUNCTIONS[call.name];
  for (const args of cartesianProduct(choices)) yield* impl(current, args);
}

function* cartesianProduct<T>(choices: readonly (readonly T[])[]): Generator<T[]> {
  if (choices.length === 0) {
    yield [];
    return;
  }
  const [first, ...rest] = choices as [readonly T[], ...(readonly T[])[]];
  const tails = Array.from(cartesianProduct(rest));
  for (const head of first) for (const tail of tails) yield [head, ...tail];
}

// ----- Filter expressions (expressions/operator.py, expressions/some.py) -----

function evaluateExpression(expression: Expression, root: unknown, current: unknown): boolean {
  switch (expression.kind) {
    case 'and': // all(): stops at the first false operand
      return expression.operands.every((e) => evaluateExpression(e, root, current));
    case 'or': // any(): stops at the first true operand
      return expression.operands.some((e) => evaluateExpression(e, root, current));
    case 'not':
      return !evaluateExpression(expression.operand, root, current);
    case 'some':
      return evaluateSome(expression.operand, root, current);
    case 'compare':
      return evaluateComparison(expression, root, current);
  }
}

/** SomeExpression: a path holds when it matches anything; a literal by Python truthiness. */
function evaluateSome(operand: Operand, root: unknown, current: unknown): boolean {
  if (operand.kind === 'literal') return pythonTruthy(operand.value);
  for (const _match of matchNode(operand.path, root, current)) return true;
  return false;
}

/**
 * BinaryOperatorExpression.evaluate is `any(cb(l, r) for l in left_values for r in right_values)`
 * where a path side is a single generator. The right-hand generator is used up by the first left
 * value, so when both sides are paths only the FIRST left match is compared (with every right
 * match); later left matches are still pulled but meet an exhausted generator. We reproduce that by
 * iterating the very same single-use generator.
 */
function evaluateComparison(expression: Extract<Expression, { kind: 'compare' }>, root: unknown, current: unknown): boolean {
  const compare = COMPARATORS[expression.operator];
  const lefts = operandValues(expression.left, root, current);
  const rights = operandValues(expression.right, root, current);
  for (const left of lefts) {
    for (const right of rights) if (compare(left, right)) return true;
  }
  return false;
}

function operandValues(operand: Operand, root: unknown, current: unknown): Iterable<unknown> {
  return operand.kind === 'literal' ? [operand.value] : matchNode(operand.path, root, current);
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
