// What the recovery evidence of one experiment means, defined once: the verdict (missed-objective),
// the journal, results.json, the report's RTO cell and the terminal line all read this, so they
// cannot disagree. The evidence is every steady-state observation after the fault started (t = 0,
// the first method action): the sampler's samples and the hypothesis checks during and after the
// method. A failed check is impact like a failed sample.
//
//   not measured (why)  dry run, no hypothesis, sampling off, no fault injected, or no sample
//                       after the fault took effect (and nothing failed)
//   no impact           every sample and every check after the fault started was met, and at
//                       least one sample was taken after the fault took effect (the last method
//                       action ended): a sample from before then proves nothing on its own.
//                       Without an RTO objective, the check after the method counts as that
//                       sample (sampling ends with the method: it would be the same probes at the
//                       same moment)
//   recovered in X s    something failed, and the last evidence was met: X is when the final run
//                       of met evidence began (the observed RTO)
//   not recovered       the last evidence was failing
import type { DryMode } from './activity.js';
import type { SteadyState } from './journal.js';
import type { SamplingEnd } from './sampler.js';

/** Why recovery was not measured: fixed words, shown as `not measured (<why>)`. */
export type NotMeasuredWhy =
  | 'dry run'
  | 'no steady-state hypothesis'
  | 'sampling off'
  | 'no fault injected'
  /** The action ran, but AWS never showed its fault (chaos-action.faults): nothing was recovered from. */
  | 'fault not confirmed'
  | 'no sample after the fault'
  | 'sampling budget spent'
  | 'interrupted'
  /** A Chaos Toolkit journal read by `chaos-action report`: Chaos Toolkit samples no recovery. */
  | 'not sampled by Chaos Toolkit';

/** Where a piece of evidence came from. */
export type EvidenceKind = 'sample' | 'during' | 'after';

export type RecoveryState =
  | { readonly state: 'not-measured'; readonly why: NotMeasuredWhy }
  | { readonly state: 'no-impact'; readonly observedFor: number }
  | { readonly state: 'recovered'; readonly rto: number; readonly observedFor: number }
  | {
      readonly state: 'not-recovered';
      /** The last evidence, which was failing, and when it was taken (seconds after the fault). */
      readonly failing: EvidenceKind;
      readonly failingAt: number;
      readonly observedFor: number;
      /** Sampling stopped because its budget was spent. */
      readonly budgetSpent: boolean;
    };

/** One observation of the steady state: seconds after the fault started, met or not. */
export interface Observation {
  readonly at: number;
  readonly met: boolean;
}

export interface RecoveryEvidence {
  readonly dry: DryMode | null;
  /** The experiment has hypothesis probes, and its strategy runs them. */
  readonly hypothesis: boolean;
  /** Recovery sampling was on (the run and the experiment allow it). */
  readonly sampling: boolean;
  /** The steady state before the method (null: not checked). */
  readonly before: boolean | null;
  /**
   * The fault: null when no method action started. `inEffectAt`: seconds after its start when the
   * last method action ended (null: none ended, e.g. interrupted).
   */
  readonly fault: { readonly inEffectAt: number | null } | null;
  readonly samples: readonly Observation[];
  readonly during: readonly Observation[];
  readonly after: Observation | null;
  /** Why sampling ended (undefined when the sampler did not run). */
  readonly ended?: SamplingEnd;
  /** Seconds after the fault that sampling watched. */
  readonly observedFor: number;
}

const ORDER: Record<EvidenceKind, number> = { sample: 0, during: 1, after: 2 };

export function recoveryState(e: RecoveryEvidence): RecoveryState {
  const notMeasured = (why: NotMeasuredWhy): RecoveryState => ({ state: 'not-measured', why });
  if (e.dry !== null && e.dry !== 'pause') return notMeasured('dry run');
  if (!e.hypothesis) return notMeasured('no steady-state hypothesis');
  if (!e.sampling) return notMeasured('sampling off');
  if (e.before === false || e.fault === null) return notMeasured('no fault injected');
  const evidence = [
    ...e.samples.map((o) => ({ ...o, kind: 'sample' as const })),
    // The first check during the method starts with it, before the fault: only later ones count.
    ...e.during.filter((o) => o.at >= 0).map((o) => ({ ...o, kind: 'during' as const })),
    ...(e.after ? [{ ...e.after, kind: 'after' as const }] : []),
  ].sort((a, b) => a.at - b.at || ORDER[a.kind] - ORDER[b.kind]);
  const last = evidence.at(-1);
  const observedFor = Math.max(e.observedFor, last?.at ?? 0);
  const lastFailing = evidence.findLastIndex((o) => !o.met);
  if (lastFailing < 0) {
    const inEffectAt = e.fault.inEffectAt;
    // Without an RTO objective, sampling ends with the method and the check after it stands for
    // the sample that would be taken beside it (the same probes at the same moment).
    const checkStands = e.ended === 'method-ended' && e.after !== null && inEffectAt !== null && e.after.at >= inEffectAt;
    const sampledAfter = checkStands || (inEffectAt !== null && e.samples.some((s) => s.at >= inEffectAt));
    if (sampledAfter) return { state: 'no-impact', observedFor };
    return notMeasured(e.ended === 'budget' ? 'sampling budget spent' : e.ended === 'interrupted' ? 'interrupted' : 'no sample after the fault');
  }
  if (last && !last.met) return { state: 'not-recovered', failing: last.kind, failingAt: last.at, observedFor, budgetSpent: e.ended === 'budget' };
  return { state: 'recovered', rto: (evidence[lastFailing + 1] as Observation).at, observedFor };
}

/** Observed RTO in seconds: when recovered, 0 without impact, else null. */
export function observedRto(s: RecoveryState): number | null {
  return s.state === 'recovered' ? s.rto : s.state === 'no-impact' ? 0 : null;
}

/** Whether the fault had an impact: null when not measured. */
export function hadImpact(s: RecoveryState): boolean | null {
  return s.state === 'not-measured' ? null : s.state !== 'no-impact';
}

/**
 * A hypothesis check as evidence: met or not, at the start of the probe that decided it (the
 * first one not met, else the last), in seconds after `faultMs`. Null when it did not finish.
 */
export function checkObservation(state: SteadyState | null, faultMs: number): Observation | null {
  if (!state || state.steady_state_met === null) return null;
  const decisive = state.probes.at(-1);
  if (!decisive) return null;
  return { at: Math.round(Date.parse(decisive.start) - faultMs) / 1000, met: state.steady_state_met };
}

/** Seconds after `faultMs` when the last method action ended; null when none did. */
export function lastActionEnd(run: readonly { activity: Record<string, unknown>; end?: string }[], faultMs: number): number | null {
  let end: number | null = null;
  for (const r of run) {
    if (r.activity.type !== 'action' || r.end === undefined) continue;
    const at = Math.round(Date.parse(r.end) - faultMs) / 1000;
    if (end === null || at > end) end = at;
  }
  return end;
}
