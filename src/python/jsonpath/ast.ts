// Syntax tree (names follow the jsonpath2 classes they stand for)

import type { FunctionName } from './functions.js';

export type PathNode = RootNode | CurrentNode | TerminalNode | SubscriptNode | RecursiveDescentNode;

/** `$` — jsonpath2/nodes/root.py */
export interface RootNode {
  readonly kind: 'root';
  readonly next: PathNode;
}
/** `@` — jsonpath2/nodes/current.py */
export interface CurrentNode {
  readonly kind: 'current';
  readonly next: PathNode;
}
/** End of a path — jsonpath2/nodes/terminal.py */
export interface TerminalNode {
  readonly kind: 'terminal';
}
/** `.name`, `[a, b, ...]` — jsonpath2/nodes/subscript.py */
export interface SubscriptNode {
  readonly kind: 'subscript';
  readonly subscripts: readonly Subscript[];
  readonly next: PathNode;
}
/** `..` — jsonpath2/nodes/recursivedescent.py; `next` is always the SubscriptNode that follows. */
interface RecursiveDescentNode {
  readonly kind: 'recursiveDescent';
  readonly next: SubscriptNode;
}

export type Subscript =
  | { readonly kind: 'objectIndex'; readonly key: string } // subscripts/objectindex.py
  | { readonly kind: 'arrayIndex'; readonly index: bigint } // subscripts/arrayindex.py
  | { readonly kind: 'slice'; readonly start: bigint | null; readonly end: bigint | null; readonly step: bigint | null } // subscripts/arrayslice.py
  | { readonly kind: 'wildcard' } // subscripts/wildcard.py
  | { readonly kind: 'filter'; readonly expression: Expression } // subscripts/filter.py
  | { readonly kind: 'node'; readonly path: RootNode | CurrentNode } // subscripts/node.py
  | { readonly kind: 'call'; readonly name: FunctionName; readonly args: readonly Operand[] }; // subscripts/callable.py

/** A `jsonpath__` in the grammar: either a `$`/`@` path or a JSON literal. */
export type Operand =
  | { readonly kind: 'path'; readonly path: RootNode | CurrentNode }
  /** `isInt` records Python's int-ness of the literal (`1` and `true` are ints; `1.0` and `1e0` are not). */
  | { readonly kind: 'literal'; readonly value: unknown; readonly isInt: boolean };

export type ComparisonOperator = '=' | '!=' | '<' | '<=' | '>' | '>=';

export type Expression =
  | { readonly kind: 'and'; readonly operands: readonly Expression[] } // expressions/operator.py
  | { readonly kind: 'or'; readonly operands: readonly Expression[] }
  | { readonly kind: 'not'; readonly operand: Expression }
  | { readonly kind: 'compare'; readonly operator: ComparisonOperator; readonly left: Operand; readonly right: Operand }
  | { readonly kind: 'some'; readonly operand: Operand }; // expressions/some.py

export const TERMINAL: TerminalNode = { kind: 'terminal' };
