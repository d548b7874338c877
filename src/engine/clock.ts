// Time, passed in so the engine can be driven by a test clock. Journal timestamps are UTC with
// microseconds and a +00:00 suffix, as Python's datetime.isoformat() writes them.

export interface Clock {
  /** Wall-clock time in milliseconds since the epoch, with sub-millisecond precision. */
  now(): number;
  /** Resolves after `ms`, or at once (without throwing) when `signal` aborts. */
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
}

const HRTIME_AT_START = process.hrtime.bigint();
const EPOCH_AT_START = Date.now();

/** setTimeout's ceiling: a longer delay fires after 1 ms. */
const MAX_TIMER_MS = 2 ** 31 - 1;

export const systemClock: Clock = {
  // Date.now() for the epoch, hrtime for sub-millisecond steps (performance.now() loads perf_hooks).
  now: () => EPOCH_AT_START + Number(process.hrtime.bigint() - HRTIME_AT_START) / 1e6,
  sleep: (ms, signal) =>
    new Promise((resolve) => {
      if (signal?.aborted || !(ms > 0)) return resolve();
      // setTimeout fires at once past its ceiling (about 24.8 days): longer sleeps are chained.
      const end = Date.now() + ms;
      let timer = setTimeout(step, Math.min(ms, MAX_TIMER_MS));
      function step(): void {
        const left = end - Date.now();
        if (left > 0 && Number.isFinite(left)) timer = setTimeout(step, Math.min(left, MAX_TIMER_MS));
        else done();
      }
      function done(): void {
        clearTimeout(timer);
        signal?.removeEventListener('abort', done);
        resolve();
      }
      signal?.addEventListener('abort', done, { once: true });
    }),
};

const pad = (n: number, width = 2): string => String(n).padStart(width, '0');

/**
 * `2026-11-22T04:40:05.465964+00:00`; the fraction is left out when it is exactly zero. Computed
 * by hand (days to civil date, H. Hinnant's algorithm): the first Date in a process initialises
 * time zone data, about 10 ms of a cold start, and UTC needs none of it.
 */
export function isoTimestamp(ms: number): string {
  const micros = Math.round(ms * 1000);
  const seconds = Math.floor(micros / 1_000_000);
  const fraction = micros - seconds * 1_000_000;
  const days = Math.floor(seconds / 86_400);
  const secondOfDay = seconds - days * 86_400;
  const time = `${pad(Math.floor(secondOfDay / 3600))}:${pad(Math.floor((secondOfDay % 3600) / 60))}:${pad(secondOfDay % 60)}`;
  const base = `${dateOf(days)}T${time}`;
  return fraction === 0 ? `${base}+00:00` : `${base}.${pad(fraction, 6)}+00:00`;
}

/** The day of the last timestamp written, and its date: a run's timestamps mostly share one. */
let lastDay = Number.NaN;
let lastDate = '';

/** YYYY-MM-DD of the `days`-th day since 1970-01-01 (proleptic Gregorian, civil_from_days). */
function dateOf(days: number): string {
  if (days === lastDay) return lastDate;
  const z = days + 719_468;
  const era = Math.floor(z / 146_097);
  const dayOfEra = z - era * 146_097;
  const yearOfEra = Math.floor((dayOfEra - Math.floor(dayOfEra / 1460) + Math.floor(dayOfEra / 36_524) - Math.floor(dayOfEra / 146_096)) / 365);
  const dayOfYear = dayOfEra - (365 * yearOfEra + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100));
  const mp = Math.floor((5 * dayOfYear + 2) / 153);
  const day = dayOfYear - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  const year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0);
  lastDate = `${pad(year, 4)}-${pad(month)}-${pad(day)}`;
  lastDay = days;
  return lastDate;
}

/** Seconds between two clock readings, rounded to the microsecond like a timedelta. */
export function secondsBetween(startMs: number, endMs: number): number {
  return Math.round((endMs - startMs) * 1000) / 1_000_000;
}
