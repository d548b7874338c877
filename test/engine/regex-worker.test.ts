// Regex tolerances are matched in a worker thread with a deadline: the same answers as
// pythonSearch on the main thread, a backtracking pattern ends with RegexTimeout (the worker is
// terminated, the next match gets a new one), and an abort ends a match at once.
import { afterAll, describe, expect, it } from 'vitest';
import { RegexTimeout, RegexWorker } from '../../src/engine/regex-worker.js';
import { compilePythonRegex, pythonSearch } from '../../src/python/regex/index.js';

const worker = new RegexWorker();
afterAll(() => worker.dispose());

function compile(pattern: string): RegExp {
  const compiled = compilePythonRegex(pattern);
  if (!compiled.ok) throw new Error(`${pattern}: ${compiled.message}`);
  return compiled.regex;
}

/** 44 characters that ^(a+)+$ tries in 2^44 ways before failing. */
const BACKTRACKING = { pattern: '^ok$|^(a+)+$', subject: `${'a'.repeat(44)}!` };

// Generous: a guard against a hang, not a measure of speed.
const HANG_GUARD_MS = 30_000;

describe('the regex worker', () => {
  it('answers as pythonSearch does on the main thread', async () => {
    const cases: [string, string][] = [
      ['^ok$', 'ok'],
      ['^ok$', 'ok\n'],
      ['^ok$', 'not ok'],
      ['(?i)READY', 'status: ready'],
      ['\\d+ms$', 'took 12ms'],
      ['(?m)^b$', 'a\nb\nc'],
      ['.😀.', 'a😀b'],
      ['(?<=😀)x', '😀x'],
      ['(?a:\\W)', 'é'],
      ['\\bword\\b', 'a word here'],
      ['(?P<v>\\d+)\\.(?P=v)', '1.1'],
      ['(?>a+)b', 'aaab'],
      ['x{2,}+y', 'xxxy'],
    ];
    const answers = await Promise.all(cases.map(([p, s]) => worker.search(compile(p), s, 10)));
    expect(answers).toEqual(cases.map(([p, s]) => pythonSearch(compile(p), s)));
    expect(answers).toContain(true);
    expect(answers).toContain(false);
  });

  it(
    'ends a backtracking match at its deadline with RegexTimeout, and the next match still works',
    async () => {
      const slow = worker.search(compile(BACKTRACKING.pattern), BACKTRACKING.subject, 0.2);
      await expect(slow).rejects.toBeInstanceOf(RegexTimeout);
      await expect(slow).rejects.toThrow('the regex did not finish within 0.2 s');
      expect(await worker.search(compile('a+b'), 'xaab', 10)).toBe(true);
    },
    HANG_GUARD_MS,
  );

  it(
    'does not charge a queued match for the one before it',
    async () => {
      // Were the deadline counted from the queueing, the second match would overrun it waiting.
      const slow = worker.search(compile(BACKTRACKING.pattern), BACKTRACKING.subject, 1.5);
      const next = worker.search(compile('^ok$'), 'ok', 1);
      await expect(slow).rejects.toBeInstanceOf(RegexTimeout);
      expect(await next).toBe(true);
    },
    HANG_GUARD_MS,
  );

  it(
    'ends a match when its signal aborts, with the signal’s reason',
    async () => {
      const controller = new AbortController();
      const match = worker.search(compile(BACKTRACKING.pattern), BACKTRACKING.subject, 600, controller.signal);
      setTimeout(() => controller.abort(new Error('interrupted')), 50);
      await expect(match).rejects.toThrow('interrupted');
      expect(await worker.search(compile('^ok$'), 'ok', 10)).toBe(true);
    },
    HANG_GUARD_MS,
  );

  it('does not start a match whose signal has already aborted', async () => {
    await expect(worker.search(compile('^ok$'), 'ok', 10, AbortSignal.abort(new Error('too late')))).rejects.toThrow('too late');
  });
});
