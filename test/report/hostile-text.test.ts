// Hostile names, titles, reasons and outputs through every report path: the Markdown (report.md,
// job summary, PR comment), the CLI's summary and validation lines, progress lines and the
// diagnostics. No line they print is a workflow command, none holds a control character, no
// Markdown they write turns a bare www. into a link.
import { describe, expect, it } from 'vitest';
import { type Diagnostic, formatDiagnostic } from '../../src/experiment/diagnostics.js';
import { renderInvalid, renderReport } from '../../src/report/markdown.js';
import { postStepSummary } from '../../src/report/post-step.js';
import { ProgressPrinter } from '../../src/report/progress.js';
import { type ExperimentResult, summarize } from '../../src/report/results.js';
import { suiteSummaryLines, validationLines } from '../../src/report/terminal-summary.js';
import { CONTROL_CHARACTERS, HOSTILE, runnerCommands } from '../support/runner-commands.js';

const hostileResult = (text: string, i: number): ExperimentResult => ({
  file: `experiments/${text}-${i}.json`,
  title: `${text} www.evil.example`,
  verdict: 'deviated',
  reasons: [`probe "${text}" returned ${text}`, `see www.evil.example/${i}`],
  status: 'completed',
  deviated: true,
  steadyStateBefore: true,
  steadyStateAfter: false,
  duration: 1,
  journal: `${text}.journal.json`,
});

const results = summarize(HOSTILE.map(hostileResult), ['deviated'], '0.1.0');

const diagnostics: Diagnostic[] = HOSTILE.map((text) => ({
  severity: 'error',
  code: 'schema-enum',
  file: `experiments/${text}.json`,
  line: 5,
  column: 15,
  pointer: `/method/0/${text}`,
  message: `type is "${text}"`,
  hint: `did you mean ${text}?`,
}));

/** A bare `www.` GitHub would autolink: at the start, or after white space or `*_~(`. */
const BARE_WWW = /(^|[\s*_~(])www\./im;

function expectSafeMarkdown(markdown: string): void {
  expect(markdown).not.toMatch(CONTROL_CHARACTERS);
  expect(markdown).not.toMatch(/[\u2028\u2029\u0085\u202a-\u202e\u2066-\u2069]/);
  expect(markdown).not.toMatch(BARE_WWW);
  expect(runnerCommands(markdown)).toEqual([]);
}

describe('Markdown', () => {
  it('the report table keeps one row per experiment and escapes every hostile value', () => {
    const md = renderReport(results);
    expectSafeMarkdown(md);
    const rows = md.split('\n').filter((l) => l.startsWith('| '));
    // The header, the alignment row, one row per experiment.
    expect(rows).toHaveLength(HOSTILE.length + 2);
  });

  it('the invalid-suite table and the post step summary too', () => {
    expectSafeMarkdown(renderInvalid(diagnostics, '0.1.0'));
    expectSafeMarkdown(
      postStepSummary(
        HOSTILE,
        HOSTILE.map((t) => `rollback "${t}" failed: www.evil.example`),
      ),
    );
  });
});

describe('terminal output', () => {
  const term = { color: false };

  it("the CLI's final summary prints each title and reason on its own line, defused", () => {
    const lines = suiteSummaryLines(term, results, HOSTILE, { journalDir: 'out\n::error::x', reportPath: 'out/report.md' });
    for (const line of lines) {
      expect(line).not.toMatch(/[\r\n]/);
      expect(line).not.toMatch(CONTROL_CHARACTERS);
    }
    expect(runnerCommands(lines.join('\n'))).toEqual([]);
  });

  it('validation lines: every diagnostic is its head line and its hint line, defused', () => {
    const lines = validationLines(term, { valid: false, files: [{ file: 'x', valid: false }], diagnostics }, false);
    const printed = lines.join('\n');
    expect(printed.split('\n')).toHaveLength(2 * diagnostics.length + 1);
    expect(printed).not.toMatch(CONTROL_CHARACTERS);
    expect(runnerCommands(printed)).toEqual([]);
    for (const d of diagnostics) expect(formatDiagnostic(d).split('\n')).toHaveLength(2);
  });

  it('progress lines, coloured or not', () => {
    for (const color of [false, true]) {
      const lines: string[] = [];
      const p = new ProgressPrinter({ color, out: (l) => lines.push(l), err: (l) => lines.push(l) }, 'verbose');
      for (const text of HOSTILE) {
        p.experimentStarted(text, text);
        p.activityStarted({ activity: { type: 'action', name: text }, output: null, start: 's' }, 'method');
        p.activityEnded({ activity: { name: text }, output: null, start: 's', status: 'failed', exception: [text] }, 'method');
        p.toleranceChecked({ activity: { name: text }, output: { status: 0, stdout: text, stderr: text }, start: 's' }, 1, false);
        p.warning(text);
      }
      expect(lines).toHaveLength(HOSTILE.length * 5);
      for (const line of lines) {
        expect(line).not.toMatch(/[\r\n]/);
        // Colour codes are ours: the only escape sequences left are SGR ones.
        expect(line.replace(/\u001b\[[0-9;]*m/g, '')).not.toMatch(CONTROL_CHARACTERS);
      }
      expect(runnerCommands(lines.join('\n'))).toEqual([]);
    }
  });
});
