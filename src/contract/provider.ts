// What every provider (http, process, python, the AWS built-ins) gets and gives: the contract the
// engine runs activities through. Providers substitute the fields Chaos Toolkit substitutes for
// their type, themselves, from the scope they are handed.
import type { Scope } from '../experiment/substitution.js';
import type { ActivityLimits } from './limits.js';

/** An expected failure of an activity (timeout, connection refused): the activity is `failed`. */
export class ActivityFailed extends Error {
  override readonly name = 'ActivityFailed';
}

export interface ProviderContext {
  /** Configuration (then every secret scope) for ${name} substitution. */
  readonly scope: Scope;
  /** True when the experiment has configuration or secrets (chaoslib substitutes some fields only then). */
  readonly hasVariables: boolean;
  /** The secret scopes, for python functions that declare a `secrets` parameter. */
  readonly secrets: Readonly<Record<string, unknown>>;
  readonly configuration: Readonly<Record<string, unknown>>;
  /** Aborted when the run is interrupted: the provider must stop at once (kill, abort the request). */
  readonly signal: AbortSignal;
  /** The environment of child processes (already stripped of the runner's tokens). */
  readonly env: Readonly<Record<string, string>>;
  readonly cwd: string;
  /** What the http and process providers keep of an answer, and their deadlines; the defaults when absent. */
  readonly limits?: ActivityLimits;
  /**
   * Why the activity may hold the run's AWS credentials outside the guardrails (its
   * `chaos-action.unguarded` mark); absent: process and python-bridge children get an environment
   * without them. The built-ins, which pass the guardrails, always have them.
   */
  readonly unguarded?: string;
  /** The run's AWS state for the chaosaws built-ins (clients, guardrails); a safe default when absent. */
  readonly aws?: AwsScopeHandle;
  /**
   * Connections the activities of one run of the steady-state hypothesis share (the before or
   * after check, one recovery sample), closed when it ends; absent: each activity opens its own.
   */
  readonly connections?: SharedConnections;
}

/**
 * What providers may keep open across the activities of one run of the steady-state hypothesis
 * (the http provider's keep-alive pools), so that its probes reuse connections; never across a
 * fault, since every run of the hypothesis starts with none.
 */
export interface SharedConnections {
  /** What is kept under `key`, opened by `open` on first use; its `close` runs when the run ends. */
  get<T>(key: string, open: () => { readonly value: T; close(): void }): T;
}

/**
 * The run's state for the AWS built-ins (their runtime, the experiment's guardrails, whether the
 * run is dry), which the engine hands on without looking inside. Opaque here: src/aws/ defines it
 * (AwsScope extends this) and is the only reader.
 */
export interface AwsScopeHandle {
  /** Never set: keeps other objects from passing for a scope by accident. */
  readonly __awsScope?: never;
}

/**
 * Whether a fault took effect, as the provider saw it from the system itself after the call that
 * injected it (an RDS failover event, an instance no longer running, a concurrency read back).
 */
export interface FaultConfirmation {
  /** The change that was made, with its targets ("rds:RebootDBInstance (force failover) db-1"). */
  readonly fault: string;
  readonly confirmed: boolean;
  /** What was seen: the evidence when confirmed, why not otherwise. */
  readonly seen: string;
}

/**
 * Runs one provider and returns its output (http: {status, headers, body}; process: {status,
 * stdout, stderr}; python: any JSON value). Throws ActivityFailed for an expected failure; any
 * other error is an unexpected one (Chaos Toolkit aborts the run on those).
 */
export type ProviderRunner = (provider: Readonly<Record<string, unknown>>, ctx: ProviderContext) => Promise<unknown>;

/** A resource a planned change would touch, as the guardrails and the dry-run plan see it. */
export interface PlannedTarget {
  /** e.g. 'ec2:instance', 'rds:db-instance', 'rds:db-cluster', 'autoscaling:group', 'lambda:function',
   *  'route53:healthcheck', 'elbv2:target', 'elbv2:load-balancer', 'ssm:instance', 'ssm:resource-group',
   *  'fis:experiment-template'; a FIS target's resource type without "aws:" ('ec2:ebs-volume', 'eks:pod'). */
  readonly kind: string;
  /** The identifier users know it by (instance id, DB identifier, function name, ARN, …). */
  readonly id: string;
  /**
   * Its tags, when the function looked them up (undefined = not known: required-tags then refuses).
   * For an entry that stands for several resources (`count`, `unbounded`): tags every one of them
   * carries (e.g. the tags that select them).
   */
  readonly tags?: Readonly<Record<string, string>>;
  /**
   * false: a resource the call acts through or within (the group of a detached instance, the
   * cluster of a failover target, the instance a volume is detached from): its tags and account are
   * checked, but it does not count toward max-targets. What the call faults always counts.
   */
  readonly counted?: false;
  /**
   * How many resources this entry stands for toward max-targets (default 1): n for a set of n
   * resources AWS picks at run time among those carrying `tags` (a FIS target selecting COUNT(n)).
   */
  readonly count?: number;
  /**
   * Stands for a set of resources of unknown size chosen by AWS at run time (a resource group, a
   * FIS target selecting ALL or a PERCENT by tags, SSM managed nodes that could not be listed):
   * max-targets cannot be checked, so the guardrails refuse the call.
   */
  readonly unbounded?: true;
}

/** A change an action would make, listed by a dry run instead of being made, with the guardrails' verdict. */
export interface PlannedChange {
  readonly operation: string;
  readonly targets: readonly PlannedTarget[];
  readonly allowed: boolean;
  /** Why the guardrails would refuse it (empty when allowed). */
  readonly refusals: readonly string[];
}

/**
 * What an action the guardrails cannot see (a process, http, or python-bridge action) would do:
 * `unguarded`, marked and holding the AWS credentials, effect unknown; `no-aws`, run without them.
 */
export interface OpaqueEffect {
  readonly kind: 'unguarded' | 'no-aws';
  /** What it runs: "process aws route53 …", "python chaosaws.s3.actions.delete_object". */
  readonly runs: string;
  /** The experiment's reason (unguarded only). */
  readonly reason?: string;
}

/** What a dry run learned about one action: its changes, or why it would fail before making any. */
export interface ProviderPlan {
  readonly changes: readonly PlannedChange[];
  readonly error?: string;
  /** An action whose changes cannot be listed: how it stands with the AWS credentials. */
  readonly effect?: OpaqueEffect;
}

/**
 * Resolves what a provider would change, sending only read-only requests; undefined when the
 * provider cannot tell (it is then simply not run, as Chaos Toolkit does in a dry run).
 */
export type ProviderPlanner = (provider: Readonly<Record<string, unknown>>, ctx: ProviderContext) => Promise<ProviderPlan | undefined>;
