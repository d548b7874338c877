// The token stream the parser rules read. ANTLR's error listener in jsonpath2/parser/__init__.py
// raises on the first syntax error: `fail` throws, there is no error recovery.

import { JsonPathSyntaxError } from './errors.js';
import type { Token, TokenType } from './lexer.js';

/** How deep brackets, parentheses, `not` and JSON values may nest in a path (jsonpath2 has no limit). */
export const MAX_NESTING = 100;

export class TokenCursor {
  private readonly tokens: readonly Token[];
  private index = 0;
  private depth = 0;

  constructor(tokens: readonly Token[]) {
    this.tokens = tokens;
  }

  acceptComma(): boolean {
    if (this.peek().type !== ',') return false;
    this.advance();
    return true;
  }

  peek(): Token {
    return this.tokens[this.index] as Token;
  }

  advance(): Token {
    const token = this.peek();
    if (token.type !== 'EOF') this.index++;
    return token;
  }

  expect(type: TokenType, detail: string): Token {
    const token = this.peek();
    if (token.type !== type) this.fail(token, detail);
    return this.advance();
  }

  /**
   * Runs `rule` one level deeper (it starts at `token`): past MAX_NESTING, a syntax error at that
   * token, long before the recursive descent could overflow the stack.
   */
  nested<T>(token: Token, rule: () => T): T {
    if (this.depth >= MAX_NESTING) this.fail(token, `the path nests more than ${MAX_NESTING} levels deep (brackets, parentheses, "not", JSON values)`);
    this.depth++;
    try {
      return rule();
    } finally {
      this.depth--;
    }
  }

  fail(token: Token, detail: string): never {
    const what = token.type === 'EOF' ? 'end of path' : JSON.stringify(token.text);
    throw new JsonPathSyntaxError(`unexpected ${what} at offset ${token.offset}: ${detail}`, token.offset);
  }
}
