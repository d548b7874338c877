// What is recorded of an activity's output, and the journal written from it, stays within bounds
// so that writing the journal can never fail: deep nesting becomes a marker, long strings are cut
// (head and tail kept), and a journal that still cannot render is written without its outputs.
import { describe, expect, it } from 'vitest';
import { activityEnvironment, executeActivity } from '../../src/engine/activity.js';
import { systemClock } from '../../src/engine/clock.js';
import { silentEvents } from '../../src/engine/events.js';
import { boundValue } from '../../src/engine/recorded-value.js';
import { Redactor } from '../../src/experiment/redaction.js';
import { boundJournal, renderJournal } from '../../src/report/journal-text.js';

/** `[[[…]]]`, `depth` arrays deep, as JSON.parse builds it from a hostile answer. */
const nested = (depth: number): unknown => JSON.parse(`${'['.repeat(depth)}${']'.repeat(depth)}`);

describe('boundValue', () => {
  it('replaces containers nested deeper than the limit by a marker, so that JSON.stringify works', () => {
    const deep = nested(200_000);
    expect(() => JSON.stringify(deep)).toThrow(RangeError);
    const bounded = boundValue(deep, { maxDepth: 64, maxChars: 1000 });
    let level: unknown = bounded;
    for (let i = 0; i < 64; i++) level = (level as unknown[])[0];
    expect(level).toBe('[chaos-action truncated: nested deeper than 64 levels]');
    expect(() => JSON.stringify(bounded)).not.toThrow();
  });

  it('cuts strings (values and keys) over the limit, keeping their head and tail', () => {
    const long = `${'a'.repeat(5000)}${'z'.repeat(5000)}`;
    const bounded = boundValue({ body: long, [long]: 1 }, { maxDepth: 64, maxChars: 1000 }) as Record<string, unknown>;
    const body = bounded.body as string;
    expect(body.length).toBeLessThanOrEqual(1000);
    expect(body).toMatch(
      /^a+\n\[chaos-action truncated: 9256 characters cut here; the text was 10000 characters, the first 372 and the last 372 are kept \(max-output 1000\)\]\nz+$/,
    );
    expect(Object.keys(bounded).every((k) => k.length <= 1000)).toBe(true);
  });

  it('returns the value itself when it is within bounds', () => {
    const value = { status: 200, headers: { a: 'b' }, body: [1, 'two', { three: null }] };
    expect(boundValue(value, { maxDepth: 64, maxChars: 1000 })).toBe(value);
  });

  it('turns what JSON cannot write (a BigInt, a cycle) into text', () => {
    const cycle: Record<string, unknown> = { n: 10n };
    cycle.self = cycle;
    expect(boundValue(cycle, { maxDepth: 64, maxChars: 1000 })).toEqual({ n: '10', self: '[chaos-action truncated: a value that contains itself]' });
  });
});

describe('an activity record', () => {
  it("holds the provider's output bounded by the run's max-output and nesting limit", async () => {
    const output = { body: 'b'.repeat(5000), deep: nested(1000) };
    const env = activityEnvironment({}, {}, null, {
      clock: systemClock,
      runProvider: async () => output,
      events: silentEvents,
      env: {},
      cwd: process.cwd(),
      limits: { maxOutputBytes: 2048 },
    });
    const record = await executeActivity(
      { type: 'probe', name: 'p', provider: { type: 'python', module: 'm', func: 'f' } },
      'before',
      env,
      new AbortController().signal,
    );
    const recorded = record.output as { body: string; deep: unknown };
    expect(recorded.body.length).toBeLessThanOrEqual(2048);
    expect(recorded.body).toContain('[chaos-action truncated: 3208 characters cut here');
    expect(JSON.stringify(recorded.deep)).toContain('[chaos-action truncated: nested deeper than 64 levels]');
  });
});

describe('renderJournal', () => {
  const journal = (output: unknown) => ({
    'chaoslib-version': 'unknown',
    status: 'completed',
    steady_states: { before: { steady_state_met: true, probes: [{ activity: { name: 'p' }, output }] }, after: null, during: [] },
    run: [],
    rollbacks: [],
    'chaos-action': { verdict: 'passed', reasons: [] },
  });

  it('writes a journal whose output is nested 200,000 levels deep', () => {
    const text = renderJournal(journal(nested(200_000)));
    const written = JSON.parse(text);
    expect(written['chaos-action'].verdict).toBe('passed');
    expect(text).toContain('[chaos-action truncated: nested deeper than');
  });

  it('still writes a journal, without its outputs and saying why, when an output cannot be walked', () => {
    const hostile = {
      get body(): string {
        throw new Error('no body here');
      },
    };
    const written = JSON.parse(renderJournal(journal(hostile)));
    expect(written.steady_states.before.probes[0].output).toBe('[chaos-action truncated: left out: the journal could not be written in full]');
    expect(written['chaos-action']).toEqual({
      verdict: 'passed',
      reasons: [],
      'journal-error': 'the journal could not be written in full (no body here): activity outputs are left out',
    });
  });
});

describe('renderJournal of a bounded journal', () => {
  it('writes what bounding it again would write, redacted or not', () => {
    const journal = { run: [{ output: 'x'.repeat(5000), nested: [[[['deep']]]] }], secret: 'token-12345' };
    const bounded = boundJournal(journal, 1024);
    const redactor = new Redactor();
    redactor.add('token-12345');
    for (const j of [bounded, redactor.redactValue(bounded)]) expect(renderJournal(j, 1024, true)).toBe(renderJournal(j, 1024));
    expect(renderJournal(redactor.redactValue(bounded), 1024, true)).not.toContain('token-12345');
  });
});
