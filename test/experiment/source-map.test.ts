// Positions in an experiment file: JSON pointers to its values, and line/column from an offset.
import { describe, expect, it } from 'vitest';
import { joinPointer, LineIndex } from '../../src/experiment/source-map.js';

describe('source positions', () => {
  it('escape ~ and / in pointer segments (RFC 6901), and leave other keys as they are', () => {
    expect(joinPointer('/a', 'b')).toBe('/a/b');
    expect(joinPointer('/a', 3)).toBe('/a/3');
    expect(joinPointer('', 'x~y/z')).toBe('/x~0y~1z');
    expect(joinPointer('', '')).toBe('/');
  });

  it('find lines after LF, CRLF and at the end', () => {
    const lines = new LineIndex('ab\ncd\r\n\nef\n');
    expect([0, 3, 7, 8, 10, 11].map((o) => lines.position(o))).toEqual([
      { line: 1, column: 1 },
      { line: 2, column: 1 },
      { line: 3, column: 1 },
      { line: 4, column: 1 },
      { line: 4, column: 3 },
      { line: 5, column: 1 },
    ]);
  });
});
