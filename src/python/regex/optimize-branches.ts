// _parse_sub's optimisation of an alternation, and Python's equality of parsed items.

import type { ClassItem, Node, Seq } from './tree.js';

/**
 * _parse_sub's rewriting of an alternation, mirrored because sre's behaviour depends on it (see
 * emitSet): a prefix common to all branches moves out, and branches that are single literals or
 * non-negated sets become one set.
 */
export function optimizeBranches(branches: Seq[]): Node {
  const prefix: Node[] = [];
  while (branches.every((b) => b.items.length > 0)) {
    const key = itemKey(branches[0]!.items[0]!);
    if (key === null || !branches.every((b) => itemKey(b.items[0]!) === key)) break;
    prefix.push(branches[0]!.items[0]!);
    branches = branches.map((b) => ({ t: 'seq', items: b.items.slice(1) }));
  }
  const members: ClassItem[] = [];
  let flags: number | null = null;
  for (const branch of branches) {
    const only = branch.items.length === 1 ? branch.items[0]! : null;
    if (only?.t === 'lit') members.push({ k: 'lit', cp: only.cp });
    else if (only?.t === 'set' && !only.negate) members.push(...uniqueItems(only.items));
    else {
      flags = null;
      break;
    }
    flags = only.flags;
  }
  const rest: Node = flags === null ? { t: 'alt', branches } : { t: 'set', negate: false, items: uniqueItems(members), flags, fromBranches: true };
  return prefix.length ? { t: 'seq', items: [...prefix, rest] } : rest;
}

function uniqueItems(items: ClassItem[]): ClassItem[] {
  const seen = new Set<string>();
  return items.filter((item) => {
    const key = JSON.stringify(item);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** A set sre's parser turns into a LITERAL / NOT_LITERAL: one distinct member, a literal. */
export function singleLiteral(node: Extract<Node, { t: 'set' }>): boolean {
  const items = uniqueItems(node.items);
  return !node.fromBranches && items.length === 1 && items[0]!.k === 'lit';
}

/** Python's equality of two parsed items (tuples holding subpatterns compare by identity). */
function itemKey(node: Node): string | null {
  switch (node.t) {
    case 'lit':
      return `L${node.cp}`;
    case 'set': {
      const items = uniqueItems(node.items);
      if (singleLiteral(node)) return `${node.negate ? 'N' : 'L'}${(items[0] as { cp: number }).cp}`;
      return `I${node.negate}${JSON.stringify(items)}`;
    }
    case 'any':
      return 'A';
    case 'at':
      return `T${node.at}`;
    case 'ref':
      return `R${node.id}`;
    default:
      return null;
  }
}
