// Widths (SubPattern.getwidth)

import { MAXREPEAT, MAXWIDTH } from './constants.js';
import type { State } from './state.js';
import type { Node, Width } from './tree.js';

export function width(node: Node, state: State): Width {
  switch (node.t) {
    case 'lit':
    case 'any':
    case 'set':
      return [1n, 1n];
    case 'at':
    case 'look':
      return [0n, 0n];
    case 'group':
    case 'atomic':
      return width(node.body, state);
    case 'seq': {
      let lo = 0n;
      let hi = 0n;
      for (const item of node.items) {
        const [l, h] = width(item, state);
        lo += l;
        hi += h;
      }
      return [lo < MAXWIDTH ? lo : MAXWIDTH, hi < MAXWIDTH ? hi : MAXWIDTH];
    }
    case 'alt': {
      let lo = MAXWIDTH;
      let hi = 0n;
      for (const branch of node.branches) {
        const [l, h] = width(branch, state);
        if (l < lo) lo = l;
        if (h > hi) hi = h;
      }
      return [lo, hi];
    }
    case 'repeat': {
      const [i, j] = width(node.body, state);
      const lo = i * BigInt(node.min);
      const hi = node.max === MAXREPEAT && j ? MAXWIDTH : j * BigInt(node.max);
      return [lo < MAXWIDTH ? lo : MAXWIDTH, hi < MAXWIDTH ? hi : MAXWIDTH];
    }
    case 'ref':
      return state.groupwidths[node.id]!;
    case 'cond': {
      let [i, j] = width(node.yes, state);
      if (node.no !== null) {
        const [l, h] = width(node.no, state);
        if (l < i) i = l;
        if (h > j) j = h;
      } else {
        i = 0n;
      }
      return [i, j];
    }
  }
}
