// Tokenizer: _parser.Tokenizer, over code points ("\\" + next char is one token)

import { ReError } from './error.js';
import { cpLen, isIdentifier, pyRepr } from './python-str.js';

export class Tokenizer {
  private readonly chars: string[];
  private index = 0;
  next: string | null = null;
  private nextLen = 0;

  constructor(pattern: string) {
    this.chars = Array.from(pattern);
    this.advance();
  }

  /** Tokenizer.__next */
  private advance(): void {
    let index = this.index;
    const char = this.chars[index];
    if (char === undefined) {
      this.next = null;
      this.nextLen = 0;
      return;
    }
    let token = char;
    if (char === '\\') {
      index += 1;
      const escaped = this.chars[index];
      if (escaped === undefined) throw new ReError('bad escape (end of pattern)', this.chars.length - 1);
      token += escaped;
    }
    this.index = index + 1;
    this.next = token;
    this.nextLen = token === char ? 1 : 2;
  }

  match(char: string): boolean {
    if (char === this.next) {
      this.advance();
      return true;
    }
    return false;
  }

  get(): string | null {
    const token = this.next;
    this.advance();
    return token;
  }

  getwhile(n: number, charset: Set<string>): string {
    let result = '';
    for (let i = 0; i < n; i++) {
      const c = this.next;
      if (c === null || !charset.has(c)) break;
      result += c;
      this.advance();
    }
    return result;
  }

  getuntil(terminator: string, name: string): string {
    let result = '';
    while (true) {
      const c = this.next;
      this.advance();
      if (c === null) {
        if (!result) throw this.error('missing ' + name);
        throw this.error(`missing ${terminator}, unterminated name`, cpLen(result));
      }
      if (c === terminator) {
        if (!result) throw this.error('missing ' + name, 1);
        break;
      }
      result += c;
    }
    return result;
  }

  tell(): number {
    return this.index - this.nextLen;
  }

  seek(index: number): void {
    this.index = index;
    this.advance();
  }

  error(msg: string, offset = 0): ReError {
    return new ReError(msg, this.tell() - offset);
  }

  checkgroupname(name: string, offset: number): void {
    if (!isIdentifier(name)) throw this.error(`bad character in group name ${pyRepr(name)}`, cpLen(name) + offset);
  }
}
