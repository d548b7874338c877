// The action's post step: it runs even when the job was cancelled. If the main step died before
// an experiment's rollbacks ran (or finished), the ledger says so, and the rollbacks not yet done
// are played here, recorded in the job summary; the job fails if one could not run. Everything it
// prints passes through a redactor built from the experiments' secrets, as in the main step.
import path from 'node:path';
import type { Clock } from '../engine/clock.js';
import { describeNoEffect, noEffect } from '../engine/effect.js';
import type { RunEvents } from '../engine/events.js';
import { FileRollbackLedger, type LedgerEntry } from '../engine/rollback-ledger.js';
import { runRollbacksOnly } from '../engine/owed-rollbacks.js';
import type { Interruption } from '../engine/runner.js';
import type { Redactor } from '../experiment/redaction.js';
import { validateFiles } from '../experiment/validate-files.js';
import { postStepSummary } from '../report/post-step.js';
import type { StepIO } from './run-action.js';
import type { ParsedSettings } from './settings.js';
import type { RunWiring } from './wiring.js';

export interface PostDependencies {
  readonly io: StepIO;
  readonly cwd: string;
  readonly clock: Clock;
  readonly events: RunEvents;
  readonly interruption: Interruption;
  /** The step's settings (the same inputs as the main step's): its dry mode and guardrails hold here too. */
  readonly parsed: ParsedSettings;
  /** What those settings wired, with this step's AWS session in its environment and redactor. */
  readonly wiring: RunWiring;
  /** The ledger file the main step created, and the entries still owed in it. */
  readonly ledgerFile: string;
  readonly owed: readonly LedgerEntry[];
  /** Hands the secrets to whoever prints progress, before anything is printed. */
  readonly useRedactor?: (redactor: Redactor) => void;
}

export interface RevertReport {
  readonly owed: number;
  readonly reverted: string[];
  readonly failed: string[];
  /** Why the step fails, for the entry point to say (absent when every owed rollback played). */
  readonly failure?: string;
}

export async function revertOwedRollbacks(deps: PostDependencies): Promise<RevertReport> {
  const { io, owed, wiring } = deps;
  const { settings } = deps.parsed;
  if (owed.length === 0) {
    io.info('chaos-action post step: no rollbacks owed; nothing to revert');
    return { owed: 0, reverted: [], failed: [] };
  }
  const { redactor } = wiring;
  // Re-read every owed experiment as the main step read it (configuration and secrets come from
  // this step's environment) before printing anything: the redactor must know all the secrets.
  const entries = [];
  for (const entry of owed) {
    const report = await validateFiles([path.resolve(deps.cwd, entry.file)], wiring.validation);
    const validated = report.valid ? report.files[0]?.experiment : undefined;
    for (const v of validated?.secretValues ?? []) redactor.add(v);
    entries.push({ entry, validated, problem: report.diagnostics.find((d) => d.severity === 'error')?.message ?? 'invalid' });
  }
  deps.useRedactor?.(redactor);
  io.warning(`chaos-action post step: ${owed.length} experiment(s) still owe their rollbacks (the main step was cancelled or died); reverting now`);
  const ledger = await FileRollbackLedger.resume(deps.ledgerFile);
  const reverted: string[] = [];
  const failed: string[] = [];
  for (const { entry, validated, problem } of entries) {
    if (!validated) {
      failed.push(`${entry.file}: cannot be read again to play its rollbacks (${problem})`);
      continue;
    }
    const experiment = validated.doc.value as Record<string, unknown>;
    const outcome = await runRollbacksOnly(
      {
        file: entry.file,
        experiment,
        configuration: validated.configuration,
        dynamicConfiguration: validated.dynamicConfiguration,
        secrets: validated.secrets,
      },
      {
        clock: deps.clock,
        runProvider: wiring.providersFor(experiment).runProvider,
        events: deps.events,
        env: wiring.env,
        cwd: deps.cwd,
        interruption: deps.interruption,
        limits: wiring.limits,
        ledger,
        ledgerId: entry.id,
      },
      settings.dry,
    );
    // A rollback that exited non-zero (or was answered 400 or more) did not revert anything either.
    // Redacted before the first line of its stderr is cut short: a secret cut in half stays hidden.
    const bad = outcome.rollbacks.flatMap((r) => {
      const e = noEffect(redactor.redactValue(r));
      return e ? [`rollback "${String(r.activity.name)}" ${describeNoEffect(e)}`] : [];
    });
    const skipped = entry.done.length ? `; ${entry.done.length} already done by the main step` : '';
    if (bad.length || outcome.errors.length || outcome.cutShort) {
      failed.push(`${entry.title} (${entry.file}): ${[...bad, ...outcome.errors.map((e) => e.message)].join('; ') || 'cut short'}`);
    } else {
      reverted.push(`${entry.title} (${entry.file}): ${outcome.rollbacks.length} rollback(s) played${skipped}`);
    }
  }
  const safe = (s: string): string => redactor.redact(s);
  try {
    await io.appendSummary(postStepSummary(reverted.map(safe), failed.map(safe)));
  } catch (e) {
    io.warning(`the job summary could not be written: ${safe(e instanceof Error ? e.message : String(e))}`);
  }
  const failure = failed.length
    ? `chaos-action post step: ${failed.length} experiment(s) could not be reverted; a fault may be left behind: ${safe(failed.join(' | '))}`
    : undefined;
  return { owed: owed.length, reverted: reverted.map(safe), failed: failed.map(safe), ...(failure ? { failure } : {}) };
}
