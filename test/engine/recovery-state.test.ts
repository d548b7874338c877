// The one definition of what recovery evidence means (README: "Observed recovery"), for every
// combination of the steady state before, the checks during and after the method, and the samples
// that can occur, plus dry runs and sampling off. Times are seconds after the fault started (the
// first method action); the last action ends at 0.3 s, when the fault is in full effect.
import { describe, expect, it } from 'vitest';
import { type Observation, type RecoveryEvidence, type RecoveryState, recoveryState } from '../../src/engine/recovery-state.js';

const IN_EFFECT = 0.3;
const met = (at: number): Observation => ({ at, met: true });
const failed = (at: number): Observation => ({ at, met: false });

const SAMPLES = {
  none: [],
  /** Taken while the action was still running: before the fault took effect. */
  'before the fault only': [met(0.1)],
  'all met': [met(0.5), met(1), met(1.5)],
  'failing, then met': [failed(0.5), failed(1), met(1.5), met(2)],
  'failing at the end': [met(0.5), failed(1), failed(1.5)],
} satisfies Record<string, Observation[]>;
type Samples = keyof typeof SAMPLES;

const DURING = { none: [], met: [met(0.6)], 'not met': [failed(0.6)] } satisfies Record<string, Observation[]>;
type During = keyof typeof DURING;
const AFTER = { met: met(1.2), 'not met': failed(1.2), absent: null } satisfies Record<string, Observation | null>;
type After = keyof typeof AFTER;

function evidence(samples: Samples, during: During, after: After, patch: Partial<RecoveryEvidence> = {}): RecoveryEvidence {
  return {
    dry: null,
    hypothesis: true,
    sampling: true,
    before: true,
    fault: { inEffectAt: IN_EFFECT },
    samples: SAMPLES[samples],
    during: DURING[during],
    after: AFTER[after],
    ended: 'stopped',
    observedFor: 2,
    ...patch,
  };
}

/** The state in a few words: `no impact`, `recovered 1.2`, `not recovered after 1.2`, `not measured (why)`. */
function words(s: RecoveryState): string {
  switch (s.state) {
    case 'not-measured':
      return `not measured (${s.why})`;
    case 'no-impact':
      return 'no impact';
    case 'recovered':
      return `recovered ${s.rto}`;
    case 'not-recovered':
      return `not recovered ${s.failing} ${s.failingAt}`;
  }
}

// Every combination that can occur once the steady state before was met and a fault started.
const CASES: [Samples, During, After, string][] = [
  // No sample: only the checks speak, and a met check alone proves no absence of impact (sampling
  // went on after the method, or the budget or an interruption stopped it; see 'method-ended' below).
  ['none', 'none', 'met', 'not measured (no sample after the fault)'],
  ['none', 'none', 'not met', 'not recovered after 1.2'],
  ['none', 'none', 'absent', 'not measured (no sample after the fault)'],
  ['none', 'met', 'met', 'not measured (no sample after the fault)'],
  ['none', 'met', 'not met', 'not recovered after 1.2'],
  ['none', 'met', 'absent', 'not measured (no sample after the fault)'],
  ['none', 'not met', 'met', 'recovered 1.2'],
  ['none', 'not met', 'not met', 'not recovered after 1.2'],
  ['none', 'not met', 'absent', 'not recovered during 0.6'],
  // A met sample from before the fault took effect changes none of that (the reported bug: it
  // read "no impact" beside a failed check after the method).
  ['before the fault only', 'none', 'met', 'not measured (no sample after the fault)'],
  ['before the fault only', 'none', 'not met', 'not recovered after 1.2'],
  ['before the fault only', 'none', 'absent', 'not measured (no sample after the fault)'],
  ['before the fault only', 'met', 'met', 'not measured (no sample after the fault)'],
  ['before the fault only', 'met', 'not met', 'not recovered after 1.2'],
  ['before the fault only', 'met', 'absent', 'not measured (no sample after the fault)'],
  ['before the fault only', 'not met', 'met', 'recovered 1.2'],
  ['before the fault only', 'not met', 'not met', 'not recovered after 1.2'],
  ['before the fault only', 'not met', 'absent', 'not recovered during 0.6'],
  // Every sample met: no impact only when every check was met too.
  ['all met', 'none', 'met', 'no impact'],
  ['all met', 'none', 'not met', 'recovered 1.5'],
  ['all met', 'none', 'absent', 'no impact'],
  ['all met', 'met', 'met', 'no impact'],
  ['all met', 'met', 'not met', 'recovered 1.5'],
  ['all met', 'met', 'absent', 'no impact'],
  ['all met', 'not met', 'met', 'recovered 1'],
  ['all met', 'not met', 'not met', 'recovered 1.5'],
  ['all met', 'not met', 'absent', 'recovered 1'],
  // Failing, then met: RTO is when the final run of met evidence began.
  ['failing, then met', 'none', 'met', 'recovered 1.2'],
  ['failing, then met', 'none', 'not met', 'recovered 1.5'],
  ['failing, then met', 'none', 'absent', 'recovered 1.5'],
  ['failing, then met', 'met', 'met', 'recovered 1.2'],
  ['failing, then met', 'met', 'not met', 'recovered 1.5'],
  ['failing, then met', 'met', 'absent', 'recovered 1.5'],
  ['failing, then met', 'not met', 'met', 'recovered 1.2'],
  ['failing, then met', 'not met', 'not met', 'recovered 1.5'],
  ['failing, then met', 'not met', 'absent', 'recovered 1.5'],
  // Failing at the end: not recovered, whatever the checks before it said.
  ['failing at the end', 'none', 'met', 'not recovered sample 1.5'],
  ['failing at the end', 'none', 'not met', 'not recovered sample 1.5'],
  ['failing at the end', 'none', 'absent', 'not recovered sample 1.5'],
  ['failing at the end', 'met', 'met', 'not recovered sample 1.5'],
  ['failing at the end', 'met', 'not met', 'not recovered sample 1.5'],
  ['failing at the end', 'met', 'absent', 'not recovered sample 1.5'],
  ['failing at the end', 'not met', 'met', 'not recovered sample 1.5'],
  ['failing at the end', 'not met', 'not met', 'not recovered sample 1.5'],
  ['failing at the end', 'not met', 'absent', 'not recovered sample 1.5'],
];

describe('the recovery state', () => {
  it.each(CASES)('samples %s, during %s, after %s: %s', (samples, during, after, expected) => {
    expect(words(recoveryState(evidence(samples, during, after)))).toBe(expected);
  });

  it('covers every combination of samples, during and after', () => {
    const all = Object.keys(SAMPLES).flatMap((s) => Object.keys(DURING).flatMap((d) => Object.keys(AFTER).map((a) => `${s}|${d}|${a}`)));
    expect(CASES.map(([s, d, a]) => `${s}|${d}|${a}`).sort()).toEqual(all.sort());
  });

  it('is never "no impact" when a check during or after the method failed, whatever the samples', () => {
    for (const samples of Object.keys(SAMPLES) as Samples[])
      for (const [during, after] of [
        ['not met', 'met'],
        ['none', 'not met'],
        ['met', 'not met'],
        ['not met', 'absent'],
      ] as [During, After][])
        expect(recoveryState(evidence(samples, during, after)).state).not.toBe('no-impact');
  });

  it('says not measured when the steady state before was not met: nothing was injected', () => {
    expect(recoveryState(evidence('none', 'none', 'absent', { before: false, fault: null }))).toEqual({ state: 'not-measured', why: 'no fault injected' });
  });

  it('says not measured when no action started (a method of probes, or interrupted before the fault)', () => {
    expect(recoveryState(evidence('none', 'none', 'met', { fault: null }))).toEqual({ state: 'not-measured', why: 'no fault injected' });
  });

  it.each(['actions', 'activities', 'probes'] as const)('says not measured in a dry run (--dry %s), even with failing evidence', (dry) => {
    expect(recoveryState(evidence('failing at the end', 'not met', 'not met', { dry }))).toEqual({ state: 'not-measured', why: 'dry run' });
  });

  it('measures as usual when only pauses are dry', () => {
    expect(recoveryState(evidence('all met', 'none', 'met', { dry: 'pause' })).state).toBe('no-impact');
  });

  it('says not measured with sampling off, even when the check after the method failed', () => {
    expect(recoveryState(evidence('none', 'none', 'not met', { sampling: false }))).toEqual({ state: 'not-measured', why: 'sampling off' });
  });

  it('says not measured without a hypothesis to sample', () => {
    expect(recoveryState(evidence('none', 'none', 'absent', { hypothesis: false }))).toEqual({ state: 'not-measured', why: 'no steady-state hypothesis' });
  });

  it('says why no sample was taken after the fault: the budget spent, or an interruption', () => {
    expect(recoveryState(evidence('before the fault only', 'none', 'met', { ended: 'budget' }))).toEqual({
      state: 'not-measured',
      why: 'sampling budget spent',
    });
    expect(recoveryState(evidence('before the fault only', 'none', 'absent', { ended: 'interrupted' }))).toEqual({
      state: 'not-measured',
      why: 'interrupted',
    });
  });

  it('counts the check after the method as the last sample when sampling ended with the method (no RTO objective)', () => {
    const ended = { ended: 'method-ended' } as const;
    // No sample after the fault took effect, and a met check after the method: no impact.
    expect(words(recoveryState(evidence('none', 'none', 'met', ended)))).toBe('no impact');
    expect(words(recoveryState(evidence('before the fault only', 'met', 'met', ended)))).toBe('no impact');
    // Any failure still reads as impact, and a failing check as not recovered.
    expect(words(recoveryState(evidence('none', 'not met', 'met', ended)))).toBe('recovered 1.2');
    expect(words(recoveryState(evidence('before the fault only', 'none', 'not met', ended)))).toBe('not recovered after 1.2');
    // A check that did not finish stands for nothing.
    expect(words(recoveryState(evidence('none', 'none', 'absent', ended)))).toBe('not measured (no sample after the fault)');
    // A check from before the fault took effect proves nothing (an interruption cut the method).
    expect(words(recoveryState({ ...evidence('none', 'none', 'met', ended), after: met(0.2) }))).toBe('not measured (no sample after the fault)');
  });

  it('says the budget was spent when it stopped sampling a system still failing', () => {
    expect(recoveryState(evidence('failing at the end', 'none', 'absent', { ended: 'budget' }))).toMatchObject({ state: 'not-recovered', budgetSpent: true });
  });

  it('counts a failing sample taken before the fault took effect as impact', () => {
    expect(words(recoveryState({ ...evidence('none', 'none', 'met'), samples: [failed(0.1)] }))).toBe('recovered 1.2');
  });

  it('ignores the first check during the method, taken before the first action', () => {
    expect(recoveryState({ ...evidence('all met', 'none', 'met'), during: [failed(-0.01)] }).state).toBe('no-impact');
  });

  it('takes a check after a sample at the same instant as the later evidence', () => {
    expect(words(recoveryState({ ...evidence('none', 'none', 'absent'), samples: [met(0.5), met(1.2)], after: failed(1.2) }))).toBe('not recovered after 1.2');
  });

  it('watches at least until the last evidence', () => {
    expect(recoveryState(evidence('all met', 'none', 'met', { observedFor: 1 }))).toEqual({ state: 'no-impact', observedFor: 1.5 });
  });
});
