// Reading a run's results.json back: from a leg's journal folder (for a merge, with the journals it
// names), or a previous run's for the durations a shard split is balanced by. The check is a pure
// function of the parsed JSON; only readLeg and readDurations touch the file system.
import { stat } from 'node:fs/promises';
import path from 'node:path';
import { describeError, readTextFile } from '../experiment/read-file.js';
import { MAX_SHARDS } from '../experiment/shard.js';
import type { RunResults } from './results.js';
import { VERDICTS } from './verdict.js';

/** results.json, as the suite writes it. */
export type ResultsFile = RunResults & { readonly skipped?: readonly string[] };

/** One leg of a matrix as read from its folder. */
export interface Leg {
  /** The folder it was read from. */
  readonly dir: string;
  readonly results: ResultsFile;
  /** Journal paths (relative to `dir`), in the order of the experiments that have one. */
  readonly journals: readonly string[];
  /**
   * Which of two results of one shard is the later (the artifact's id: a re-run leg uploads a new
   * artifact beside its first attempt's). Without it, a shard twice is a problem.
   */
  readonly rank?: number;
}

export const RESULTS_FILE = 'results.json';
/** A results.json is a few KiB per experiment; this allows thousands. */
const MAX_RESULTS_BYTES = 64 * 1024 * 1024;

export type Checked<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly problem: string };

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * A journal named by results: a file name in its folder, or (merged results) in a sub-folder of
 * it; never absolute, never a path out of it.
 */
const insideName = (name: string): boolean =>
  name !== '' && !/[\\\0]/.test(name) && !name.startsWith('/') && name.split('/').every((p) => p !== '' && p !== '.' && p !== '..');

/** Whether parsed JSON is a chaos-action results.json a merge can use; the problem otherwise. */
export function checkResults(json: unknown): Checked<ResultsFile> {
  if (!isObject(json) || json.tool !== 'chaos-action') return { ok: false, problem: 'not a chaos-action results.json (no "tool": "chaos-action")' };
  if (typeof json.version !== 'string') return { ok: false, problem: 'results.json has no "version"' };
  if (!Array.isArray(json.experiments)) return { ok: false, problem: 'results.json has no "experiments" list' };
  for (const [k, e] of json.experiments.entries()) {
    const where = `experiments[${k}]`;
    if (!isObject(e) || typeof e.file !== 'string' || typeof e.title !== 'string') return { ok: false, problem: `${where} has no "file" or "title"` };
    if (!(VERDICTS as readonly unknown[]).includes(e.verdict))
      return { ok: false, problem: `${where} (${e.file}) has an unknown verdict ${JSON.stringify(e.verdict)}` };
    if (!Array.isArray(e.reasons)) return { ok: false, problem: `${where} (${e.file}) has no "reasons" list` };
    if (typeof e.duration !== 'number') return { ok: false, problem: `${where} (${e.file}) has no "duration"` };
    if (e.journal !== null && (typeof e.journal !== 'string' || !insideName(e.journal)))
      return { ok: false, problem: `${where} (${e.file}) names a journal outside its folder: ${JSON.stringify(e.journal)}` };
    // What the report, the HTML and JUnit read of a row: lists of objects, objects.
    const list = ['plan', 'faults', 'unguarded', 'skipped'].find((k) => e[k] !== undefined && !(Array.isArray(e[k]) && (e[k] as unknown[]).every(isObject)));
    if (list) return { ok: false, problem: `${where} (${e.file}) has a malformed "${list}" (a list of objects)` };
    const object = ['rto', 'rpo', 'chart'].find((k) => e[k] !== undefined && !isObject(e[k]));
    if (object) return { ok: false, problem: `${where} (${e.file}) has a malformed "${object}" (an object)` };
  }
  if (json.scope !== undefined && !validScope(json.scope)) return { ok: false, problem: 'results.json has a malformed "scope"' };
  if (json.skipped !== undefined && !(Array.isArray(json.skipped) && json.skipped.every((f) => typeof f === 'string')))
    return { ok: false, problem: 'results.json has a malformed "skipped" (a list of files)' };
  return { ok: true, value: json as unknown as ResultsFile };
}

function validScope(scope: unknown): boolean {
  if (!isObject(scope) || typeof scope.key !== 'string' || !isObject(scope.selection)) return false;
  if (typeof scope.selection.selected !== 'number') return false;
  if (scope.commit !== undefined && scope.commit !== null && typeof scope.commit !== 'string') return false;
  if (scope.shard === null) return true;
  const s = scope.shard;
  return (
    isObject(s) &&
    Number.isInteger(s.index) &&
    Number.isInteger(s.count) &&
    (s.index as number) >= 1 &&
    (s.index as number) <= (s.count as number) &&
    (s.count as number) <= MAX_SHARDS
  );
}

async function readJson(file: string): Promise<Checked<unknown> & { missing?: true }> {
  const read = await readTextFile(file, MAX_RESULTS_BYTES);
  if (!read.ok) return { ok: false, problem: read.problem, ...(/no such file/.test(read.problem) ? { missing: true as const } : {}) };
  try {
    return { ok: true, value: JSON.parse(read.text) as unknown };
  } catch (e) {
    return { ok: false, problem: `not JSON: ${describeError(e)}` };
  }
}

/** A leg's folder: its results.json checked, and every journal it names present. */
export async function readLeg(dir: string, rank?: number): Promise<Checked<Leg>> {
  const file = path.join(dir, RESULTS_FILE);
  const json = await readJson(file);
  if (!json.ok)
    return {
      ok: false,
      problem: `${file}: ${json.missing ? 'no results.json (the leg wrote none: it was invalid, failed to start, or this is not its folder)' : json.problem}`,
    };
  const checked = checkResults(json.value);
  if (!checked.ok) return { ok: false, problem: `${file}: ${checked.problem}` };
  if (checked.value.merged) return { ok: false, problem: `${file}: these are merged results, not a leg's (check the folders or the artifact name pattern)` };
  const named = checked.value.experiments.flatMap((e) => (e.journal === null ? [] : [{ file: e.file, journal: e.journal }]));
  // Checked side by side: a leg has hundreds of journals, and the first problem found is said.
  const problems = await Promise.all(
    named.map(async ({ file: experiment, journal }) => {
      try {
        return (await stat(path.join(dir, journal))).isFile() ? undefined : `${path.join(dir, journal)}: the journal of ${experiment} is not a file`;
      } catch (err) {
        return `${path.join(dir, journal)}: the journal of ${experiment} is missing (${describeError(err)})`;
      }
    }),
  );
  const problem = problems.find((p) => p !== undefined);
  if (problem !== undefined) return { ok: false, problem };
  const journals = named.map((n) => n.journal);
  return { ok: true, value: { dir, results: checked.value, journals, ...(rank !== undefined ? { rank } : {}) } };
}

/** Experiment file → duration (seconds) from a previous results.json; undefined when the file does not exist. */
export async function readDurations(file: string): Promise<{ ok: true; durations: ReadonlyMap<string, number> | undefined } | { ok: false; problem: string }> {
  const json = await readJson(file);
  if (!json.ok) return json.missing ? { ok: true, durations: undefined } : { ok: false, problem: json.problem };
  if (!isObject(json.value) || json.value.tool !== 'chaos-action' || !Array.isArray(json.value.experiments))
    return { ok: false, problem: 'not a chaos-action results.json (no "tool": "chaos-action" and "experiments")' };
  const durations = new Map<string, number>();
  for (const e of json.value.experiments) {
    if (isObject(e) && typeof e.file === 'string' && typeof e.duration === 'number' && Number.isFinite(e.duration) && e.duration >= 0) {
      // A merged file may hold an experiment once per environment: the longest stands for it.
      durations.set(e.file, Math.max(durations.get(e.file) ?? 0, e.duration));
    }
  }
  return { ok: true, durations };
}
