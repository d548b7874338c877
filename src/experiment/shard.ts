// Which experiments one leg of a matrix runs (`--shard i/n`): a deterministic split in which every
// experiment lands in exactly one shard. With the durations of a previous run, the longest go first,
// each onto the least-loaded shard (ties: the lower shard); unknown experiments count as the median
// known duration. Without durations, by count: experiment k (in suite order) goes to shard k mod n.
// Pure: every leg computes the same split from the same suite, whatever machine it runs on.

export interface Shard {
  /** 1-based. */
  readonly index: number;
  readonly count: number;
}

/** How a split was balanced: by the durations of a previous run, or by count. */
export type ShardBalance = 'durations' | 'count';

/** The most shards a run may be split into (a matrix has at most 256 jobs). */
export const MAX_SHARDS = 256;

/** `2/4` → {index 2, count 4}; a string is what is wrong, worded to follow the value. */
export function parseShard(text: string): { ok: true; value: Shard } | { ok: false; problem: string } {
  const m = /^\s*(\d+)\s*\/\s*(\d+)\s*$/.exec(text);
  if (!m) return { ok: false, problem: 'expected i/n, the shard and the number of shards, such as 1/4' };
  const index = Number(m[1]);
  const count = Number(m[2]);
  if (count < 1 || count > MAX_SHARDS) return { ok: false, problem: `the number of shards must be from 1 to ${MAX_SHARDS}` };
  if (index < 1 || index > count) return { ok: false, problem: `the shard must be from 1 to ${count} (shards are counted from 1)` };
  return { ok: true, value: { index, count } };
}

/**
 * The shard (1-based) of each item, in the items' order. `durations` maps an item to its duration
 * (seconds) in a previous run; used when it knows at least one item.
 */
export function assignShards(items: readonly string[], count: number, durations?: ReadonlyMap<string, number>): { shards: number[]; balancedBy: ShardBalance } {
  const known = items.flatMap((i) => {
    const d = durations?.get(i);
    return d !== undefined && Number.isFinite(d) && d >= 0 ? [d] : [];
  });
  if (known.length === 0) return { shards: items.map((_, k) => (k % count) + 1), balancedBy: 'count' };
  const fallback = median(known);
  const weight = items.map((i) => {
    const d = durations?.get(i);
    return d !== undefined && Number.isFinite(d) && d >= 0 ? d : fallback;
  });
  // Longest first; equal durations keep the suite's order (a stable sort).
  const order = items.map((_, k) => k).sort((a, b) => (weight[b] as number) - (weight[a] as number) || a - b);
  const load = new Array<number>(count).fill(0);
  const taken = new Array<number>(count).fill(0);
  const shards = new Array<number>(items.length).fill(0);
  for (const k of order) {
    let best = 0;
    for (let s = 1; s < count; s++) {
      // Least loaded; then fewest experiments (zero-length ones still spread); then the lower shard.
      if ((load[s] as number) < (load[best] as number) || ((load[s] as number) === (load[best] as number) && (taken[s] as number) < (taken[best] as number)))
        best = s;
    }
    shards[k] = best + 1;
    load[best] = (load[best] as number) + (weight[k] as number);
    taken[best] = (taken[best] as number) + 1;
  }
  return { shards, balancedBy: 'durations' };
}

/** The items of one shard, in the items' order. */
export function selectShard<T>(
  items: readonly T[],
  keyOf: (item: T) => string,
  shard: Shard,
  durations?: ReadonlyMap<string, number>,
): { selected: T[]; balancedBy: ShardBalance } {
  const { shards, balancedBy } = assignShards(items.map(keyOf), shard.count, durations);
  return { selected: items.filter((_, k) => shards[k] === shard.index), balancedBy };
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? (sorted[mid] as number) : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}
