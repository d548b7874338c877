// Lexer — the lexer rules of JSONPath.g4: longest match wins, ties go to the rule listed first
// (so `and` is the keyword AND, `andy` an ID). Whitespace [ \t\n\r] is skipped between tokens.

import { JsonPathSyntaxError } from './errors.js';

/** Fixed tokens in the order JSONPath.g4 declares them. */
const FIXED_TOKENS = [
  '@',
  '..',
  '$',
  '.',
  '*',
  'and',
  '=',
  '>=',
  '>',
  '<=',
  '<',
  '!=',
  'not',
  'or',
  'true',
  'false',
  'null',
  '{',
  '}',
  '[',
  ']',
  ':',
  ',',
  '(',
  ')',
  '?',
] as const;

type FixedTokenType = (typeof FIXED_TOKENS)[number];
export type TokenType = FixedTokenType | 'ID' | 'STRING' | 'NUMBER' | 'EOF';

export interface Token {
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

export const KEYWORDS: ReadonlySet<TokenType> = new Set(['and', 'or', 'not', 'true', 'false', 'null']);

export function tokenize(source: string): Token[] {
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
        return new JsonPathSyntaxError(`invalid escape at offset ${i}: strings allow only \\" \\\\ \\/ \\b \\f \\n \\r \\t and \\uXXXX`, i);
      }
      i += source[i + 1] === 'u' ? 5 : 1;
    } else if (ch.charCodeAt(0) < 0x20) {
      const code = ch.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0');
      return new JsonPathSyntaxError(`control character U+${code} at offset ${i} is not allowed in a string`, i);
    }
  }
  return new JsonPathSyntaxError(`unterminated string starting at offset ${start}`, start);
}
