// A tolerance's evaluation is bounded: a regex by its deadline (regex-timeout) and the length of
// what it searches, a jsonpath by its step budget. Overrunning one is a ToleranceBudgetExceeded
// naming the budget; an interruption ends a slow match at once, and is not a budget error.
import { describe, expect, it } from 'vitest';
import { substitutionScope } from '../../src/experiment/substitution.js';
import { MAX_REGEX_SUBJECT, type ToleranceContext, ToleranceBudgetExceeded, withinTolerance } from '../../src/engine/tolerance.js';

const ctx = (extra: Partial<ToleranceContext> = {}): ToleranceContext => ({
  scope: substitutionScope({}, {}),
  runProvider: async () => true,
  ...extra,
});

const BACKTRACKING = { type: 'regex', pattern: '^ok$|^(a+)+$' };
const SLOW_SUBJECT = `${'a'.repeat(44)}!`;
const HANG_GUARD_MS = 30_000;

describe('tolerance budgets', () => {
  it(
    'a backtracking regex overruns regex-timeout: a budget error that says how to raise it',
    async () => {
      const judged = withinTolerance(BACKTRACKING, SLOW_SUBJECT, ctx({ regexTimeout: 0.2 }));
      await expect(judged).rejects.toBeInstanceOf(ToleranceBudgetExceeded);
      await expect(judged).rejects.toThrow(/did not finish within 0\.2 s on 45 characters \(the regex-timeout budget; raise it with --regex-timeout/);
    },
    HANG_GUARD_MS,
  );

  it('a regex tolerance still judges what it can match in time', async () => {
    expect(await withinTolerance(BACKTRACKING, 'aaaa', ctx())).toBe(true);
    expect(await withinTolerance({ ...BACKTRACKING, target: 'body' }, { status: 200, body: 'ok' }, ctx())).toBe(true);
    expect(await withinTolerance(BACKTRACKING, 'nope', ctx())).toBe(false);
  });

  it('a regex tolerance refuses to search more than 1 MiB', async () => {
    const judged = withinTolerance({ type: 'regex', pattern: 'x', target: 'body' }, { body: 'y'.repeat(MAX_REGEX_SUBJECT + 1) }, ctx());
    await expect(judged).rejects.toBeInstanceOf(ToleranceBudgetExceeded);
    await expect(judged).rejects.toThrow('searches at most 1,048,576 (1 MiB)');
    expect(await withinTolerance({ type: 'regex', pattern: 'x$' }, `${'y'.repeat(MAX_REGEX_SUBJECT - 1)}x`, ctx())).toBe(true);
  });

  it(
    'an interruption ends a slow match at once, with the interruption rather than a budget error',
    async () => {
      const controller = new AbortController();
      const judged = withinTolerance(BACKTRACKING, SLOW_SUBJECT, ctx({ regexTimeout: 600, signal: controller.signal }));
      setTimeout(() => controller.abort(), 50);
      const error = await judged.then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(Error);
      expect(error).not.toBeInstanceOf(ToleranceBudgetExceeded);
      expect((error as Error).name).toBe('AbortError');
    },
    HANG_GUARD_MS,
  );

  it('a jsonpath that would visit too much overruns its step budget', async () => {
    const data = { items: Array.from({ length: 400_000 }, (_, i) => ({ id: i })) };
    const judged = withinTolerance({ type: 'jsonpath', path: '$..id' }, data, ctx());
    await expect(judged).rejects.toBeInstanceOf(ToleranceBudgetExceeded);
    await expect(judged).rejects.toThrow('the jsonpath $..id took more than 1,000,000 steps');
  });

  it('a jsonpath over data too deep for it is a budget error, not a stack overflow', async () => {
    const deep = `${'['.repeat(100_000)}${']'.repeat(100_000)}`;
    const judged = withinTolerance({ type: 'jsonpath', path: '$..*' }, deep, ctx());
    await expect(judged).rejects.toBeInstanceOf(ToleranceBudgetExceeded);
    await expect(judged).rejects.toThrow('nests more than 1,500 matches deep');
  });
});
