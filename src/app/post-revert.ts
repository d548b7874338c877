// The action's post step: it runs even when the job was cancelled. If the main step died before
// an experiment's rollbacks ran (or finished), the ledger says so, and the rollbacks not yet done
// are played here, recorded in the job summary; the job fails if one could not run. Everything it
// prints passes through a redactor built from the experiments' secrets, as in the main step.
import path from 'node:path';
import type { DryMode } from '../engine/activity.js';
import type { Clock } from '../engine/clock.js';
import type { RunEvents } from '../engine/events.js';
import { FileRollbackLedger, type LedgerEntry } from '../engine/rollback-ledger.js';
import { type Interruption, runRollbacksOnly } from '../engine/runner.js';
import { executableFinder } from '../experiment/executables.js';
import { Redactor } from '../experiment/redaction.js';
import { validateFiles } from '../experiment/validate-files.js';
import type { Vars } from '../experiment/vars.js';
import type { ActionIO } from '../github/action-io.js';
import { childEnv } from '../providers/child-env.js';
import { pythonResolver } from '../providers/python-catalog.js';
import { providerRegistry } from '../providers/registry.js';
import { AwsRuntime } from '../aws/runtime.js';
import { experimentGuardrails, type Guardrails } from '../experiment/guardrails.js';
import { escapeCell } from '../report/markdown.js';

export interface PostDependencies {
  readonly io: ActionIO;
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly cwd: string;
  readonly clock: Clock;
  readonly events: RunEvents;
  readonly interruption: Interruption;
  readonly vars: Vars;
  /** The ledger file the main step created, and the entries still owed in it. */
  readonly ledgerFile: string;
  readonly owed: readonly LedgerEntry[];
  /** The run's dry mode: a rollback that was dry in the main step is dry here too. */
  readonly dry: DryMode | null;
  /** Secret values from outside the experiments (the AWS session) to redact too. */
  readonly extraSecrets?: readonly string[];
  /** Hands the secrets to whoever prints progress, before anything is printed. */
  readonly useRedactor?: (redactor: Redactor) => void;
  /** The run's guardrails of mutating AWS calls: a rollback here passes the same ones as in the main step. */
  readonly guardrails?: Guardrails;
}

export interface RevertReport {
  readonly owed: number;
  readonly reverted: string[];
  readonly failed: string[];
}

export async function revertOwedRollbacks(deps: PostDependencies): Promise<RevertReport> {
  const { io, owed } = deps;
  if (owed.length === 0) {
    io.info('chaos-action post step: no rollbacks owed; nothing to revert');
    return { owed: 0, reverted: [], failed: [] };
  }
  const env = childEnv({ ...deps.env, ...deps.vars.env });
  const python = env.CHAOS_ACTION_PYTHON ?? 'python3';
  const redactor = new Redactor();
  for (const v of deps.extraSecrets ?? []) redactor.add(v);
  // Re-read every owed experiment as the main step read it (configuration and secrets come from
  // this step's environment) before printing anything: the redactor must know all the secrets.
  const entries = [];
  const aws = new AwsRuntime();
  const providers = providerRegistry({ python });
  for (const entry of owed) {
    const report = await validateFiles([path.resolve(deps.cwd, entry.file)], { env, vars: deps.vars, findExecutable: executableFinder(env.PATH), resolvePython: pythonResolver({ python, env }) });
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
    const awsScope = aws.scope(experimentGuardrails(validated.doc.value as Record<string, unknown>, deps.guardrails).guardrails, { dry: deps.dry === 'actions' || deps.dry === 'activities' });
    const outcome = await runRollbacksOnly(
      { file: entry.file, experiment: validated.doc.value as Record<string, unknown>, configuration: validated.configuration, dynamicConfiguration: validated.dynamicConfiguration, secrets: validated.secrets },
      { clock: deps.clock, runProvider: (provider, ctx) => providers(provider, { ...ctx, aws: awsScope }), events: deps.events, env, cwd: deps.cwd, interruption: deps.interruption, ledger, ledgerId: entry.id },
      deps.dry,
    );
    const bad = outcome.rollbacks.filter((r) => r.status !== 'succeeded');
    const skipped = entry.done.length ? `; ${entry.done.length} already done by the main step` : '';
    if (bad.length || outcome.errors.length || outcome.cutShort) {
      failed.push(`${entry.title} (${entry.file}): ${[...bad.map((r) => `rollback "${String(r.activity.name)}" ${r.status ?? 'did not finish'}`), ...outcome.errors.map((e) => e.message)].join('; ') || 'cut short'}`);
    } else {
      reverted.push(`${entry.title} (${entry.file}): ${outcome.rollbacks.length} rollback(s) played${skipped}`);
    }
  }
  const safe = (s: string): string => redactor.redact(s);
  const lines = ['## chaos-action post step: faults reverted after the main step stopped', '', ...reverted.map((r) => `- ✅ ${escapeCell(safe(r))}`), ...failed.map((f) => `- 💥 ${escapeCell(safe(f))}`), ''];
  try {
    await io.appendSummary(lines.join('\n'));
  } catch (e) {
    io.warning(`the job summary could not be written: ${safe(e instanceof Error ? e.message : String(e))}`);
  }
  if (failed.length) io.setFailed(`chaos-action post step: ${failed.length} experiment(s) could not be reverted; a fault may be left behind: ${safe(failed.join(' | '))}`);
  return { owed: owed.length, reverted: reverted.map(safe), failed: failed.map(safe) };
}
