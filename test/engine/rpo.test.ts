// Observed RPO, computed from the canary's writes and what survived: the span from the last write
// kept before the first lost one to the last lost one; failures are unavailability, not loss.
import { describe, expect, it } from 'vitest';
import { type CanaryWrite, measureRpo as measure, ranges } from '../../src/engine/rpo.js';
import { prng } from '../support/prng.js';

/** Writes every 0.2 s; `failed` lists the sequence numbers that were not acknowledged. */
function writes(count: number, failed: number[] = [], step = 0.2): CanaryWrite[] {
  return Array.from({ length: count }, (_, i) => ({
    seq: i + 1,
    at: Math.round(i * step * 1000) / 1000,
    acknowledged: !failed.includes(i + 1),
    latency: 0.01,
  }));
}
const all = (n: number): number[] => Array.from({ length: n }, (_, i) => i + 1);
const without = (list: number[], drop: number[]): number[] => list.filter((s) => !drop.includes(s));
/** The canary interval of these writes: 0.2 s. */
const measureRpo = (w: readonly CanaryWrite[], survivors: Iterable<number>, interval = 0.2) => measure(w, survivors, interval);

describe('observed RPO', () => {
  it('is 0 when every acknowledged write survived', () => {
    expect(measureRpo(writes(10), all(10))).toEqual({ rpo: 0, acknowledged: 10, lost: 0, failed: 0, lostRanges: [], lowerBound: false, strays: 0 });
  });

  it('spans from the last kept write before the loss to the last lost write', () => {
    // Kept 1..4 (4 at 0.6 s), lost 5..8 (8 at 1.4 s): 0.8 s of data.
    const m = measureRpo(writes(12), without(all(12), [5, 6, 7, 8]));
    expect(m).toMatchObject({ rpo: 0.8, lost: 4, acknowledged: 12, lostRanges: [[5, 8]], lowerBound: false });
  });

  it('counts a single lost write between two kept ones as one interval', () => {
    expect(measureRpo(writes(5), [1, 2, 4, 5])).toMatchObject({ rpo: 0.2, lost: 1, lostRanges: [[3, 3]] });
  });

  it('does not count failed writes as lost, and they neither start nor end the span', () => {
    // 3..5 failed (unavailable), 6..7 lost, 2 is the last kept before them.
    const m = measureRpo(writes(10, [3, 4, 5]), [1, 2, 8, 9, 10]);
    expect(m).toMatchObject({ rpo: 1.0, lost: 2, failed: 3, acknowledged: 7, lostRanges: [[6, 7]] });
  });

  it('is 0 when only failed writes are missing', () => {
    expect(measureRpo(writes(8, [4, 5, 6]), [1, 2, 3, 7, 8])).toMatchObject({ rpo: 0, lost: 0, failed: 3 });
  });

  it('counts a failed write that survived anyway as kept data', () => {
    // 4 timed out but was committed: the data up to 4 is there, so the span starts at 4.
    expect(measureRpo(writes(8, [4]), [1, 2, 3, 4, 7, 8])).toMatchObject({ rpo: 0.4, lost: 2, lostRanges: [[5, 6]] });
  });

  it('spans several separate losses from before the first to the last', () => {
    const m = measureRpo(writes(20), without(all(20), [3, 4, 10, 15, 16]));
    expect(m).toMatchObject({
      rpo: 2.8,
      lost: 5,
      lostRanges: [
        [3, 4],
        [10, 10],
        [15, 16],
      ],
    });
  });

  it('counts from one interval before the first lost write, as a lower bound, when nothing survived before it', () => {
    // As if the tick before the first write (at -0.2 s) had been the last survivor.
    expect(measureRpo(writes(6), [5, 6])).toMatchObject({ rpo: 0.8, lost: 4, lowerBound: true });
    expect(measureRpo(writes(3), [])).toMatchObject({ rpo: 0.6, lost: 3, lowerBound: true });
    expect(measureRpo(writes(1), [])).toMatchObject({ rpo: 0.2, lost: 1, lowerBound: true });
    expect(measureRpo(writes(1), [], 0.5)).toMatchObject({ rpo: 0.5, lost: 1, lowerBound: true });
  });

  it('never gives a lower bound smaller than the same loss with a survivor before it', () => {
    // A single lost write is one interval, whether or not a write before it survived.
    const kept = measureRpo(writes(3), [1, 3]);
    const nothingBefore = measureRpo(writes(2), [2]);
    expect(kept).toMatchObject({ rpo: 0.2, lowerBound: false });
    expect(nothingBefore).toMatchObject({ rpo: 0.2, lowerBound: true });
    // Failed writes before the loss (not kept): the span starts at the tick before the first lost
    // write, the last failed one (2, at 0.2 s), as if it had survived.
    expect(measureRpo(writes(5, [1, 2]), [4, 5])).toMatchObject({ rpo: 0.2, lost: 1, failed: 2, lowerBound: true });
    // A tick that took longer than the interval: its own time, not one interval back.
    const slow: CanaryWrite[] = [
      { seq: 1, at: 0, acknowledged: false, latency: 1 },
      { seq: 2, at: 1, acknowledged: true, latency: 0.01 },
    ];
    expect(measureRpo(slow, [])).toMatchObject({ rpo: 1, lost: 1, lowerBound: true });
  });

  it('does not let a single lost write at the fault pass an objective as 0', () => {
    expect(measureRpo(writes(1), []).rpo).toBeGreaterThan(0);
  });

  it('counts the loss of the last writes (a tail lost at the end of the window)', () => {
    expect(measureRpo(writes(10), all(7))).toMatchObject({ rpo: 0.6, lost: 3, lostRanges: [[8, 10]] });
  });

  it('reports survivors the canary never wrote as strays, and ignores them', () => {
    expect(measureRpo(writes(4), [1, 2, 3, 4, 99, 100])).toMatchObject({ rpo: 0, strays: 2 });
  });

  it('does not depend on the order of writes or survivors', () => {
    const w = writes(12);
    const survivors = without(all(12), [6, 7]);
    expect(measureRpo([...w].reverse(), [...survivors].reverse())).toEqual(measureRpo(w, survivors));
  });

  it('is 0 with no writes at all', () => {
    expect(measureRpo([], [])).toMatchObject({ rpo: 0, acknowledged: 0, lost: 0, failed: 0 });
  });

  it('matches a brute-force count on random histories', () => {
    const random = prng(5);
    for (let round = 0; round < 300; round++) {
      const n = 1 + Math.floor(random() * 40);
      const failed = all(n).filter(() => random() < 0.2);
      const w = writes(n, failed, 0.1);
      const survivors = all(n).filter(() => random() < 0.7);
      const m = measureRpo(w, survivors, 0.1);
      const lost = w.filter((x) => x.acknowledged && !survivors.includes(x.seq));
      expect(m.lost).toBe(lost.length);
      expect(m.acknowledged + m.failed).toBe(n);
      if (lost.length === 0) {
        expect(m.rpo).toBe(0);
        continue;
      }
      const firstLost = lost[0] as CanaryWrite;
      const keptBefore = w.filter((x) => x.seq < firstLost.seq && survivors.includes(x.seq)).at(-1);
      expect(m.lowerBound).toBe(keptBefore === undefined);
      // Nothing kept before: the tick before the first lost write (the write before it, or one
      // interval of 0.1 s before the first write).
      const tickBefore = w.filter((x) => x.seq < firstLost.seq).at(-1);
      const from = keptBefore ? keptBefore.at : (tickBefore?.at ?? firstLost.at - 0.1);
      expect(m.rpo).toBeCloseTo((lost.at(-1) as CanaryWrite).at - from, 6);
      if (!keptBefore) expect(m.rpo).toBeGreaterThan(0);
      expect(m.lostRanges.reduce((sum, [a, b]) => sum + b - a + 1, 0)).toBe(lost.length);
    }
  });
});

describe('helpers', () => {
  it('groups sequence numbers into ranges', () => {
    expect(ranges([1, 2, 3, 7, 9, 10])).toEqual([
      [1, 3],
      [7, 7],
      [9, 10],
    ]);
    expect(ranges([])).toEqual([]);
  });
});
