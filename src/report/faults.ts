// Faults confirmed (or not) to have happened: what the AWS built-ins saw in AWS right after the
// call that injected each fault, filed under the activity that made it. The journal lists them
// under chaos-action.faults; a fault that was not confirmed fails the experiment (the gate never
// lies: an RTO of "no impact" after a failover that never happened is no result).
import type { Phase } from '../engine/activity.js';
import type { FaultConfirmation } from '../contract/provider.js';
import type { RecoveryState } from '../engine/recovery-state.js';

export interface FaultRecord {
  /** The activity that injected it, and where it ran. */
  readonly activity: string;
  readonly phase: Phase;
  /** The change made ("rds:RebootDBInstance (force failover) checkout-db"). */
  readonly action: string;
  readonly fault: 'confirmed' | 'not confirmed';
  /** The evidence when confirmed, why not otherwise. */
  readonly seen: string;
}

export function faultRecord(activity: string, phase: Phase, c: FaultConfirmation): FaultRecord {
  return { activity, phase, action: c.fault, fault: c.confirmed ? 'confirmed' : 'not confirmed', seen: c.seen };
}

/** One reason per fault that was not confirmed: `fault not confirmed: method action "x" (…): why`. */
export function unconfirmedFaults(records: readonly FaultRecord[]): string[] {
  return records
    .filter((r) => r.fault === 'not confirmed')
    .map((r) => `fault not confirmed: ${r.phase === 'method' ? 'method action' : `${r.phase} activity`} "${r.activity}" (${r.action}): ${r.seen}`);
}

/**
 * The recovery state to report: with a fault that was not confirmed, "not measured (fault not
 * confirmed)" rather than a reassuring "no impact" measured around a fault that never happened.
 */
export function recoveryWithFaults(state: RecoveryState, records: readonly FaultRecord[]): RecoveryState {
  return records.some((r) => r.fault === 'not confirmed') ? { state: 'not-measured', why: 'fault not confirmed' } : state;
}
