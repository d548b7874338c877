import { describe, expect, it } from 'vitest';
import { assignShards, parseShard, selectShard } from '../../src/experiment/shard.js';
import { prng } from '../support/prng.js';

const files = (n: number): string[] => Array.from({ length: n }, (_, k) => `experiments/e${String(k).padStart(3, '0')}.json`);
const makespan = (shards: number[], weights: number[], count: number): number => {
  const load = new Array<number>(count).fill(0);
  for (const [k, s] of shards.entries()) load[s - 1] = (load[s - 1] as number) + (weights[k] as number);
  return Math.max(...load);
};

describe('parseShard', () => {
  it('reads i/n', () => {
    expect(parseShard('2/4')).toEqual({ ok: true, value: { index: 2, count: 4 } });
    expect(parseShard(' 1 / 1 ')).toEqual({ ok: true, value: { index: 1, count: 1 } });
  });
  it('says what is wrong with 0/4, 5/4, a/b and 1/0', () => {
    expect(parseShard('0/4')).toEqual({ ok: false, problem: 'the shard must be from 1 to 4 (shards are counted from 1)' });
    expect(parseShard('5/4')).toEqual({ ok: false, problem: 'the shard must be from 1 to 4 (shards are counted from 1)' });
    expect(parseShard('a/b')).toEqual({ ok: false, problem: 'expected i/n, the shard and the number of shards, such as 1/4' });
    expect(parseShard('3')).toMatchObject({ ok: false });
    expect(parseShard('1/0')).toEqual({ ok: false, problem: 'the number of shards must be from 1 to 256' });
  });
});

describe('assignShards', () => {
  it('puts every experiment in exactly one shard, the same way every time (property, 300 random suites)', () => {
    const random = prng(12);
    for (let run = 0; run < 300; run++) {
      const items = files(Math.floor(random() * 60));
      const count = 1 + Math.floor(random() * 9);
      const durations = random() < 0.5 ? undefined : new Map(items.filter(() => random() < 0.8).map((f) => [f, Math.floor(random() * 600)]));
      const a = assignShards(items, count, durations);
      const b = assignShards([...items], count, durations ? new Map(durations) : undefined);
      expect(a).toEqual(b);
      expect(a.shards).toHaveLength(items.length);
      for (const s of a.shards) expect(s >= 1 && s <= count).toBe(true);
      // Selecting each shard in turn gives back every item once, in the suite's order.
      const union = Array.from({ length: count }, (_, i) => selectShard(items, (f) => f, { index: i + 1, count }, durations).selected).flat();
      expect([...union].sort()).toEqual(items);
      expect(new Set(union).size).toBe(items.length);
    }
  });

  it('by count without durations: round robin in suite order, shard sizes differ by at most one', () => {
    const { shards, balancedBy } = assignShards(files(10), 4);
    expect(balancedBy).toBe('count');
    expect(shards).toEqual([1, 2, 3, 4, 1, 2, 3, 4, 1, 2]);
  });

  it('balances skewed durations better than count does (property, 200 random skewed suites)', () => {
    const random = prng(7);
    let strictlyBetter = 0;
    for (let run = 0; run < 200; run++) {
      const items = files(8 + Math.floor(random() * 40));
      const count = 2 + Math.floor(random() * 5);
      // A few long experiments among many short ones.
      const weights = items.map(() => (random() < 0.15 ? 300 + Math.floor(random() * 600) : 1 + Math.floor(random() * 20)));
      const durations = new Map(items.map((f, k) => [f, weights[k] as number]));
      const balanced = assignShards(items, count, durations);
      expect(balanced.balancedBy).toBe('durations');
      const byCount = assignShards(items, count);
      const a = makespan(balanced.shards, weights, count);
      const b = makespan(byCount.shards, weights, count);
      expect(a).toBeLessThanOrEqual(b);
      if (a < b) strictlyBetter++;
      // LPT is within 4/3 of the optimum, which is at least the mean load and the longest item.
      const lower = Math.max(weights.reduce((x, y) => x + y, 0) / count, Math.max(...weights));
      expect(a).toBeLessThanOrEqual((4 / 3) * lower + 1e-9);
    }
    expect(strictlyBetter).toBeGreaterThan(100);
  });

  it('gives an experiment the durations do not know the median known duration', () => {
    const items = ['a', 'b', 'c', 'new'];
    // Known: 100, 10, 10 → median 10; `new` counts as 10, so the 100 s one is alone in a shard.
    const { shards } = assignShards(
      items,
      2,
      new Map([
        ['a', 100],
        ['b', 10],
        ['c', 10],
      ]),
    );
    expect(shards[0]).toBe(1);
    expect(shards.slice(1)).toEqual([2, 2, 2]);
  });

  it('breaks ties by suite order, and spreads zero-length experiments', () => {
    const items = files(6);
    const { shards } = assignShards(items, 3, new Map(items.map((f) => [f, 0])));
    expect(shards).toEqual([1, 2, 3, 1, 2, 3]);
  });

  it('durations that know none of the experiments fall back to count', () => {
    expect(assignShards(files(3), 2, new Map([['other', 5]])).balancedBy).toBe('count');
  });
});
