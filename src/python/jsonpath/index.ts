// A faithful port of the JSONPath dialect of the Python library jsonpath2 0.4.5, which Chaos Toolkit's
// `jsonpath` tolerance uses. `parseJsonPath` accepts exactly what `jsonpath2.path.Path.parse_str`
// accepts and `evaluateJsonPath` returns `[m.current_value for m in path.match(data)]`, in order.
//
// The grammar mirrors jsonpath2/parser/JSONPath.g4 (ANTLR; generated JSONPathLexer.py and
// JSONPathParser.py), the tree building mirrors the listener in jsonpath2/parser/__init__.py, and the
// evaluation mirrors jsonpath2/nodes/*.py, jsonpath2/subscripts/*.py and jsonpath2/expressions/*.py.
// jsonpath2 evaluates lazily with Python generators; we use JS generators in the same places, so that
// short-circuiting (and the one run-time error, a zero slice step) happens exactly where it does there.
//
// Dialect surprises worth knowing (each is pinned by a test):
//   - strings are double-quoted only, and their escapes are NOT decoded: `$["a\"b"]` looks up the key
//     `a\"b` (backslash included), because the listener takes `STRING.getText()[1:-1]`;
//   - equality is `=` (`==` is a syntax error); `and`/`or`/`not` are lowercase keywords, so `$.true`,
//     `$.and`, `$.null`... are syntax errors (write `$["true"]`);
//   - `or` binds tighter than `and`: `a and b or c` means `a and (b or c)`;
//   - a filter `[?(...)]` tests the current node itself, not its children;
//   - `<`, `<=`, `>`, `>=` hold only between numbers, but booleans are numbers in Python (`true > 0`);
//   - comparing two paths only compares the FIRST left-hand match with the right-hand matches;
//   - slices go through Python's `range()`, so `[::-1]` selects nothing and `[::0]` raises on arrays;
//   - `length()` works on arrays and strings but yields nothing for objects.
// jsonpath2 raises while matching in one case only (a zero slice step on an array); we throw
// JsonPathEvaluationError there.
//
// Bounds jsonpath2 does not have (README "Limits"): a path of more than MAX_SEGMENTS segments or
// nesting brackets, parentheses, `not` or JSON values more than MAX_NESTING deep is a syntax error
// at the offending token; an evaluation of more than MAX_EVALUATION_STEPS steps, or nesting
// matches more than MAX_EVALUATION_DEPTH deep, throws JsonPathBudgetExceeded.

import type { RootNode } from './ast.js';
import { evaluate } from './evaluate.js';
import { tokenize } from './lexer.js';
import { Parser } from './parser.js';

export { pythonEquals } from './equality.js';
export { JsonPathBudgetExceeded, JsonPathEvaluationError, JsonPathSyntaxError } from './errors.js';
export { MAX_EVALUATION_DEPTH, MAX_EVALUATION_STEPS } from './evaluate.js';
export { MAX_NESTING, MAX_SEGMENTS } from './parser.js';

/** A parsed path: the source text and the syntax tree (shaped like jsonpath2's node objects). */
export interface JsonPath {
  readonly source: string;
  readonly root: RootNode;
}

export function parseJsonPath(source: string): JsonPath {
  const tokens = tokenize(source);
  return { source, root: new Parser(tokens).parsePath() };
}

export function evaluateJsonPath(path: JsonPath, data: unknown): unknown[] {
  return evaluate(path.root, data);
}
