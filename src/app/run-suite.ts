// Runs a suite: validates every experiment first (nothing runs unless all are valid), runs them
// one by one or up to `parallel` at once (scheduler.ts: locks never overlap), judges each, and
// writes the journals, results.json and report.md (in suite order, whatever finished first). The CLI and the
// action call this; it talks to the world only through what it is given.
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Clock } from '../engine/clock.js';
import type { RunEvents } from '../engine/events.js';
import type { Interruption } from '../engine/runner.js';
import type { Diagnostic } from '../experiment/diagnostics.js';
import type { Redactor } from '../experiment/redaction.js';
import { selectedByTags, tagSelection } from '../experiment/selection.js';
import { validateFiles } from '../experiment/validate-files.js';
import type { RollbackLedger } from '../engine/rollback-ledger.js';
import { journalNames } from '../report/journal-files.js';
import { SUITE_FORMATS, type WrittenOutputs } from '../report/outputs.js';
import { type ExperimentResult, type RunResults, type RunScope, summarize, untestedResult } from '../report/results.js';
import { readDurations } from '../report/results-file.js';
import { type ShardBalance, selectShard } from '../experiment/shard.js';
import type { ValidatedExperiment } from '../experiment/validate.js';
import { experimentClaim } from './experiment-claim.js';
import { lockJournalDir, prepareJournalDir } from './journal-dir.js';
import { runOneExperiment, type SuiteRun } from './run-one.js';
import { runScheduled } from './scheduler.js';
import { notStartedReason, stopsSuite } from './stop-suite.js';
import { guardrailsOf, imposedStrategies, type ParsedSettings, type RunSettings } from './settings.js';
import { type Compared, compareRun, type EarlierResults, readBaselines } from './history.js';
import type { RunMeta } from '../report/history.js';
import { writeJunit } from './junit-file.js';
import { addEnvironmentSecrets, type RunWiring } from './wiring.js';

export interface SuiteDependencies {
  /** What the settings wired: vars, environment, validation options, providers, AWS, redactor. */
  readonly wiring: RunWiring;
  readonly clock: Clock;
  readonly events: RunEvents;
  readonly cwd: string;
  readonly interruption: Interruption;
  readonly version: string;
  /** Where owed rollbacks are recorded before each fault (the action's post step reads it). */
  readonly ledger?: RollbackLedger;
  /** Called with the validation warnings before anything runs. */
  readonly onValidated?: (diagnostics: readonly Diagnostic[]) => void;
  /** Called with the run's secret values once loaded, so that output can be redacted. */
  readonly useRedactor?: (redactor: Redactor) => void;
  /**
   * Called once every experiment is valid, before anything runs (the action assumes its AWS role
   * here: an invalid suite never gets credentials). What it returns is added to the experiments'
   * environment and to the secrets to redact; an error it throws ends the suite before anything ran.
   */
  readonly beforeRun?: () => Promise<{ readonly env?: Readonly<Record<string, string>>; readonly secrets?: readonly string[] }>;
  /** What this run's history record says of it (the commit under test, the ref, the environment). */
  readonly runMeta?: Omit<RunMeta, 'date'>;
  /** Earlier runs to compare with, looked up once the experiments have run (the action: from artifacts). */
  readonly earlierRuns?: () => Promise<EarlierResults>;
}

export type SuiteOutcome =
  | { readonly kind: 'invalid'; readonly diagnostics: Diagnostic[] }
  /** The journal folder cannot be used: nothing was validated or run. */
  | { readonly kind: 'no-journal-dir'; readonly problem: string }
  | {
      readonly kind: 'ran';
      readonly diagnostics: Diagnostic[];
      readonly results: RunResults;
      /** The files written (journals: one per experiment that started), as the artifact lists them. */
      readonly outputs: WrittenOutputs;
      readonly skipped: readonly string[];
      /** Valid experiments the tags left out (not run). */
      readonly notSelected: readonly string[];
      /** The copy of the HTML report the `html` setting asked for: where, and why it could not be written. */
      readonly htmlCopy?: { readonly path: string; readonly problem?: string };
      /** Selected experiments that other shards run. */
      readonly inOtherShards: number;
    };

export async function runSuite({ settings, given }: ParsedSettings, deps: SuiteDependencies): Promise<SuiteOutcome> {
  const journalDir = path.resolve(deps.cwd, settings.journalDir);
  const unusable = await prepareJournalDir(journalDir);
  if (unusable) return { kind: 'no-journal-dir', problem: unusable };
  const locked = await lockJournalDir(journalDir);
  if ('problem' in locked) return { kind: 'no-journal-dir', problem: locked.problem };
  try {
    return await runLocked({ settings, given }, deps, journalDir);
  } finally {
    await locked.lock.release();
  }
}

async function runLocked({ settings, given }: ParsedSettings, deps: SuiteDependencies, journalDir: string): Promise<SuiteOutcome> {
  const { wiring } = deps;
  const runGuardrails = guardrailsOf(settings, given);
  const validation = await validateFiles(settings.experiments, { ...wiring.validation, guardrails: runGuardrails, exclude: [journalDir] });
  if (!validation.valid) return { kind: 'invalid', diagnostics: validation.diagnostics };
  deps.onValidated?.(validation.diagnostics);
  const all = validation.files.flatMap((f) => (f.experiment ? [f.experiment] : []));
  const selection = tagSelection(settings.tags, settings.tagsMatch);
  const tagged = all.filter((e) => selectedByTags((e.doc.value as Record<string, unknown>).tags, selection));
  const notSelected = all.filter((e) => !tagged.includes(e)).map((e) => e.doc.file);
  // A matrix leg's part of the selection; every leg validated the whole suite above.
  const sharded = await shardOf(tagged, settings, deps.cwd);
  if ('problem' in sharded) return { kind: 'invalid', diagnostics: [sharded.problem] };
  const { experiments } = sharded;
  const scope: RunScope = {
    key: settings.commentKey,
    shard: sharded.shard,
    selection: { tags: settings.tags, tagsMatch: settings.tagsMatch, found: all.length, selected: tagged.length },
    commit: deps.runMeta?.commit ?? null,
  };
  if (tagged.length === 0) {
    // A run of nothing must never read as a pass.
    const where = settings.experiments[0] ?? '.';
    const message = `no experiment matches the tags ${settings.tags.join(',')} (tags-match ${settings.tagsMatch}; ${all.length} experiment(s) found)`;
    return {
      kind: 'invalid',
      diagnostics: [
        {
          severity: 'error',
          code: 'tags-none',
          file: where,
          line: 1,
          column: 1,
          pointer: '',
          message,
          hint: "check the tags, or the experiments' `tags` lists",
        },
      ],
    };
  }
  const prepared = (await deps.beforeRun?.()) ?? {};
  const childEnv = { ...wiring.env, ...prepared.env };

  const { redactor } = wiring;
  for (const e of experiments) for (const v of e.secretValues) redactor.add(v);
  for (const v of prepared.secrets ?? []) redactor.add(v);
  addEnvironmentSecrets(redactor, childEnv);
  deps.useRedactor?.(redactor);
  const names = journalNames(experiments.map((e) => e.doc.file));
  const run: SuiteRun = {
    settings,
    wiring,
    clock: deps.clock,
    cwd: deps.cwd,
    interruption: deps.interruption,
    version: deps.version,
    ...(deps.ledger ? { ledger: deps.ledger } : {}),
    env: childEnv,
    journalDir,
    flags: imposedStrategies(settings, given),
    objectives: { ...(settings.rto !== undefined ? { rto: settings.rto } : {}), ...(settings.rpo !== undefined ? { rpo: settings.rpo } : {}) },
  };
  // One at a time unless told otherwise; in parallel, experiments holding the same lock never overlap.
  const parallel = Math.min(settings.parallel, experiments.length);
  const claims =
    parallel > 1
      ? experiments.map((e) =>
          experimentClaim({ experiment: e.doc.value as Record<string, unknown>, configuration: e.configuration, dynamicConfiguration: e.dynamicConfiguration }),
        )
      : experiments.map(() => ({ locks: [], exclusive: false }));
  // Set once an experiment ends as --stop-suite-on lists: no more start, and this is why.
  let suiteStopped: string | undefined;
  const scheduled = await runScheduled(
    claims,
    parallel,
    (index) => {
      const validated = experiments[index] as (typeof experiments)[number];
      const journalName = names.get(validated.doc.file) as string;
      const events = parallel > 1 ? (deps.events.forExperiment?.(experimentLabel(index, experiments.length, journalName)) ?? deps.events) : deps.events;
      return runOneExperiment(run, { validated, index, journalName, events }).then((ran) => {
        const why = stopsSuite(ran.result, settings.stopSuiteOn);
        if (why) suiteStopped ??= notStartedReason(validated.doc.file, why);
        return ran;
      });
    },
    () => deps.interruption.signal.aborted || suiteStopped !== undefined,
  );
  // Suite order, whatever finished first; experiments an interruption (or the suite stop) kept
  // from starting count as interrupted: the gate must not pass.
  const skipped = scheduled.notStarted.map((i) => (experiments[i] as (typeof experiments)[number]).doc.file);
  const journals = scheduled.results.flatMap((r) => (r ? [r.journal] : []));
  /** The journals as written, by name: what the HTML report shows. */
  const written = new Map(scheduled.results.flatMap((r) => (r ? [[path.basename(r.journal), r.written] as const] : [])));
  const results: ExperimentResult[] = experiments.map((e, i) => scheduled.results[i]?.result ?? notStarted(e.doc.file, suiteStopped));
  const compared = await compareWithEarlierRuns(summarize(results, settings.failOn, deps.version, settings.dry, { scope }), settings, deps);
  const summary = compared.results;
  const suite: Record<string, string> = {};
  const rendered: Record<string, string> = {};
  for (const format of SUITE_FORMATS) {
    suite[format.key] = path.join(journalDir, format.fileName);
    rendered[format.key] = format.render({ results: summary, record: compared.record, skipped, journals: written });
    await writeFile(suite[format.key] as string, rendered[format.key] as string);
  }
  const htmlCopy = settings.html === undefined ? undefined : await writeCopy(path.resolve(deps.cwd, settings.html), rendered.html as string);
  const junit = settings.junit === undefined ? undefined : await writeJunit(summary, path.resolve(deps.cwd, settings.junit), journalDir);
  return {
    kind: 'ran',
    diagnostics: validation.diagnostics,
    notSelected,
    inOtherShards: tagged.length - experiments.length,
    results: summary,
    outputs: { journals, suite: suite as WrittenOutputs['suite'], ...(junit ? { junit } : {}) },
    skipped,
    ...(htmlCopy ? { htmlCopy } : {}),
  };
}

/** This run's record, compared with the baselines given and the earlier runs the caller looks up. */
async function compareWithEarlierRuns(summary: RunResults, settings: RunSettings, deps: SuiteDependencies): Promise<Compared> {
  const sources = [
    ...(settings.baseline.length ? [await readBaselines(settings.baseline, deps.cwd)] : []),
    ...(deps.earlierRuns ? [await deps.earlierRuns()] : []),
  ];
  const earlier = sources.length ? { runs: sources.flatMap((s) => s.runs), notes: sources.flatMap((s) => s.notes) } : undefined;
  return compareRun(summary, settings, { ...deps.runMeta, date: new Date(deps.clock.now()).toISOString() }, earlier);
}

/** The experiments of this leg's shard (all of them unless --shard), balanced by --durations when given. */
async function shardOf(
  tagged: readonly ValidatedExperiment[],
  settings: RunSettings,
  cwd: string,
): Promise<{ experiments: readonly ValidatedExperiment[]; shard: RunScope['shard'] } | { problem: Diagnostic }> {
  if (!settings.shard) return { experiments: tagged, shard: null };
  let durations: ReadonlyMap<string, number> | undefined;
  if (settings.durations) {
    const read = await readDurations(path.resolve(cwd, settings.durations));
    if (!read.ok)
      return {
        problem: {
          severity: 'error',
          code: 'durations-unreadable',
          file: settings.durations,
          line: 1,
          column: 1,
          pointer: '',
          message: `--durations ${settings.durations}: ${read.problem}`,
          hint: "give a previous run's results.json, or leave durations out to split by count",
        },
      };
    durations = read.durations;
  }
  const split = selectShard(tagged, (e) => e.doc.file, settings.shard, durations);
  const balancedBy: ShardBalance = split.balancedBy;
  return { experiments: split.selected, shard: { ...settings.shard, balancedBy } };
}

/** The prefix of an experiment's progress lines when several run at once: `[3/20 orders-db]`. */
function experimentLabel(index: number, total: number, journalName: string): string {
  return `[${index + 1}/${total} ${journalName.replace(/\.journal\.json$/, '')}]`;
}

/** An experiment an interruption, or the suite stop (its reason given), kept from starting. */
function notStarted(file: string, suiteStopped?: string): ExperimentResult {
  return untestedResult(file, suiteStopped ?? 'not started: the run was interrupted before it');
}

/** A copy of a report where the user asked; a path that cannot be written is said, not thrown: the run's results stand. */
async function writeCopy(file: string, content: string): Promise<{ path: string; problem?: string }> {
  try {
    await mkdir(path.dirname(file), { recursive: true });
    await writeFile(file, content);
    return { path: file };
  } catch (e) {
    return { path: file, problem: e instanceof Error ? e.message : String(e) };
  }
}
