// `chaos-action report`: reads journals (ours, or Chaos Toolkit's of any chaoslib version) and
// results.json files, judges each experiment (ours keep the verdict their run gave), and writes the
// same report.md and results.json a run writes, plus JUnit when asked. Nothing is written when an
// input is bad: the problems come back, each naming its file.
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Journal } from '../engine/journal.js';
import { journalResult } from '../report/journal-result.js';
import { timestampMs } from '../report/journal-shape.js';
import { SUITE_FORMATS, type WrittenOutputs } from '../report/outputs.js';
import { type InputProblem, type ReportInput, readReportInputs } from '../report/report-inputs.js';
import { type ExperimentResult, type RunResults, summarize } from '../report/results.js';
import type { Verdict } from '../report/verdict.js';
import { DEFAULT_THRESHOLD, type Threshold } from '../report/history.js';
import { compareRun, readBaselines } from './history.js';
import { lockJournalDir, prepareJournalDir } from './journal-dir.js';
import { writeJunit } from './junit-file.js';

export interface ReportRequest {
  readonly paths: readonly string[];
  /** Where report.md and results.json go (absolute). */
  readonly journalDir: string;
  readonly failOn: readonly Verdict[];
  /** Chaos Toolkit's meaning of a failed method action, for the Chaos Toolkit journals judged here. */
  readonly allowActionFailure: boolean;
  /** Also write JUnit XML here (absolute). */
  readonly junit?: string;
  /** results.json of earlier runs to compare with (absolute), and how much worse is a regression. */
  readonly baseline?: readonly string[];
  readonly regressionThreshold?: Threshold;
  readonly version: string;
}

export type ReportOutcome =
  | { readonly kind: 'bad-input'; readonly problems: readonly InputProblem[] }
  | { readonly kind: 'no-journal-dir'; readonly problem: string }
  | {
      readonly kind: 'reported';
      readonly results: RunResults;
      readonly outputs: WrittenOutputs;
      /** JSON files found in folders that are neither journals nor results: skipped. */
      readonly skipped: readonly InputProblem[];
    };

export async function reportJournals(request: ReportRequest): Promise<ReportOutcome> {
  const read = await readReportInputs(request.paths);
  if (read.problems.length) return { kind: 'bad-input', problems: read.problems };
  const experiments = resultsOf(read.inputs, request);
  if (experiments.length === 0) {
    // A report of nothing must never read as a pass.
    return { kind: 'bad-input', problems: [{ file: request.paths[0] ?? '.', message: 'no journal or results.json found: nothing to report' }] };
  }
  const unusable = await prepareJournalDir(request.journalDir);
  if (unusable) return { kind: 'no-journal-dir', problem: unusable };
  const locked = await lockJournalDir(request.journalDir);
  if ('problem' in locked) return { kind: 'no-journal-dir', problem: locked.problem };
  try {
    const summary = summarize(experiments, request.failOn, request.version);
    const earlier = request.baseline?.length ? await readBaselines(request.baseline, request.journalDir) : undefined;
    const { results, record } = compareRun(
      summary,
      { regressionThreshold: request.regressionThreshold ?? DEFAULT_THRESHOLD },
      { date: reportDate(read.inputs) },
      earlier,
    );
    const suite: Record<string, string> = {};
    for (const format of SUITE_FORMATS) {
      suite[format.key] = path.join(request.journalDir, format.fileName);
      await writeFile(suite[format.key] as string, format.render({ results, record, skipped: [], journals: journalsOf(read.inputs, request) }));
    }
    const junit = request.junit === undefined ? undefined : await writeJunit(results, request.junit, request.journalDir);
    return {
      kind: 'reported',
      results,
      outputs: { journals: [], suite: suite as WrittenOutputs['suite'], ...(junit ? { junit } : {}) },
      skipped: read.skipped,
    };
  } finally {
    await locked.lock.release();
  }
}

/**
 * One row per journal, in the order read; a results.json adds its rows but for those whose
 * journal was read too (a run's folder holds both: the journal is the fuller record).
 */
function resultsOf(inputs: readonly ReportInput[], request: ReportRequest): ExperimentResult[] {
  const relative = (file: string): string => path.relative(request.journalDir, file) || path.basename(file);
  const journals = new Set(inputs.flatMap((i) => (i.kind === 'journal' ? [i.path] : [])));
  return inputs.flatMap((input): ExperimentResult[] => {
    if (input.kind === 'journal') {
      return [journalResult(input.journal, { file: input.file, journalName: relative(input.path), allowActionFailure: request.allowActionFailure })];
    }
    const folder = path.dirname(input.path);
    return input.experiments.flatMap((row) => {
      const journal = row.journal === null ? null : path.resolve(folder, row.journal);
      if (journal !== null && journals.has(journal)) return [];
      return [{ ...row, journal: journal === null ? null : relative(journal) }];
    });
  });
}

/** When the reported runs ended: the latest journal's end, else now. */
function reportDate(inputs: readonly ReportInput[]): string {
  // Old chaoslib times have no offset: read as UTC, as everywhere else (journal-shape.ts).
  const ends = inputs
    .flatMap((i) => (i.kind === 'journal' && typeof i.journal.end === 'string' ? [timestampMs(i.journal.end) ?? Number.NaN] : []))
    .filter(Number.isFinite);
  return new Date(ends.length ? Math.max(...ends) : Date.now()).toISOString();
}

/** The journals read, by their name relative to the journal folder (as the rows name them): what the HTML report draws. */
function journalsOf(inputs: readonly ReportInput[], request: ReportRequest): Map<string, Journal> {
  const relative = (file: string): string => path.relative(request.journalDir, file) || path.basename(file);
  return new Map(inputs.flatMap((i) => (i.kind === 'journal' ? [[relative(i.path), i.journal] as const] : [])));
}
