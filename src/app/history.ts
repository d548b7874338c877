// The run compared with earlier ones: the baseline files given (`--baseline`, input `baseline`) and
// what the caller looked up (the action: this workflow's earlier runs, from their artifacts). Every
// run's results.json carries its own history record, which later runs read back.
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { type HistoryRecord, historyRecord, type RunMeta, recordOfResults } from '../report/history.js';
import { type ResultsWithHistory, withHistory } from '../report/history-report.js';
import type { RunResults } from '../report/results.js';
import type { RunSettings } from './settings.js';

/** Results of earlier runs (parsed results.json, untrusted), newest first, and what could not be read. */
export interface EarlierResults {
  readonly runs: readonly { readonly results: unknown; readonly date: string; readonly commit?: string | null; readonly runId?: number }[];
  readonly notes: readonly string[];
}

const MAX_BASELINE_BYTES = 32 * 1024 * 1024;

/** The baseline files, parsed; one that cannot be read is a note, never a crash. */
export async function readBaselines(files: readonly string[], cwd: string): Promise<EarlierResults> {
  const runs: EarlierResults['runs'][number][] = [];
  const notes: string[] = [];
  for (const file of files) {
    const at = path.resolve(cwd, file);
    try {
      const { size, mtime } = await stat(at);
      if (size > MAX_BASELINE_BYTES) {
        notes.push(`baseline ${file}: ${size} bytes, over ${MAX_BASELINE_BYTES}; not read`);
        continue;
      }
      runs.push({ results: JSON.parse(await readFile(at, 'utf8')), date: mtime.toISOString() });
    } catch (e) {
      const why =
        (e as NodeJS.ErrnoException).code === 'ENOENT'
          ? 'no such file'
          : e instanceof SyntaxError
            ? `not JSON (${e.message})`
            : String((e as Error).message ?? e);
      notes.push(`baseline ${file}: ${why}`);
    }
  }
  return { runs, notes };
}

export interface Compared {
  readonly results: ResultsWithHistory;
  /** This run's own record, for its results.json. */
  readonly record: HistoryRecord;
}

/**
 * This run's record, and its results compared with the earlier ones when there are any to look at
 * (the report then has a History section, even when none could be read).
 */
export function compareRun(
  summary: RunResults,
  settings: Pick<RunSettings, 'regressionThreshold'>,
  meta: RunMeta,
  earlier: EarlierResults | undefined,
): Compared {
  const record = historyRecord(summary, meta);
  if (!earlier) return { results: summary, record };
  const notes = [...earlier.notes];
  const records: HistoryRecord[] = [];
  for (const run of earlier.runs) {
    const r = recordOfResults(run.results, run);
    if (r) records.push(r);
    else notes.push(`${run.runId !== undefined ? `run ${run.runId}` : 'a baseline'}: not a chaos-action results.json`);
  }
  // Newest first, whatever order they were given in.
  records.sort((a, b) => b.date.localeCompare(a.date));
  return { results: withHistory(summary, record, records, settings.regressionThreshold, notes), record };
}
