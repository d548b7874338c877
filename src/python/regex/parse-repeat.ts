// _parse's repeat branch: "*", "+", "?", "{m,n}", and their lazy / possessive forms.

import { DIGITS, MAXREPEAT } from './constants.js';
import { ReError } from './error.js';
import { cpLen } from './python-str.js';
import type { Tokenizer } from './tokenizer.js';
import type { Node, RepeatMode } from './tree.js';

/** The repeat branch of _parse ("*", "+", "?", "{m,n}"): replaces the last item of `items`. */
export function parseRepeat(source: Tokenizer, token: string, items: Node[], flags: number): void {
  const here = source.tell();
  let min = 0;
  let max = MAXREPEAT;
  if (token === '?') {
    max = 1;
  } else if (token === '+') {
    min = 1;
  } else if (token === '{') {
    if (source.next === '}') {
      items.push({ t: 'lit', cp: 0x7b, flags });
      return;
    }
    let lo = '';
    let hi = '';
    while (source.next !== null && DIGITS.has(source.next)) lo += source.get();
    if (source.match(',')) {
      while (source.next !== null && DIGITS.has(source.next)) hi += source.get();
    } else {
      hi = lo;
    }
    if (!source.match('}')) {
      // not a quantifier: a literal "{"
      items.push({ t: 'lit', cp: 0x7b, flags });
      source.seek(here);
      return;
    }
    if (lo) min = repeatCount(lo);
    if (hi) {
      max = repeatCount(hi);
      if (max < min) throw source.error('min repeat greater than max repeat', source.tell() - here);
    }
  }
  const item = items[items.length - 1];
  if (item === undefined || item.t === 'at') throw source.error('nothing to repeat', source.tell() - here + cpLen(token));
  if (item.t === 'repeat') throw source.error('multiple repeat', source.tell() - here + cpLen(token));
  let mode: RepeatMode = 'greedy';
  if (source.match('?')) mode = 'lazy';
  else if (source.match('+')) mode = 'possessive';
  items[items.length - 1] = { t: 'repeat', min, max, mode, body: item };
}

function repeatCount(digits: string): number {
  if (BigInt(digits) >= BigInt(MAXREPEAT)) throw new ReError('the repetition number is too large', -1);
  return Number(digits);
}
