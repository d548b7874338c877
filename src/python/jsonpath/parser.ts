// Parser — one method per parser rule of JSONPath.g4. ANTLR's error listener in
// jsonpath2/parser/__init__.py raises on the first syntax error, so there is no error recovery:
// a path is accepted exactly when it derives from the grammar.

import {
  TERMINAL,
  type ComparisonOperator,
  type CurrentNode,
  type Expression,
  type Operand,
  type PathNode,
  type RootNode,
  type Subscript,
  type SubscriptNode,
} from './ast.js';
import { JsonPathSyntaxError } from './errors.js';
import { FUNCTIONS, isFunctionName } from './functions.js';
import { KEYWORDS, type Token, type TokenType } from './lexer.js';
import { MAX_NESTING, TokenCursor } from './token-cursor.js';
import { parseValue, rawStringContent } from './values.js';

const SUBSCRIPT_START: ReadonlySet<TokenType> = new Set(['..', '.', '[']);
const VALUE_START: ReadonlySet<TokenType> = new Set(['STRING', 'NUMBER', '{', '[', 'true', 'false', 'null']);
const COMPARISON_OPERATORS: ReadonlySet<TokenType> = new Set(['=', '!=', '<', '<=', '>', '>=']);

/** The most segments (`.name`, `..name`, `[...]`) one path may have, nested paths included (jsonpath2 has no limit). */
export const MAX_SEGMENTS = 1_000;
export { MAX_NESTING };

export class Parser extends TokenCursor {
  private segments = 0;

  // jsonpath : ROOT_VALUE subscript? EOF
  parsePath(): RootNode {
    const first = this.peek();
    if (first.type === 'EOF') throw new JsonPathSyntaxError('empty path: a JSONPath must start with "$"', first.offset);
    if (first.type !== '$') {
      const hint = first.type === '@' ? ' ("@" only appears inside brackets and filters)' : '';
      this.fail(first, `a JSONPath must start with "$"${hint}`);
    }
    this.advance();
    const next = this.parseOptionalSubscript();
    const rest = this.peek();
    if (rest.type !== 'EOF') {
      const hint = COMPARISON_OPERATORS.has(rest.type) ? 'comparisons belong inside a filter: [?(...)]' : 'expected the end of the path';
      this.fail(rest, hint);
    }
    return { kind: 'root', next };
  }

  // jsonpath_ : ( ROOT_VALUE | CURRENT_VALUE ) subscript?
  private parseRelativePath(): RootNode | CurrentNode {
    const kind = this.advance().type === '$' ? 'root' : 'current';
    return { kind, next: this.parseOptionalSubscript() };
  }

  /** The chain of segments after `$` or `@`, read in a loop (no recursion per segment). */
  private parseOptionalSubscript(): PathNode {
    const segments: ((next: PathNode) => PathNode)[] = [];
    while (SUBSCRIPT_START.has(this.peek().type)) segments.push(this.parseSubscript());
    return segments.reduceRight<PathNode>((next, segment) => segment(next), TERMINAL);
  }

  // subscript : RECURSIVE_DESCENT ( subscriptableBareword | subscriptables ) subscript?
  //           | SUBSCRIPT subscriptableBareword subscript?
  //           | subscriptables subscript?
  // One segment, as a node waiting for what follows it.
  private parseSubscript(): (next: PathNode) => PathNode {
    const token = this.peek();
    if (++this.segments > MAX_SEGMENTS) this.fail(token, `the path has more than ${MAX_SEGMENTS} segments`);
    if (token.type === '[') {
      const subscripts = this.parseSubscriptables();
      return (next) => ({ kind: 'subscript', subscripts, next });
    }
    this.advance();
    const recursive = token.type === '..';
    const subscripts = recursive && this.peek().type === '[' ? this.parseSubscriptables() : [this.parseBareword(token)];
    return (next) => {
      const node: SubscriptNode = { kind: 'subscript', subscripts, next };
      return recursive ? { kind: 'recursiveDescent', next: node } : node;
    };
  }

  // subscriptableBareword : ID subscriptableArguments? | WILDCARD_SUBSCRIPT
  private parseBareword(dot: Token): Subscript {
    const token = this.peek();
    if (token.type === '*') {
      this.advance();
      return { kind: 'wildcard' };
    }
    if (token.type !== 'ID') this.fail(token, barewordHint(dot, token));
    this.advance();
    if (this.peek().type === '(') return this.parseCall(token);
    return { kind: 'objectIndex', key: token.text };
  }

  // subscriptables : BRACKET_LEFT subscriptable ( COMMA subscriptable )* BRACKET_RIGHT
  private parseSubscriptables(): Subscript[] {
    const open = this.expect('[', 'expected "["');
    return this.nested(open, () => {
      const subscripts = [this.parseSubscriptable()];
      while (this.peek().type === ',') {
        this.advance();
        subscripts.push(this.parseSubscriptable());
      }
      this.expect(']', 'expected "," or "]"');
      return subscripts;
    });
  }

  // subscriptable : STRING | NUMBER{int}? sliceable? | sliceable | WILDCARD_SUBSCRIPT
  //               | QUESTION PAREN_LEFT expression PAREN_RIGHT | jsonpath_ | ID subscriptableArguments
  private parseSubscriptable(): Subscript {
    const token = this.peek();
    switch (token.type) {
      case 'STRING':
        this.advance();
        return { kind: 'objectIndex', key: rawStringContent(token) };
      case 'NUMBER': {
        this.advance();
        const index = this.integer(token, 'an array index');
        return this.peek().type === ':' ? this.parseSliceable(index) : { kind: 'arrayIndex', index };
      }
      case ':':
        return this.parseSliceable(null);
      case '*':
        this.advance();
        return { kind: 'wildcard' };
      case '?':
        return this.parseFilter();
      case '$':
      case '@':
        return { kind: 'node', path: this.parseRelativePath() };
      case 'ID':
        this.advance();
        if (this.peek().type !== '(') {
          this.fail(token, `a bare name is not allowed inside brackets: write [${JSON.stringify(token.text)}] or .${token.text}`);
        }
        return this.parseCall(token);
      default:
        return this.fail(token, subscriptableHint(token));
    }
  }

  private parseFilter(): Subscript {
    this.advance(); // '?'
    const open = this.expect('(', 'a filter is written [?(expression)]');
    return this.nested(open, () => {
      const expression = this.parseExpression();
      this.expect(')', 'expected ")" to close the filter');
      return { kind: 'filter', expression };
    });
  }

  // sliceable : COLON ( NUMBER{int}? )? ( COLON ( NUMBER{int}? )? )?
  private parseSliceable(start: bigint | null): Subscript {
    this.expect(':', 'expected ":"');
    const end = this.optionalInteger('a slice end');
    let step: bigint | null = null;
    if (this.peek().type === ':') {
      this.advance();
      step = this.optionalInteger('a slice step');
    }
    return { kind: 'slice', start, end, step };
  }

  private optionalInteger(what: string): bigint | null {
    const token = this.peek();
    if (token.type !== 'NUMBER') return null;
    this.advance();
    return this.integer(token, what);
  }

  /** The grammar's `{self.tryCast(int)}?` predicate: Python's int() must accept the NUMBER's text. */
  private integer(token: Token, what: string): bigint {
    if (!/^-?[0-9]+$/.test(token.text)) this.fail(token, `${what} must be an integer`);
    return BigInt(token.text);
  }

  // ID subscriptableArguments, where
  // subscriptableArguments : PAREN_LEFT ( jsonpath__ ( COMMA jsonpath__ )* )? PAREN_RIGHT
  // An unknown name parses, then jsonpath2's listener raises CallableSubscriptNotFoundError.
  private parseCall(name: Token): Subscript {
    const open = this.expect('(', 'expected "("');
    const args: Operand[] = [];
    this.nested(open, () => {
      if (this.peek().type !== ')') {
        args.push(this.parseOperand());
        while (this.peek().type === ',') {
          this.advance();
          args.push(this.parseOperand());
        }
      }
      this.expect(')', 'expected "," or ")" in the argument list');
    });
    if (!isFunctionName(name.text)) {
      const known = Object.keys(FUNCTIONS)
        .map((f) => `${f}()`)
        .join(', ');
      this.fail(name, `unknown function "${name.text}"; jsonpath2 knows ${known}`);
    }
    return { kind: 'call', name: name.text, args };
  }

  // expression : andExpression ;  andExpression : orExpression ( AND andExpression )?
  // Note the precedence: `or` binds tighter than `and`. The right recursion is read as a loop
  // (the listener flattens the chain into one variadic node either way).
  private parseExpression(): Expression {
    const operands = [this.parseOr()];
    while (this.peek().type === 'and') {
      this.advance();
      operands.push(this.parseOr());
    }
    return variadic('and', operands);
  }

  // orExpression : notExpression ( OR orExpression )?
  private parseOr(): Expression {
    const operands = [this.parseNot()];
    while (this.peek().type === 'or') {
      this.advance();
      operands.push(this.parseNot());
    }
    return variadic('or', operands);
  }

  // notExpression : NOT notExpression | PAREN_LEFT expression PAREN_RIGHT
  //               | jsonpath__ ( ( EQ | NE | LT | LE | GT | GE ) jsonpath__ )?
  private parseNot(): Expression {
    const token = this.peek();
    if (token.type === 'not') {
      this.advance();
      const operand = this.nested(token, () => this.parseNot());
      // The listener unwraps `not not x` to `x` (parser/__init__.py, exitNotExpression).
      return operand.kind === 'not' ? operand.operand : { kind: 'not', operand };
    }
    if (token.type === '(') {
      this.advance();
      return this.nested(token, () => {
        const expression = this.parseExpression();
        this.expect(')', 'expected ")"');
        return expression;
      });
    }
    const left = this.parseOperand();
    const operator = this.peek();
    if (!COMPARISON_OPERATORS.has(operator.type)) return { kind: 'some', operand: left };
    this.advance();
    if (operator.type === '=' && this.peek().type === '=') {
      this.fail(this.peek(), '"==" is not an operator here: jsonpath2 uses "=" for equality');
    }
    const right = this.parseOperand();
    return { kind: 'compare', operator: operator.type as ComparisonOperator, left, right };
  }

  // jsonpath__ : jsonpath_ | value
  private parseOperand(): Operand {
    const token = this.peek();
    if (token.type === '$' || token.type === '@') return { kind: 'path', path: this.parseRelativePath() };
    if (!VALUE_START.has(token.type)) {
      this.fail(token, 'expected a path starting with "@" or "$", or a JSON value (double-quoted string, number, true, false, null, [...], {...})');
    }
    const isInt = token.type === 'true' || token.type === 'false' || (token.type === 'NUMBER' && !/[.eE]/.test(token.text));
    return { kind: 'literal', value: parseValue(this), isInt };
  }
}

function barewordHint(dot: Token, token: Token): string {
  if (KEYWORDS.has(token.type)) {
    return `"${token.text}" is a jsonpath2 keyword, not a member name: write ["${token.text}"]`;
  }
  if (token.type === 'NUMBER') return `array indices go in brackets: [${token.text}]`;
  if (token.type === 'STRING') return `quoted names go in brackets: [${token.text}]`;
  if (token.type === '[') return `"${dot.text}" must be followed by a name or "*"; drop the "." before "["`;
  return `"${dot.text}" must be followed by a name, a function call or "*"`;
}

function subscriptableHint(token: Token): string {
  if (token.type === '(') return 'a filter is written [?(expression)]';
  if (KEYWORDS.has(token.type)) return `"${token.text}" is a keyword: write ["${token.text}"]`;
  return 'expected a double-quoted name, an index, a slice, "*", a filter "?(...)", a path or a function call';
}

/** Combines the operands of an `and`/`or` chain, flattening nested ones as the listener does. */
function variadic(kind: 'and' | 'or', operands: readonly Expression[]): Expression {
  if (operands.length === 1) return operands[0] as Expression;
  return { kind, operands: operands.flatMap((e) => (e.kind === kind ? e.operands : [e])) };
}
