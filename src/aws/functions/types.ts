// The contract between a native chaosaws function and the AWS run around it.
//
// A function module (src/aws/functions/<service>.ts) imports its SDK v3 client statically; the
// module itself is imported lazily through the catalog (src/aws/catalog/), so a run that uses no AWS
// function loads no AWS code. Each function receives the provider's already-substituted arguments
// (defaults not applied: the function applies chaosaws's defaults itself) and an AwsCall.
import type { FaultConfirmation, PlannedTarget } from '../../contract/provider.js';

/** A resource a mutating call would touch, as the guardrails and the dry-run plan see it. */
export type AwsTarget = PlannedTarget;

/** The target as a container the call acts through or within (`counted: false`). */
export const container = (t: AwsTarget): AwsTarget => ({ ...t, counted: false });

/** A client class of the AWS SDK v3 (EC2Client, RDSClient, …). */
export type AwsClientClass<C> = new (config: Record<string, unknown>) => C;

export interface AwsCall {
  /** The experiment's configuration (aws_region, aws_profile_name, aws_assume_role_arn, …). */
  readonly configuration: Readonly<Record<string, unknown>>;
  /** The provider's secrets, flat-merged as chaoslib does (aws_access_key_id, … may be here). */
  readonly secrets: Readonly<Record<string, unknown>>;
  /** Aborted when the run is interrupted: pass as `abortSignal` to every `send`. */
  readonly signal: AbortSignal;
  /**
   * A client of that class with the run's region, credentials and endpoint override. Throws
   * ActivityFailed("AWS requires a region to be set!") when there is no region (chaosaws's message).
   */
  client<C>(clientClass: AwsClientClass<C>): Promise<C>;
  /**
   * Must be awaited right before every mutating call, with every resource the call will touch
   * (never an empty list before a call that acts on something: an empty list passes every rule).
   * Throws ActivityFailed naming the resource and the rule when a guardrail refuses
   * (allowed-account-ids, required-tags, max-targets), and throws PlanOnly in a dry run after
   * recording the plan: code after it runs only when the call may really be sent.
   */
  mutate(operation: string, targets: readonly AwsTarget[]): Promise<void>;
  /** Uniform in [0, 1): every random pick (random instance, random target) uses it. */
  random(): number;
  /**
   * Confirms, after the mutating call succeeded, that the fault took effect, from AWS's own
   * read-only answers: `check` is asked again (every few seconds) until it confirms, says its
   * answer is final, or the run's confirmation timeout is over. The outcome is recorded for the
   * journal (chaos-action.faults) and the verdict: an unconfirmed fault is never a pass. An error
   * `check` throws counts as "not confirmed" with its message (and is asked again).
   */
  confirm(fault: string, check: () => Promise<Observation>): Promise<FaultConfirmation>;
}

/** One look at whether a fault took effect; `final` when asking again cannot change the answer. */
export type Observation = { readonly confirmed: true; readonly seen: string } | { readonly confirmed: false; readonly seen: string; readonly final?: boolean };

/** A native chaosaws function. Throw ActivityFailed for chaosaws's FailedActivity cases. */
export type AwsFunction = (args: Readonly<Record<string, unknown>>, call: AwsCall) => Promise<unknown>;

/** Thrown by AwsCall.mutate in a dry run once the plan is recorded; the runtime catches it. */
export class PlanOnly extends Error {
  override readonly name = 'PlanOnly';
}
