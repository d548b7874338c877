// Array slices: the indices jsonpath2's ArraySliceSubscript visits.

import type { Subscript } from './ast.js';
import { JsonPathEvaluationError } from './errors.js';

export type Slice = Extract<Subscript, { kind: 'slice' }>;

/**
 * subscripts/arrayslice.py feeds Python's `range(start, end, step)` to ArrayIndexSubscript, so:
 * a missing start is 0 and a missing end is len() even when the step is negative (`[::-1]` and
 * `[2::-1]` are empty), and the range may reach negative indices, which then count from the end
 * (`[2:-5:-1]` on three elements selects indices 2, 1, 0, -1). A negative start counts from the end,
 * clamped at 0 (arrayslice.py spells this `start + (len if abs(start) < len else abs(start))`).
 * We walk the same range but skip the stretch that cannot hit an element.
 */
export function* sliceIndices(length: bigint, slice: Slice): Generator<bigint> {
  const step = slice.step ?? 1n;
  if (step === 0n) throw new JsonPathEvaluationError('slice step cannot be zero (jsonpath2 raises "range() arg 3 must not be zero")');
  const start = slice.start === null ? 0n : slice.start >= 0n ? slice.start : max(slice.start + length, 0n);
  const end = slice.end === null ? length : slice.end < 0n ? slice.end + length : slice.end;
  // Here start >= 0; indices outside [-length, length) match nothing.
  if (step > 0n) {
    for (let i = start; i < end && i < length; i += step) yield i;
    return;
  }
  const stride = -step;
  let i = start;
  if (i >= length) i -= ((i - length + stride) / stride) * stride; // first range element below length
  for (; i > end && i >= -length; i += step) yield i;
}

function max(a: bigint, b: bigint): bigint {
  return a > b ? a : b;
}
