// The action's main step (runs.main): inputs, then the application; the outcome is in the
// outputs and the step's status. Nothing here decides anything.
import { runAction } from '../app/run-action.js';
import { installInterruption } from '../app/interruption.js';
import { systemClock } from '../engine/clock.js';
import { headCommit, readRunContext, runUrl } from '../github/context.js';
import { ProgressPrinter } from '../report/progress.js';
import { VERSION } from '../app/version.js';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { assumeRole, earlierRuns, postComment, uploadJournals } from './adapters.js';
import { setFailedOutputs } from '../app/run-action.js';
import { readActionInputs } from '../app/settings.js';
import { openStep } from './step.js';

export async function main(): Promise<void> {
  // Before anything else: may re-execute this process without the runner's tokens in its environment.
  const { env, io, problem } = await openStep();
  try {
    if (problem !== undefined) {
      setFailedOutputs(io);
      io.setFailed(`chaos-action: ${problem}`);
      return;
    }
    const inputs = readActionInputs(env);
    if (!inputs.ok) {
      setFailedOutputs(io);
      io.setFailed(`invalid inputs: ${inputs.problems.join('; ')}`);
      return;
    }
    const ctx = readRunContext(env);
    const commit = headCommit(ctx);
    const printer = new ProgressPrinter({ color: false, out: (l) => io.info(l), err: (l) => io.info(l) }, 'normal');
    const { interruption, dispose } = installInterruption(
      (m) => io.warning(m),
      (code) => process.exit(code),
    );
    try {
      const outcome = await runAction(inputs, {
        io,
        env,
        cwd: env.GITHUB_WORKSPACE ?? process.cwd(),
        clock: systemClock,
        events: printer,
        interruption,
        version: VERSION,
        ...(ctx.owner && ctx.runId ? { runUrl: runUrl(ctx) } : {}),
        ...(commit ? { commit } : {}),
        assumeRole: (s) => assumeRole(s, env, ctx),
        uploadArtifact: (s, files, root) => uploadJournals(s, env, ctx, files, root),
        comment: (s, markdown, failed) => postComment(s, ctx, markdown, failed),
        earlierRuns: async (s) => earlierRuns(s, env, ctx, await mkdtemp(path.join(env.RUNNER_TEMP || tmpdir(), 'chaos-history-'))),
        runMeta: {
          commit: ctx.headSha || null,
          ref: env.GITHUB_REF ?? null,
          environment: inputs.settings.commentKey,
          ...(Number.isSafeInteger(Number(ctx.runId)) && ctx.runId ? { runId: Number(ctx.runId) } : {}),
        },
        useRedactor: (r) => printer.useRedactor(r),
      });
      if (outcome.failure) io.setFailed(outcome.failure);
    } finally {
      dispose();
    }
  } catch (e) {
    // A later job (a promotion) reads the outputs: they must say the run failed.
    setFailedOutputs(io);
    io.setFailed(`chaos-action: internal error: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
  }
}

void main();
