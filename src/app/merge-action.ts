// The merge action's step (merge/action.yml): downloads every matrix leg's journals artifact of
// this run (by name pattern), merges them into one report (merge-run.ts), and reports it as the
// main step does (run-action.ts reportRun): outputs, one job summary, one sticky comment, the
// merged artifact, and the gate — which fails when a leg's artifact is missing or unreadable.
import { mkdtemp } from 'node:fs/promises';
import path from 'node:path';
import type { Clock } from '../engine/clock.js';
import type { ListedArtifact } from '../github/artifact-download.js';
import { type LegSource, mergeRun } from './merge-run.js';
import { type ActionOutcome, type ReportDependencies, reportRun, runFactsOf, setFailedOutputs } from './run-action.js';
import type { ParsedSettings, RunSettings } from './settings.js';
import type { EarlierResults } from './history.js';
import type { RunMeta } from '../report/history.js';

export interface MergeActionDependencies extends ReportDependencies {
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly cwd: string;
  readonly clock: Clock;
  readonly version: string;
  /** This run's artifacts (the latest of each name). */
  listArtifacts(): Promise<ListedArtifact[]>;
  /** Downloads and unzips one artifact into `dir`. */
  downloadArtifact(id: number, dir: string): Promise<void>;
  /** Whether an artifact name is a leg's (the pattern input). */
  readonly isLeg: (name: string) => boolean;
  readonly runUrl?: string;
  readonly commit?: { readonly sha: string; readonly url: string };
  /** Earlier merged runs, for the history comparison (asked only when `history` is above 0). */
  earlierRuns?(settings: RunSettings): Promise<EarlierResults>;
  /** What the merged run's history record says of it. */
  readonly runMeta?: Omit<RunMeta, 'date'>;
}

export async function runMergeAction(parsed: ParsedSettings & { readonly expect?: readonly string[] }, deps: MergeActionDependencies): Promise<ActionOutcome> {
  const { io } = deps;
  const { settings } = parsed;
  const facts = runFactsOf(deps, settings);
  let listed: ListedArtifact[];
  try {
    listed = await deps.listArtifacts();
  } catch (e) {
    setFailedOutputs(io);
    return { gate: 'failed', result: 'failed', failure: `the legs' artifacts could not be listed: ${e instanceof Error ? e.message : String(e)}` };
  }
  const legs = listed.filter((a) => deps.isLeg(a.name)).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : a.id - b.id));
  io.info(`merging ${legs.length} leg artifact(s) of ${listed.length} in this run: ${legs.map((a) => a.name).join(', ') || 'none'}`);
  const root = await mkdtemp(path.join(deps.env.RUNNER_TEMP || process.getBuiltinModule('node:os').tmpdir(), 'chaos-action-merge-'));
  const sources: LegSource[] = [];
  const problems: string[] = [];
  for (const [n, artifact] of legs.entries()) {
    const dir = path.join(root, String(n + 1));
    try {
      await deps.downloadArtifact(artifact.id, dir);
      sources.push({ dir, rank: artifact.id });
    } catch (e) {
      problems.push(`cannot merge the artifact ${artifact.name}: it could not be downloaded (${e instanceof Error ? e.message : String(e)})`);
    }
  }
  const journalDir = path.resolve(deps.cwd, settings.journalDir);
  const earlierRuns = deps.earlierRuns;
  const outcome = await mergeRun(
    sources,
    journalDir,
    {
      failOn: settings.failOn,
      version: deps.version,
      regressionThreshold: settings.regressionThreshold,
      ...(settings.junit !== undefined ? { junit: path.resolve(deps.cwd, settings.junit) } : {}),
      ...(deps.runMeta ? { meta: deps.runMeta } : {}),
      ...(parsed.expect?.length ? { expect: parsed.expect } : {}),
      ...(earlierRuns && settings.history > 0 ? { earlier: () => earlierRuns(settings) } : {}),
    },
    problems,
  );
  if (outcome.kind === 'no-journal-dir') {
    setFailedOutputs(io);
    return { gate: 'failed', result: 'failed', failure: `input "journal-dir" is "${settings.journalDir}": ${outcome.problem}; nothing was merged` };
  }
  for (const n of outcome.merged.results.merged?.notes ?? []) io.info(n);
  return reportRun(outcome.merged.results, outcome.outputs, journalDir, settings, deps, facts);
}
