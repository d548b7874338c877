// Time, passed in so the engine can be driven by a test clock. Journal timestamps are UTC with
// microseconds and a +00:00 suffix, as Python's datetime.isoformat() writes them.

export interface Clock {
  /** Wall-clock time in milliseconds since the epoch, with sub-millisecond precision. */
  now(): number;
  /** Resolves after `ms`, or at once (without throwing) when `signal` aborts. */
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
}

export const systemClock: Clock = {
  now: () => performance.timeOrigin + performance.now(),
  sleep: (ms, signal) =>
    new Promise((resolve) => {
      if (signal?.aborted || ms <= 0) return resolve();
      const timer = setTimeout(done, ms);
      function done(): void {
        clearTimeout(timer);
        signal?.removeEventListener('abort', done);
        resolve();
      }
      signal?.addEventListener('abort', done, { once: true });
    }),
};

/** `2026-11-22T04:40:05.465964+00:00`; the fraction is left out when it is exactly zero. */
export function isoTimestamp(ms: number): string {
  const micros = Math.round(ms * 1000);
  const seconds = Math.floor(micros / 1_000_000);
  const fraction = micros - seconds * 1_000_000;
  const base = new Date(seconds * 1000).toISOString().slice(0, 19);
  return fraction === 0 ? `${base}+00:00` : `${base}.${String(fraction).padStart(6, '0')}+00:00`;
}

/** Seconds between two clock readings, rounded to the microsecond like a timedelta. */
export function secondsBetween(startMs: number, endMs: number): number {
  return Math.round((endMs - startMs) * 1000) / 1_000_000;
}
