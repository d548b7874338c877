// chaosaws.elbv2.actions and .probes natively: target deregistration, load balancer security
// groups, subnets, deletion and access logs, and target health counts.
import {
  DeleteLoadBalancerCommand,
  DeregisterTargetsCommand,
  DescribeLoadBalancerAttributesCommand,
  DescribeLoadBalancersCommand,
  DescribeTagsCommand,
  DescribeTargetGroupsCommand,
  DescribeTargetHealthCommand,
  ElasticLoadBalancingV2Client,
  ModifyLoadBalancerAttributesCommand,
  SetSecurityGroupsCommand,
  SetSubnetsCommand,
  type LoadBalancer,
  type TargetDescription,
  type TargetHealthDescription,
} from '@aws-sdk/client-elastic-load-balancing-v2';
import { DescribeSecurityGroupsCommand, DescribeSubnetsCommand, EC2Client } from '@aws-sdk/client-ec2';
import { ActivityFailed } from '../../contract/provider.js';
import { pythonRepr } from '../../python/values.js';
import type { AwsCall, AwsFunction, AwsTarget } from './types.js';
import { botoResponse } from './boto-shape.js';
import { awsMessage, boto } from './boto-error.js';
import { PyArgs } from './py-args.js';

const ACTIONS = 'chaosaws.elbv2.actions';
const PROBES = 'chaosaws.elbv2.probes';

type Elbv2 = ElasticLoadBalancingV2Client;

/** get_target_group_arns: {name: arn} in the order AWS lists the groups. */
async function targetGroupArns(names: string[], client: Elbv2, call: AwsCall): Promise<Map<string, string>> {
  const out = await boto('DescribeTargetGroups', client.send(new DescribeTargetGroupsCommand({ Names: names }), { abortSignal: call.signal }));
  return new Map((out.TargetGroups ?? []).map((tg) => [tg.TargetGroupName ?? '', tg.TargetGroupArn ?? '']));
}

/** get_targets_health_description: each group's TargetHealthDescriptions. */
async function targetsHealth(arns: Map<string, string>, client: Elbv2, call: AwsCall): Promise<Map<string, TargetHealthDescription[]>> {
  const health = new Map<string, TargetHealthDescription[]>();
  for (const [name, arn] of arns) {
    const out = await boto('DescribeTargetHealth', client.send(new DescribeTargetHealthCommand({ TargetGroupArn: arn }), { abortSignal: call.signal }));
    health.set(name, out.TargetHealthDescriptions ?? []);
  }
  return health;
}

/** Tags of load balancers or target groups by ARN (DescribeTags takes 20 ARNs at a time). */
async function elbTags(arns: string[], client: Elbv2, call: AwsCall): Promise<Map<string, Record<string, string>>> {
  const tags = new Map<string, Record<string, string>>();
  for (let i = 0; i < arns.length; i += 20) {
    const out = await boto('DescribeTags', client.send(new DescribeTagsCommand({ ResourceArns: arns.slice(i, i + 20) }), { abortSignal: call.signal }));
    for (const d of out.TagDescriptions ?? []) {
      tags.set(d.ResourceArn ?? '', Object.fromEntries((d.Tags ?? []).map((t) => [t.Key ?? '', t.Value ?? ''])));
    }
  }
  return tags;
}

export const deregister_target: AwsFunction = async (args, call) => {
  const a = new PyArgs(`${ACTIONS}.deregister_target`, args);
  const tgName = a.str('tg_name') ?? a.fail('tg_name', 'a target group name');
  const client = await call.client(ElasticLoadBalancingV2Client);
  const arns = await targetGroupArns([tgName], client, call);
  const health = await targetsHealth(arns, client, call);
  const candidates = health.get(tgName) ?? [];
  if (candidates.length === 0) throw new ActivityFailed(`Target group '${tgName}' has no registered target to deregister`);
  const chosen: TargetDescription = candidates[Math.floor(call.random() * candidates.length)]!.Target ?? { Id: undefined };
  const arn = arns.get(tgName) ?? '';
  // The target is deregistered from the group: the group's tags are the ones the guardrails check.
  const tags = (await elbTags([arn], client, call)).get(arn);
  await call.mutate('elasticloadbalancing:DeregisterTargets', [{ kind: 'elbv2:target', id: chosen.Id ?? '', tags }]);
  try {
    const out = await boto(
      'DeregisterTargets',
      client.send(
        new DeregisterTargetsCommand({
          TargetGroupArn: arn,
          Targets: [{ Id: chosen.Id, ...(chosen.Port !== undefined ? { Port: chosen.Port } : {}) }],
        }),
        { abortSignal: call.signal },
      ),
    );
    return botoResponse(out);
  } catch (err) {
    throw new ActivityFailed(`Exception detaching ${tgName}: ${awsMessage(err)}`);
  }
};

/** get_load_balancer_arns: the named load balancers, all of them active, by type. */
async function loadBalancers(names: string[], client: Elbv2, call: AwsCall): Promise<Map<string, LoadBalancer[]>> {
  const byType = new Map<string, LoadBalancer[]>();
  const found: string[] = [];
  let out;
  try {
    out = await boto('DescribeLoadBalancers', client.send(new DescribeLoadBalancersCommand({ Names: names }), { abortSignal: call.signal }));
  } catch (err) {
    throw new ActivityFailed(awsMessage(err));
  }
  for (const lb of out.LoadBalancers ?? []) {
    if (lb.State?.Code !== 'active') {
      throw new ActivityFailed(`Invalid state for load balancer ${lb.LoadBalancerName ?? ''}: ${lb.State?.Code ?? 'None'} is not active`);
    }
    byType.set(lb.Type ?? '', [...(byType.get(lb.Type ?? '') ?? []), lb]);
    found.push(lb.LoadBalancerName ?? '');
  }
  const missing = names.filter((n) => !found.includes(n));
  if (missing.length > 0) throw new ActivityFailed(`Unable to locate load balancer(s): ${pythonRepr(missing)}`);
  return byType;
}

async function loadBalancerTargets(lbs: LoadBalancer[], client: Elbv2, call: AwsCall): Promise<AwsTarget[]> {
  const tags = await elbTags(
    lbs.map((lb) => lb.LoadBalancerArn ?? ''),
    client,
    call,
  );
  return lbs.map((lb) => ({ kind: 'elbv2:load-balancer', id: lb.LoadBalancerName ?? '', tags: tags.get(lb.LoadBalancerArn ?? '') }));
}

/** Checks that every id exists through EC2 (security groups or subnets), as chaosaws does first. */
async function existingIds(kind: 'security group' | 'subnet', ids: string[], call: AwsCall): Promise<string[]> {
  const ec2 = await call.client(EC2Client);
  let found: string[];
  try {
    found =
      kind === 'subnet'
        ? ((await boto('DescribeSubnets', ec2.send(new DescribeSubnetsCommand({ SubnetIds: ids }), { abortSignal: call.signal }))).Subnets ?? []).map(
            (s) => s.SubnetId ?? '',
          )
        : (
            (await boto('DescribeSecurityGroups', ec2.send(new DescribeSecurityGroupsCommand({ GroupIds: ids }), { abortSignal: call.signal })))
              .SecurityGroups ?? []
          ).map((g) => g.GroupId ?? '');
  } catch (err) {
    throw new ActivityFailed(awsMessage(err));
  }
  const missing = ids.filter((id) => !found.includes(id));
  if (missing.length > 0) throw new ActivityFailed(`Invalid ${kind} id(s): ${pythonRepr(missing)}`);
  return found;
}

/** set_security_groups and set_subnets: validate the ids, refuse network LBs, change each ALB. */
async function changeApplicationLbs(fn: 'set_security_groups' | 'set_subnets', args: Readonly<Record<string, unknown>>, call: AwsCall): Promise<unknown> {
  const a = new PyArgs(`${ACTIONS}.${fn}`, args);
  const names = a.strList('load_balancer_names') ?? a.fail('load_balancer_names', 'a list of load balancer names');
  const idArg = fn === 'set_subnets' ? 'subnet_ids' : 'security_group_ids';
  const ids = a.strList(idArg) ?? a.fail(idArg, fn === 'set_subnets' ? 'a list of subnet ids' : 'a list of security group ids');
  const valid = await existingIds(fn === 'set_subnets' ? 'subnet' : 'security group', ids, call);
  const client = await call.client(ElasticLoadBalancingV2Client);
  const lbs = await loadBalancers(names, client, call);
  if ((lbs.get('network') ?? []).length > 0) {
    throw new ActivityFailed(
      fn === 'set_subnets' ? 'Cannot change subnets of network load balancers.' : 'Cannot change security groups of network load balancers.',
    );
  }
  const applications = lbs.get('application') ?? [];
  const targets = await loadBalancerTargets(applications, client, call);
  if (targets.length > 0) await call.mutate(fn === 'set_subnets' ? 'elasticloadbalancing:SetSubnets' : 'elasticloadbalancing:SetSecurityGroups', targets);
  const results: unknown[] = [];
  for (const lb of applications) {
    const arn = lb.LoadBalancerArn ?? '';
    let response: Record<string, unknown>;
    if (fn === 'set_subnets') {
      response = botoResponse(
        await boto('SetSubnets', client.send(new SetSubnetsCommand({ LoadBalancerArn: arn, Subnets: valid }), { abortSignal: call.signal })),
      );
    } else {
      response = botoResponse(
        await boto(
          'SetSecurityGroups',
          client.send(new SetSecurityGroupsCommand({ LoadBalancerArn: arn, SecurityGroups: valid }), { abortSignal: call.signal }),
        ),
      );
    }
    response.LoadBalancerArn = arn;
    results.push(response);
  }
  return results;
}

export const set_security_groups: AwsFunction = (args, call) => changeApplicationLbs('set_security_groups', args, call);
export const set_subnets: AwsFunction = (args, call) => changeApplicationLbs('set_subnets', args, call);

export const delete_load_balancer: AwsFunction = async (args, call) => {
  const a = new PyArgs(`${ACTIONS}.delete_load_balancer`, args);
  const names = a.strList('load_balancer_names') ?? a.fail('load_balancer_names', 'a list of load balancer names');
  const client = await call.client(ElasticLoadBalancingV2Client);
  const lbs = await loadBalancers(names, client, call);
  // Gateway load balancers are left alone, as in chaosaws.
  const doomed = [...(lbs.get('application') ?? []), ...(lbs.get('network') ?? [])];
  if (doomed.length > 0) await call.mutate('elasticloadbalancing:DeleteLoadBalancer', await loadBalancerTargets(doomed, client, call));
  for (const lb of doomed) {
    await boto('DeleteLoadBalancer', client.send(new DeleteLoadBalancerCommand({ LoadBalancerArn: lb.LoadBalancerArn }), { abortSignal: call.signal }));
  }
  return null;
};

export const enable_access_log: AwsFunction = async (args, call) => {
  const a = new PyArgs(`${ACTIONS}.enable_access_log`, args);
  if (!a.truthy('load_balancer_arn')) throw new ActivityFailed('Load Balancer ARN is required');
  const enable = a.truthy('enable', false);
  if (enable && !a.truthy('bucket_name')) throw new ActivityFailed('bucket_name required to enable ELB');
  const arn = a.str('load_balancer_arn') as string;
  const bucket = a.str('bucket_name');
  const client = await call.client(ElasticLoadBalancingV2Client);
  const tags = (await elbTags([arn], client, call)).get(arn);
  await call.mutate('elasticloadbalancing:ModifyLoadBalancerAttributes', [{ kind: 'elbv2:load-balancer', id: arn, tags }]);
  const out = await boto(
    'ModifyLoadBalancerAttributes',
    client.send(
      new ModifyLoadBalancerAttributesCommand({
        LoadBalancerArn: arn,
        Attributes: enable
          ? [
              { Key: 'access_logs.s3.enabled', Value: 'true' },
              { Key: 'access_logs.s3.bucket', Value: bucket },
            ]
          : [{ Key: 'access_logs.s3.enabled', Value: 'false' }],
      }),
      { abortSignal: call.signal },
    ),
  );
  const value = (out.Attributes ?? []).find((x) => x.Key === 'access_logs.s3.enabled')?.Value ?? 'false';
  return value.trim().toUpperCase() === 'TRUE';
};

function requiredTargetGroups(a: PyArgs): string[] {
  if (!a.truthy('tg_names')) throw new ActivityFailed('Non-empty list of target groups is required');
  return a.strList('tg_names') as string[];
}

export const targets_health_count: AwsFunction = async (args, call) => {
  const names = requiredTargetGroups(new PyArgs(`${PROBES}.targets_health_count`, args));
  const client = await call.client(ElasticLoadBalancingV2Client);
  const health = await targetsHealth(await targetGroupArns(names, client, call), client, call);
  const counts: Record<string, Record<string, number>> = {};
  for (const [name, descriptions] of health) {
    const count: Record<string, number> = {};
    for (const d of descriptions) {
      const state = d.TargetHealth?.State ?? 'None';
      count[state] = (count[state] ?? 0) + 1;
    }
    counts[name] = count;
  }
  return counts;
};

export const all_targets_healthy: AwsFunction = async (args, call) => {
  const names = requiredTargetGroups(new PyArgs(`${PROBES}.all_targets_healthy`, args));
  const client = await call.client(ElasticLoadBalancingV2Client);
  const health = await targetsHealth(await targetGroupArns(names, client, call), client, call);
  return [...health.values()].every((ds) => ds.every((d) => d.TargetHealth?.State === 'healthy'));
};

export const is_access_log_enabled: AwsFunction = async (args, call) => {
  const a = new PyArgs(`${PROBES}.is_access_log_enabled`, args);
  if (!a.truthy('load_balancer_arn')) throw new ActivityFailed('Load Balancer ARN is required');
  const arn = a.str('load_balancer_arn') as string;
  const client = await call.client(ElasticLoadBalancingV2Client);
  const out = await boto(
    'DescribeLoadBalancerAttributes',
    client.send(new DescribeLoadBalancerAttributesCommand({ LoadBalancerArn: arn }), { abortSignal: call.signal }),
  );
  return ((out.Attributes ?? []).find((x) => x.Key === 'access_logs.s3.enabled')?.Value ?? 'false') === 'true';
};
