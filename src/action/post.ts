// The action's post step (runs.post, post-if: always()): reverts the faults the main step could
// not, from the rollback ledger. It assumes the AWS role again only when a rollback is owed.
import { installInterruption } from '../app/interruption.js';
import { revertOwedRollbacks } from '../app/post-revert.js';
import { LEDGER_STATE } from '../app/run-action.js';
import { readActionInputs } from '../app/settings.js';
import { wireRun } from '../app/wiring.js';
import { systemClock } from '../engine/clock.js';
import { LedgerUnreadable, owedRollbacks } from '../engine/rollback-ledger.js';
import { readRunContext } from '../github/context.js';
import { ProgressPrinter } from '../report/progress.js';
import { assumeRole } from './adapters.js';
import { openStep } from './step.js';

export async function post(): Promise<void> {
  // Before anything else: may re-execute this process without the runner's tokens in its environment.
  const { env, io, problem } = await openStep();
  try {
    if (problem !== undefined) {
      io.setFailed(`chaos-action post step: ${problem}`);
      return;
    }
    const ledgerFile = io.getState(LEDGER_STATE);
    // No ledger: the main step never got as far as running anything (invalid inputs or experiments).
    if (!ledgerFile) return;
    let owed;
    try {
      owed = await owedRollbacks(ledgerFile);
    } catch (e) {
      if (!(e instanceof LedgerUnreadable)) throw e;
      io.setFailed(`chaos-action post step: ${e.message}`);
      return;
    }
    if (owed.length === 0) {
      io.info('chaos-action post step: no rollbacks owed; nothing to revert');
      return;
    }
    const inputs = readActionInputs(env);
    if (!inputs.ok) {
      io.setFailed(`chaos-action post step: ${owed.length} experiment(s) owe rollbacks, but the inputs are invalid: ${inputs.problems.join('; ')}`);
      return;
    }
    const { settings } = inputs;
    const printer = new ProgressPrinter({ color: false, out: (l) => io.info(l), err: (l) => io.info(l) }, 'normal');
    const { interruption, dispose } = installInterruption(
      (m) => io.warning(m),
      (code) => process.exit(code),
    );
    try {
      let aws;
      try {
        aws = await assumeRole(settings, env, readRunContext(env));
      } catch (e) {
        io.warning(`could not assume the AWS role again for the post step: ${e instanceof Error ? e.message : String(e)}`);
      }
      for (const secret of aws?.secrets ?? []) io.setSecret(secret);
      const cwd = env.GITHUB_WORKSPACE ?? process.cwd();
      const wired = await wireRun(
        inputs,
        { env: { ...env, ...aws?.env }, cwd, log: (line) => io.info(line), signal: interruption.signal, pythonFallback: true },
        aws?.secrets ?? [],
      );
      if (!wired.ok) {
        // Without the vars the rollbacks cannot be read again: never pass quietly when some are owed.
        io.setFailed(`chaos-action post step: cannot load the vars to revert owed rollbacks: ${wired.diagnostics.map((d) => d.message).join('; ')}`);
        return;
      }
      const report = await revertOwedRollbacks({
        io,
        cwd,
        clock: systemClock,
        events: printer,
        interruption,
        parsed: inputs,
        wiring: wired.wiring,
        ledgerFile,
        owed,
        useRedactor: (r) => printer.useRedactor(r),
      });
      if (report.failure) io.setFailed(report.failure);
    } finally {
      dispose();
    }
  } catch (e) {
    io.setFailed(`chaos-action post step: internal error: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
  }
}

void post();
