// The merge action's step (merge/action.yml, runs.main ../dist/merge.js): inputs, then the
// application; the outcome is in the outputs and the step's status. Nothing here decides anything.
import { runMergeAction } from '../app/merge-action.js';
import { readMergeInputs } from '../app/merge-inputs.js';
import { setFailedOutputs } from '../app/run-action.js';
import { VERSION } from '../app/version.js';
import { systemClock } from '../engine/clock.js';
import { artifactDownloader, nameMatcher } from '../github/artifact-download.js';
import { headCommit, readRunContext, runUrl } from '../github/context.js';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { earlierRuns, postComment, uploadJournals } from './adapters.js';
import { openStep } from './step.js';

export async function main(): Promise<void> {
  const { env, io, problem } = await openStep();
  try {
    if (problem !== undefined) {
      setFailedOutputs(io);
      io.setFailed(`chaos-action merge: ${problem}`);
      return;
    }
    const inputs = readMergeInputs(env);
    if (!inputs.ok) {
      setFailedOutputs(io);
      io.setFailed(`invalid inputs: ${inputs.problems.join('; ')}`);
      return;
    }
    const ctx = readRunContext(env);
    const commit = headCommit(ctx);
    const downloader = artifactDownloader(env);
    const outcome = await runMergeAction(inputs, {
      io,
      env,
      cwd: env.GITHUB_WORKSPACE ?? process.cwd(),
      clock: systemClock,
      version: VERSION,
      isLeg: nameMatcher(inputs.pattern),
      listArtifacts: () => downloader.list(),
      downloadArtifact: (id, dir) => downloader.download(id, dir),
      ...(ctx.owner && ctx.runId ? { runUrl: runUrl(ctx) } : {}),
      ...(commit ? { commit } : {}),
      uploadArtifact: (s, files, root) => uploadJournals(s, env, ctx, files, root),
      comment: (s, markdown, failed) => postComment(s, ctx, markdown, failed),
      earlierRuns: async (s) => earlierRuns(s, env, ctx, await mkdtemp(path.join(env.RUNNER_TEMP || tmpdir(), 'chaos-history-'))),
      runMeta: {
        commit: ctx.headSha || null,
        ref: env.GITHUB_REF ?? null,
        ...(Number.isSafeInteger(Number(ctx.runId)) && ctx.runId ? { runId: Number(ctx.runId) } : {}),
      },
    });
    if (outcome.failure) io.setFailed(outcome.failure);
  } catch (e) {
    setFailedOutputs(io);
    io.setFailed(`chaos-action merge: internal error: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
  }
}

void main();
