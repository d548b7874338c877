// The files a run leaves, as a list: one journal per experiment, then one entry per suite format.
// The suite writes each entry; the artifact upload and the outputs read the same list, so a new
// format (JUnit, HTML) is one entry here and nothing else.
import type { Journal } from '../engine/journal.js';
import { renderHtmlReport } from './html.js';
import { renderReport } from './markdown.js';
import type { HistoryRecord } from './history.js';
import type { ResultsWithHistory } from './history-report.js';

/** What the suite formats are rendered from. */
interface SuiteReport {
  readonly results: ResultsWithHistory;
  /** This run's history record (what later runs compare with), kept in results.json. */
  readonly record?: HistoryRecord;
  /** Experiments an interruption kept from starting. */
  readonly skipped: readonly string[];
  /** The journals as written (redacted, bounded), by their name in the journal folder. */
  readonly journals: ReadonlyMap<string, Journal>;
}

export interface SuiteFormat {
  readonly key: 'results' | 'report' | 'html';
  /** The file's name in the journal folder. */
  readonly fileName: string;
  render(report: SuiteReport): string;
}

export const SUITE_FORMATS: readonly SuiteFormat[] = [
  {
    key: 'results',
    fileName: 'results.json',
    render: ({ results, record, skipped }) => `${JSON.stringify({ ...results, skipped, ...(record ? { record } : {}) }, null, 2)}\n`,
  },
  { key: 'report', fileName: 'report.md', render: ({ results }) => renderReport(results) },
  { key: 'html', fileName: 'report.html', render: ({ results, journals }) => renderHtmlReport(results, journals) },
];

export { boundJournal, renderJournal } from './journal-text.js';

/** The files a run wrote, in the order they are listed and uploaded. */
export interface WrittenOutputs {
  readonly journals: readonly string[];
  /** The suite formats' files, by key. */
  readonly suite: Readonly<Record<SuiteFormat['key'], string>>;
  /** The JUnit XML in the journal folder, when --junit (the `junit` input) asked for it. */
  readonly junit?: string;
}

/** Every file, journals first: what the journals artifact holds. */
export const allFiles = (written: WrittenOutputs): string[] => [
  ...written.journals,
  ...SUITE_FORMATS.map((f) => written.suite[f.key]),
  ...(written.junit ? [written.junit] : []),
];
