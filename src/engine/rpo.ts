// Observed RPO from the durability canary's writes and the sequence numbers that survived:
// the span of acknowledged writes that were lost, from the last write that survived before the
// first lost one to the last lost one. A write that was not acknowledged is unavailability, not
// loss: it counts neither way, but if it survived it still marks data that was kept. When nothing
// survived before the first lost write, the span starts one tick (one canary interval) before it,
// as if that tick had been the last survivor: the real RPO is at least this long.

export interface CanaryWrite {
  readonly seq: number;
  /** Seconds since the fault when the write was sent (its `${canary_ts}`). */
  readonly at: number;
  /** The provider succeeded (http 2xx, exit 0, the insert committed). */
  readonly acknowledged: boolean;
  /** Seconds the write took. */
  readonly latency: number;
  readonly error?: string;
}

export interface RpoMeasure {
  /** Seconds; 0 when nothing acknowledged was lost. */
  readonly rpo: number;
  readonly acknowledged: number;
  /** Acknowledged writes missing from the survivors. */
  readonly lost: number;
  /** Writes that were not acknowledged. */
  readonly failed: number;
  /** The lost sequence numbers, as inclusive ranges. */
  readonly lostRanges: [number, number][];
  /**
   * No write survived before the first lost one: the RPO is counted from one tick before the
   * first lost write (its previous write, or one canary interval earlier), so the real one is at
   * least this long.
   */
  readonly lowerBound: boolean;
  /** Survivors the canary never wrote: the read returns records that are not this run's. */
  readonly strays: number;
}

const round = (s: number): number => Math.round(s * 1000) / 1000;

/** `interval`: the canary's interval in seconds, the tick before the first write. */
export function measureRpo(writes: readonly CanaryWrite[], survivorList: Iterable<number>, interval: number): RpoMeasure {
  const survivors = new Set(survivorList);
  const ordered = [...writes].sort((a, b) => a.seq - b.seq);
  const written = new Set(ordered.map((w) => w.seq));
  let strays = 0;
  for (const s of survivors) if (!written.has(s)) strays++;
  const lostWrites = ordered.filter((w) => w.acknowledged && !survivors.has(w.seq));
  const acknowledged = ordered.filter((w) => w.acknowledged).length;
  const failed = ordered.length - acknowledged;
  const first = lostWrites[0];
  const last = lostWrites.at(-1);
  if (!first || !last) return { rpo: 0, acknowledged, lost: 0, failed, lostRanges: [], lowerBound: false, strays };
  const keptBefore = ordered.findLast((w) => w.seq < first.seq && survivors.has(w.seq));
  // Nothing kept before the loss: the tick before the first lost write, as if it had survived (a
  // write before it did not survive, so it failed; a tick is at least one interval).
  const tickBefore = ordered.findLast((w) => w.seq < first.seq);
  const from = keptBefore ? keptBefore.at : Math.min(first.at - interval, tickBefore?.at ?? Number.POSITIVE_INFINITY);
  return {
    rpo: round(Math.max(0, last.at - from)),
    acknowledged,
    lost: lostWrites.length,
    failed,
    lostRanges: ranges(lostWrites.map((w) => w.seq)),
    lowerBound: !keptBefore,
    strays,
  };
}

/** [1, 2, 3, 7, 9, 10] → [[1, 3], [7, 7], [9, 10]] (input sorted). */
export function ranges(seqs: readonly number[]): [number, number][] {
  const out: [number, number][] = [];
  for (const s of seqs) {
    const lastRange = out.at(-1);
    if (lastRange && s === lastRange[1] + 1) lastRange[1] = s;
    else out.push([s, s]);
  }
  return out;
}
