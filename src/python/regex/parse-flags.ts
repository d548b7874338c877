// _parse_flags: inline flags "(?aimsux)" and "(?aimsux-imsx:...)".

import { FLAGS, GLOBAL_FLAGS, TYPE_FLAGS } from './constants.js';
import { cpLen, isAlpha } from './python-str.js';
import type { State } from './state.js';
import type { Tokenizer } from './tokenizer.js';

/** _parse_flags: null for global flags "(?imsx)", else [add, del] for "(?i-s:" */
export function parseFlags(source: Tokenizer, state: State, first: string): [number, number] | null {
  let char: string | null = first;
  let add = 0;
  let del = 0;
  if (char !== '-') {
    while (true) {
      const flag = FLAGS.get(char)!;
      if (char === 'L') throw source.error("bad inline flags: cannot use 'L' flag with a str pattern");
      add |= flag;
      if (flag & TYPE_FLAGS && (add & TYPE_FLAGS) !== flag) throw source.error("bad inline flags: flags 'a', 'u' and 'L' are incompatible");
      char = source.get();
      if (char === null) throw source.error('missing -, : or )');
      if (char === ')' || char === '-' || char === ':') break;
      if (!FLAGS.has(char)) throw source.error(isAlpha(char) ? 'unknown flag' : 'missing -, : or )', cpLen(char));
    }
  }
  if (char === ')') {
    state.flags |= add;
    return null;
  }
  if (add & GLOBAL_FLAGS) throw source.error('bad inline flags: cannot turn on global flag', 1);
  if (char === '-') {
    char = source.get();
    if (char === null) throw source.error('missing flag');
    if (!FLAGS.has(char)) throw source.error(isAlpha(char) ? 'unknown flag' : 'missing flag', cpLen(char));
    while (true) {
      const flag = FLAGS.get(char)!;
      if (flag & TYPE_FLAGS) throw source.error("bad inline flags: cannot turn off flags 'a', 'u' and 'L'");
      del |= flag;
      char = source.get();
      if (char === null) throw source.error('missing :');
      if (char === ':') break;
      if (!FLAGS.has(char)) throw source.error(isAlpha(char) ? 'unknown flag' : 'missing :', cpLen(char));
    }
  }
  if (del & GLOBAL_FLAGS) throw source.error('bad inline flags: cannot turn off global flag', 1);
  if (add & del) throw source.error('bad inline flags: flag turned on and off', 1);
  return [add, del];
}
