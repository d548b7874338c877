// chaosaws.asg.probes natively: read-only checks of Auto Scaling groups, including the wait probes
// that poll until desired capacity equals the healthy count (chaosaws's only built-in recovery time).
import { AutoScalingClient, DescribeAutoScalingGroupsCommand, type AutoScalingGroup } from '@aws-sdk/client-auto-scaling';
import { ActivityFailed } from '../../contract/provider.js';
import type { AwsCall, AwsFunction } from './types.js';
import { botoResponse, botoValue } from './boto-shape.js';
import { boto } from './boto-error.js';
import { PyArgs, sleep, type KeyValueTag } from './py-args.js';
import { asgSelection, discoverAsgs, probeAsgsByName, probeAsgsByTags, VALID_PROCESSES } from './asg-select.js';

const MODULE = 'chaosaws.asg.probes';

/** Python's sys.maxsize, what the wait probes return on timeout (2**63 - 1; a double rounds it up). */
// biome-ignore lint/correctness/noPrecisionLoss: written as Python prints it; the rounding is documented above
export const PY_MAXSIZE = 9223372036854775807;

/** is_desired_equals_healthy: every group has DesiredCapacity == its InService+Healthy count > 0. */
export function desiredEqualsHealthy(groups: readonly AutoScalingGroup[]): boolean {
  let result = false;
  for (const g of groups) {
    const healthy = (g.Instances ?? []).filter((i) => i.LifecycleState === 'InService' && i.HealthStatus === 'Healthy').length;
    if (healthy > 0 && g.DesiredCapacity === healthy) {
      result = true;
      continue;
    }
    return false;
  }
  return result;
}

function requiredNames(a: PyArgs): string[] {
  const names = a.strList('asg_names');
  if (!names || names.length === 0) throw new ActivityFailed('Non-empty list of auto scaling groups is required');
  return names;
}

function requiredTags(a: PyArgs): KeyValueTag[] {
  const tags = a.keyValueTags('tags');
  if (!tags || tags.length === 0) throw new ActivityFailed('Non-empty tags is required');
  return tags;
}

async function describeNamed(names: string[], client: AutoScalingClient, call: AwsCall): Promise<AutoScalingGroup[]> {
  const out = await boto(
    'DescribeAutoScalingGroups',
    client.send(new DescribeAutoScalingGroupsCommand({ AutoScalingGroupNames: names }), { abortSignal: call.signal }),
  );
  return out.AutoScalingGroups ?? [];
}

export const describe_auto_scaling_groups: AwsFunction = async (args, call) => {
  const a = new PyArgs(`${MODULE}.describe_auto_scaling_groups`, args);
  const client = await call.client(AutoScalingClient);
  if (a.truthy('asg_names')) {
    const groups = await probeAsgsByName(a.strList('asg_names') ?? [], client, call);
    return { AutoScalingGroups: botoValue(groups) };
  }
  if (a.truthy('tags')) return botoResponse(await probeAsgsByTags(a.keyValueTags('tags') ?? [], client, call));
  throw new ActivityFailed('Must specify either "asg_names" or "tags"');
};

export const desired_equals_healthy: AwsFunction = async (args, call) => {
  const names = requiredNames(new PyArgs(`${MODULE}.desired_equals_healthy`, args));
  const client = await call.client(AutoScalingClient);
  return desiredEqualsHealthy(await describeNamed(names, client, call));
};

export const desired_equals_healthy_tags: AwsFunction = async (args, call) => {
  const tags = requiredTags(new PyArgs(`${MODULE}.desired_equals_healthy_tags`, args));
  const client = await call.client(AutoScalingClient);
  return desiredEqualsHealthy((await probeAsgsByTags(tags, client, call)).AutoScalingGroups ?? []);
};

export const is_scaling_in_progress: AwsFunction = async (args, call) => {
  const tags = requiredTags(new PyArgs(`${MODULE}.is_scaling_in_progress`, args));
  const client = await call.client(AutoScalingClient);
  const groups = (await probeAsgsByTags(tags, client, call)).AutoScalingGroups ?? [];
  return groups.some((g) => (g.Instances ?? []).some((i) => i.LifecycleState !== 'InService' || i.HealthStatus !== 'Healthy'));
};

export const process_is_suspended: AwsFunction = async (args, call) => {
  const a = new PyArgs(`${MODULE}.process_is_suspended`, args);
  const sel = asgSelection(a);
  // chaosaws crashes (TypeError) without process_names; like suspend_processes, none means all of them.
  const wanted = a.strList('process_names') ?? [...VALID_PROCESSES];
  const client = await call.client(AutoScalingClient);
  const groups = sel.names ? await probeAsgsByName(sel.names, client, call) : ((await probeAsgsByTags(sel.tags ?? [], client, call)).AutoScalingGroups ?? []);
  return groups.every((g) => {
    const suspended = new Set((g.SuspendedProcesses ?? []).map((p) => p.ProcessName));
    return wanted.every((p) => suspended.has(p));
  });
};

export const has_subnets: AwsFunction = async (args, call) => {
  const a = new PyArgs(`${MODULE}.has_subnets`, args);
  const subnets = a.strList('subnets') ?? a.fail('subnets', 'a list of subnet ids');
  const sel = asgSelection(a);
  const client = await call.client(AutoScalingClient);
  const groups = sel.names ? await probeAsgsByName(sel.names, client, call) : ((await probeAsgsByTags(sel.tags ?? [], client, call)).AutoScalingGroups ?? []);
  const want = JSON.stringify([...subnets].sort());
  return groups.every((g) => JSON.stringify((g.VPCZoneIdentifier ?? '').split(',').sort()) === want);
};

export const instance_count_by_health: AwsFunction = async (args, call) => {
  const a = new PyArgs(`${MODULE}.instance_count_by_health`, args);
  if (!a.truthy('asg_names') && !a.truthy('tags')) throw new ActivityFailed('missing one of the required parameters: asg_names or tags');
  const status = a.truthy('count_healthy', true) ? 'Healthy' : 'Unhealthy';
  const client = await call.client(AutoScalingClient);
  const groups = await discoverAsgs(a.strList('asg_names') ?? [], a.keyValueTags('tags') ?? [], client, call);
  return groups.reduce((n, g) => n + (g.Instances ?? []).filter((i) => i.HealthStatus === status).length, 0);
};

/** The clock the wait probes poll with: milliseconds, and an interruptible sleep. */
export interface PollClock {
  now(): number;
  sleep(ms: number, signal: AbortSignal): Promise<void>;
}

const realClock: PollClock = { now: () => performance.now(), sleep };

/**
 * The wait probes on a given clock. Like chaosaws they describe, give up with sys.maxsize once more
 * than `timeout` seconds passed, else return the whole seconds waited when the condition holds,
 * and poll every 0.1 s.
 */
export function waitProbes(
  clock: PollClock,
): Record<'wait_desired_equals_healthy' | 'wait_desired_equals_healthy_tags' | 'wait_desired_not_equals_healthy_tags', AwsFunction> {
  const poll = async (call: AwsCall, timeout: number, describe: () => Promise<AutoScalingGroup[]>, want: boolean): Promise<number> => {
    const start = clock.now();
    for (;;) {
      const result = desiredEqualsHealthy(await describe());
      const waited = (clock.now() - start) / 1000;
      if (waited > timeout) return PY_MAXSIZE;
      if (result === want) return Math.trunc(waited);
      await clock.sleep(100, call.signal);
    }
  };
  const timeoutOf = (a: PyArgs): number => a.num('timeout') ?? 300;
  return {
    wait_desired_equals_healthy: async (args, call) => {
      const a = new PyArgs(`${MODULE}.wait_desired_equals_healthy`, args);
      const names = requiredNames(a);
      const client = await call.client(AutoScalingClient);
      return poll(call, timeoutOf(a), () => describeNamed(names, client, call), true);
    },
    wait_desired_equals_healthy_tags: async (args, call) => {
      const a = new PyArgs(`${MODULE}.wait_desired_equals_healthy_tags`, args);
      const tags = requiredTags(a);
      const client = await call.client(AutoScalingClient);
      return poll(call, timeoutOf(a), async () => (await probeAsgsByTags(tags, client, call)).AutoScalingGroups ?? [], true);
    },
    wait_desired_not_equals_healthy_tags: async (args, call) => {
      const a = new PyArgs(`${MODULE}.wait_desired_not_equals_healthy_tags`, args);
      const tags = requiredTags(a);
      const client = await call.client(AutoScalingClient);
      return poll(call, timeoutOf(a), async () => (await probeAsgsByTags(tags, client, call)).AutoScalingGroups ?? [], false);
    },
  };
}

const waiters = waitProbes(realClock);
export const wait_desired_equals_healthy = waiters.wait_desired_equals_healthy;
export const wait_desired_equals_healthy_tags = waiters.wait_desired_equals_healthy_tags;
export const wait_desired_not_equals_healthy_tags = waiters.wait_desired_not_equals_healthy_tags;
