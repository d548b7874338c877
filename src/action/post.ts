// The action's post step (runs.post, post-if: always()): reverts the faults the main step could
// not, from the rollback ledger.
import { installInterruption } from '../app/interruption.js';
import { revertOwedRollbacks } from '../app/post-revert.js';
import { systemClock } from '../engine/clock.js';
import { actionVars } from '../app/run-action.js';
import { coreIO } from '../github/action-io.js';
import { readRunContext } from '../github/context.js';
import { ProgressPrinter } from '../report/progress.js';
import { assumeRole } from './adapters.js';
import { readInputs } from './inputs.js';

export async function post(): Promise<void> {
  const io = await coreIO();
  try {
    const inputs = readInputs(process.env);
    if (!inputs.ok) return; // the main step already said so
    const { settings } = inputs;
    const printer = new ProgressPrinter({ color: false, out: (l) => io.info(l), err: (l) => io.info(l) }, 'normal');
    const { interruption, dispose } = installInterruption((m) => io.warning(m));
    try {
      let aws;
      try {
        aws = io.getState('rollback-ledger') ? await assumeRole(settings, process.env, readRunContext(process.env)) : undefined;
      } catch (e) {
        io.warning(`could not assume the AWS role again for the post step: ${e instanceof Error ? e.message : String(e)}`);
      }
      for (const secret of aws?.secrets ?? []) io.setSecret(secret);
      const cwd = process.env.GITHUB_WORKSPACE ?? process.cwd();
      const vars = await actionVars(settings, cwd);
      if (!vars.ok) {
        // Without the vars the rollbacks cannot be read again: never pass quietly when some are owed.
        if (io.getState('rollback-ledger')) io.setFailed(`chaos-action post step: cannot load the vars to revert owed rollbacks: ${vars.diagnostics.map((d) => d.message).join('; ')}`);
        return;
      }
      await revertOwedRollbacks({
        io,
        env: { ...process.env, ...aws?.env },
        cwd,
        clock: systemClock,
        events: printer,
        interruption,
        vars: vars.vars,
      });
    } finally {
      dispose();
    }
  } catch (e) {
    io.setFailed(`chaos-action post step: internal error: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
  }
}

void post();
