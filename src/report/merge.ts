// Merging the results of a matrix's legs (environments × shards) into one run: one table, one
// gate. Pure: the legs come in read (results-file.ts), the merged results and where each journal
// goes come out. The gate never lies: a shard missing, a shard or an experiment twice, legs that
// disagree on what they split or which version or commit they ran — each is a problem, and any
// problem fails the merged gate (a missing shard's experiments were never tested).
import type { DryMode } from '../engine/activity.js';
import type { Leg } from './results-file.js';
import { type ExperimentResult, type MergeInfo, type RunResults, type RunScope, summarize, untestedResult } from './results.js';
import type { Verdict } from './verdict.js';

export interface MergeOptions {
  readonly failOn: readonly Verdict[];
  /** The merging chaos-action's version. */
  readonly version: string;
  /**
   * The environments (comment keys) that must have results: one whose every leg failed before
   * uploading leaves nothing to merge, and only this list can tell that it is missing.
   */
  readonly expect?: readonly string[];
}

export interface MergedRun {
  readonly results: RunResults;
  /** Experiments an interruption kept from starting, over all legs. */
  readonly skipped: readonly string[];
  /** Each leg's journals: from (relative to the leg's folder) to (relative to the merged folder). */
  readonly journals: readonly { readonly leg: Leg; readonly from: string; readonly to: string }[];
}

/** `0.4.2` → `0.4`, `1.7.0` → `1`: results of one family have the same shape and verdicts. */
export function versionFamily(version: string): string {
  const [major = '', minor = ''] = version.split(/[.+-]/);
  return major === '0' ? `0.${minor}` : major;
}

const keyOf = (leg: Leg): string => leg.results.scope?.key ?? 'default';
const shardOf = (leg: Leg): { index: number; count: number } => leg.results.scope?.shard ?? { index: 1, count: 1 };
const inEnvironment = (key: string): string => (key === 'default' ? '' : ` of ${key}`);
const shardText = (s: { index: number; count: number }, key: string): string => `shard ${s.index}/${s.count}${inEnvironment(key)}`;

/** The leg's folder in the merged journal folder: `staging-shard-2-of-4`, `default`. */
export function legFolderName(key: string, shard: RunScope['shard']): string {
  const safe = key.replace(/[^A-Za-z0-9._-]+/g, '_').replace(/^[._]+/, '') || 'default';
  return shard ? `${safe}-shard-${shard.index}-of-${shard.count}` : safe;
}

export function mergeLegs(legs: readonly Leg[], options: MergeOptions): MergedRun {
  const problems: string[] = [];
  if (legs.length === 0) problems.push('no results to merge: no leg left a results.json');

  const families = new Map<string, string[]>();
  for (const leg of legs) families.set(versionFamily(leg.results.version), [...(families.get(versionFamily(leg.results.version)) ?? []), leg.results.version]);
  if (families.size > 1)
    problems.push(
      `the legs ran different chaos-action versions (${[...new Set(legs.map((l) => l.results.version))].join(', ')}): their results cannot be compared`,
    );

  const commits = [...new Set(legs.flatMap((l) => (l.results.scope?.commit ? [l.results.scope.commit] : [])))];
  if (commits.length > 1) problems.push(`the legs tested different commits (${commits.map((c) => c.slice(0, 7)).join(', ')})`);

  const dryModes = [...new Set(legs.map((l) => l.results.dry ?? null))];
  if (dryModes.length > 1) problems.push(`the legs ran with different dry modes (${dryModes.map((d) => d ?? 'none').join(', ')})`);
  const dry: DryMode | null = dryModes.find((d) => d !== null) ?? null;

  // Environments in order of their names; legs by shard.
  const byKey = new Map<string, Leg[]>();
  const notes: string[] = [];
  // By shard; a shard's later result (a re-run's artifact) first.
  for (const leg of [...legs].sort((a, b) => shardOf(a).index - shardOf(b).index || (b.rank ?? 0) - (a.rank ?? 0)))
    byKey.set(keyOf(leg), [...(byKey.get(keyOf(leg)) ?? []), leg]);
  const keys = [...byKey.keys()].sort();

  const experiments: ExperimentResult[] = [];
  const journals: { leg: Leg; from: string; to: string }[] = [];
  const infos: MergeInfo['legs'][number][] = [];
  const skipped: string[] = [];
  const usedFolders = new Set<string>();

  for (const key of keys) {
    const group = byKey.get(key) as Leg[];
    const counts = [...new Set(group.map((l) => shardOf(l).count))];
    if (counts.length > 1) problems.push(`the legs${inEnvironment(key)} split the suite into different numbers of shards (${counts.join(', ')})`);
    const count = Math.max(...counts);
    const balances = [...new Set(group.flatMap((l) => (l.results.scope?.shard ? [l.results.scope.shard.balancedBy] : [])))];
    if (balances.length > 1)
      problems.push(
        `the shards${inEnvironment(key)} were balanced differently (${balances.join(' and ')}): some experiments may have run twice and others not at all`,
      );
    const selected = [...new Set(group.flatMap((l) => (l.results.scope ? [l.results.scope.selection.selected] : [])))];
    if (selected.length > 1) problems.push(`the legs${inEnvironment(key)} selected different numbers of experiments (${selected.join(', ')})`);

    const seenShards = new Map<number, Leg>();
    const seenFiles = new Map<string, Leg>();
    const envExperiments: ExperimentResult[] = [];
    for (const leg of group) {
      const shard = shardOf(leg);
      const earlier = seenShards.get(shard.index);
      if (earlier && earlier.rank !== undefined && leg.rank !== undefined && earlier.rank !== leg.rank) {
        notes.push(`${shardText(shard, key)}: used the later results (${earlier.dir}), not the earlier ones (${leg.dir})`);
        continue;
      }
      if (earlier) {
        problems.push(`${shardText(shard, key)} appears twice (${earlier.dir} and ${leg.dir}): merge one result per shard`);
        continue;
      }
      seenShards.set(shard.index, leg);
      let folder = legFolderName(key, leg.results.scope?.shard ?? null);
      for (let n = 2; usedFolders.has(folder); n++) folder = `${legFolderName(key, leg.results.scope?.shard ?? null)}-${n}`;
      usedFolders.add(folder);
      for (const e of leg.results.experiments) {
        const twice = seenFiles.get(e.file);
        if (twice) problems.push(`${e.file} ran twice${inEnvironment(key)} (in ${twice.dir} and ${leg.dir})`);
        seenFiles.set(e.file, leg);
        const to = e.journal === null ? null : `${folder}/${e.journal}`;
        if (e.journal !== null && to !== null) journals.push({ leg, from: e.journal, to });
        envExperiments.push({ ...e, journal: to, environment: key });
      }
      skipped.push(...(leg.results.skipped ?? []));
      infos.push({ key, shard: leg.results.scope?.shard ?? null, dir: folder, experiments: leg.results.experiments.length, gate: leg.results.gate });
    }
    const missing: ExperimentResult[] = [];
    for (let index = 1; index <= count; index++) {
      if (seenShards.has(index)) continue;
      const which = shardText({ index, count }, key);
      problems.push(
        `${which} is missing: its experiments were not tested (its leg failed before writing results, was cancelled, or its artifact was not found)`,
      );
      missing.push(missingShard(which, key));
    }
    const [total] = selected;
    const ran = group.filter((l) => seenShards.get(shardOf(l).index) === l).reduce((n, l) => n + l.results.experiments.length, 0);
    if (total !== undefined && seenShards.size === count && ran !== total)
      problems.push(`the shards${inEnvironment(key)} ran ${ran} experiments but the selection had ${total}: the legs did not split the same suite`);
    // The suite's order is the files' order; a missing shard's row goes last.
    experiments.push(...envExperiments.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0)), ...missing);
  }
  const expected = [...new Set(options.expect ?? [])];
  for (const key of expected.filter((k) => !keys.includes(k))) {
    const which = key === 'default' ? 'the default environment' : `environment ${key}`;
    problems.push(
      `${which} has no results: none of its experiments were tested (every leg of it failed before writing results, was cancelled, or its artifacts were not found)`,
    );
    experiments.push(untestedResult(`(${which})`, `not tested: ${which} has no results`, { title: `${which}: no results`, environment: key }));
  }
  const unexpected = expected.length ? keys.filter((k) => !expected.includes(k)) : [];
  if (unexpected.length) notes.push(`results for ${unexpected.join(', ')}, which the expected environments (${expected.join(', ')}) do not list`);
  const merged: MergeInfo = { legs: infos, problems, ...(notes.length ? { notes } : {}) };
  return { results: summarize(experiments, options.failOn, options.version, dry, { merged }), skipped, journals };
}

/** A row for a shard whose results are missing: untested, so it can never read passed. */
function missingShard(which: string, key: string): ExperimentResult {
  return untestedResult(`(${which})`, `not tested: the results of ${which} are missing`, { title: `${which}: no results`, environment: key });
}
