// Tree: the parsed pattern (the items of _parser.SubPattern).

export type Category = 'd' | 'D' | 's' | 'S' | 'w' | 'W';
export type AtKind = 'beginning' | 'end' | 'beginning_string' | 'end_string' | 'boundary' | 'non_boundary';

export type Width = readonly [bigint, bigint];
export type ClassItem = { k: 'lit'; cp: number } | { k: 'range'; lo: number; hi: number } | { k: 'cat'; cat: Category };
export type RepeatMode = 'greedy' | 'lazy' | 'possessive';

export type Node =
  | { t: 'lit'; cp: number; flags: number }
  | { t: 'any'; flags: number }
  | { t: 'set'; negate: boolean; items: ClassItem[]; flags: number; fromBranches?: true }
  | { t: 'at'; at: AtKind; flags: number }
  | { t: 'seq'; items: Node[] }
  | { t: 'alt'; branches: Node[] }
  | { t: 'group'; id: number | null; flagged: boolean; body: Node }
  | { t: 'atomic'; body: Node }
  | { t: 'look'; behind: boolean; negate: boolean; body: Node }
  | { t: 'repeat'; min: number; max: number; mode: RepeatMode; body: Node }
  | { t: 'ref'; id: number; flags: number; pos: number }
  | { t: 'cond'; id: number; yes: Node; no: Node | null; pos: number };

export type Seq = Extract<Node, { t: 'seq' }>;

/** The subpatterns directly inside `node`, in pattern order. */
export function children(node: Node): Node[] {
  switch (node.t) {
    case 'seq':
      return node.items;
    case 'alt':
      return node.branches;
    case 'group':
    case 'atomic':
    case 'look':
    case 'repeat':
      return [node.body];
    case 'cond':
      return node.no === null ? [node.yes] : [node.yes, node.no];
    default:
      return [];
  }
}
