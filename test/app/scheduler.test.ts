// The parallel scheduler: at most N at once, conflicting locks never overlap, an exclusive
// experiment runs alone, results keep suite order, and a waiting experiment is never overtaken by
// a later one that conflicts with it.
import { describe, expect, it } from 'vitest';
import { type Claim, claimsConflict, locksConflict, runScheduled, startable } from '../../src/app/scheduler.js';

const free: Claim = { locks: [], exclusive: false };
const locks = (...l: string[]): Claim => ({ locks: l, exclusive: false });
const exclusive: Claim = { locks: [], exclusive: true };

const tick = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/** Runs the claims with jobs the test finishes by hand; records who ran alongside whom. */
function harness(claims: readonly Claim[], limit: number, stopped: () => boolean = () => false) {
  const finishers = new Map<number, (fail?: Error) => void>();
  const active = new Set<number>();
  const started: number[] = [];
  const overlaps: [number, number][] = [];
  let peak = 0;
  const done = runScheduled(
    claims,
    limit,
    (i) =>
      new Promise<string>((resolve, reject) => {
        for (const j of active) overlaps.push([j, i]);
        active.add(i);
        started.push(i);
        peak = Math.max(peak, active.size);
        finishers.set(i, (fail) => {
          active.delete(i);
          if (fail) reject(fail);
          else resolve(`result ${i}`);
        });
      }),
    stopped,
  );
  const finish = async (i: number, fail?: Error): Promise<void> => {
    const f = finishers.get(i);
    if (!f) throw new Error(`${i} has not started`);
    finishers.delete(i);
    f(fail);
    await tick();
  };
  /** Finishes whatever runs, oldest first, until everything ended. */
  const drain = async (): Promise<void> => {
    await tick();
    while (finishers.size > 0) await finish(finishers.keys().next().value as number);
  };
  return { done, finish, drain, started, overlaps, active, peak: () => peak };
}

describe('locks', () => {
  it('conflict when equal, or when one ending in * covers the other', () => {
    expect(locksConflict('rds:orders', 'rds:orders')).toBe(true);
    expect(locksConflict('rds:orders', 'rds:billing')).toBe(false);
    expect(locksConflict('aws:ec2:instance:*', 'aws:ec2:instance:i-1')).toBe(true);
    expect(locksConflict('aws:ec2:instance:i-1', 'aws:ec2:instance:*')).toBe(true);
    expect(locksConflict('aws:ec2:instance:*', 'aws:rds:cluster:orders')).toBe(false);
    expect(locksConflict('aws:*', 'aws:rds:cluster:orders')).toBe(true);
  });

  it('an exclusive claim conflicts with every other, even one without locks', () => {
    expect(claimsConflict(exclusive, free)).toBe(true);
    expect(claimsConflict(free, free)).toBe(false);
    expect(claimsConflict(locks('a', 'b'), locks('c', 'b'))).toBe(true);
  });
});

describe('which experiments may start', () => {
  it('starts in suite order up to the limit', () => {
    expect(startable([free, free, free, free], [0, 1, 2, 3], [], 2)).toEqual([0, 1]);
    expect(startable([free, free, free, free], [2, 3], [0], 2)).toEqual([2]);
  });

  it('lets a later independent experiment start while one waits for a lock', () => {
    expect(startable([locks('x'), locks('x'), locks('y')], [1, 2], [0], 3)).toEqual([2]);
  });

  it('never lets a later experiment overtake a waiting one it conflicts with', () => {
    // 1 waits for x (held by 0); 2 shares y with 1, so it waits behind 1; 3 is free to start.
    expect(startable([locks('x'), locks('x', 'y'), locks('y'), locks('z')], [1, 2, 3], [0], 4)).toEqual([3]);
  });

  it('starts an exclusive experiment only when nothing runs, and nothing after it until it ends', () => {
    expect(startable([free, exclusive, free], [1, 2], [0], 3)).toEqual([]);
    expect(startable([free, exclusive, free], [1, 2], [], 3)).toEqual([1]);
    expect(startable([exclusive, free], [1], [0], 3)).toEqual([]);
  });
});

describe('running a suite in parallel', () => {
  it('never runs more than the limit at once, and reaches it', async () => {
    const h = harness(
      Array.from({ length: 10 }, () => free),
      3,
    );
    await h.drain();
    await h.done;
    expect(h.started).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(h.peak()).toBe(3);
  });

  it('with a limit of 1 runs one after the other, in suite order', async () => {
    const h = harness([locks('a'), free, exclusive, locks('a')], 1);
    await h.drain();
    await h.done;
    expect(h.started).toEqual([0, 1, 2, 3]);
    expect(h.overlaps).toEqual([]);
  });

  it('never overlaps two experiments holding the same lock, while independent ones overlap', async () => {
    const claims = [locks('rds:orders'), locks('rds:orders'), free, locks('aws:ec2:instance:i-1'), locks('aws:ec2:instance:*'), free];
    const h = harness(claims, 6);
    await h.drain();
    await h.done;
    for (const [a, b] of h.overlaps) expect(claimsConflict(claims[a] as Claim, claims[b] as Claim), `${a} and ${b} overlapped`).toBe(false);
    // Everything without a conflict started at once.
    expect(h.overlaps).toContainEqual([0, 2]);
    expect(h.overlaps).toContainEqual([0, 3]);
    expect(h.overlaps).toContainEqual([2, 5]);
  });

  it('runs an exclusive experiment alone', async () => {
    const claims = [free, free, exclusive, free, free];
    const h = harness(claims, 5);
    await h.drain();
    await h.done;
    expect(h.overlaps.filter(([a, b]) => a === 2 || b === 2)).toEqual([]);
    expect(h.started).toEqual([0, 1, 2, 3, 4]);
  });

  it('does not let a later conflicting experiment starve a waiting one', async () => {
    // 0 holds x; 1 needs x and y; 2 and 4 need y; 3 is independent.
    const claims = [locks('x'), locks('x', 'y'), locks('y'), free, locks('y')];
    const h = harness(claims, 5);
    await tick();
    expect(h.started).toEqual([0, 3]);
    await h.finish(0);
    expect(h.started).toEqual([0, 3, 1]);
    await h.finish(1);
    expect(h.started).toEqual([0, 3, 1, 2]);
    await h.drain();
    await h.done;
    expect(h.started).toEqual([0, 3, 1, 2, 4]);
  });

  it('keeps the results in suite order whatever finished first', async () => {
    const h = harness([free, free, free], 3);
    await tick();
    await h.finish(2);
    await h.finish(0);
    await h.finish(1);
    expect((await h.done).results).toEqual(['result 0', 'result 1', 'result 2']);
  });

  it('starts nothing more once stopped, lets the running ones finish, and lists those not started', async () => {
    let stop = false;
    const h = harness([locks('a'), free, locks('a'), free], 2, () => stop);
    await tick();
    expect(h.started).toEqual([0, 1]);
    stop = true;
    await h.finish(1);
    await h.finish(0);
    const out = await h.done;
    expect(h.started).toEqual([0, 1]);
    expect(out.notStarted).toEqual([2, 3]);
    expect(out.results).toEqual(['result 0', 'result 1', undefined, undefined]);
  });

  it('waits for the running experiments before it throws the first error', async () => {
    const h = harness([free, free, free], 2);
    await tick();
    let settled = false;
    const caught = h.done.catch((e: unknown) => {
      settled = true;
      return e;
    });
    await h.finish(0, new Error('journal not written'));
    // 1 still runs (its rollbacks must play): the suite has not ended, and 2 never starts.
    expect(settled).toBe(false);
    expect(h.started).toEqual([0, 1]);
    await h.finish(1);
    expect(((await caught) as Error).message).toBe('journal not written');
    expect(h.started).toEqual([0, 1]);
  });
});
