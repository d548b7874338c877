// What a run produced, per experiment and overall: the data behind results.json, the Markdown
// report, the CLI summary and (later) the action's outputs.
import { noEffect } from '../engine/effect.js';
import type { FaultRecord } from './faults.js';
import type { Journal } from '../engine/journal.js';
import type { DurabilityReport } from '../engine/canary.js';
import { hadImpact, observedRto, type RecoveryState } from '../engine/recovery-state.js';
import type { RecoveryTimeline } from '../engine/sampler.js';
import type { Objectives } from '../experiment/objectives.js';
import type { DryMode } from '../engine/activity.js';
import type { RollbackStrategy } from '../engine/strategies.js';
import type { TagsMatch } from '../experiment/selection.js';
import type { ShardBalance } from '../experiment/shard.js';
import { dryModeOf, type SkippedActivity, skippedActivities, skipsActivities } from './dry-run.js';
import type { PlannedActivity } from './plan.js';
import type { UnguardedActivity } from './unguarded.js';
import { type RecoveryChart, recoveryChart } from './timeline-chart.js';
import { type Verdict, VERDICTS, worstVerdict } from './verdict.js';

export interface ExperimentResult {
  readonly file: string;
  readonly title: string;
  readonly verdict: Verdict;
  readonly reasons: readonly string[];
  /** Chaos Toolkit's own fields, for reference. */
  readonly status: Journal['status'];
  readonly deviated: boolean;
  readonly steadyStateBefore: boolean | null;
  readonly steadyStateAfter: boolean | null;
  readonly duration: number;
  /** Path of the journal, relative to the journal folder. */
  readonly journal: string | null;
  /** The recovery state (not measured, no impact, recovered, not recovered) beside the objective. */
  readonly rto?: RtoResult;
  /** Probe requests the recovery sampler sent (0 when it did not sample). */
  readonly sampleRequests?: number;
  readonly rpoObjective?: number;
  /** Observed RPO (the durability canary) against the objective, when the experiment has a canary. */
  readonly rpo?: {
    readonly observed: number | null;
    readonly objective?: number;
    readonly acknowledged: number;
    /** null when the survivors could not be read. */
    readonly lost: number | null;
    readonly failed: number;
    /** Nothing survived before the first lost write: the RPO is at least the observed one. */
    readonly lowerBound: boolean;
    readonly error?: string;
    /** What the canary noted: writes capped, a read that took retries, rows it could not delete. */
    readonly notes?: readonly string[];
  };
  /** Steady state and canary writes over time, for the report's chart. */
  readonly chart?: RecoveryChart;
  /** The sampled steady state, one character per slice of time: ▁ met, █ not met. */
  readonly timeline?: string;
  /** A dry run's plan: what each dry action would have changed (nothing was). */
  readonly plan?: readonly PlannedActivity[];
  /** The faults the AWS built-ins checked in AWS after injecting them: confirmed or not, and what was seen. */
  readonly faults?: readonly FaultRecord[];
  /** Marked activities that ran holding the AWS credentials outside the guardrails. */
  readonly unguarded?: readonly UnguardedActivity[];
  /** What the dry mode kept from running (a dry run that skips activities). */
  readonly skipped?: readonly SkippedActivity[];
  /** Whether a fault may be left behind; absent for an experiment that never started. */
  readonly rollbacks?: RollbackState;
  /** The leg's comment-key (environment), in merged results. */
  readonly environment?: string;
}

/** The recovery state, with the objective and the observed RTO spelled out for readers of results.json. */
export type RtoResult = RecoveryState & {
  readonly objective?: number;
  /** Observed RTO in seconds: when recovered; 0 without impact; null otherwise. */
  readonly observed: number | null;
  /** null when not measured. */
  readonly impact: boolean | null;
};

/**
 * What the rollbacks left: `played` (every one took effect), `not-needed` (none declared, the method
 * never ran, or a dry run skipped every action), `skipped` (the rollback strategy skipped them after the method ran), `owed`
 * (one failed, did not take effect, did not finish, was cut short, or an interruption skipped them:
 * a fault may be left behind, and the action's post step plays them again).
 */
export type RollbackState = 'played' | 'not-needed' | 'skipped' | 'owed';

/** The rollback state of a run, from its journal, how its rollbacks went and its strategy. */
export function rollbackState(journal: Journal, rollbacks: 'played' | 'skipped' | 'cut-short', strategy: RollbackStrategy): RollbackState {
  // --dry actions or activities: no action ran, in the method or the rollbacks; nothing was injected.
  const dry = dryModeOf(journal);
  if (dry === 'actions' || dry === 'activities') return 'not-needed';
  if (rollbacks === 'cut-short') return 'owed';
  // A rollback that did not take effect (it failed, or exited non-zero) stays owed in the ledger too.
  if (rollbacks === 'played') return journal.rollbacks.some((r) => noEffect(r)) ? 'owed' : 'played';
  const declared = Array.isArray(journal.experiment.rollbacks) && journal.experiment.rollbacks.length > 0;
  if (!declared || journal.run.length === 0) return 'not-needed';
  // As the engine leaves the ledger: skipped by an interruption, the rollbacks stay owed (but for `never`).
  return journal.status === 'interrupted' && strategy !== 'never' ? 'owed' : 'skipped';
}

/**
 * `failed`: a verdict listed in fail-on (other than dry-run) occurred. `dry-run`: the run was dry
 * (it skipped activities) and nothing else in fail-on occurred; whether that fails the step is
 * fail-on's `dry-run` (listed by default). `passed`: neither. A dry run never reads `passed`.
 */
export type Gate = 'passed' | 'failed' | 'dry-run';

/**
 * What a run covered, for a merge of matrix legs to check: which environment (the comment-key),
 * which shard, what the tags selected of the suite, which commit.
 */
export interface RunScope {
  /** The comment-key: the environment or matrix leg the run reported under (`default` when none). */
  readonly key: string;
  /** This leg's shard, when the run was split; null otherwise (the whole selection ran). */
  readonly shard: { readonly index: number; readonly count: number; readonly balancedBy: ShardBalance } | null;
  readonly selection: {
    readonly tags: readonly string[];
    readonly tagsMatch: TagsMatch;
    /** Valid experiments found (every leg validates the whole suite). */
    readonly found: number;
    /** Experiments the tags selected, over all shards: what a merge must account for. */
    readonly selected: number;
  };
  /** The commit under test, when known. */
  readonly commit: string | null;
}

/** A merge of several legs' results: where each leg came from, and what the merge found wrong. */
export interface MergeInfo {
  readonly legs: readonly {
    readonly key: string;
    readonly shard: RunScope['shard'];
    /** The folder of the leg's journals in the merged journal folder. */
    readonly dir: string;
    readonly experiments: number;
    readonly gate: Gate;
  }[];
  /** Why the merged gate cannot pass: missing shards, an experiment twice, legs that disagree. */
  readonly problems: readonly string[];
  /** What the merge chose that a reader should know (a re-run leg's later results used). */
  readonly notes?: readonly string[];
}

export interface RunResults {
  readonly tool: string;
  readonly version: string;
  /** The run's dry mode (`--dry`, the dry-run input), or null. */
  readonly dry: DryMode | null;
  readonly verdict: Verdict;
  readonly gate: Gate;
  readonly failOn: readonly Verdict[];
  readonly counts: Record<Verdict, number>;
  readonly experiments: readonly ExperimentResult[];
  /** What the run covered (absent in results.json files written before it was recorded). */
  readonly scope?: RunScope;
  /** Present when these results merge several legs' (`chaos-action merge`). */
  readonly merged?: MergeInfo;
}

/** Verdicts of experiments whose fault was not tested to the end: never a pass, whatever fail-on says. */
export const UNTESTED: readonly Verdict[] = ['not-ready', 'stopped', 'interrupted', 'invalid'];

export function summarize(
  experiments: readonly ExperimentResult[],
  failOn: readonly Verdict[],
  version: string,
  dry: DryMode | null = null,
  extra: { readonly scope?: RunScope; readonly merged?: MergeInfo } = {},
): RunResults {
  const counts = Object.fromEntries(VERDICTS.map((v) => [v, 0])) as Record<Verdict, number>;
  for (const e of experiments) counts[e.verdict]++;
  const verdict = worstVerdict(experiments.map((e) => e.verdict));
  // A verdict left out of fail-on lets the step succeed, but the gate never reads passed for an
  // experiment that tested nothing to the end (not ready, interrupted): a promotion reads the gate.
  // A merge that found a shard missing, or legs that disagree, never reads passed.
  const gate: Gate = extra.merged?.problems.length
    ? 'failed'
    : experiments.some((e) => e.verdict !== 'dry-run' && failOn.includes(e.verdict))
      ? 'failed'
      : skipsActivities(dry) || counts['dry-run'] > 0
        ? 'dry-run'
        : experiments.some((e) => UNTESTED.includes(e.verdict))
          ? 'failed'
          : 'passed';
  return { tool: 'chaos-action', version, dry, verdict, gate, failOn, counts, experiments, ...extra };
}

/**
 * The step fails (the CLI exits 1) when any experiment's verdict is listed in fail-on, dry-run
 * included, or when a merge found problems (a shard missing: experiments untested).
 */
export const gateFails = (results: Pick<RunResults, 'experiments' | 'failOn' | 'merged'>): boolean =>
  (results.merged?.problems.length ?? 0) > 0 || results.experiments.some((e) => results.failOn.includes(e.verdict));

/** At most `cells` characters: a slice shows █ when any sample in it was not met. */
export function sparkline(met: readonly boolean[], cells = 40): string {
  const size = Math.max(1, Math.ceil(met.length / cells));
  let out = '';
  for (let i = 0; i < met.length; i += size) out += met.slice(i, i + size).every(Boolean) ? '▁' : '█';
  return out;
}

/** A row for an experiment that was never tested (not started, or a shard's results missing): `interrupted`, never a pass. */
export function untestedResult(file: string, reason: string, more: { readonly title?: string; readonly environment?: string } = {}): ExperimentResult {
  return {
    file,
    title: more.title ?? file,
    verdict: 'interrupted',
    reasons: [reason],
    status: null,
    deviated: false,
    steadyStateBefore: null,
    steadyStateAfter: null,
    duration: 0,
    journal: null,
    ...(more.environment !== undefined ? { environment: more.environment } : {}),
  };
}

export function resultOf(
  file: string,
  journal: Journal,
  verdict: Verdict,
  reasons: readonly string[],
  journalName: string | null,
  recovery?: { state?: RecoveryState; timeline?: RecoveryTimeline; objectives?: Objectives; durability?: DurabilityReport },
  rollbacks?: RollbackState,
): ExperimentResult {
  const timeline = recovery?.timeline;
  const state = recovery?.state;
  const objectives = recovery?.objectives ?? {};
  const d = recovery?.durability;
  const chart = recoveryChart(timeline, d);
  const skipped = skippedActivities(journal);
  return {
    ...(d
      ? {
          rpo: {
            observed: d.rpo,
            ...(objectives.rpo !== undefined ? { objective: objectives.rpo } : {}),
            acknowledged: d.acknowledged,
            lost: d.lost,
            failed: d.failed,
            lowerBound: d.lowerBound,
            ...(d.error ? { error: d.error } : {}),
            ...(d.notes?.length ? { notes: d.notes } : {}),
          },
        }
      : {}),
    ...(chart ? { chart } : {}),
    ...(state
      ? {
          rto: {
            ...state,
            ...(objectives.rto !== undefined ? { objective: objectives.rto } : {}),
            observed: observedRto(state),
            impact: hadImpact(state),
          },
          sampleRequests: timeline?.sampleRequests ?? 0,
        }
      : {}),
    ...(objectives.rpo !== undefined ? { rpoObjective: objectives.rpo } : {}),
    ...(timeline?.samples.length ? { timeline: sparkline(timeline.samples.map((s) => s.met)) } : {}),
    file,
    title: String(journal.experiment.title ?? file),
    verdict,
    reasons,
    status: journal.status,
    deviated: journal.deviated,
    steadyStateBefore: journal.steady_states.before?.steady_state_met ?? null,
    steadyStateAfter: journal.steady_states.after?.steady_state_met ?? null,
    duration: journal.duration ?? 0,
    journal: journalName,
    ...(skipped.length ? { skipped } : {}),
    ...(rollbacks ? { rollbacks } : {}),
  };
}
