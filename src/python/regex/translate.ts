// Translation to a JavaScript RegExp source (flag `v`)

import { DOTALL, IGNORECASE, MAXREPEAT, MULTILINE } from './constants.js';
import { ReError, UNSUPPORTED } from './error.js';
import type { Parsed } from './parser.js';
import { searchFilter } from './search-filter.js';
import type { State } from './state.js';
import { emitLiteral, emitSet } from './translate-set.js';
import { children, type Node } from './tree.js';
import { categoryClass } from './unicode.js';
import { width } from './width.js';

/** Anchors: sre's AT_* codes (AT_MULTILINE / AT_UNICODE variants chosen by the flags). */
function emitAt(node: Extract<Node, { t: 'at' }>): string {
  const multiline = (node.flags & MULTILINE) !== 0;
  switch (node.at) {
    case 'beginning':
      return multiline ? '(?<![^\\n])' : '^';
    case 'end':
      return multiline ? '(?![^\\n])' : '(?=\\n?$)';
    case 'beginning_string':
      return '^';
    case 'end_string':
      return '$';
    case 'boundary': {
      const w = categoryClass('w', node.flags);
      return `(?:(?<=${w})(?!${w})|(?<!${w})(?=${w}))`;
    }
    case 'non_boundary': {
      // AT_NON_BOUNDARY fails on an empty string
      const w = categoryClass('w', node.flags);
      return `(?:(?<=${w})(?=${w})|(?<!${w})(?!${w}))(?:(?<=[^])|(?=[^]))`;
    }
  }
}

function quantifier(min: number, max: number): string {
  if (max === MAXREPEAT) return min === 0 ? '*' : min === 1 ? '+' : `{${min},}`;
  if (min === 0 && max === 1) return '?';
  return min === max ? `{${min}}` : `{${min},${max}}`;
}

/** Whether, in match priority order, `node` can match the empty string before a non-empty one. */
function emptyFirst(node: Node, state: State): boolean {
  const canEmpty = (n: Node): boolean => width(n, state)[0] === 0n;
  const canNonEmpty = (n: Node): boolean => width(n, state)[1] > 0n;
  const alternatives = (branches: Node[]): boolean =>
    branches.some((b) => emptyFirst(b, state)) || branches.some((b, i) => canEmpty(b) && branches.slice(i + 1).some(canNonEmpty));
  switch (node.t) {
    case 'seq':
      return node.items.every(canEmpty) && node.items.some((item) => emptyFirst(item, state));
    case 'alt':
      return alternatives(node.branches);
    case 'cond':
      return alternatives([node.yes, node.no ?? { t: 'seq', items: [] }]);
    case 'group':
      return emptyFirst(node.body, state);
    case 'repeat':
      if (node.mode === 'lazy') return canNonEmpty(node.body) && (node.min === 0 || canEmpty(node.body));
      return node.mode === 'greedy' && emptyFirst(node.body, state);
    default:
      return false;
  }
}

type Step = { node: Node; key: number };
type Participation = 'always' | 'never' | 'maybe';

export class Translator {
  private readonly groupPaths = new Map<number, Step[]>();
  private readonly usePaths = new Map<Node, Step[]>();
  private atomicCount = 0;
  private readonly parsed: Parsed;

  constructor(parsed: Parsed) {
    this.parsed = parsed;
  }

  translate(): string {
    this.index(this.parsed.root, []);
    const hasBackreference = [...this.usePaths.keys()].some((use) => use.t === 'ref');
    this.checkLoopOrder(this.parsed.root, hasBackreference, false, false);
    return searchFilter(this.parsed.root, this.parsed.state.flags) + this.emit(this.parsed.root, false);
  }

  /**
   * sre and JS explore a loop whose body can match the empty string in a different order: sre
   * accepts an empty iteration and stops looping (MAX_UNTIL's "zero-width match protection"),
   * JS rejects the empty iteration and backtracks into the body. Same set of matches, so
   * re.search agrees, except where the first match found matters: inside an atomic group or a
   * possessive repeat (when the body can match empty before non-empty), or when a
   * backreference reads what such a loop captured. Those few patterns are unsupported.
   */
  private checkLoopOrder(node: Node, hasBackreference: boolean, inAtomic: boolean, inLookbehind: boolean): void {
    const state = this.parsed.state;
    if (node.t === 'repeat' && node.max > 0) {
      const [lo, hi] = width(node.body, state);
      if (hasBackreference && lo === 0n && hi > 0n) {
        throw new ReError(
          `${UNSUPPORTED} a backreference in a pattern with a repeat of a subpattern that can match the empty string (sre and JavaScript capture differently there)`,
          -1,
        );
      }
      if (inAtomic && !inLookbehind && node.mode === 'greedy' && emptyFirst(node.body, state)) {
        throw new ReError(
          `${UNSUPPORTED} an atomic group or possessive repeat around a repeat of a subpattern that can match the empty string first (sre and JavaScript try its matches in a different order)`,
          -1,
        );
      }
    }
    const atomicHere = node.t === 'atomic' || (node.t === 'repeat' && node.mode === 'possessive');
    const lookbehind = node.t === 'look' ? node.behind : inLookbehind;
    for (const child of children(node)) this.checkLoopOrder(child, hasBackreference, inAtomic || atomicHere, lookbehind);
  }

  /** Records the ancestors of every capturing group, backreference and conditional. */
  private index(node: Node, path: Step[]): void {
    if (node.t === 'group' && node.id !== null) this.groupPaths.set(node.id, path);
    if (node.t === 'ref' || node.t === 'cond') this.usePaths.set(node, path);
    children(node).forEach((child, key) => {
      this.index(child, [...path, { node, key }]);
    });
  }

  /**
   * Whether group `id` has certainly / certainly not / maybe participated when `use` is reached.
   * sre fails a reference to an unset group, JS matches it as empty, and JS also resets the
   * captures of a quantified group at each iteration: only the certain cases are translated.
   */
  private participation(id: number, use: Node): Participation {
    const gp = this.groupPaths.get(id);
    const up = this.usePaths.get(use);
    if (gp === undefined || up === undefined) return 'maybe';
    let k = 0;
    while (k < gp.length && k < up.length && gp[k]!.node === up[k]!.node && gp[k]!.key === up[k]!.key) k++;
    if (k === gp.length || k === up.length) return 'maybe'; // one inside the other
    const fork = gp[k]!;
    if (fork.node.t !== 'seq' || fork.key > up[k]!.key) return 'maybe'; // other branch, or the group comes later
    let result: Participation = 'always';
    for (const { node } of gp.slice(k + 1)) {
      if ((node.t === 'look' && node.negate) || (node.t === 'repeat' && node.max === 0)) return 'never';
      if (node.t === 'alt' || node.t === 'cond' || (node.t === 'repeat' && node.min === 0)) result = 'maybe';
    }
    return result;
  }

  /** (?>...) as a lookahead capture consumed by a backreference; plain inside a (fixed-width) look-behind. */
  private atomic(body: string, inLookbehind: boolean): string {
    if (inLookbehind) return `(?:${body})`;
    const name = `a${++this.atomicCount}`;
    return `(?=(?<${name}>${body}))\\k<${name}>`;
  }

  private emit(node: Node, inLookbehind: boolean): string {
    switch (node.t) {
      case 'lit':
        return emitLiteral(node.cp, node.flags);
      case 'any':
        return node.flags & DOTALL ? '[^]' : '[^\\n]';
      case 'set':
        return emitSet(node);
      case 'at':
        return emitAt(node);
      case 'seq':
        return node.items.map((item) => this.emit(item, inLookbehind)).join('');
      case 'alt':
        return `(?:${node.branches.map((branch) => this.emit(branch, inLookbehind)).join('|')})`;
      case 'group':
        return node.id === null ? `(?:${this.emit(node.body, inLookbehind)})` : `(?<g${node.id}>${this.emit(node.body, inLookbehind)})`;
      case 'atomic':
        return this.atomic(this.emit(node.body, inLookbehind), inLookbehind);
      case 'look':
        return `(?${node.behind ? '<' : ''}${node.negate ? '!' : '='}${this.emit(node.body, node.behind)})`;
      case 'repeat': {
        const body = this.emit(node.body, inLookbehind);
        const quantified = `(?:${body})${quantifier(node.min, node.max)}`;
        if (node.mode === 'lazy') return quantified + '?';
        if (node.mode === 'greedy') return quantified;
        // sre's POSSESSIVE_REPEAT matches each iteration on its own (no backtracking into it), then the tail
        return this.atomic(`(?:${this.atomic(body, inLookbehind)})${quantifier(node.min, node.max)}`, inLookbehind);
      }
      case 'ref':
        return this.emitRef(node);
      case 'cond':
        return this.emitCond(node, inLookbehind);
    }
  }

  private emitRef(node: Extract<Node, { t: 'ref' }>): string {
    switch (this.participation(node.id, node)) {
      case 'never':
        return '(?!)';
      case 'maybe':
        throw new ReError(
          `${UNSUPPORTED} backreference to group ${node.id}, which may not have participated in the match at that point (JavaScript would match it as empty)`,
          node.pos,
        );
      case 'always':
        if (node.flags & IGNORECASE) {
          throw new ReError(`${UNSUPPORTED} backreference under IGNORECASE (sre compares lower() of each character, JavaScript has no equivalent)`, node.pos);
        }
        return `\\k<g${node.id}>`;
    }
  }

  private emitCond(node: Extract<Node, { t: 'cond' }>, inLookbehind: boolean): string {
    switch (this.participation(node.id, node)) {
      case 'never':
        return node.no === null ? '' : `(?:${this.emit(node.no, inLookbehind)})`;
      case 'maybe':
        throw new ReError(`${UNSUPPORTED} conditional (?(${node.id})...) on a group that may or may not have participated at that point`, node.pos);
      case 'always':
        return `(?:${this.emit(node.yes, inLookbehind)})`;
    }
  }
}
