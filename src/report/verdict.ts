// The verdict a gate can trust, per experiment, from its journal. Stricter than Chaos Toolkit's
// exit code where that code is a trap (README: differences): a steady state not met before the
// fault, an action or a rollback that failed or did not take effect (engine/effect.ts) and a
// deviation during the method all count, and a dry run (which Chaos Toolkit exits 0 on) is never a
// pass.
import type { DryMode } from '../engine/activity.js';
import type { RunRecord, SteadyState } from '../engine/journal.js';
import type { EvidenceKind } from '../engine/recovery-state.js';
import type { RunOutcome } from '../engine/runner.js';
import type { Trip } from '../engine/guards.js';
import { describeNoEffect, noEffect } from '../engine/effect.js';
import { isMapping, pythonRepr } from '../python/values.js';
import { describeDryRun, dryModeOf, type SkippedActivity, skippedActivities, skipsActivities } from './dry-run.js';
import { type FaultRecord, unconfirmedFaults } from './faults.js';
import { describePlannedChange, type PlannedActivity } from './plan.js';

/**
 * `regressed`: the experiment passed, but its RTO or RPO is worse than in the previous run by more
 * than the regression threshold (known only when the run is compared with its history); it fails
 * the gate only when fail-on lists it. `dry-run`: the experiment ran under a dry mode that skips
 * activities (probes, actions or activities) and nothing else went wrong. Better than any failure,
 * never a pass. `stopped`: a stop condition tripped; the fault was stopped and rolled back.
 */
export const VERDICTS = ['passed', 'regressed', 'dry-run', 'not-ready', 'missed-objective', 'deviated', 'stopped', 'interrupted', 'failed', 'invalid'] as const;
export type Verdict = (typeof VERDICTS)[number];

/** The verdicts that fail the gate unless `fail-on` says otherwise: every one but `passed` and `regressed`. */
export const DEFAULT_FAIL_ON: readonly Verdict[] = VERDICTS.filter((v) => v !== 'passed' && v !== 'regressed');

/** Does `failOn` hold the same verdicts as the default (in any order)? */
export function isDefaultFailOn(failOn: readonly Verdict[]): boolean {
  const given = new Set(failOn);
  return given.size === DEFAULT_FAIL_ON.length && DEFAULT_FAIL_ON.every((v) => given.has(v));
}

/** Worst first: the run's result is the worst verdict of its experiments. */
const severity = (v: Verdict): number => VERDICTS.indexOf(v);
export const worstVerdict = (verdicts: readonly Verdict[]): Verdict =>
  verdicts.reduce<Verdict>((worst, v) => (severity(v) > severity(worst) ? v : worst), 'passed');

export interface Judgement {
  readonly verdict: Verdict;
  /** One line each: what made the verdict, with the probe, the tolerance and the value seen. */
  readonly reasons: string[];
}

export interface JudgeOptions {
  /** Chaos Toolkit's lenient meaning: a failed method action does not fail the experiment. */
  readonly allowActionFailure: boolean;
  /**
   * A dry run's plans: an action the guardrails would refuse, or that would fail before changing
   * anything, fails the experiment as the real run would have.
   */
  readonly plans?: readonly PlannedActivity[];
  /** The run's dry mode; when not given, the journal's (`experiment.dry`, which a redaction could blur). */
  readonly dry?: DryMode | null;
  /**
   * The faults the AWS built-ins checked in AWS after injecting them: one not confirmed fails the
   * experiment, whatever --allow-action-failure says (nothing was observed under that fault).
   */
  readonly faults?: readonly FaultRecord[];
}

export function judge(outcome: RunOutcome, options: JudgeOptions): Judgement {
  const { journal } = outcome;
  const failed: string[] = [];
  for (const e of outcome.errors) failed.push(`${e.phase}: ${e.activity ? `activity "${e.activity}" ` : ''}raised an unexpected error: ${e.message}`);
  // A rollback that failed, did not finish or did not take effect (exit code, HTTP status).
  const rollbacksLeft = journal.rollbacks.flatMap((r) => {
    const e = noEffect(r);
    // The consequence first: a long error is shortened in the report, from its end.
    return e ? [`rollback "${nameOf(r)}" ${describeNoEffect(e, ', so a fault may be left behind')}`] : [];
  });
  failed.push(...rollbacksLeft);
  if (outcome.rollbacks === 'cut-short') failed.push('a second interruption cut the rollbacks short: a fault may be left behind');
  if (!options.allowActionFailure) {
    for (const r of journal.run) {
      if (r.activity.type !== 'action') continue;
      // One that did not finish was interrupted or raised an unexpected error: said above, or by the status.
      const e = noEffect(r);
      if (e && e.kind !== 'unfinished') failed.push(`method action "${nameOf(r)}" ${describeNoEffect(e)}`);
    }
  }
  failed.push(...planFailures(options.plans ?? [], options.allowActionFailure));
  failed.push(...unconfirmedFaults(options.faults ?? []));
  // A fault possibly left behind (a rollback did not work, or was cut short) outranks an interruption.
  const faultLeft = outcome.rollbacks === 'cut-short' || rollbacksLeft.length > 0;
  if (outcome.stopped) {
    const trip = describeTrip(outcome.stopped);
    return faultLeft ? { verdict: 'failed', reasons: [trip, ...failed] } : { verdict: 'stopped', reasons: [trip, ...failed] };
  }
  // A control that raised InterruptExecution is named: the reason is its, not a signal's.
  const byControl = outcome.controls?.errors.find((e) => e.kind === 'interrupt');
  const interruption = byControl ? `control '${byControl.control}' interrupted the run in ${byControl.hook}: ${byControl.error}` : 'the run was interrupted';
  if (journal.status === 'interrupted' && !faultLeft) {
    return { verdict: 'interrupted', reasons: [interruption, ...failed] };
  }
  if (journal.status === 'interrupted') return { verdict: 'failed', reasons: [interruption, ...failed] };
  if (failed.length > 0 || journal.status === 'aborted') {
    return { verdict: 'failed', reasons: failed.length ? failed : ['the experiment was aborted'] };
  }
  const probes = hypothesisEntries(journal.experiment);
  const before = journal.steady_states.before;
  if (before && !before.steady_state_met) {
    return { verdict: 'not-ready', reasons: [`steady state not met before the fault, so nothing was injected: ${unmetProbe(before, probes)}`] };
  }
  const missed = [missedRto(outcome), missedRpo(outcome)].filter((r) => r !== undefined);
  if (missed.length) return { verdict: 'missed-objective', reasons: missed };
  const after = journal.steady_states.after;
  if (journal.deviated && after) {
    return { verdict: 'deviated', reasons: [`steady state not met after the method: ${unmetProbe(after, probes)}`] };
  }
  const duringIndex = journal.steady_states.during.findIndex((s) => !s.steady_state_met);
  if (duringIndex >= 0 && (journal.status === 'failed' || !after)) {
    // Fail-fast, or a strategy with no check after the method: the during-checks are the verdict.
    const state = journal.steady_states.during[duringIndex] as SteadyState;
    return {
      verdict: 'deviated',
      reasons: [`steady state not met during the method (check ${duringIndex + 1} of ${journal.steady_states.during.length}): ${unmetProbe(state, probes)}`],
    };
  }
  const dry = options.dry !== undefined ? options.dry : dryModeOf(journal);
  if (skipsActivities(dry)) return { verdict: 'dry-run', reasons: [`${describeDryRun(dry)}; ${describeSkipped(skippedActivities(journal, dry))}`] };
  return { verdict: 'passed', reasons: [] };
}

/** `stopped by stop condition "api-up" at …: returned status 500; tolerance 200`. */
export function describeTrip(trip: Trip): string {
  const what = trip.source === 'safeguards' ? 'safeguard' : 'stop condition';
  const seen = trip.error !== undefined ? `it failed: ${truncate(trip.error, 200)}` : `returned ${describeValue(trip.value)}`;
  return `stopped by ${what} "${trip.guard}" at ${trip.at}: ${seen}; tolerance ${describeTolerance(trip.tolerance)}`;
}

/**
 * What a real run would have failed on, from a dry run's plans: a refusal by the guardrails or an
 * error before any change. Under allow-action-failure a method action's failure does not count,
 * as in the real run; a rollback's always does.
 */
function planFailures(plans: readonly PlannedActivity[], allowActionFailure: boolean): string[] {
  const failures: string[] = [];
  for (const p of plans) {
    if (allowActionFailure && p.phase === 'method') continue;
    const what = `${p.phase === 'rollbacks' ? 'rollback' : p.phase === 'method' ? 'method action' : `${p.phase} activity`} "${p.activity}"`;
    if (p.error !== undefined) failures.push(`${what} would fail before changing anything: ${p.error}`);
    for (const change of p.changes) if (!change.allowed) failures.push(`${what} would be refused: ${describePlannedChange(change)}`);
  }
  return failures;
}

const MAX_SKIPPED_NAMED = 10;

/** `2 activities skipped: method action "kill", rollbacks action "heal"`. */
function describeSkipped(skipped: readonly SkippedActivity[]): string {
  if (skipped.length === 0) return 'no activity of this experiment was skipped, but a dry run is never a pass';
  const named = skipped.slice(0, MAX_SKIPPED_NAMED).map((s) => `${s.phase} ${s.type} "${s.activity}"`);
  const more = skipped.length > MAX_SKIPPED_NAMED ? ` and ${skipped.length - MAX_SKIPPED_NAMED} more` : '';
  return `${skipped.length} ${skipped.length === 1 ? 'activity' : 'activities'} skipped: ${named.join(', ')}${more}`;
}

/**
 * Observed RTO over the objective, not recovered, or not measured although sampling ran, when an
 * RTO objective is set: read from the recovery state, as every cell is. Recovery not sampled by
 * choice (sampling off, a dry run) or with nothing to sample leaves the objective unjudged; a
 * Chaos Toolkit journal (no sampler ran) cannot show it met, so it is missed.
 */
function missedRto(outcome: RunOutcome): string | undefined {
  const objective = outcome.objectives?.rto;
  const s = outcome.recoveryState;
  if (objective === undefined) return undefined;
  const of = `RTO objective ${formatSeconds(objective)}`;
  switch (s.state) {
    case 'recovered':
      return s.rto > objective ? `observed RTO ${formatSeconds(s.rto)} is over the objective of ${formatSeconds(objective)}` : undefined;
    case 'not-recovered':
      return `not recovered within ${formatSeconds(s.observedFor)} of the fault: ${FAILING[s.failing]} at ${formatSeconds(s.failingAt)} was the last evidence${s.budgetSpent ? ' (the sampling budget was spent)' : ''}; ${of}`;
    case 'not-measured':
      // A Chaos Toolkit journal: nothing shows the objective met, so it is not.
      return s.why === 'no sample after the fault' || s.why === 'sampling budget spent' || s.why === 'not sampled by Chaos Toolkit'
        ? `observed RTO not measured (${s.why}); ${of}`
        : undefined;
    default:
      return undefined;
  }
}

/** The failing evidence, as a reason says it. */
export const FAILING: Record<EvidenceKind, string> = {
  sample: 'a failing sample',
  during: 'a check during the method not met',
  after: 'the steady state after the method not met',
};

/**
 * Observed RPO over the objective, or not measurable, when an RPO objective is set and the
 * experiment has a canary. An objective of 0 means nothing acknowledged may be lost.
 */
function missedRpo(outcome: RunOutcome): string | undefined {
  const objective = outcome.objectives?.rpo;
  const d = outcome.durability;
  if (objective === undefined || !d) return undefined;
  if (d.rpo === null || d.lost === null)
    return `observed RPO unknown: ${d.error ?? 'the canary could not measure it'}; RPO objective ${formatSeconds(objective)}`;
  const lost = `${d.lost} of ${d.acknowledged} acknowledged canary writes lost`;
  const observed = `${d.lowerBound ? 'at least ' : ''}${formatSeconds(d.rpo)}`;
  if (d.lost > 0 && d.rpo > objective) return `observed RPO ${observed} is over the objective of ${formatSeconds(objective)}: ${lost}`;
  if (d.lost > 0 && objective === 0) return `${lost} (observed RPO ${observed}); the RPO objective of 0 s allows no loss`;
  return undefined;
}

export function formatSeconds(seconds: number): string {
  if (seconds < 60) return `${Number(seconds.toFixed(seconds < 10 ? 2 : 1))} s`;
  const m = Math.floor(seconds / 60);
  const rest = Math.round(seconds - m * 60);
  return rest ? `${m} min ${rest} s` : `${m} min`;
}

function nameOf(r: RunRecord): string {
  return String(r.activity.name ?? '?');
}

function lastException(r: RunRecord): string {
  return (r.exception?.at(-1) ?? '').replace(/^chaoslib\.exceptions\.ActivityFailed: /, '').trim();
}

function hypothesisEntries(experiment: Record<string, unknown>): Record<string, unknown>[] {
  const h = experiment['steady-state-hypothesis'];
  return isMapping(h) && Array.isArray(h.probes) ? h.probes.filter(isMapping) : [];
}

/** `probe "api-up" returned status 500; tolerance [200, 503]` for the probe that ended the check. */
function unmetProbe(state: SteadyState, entries: readonly Record<string, unknown>[]): string {
  const index = state.probes.length - 1;
  const record = state.probes[index];
  if (!record) return 'no probe ran';
  const name = nameOf(record);
  if (record.status === 'failed') return `probe "${name}" failed: ${lastException(record)}`;
  if (record.status === undefined) return `probe "${name}" did not finish`;
  return `probe "${name}" returned ${describeValue(record.output)}; tolerance ${describeTolerance(entries[index]?.tolerance)}`;
}

export function describeValue(output: unknown): string {
  if (isMapping(output) && 'status' in output && ('body' in output || 'stdout' in output)) {
    const detail = 'body' in output ? output.body : output.stdout;
    const text = typeof detail === 'string' ? detail.trim() : JSON.stringify(detail);
    const label = 'body' in output ? `status ${String(output.status)}` : `exit code ${String(output.status)}`;
    return text ? `${label} (${truncate(text, 80)})` : label;
  }
  return truncate(typeof output === 'string' ? JSON.stringify(output) : pythonRepr(output), 120);
}

export function describeTolerance(tolerance: unknown): string {
  if (isMapping(tolerance)) {
    switch (tolerance.type) {
      case 'regex':
        return `regex ${JSON.stringify(tolerance.pattern)}${tolerance.target ? ` on ${String(tolerance.target)}` : ''}`;
      case 'jsonpath':
        return `jsonpath ${String(tolerance.path)}${'expect' in tolerance ? ` = ${JSON.stringify(tolerance.expect)}` : tolerance.count !== undefined ? ` (count ${String(tolerance.count)})` : ''}`;
      case 'range':
        return `range ${JSON.stringify(tolerance.range)}${tolerance.target ? ` on ${String(tolerance.target)}` : ''}`;
      case 'probe':
        return `probe "${String(tolerance.name ?? '')}"`;
      default:
        return JSON.stringify(tolerance);
    }
  }
  return JSON.stringify(tolerance);
}

function truncate(s: string, n: number): string {
  return s.length > n ? `${s.slice(0, n - 1)}…` : s;
}
