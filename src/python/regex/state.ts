// Parser state: _parser.State, and the scoped flags in force at a position.

import { TYPE_FLAGS } from './constants.js';
import { ReError, UNSUPPORTED } from './error.js';
import { pyRepr } from './python-str.js';
import type { Tokenizer } from './tokenizer.js';
import type { Node, Width } from './tree.js';
import { width } from './width.js';

export class State {
  flags = 0;
  readonly groupdict = new Map<string, number>();
  readonly groupwidths: (Width | null)[] = [null];
  lookbehindgroups: number | null = null;
  readonly grouprefpos = new Map<number, number>();
  unsupported: ReError | null = null;

  get groups(): number {
    return this.groupwidths.length;
  }

  /** Returns the new group id, or an error message (the caller positions it). */
  opengroup(name: string | null): number | string {
    const gid = this.groups;
    this.groupwidths.push(null);
    if (name !== null) {
      const ogid = this.groupdict.get(name);
      if (ogid !== undefined) return `redefinition of group name ${pyRepr(name)} as group ${gid}; was group ${ogid}`;
      this.groupdict.set(name, gid);
    }
    return gid;
  }

  closegroup(gid: number, body: Node): void {
    this.groupwidths[gid] = width(body, this);
  }

  checkgroup(gid: number): boolean {
    return gid < this.groups && this.groupwidths[gid] !== null;
  }

  checklookbehindgroup(gid: number, source: Tokenizer): void {
    if (this.lookbehindgroups !== null) {
      if (!this.checkgroup(gid)) throw source.error('cannot refer to an open group');
      if (gid >= this.lookbehindgroups) throw source.error('cannot refer to group defined in the same lookbehind subpattern');
    }
  }

  markUnsupported(msg: string, pos: number): void {
    this.unsupported ??= new ReError(`${UNSUPPORTED} ${msg}`, pos);
  }
}

/** _compiler._combine_flags */
function combineFlags(flags: number, add: number, del: number): number {
  if (add & TYPE_FLAGS) flags &= ~TYPE_FLAGS;
  return (flags | add) & ~del;
}

/** Scoped flag groups enclosing the current position, outermost first. */
export type Scopes = ReadonlyArray<readonly [number, number]>;

export function effectiveFlags(state: State, scopes: Scopes): number {
  return scopes.reduce((flags, [add, del]) => combineFlags(flags, add, del), state.flags);
}
