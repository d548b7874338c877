// JSON values written in a path (the grammar's `value` rule), built as jsonpath2's listener builds them.

import type { Token } from './lexer.js';
import type { TokenCursor } from './token-cursor.js';

// value : STRING | NUMBER | obj | array | TRUE | FALSE | NULL
export function parseValue(cursor: TokenCursor): unknown {
  const token = cursor.advance();
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
      return cursor.nested(token, () => parseObjectRest(cursor));
    case '[':
      return cursor.nested(token, () => parseArrayRest(cursor));
    default:
      return cursor.fail(token, 'expected a JSON value');
  }
}

// obj : BRACE_LEFT pair ( COMMA pair )* BRACE_RIGHT | BRACE_LEFT BRACE_RIGHT ; pair : STRING COLON value
function parseObjectRest(cursor: TokenCursor): Record<string, unknown> {
  const entries: Array<[string, unknown]> = [];
  if (cursor.peek().type !== '}') {
    do {
      const key = cursor.expect('STRING', 'object keys must be double-quoted strings');
      cursor.expect(':', 'expected ":" after an object key');
      entries.push([rawStringContent(key), parseValue(cursor)]);
    } while (cursor.acceptComma());
  }
  cursor.expect('}', 'expected "," or "}"');
  return Object.fromEntries(entries); // duplicate keys: the last value wins, as in a Python dict
}

// array : BRACKET_LEFT value ( COMMA value )* BRACKET_RIGHT | BRACKET_LEFT BRACKET_RIGHT
function parseArrayRest(cursor: TokenCursor): unknown[] {
  const values: unknown[] = [];
  if (cursor.peek().type !== ']') {
    do values.push(parseValue(cursor));
    while (cursor.acceptComma());
  }
  cursor.expect(']', 'expected "," or "]"');
  return values;
}

/** jsonpath2 keeps a STRING's text between the quotes as is: escapes are never decoded. */
export function rawStringContent(token: Token): string {
  return token.text.slice(1, -1);
}

/** exitValue: float() when the text has ".", "e" or "E", else int() (so "-0" is the int 0). */
function numberValue(text: string): number {
  const value = Number(text);
  return /[.eE]/.test(text) ? value : value + 0; // `+ 0` turns -0 into 0: Python ints have no -0
}
