// How chaosaws finds Auto Scaling groups. The actions (asg/actions.py) and the probes
// (asg/probes.py) each have their own get_asg_by_name/get_asg_by_tags, with different requests,
// messages and return shapes (the probes' by-name lookup drops ResponseMetadata); both are kept.
import {
  type AutoScalingClient,
  DescribeAutoScalingGroupsCommand,
  DescribeTagsCommand,
  type AutoScalingGroup,
  type DescribeAutoScalingGroupsCommandInput,
  type DescribeAutoScalingGroupsCommandOutput,
  type Filter,
} from '@aws-sdk/client-auto-scaling';
import { DescribeInstancesCommand, type EC2Client } from '@aws-sdk/client-ec2';
import { ActivityFailed } from '../../contract/provider.js';
import { pythonRepr, pythonTruthy } from '../../python/values.js';
import type { AwsCall, AwsTarget } from './types.js';
import { boto } from './boto-error.js';
import type { KeyValueTag, PyArgs } from './py-args.js';

/** The `asg_names` or `tags` selection of an action, validated as chaosaws's validate_asgs does. */
export function asgSelection(a: PyArgs): { names?: string[]; tags?: KeyValueTag[] } {
  const rawNames = a.raw('asg_names');
  const rawTags = a.raw('tags');
  if (!pythonTruthy(rawNames) && !pythonTruthy(rawTags)) {
    throw new ActivityFailed('one of the following arguments are required: asg_names or tags');
  }
  if (pythonTruthy(rawNames) && pythonTruthy(rawTags)) {
    throw new ActivityFailed('only one of the following arguments are allowed: asg_names/tags');
  }
  return pythonTruthy(rawNames) ? { names: a.strList('asg_names') } : { tags: a.keyValueTags('tags') };
}

const describe = (client: AutoScalingClient, call: AwsCall, input: DescribeAutoScalingGroupsCommandInput): Promise<DescribeAutoScalingGroupsCommandOutput> =>
  boto('DescribeAutoScalingGroups', client.send(new DescribeAutoScalingGroupsCommand(input), { abortSignal: call.signal }));

/** actions.get_asg_by_name: one DescribeAutoScalingGroups call (no pagination), raw response. */
export async function actionAsgsByName(names: string[], client: AutoScalingClient, call: AwsCall): Promise<DescribeAutoScalingGroupsCommandOutput> {
  const out = await describe(client, call, { AutoScalingGroupNames: names });
  const groups = out.AutoScalingGroups ?? [];
  if (groups.length === 0) throw new ActivityFailed(`Unable to locate ASG(s): ${pythonRepr(names)}`);
  const found = new Set(groups.map((g) => g.AutoScalingGroupName));
  const invalid = names.filter((n) => !found.has(n));
  if (invalid.length > 0) throw new ActivityFailed(`No ASG(s) found with name(s): ${pythonRepr(invalid)}`);
  return out;
}

/** Paginated autoscaling DescribeTags; the ids of the tagged resources, first-seen order. */
async function taggedGroupNames(filters: Filter[], client: AutoScalingClient, call: AwsCall, onlyGroups: boolean): Promise<string[]> {
  const names: string[] = [];
  let token: string | undefined;
  do {
    const page = await boto('DescribeTags', client.send(new DescribeTagsCommand({ Filters: filters, NextToken: token }), { abortSignal: call.signal }));
    for (const t of page.Tags ?? []) {
      if (onlyGroups && t.ResourceType !== 'auto-scaling-group') continue;
      if (t.ResourceId !== undefined && !names.includes(t.ResourceId)) names.push(t.ResourceId);
    }
    token = page.NextToken;
  } while (token);
  return names;
}

/**
 * actions.get_asg_by_tags: DescribeTags with a key and a value filter per tag (one request, as
 * chaosaws sends it), then actions.get_asg_by_name on the groups found.
 */
async function actionAsgsByTags(tags: KeyValueTag[], client: AutoScalingClient, call: AwsCall): Promise<DescribeAutoScalingGroupsCommandOutput> {
  const filters = tags.flatMap((t) => [
    { Name: 'key', Values: [t.Key] },
    { Name: 'value', Values: [t.Value] },
  ]);
  const names = await taggedGroupNames(filters, client, call, true);
  if (names.length === 0) throw new ActivityFailed(`No ASG(s) found with matching tag(s): ${pythonRepr(tags)}.`);
  return actionAsgsByName(names, client, call);
}

/** The groups an action works on, from its `asg_names` or `tags`. */
export async function actionAsgs(sel: { names?: string[]; tags?: KeyValueTag[] }, client: AutoScalingClient, call: AwsCall): Promise<AutoScalingGroup[]> {
  const out = sel.names ? await actionAsgsByName(sel.names, client, call) : await actionAsgsByTags(sel.tags ?? [], client, call);
  return out.AutoScalingGroups ?? [];
}

/** probes.get_asg_by_name: paginated; returns {"AutoScalingGroups": [...]} without ResponseMetadata. */
export async function probeAsgsByName(names: string[], client: AutoScalingClient, call: AwsCall): Promise<AutoScalingGroup[]> {
  const groups: AutoScalingGroup[] = [];
  let token: string | undefined;
  do {
    const page = await describe(client, call, { AutoScalingGroupNames: names, NextToken: token });
    groups.push(...(page.AutoScalingGroups ?? []));
    token = page.NextToken;
  } while (token);
  const found = new Set(groups.map((g) => g.AutoScalingGroupName));
  const invalid = names.filter((n) => !found.has(n));
  if (invalid.length > 0) throw new ActivityFailed(`No ASG(s) found matching: ${pythonRepr(invalid)}`);
  return groups;
}

/**
 * probes.get_asg_by_tags: lists every group (pages of 100), keeps those carrying all the tags,
 * then describes them in one call and returns that raw response.
 */
export async function probeAsgsByTags(tags: KeyValueTag[], client: AutoScalingClient, call: AwsCall): Promise<DescribeAutoScalingGroupsCommandOutput> {
  const wanted = tags.map((t) => `${t.Key}=${t.Value}`);
  const matching: string[] = [];
  let token: string | undefined;
  do {
    const page = await describe(client, call, { MaxRecords: 100, NextToken: token });
    for (const g of page.AutoScalingGroups ?? []) {
      const have = new Set((g.Tags ?? []).map((t) => `${t.Key}=${t.Value}`));
      if (wanted.every((w) => have.has(w))) matching.push(g.AutoScalingGroupName ?? '');
    }
    token = page.NextToken;
  } while (token);
  if (matching.length === 0) throw new ActivityFailed('No auto-scaling groups matched the tags provided');
  return describe(client, call, { AutoScalingGroupNames: matching });
}

/** probes.discover_scaling_groups (instance_count_by_health): names plus tagged groups, in batches of 50. */
export async function discoverAsgs(names: string[], tags: KeyValueTag[], client: AutoScalingClient, call: AwsCall): Promise<AutoScalingGroup[]> {
  const all = [...names];
  if (tags.length > 0) {
    // chaosaws filters by {"Name": <tag key>}, which AWS rejects (filter names are key, value,
    // auto-scaling-group, propagate-at-launch); we use the key/value filters the actions use.
    const filters = tags.flatMap((t) => [
      { Name: 'key', Values: [t.Key] },
      { Name: 'value', Values: [t.Value] },
    ]);
    for (const n of await taggedGroupNames(filters, client, call, false)) if (!all.includes(n)) all.push(n);
  }
  const groups: AutoScalingGroup[] = [];
  for (let i = 0; i < all.length; i += 50) {
    const out = await describe(client, call, { AutoScalingGroupNames: all.slice(i, i + 50) });
    groups.push(...(out.AutoScalingGroups ?? []));
  }
  return groups;
}

/** AWS's [{Key, Value}] tag list as a record. */
export const tagRecord = (tags: readonly { Key?: string; Value?: string }[] | undefined): Record<string, string> =>
  Object.fromEntries((tags ?? []).map((t) => [t.Key ?? '', t.Value ?? '']));

/** A group as the guardrails see it, with its own tags. */
export const asgTarget = (g: AutoScalingGroup): AwsTarget => ({ kind: 'autoscaling:group', id: g.AutoScalingGroupName ?? '', tags: tagRecord(g.Tags) });

/** EC2 instances as the guardrails see them, with their tags (none asked for: no request). */
export async function instanceTargets(ids: readonly string[], ec2: EC2Client, call: AwsCall): Promise<AwsTarget[]> {
  if (ids.length === 0) return [];
  const byId = new Map<string, AwsTarget>();
  let token: string | undefined;
  do {
    const page = await boto(
      'DescribeInstances',
      ec2.send(new DescribeInstancesCommand({ InstanceIds: [...ids], NextToken: token }), { abortSignal: call.signal }),
    );
    for (const r of page.Reservations ?? []) {
      for (const i of r.Instances ?? []) byId.set(i.InstanceId ?? '', { kind: 'ec2:instance', id: i.InstanceId ?? '', tags: tagRecord(i.Tags) });
    }
    token = page.NextToken;
  } while (token);
  return ids.map((id) => byId.get(id) ?? { kind: 'ec2:instance', id });
}

/** The processes chaosaws lets suspend_processes/resume_processes name. */
export const VALID_PROCESSES = [
  'Launch',
  'Terminate',
  'HealthCheck',
  'AZRebalance',
  'AlarmNotification',
  'ScheduledActions',
  'AddToLoadBalancer',
  'ReplaceUnhealthy',
] as const;

export function validateProcesses(names: readonly string[]): void {
  const invalid = names.filter((p) => !(VALID_PROCESSES as readonly string[]).includes(p));
  if (invalid.length > 0) throw new ActivityFailed(`invalid process(es): ${pythonRepr(invalid)} not in ${pythonRepr([...VALID_PROCESSES])}.`);
}
