// Finds the results of earlier runs of this workflow on a branch, for the history comparison: the
// run's workflow (REST `GET /actions/runs/{id}`), its completed runs on the branch, newest first
// (`GET /actions/workflows/{id}/runs`), each run's artifacts (`GET /actions/runs/{id}/artifacts`),
// and the one this leg uploaded, downloaded through `@actions/artifact` (by run id: only
// `actions: read` is needed). Never throws: what could not be read is said in a note, and the run
// goes on without it. Everything is bounded: runs looked at, artifacts per run, results.json size.
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import type { Octokit } from './sticky-comment.js';

export interface EarlierRun {
  readonly runId: number;
  /** When the run was created (ISO 8601). */
  readonly createdAt: string;
  readonly headSha: string;
  /** The artifact's results.json, parsed (unchecked). */
  readonly results: unknown;
}

export interface EarlierRuns {
  /** Newest first. */
  readonly runs: readonly EarlierRun[];
  /** One line each: what could not be read, and why. */
  readonly notes: readonly string[];
}

export interface EarlierRunsQuery {
  readonly owner: string;
  readonly repo: string;
  /** This run: its workflow is looked up, and it is left out of the results. */
  readonly runId: number;
  readonly branch: string;
  /** Does an artifact of an earlier run belong to this leg? (names carry the job, key and attempt) */
  readonly artifactMatches: (name: string) => boolean;
  /** How many earlier runs with results to return, at most. */
  readonly limit: number;
}

export interface EarlierRunsDeps {
  readonly octokit: Octokit;
  /** Downloads and unpacks an artifact of another run into `into` (@actions/artifact downloadArtifact with findBy). */
  readonly download: (artifactId: number, runId: number, into: string) => Promise<void>;
  /** A fresh folder to download into. */
  readonly scratch: string;
}

/** Runs looked at beyond the limit (runs without our artifact: failed early, other jobs, expired). */
const RUNS_LOOKED_AT = (limit: number): number => Math.min(100, limit * 2 + 5);
const MAX_RESULTS_BYTES = 32 * 1024 * 1024;
/** The journals, reports and results.json of one run, zipped: larger is not downloaded for a history. */
const MAX_ARTIFACT_BYTES = 256 * 1024 * 1024;

export async function findEarlierRuns(q: EarlierRunsQuery, deps: EarlierRunsDeps): Promise<EarlierRuns> {
  const notes: string[] = [];
  const { owner, repo } = q;
  let candidates: { id: number; created_at: string; head_sha: string }[];
  try {
    const { data: run } = await deps.octokit.rest.actions.getWorkflowRun({ owner, repo, run_id: q.runId });
    const { data } = await deps.octokit.rest.actions.listWorkflowRuns({
      owner,
      repo,
      workflow_id: run.workflow_id,
      branch: q.branch,
      status: 'completed',
      per_page: RUNS_LOOKED_AT(q.limit),
    });
    // A fork's pull request runs can carry a branch of the same name (a fork's `main`), and upload
    // any artifact under our name: only runs of this repository's own branch count.
    const own = `${owner}/${repo}`.toLowerCase();
    candidates = data.workflow_runs.filter((r) => r.id !== q.runId && r.head_repository?.full_name?.toLowerCase() === own);
  } catch (e) {
    return { runs: [], notes: [`history not read: listing earlier runs of this workflow on ${q.branch} failed (${httpProblem(e)})`] };
  }
  const runs: EarlierRun[] = [];
  for (const candidate of candidates) {
    if (runs.length >= q.limit) break;
    try {
      const { data } = await deps.octokit.rest.actions.listWorkflowRunArtifacts({ owner, repo, run_id: candidate.id, per_page: 100 });
      const ours = data.artifacts.filter((a) => !a.expired && q.artifactMatches(a.name)).sort((a, b) => attemptOf(b.name) - attemptOf(a.name))[0];
      if (!ours) continue;
      if (ours.size_in_bytes > MAX_ARTIFACT_BYTES) {
        notes.push(`run ${candidate.id}: its artifact ${ours.name} is ${ours.size_in_bytes} bytes, over ${MAX_ARTIFACT_BYTES}; not downloaded`);
        continue;
      }
      const into = path.join(deps.scratch, String(candidate.id));
      await deps.download(ours.id, candidate.id, into);
      const file = path.join(into, 'results.json');
      const size = (await stat(file)).size;
      if (size > MAX_RESULTS_BYTES) {
        notes.push(`run ${candidate.id}: results.json is ${size} bytes, over ${MAX_RESULTS_BYTES}; left out`);
        continue;
      }
      runs.push({ runId: candidate.id, createdAt: candidate.created_at, headSha: candidate.head_sha, results: JSON.parse(await readFile(file, 'utf8')) });
    } catch (e) {
      notes.push(`run ${candidate.id}: its results could not be read (${httpProblem(e)})`);
    }
  }
  return { runs, notes };
}

/** `…-attempt-3` → 3; a name without an attempt counts as 0. */
const attemptOf = (name: string): number => Number(/-attempt-(\d+)$/.exec(name)?.[1] ?? 0);

/** A one-line reason, with the permission a 403/404 usually means. */
function httpProblem(e: unknown): string {
  const status = (e as { status?: unknown })?.status;
  const message = (e instanceof Error ? e.message : String(e)).split('\n')[0]?.slice(0, 200) ?? '';
  if (status === 403 || status === 404) return `HTTP ${status}: the token needs \`actions: read\` on this repository`;
  if (e instanceof SyntaxError) return `results.json is not JSON: ${message}`;
  return typeof status === 'number' ? `HTTP ${status}: ${message}` : message;
}
