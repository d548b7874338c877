// EC2 instance selection and the lifecycle-aware commands chaosaws.ec2.actions shares
// (its private helpers): describe by ids or filters (first page only, as chaosaws), group by
// InstanceLifecycle ("normal" when absent), pick at random, and stop/terminate/start/reboot each
// group the way its lifecycle requires (a spot instance cannot be stopped: its request is cancelled
// and it is terminated).
import {
  CancelSpotInstanceRequestsCommand,
  DescribeInstancesCommand,
  type EC2Client,
  type Filter,
  type Instance,
  RebootInstancesCommand,
  StartInstancesCommand,
  StopInstancesCommand,
  TerminateInstancesCommand,
} from '@aws-sdk/client-ec2';
import { isMapping, pythonRepr } from '../../python/values.js';
import { ActivityFailed } from '../../contract/provider.js';
import { boto } from './boto-error.js';
import { botoResponse, botoValue } from './boto-shape.js';
import type { PyArgs } from './py-args.js';
import { tagListToMap } from './target-tags.js';
import type { AwsCall, AwsTarget } from './types.js';

/** An instance as the selection sees it. */
export interface Ec2Instance {
  readonly id: string;
  /** InstanceLifecycle, "normal" when AWS leaves it out (on-demand or reserved). */
  readonly lifecycle: string;
  readonly spotRequestId?: string;
  readonly tags: Record<string, string>;
  readonly raw: Instance;
}

/** Instances grouped by lifecycle, groups in the order they first appear (Python dict order). */
export type ByLifecycle = Map<string, Ec2Instance[]>;

const FILTER_KEYS = ['Name', 'Values'];

/**
 * EC2 filters ([{"Name": …, "Values": […]}]) checked as boto3 checks them before sending:
 * a common mistake ("Value" for "Values") gets boto3's message, not an AWS error.
 */
export function filtersArg(a: PyArgs, name: string): Filter[] | undefined {
  const v = a.raw(name);
  if (v === undefined) return undefined;
  if (!Array.isArray(v)) return a.fail(name, 'a list of {"Name": "...", "Values": ["..."]} filters');
  v.forEach((f, i) => {
    const where = `Filters[${i}]`;
    if (!isMapping(f))
      throw new ActivityFailed(
        `Parameter validation failed: Invalid type for parameter ${where}, value: ${pythonRepr(f)}: expected a {"Name": "...", "Values": ["..."]} mapping`,
      );
    for (const key of Object.keys(f)) {
      if (!FILTER_KEYS.includes(key))
        throw new ActivityFailed(
          `Parameter validation failed: Unknown parameter in ${where}: "${key}", must be one of: Name, Values${key === 'Value' ? ' (write "Values", a list)' : ''}`,
        );
    }
    if (f.Name !== undefined && typeof f.Name !== 'string')
      throw new ActivityFailed(`Parameter validation failed: Invalid type for parameter ${where}.Name, value: ${pythonRepr(f.Name)}: expected a string`);
    if (f.Values !== undefined && !(Array.isArray(f.Values) && f.Values.every((s) => typeof s === 'string'))) {
      throw new ActivityFailed(
        `Parameter validation failed: Invalid type for parameter ${where}.Values, value: ${pythonRepr(f.Values)}: expected a list of strings`,
      );
    }
  });
  return v as Filter[];
}

export const azFilter = (az: string): Filter => ({ Name: 'availability-zone', Values: [az] });

function toInstance(raw: Instance): Ec2Instance {
  return {
    id: raw.InstanceId ?? '',
    lifecycle: raw.InstanceLifecycle ?? 'normal',
    ...(raw.SpotInstanceRequestId ? { spotRequestId: raw.SpotInstanceRequestId } : {}),
    tags: tagListToMap(raw.Tags),
    raw,
  };
}

/** DescribeInstances by ids, else by filters; every instance of every reservation (first page). */
export async function describeInstances(
  ec2: EC2Client,
  call: AwsCall,
  by: { ids?: string[]; filters?: Filter[] },
): Promise<{ instances: Ec2Instance[]; reservations: number }> {
  const input = by.ids ? { InstanceIds: by.ids } : { Filters: by.filters ?? [] };
  const out = await boto('DescribeInstances', ec2.send(new DescribeInstancesCommand(input), { abortSignal: call.signal }));
  const reservations = out.Reservations ?? [];
  return { instances: reservations.flatMap((r) => (r.Instances ?? []).map(toInstance)), reservations: reservations.length };
}

export function groupByLifecycle(instances: readonly Ec2Instance[]): ByLifecycle {
  const groups: ByLifecycle = new Map();
  for (const i of instances) {
    const group = groups.get(i.lifecycle) ?? [];
    group.push(i);
    groups.set(i.lifecycle, group);
  }
  return groups;
}

/** chaosaws's pick_random_instance: one instance, uniformly among all the matches. */
export function pickRandom(groups: ByLifecycle, call: AwsCall): ByLifecycle {
  const all = [...groups.values()].flat();
  if (all.length === 0) return new Map();
  const picked = all[Math.floor(call.random() * all.length)] as Ec2Instance;
  return new Map([[picked.lifecycle, [picked]]]);
}

export const targetsOf = (groups: ByLifecycle): AwsTarget[] => [...groups.values()].flat().map((i) => ({ kind: 'ec2:instance', id: i.id, tags: i.tags }));

const idsOf = (instances: readonly Ec2Instance[]): string[] => instances.map((i) => i.id);

async function cancelSpotRequests(ec2: EC2Client, call: AwsCall, spot: readonly Ec2Instance[]): Promise<void> {
  const requests = spot.flatMap((i) => (i.spotRequestId ? [i.spotRequestId] : []));
  if (requests.length === 0) return;
  await boto('CancelSpotInstanceRequests', ec2.send(new CancelSpotInstanceRequestsCommand({ SpotInstanceRequestIds: requests }), { abortSignal: call.signal }));
}

/** The operation a stop names for the guardrails and the plan. */
export function stopOperation(groups: ByLifecycle, force: boolean): string {
  const parts = [];
  if (groups.has('normal')) parts.push(`ec2:StopInstances${force ? ' (Force)' : ''}`);
  if (groups.has('spot')) parts.push('spot instances: ec2:CancelSpotInstanceRequests + ec2:TerminateInstances');
  return parts.join('; ');
}

/**
 * chaosaws's stop_instances_any_type: StopInstances for normal instances; a spot instance's request
 * is cancelled and the instance terminated. chaosaws stops the normal ones before it finds a
 * scheduled instance and fails; here the lifecycles are checked before anything is sent.
 */
export function checkStoppable(groups: ByLifecycle): void {
  const other = [...groups.keys()].filter((k) => k !== 'normal' && k !== 'spot');
  if (other.includes('scheduled')) throw new ActivityFailed('Scheduled instances support is not implemented');
  if (other.length)
    throw new ActivityFailed(
      `Stopping ${other.join(', ')} instances is not implemented (${other.map((k) => idsOf(groups.get(k) ?? []).join(', ')).join('; ')})`,
    );
}

export async function stopAnyType(ec2: EC2Client, call: AwsCall, groups: ByLifecycle, force: boolean): Promise<unknown[]> {
  const responses: unknown[] = [];
  const normal = groups.get('normal');
  if (normal)
    responses.push(
      botoResponse(await boto('StopInstances', ec2.send(new StopInstancesCommand({ InstanceIds: idsOf(normal), Force: force }), { abortSignal: call.signal }))),
    );
  const spot = groups.get('spot');
  if (spot) {
    await cancelSpotRequests(ec2, call, spot);
    responses.push(
      botoResponse(await boto('TerminateInstances', ec2.send(new TerminateInstancesCommand({ InstanceIds: idsOf(spot) }), { abortSignal: call.signal }))),
    );
  }
  return responses;
}

export async function terminateAnyType(ec2: EC2Client, call: AwsCall, groups: ByLifecycle): Promise<unknown[]> {
  const responses: unknown[] = [];
  for (const [lifecycle, instances] of groups) {
    if (lifecycle === 'spot') await cancelSpotRequests(ec2, call, instances);
    responses.push(
      botoResponse(await boto('TerminateInstances', ec2.send(new TerminateInstancesCommand({ InstanceIds: idsOf(instances) }), { abortSignal: call.signal }))),
    );
  }
  return responses;
}

/** A flat list of every StartingInstances entry (chaosaws returns the entries, not the responses). */
export async function startAnyType(ec2: EC2Client, call: AwsCall, groups: ByLifecycle): Promise<unknown[]> {
  const results: unknown[] = [];
  for (const instances of groups.values()) {
    const out = await boto('StartInstances', ec2.send(new StartInstancesCommand({ InstanceIds: idsOf(instances) }), { abortSignal: call.signal }));
    results.push(...((botoValue(out.StartingInstances ?? []) as unknown[]) ?? []));
  }
  return results;
}

/** chaosaws discards the RebootInstances responses and returns []. */
export async function rebootAnyType(ec2: EC2Client, call: AwsCall, groups: ByLifecycle): Promise<unknown[]> {
  for (const instances of groups.values()) {
    await boto('RebootInstances', ec2.send(new RebootInstancesCommand({ InstanceIds: idsOf(instances) }), { abortSignal: call.signal }));
  }
  return [];
}

/** States in which an instance still serves: a stop or a termination has not taken effect on it. */
const STILL_UP = ['pending', 'running'];

/**
 * Confirms that a stop or a termination took effect: no instance is left `pending` or `running`
 * (AWS answers "stopping" or "shutting-down" at once; an instance that is gone counts as gone).
 */
export async function confirmNotRunning(ec2: EC2Client, call: AwsCall, operation: string, ids: readonly string[]): Promise<void> {
  if (ids.length === 0) return;
  await call.confirm(`${operation} ${ids.join(', ')}`, async () => {
    const { instances } = await describeInstances(ec2, call, { ids: [...ids] });
    const state = new Map(instances.map((i) => [i.id, i.raw.State?.Name ?? 'unknown']));
    const up = ids.filter((id) => STILL_UP.includes(state.get(id) ?? ''));
    const states = ids.map((id) => `${id} ${state.get(id) ?? 'no longer listed'}`).join(', ');
    return up.length === 0 ? { confirmed: true, seen: states } : { confirmed: false, seen: `still running: ${states}` };
  });
}

/** Python's round(): halves go to the even neighbour (round(2.5) == 2). */
export function pythonRound(x: number): number {
  const floor = Math.floor(x);
  const diff = x - floor;
  if (diff > 0.5) return floor + 1;
  if (diff < 0.5) return floor;
  return floor % 2 === 0 ? floor : floor + 1;
}
