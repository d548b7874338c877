// Strict JSON, as Python's json module reads it (it also takes NaN and ±Infinity), keeping the
// position and the int/float kind of every value.
import { defineKey } from '../python/values.js';
import { MAX_NESTING_DEPTH } from './limits.js';
import { joinPointer, LineIndex, type NodeInfo, type Position, SourceMap, type ScalarKind } from './source-map.js';

export class JsonSyntaxError extends Error {
  constructor(
    message: string,
    readonly offset: number,
    readonly hint?: string,
  ) {
    super(message);
  }
}

export interface ParsedJson {
  readonly value: unknown;
  readonly map: SourceMap;
  /** Pointers of members whose key appeared twice (the last one wins, as in Python). */
  readonly duplicateKeys: string[];
}

const NUMBER = /-?(?:0|[1-9][0-9]*)(\.[0-9]+)?([eE][-+]?[0-9]+)?/y;
/** A string's characters up to its closing quote, when none is a backslash or a control character. */
const PLAIN_STRING = /([^"\\\u0000-\u001f]*)"/y;
const ESCAPES: Record<string, string> = { '"': '"', '\\': '\\', '/': '/', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t' };

/**
 * Where a value (and its key) starts, as offsets: the line and column are worked out when a
 * diagnostic asks for them (most values never are), not for every value of every file.
 */
class OffsetNode implements NodeInfo {
  constructor(
    private readonly lines: LineIndex,
    private readonly start: number,
    private readonly keyStart: number | undefined,
    readonly kind: ScalarKind | undefined,
  ) {}

  get pos(): Position {
    return this.lines.position(this.start);
  }

  get keyPos(): Position | undefined {
    return this.keyStart === undefined ? undefined : this.lines.position(this.keyStart);
  }
}

export function parseJson(text: string): ParsedJson {
  return new JsonParser(text).parseDocument();
}

class JsonParser {
  private i = 0;
  /** Objects and arrays open around the current position. */
  private depth = 0;
  private readonly lines: LineIndex;
  private readonly map = new SourceMap();
  private readonly duplicateKeys: string[] = [];

  constructor(private readonly text: string) {
    this.lines = new LineIndex(text);
    if (text.charCodeAt(0) === 0xfeff) this.i = 1;
  }

  parseDocument(): ParsedJson {
    this.skipSpace();
    if (this.i >= this.text.length) throw new JsonSyntaxError('the file is empty: expected a JSON object', this.i);
    const value = this.parseValue('');
    this.skipSpace();
    if (this.i < this.text.length) {
      throw this.unexpected('extra data after the end of the JSON document');
    }
    return { value, map: this.map, duplicateKeys: this.duplicateKeys };
  }

  private parseValue(pointer: string, keyOffset?: number): unknown {
    const start = this.i;
    const c = this.text[this.i];
    if (c === '{' || c === '[') {
      // Checked before descending: the recursion stays far from the stack's limit.
      if (this.depth >= MAX_NESTING_DEPTH) {
        throw new JsonSyntaxError(
          `the document nests deeper than ${MAX_NESTING_DEPTH} levels (objects and arrays)`,
          this.i,
          'an experiment needs only a few levels: flatten the structure',
        );
      }
      this.record(pointer, start, keyOffset);
      this.depth++;
      const value = c === '{' ? this.parseObject(pointer) : this.parseArray(pointer);
      this.depth--;
      return value;
    }
    if (c === '"') {
      this.record(pointer, start, keyOffset, 'string');
      return this.parseString();
    }
    // true, false, null, NaN, Infinity and -Infinity (Python's json reads the last three too).
    if (c === 't' || c === 'f' || c === 'n' || c === 'N' || c === 'I' || c === '-')
      for (const [word, value, kind] of LITERALS) {
        if (this.text.startsWith(word, this.i)) {
          this.i += word.length;
          this.record(pointer, start, keyOffset, kind);
          return value;
        }
      }
    NUMBER.lastIndex = this.i;
    const m = NUMBER.exec(this.text);
    if (m) {
      this.i += m[0].length;
      this.record(pointer, start, keyOffset, m[1] !== undefined || m[2] !== undefined ? 'float' : 'int');
      return Number(m[0]);
    }
    throw this.unexpected('expected a value (object, array, string, number, true, false or null)');
  }

  private record(pointer: string, start: number, keyOffset: number | undefined, kind?: ScalarKind): void {
    this.map.set(pointer, new OffsetNode(this.lines, start, keyOffset, kind));
  }

  private parseObject(pointer: string): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    this.i++;
    this.skipSpace();
    if (this.text[this.i] === '}') {
      this.i++;
      return out;
    }
    for (;;) {
      this.skipSpace();
      if (this.text[this.i] !== '"') {
        throw this.unexpected(this.text[this.i] === '}' ? 'a trailing comma is not allowed in JSON' : 'expected a property name in double quotes');
      }
      const keyOffset = this.i;
      const key = this.parseString();
      this.skipSpace();
      if (this.text[this.i] !== ':') throw this.unexpected(`expected ':' after the property name "${key}"`);
      this.i++;
      this.skipSpace();
      const child = joinPointer(pointer, key);
      if (Object.hasOwn(out, key)) this.duplicateKeys.push(child);
      defineKey(out, key, this.parseValue(child, keyOffset));
      this.skipSpace();
      const c = this.text[this.i];
      this.i++;
      if (c === '}') return out;
      if (c !== ',') {
        this.i--;
        throw this.unexpected(`expected ',' or '}' after the value of "${key}"`);
      }
    }
  }

  private parseArray(pointer: string): unknown[] {
    const out: unknown[] = [];
    this.i++;
    this.skipSpace();
    if (this.text[this.i] === ']') {
      this.i++;
      return out;
    }
    for (;;) {
      this.skipSpace();
      if (this.text[this.i] === ']') throw this.unexpected('a trailing comma is not allowed in JSON');
      out.push(this.parseValue(joinPointer(pointer, out.length)));
      this.skipSpace();
      const c = this.text[this.i];
      this.i++;
      if (c === ']') return out;
      if (c !== ',') {
        this.i--;
        throw this.unexpected("expected ',' or ']' after an array item");
      }
    }
  }

  private parseString(): string {
    const start = this.i;
    // Most strings hold no escape and no control character: one native scan to the closing quote.
    PLAIN_STRING.lastIndex = start + 1;
    const plain = PLAIN_STRING.exec(this.text);
    if (plain) {
      this.i = PLAIN_STRING.lastIndex;
      return plain[1] as string;
    }
    this.i++;
    let out = '';
    for (;;) {
      const c = this.text[this.i];
      if (c === undefined) throw new JsonSyntaxError('unterminated string', start);
      if (c === '"') {
        this.i++;
        return out;
      }
      if (c === '\\') {
        const e = this.text[this.i + 1];
        if (e === 'u') {
          const hex = this.text.slice(this.i + 2, this.i + 6);
          if (!/^[0-9a-fA-F]{4}$/.test(hex)) throw new JsonSyntaxError('invalid \\uXXXX escape', this.i);
          out += String.fromCharCode(parseInt(hex, 16));
          this.i += 6;
          continue;
        }
        const decoded = e === undefined ? undefined : ESCAPES[e];
        if (decoded === undefined) {
          throw new JsonSyntaxError(`invalid escape '\\${e ?? ''}' in a string`, this.i, 'write a backslash as \\\\');
        }
        out += decoded;
        this.i += 2;
        continue;
      }
      if (c.charCodeAt(0) < 0x20) {
        throw new JsonSyntaxError(
          'a control character (such as a raw newline or tab) is not allowed inside a JSON string',
          this.i,
          'write it as an escape: \\n, \\t',
        );
      }
      out += c;
      this.i++;
    }
  }

  private skipSpace(): void {
    for (;;) {
      const c = this.text[this.i];
      if (c === ' ' || c === '\t' || c === '\n' || c === '\r') this.i++;
      else return;
    }
  }

  private unexpected(message: string): JsonSyntaxError {
    const c = this.text[this.i];
    if (c === '#' || this.text.startsWith('//', this.i) || this.text.startsWith('/*', this.i)) {
      return new JsonSyntaxError(
        'JSON does not allow comments',
        this.i,
        'remove the comment, or rename the file to .yaml (YAML accepts JSON syntax and # comments)',
      );
    }
    if (c === "'") {
      return new JsonSyntaxError(`${message}; JSON strings use double quotes, not single quotes`, this.i);
    }
    if (c === undefined) return new JsonSyntaxError(`unexpected end of file: ${message}`, this.i);
    return new JsonSyntaxError(`unexpected ${JSON.stringify(c)}: ${message}`, this.i);
  }
}

const LITERALS: readonly (readonly [string, unknown, ScalarKind])[] = [
  ['true', true, 'bool'],
  ['false', false, 'bool'],
  ['null', null, 'null'],
  ['NaN', NaN, 'float'],
  ['Infinity', Infinity, 'float'],
  ['-Infinity', -Infinity, 'float'],
];
