// Journal timestamps are Python's datetime.isoformat() in UTC: microseconds, +00:00.
import { describe, expect, it } from 'vitest';
import { isoTimestamp, secondsBetween, systemClock } from '../../src/engine/clock.js';
import { prng } from '../support/prng.js';

describe('isoTimestamp', () => {
  it('writes microseconds and +00:00, and leaves out a zero fraction as Python does', () => {
    expect(isoTimestamp(Date.UTC(2026, 10, 22, 4, 40, 5) + 465.964)).toBe('2026-11-22T04:40:05.465964+00:00');
    expect(isoTimestamp(Date.UTC(2026, 0, 1))).toBe('2026-01-01T00:00:00+00:00');
  });

  it('agrees with Date for 10,000 instants across four centuries, leap days included', () => {
    const random = prng(42);
    for (let i = 0; i < 10_000; i++) {
      const ms = Math.floor(random() * 2 ** 42) - 2 ** 41 + 1.5e12;
      const whole = Math.floor(ms);
      expect(isoTimestamp(whole).slice(0, 19)).toBe(new Date(whole).toISOString().slice(0, 19));
    }
    expect(isoTimestamp(Date.UTC(2024, 1, 29, 23, 59, 59))).toBe('2024-02-29T23:59:59+00:00');
  });

  it('counts durations to the microsecond', () => {
    expect(secondsBetween(1000, 2500.0004)).toBe(1.5);
  });
});

describe('systemClock.sleep', () => {
  it("sleeps past setTimeout's 24.8-day ceiling instead of waking after 1 ms", async () => {
    const controller = new AbortController();
    let woke = false;
    const sleeping = systemClock.sleep(2 ** 31 * 10, controller.signal).then(() => {
      woke = true;
    });
    await new Promise((r) => setTimeout(r, 100));
    expect(woke).toBe(false);
    controller.abort();
    await sleeping;
    expect(woke).toBe(true);
  });
});
