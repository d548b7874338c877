// Python str helpers

import { UNICODE_CATEGORIES } from './unicode.js';

/** Number of code points (Python's len() of a str). */
export function cpLen(s: string): number {
  let n = 0;
  for (const _ of s) n++;
  return n;
}

export function isAsciiLetter(c: string): boolean {
  return /^[A-Za-z]$/.test(c);
}

/** str.isalpha() of one token (a two-character escape token is never alphabetic). */
export function isAlpha(token: string): boolean {
  return /^\p{L}$/u.test(token);
}

/** str.isidentifier() */
export function isIdentifier(s: string): boolean {
  return /^[\p{XID_Start}_]\p{XID_Continue}*$/u.test(s);
}

const NOT_PRINTABLE = /[\p{Cc}\p{Cf}\p{Cs}\p{Co}\p{Cn}\p{Zl}\p{Zp}\p{Zs}]/u;

/** repr() of a str */
export function pyRepr(s: string): string {
  const quote = s.includes("'") && !s.includes('"') ? '"' : "'";
  let out = quote;
  for (const ch of s) {
    const cp = ch.codePointAt(0)!;
    if (ch === quote || ch === '\\') out += '\\' + ch;
    else if (ch === '\t') out += '\\t';
    else if (ch === '\n') out += '\\n';
    else if (ch === '\r') out += '\\r';
    else if (cp < 0x20 || cp === 0x7f) out += '\\x' + cp.toString(16).padStart(2, '0');
    else if (cp < 0x7f || !NOT_PRINTABLE.test(ch)) out += ch;
    else if (cp <= 0xff) out += '\\x' + cp.toString(16).padStart(2, '0');
    else if (cp <= 0xffff) out += '\\u' + cp.toString(16).padStart(4, '0');
    else out += '\\U' + cp.toString(16).padStart(8, '0');
  }
  return out + quote;
}

const PY_SPACE = new RegExp(`^${UNICODE_CATEGORIES.s}$`, 'v');

/** The value of a decimal digit (Unicode Nd digits come in runs of ten starting at 0). */
function decimalValue(ch: string): number | null {
  if (!/^\p{Nd}$/u.test(ch)) return null;
  let cp = ch.codePointAt(0)!;
  let run = 0;
  while (/^\p{Nd}$/u.test(String.fromCodePoint(cp - 1))) {
    cp--;
    run++;
  }
  return run % 10;
}

/** int(s) for a str (decimal digits of any script, "_" separators, surrounding spaces); null on ValueError. */
export function pyInt(s: string): bigint | null {
  let ascii = '';
  for (const ch of s) {
    const cp = ch.codePointAt(0)!;
    if (cp < 127) ascii += ch;
    else if (PY_SPACE.test(ch)) ascii += ' ';
    else {
      const digit = decimalValue(ch);
      if (digit === null) return null;
      ascii += String(digit);
    }
  }
  const m = /^[ \t\n\r\v\f]*([+-]?)([0-9]+(?:_[0-9]+)*)[ \t\n\r\v\f]*$/.exec(ascii);
  if (!m) return null;
  const digits = m[2]!.replaceAll('_', '');
  if (digits.length > 4300) return null; // sys.int_info.default_max_str_digits
  const value = BigInt(digits);
  return m[1] === '-' ? -value : value;
}
