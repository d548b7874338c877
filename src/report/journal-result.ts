// One journal read back as a result row. Our own journal carries its judgement under the
// `chaos-action` key (the verdict was made with everything the run knew: its plans, its faults,
// its dry mode): that verdict stands. A Chaos Toolkit journal is judged here by the same rules as
// a run (report/verdict.ts judge) from what it holds. Chaos Toolkit samples no recovery and runs
// no canary: RTO and RPO read "not measured", and an objective the experiment declares cannot be
// shown met, so it is missed (the gate never lies).
import type { DurabilityReport } from '../engine/canary.js';
import type { Journal } from '../engine/journal.js';
import type { RecoveryState } from '../engine/recovery-state.js';
import type { RecoveryTimeline } from '../engine/sampler.js';
import { ROLLBACK_STRATEGIES, type RollbackStrategy } from '../engine/strategies.js';
import { type Objectives, recoverySettings } from '../experiment/objectives.js';
import { isMapping } from '../python/values.js';
import { dryModeOf, skipsActivities } from './dry-run.js';
import type { FaultRecord } from './faults.js';
import type { PlannedActivity } from './plan.js';
import { type ExperimentResult, resultOf, rollbackState } from './results.js';
import type { UnguardedActivity } from './unguarded.js';
import { formatSeconds, judge, VERDICTS, type Verdict } from './verdict.js';

export interface JournalResultOptions {
  /** The file the journal was read from, as the report names it. */
  readonly file: string;
  /** The journal's path as results.json lists it (relative to the output folder). */
  readonly journalName: string;
  /** Chaos Toolkit's meaning of a failed method action, for journals judged here. */
  readonly allowActionFailure: boolean;
}

/** The result row of a journal: ours as it was judged, Chaos Toolkit's judged now. */
export function journalResult(journal: Journal, options: JournalResultOptions): ExperimentResult {
  const ours = ourJudgement(journal['chaos-action']);
  if (!ours) return ctkResult(journal, options);
  // A stamp is one line to write: `passed` counts only where the journal's own record agrees.
  const contradiction = ours.verdict === 'passed' ? contradictsPass(journal) : undefined;
  if (!contradiction) return ourResult(journal, ours, options);
  const judged = ctkResult(journal, options);
  return {
    ...judged,
    verdict: judged.verdict === 'passed' ? 'failed' : judged.verdict,
    reasons: [`the journal's chaos-action verdict says passed, but ${contradiction}`, ...judged.reasons],
  };
}

/** What in the journal's own record contradicts a pass, if anything. */
function contradictsPass(journal: Journal): string | undefined {
  if (journal.status !== 'completed') return `its status is ${String(journal.status)}`;
  if (journal.deviated) return 'it deviated';
  if (journal.steady_states.before?.steady_state_met === false) return 'the steady state was not met before the method';
  if (journal.steady_states.after?.steady_state_met === false) return 'the steady state was not met after the method';
  const failed = [...journal.run, ...journal.rollbacks].find((r) => r.status === 'failed');
  return failed ? `its activity '${String(failed.activity?.name ?? '')}' failed` : undefined;
}

/** Whether the journal was written by chaos-action (it carries a verdict we know). */
export const isOurJournal = (journal: Journal): boolean => ourJudgement(journal['chaos-action']) !== undefined;

interface OurJudgement {
  readonly ext: Record<string, unknown>;
  readonly verdict: Verdict;
  readonly reasons: string[];
}

function ourJudgement(ext: unknown): OurJudgement | undefined {
  if (!isMapping(ext) || !(VERDICTS as readonly unknown[]).includes(ext.verdict)) return undefined;
  const reasons = Array.isArray(ext.reasons) ? ext.reasons.map(String) : [];
  return { ext, verdict: ext.verdict as Verdict, reasons };
}

function ourResult(journal: Journal, { ext, verdict, reasons }: OurJudgement, options: JournalResultOptions): ExperimentResult {
  const recovery = isMapping(ext.recovery) ? ext.recovery : undefined;
  const state = recovery ? recoveryStateOf(recovery) : undefined;
  const timeline = recovery && Array.isArray(recovery.samples) ? (recovery as unknown as RecoveryTimeline) : undefined;
  const objectives = recovery && isMapping(recovery.objectives) ? objectivesOf(recovery.objectives) : undefined;
  const durability = isMapping(ext.durability) && typeof ext.durability.acknowledged === 'number' ? (ext.durability as unknown as DurabilityReport) : undefined;
  const played = ext.rollbacks === 'played' || ext.rollbacks === 'skipped' || ext.rollbacks === 'cut-short' ? ext.rollbacks : undefined;
  const strategies = isMapping(ext.strategies) ? ext.strategies : {};
  const file = typeof ext.file === 'string' ? ext.file : options.file;
  return {
    ...resultOf(
      file,
      journal,
      verdict,
      reasons,
      options.journalName,
      {
        ...(state ? { state } : {}),
        ...(timeline ? { timeline } : {}),
        ...(objectives ? { objectives } : {}),
        ...(durability ? { durability } : {}),
      },
      played ? rollbackState(journal, played, strategyOf(strategies.rollbacks)) : undefined,
    ),
    ...entries('plan', ext.plan as PlannedActivity[]),
    ...entries('faults', ext.faults as FaultRecord[]),
    ...entries('unguarded', ext.unguarded as UnguardedActivity[]),
  };
}

/** `{key: the mappings of value}` when it is a list holding any (a journal is untrusted input). */
function entries<K extends string, T>(key: K, value: readonly T[] | undefined): { [P in K]?: T[] } {
  const kept = Array.isArray(value) ? value.filter(isMapping) : [];
  return (kept.length ? { [key]: kept } : {}) as { [P in K]?: T[] };
}

/** The recovery state as our journal keeps it (spread into `chaos-action.recovery`). */
function recoveryStateOf(r: Record<string, unknown>): RecoveryState | undefined {
  const num = (v: unknown): number => (typeof v === 'number' ? v : 0);
  switch (r.state) {
    case 'not-measured':
      return { state: 'not-measured', why: String(r.why ?? 'not measured') as Extract<RecoveryState, { state: 'not-measured' }>['why'] };
    case 'no-impact':
      return { state: 'no-impact', observedFor: num(r.observedFor) };
    case 'recovered':
      return { state: 'recovered', rto: num(r.rto), observedFor: num(r.observedFor) };
    case 'not-recovered':
      return {
        state: 'not-recovered',
        failing: r.failing === 'during' || r.failing === 'after' ? r.failing : 'sample',
        failingAt: num(r.failingAt),
        observedFor: num(r.observedFor),
        budgetSpent: r.budgetSpent === true,
      };
    default:
      return undefined;
  }
}

function objectivesOf(o: Record<string, unknown>): Objectives {
  return { ...(typeof o.rto === 'number' ? { rto: o.rto } : {}), ...(typeof o.rpo === 'number' ? { rpo: o.rpo } : {}) };
}

const strategyOf = (s: unknown): RollbackStrategy => ((ROLLBACK_STRATEGIES as readonly unknown[]).includes(s) ? (s as RollbackStrategy) : 'default');

/** Why a Chaos Toolkit journal has no RTO (the words the report shows after "not measured"). */
function ctkRecovery(journal: Journal): RecoveryState {
  if (skipsActivities(dryModeOf(journal))) return { state: 'not-measured', why: 'dry run' };
  const h = journal.experiment['steady-state-hypothesis'];
  if (!isMapping(h) || !Array.isArray(h.probes) || h.probes.length === 0) return { state: 'not-measured', why: 'no steady-state hypothesis' };
  if (journal.steady_states.before?.steady_state_met === false || !journal.run.some((r) => r.activity.type === 'action'))
    return { state: 'not-measured', why: 'no fault injected' };
  return { state: 'not-measured', why: 'not sampled by Chaos Toolkit' };
}

function ctkResult(journal: Journal, options: JournalResultOptions): ExperimentResult {
  const objectives = recoverySettings(journal.experiment).settings.objectives;
  const recoveryState = ctkRecovery(journal);
  // Chaos Toolkit plays rollbacks, or does not: it never cuts them short.
  const rollbacks = journal.rollbacks.length > 0 ? 'played' : 'skipped';
  const judged = judge(
    { journal, errors: [], rollbacks, strategies: { hypothesis: 'default', rollbacks: 'default' }, recoveryState, objectives },
    { allowActionFailure: options.allowActionFailure },
  );
  const { verdict, reasons } = missedRpo(judged, objectives, journal);
  return resultOf(
    options.file,
    journal,
    verdict,
    reasons,
    options.journalName,
    { state: recoveryState, objectives },
    rollbackState(journal, rollbacks, 'default'),
  );
}

/** An RPO objective cannot be judged from a Chaos Toolkit journal (no canary ran): it is not shown met. */
function missedRpo(judged: { verdict: Verdict; reasons: string[] }, objectives: Objectives, journal: Journal): { verdict: Verdict; reasons: string[] } {
  if (objectives.rpo === undefined || skipsActivities(dryModeOf(journal))) return judged;
  const reason = `observed RPO not measured (no durability canary ran under Chaos Toolkit); RPO objective ${formatSeconds(objectives.rpo)}`;
  if (judged.verdict === 'passed') return { verdict: 'missed-objective', reasons: [reason] };
  if (judged.verdict === 'missed-objective') return { verdict: 'missed-objective', reasons: [...judged.reasons, reason] };
  return judged;
}
