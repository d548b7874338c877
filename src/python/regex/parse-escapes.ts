// Escapes: _parser._escape (outside a set) and _parser._class_escape (inside a set).

import { AT_ESCAPES, CATEGORY_ESCAPES, DIGITS, ESCAPES, HEXDIGITS, OCTDIGITS } from './constants.js';
import { ReError } from './error.js';
import { cpLen, isAsciiLetter, pyRepr } from './python-str.js';
import type { State } from './state.js';
import type { Tokenizer } from './tokenizer.js';
import type { Category, ClassItem, Node } from './tree.js';

/** Escapes shared by _escape and _class_escape: \x \u \U \N. null when `escape` is none of them. */
// biome-ignore lint/suspicious/noShadowRestrictedNames: sre_parse's parameter name, kept for a line-by-line reading
function numericEscape(source: Tokenizer, escape: string, state: State): number | null {
  const c = escape[1];
  if (c === 'x' || c === 'u' || c === 'U') {
    const size = c === 'x' ? 2 : c === 'u' ? 4 : 8;
    escape += source.getwhile(size, HEXDIGITS);
    if (escape.length !== size + 2) throw source.error(`incomplete escape ${escape}`, escape.length);
    const value = parseInt(escape.slice(2), 16);
    // chr() raises OverflowError beyond a C int, ValueError (turned into "bad escape") beyond 0x10ffff
    if (value > 0x7fffffff) throw new ReError('Python int too large to convert to C int', -1);
    if (value > 0x10ffff) throw source.error(`bad escape ${escape}`, escape.length);
    return value;
  }
  if (c === 'N') {
    // named unicode escape e.g. \N{EM DASH}
    if (!source.match('{')) throw source.error('missing {');
    const charname = source.getuntil('}', 'character name');
    // Unicode names and aliases are words of A-Z, 0-9 and "-" not starting with a digit, joined
    // by single spaces (unicodedata.lookup ignores case): anything else is surely undefined.
    if (cpLen(charname) < 2 || !/^[A-Za-z-][A-Za-z0-9-]*(?: [A-Za-z-][A-Za-z0-9-]*)*$/.test(charname)) {
      throw source.error(`undefined character name ${pyRepr(charname)}`, cpLen(charname) + 4);
    }
    state.markUnsupported(
      '\\N{...} named character escapes (no Unicode name database in Node: write the character or \\uXXXX)',
      source.tell() - cpLen(charname) - 4,
    );
    return 0xfffd;
  }
  return null;
}

/** _class_escape: an escape inside a set */
// biome-ignore lint/suspicious/noShadowRestrictedNames: sre_parse's parameter name, kept for a line-by-line reading
export function classEscape(source: Tokenizer, escape: string, state: State): ClassItem {
  const code = ESCAPES.get(escape);
  if (code !== undefined) return { k: 'lit', cp: code };
  if (CATEGORY_ESCAPES.has(escape)) return { k: 'cat', cat: escape[1] as Category };
  const numeric = numericEscape(source, escape, state);
  if (numeric !== null) return { k: 'lit', cp: numeric };
  const c = escape.slice(1);
  if (OCTDIGITS.has(c)) {
    // octal escape (up to three digits)
    escape += source.getwhile(2, OCTDIGITS);
    const value = parseInt(escape.slice(1), 8);
    if (value > 0o377) throw source.error(`octal escape value ${escape} outside of range 0-0o377`, cpLen(escape));
    return { k: 'lit', cp: value };
  }
  if (!DIGITS.has(c) && !isAsciiLetter(c)) return { k: 'lit', cp: c.codePointAt(0)! };
  throw source.error(`bad escape ${escape}`, cpLen(escape));
}

/** _escape: an escape outside a set */
// biome-ignore lint/suspicious/noShadowRestrictedNames: sre_parse's parameter name, kept for a line-by-line reading
export function parseEscape(source: Tokenizer, escape: string, state: State, flags: number): Node {
  const at = AT_ESCAPES.get(escape);
  if (at !== undefined) return { t: 'at', at, flags };
  if (CATEGORY_ESCAPES.has(escape)) return { t: 'set', negate: false, items: [{ k: 'cat', cat: escape[1] as Category }], flags };
  const code = ESCAPES.get(escape);
  if (code !== undefined) return { t: 'lit', cp: code, flags };
  const numeric = numericEscape(source, escape, state);
  if (numeric !== null) return { t: 'lit', cp: numeric, flags };
  const c = escape.slice(1);
  if (c === '0') {
    // octal escape
    escape += source.getwhile(2, OCTDIGITS);
    return { t: 'lit', cp: parseInt(escape.slice(1), 8), flags };
  }
  if (DIGITS.has(c)) {
    // octal escape *or* decimal group reference (sigh)
    const escapeStart = source.tell() - 2;
    if (source.next !== null && DIGITS.has(source.next)) {
      escape += source.get();
      if (OCTDIGITS.has(escape[1]!) && OCTDIGITS.has(escape[2]!) && source.next !== null && OCTDIGITS.has(source.next)) {
        // got three octal digits; this is an octal escape
        escape += source.get();
        const value = parseInt(escape.slice(1), 8);
        if (value > 0o377) throw source.error(`octal escape value ${escape} outside of range 0-0o377`, escape.length);
        return { t: 'lit', cp: value, flags };
      }
    }
    // not an octal escape, so this is a group reference
    const group = Number(escape.slice(1));
    if (group < state.groups) {
      if (!state.checkgroup(group)) throw source.error('cannot refer to an open group', escape.length);
      state.checklookbehindgroup(group, source);
      return { t: 'ref', id: group, flags, pos: escapeStart };
    }
    throw source.error(`invalid group reference ${group}`, escape.length - 1);
  }
  if (!isAsciiLetter(c)) return { t: 'lit', cp: c.codePointAt(0)!, flags };
  throw source.error(`bad escape ${escape}`, cpLen(escape));
}
