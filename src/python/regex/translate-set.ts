// Literals and sets as JavaScript v-mode classes, matched under IGNORECASE as sre does.

import { CASED_LIMIT, getCaseTables, isCased } from './case-folding.js';
import { ASCII, IGNORECASE } from './constants.js';
import { singleLiteral } from './optimize-branches.js';
import type { ClassItem, Node } from './tree.js';
import { categoryClass } from './unicode.js';

/** A code point as a v-mode class member or atom. */
function esc(cp: number): string {
  if ((cp >= 0x30 && cp <= 0x39) || (cp >= 0x41 && cp <= 0x5a) || (cp >= 0x61 && cp <= 0x7a) || cp === 0x5f) return String.fromCodePoint(cp);
  return `\\u{${cp.toString(16)}}`;
}

function isAsciiLetterCp(cp: number): boolean {
  return (cp >= 0x41 && cp <= 0x5a) || (cp >= 0x61 && cp <= 0x7a);
}

function memberRange(item: ClassItem): [number, number] | null {
  if (item.k === 'cat') return null;
  return item.k === 'lit' ? [item.cp, item.cp] : [item.lo, item.hi];
}

/** Whether a set member holds a cased character (ascii_iscased under ASCII). */
export function memberHasCased(item: ClassItem, flags: number): boolean {
  const range = memberRange(item);
  if (range === null) return false;
  const [lo, hi] = range;
  if (flags & ASCII) return lo <= 0x7a && hi >= 0x41 && !(lo > 0x5a && hi < 0x61);
  for (let cp = lo; cp <= Math.min(hi, CASED_LIMIT - 1); cp++) if (isCased(cp)) return true;
  return false;
}

/**
 * The code points a member matches under IGNORECASE (`hascased` sets, and cased literals as a
 * one-member set): sre tests lower(ch) against lowered members plus their _casefix extra cases,
 * i.e. the member's characters and their case variants. Except (a CPython quirk) a literal
 * outside the BMP in a set of several members: _optimize_charset keeps it unlowered in the
 * "tail", so it matches the characters whose lower() it is, not itself when it is uppercase.
 */
function foldedMember(item: ClassItem, flags: number, alone: boolean): string {
  const range = memberRange(item);
  if (range === null) return emitMember(item, flags);
  const [lo, hi] = range;
  const extra: number[] = [];
  if (flags & ASCII) {
    // ascii_tolower: only A-Z / a-z fold
    for (let cp = Math.max(lo, 0x41); cp <= Math.min(hi, 0x7a); cp++) if (isAsciiLetterCp(cp)) extra.push(cp ^ 0x20);
    // a range reaching beyond the BMP goes to the "tail" as RANGE_UNI_IGNORE, which also tests
    // the (Unicode) upper() of the character
    if (hi > 0xffff) {
      for (let cp = 0; cp < CASED_LIMIT; cp++) {
        if (!isCased(cp) || (cp >= lo && cp <= hi)) continue;
        const upper = Array.from(String.fromCodePoint(cp).toUpperCase());
        const u = upper.length === 1 ? upper[0]!.codePointAt(0)! : cp;
        if (u >= lo && u <= hi) extra.push(cp);
      }
    }
    return emitMember(item, flags) + extra.map(esc).join('');
  }
  const { classes } = getCaseTables();
  if (item.k === 'lit' && item.cp > 0xffff && !alone) {
    const lowersTo = [item.cp, ...(classes.get(item.cp) ?? [])].filter((c) => String.fromCodePoint(c).toLowerCase() === String.fromCodePoint(item.cp));
    return [...new Set(lowersTo)].map(esc).join('');
  }
  for (let cp = lo; cp <= Math.min(hi, CASED_LIMIT - 1); cp++) {
    for (const other of classes.get(cp) ?? []) if (other < lo || other > hi) extra.push(other);
  }
  return emitMember(item, flags) + extra.map(esc).join('');
}

function emitMember(item: ClassItem, flags: number): string {
  if (item.k === 'lit') return esc(item.cp);
  if (item.k === 'range') return `${esc(item.lo)}-${esc(item.hi)}`;
  return categoryClass(item.cat, flags);
}

/** A literal; under IGNORECASE as sre compares it (LITERAL_UNI_IGNORE / IN_UNI_IGNORE / LITERAL_IGNORE). */
export function emitLiteral(cp: number, flags: number): string {
  if (flags & IGNORECASE && (flags & ASCII ? isAsciiLetterCp(cp) : isCased(cp))) {
    return emitSet({ t: 'set', negate: false, items: [{ k: 'lit', cp }], flags });
  }
  return esc(cp);
}

/**
 * A set, as a v-mode class. Under IGNORECASE a set holding a cased character (`hascased`) is
 * matched through lower() (IN_UNI_IGNORE / IN_IGNORE): see foldedMember. Categories are not
 * affected by case. A set of one distinct literal is a (NOT_)LITERAL for sre (_parse).
 */
export function emitSet(node: Extract<Node, { t: 'set' }>): string {
  const { negate, items, flags } = node;
  let body: string;
  // _optimize_charset's `hascased`: a cased member, or any member beyond the BMP (its "tail")
  const hascased = items.some((item) => memberHasCased(item, flags) || (memberRange(item)?.[1] ?? 0) > 0xffff);
  if (flags & IGNORECASE && hascased) {
    const alone = singleLiteral(node);
    body = items.map((item) => foldedMember(item, flags, alone)).join('');
  } else {
    body = items.map((item) => emitMember(item, flags)).join('');
  }
  return `[${negate ? '^' : ''}${body}]`;
}
