// The checks of _compiler._compile

import { MAXCODE, TEMPLATE } from './constants.js';
import { ReError } from './error.js';
import type { State } from './state.js';
import { children, type Node, type RepeatMode } from './tree.js';
import { width } from './width.js';

const REPEAT_OPCODES: Record<RepeatMode, string> = { greedy: 'MAX_REPEAT', lazy: 'MIN_REPEAT', possessive: 'POSSESSIVE_REPEAT' };

/** The errors _compiler._compile raises, in its (pre-order) traversal order; they have no position. */
export function compileChecks(node: Node, state: State): void {
  switch (node.t) {
    case 'repeat':
      if (state.flags & TEMPLATE) throw new ReError(`internal: unsupported template operator ${REPEAT_OPCODES[node.mode]}`, -1);
      compileChecks(node.body, state);
      return;
    case 'look':
      if (node.behind) {
        const [lo, hi] = width(node.body, state);
        if (lo > MAXCODE) throw new ReError('looks too much behind', -1);
        if (lo !== hi) throw new ReError('look-behind requires fixed-width pattern', -1);
      }
      compileChecks(node.body, state);
      return;
    default:
      for (const child of children(node)) compileChecks(child, state);
  }
}
