// chaosaws.ec2.actions natively: stop, terminate, start and reboot instances picked by id, AZ or
// filters; tag and untag instances; open and close security group ingress (the EBS volume faults
// are in ec2-volumes.ts). Same arguments, defaults, selection, return shapes and messages as chaosaws;
// every mutating command is preceded by call.mutate() with the instances it touches (and their
// tags, from DescribeInstances). The chaosaws bugs fixed here are named where they are fixed.
import {
  AuthorizeSecurityGroupIngressCommand,
  CreateTagsCommand,
  DeleteTagsCommand,
  DescribeSecurityGroupsCommand,
  EC2Client,
  type Filter,
  type IpPermission,
  RevokeSecurityGroupIngressCommand,
} from '@aws-sdk/client-ec2';
import { isMapping, pythonRepr } from '../../python/values.js';
import { ActivityFailed } from '../../contract/provider.js';
import { awsMessage, boto } from './boto-error.js';
import { botoResponse } from './boto-shape.js';
import {
  azFilter,
  type ByLifecycle,
  checkStoppable,
  confirmNotRunning,
  describeInstances,
  type Ec2Instance,
  filtersArg,
  groupByLifecycle,
  pickRandom,
  pythonRound,
  rebootAnyType,
  startAnyType,
  stopAnyType,
  stopOperation,
  targetsOf,
  terminateAnyType,
} from './ec2-instances.js';
import { PyArgs, type KeyValueTag, sample, sleep } from './py-args.js';
import { lookupTags, tagListToMap } from './target-tags.js';
import type { AwsCall, AwsTarget } from './types.js';

const MODULE = 'chaosaws.ec2.actions';
type Args = Readonly<Record<string, unknown>>;

const pyStr = (v: string | undefined): string => v ?? 'None';

interface Selection {
  readonly a: PyArgs;
  readonly call: AwsCall;
  readonly ec2: EC2Client;
  readonly ids: string[] | undefined;
  readonly az: string | undefined;
  readonly filters: Filter[] | undefined;
}

/**
 * chaosaws's selection: the given ids (DescribeInstances by id), else the filters plus the AZ,
 * one instance at random or all of them. `empty` is the message when nothing matches.
 */
async function select(s: Selection, pick: 'one' | 'all', empty: (filters: Filter[]) => string): Promise<ByLifecycle> {
  if (s.ids && s.ids.length > 0) return groupByLifecycle((await describeInstances(s.ec2, s.call, { ids: s.ids })).instances);
  const filters = [...(s.filters ?? [])];
  if (s.az) filters.push(azFilter(s.az));
  const all = groupByLifecycle((await describeInstances(s.ec2, s.call, { filters })).instances);
  const groups = pick === 'one' ? pickRandom(all, s.call) : all;
  if (groups.size === 0) throw new ActivityFailed(empty(filters));
  return groups;
}

const noneInAz = (az: string | undefined) => (): string => `No instances in availability zone: ${pyStr(az)}`;
const noneMatching = (filters: Filter[]): string => `No instances found matching filters: ${pythonRepr(filters)}`;

async function selection(fn: string, args: Args, call: AwsCall, idsName: 'instance_id' | 'instance_ids', missing: string): Promise<Selection> {
  const a = new PyArgs(`${MODULE}.${fn}`, args);
  const one = idsName === 'instance_id' ? a.str('instance_id') : undefined;
  const ids = idsName === 'instance_id' ? (one ? [one] : undefined) : a.strList('instance_ids');
  const az = a.str('az');
  const filters = filtersArg(a, 'filters');
  if (!ids?.length && !az && !filters?.length) throw new ActivityFailed(missing);
  return { a, call, ec2: await call.client(EC2Client), ids, az, filters };
}

async function stop(s: Selection, groups: ByLifecycle): Promise<unknown[]> {
  const force = s.a.bool('force', false);
  checkStoppable(groups);
  if (groups.size === 0) return [];
  await s.call.mutate(stopOperation(groups, force), targetsOf(groups));
  const out = await stopAnyType(s.ec2, s.call, groups, force);
  await confirmNotRunning(s.ec2, s.call, stopOperation(groups, force), idsIn(groups));
  return out;
}

const idsIn = (groups: ByLifecycle): string[] => [...groups.values()].flat().map((i) => i.id);

async function terminate(s: Selection, groups: ByLifecycle): Promise<unknown[]> {
  if (groups.size === 0) return [];
  await s.call.mutate(
    groups.has('spot') ? 'ec2:TerminateInstances (spot requests cancelled first: ec2:CancelSpotInstanceRequests)' : 'ec2:TerminateInstances',
    targetsOf(groups),
  );
  const out = await terminateAnyType(s.ec2, s.call, groups);
  await confirmNotRunning(s.ec2, s.call, 'ec2:TerminateInstances', idsIn(groups));
  return out;
}

export async function stop_instance(args: Args, call: AwsCall): Promise<unknown> {
  const s = await selection(
    'stop_instance',
    args,
    call,
    'instance_id',
    'To stop an EC2 instance, you must specify either the instance id, an AZ to pick a random instance from, or a set of filters.',
  );
  return stop(s, await select(s, 'one', noneInAz(s.az)));
}

export async function stop_instances(args: Args, call: AwsCall): Promise<unknown> {
  const s = await selection(
    'stop_instances',
    args,
    call,
    'instance_ids',
    'To stop EC2 instances, you must specify either the instance ids, an AZ to pick random instances from, or a set of filters.',
  );
  return stop(s, await select(s, 'all', noneInAz(s.az)));
}

export async function terminate_instance(args: Args, call: AwsCall): Promise<unknown> {
  const s = await selection(
    'terminate_instance',
    args,
    call,
    'instance_id',
    'To terminate an EC2, you must specify the instance-id, an Availability Zone, or provide a set of filters',
  );
  return terminate(s, await select(s, 'one', noneMatching));
}

export async function terminate_instances(args: Args, call: AwsCall): Promise<unknown> {
  const s = await selection(
    'terminate_instances',
    args,
    call,
    'instance_ids',
    'To terminate instances, you must specify the instance-id, an Availability Zone, or provide a set of filters',
  );
  return terminate(s, await select(s, 'all', noneMatching));
}

export async function start_instances(args: Args, call: AwsCall): Promise<unknown> {
  const s = await selection(
    'start_instances',
    args,
    call,
    'instance_ids',
    'To start instances, you must specify the instance-id, an Availability Zone, or provide a set of filters',
  );
  const groups = await select(s, 'all', noneMatching);
  if (groups.size === 0) return [];
  await call.mutate('ec2:StartInstances', targetsOf(groups));
  return startAnyType(s.ec2, call, groups);
}

export async function restart_instances(args: Args, call: AwsCall): Promise<unknown> {
  const s = await selection(
    'restart_instances',
    args,
    call,
    'instance_ids',
    'To restart instances, you must specify the instance-id, an Availability Zone, or provide a set of filters',
  );
  const groups = await select(s, 'all', noneMatching);
  if (groups.size === 0) return [];
  await call.mutate('ec2:RebootInstances', targetsOf(groups));
  return rebootAnyType(s.ec2, call, groups);
}

const instanceTarget = (i: Ec2Instance): AwsTarget => ({ kind: 'ec2:instance', id: i.id, tags: i.tags });

/**
 * Stops a percentage of the matching instances, step_quantity at a time, step_duration seconds
 * apart. chaosaws's version cannot run (it adds the tags mapping itself as a filter and calls
 * random.sample on a dict); this is what it means to do: tags become tag:<key> filters, and the
 * sample is taken among all matching instances. The guardrails see the whole set at once.
 */
export async function stop_instances_by_incremental_steps(args: Args, call: AwsCall): Promise<unknown> {
  const a = new PyArgs(`${MODULE}.stop_instances_by_incremental_steps`, args);
  const ec2 = await call.client(EC2Client);
  const volume = a.num('volume') ?? a.fail('volume', 'a percentage of the instances, 0 to 100');
  const step = a.int('step_quantity') ?? a.fail('step_quantity', 'a whole number of instances per step');
  const duration = a.num('step_duration') ?? a.fail('step_duration', 'a number of seconds between steps');
  if (volume < 0 || volume > 100) a.fail('volume', 'a percentage of the instances, 0 to 100');
  if (step < 1) a.fail('step_quantity', 'a whole number of instances per step, 1 or more');
  if (duration < 0) a.fail('step_duration', 'a number of seconds, 0 or more');
  const az = a.str('az');
  const force = a.bool('force', false);
  const filters: Filter[] = Object.entries(a.tagMap('tags')).map(([k, v]) => ({ Name: `tag:${k}`, Values: [v] }));
  if (az) filters.push(azFilter(az));
  const { instances } = await describeInstances(ec2, call, { filters });
  if (instances.length === 0) throw new ActivityFailed(`No instances in availability zone: ${pyStr(az)}`);
  let chosen = sample(instances, pythonRound((instances.length * volume) / 100), call.random);
  if (chosen.length === 0) return [];
  const all = groupByLifecycle(chosen);
  checkStoppable(all);
  await call.mutate(`${stopOperation(all, force)}, ${step} at a time, ${duration} s apart`, targetsOf(all));
  const responses: unknown[] = [];
  while (chosen.length > 0) {
    const now = chosen.slice(0, step);
    chosen = chosen.slice(step);
    responses.push(...(await stopAnyType(ec2, call, groupByLifecycle(now), force)));
    await sleep(duration * 1000, call.signal);
  }
  return responses;
}

/** chaosaws's tags argument: a "k=v,k2=v2" string or [{"Key", "Value"}] (a mapping is read as pairs too). */
function tagPairs(a: PyArgs, name: string): KeyValueTag[] {
  const v = a.raw(name);
  if (typeof v === 'string' || isMapping(v)) return Object.entries(a.tagMap(name)).map(([Key, Value]) => ({ Key, Value }));
  return a.keyValueTags(name) ?? [];
}

/**
 * Tags a percentage of the matching normal (not spot) instances, at least one. chaosaws crashes
 * with "Sample larger than population" when nothing matches; here that is its intended message.
 */
export async function set_tags_on_instances(args: Args, call: AwsCall): Promise<unknown> {
  const a = new PyArgs(`${MODULE}.set_tags_on_instances`, args);
  const ec2 = await call.client(EC2Client);
  const tags = tagPairs(a, 'tags');
  if (tags.length === 0) throw new ActivityFailed('Missing tags to be set');
  const percentage = a.num('percentage') ?? 100;
  if (percentage < 0 || percentage > 100) a.fail('percentage', 'a percentage of the instances, 0 to 100');
  const az = a.str('az');
  const filters = [...(filtersArg(a, 'filters') ?? [])];
  if (az) filters.push(azFilter(az));
  const normal = groupByLifecycle((await describeInstances(ec2, call, { filters })).instances).get('normal') ?? [];
  if (normal.length === 0) throw new ActivityFailed(`No instances in availability zone: ${pyStr(az)}`);
  const chosen = sample(normal, Math.max(1, pythonRound((normal.length * percentage) / 100)), call.random);
  await call.mutate(`ec2:CreateTags ${tags.map((t) => `${t.Key}=${t.Value}`).join(', ')}`, chosen.map(instanceTarget));
  return botoResponse(
    await boto('CreateTags', ec2.send(new CreateTagsCommand({ Resources: chosen.map((i) => i.id), Tags: tags }), { abortSignal: call.signal })),
  );
}

/**
 * Removes the tags from the instances that carry them (in the AZ, when given). chaosaws, given no
 * tags, would select every instance and send DeleteTags without tags, which deletes all their
 * tags: that is refused here.
 */
export async function remove_tags_from_instances(args: Args, call: AwsCall): Promise<unknown> {
  const a = new PyArgs(`${MODULE}.remove_tags_from_instances`, args);
  const ec2 = await call.client(EC2Client);
  const tags = tagPairs(a, 'tags');
  if (tags.length === 0) throw new ActivityFailed('Missing tags to be removed (without tags, DeleteTags would remove every tag of every instance)');
  const az = a.str('az');
  const filters: Filter[] = tags.map((t) => ({ Name: `tag:${t.Key}`, Values: [t.Value] }));
  if (az) filters.push(azFilter(az));
  const { instances } = await describeInstances(ec2, call, { filters });
  if (instances.length === 0)
    throw new ActivityFailed(
      `No instances found with the tags ${tags.map((t) => `${t.Key}=${t.Value}`).join(', ')}${az ? ` in availability zone ${az}` : ''}: nothing to remove them from`,
    );
  await call.mutate(`ec2:DeleteTags ${tags.map((t) => `${t.Key}=${t.Value}`).join(', ')}`, instances.map(instanceTarget));
  return botoResponse(
    await boto('DeleteTags', ec2.send(new DeleteTagsCommand({ Resources: instances.map((i) => i.id), Tags: tags }), { abortSignal: call.signal })),
  );
}

/**
 * chaosaws's create_ingress_kwargs sends an empty IpRanges entry when no cidr_ip is given (and an
 * empty UserIdGroupPairs entry when no group is); here an absent source is left out.
 */
function ingressRequest(a: PyArgs): { GroupId: string; IpPermissions: IpPermission[] } {
  const groupId = a.str('requested_security_group_id') ?? a.fail('requested_security_group_id', 'a security group id');
  const cidr = a.str('cidr_ip');
  const source = a.str('ingress_security_group_id');
  const permission: IpPermission = {
    IpProtocol: a.str('ip_protocol') ?? a.fail('ip_protocol', 'a protocol name (tcp, udp, icmp, icmpv6) or "-1"'),
    FromPort: a.int('from_port') ?? a.fail('from_port', 'a port number'),
    ToPort: a.int('to_port') ?? a.fail('to_port', 'a port number'),
    ...(cidr !== undefined ? { IpRanges: [{ CidrIp: cidr }] } : {}),
    ...(source !== undefined ? { UserIdGroupPairs: [{ GroupId: source }] } : {}),
  };
  return { GroupId: groupId, IpPermissions: [permission] };
}

async function securityGroupTarget(ec2: EC2Client, call: AwsCall, id: string): Promise<AwsTarget> {
  const tags = await lookupTags(call.signal, async () => {
    const out = await ec2.send(new DescribeSecurityGroupsCommand({ GroupIds: [id] }), { abortSignal: call.signal });
    const group = out.SecurityGroups?.[0];
    return group ? tagListToMap(group.Tags) : undefined;
  });
  return { kind: 'ec2:security-group', id, ...(tags ? { tags } : {}) };
}

export async function authorize_security_group_ingress(args: Args, call: AwsCall): Promise<unknown> {
  const a = new PyArgs(`${MODULE}.authorize_security_group_ingress`, args);
  const ec2 = await call.client(EC2Client);
  const request = ingressRequest(a);
  await call.mutate('ec2:AuthorizeSecurityGroupIngress', [await securityGroupTarget(ec2, call, request.GroupId)]);
  try {
    return botoResponse(await boto('AuthorizeSecurityGroupIngress', ec2.send(new AuthorizeSecurityGroupIngressCommand(request), { abortSignal: call.signal })));
  } catch (err) {
    throw new ActivityFailed(`Failed to add ingress rule: ${awsMessage(err)}`);
  }
}

export async function revoke_security_group_ingress(args: Args, call: AwsCall): Promise<unknown> {
  const a = new PyArgs(`${MODULE}.revoke_security_group_ingress`, args);
  const ec2 = await call.client(EC2Client);
  const request = ingressRequest(a);
  await call.mutate('ec2:RevokeSecurityGroupIngress', [await securityGroupTarget(ec2, call, request.GroupId)]);
  try {
    return botoResponse(await boto('RevokeSecurityGroupIngress', ec2.send(new RevokeSecurityGroupIngressCommand(request), { abortSignal: call.signal })));
  } catch (err) {
    throw new ActivityFailed(`Failed to remove ingress rule: ${awsMessage(err)}`);
  }
}
