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

// ---------------------------------------------------------------------------------------------------
// Public API
// ---------------------------------------------------------------------------------------------------

import { isMapping, pythonTruthy } from './python-values.js';

/** Thrown by `parseJsonPath` for every path jsonpath2 rejects. */
export class JsonPathSyntaxError extends Error {
  /** 0-based offset (in UTF-16 code units) into the path string where parsing failed. */
  readonly offset: number;

  constructor(message: string, offset: number) {
    super(message);
    this.name = 'JsonPathSyntaxError';
    this.offset = offset;
  }
}

/** Thrown by `evaluateJsonPath` where jsonpath2 raises while matching (a zero slice step on an array). */
export class JsonPathEvaluationError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'JsonPathEvaluationError';
  }
}

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
  return Array.from(matchNode(path.root, data, data));
}

/** Python's `==` over JSON values: `True == 1`, `1 == 1.0`, deep list/dict equality, `"1" != 1`. */
export function pythonEquals(a: unknown, b: unknown): boolean {
  if (isPythonNumber(a) && isPythonNumber(b)) return Number(a) === Number(b);
  if (Array.isArray(a) || Array.isArray(b)) {
    return Array.isArray(a) && Array.isArray(b) && a.length === b.length && a.every((x, i) => pythonEquals(x, b[i]));
  }
  if (isMapping(a) && isMapping(b)) return mappingsEqual(a, b);
  return a === b;
}

// ---------------------------------------------------------------------------------------------------
// Syntax tree (names follow the jsonpath2 classes they stand for)
// ---------------------------------------------------------------------------------------------------

export type PathNode = RootNode | CurrentNode | TerminalNode | SubscriptNode | RecursiveDescentNode;

/** `$` — jsonpath2/nodes/root.py */
export interface RootNode { readonly kind: 'root'; readonly next: PathNode }
/** `@` — jsonpath2/nodes/current.py */
export interface CurrentNode { readonly kind: 'current'; readonly next: PathNode }
/** End of a path — jsonpath2/nodes/terminal.py */
export interface TerminalNode { readonly kind: 'terminal' }
/** `.name`, `[a, b, ...]` — jsonpath2/nodes/subscript.py */
export interface SubscriptNode {
  readonly kind: 'subscript';
  readonly subscripts: readonly Subscript[];
  readonly next: PathNode;
}
/** `..` — jsonpath2/nodes/recursivedescent.py; `next` is always the SubscriptNode that follows. */
export interface RecursiveDescentNode { readonly kind: 'recursiveDescent'; readonly next: SubscriptNode }

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

const TERMINAL: TerminalNode = { kind: 'terminal' };

// ---------------------------------------------------------------------------------------------------
// Lexer — the lexer rules of JSONPath.g4: longest match wins, ties go to the rule listed first
// (so `and` is the keyword AND, `andy` an ID). Whitespace [ \t\n\r] is skipped between tokens.
// ---------------------------------------------------------------------------------------------------

/** Fixed tokens in the order JSONPath.g4 declares them. */
const FIXED_TOKENS = [
  '@', '..', '$', '.', '*', 'and', '=', '>=', '>', '<=', '<', '!=', 'not', 'or',
  'true', 'false', 'null', '{', '}', '[', ']', ':', ',', '(', ')', '?',
] as const;

type FixedTokenType = (typeof FIXED_TOKENS)[number];
type TokenType = FixedTokenType | 'ID' | 'STRING' | 'NUMBER' | 'EOF';

interface Token {
  readonly type: TokenType;
  readonly text: string;
  readonly offset: number;
}

const PATTERN_TOKENS: ReadonlyArray<readonly [TokenType, RegExp]> = [
  ['ID', /[_A-Za-z][_A-Za-z0-9]*/y],
  // STRING: '"' (ESC | SAFECODEPOINT)* '"' with ESC = \ ["\\/bfnrt] | \uXXXX and SAFECODEPOINT = ~["\\\u0000-\u001F]
  ['STRING', /"(?:\\(?:["\\/bfnrt]|u[0-9a-fA-F]{4})|[^"\\\u0000-\u001f])*"/y],
  // NUMBER: '-'? INT ('.' [0-9]+)? EXP? with INT = '0' | [1-9][0-9]* (so "01" lexes as "0" then "1")
  ['NUMBER', /-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][+-]?(?:0|[1-9][0-9]*))?/y],
];

const WHITESPACE = /[ \t\n\r]+/y;

const KEYWORDS: ReadonlySet<TokenType> = new Set(['and', 'or', 'not', 'true', 'false', 'null']);

function tokenize(source: string): Token[] {
  const tokens: Token[] = [];
  let offset = skipWhitespace(source, 0);
  while (offset < source.length) {
    const token = longestToken(source, offset);
    if (token === null) throw lexerError(source, offset);
    tokens.push(token);
    offset = skipWhitespace(source, offset + token.text.length);
  }
  tokens.push({ type: 'EOF', text: '', offset: source.length });
  return tokens;
}

function skipWhitespace(source: string, offset: number): number {
  WHITESPACE.lastIndex = offset;
  return WHITESPACE.test(source) ? WHITESPACE.lastIndex : offset;
}

function longestToken(source: string, offset: number): Token | null {
  let best: Token | null = null;
  const consider = (type: TokenType, text: string): void => {
    if (text.length > 0 && (best === null || text.length > best.text.length)) best = { type, text, offset };
  };
  for (const fixed of FIXED_TOKENS) {
    if (source.startsWith(fixed, offset)) consider(fixed, fixed);
  }
  for (const [type, pattern] of PATTERN_TOKENS) {
    pattern.lastIndex = offset;
    const match = pattern.exec(source);
    if (match) consider(type, match[0]);
  }
  return best;
}

/** ANTLR's "token recognition error", with a hint at what was probably meant. */
function lexerError(source: string, offset: number): JsonPathSyntaxError {
  const ch = String.fromCodePoint(source.codePointAt(offset) as number);
  const at = `at offset ${offset}`;
  switch (ch) {
    case "'":
      return new JsonPathSyntaxError(`unexpected "'" ${at}: strings must be double-quoted`, offset);
    case '"':
      return stringError(source, offset);
    case '&':
    case '|':
      return new JsonPathSyntaxError(`unexpected "${ch}" ${at}: jsonpath2 combines filters with "and" / "or"`, offset);
    case '!':
      return new JsonPathSyntaxError(`unexpected "!" ${at}: use "not" to negate, "!=" for inequality`, offset);
    case '-':
      return new JsonPathSyntaxError(`unexpected "-" ${at}: "-" may only start a number`, offset);
    default:
      return new JsonPathSyntaxError(
        `unexpected character ${describeCharacter(ch)} ${at}` +
          (/[\p{L}\p{N}]/u.test(ch) ? ': member names must be ASCII identifiers; quote others: ["name"]' : ''),
        offset,
      );
  }
}

/** `"x"` for visible characters, `U+00A0` for whitespace and control characters. */
function describeCharacter(ch: string): string {
  if (/^[\p{L}\p{N}\p{P}\p{S}]$/u.test(ch)) return JSON.stringify(ch);
  return `U+${(ch.codePointAt(0) as number).toString(16).toUpperCase().padStart(4, '0')}`;
}

/** Explains why the string starting at `start` is not a valid STRING token. */
function stringError(source: string, start: number): JsonPathSyntaxError {
  for (let i = start + 1; i < source.length; i++) {
    const ch = source[i] as string;
    if (ch === '"') break; // unreachable for a failed STRING, kept for safety
    if (ch === '\\') {
      if (!/^\\(?:["\\/bfnrt]|u[0-9a-fA-F]{4})/.test(source.slice(i, i + 6))) {
        return new JsonPathSyntaxError(
          `invalid escape at offset ${i}: strings allow only \\" \\\\ \\/ \\b \\f \\n \\r \\t and \\uXXXX`,
          i,
        );
      }
      i += source[i + 1] === 'u' ? 5 : 1;
    } else if (ch.charCodeAt(0) < 0x20) {
      const code = ch.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0');
      return new JsonPathSyntaxError(`control character U+${code} at offset ${i} is not allowed in a string`, i);
    }
  }
  return new JsonPathSyntaxError(`unterminated string starting at offset ${start}`, start);
}

// ---------------------------------------------------------------------------------------------------
// Parser — one method per parser rule of JSONPath.g4. ANTLR's error listener in
// jsonpath2/parser/__init__.py raises on the first syntax error, so there is no error recovery:
// a path is accepted exactly when it derives from the grammar.
// ---------------------------------------------------------------------------------------------------

const SUBSCRIPT_START: ReadonlySet<TokenType> = new Set(['..', '.', '[']);
const VALUE_START: ReadonlySet<TokenType> = new Set(['STRING', 'NUMBER', '{', '[', 'true', 'false', 'null']);
const COMPARISON_OPERATORS: ReadonlySet<TokenType> = new Set(['=', '!=', '<', '<=', '>', '>=']);

/** Callable subscripts in jsonpath2/subscripts/callable.py, keyed by the name used in paths. */
const FUNCTIONS = {
  charAt: charAtFunction,
  entries: entriesFunction,
  keys: keysFunction,
  length: lengthFunction,
  substring: substringFunction,
  values: valuesFunction,
} as const;

export type FunctionName = keyof typeof FUNCTIONS;

function isFunctionName(name: string): name is FunctionName {
  return Object.hasOwn(FUNCTIONS, name);
}

class Parser {
  private readonly tokens: readonly Token[];
  private index = 0;

  constructor(tokens: readonly Token[]) {
    this.tokens = tokens;
  }

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

  private parseOptionalSubscript(): PathNode {
    return SUBSCRIPT_START.has(this.peek().type) ? this.parseSubscript() : TERMINAL;
  }

  // subscript : RECURSIVE_DESCENT ( subscriptableBareword | subscriptables ) subscript?
  //           | SUBSCRIPT subscriptableBareword subscript?
  //           | subscriptables subscript?
  private parseSubscript(): PathNode {
    const token = this.peek();
    if (token.type === '[') {
      const subscripts = this.parseSubscriptables();
      return { kind: 'subscript', subscripts, next: this.parseOptionalSubscript() };
    }
    this.advance();
    const recursive = token.type === '..';
    const subscripts = recursive && this.peek().type === '[' ? this.parseSubscriptables() : [this.parseBareword(token)];
    const node: SubscriptNode = { kind: 'subscript', subscripts, next: this.parseOptionalSubscript() };
    return recursive ? { kind: 'recursiveDescent', next: node } : node;
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
    this.expect('[', 'expected "["');
    const subscripts = [this.parseSubscriptable()];
    while (this.peek().type === ',') {
      this.advance();
      subscripts.push(this.parseSubscriptable());
    }
    this.expect(']', 'expected "," or "]"');
    return subscripts;
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
    this.expect('(', 'a filter is written [?(expression)]');
    const expression = this.parseExpression();
    this.expect(')', 'expected ")" to close the filter');
    return { kind: 'filter', expression };
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
    this.expect('(', 'expected "("');
    const args: Operand[] = [];
    if (this.peek().type !== ')') {
      args.push(this.parseOperand());
      while (this.peek().type === ',') {
        this.advance();
        args.push(this.parseOperand());
      }
    }
    this.expect(')', 'expected "," or ")" in the argument list');
    if (!isFunctionName(name.text)) {
      const known = Object.keys(FUNCTIONS).map((f) => `${f}()`).join(', ');
      this.fail(name, `unknown function "${name.text}"; jsonpath2 knows ${known}`);
    }
    return { kind: 'call', name: name.text, args };
  }

  // expression : andExpression ;  andExpression : orExpression ( AND andExpression )?
  // Note the precedence: `or` binds tighter than `and`.
  private parseExpression(): Expression {
    const first = this.parseOr();
    if (this.peek().type !== 'and') return first;
    this.advance();
    return variadic('and', first, this.parseExpression());
  }

  // orExpression : notExpression ( OR orExpression )?
  private parseOr(): Expression {
    const first = this.parseNot();
    if (this.peek().type !== 'or') return first;
    this.advance();
    return variadic('or', first, this.parseOr());
  }

  // notExpression : NOT notExpression | PAREN_LEFT expression PAREN_RIGHT
  //               | jsonpath__ ( ( EQ | NE | LT | LE | GT | GE ) jsonpath__ )?
  private parseNot(): Expression {
    const token = this.peek();
    if (token.type === 'not') {
      this.advance();
      const operand = this.parseNot();
      // The listener unwraps `not not x` to `x` (parser/__init__.py, exitNotExpression).
      return operand.kind === 'not' ? operand.operand : { kind: 'not', operand };
    }
    if (token.type === '(') {
      this.advance();
      const expression = this.parseExpression();
      this.expect(')', 'expected ")"');
      return expression;
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
    return { kind: 'literal', value: this.parseValue(), isInt };
  }

  // value : STRING | NUMBER | obj | array | TRUE | FALSE | NULL
  private parseValue(): unknown {
    const token = this.advance();
    switch (token.type) {
      case 'STRING':
        return rawStringContent(token);
      case 'NUMBER':
        return numberValue(token.text);
      case 'true':
        return true;
      case 'false':
        return false;
      case 'null':
        return null;
      case '{':
        return this.parseObjectRest();
      case '[':
        return this.parseArrayRest();
      default:
        return this.fail(token, 'expected a JSON value');
    }
  }

  // obj : BRACE_LEFT pair ( COMMA pair )* BRACE_RIGHT | BRACE_LEFT BRACE_RIGHT ; pair : STRING COLON value
  private parseObjectRest(): Record<string, unknown> {
    const entries: Array<[string, unknown]> = [];
    if (this.peek().type !== '}') {
      do {
        const key = this.expect('STRING', 'object keys must be double-quoted strings');
        this.expect(':', 'expected ":" after an object key');
        entries.push([rawStringContent(key), this.parseValue()]);
      } while (this.acceptComma());
    }
    this.expect('}', 'expected "," or "}"');
    return Object.fromEntries(entries); // duplicate keys: the last value wins, as in a Python dict
  }

  // array : BRACKET_LEFT value ( COMMA value )* BRACKET_RIGHT | BRACKET_LEFT BRACKET_RIGHT
  private parseArrayRest(): unknown[] {
    const values: unknown[] = [];
    if (this.peek().type !== ']') {
      do values.push(this.parseValue());
      while (this.acceptComma());
    }
    this.expect(']', 'expected "," or "]"');
    return values;
  }

  private acceptComma(): boolean {
    if (this.peek().type !== ',') return false;
    this.advance();
    return true;
  }

  private peek(): Token {
    return this.tokens[this.index] as Token;
  }

  private advance(): Token {
    const token = this.peek();
    if (token.type !== 'EOF') this.index++;
    return token;
  }

  private expect(type: TokenType, detail: string): Token {
    const token = this.peek();
    if (token.type !== type) this.fail(token, detail);
    return this.advance();
  }

  private fail(token: Token, detail: string): never {
    const what = token.type === 'EOF' ? 'end of path' : JSON.stringify(token.text);
    throw new JsonPathSyntaxError(`unexpected ${what} at offset ${token.offset}: ${detail}`, token.offset);
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

/** Combines two operands of `and`/`or`, flattening nested ones as the listener does. */
function variadic(kind: 'and' | 'or', first: Expression, rest: Expression): Expression {
  const flatten = (e: Expression): readonly Expression[] => (e.kind === kind ? e.operands : [e]);
  return { kind, operands: [...flatten(first), ...flatten(rest)] };
}

/** jsonpath2 keeps a STRING's text between the quotes as is: escapes are never decoded. */
function rawStringContent(token: Token): string {
  return token.text.slice(1, -1);
}

/** exitValue: float() when the text has ".", "e" or "E", else int() (so "-0" is the int 0). */
function numberValue(text: string): number {
  const value = Number(text);
  return /[.eE]/.test(text) ? value : value + 0; // `+ 0` turns -0 into 0: Python ints have no -0
}

// ---------------------------------------------------------------------------------------------------
// Evaluation
// ---------------------------------------------------------------------------------------------------

type Mapping = Record<string, unknown>;

/** Python's int or float (bool is a subclass of int). */
function isPythonNumber(value: unknown): value is number | boolean {
  return typeof value === 'number' || typeof value === 'boolean';
}

/**
 * Python's `isinstance(value, int)` for a value taken from the data. JSON `2.0` has already become the
 * JS number 2 by the time we see it, so integral numbers count as ints (Python would see a float).
 */
function isPythonInt(value: unknown): value is number | boolean {
  return typeof value === 'boolean' || (typeof value === 'number' && Number.isInteger(value));
}

function mappingsEqual(a: Mapping, b: Mapping): boolean {
  const keys = Object.keys(a);
  if (keys.length !== Object.keys(b).length) return false;
  return keys.every((key) => Object.hasOwn(b, key) && pythonEquals(a[key], b[key]));
}


function* matchNode(node: PathNode, root: unknown, current: unknown): Generator<unknown> {
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

type Slice = Extract<Subscript, { kind: 'slice' }>;

function* sliceValues(current: unknown, slice: Slice): Generator<unknown> {
  if (!Array.isArray(current)) return;
  for (const index of sliceIndices(BigInt(current.length), slice)) yield* elementValues(current, index);
}

/**
 * subscripts/arrayslice.py feeds Python's `range(start, end, step)` to ArrayIndexSubscript, so:
 * a missing start is 0 and a missing end is len() even when the step is negative (`[::-1]` and
 * `[2::-1]` are empty), and the range may reach negative indices, which then count from the end
 * (`[2:-5:-1]` on three elements selects indices 2, 1, 0, -1). A negative start counts from the end,
 * clamped at 0 (arrayslice.py spells this `start + (len if abs(start) < len else abs(start))`).
 * We walk the same range but skip the stretch that cannot hit an element.
 */
function* sliceIndices(length: bigint, slice: Slice): Generator<bigint> {
  const step = slice.step ?? 1n;
  if (step === 0n) throw new JsonPathEvaluationError('slice step cannot be zero (jsonpath2 raises "range() arg 3 must not be zero")');
  const start = slice.start === null ? 0n : slice.start >= 0n ? slice.start : max(slice.start + length, 0n);
  const end = slice.end === null ? length : slice.end < 0n ? slice.end + length : slice.end;
  // Here start >= 0; indices outside [-length, length) match nothing.
  if (step > 0n) {
    for (let i = start; i < end && i < length; i += step) yield i;
    return;
  }
  const stride = -step;
  let i = start;
  if (i >= length) i -= ((i - length + stride) / stride) * stride; // first range element below length
  for (; i > end && i >= -length; i += step) yield i;
}

function max(a: bigint, b: bigint): bigint {
  return a > b ? a : b;
}

/** subscripts/node.py: `[@.x]` / `[$.x]` — each int match indexes an array, each string a member. */
function* nodeSubscriptValues(path: RootNode | CurrentNode, root: unknown, current: unknown): Generator<unknown> {
  for (const value of matchNode(path, root, current)) {
    if (isPythonInt(value)) yield* elementValues(current, BigInt(Number(value)));
    else if (typeof value === 'string') yield* memberValues(current, value);
  }
}

// ----- Function calls (subscripts/callable.py) -----

/** An argument as a callable sees it: its value and whether Python considers it an int. */
interface Argument {
  readonly value: unknown;
  readonly isInt: boolean;
}

type FunctionImpl = (current: unknown, args: readonly Argument[]) => unknown[];

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

/** Python strings are indexed by code point, not UTF-16 unit. */
function codePoints(s: string): string[] {
  return Array.from(s);
}

function intArgument(arg: Argument | undefined): number | null {
  return arg !== undefined && arg.isInt ? Number(arg.value) : null;
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
