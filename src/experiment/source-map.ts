// Where each value of a loaded document came from, keyed by JSON pointer (RFC 6901), so that any
// later check can point the user at file:line:column.
import type { ScalarKind } from '../python/yaml11.js';

export interface Position {
  /** 1-based line. */
  readonly line: number;
  /** 1-based column, counted in UTF-16 code units like most editors. */
  readonly column: number;
}

export type { ScalarKind };

export interface NodeInfo {
  /** Where the value starts. */
  readonly pos: Position;
  /** Where its key starts, for members of a mapping. */
  readonly keyPos?: Position;
  readonly kind?: ScalarKind;
}

function pointerOf(segments: readonly (string | number)[]): string {
  return segments.map((s) => '/' + String(s).replace(/~/g, '~0').replace(/\//g, '~1')).join('');
}

function parentPointer(pointer: string): string | undefined {
  if (pointer === '') return undefined;
  return pointer.slice(0, pointer.lastIndexOf('/'));
}

export function joinPointer(pointer: string, segment: string | number): string {
  if (typeof segment === 'number') return `${pointer}/${segment}`;
  // Most keys hold neither '~' nor '/': nothing to escape (RFC 6901).
  return segment.includes('~') || segment.includes('/') ? pointer + pointerOf([segment]) : `${pointer}/${segment}`;
}

export class SourceMap {
  private readonly nodes = new Map<string, NodeInfo>();

  set(pointer: string, info: NodeInfo): void {
    this.nodes.set(pointer, info);
  }

  get(pointer: string): NodeInfo | undefined {
    return this.nodes.get(pointer);
  }

  kindOf(pointer: string): ScalarKind | undefined {
    return this.nodes.get(pointer)?.kind;
  }

  /**
   * The position to report for `pointer`: the value's own position, or for a missing member
   * the nearest ancestor that exists. `preferKey` points at a member's key rather than its value.
   */
  locate(pointer: string, preferKey = false): Position {
    for (let p: string | undefined = pointer; p !== undefined; p = parentPointer(p)) {
      const info = this.nodes.get(p);
      if (info) return (preferKey && info.keyPos) || info.pos;
    }
    return { line: 1, column: 1 };
  }
}

/** Converts string offsets into 1-based line and column. */
export class LineIndex {
  private readonly starts: number[] = [0];

  constructor(text: string) {
    for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) this.starts.push(i + 1);
  }

  position(offset: number): Position {
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if ((this.starts[mid] as number) <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, column: offset - (this.starts[lo] as number) + 1 };
  }
}
