// The action's post step: it runs even when the job was cancelled. If the main step died before
// an experiment's rollbacks ran (or finished), the ledger says so, and the rollbacks are played
// here, recorded in the job summary; the job fails if one could not run.
import path from 'node:path';
import type { Clock } from '../engine/clock.js';
import type { RunEvents } from '../engine/events.js';
import { FileRollbackLedger, owedRollbacks } from '../engine/rollback-ledger.js';
import { type Interruption, runRollbacksOnly } from '../engine/runner.js';
import { executableFinder } from '../experiment/executables.js';
import { validateFiles } from '../experiment/validate-files.js';
import type { Vars } from '../experiment/vars.js';
import type { ActionIO } from '../github/action-io.js';
import { childEnv } from '../providers/child-env.js';
import { pythonResolver } from '../providers/python-catalog.js';
import { providerRegistry } from '../providers/registry.js';
import { escapeCell } from '../report/markdown.js';
import { LEDGER_STATE } from './run-action.js';

export interface PostDependencies {
  readonly io: ActionIO;
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly cwd: string;
  readonly clock: Clock;
  readonly events: RunEvents;
  readonly interruption: Interruption;
  readonly vars: Vars;
}

export interface RevertReport {
  readonly owed: number;
  readonly reverted: string[];
  readonly failed: string[];
}

export async function revertOwedRollbacks(deps: PostDependencies): Promise<RevertReport> {
  const { io } = deps;
  const ledgerFile = io.getState(LEDGER_STATE);
  const owed = ledgerFile ? await owedRollbacks(ledgerFile) : [];
  if (owed.length === 0) {
    io.info('chaos-action post step: no rollbacks owed; nothing to revert');
    return { owed: 0, reverted: [], failed: [] };
  }
  io.warning(`chaos-action post step: ${owed.length} experiment(s) still owe their rollbacks (the main step was cancelled or died); reverting now`);
  const env = { ...deps.env, ...deps.vars.env };
  const python = env.CHAOS_ACTION_PYTHON ?? 'python3';
  const ledger = await FileRollbackLedger.resume(ledgerFile);
  const reverted: string[] = [];
  const failed: string[] = [];
  for (const entry of owed) {
    // Re-read as the main step read it: configuration and secrets come from this step's env.
    const report = await validateFiles([path.resolve(deps.cwd, entry.file)], { env, vars: deps.vars, findExecutable: executableFinder(env.PATH), resolvePython: pythonResolver({ python, env }) });
    const validated = report.files[0]?.experiment;
    if (!report.valid || !validated) {
      failed.push(`${entry.file}: cannot be read again to play its rollbacks (${report.diagnostics[0]?.message ?? 'invalid'})`);
      continue;
    }
    const outcome = await runRollbacksOnly(
      { file: entry.file, experiment: validated.doc.value as Record<string, unknown>, configuration: validated.configuration, dynamicConfiguration: validated.dynamicConfiguration, secrets: validated.secrets },
      { clock: deps.clock, runProvider: providerRegistry({ python }), events: deps.events, env: childEnv(env), cwd: deps.cwd, interruption: deps.interruption, ledger, ledgerId: entry.id },
    );
    const bad = outcome.rollbacks.filter((r) => r.status !== 'succeeded');
    if (bad.length || outcome.errors.length || outcome.cutShort) {
      failed.push(`${entry.title} (${entry.file}): ${[...bad.map((r) => `rollback "${String(r.activity.name)}" ${r.status ?? 'did not finish'}`), ...outcome.errors.map((e) => e.message)].join('; ') || 'cut short'}`);
    } else {
      reverted.push(`${entry.title} (${entry.file}): ${outcome.rollbacks.length} rollback(s) played`);
    }
  }
  const lines = ['## chaos-action post step: faults reverted after the main step stopped', '', ...reverted.map((r) => `- ✅ ${escapeCell(r)}`), ...failed.map((f) => `- 💥 ${escapeCell(f)}`), ''];
  try {
    await io.appendSummary(lines.join('\n'));
  } catch (e) {
    io.warning(`the job summary could not be written: ${e instanceof Error ? e.message : String(e)}`);
  }
  if (failed.length) io.setFailed(`chaos-action post step: ${failed.length} experiment(s) could not be reverted; a fault may be left behind: ${failed.join(' | ')}`);
  return { owed: owed.length, reverted, failed };
}
