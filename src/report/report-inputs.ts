// What `chaos-action report` reads: journal files (ours or Chaos Toolkit's, any chaoslib version),
// folders of them (searched recursively for .json), and results.json files. Every problem is a
// value naming the file (and the line and column where JSON parsing failed), never a throw.
import { readdir, realpath, stat } from 'node:fs/promises';
import path from 'node:path';
import type { Journal } from '../engine/journal.js';
import { JsonSyntaxError, parseJson } from '../experiment/json-parser.js';
import { describeError, readTextFile } from '../experiment/read-file.js';
import { LineIndex } from '../experiment/source-map.js';
import { isMapping } from '../python/values.js';
import { journalOf, looksLikeJournal } from './journal-shape.js';
import type { ExperimentResult } from './results.js';
import { checkResults } from './results-file.js';

/** Largest journal or results.json read: journals hold every activity's (bounded) output. */
export const MAX_JOURNAL_BYTES = 64 * 1024 * 1024;

export type ReportInput =
  | { readonly kind: 'journal'; readonly file: string; readonly path: string; readonly journal: Journal }
  | { readonly kind: 'results'; readonly file: string; readonly path: string; readonly experiments: readonly ExperimentResult[] };

export interface InputProblem {
  readonly file: string;
  readonly line?: number;
  readonly column?: number;
  readonly message: string;
}

export interface ReportInputs {
  readonly inputs: ReportInput[];
  /** Errors: nothing is reported when there is one. */
  readonly problems: InputProblem[];
  /** JSON files in a folder that are neither journals nor results (skipped). */
  readonly skipped: InputProblem[];
}

/** `file:line:column: message`. */
export const formatInputProblem = (p: InputProblem): string => `${p.file}${p.line !== undefined ? `:${p.line}:${p.column ?? 1}` : ''}: ${p.message}`;

export async function readReportInputs(paths: readonly string[]): Promise<ReportInputs> {
  const inputs: ReportInput[] = [];
  const problems: InputProblem[] = [];
  const skipped: InputProblem[] = [];
  const seen = new Set<string>();
  for (const given of paths) {
    let info;
    try {
      info = await stat(given);
    } catch (e) {
      problems.push({
        file: given,
        message: (e as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file or folder' : `cannot read this path: ${describeError(e)}`,
      });
      continue;
    }
    const files = info.isDirectory() ? await jsonFiles(given, problems) : [given];
    if (info.isDirectory() && files.length === 0 && !problems.some((p) => p.file.startsWith(given))) {
      problems.push({ file: given, message: 'the folder holds no .json file: expected journals or results.json' });
    }
    for (const file of files) {
      const real = await realpath(file).catch(() => path.resolve(file));
      if (seen.has(real)) continue;
      seen.add(real);
      const read = await readInput(file, real);
      if ('input' in read) inputs.push(read.input);
      else if (read.notReport && info.isDirectory()) skipped.push(read.problem);
      else problems.push(read.problem);
    }
  }
  return { inputs, problems, skipped };
}

type Read = { readonly input: ReportInput } | { readonly problem: InputProblem; readonly notReport?: true };

async function readInput(file: string, real: string): Promise<Read> {
  const text = await readTextFile(file, MAX_JOURNAL_BYTES);
  if (!text.ok) return { problem: { file, message: text.problem } };
  let value: unknown;
  try {
    value = parseJson(text.text).value;
  } catch (e) {
    if (e instanceof JsonSyntaxError) {
      const at = new LineIndex(text.text).position(e.offset);
      return { problem: { file, ...at, message: `not valid JSON: ${e.message} (a journal cut short while it was written?)` } };
    }
    return { problem: { file, message: `not valid JSON: ${e instanceof Error ? e.message : String(e)}` } };
  }
  if (isResults(value)) {
    // The same check as a merge's leg: every field a report reads, journals inside the folder.
    const checked = checkResults(value);
    if (!checked.ok) return { problem: { file, message: `not a results.json of chaos-action: ${checked.problem}` } };
    return { input: { kind: 'results', file, path: real, experiments: [...checked.value.experiments] } };
  }
  if (looksLikeJournal(value)) {
    const shaped = journalOf(value);
    if ('problem' in shaped) return { problem: { file, message: `not a journal: ${shaped.problem}` } };
    return { input: { kind: 'journal', file, path: real, journal: shaped.journal } };
  }
  const hint =
    isMapping(value) && ('method' in value || 'steady-state-hypothesis' in value) ? ': it looks like an experiment (run it with `chaos-action run`)' : '';
  return {
    notReport: true,
    problem: { file, message: `not a journal or a results.json${hint || ': a journal has "experiment", "steady_states" and "run"'}` },
  };
}

/** Our results.json: the experiments judged, the gate, the counts. */
function isResults(value: unknown): value is { experiments: unknown[] } {
  return isMapping(value) && Array.isArray(value.experiments) && typeof value.gate === 'string' && isMapping(value.counts);
}

/** The .json files under a folder, sorted, skipping hidden folders and node_modules. */
async function jsonFiles(folder: string, problems: InputProblem[]): Promise<string[]> {
  let entries;
  try {
    entries = await readdir(folder, { withFileTypes: true });
  } catch (e) {
    problems.push({ file: folder, message: `cannot list this folder: ${describeError(e)}` });
    return [];
  }
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const files: string[] = [];
  for (const entry of entries) {
    if (entry.name.startsWith('.') || entry.name === 'node_modules') continue;
    const full = path.join(folder, entry.name);
    if (entry.isDirectory()) files.push(...(await jsonFiles(full, problems)));
    else if (entry.isFile() && /\.json$/i.test(entry.name)) files.push(full);
  }
  return files;
}
