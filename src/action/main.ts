// The action's main step (runs.main): inputs, then the application; the outcome is in the
// outputs and the step's status. Nothing here decides anything.
import { runAction } from '../app/run-action.js';
import { installInterruption } from '../app/interruption.js';
import { systemClock } from '../engine/clock.js';
import { coreIO } from '../github/action-io.js';
import { headCommit, readRunContext, runUrl } from '../github/context.js';
import { ProgressPrinter } from '../report/progress.js';
import { VERSION } from '../app/version.js';
import { assumeRole, postComment, uploadJournals } from './adapters.js';
import { setFailedOutputs } from '../app/run-action.js';
import { readActionInputs } from '../app/settings.js';

export async function main(): Promise<void> {
  const io = await coreIO();
  try {
    const inputs = readActionInputs(process.env);
    if (!inputs.ok) {
      setFailedOutputs(io);
      io.setFailed(`invalid inputs: ${inputs.problems.join('; ')}`);
      return;
    }
    const ctx = readRunContext(process.env);
    const commit = headCommit(ctx);
    const printer = new ProgressPrinter({ color: false, out: (l) => io.info(l), err: (l) => io.info(l) }, 'normal');
    const { interruption, dispose } = installInterruption(
      (m) => io.warning(m),
      (code) => process.exit(code),
    );
    try {
      const outcome = await runAction(inputs, {
        io,
        env: process.env,
        cwd: process.env.GITHUB_WORKSPACE ?? process.cwd(),
        clock: systemClock,
        events: printer,
        interruption,
        version: VERSION,
        ...(ctx.owner && ctx.runId ? { runUrl: runUrl(ctx) } : {}),
        ...(commit ? { commit } : {}),
        assumeRole: (s) => assumeRole(s, process.env, ctx),
        uploadArtifact: (s, files, root) => uploadJournals(s, process.env, ctx, files, root),
        comment: (s, markdown, failed) => postComment(s, ctx, markdown, failed),
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
