// Validation problems as annotations, within the runner's per-step limits.
import { describe, expect, it } from 'vitest';
import type { Diagnostic } from '../../src/experiment/diagnostics.js';
import type { AnnotationLevel, AnnotationPlace } from '../../src/github/action-io.js';
import { annotateDiagnostics } from '../../src/github/annotations.js';

const problem = (i: number, severity: 'error' | 'warning'): Diagnostic => ({
  severity,
  code: 'c',
  file: 'experiments/db.yaml',
  line: i + 1,
  column: 3,
  pointer: '',
  message: `problem ${i}`,
  hint: 'fix it',
});

describe('annotations', () => {
  it('puts each problem on its file and line, with the hint', () => {
    const seen: [AnnotationLevel, string, AnnotationPlace | undefined][] = [];
    annotateDiagnostics({ annotate: (l, m, p) => seen.push([l, m, p]) }, [problem(0, 'error')], 'the job log');
    expect(seen).toEqual([['error', 'problem 0\nhint: fix it', { title: 'chaos-action: c', file: 'experiments/db.yaml', startLine: 1, startColumn: 3 }]]);
  });

  it('shows at most 9 errors and 9 warnings (one of each left for the gate), then one notice with how many more', () => {
    const seen: AnnotationLevel[] = [];
    const messages: string[] = [];
    const annotate = (l: AnnotationLevel, m: string): void => {
      seen.push(l);
      messages.push(m);
    };
    annotateDiagnostics(
      { annotate },
      [...Array.from({ length: 14 }, (_, i) => problem(i, 'error')), ...Array.from({ length: 11 }, (_, i) => problem(i, 'warning'))],
      'the job log',
    );
    expect(seen.filter((l) => l === 'error')).toHaveLength(9);
    expect(seen.filter((l) => l === 'warning')).toHaveLength(9);
    expect(messages.at(-1)).toBe('7 more validation problems: see the job log');
  });
});
