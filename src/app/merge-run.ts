// Merges matrix legs' journal folders into one: reads each folder's results.json and journals
// (report/results-file.ts), merges them (report/merge.ts), and writes the merged results.json,
// report.md, report.html and every journal (in one sub-folder per leg) into the output folder. The CLI's
// `merge` and the merge action call this; a leg that cannot be read is a problem of the merge,
// which fails its gate, never a leg quietly left out.
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Journal } from '../engine/journal.js';
import { journalOf } from '../report/journal-shape.js';
import { mergeLegs, type MergedRun } from '../report/merge.js';
import { SUITE_FORMATS, type WrittenOutputs } from '../report/outputs.js';
import { type Leg, readLeg } from '../report/results-file.js';
import { summarize } from '../report/results.js';
import type { Verdict } from '../report/verdict.js';
import { DEFAULT_THRESHOLD, type RunMeta, type Threshold } from '../report/history.js';
import { compareRun, type EarlierResults } from './history.js';
import { lockJournalDir, prepareJournalDir } from './journal-dir.js';
import { writeJunit } from './junit-file.js';

export interface MergeRunOptions {
  readonly failOn: readonly Verdict[];
  readonly version: string;
  /** Earlier merged runs to compare with (baselines, or the merge action's history), and the threshold. */
  readonly earlier?: () => Promise<EarlierResults>;
  readonly regressionThreshold?: Threshold;
  /** Also write JUnit XML here (absolute). */
  readonly junit?: string;
  /** What the merged run's history record says of it. */
  readonly meta?: Omit<RunMeta, 'date'>;
  /** The environments (comment keys) that must have results (see MergeOptions). */
  readonly expect?: readonly string[];
}

export type MergeOutcome =
  | { readonly kind: 'no-journal-dir'; readonly problem: string }
  | { readonly kind: 'merged'; readonly merged: MergedRun; readonly outputs: WrittenOutputs };

/** A leg's folder, with its rank when there may be a later result of the same shard (see Leg). */
export type LegSource = string | { readonly dir: string; readonly rank: number };

/**
 * `sources` are the legs' folders; `out` the merged folder (created when missing). `problems` are
 * the caller's own (an artifact that could not be downloaded), said first.
 */
export async function mergeRun(sources: readonly LegSource[], out: string, options: MergeRunOptions, problems: readonly string[] = []): Promise<MergeOutcome> {
  const target = path.resolve(out);
  const dirs = sources.map((s) => (typeof s === 'string' ? s : s.dir));
  if (dirs.some((d) => path.resolve(d) === target)) return { kind: 'no-journal-dir', problem: `${target} is also one of the folders to merge; give another` };
  const unusable = await prepareJournalDir(target);
  if (unusable) return { kind: 'no-journal-dir', problem: unusable };
  const locked = await lockJournalDir(target);
  if ('problem' in locked) return { kind: 'no-journal-dir', problem: locked.problem };
  try {
    const legs: Leg[] = [];
    const unreadable: string[] = [...problems];
    const reads = await Promise.all(sources.map((source) => (typeof source === 'string' ? readLeg(source) : readLeg(source.dir, source.rank))));
    for (const read of reads) {
      if (read.ok) legs.push(read.value);
      else unreadable.push(`cannot merge ${read.problem}`);
    }
    const legsMerged = withUnreadable(mergeLegs(legs, options), unreadable, options);
    const compared = compareRun(
      legsMerged.results,
      { regressionThreshold: options.regressionThreshold ?? DEFAULT_THRESHOLD },
      { ...options.meta, date: new Date().toISOString() },
      options.earlier ? await options.earlier() : undefined,
    );
    const merged: MergedRun = { ...legsMerged, results: compared.results };
    for (const folder of new Set(merged.journals.map((j) => path.dirname(path.join(target, j.to))))) await mkdir(folder, { recursive: true });
    // Copied a few at a time (hundreds of small files: the time is the file system's round trips).
    const copied = await inBatches(merged.journals, COPY_BATCH, async (j) => {
      const text = await readFile(path.join(j.leg.dir, j.from), 'utf8');
      await writeFile(path.join(target, j.to), text);
      // Not a journal (or not JSON): copied as it is; the HTML report shows the row without it.
      try {
        const read = journalOf(JSON.parse(text));
        return 'journal' in read ? read.journal : undefined;
      } catch {
        return undefined;
      }
    });
    const journals = merged.journals.map((j) => path.join(target, j.to));
    // The journals as written, by their path in the merged folder: what the HTML report shows.
    const written = new Map<string, Journal>();
    for (const [k, j] of merged.journals.entries()) {
      const journal = copied[k];
      if (journal) written.set(j.to, journal);
    }
    const suite: Record<string, string> = {};
    for (const format of SUITE_FORMATS) {
      suite[format.key] = path.join(target, format.fileName);
      await writeFile(
        suite[format.key] as string,
        format.render({ results: merged.results, record: compared.record, skipped: merged.skipped, journals: written }),
      );
    }
    const junit = options.junit === undefined ? undefined : await writeJunit(merged.results, options.junit, target);
    return { kind: 'merged', merged, outputs: { journals, suite: suite as WrittenOutputs['suite'], ...(junit ? { junit } : {}) } };
  } finally {
    await locked.lock.release();
  }
}

const COPY_BATCH = 16;

/** `work` on every item, at most `size` at a time; the results in the items' order. */
async function inBatches<T, R>(items: readonly T[], size: number, work: (item: T) => Promise<R>): Promise<R[]> {
  const out: R[] = [];
  for (let i = 0; i < items.length; i += size) out.push(...(await Promise.all(items.slice(i, i + size).map(work))));
  return out;
}

/** Folders that held no usable results are problems of the merge (first, as the cause of what follows). */
function withUnreadable(merged: MergedRun, unreadable: readonly string[], options: MergeRunOptions): MergedRun {
  if (unreadable.length === 0) return merged;
  const { results } = merged;
  const info = results.merged ?? { legs: [], problems: [] };
  const problems = [...unreadable, ...info.problems.filter((p) => !p.startsWith('no results to merge'))];
  return { ...merged, results: summarize(results.experiments, options.failOn, options.version, results.dry, { merged: { ...info, problems } }) };
}
