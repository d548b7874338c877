// Progress lines: one line per event, whatever a service answered, secrets redacted.
import { describe, expect, it } from 'vitest';
import { ProgressPrinter } from '../../src/report/progress.js';
import { Redactor } from '../../src/experiment/redaction.js';

function printer() {
  const lines: string[] = [];
  const p = new ProgressPrinter({ color: false, out: (l) => lines.push(l), err: (l) => lines.push(l) }, 'verbose', () => Date.UTC(2026, 0, 1, 12, 0, 0));
  return { p, lines };
}

describe('progress lines', () => {
  it("cannot be made to print a workflow command or escape codes by a probe's output", () => {
    const { p, lines } = printer();
    p.toleranceChecked({ activity: { name: 'api' }, output: { status: 500, headers: {}, body: 'x\n::error::fake\u001b[31mred' }, start: 's' }, 200, false);
    expect(lines).toHaveLength(1);
    expect(lines[0]).not.toMatch(/\n|\u001b/);
    expect(lines[0]).toMatch(/^12:00:00 WARN/);
  });

  it('redacts a secret before the value is shortened for display', () => {
    const { p, lines } = printer();
    const r = new Redactor();
    r.add('TOPSECRET-0123456789');
    p.useRedactor(r);
    p.toleranceChecked(
      { activity: { name: 'api' }, output: { status: 0, stdout: `${'x'.repeat(70)} TOPSECRET-0123456789`, stderr: '' }, start: 's' },
      1,
      false,
    );
    expect(lines[0]).not.toMatch(/TOPSEC/);
  });
});

describe('a dry run in progress lines', () => {
  it('marks an activity the dry mode skipped', () => {
    const { p, lines } = printer();
    p.activityStarted({ activity: { type: 'action', name: 'lose-the-exchange-file' }, output: null, start: 's' }, 'method', true);
    p.activityStarted({ activity: { type: 'probe', name: 'healthy' }, output: null, start: 's' }, 'before', false);
    expect(lines).toEqual(['12:00:00 INFO    Action: lose-the-exchange-file (skipped: dry run)', '12:00:00 INFO    Probe: healthy']);
  });
});
