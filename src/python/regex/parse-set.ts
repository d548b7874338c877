// _parse's "[" branch: a character set.

import { classEscape } from './parse-escapes.js';
import { cpLen } from './python-str.js';
import type { State } from './state.js';
import type { Tokenizer } from './tokenizer.js';
import type { ClassItem, Node } from './tree.js';

/** The "[" branch of _parse: a character set. */
export function parseSet(source: Tokenizer, state: State, flags: number): Node {
  const here = source.tell() - 1;
  const items: ClassItem[] = [];
  const negate = source.match('^');
  while (true) {
    const token = source.get();
    if (token === null) throw source.error('unterminated character set', source.tell() - here);
    if (token === ']' && items.length > 0) break;
    const code1 = token.startsWith('\\') ? classEscape(source, token, state) : ({ k: 'lit', cp: token.codePointAt(0)! } as const);
    if (source.match('-')) {
      // potential range
      const that = source.get();
      if (that === null) throw source.error('unterminated character set', source.tell() - here);
      if (that === ']') {
        items.push(code1, { k: 'lit', cp: 0x2d });
        break;
      }
      const code2 = that.startsWith('\\') ? classEscape(source, that, state) : ({ k: 'lit', cp: that.codePointAt(0)! } as const);
      if (code1.k !== 'lit' || code2.k !== 'lit' || code2.cp < code1.cp) {
        throw source.error(`bad character range ${token}-${that}`, cpLen(token) + 1 + cpLen(that));
      }
      items.push({ k: 'range', lo: code1.cp, hi: code2.cp });
    } else {
      items.push(code1);
    }
  }
  return { t: 'set', negate, items, flags };
}
