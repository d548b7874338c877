// chaosaws.asg.actions natively: instance faults, process suspension, subnet changes and EBS
// volume detach/re-attach on the groups selected by `asg_names` or `tags`.
import {
  AutoScalingClient,
  DetachInstancesCommand,
  ResumeProcessesCommand,
  SuspendProcessesCommand,
  UpdateAutoScalingGroupCommand,
  type Activity,
  type AutoScalingGroup,
} from '@aws-sdk/client-auto-scaling';
import {
  AttachVolumeCommand,
  CreateTagsCommand,
  DescribeInstancesCommand,
  DescribeVolumesCommand,
  DetachVolumeCommand,
  EC2Client,
  StopInstancesCommand,
  TerminateInstancesCommand,
  type Volume,
} from '@aws-sdk/client-ec2';
import { ActivityFailed } from '../../contract/provider.js';
import { confirmNotRunning } from './ec2-instances.js';
import { container, type AwsCall, type AwsFunction, type AwsTarget } from './types.js';
import { botoResponse, botoValue } from './boto-shape.js';
import { awsMessage, boto } from './boto-error.js';
import { PyArgs, sample } from './py-args.js';
import { actionAsgs, actionAsgsByName, asgSelection, asgTarget, instanceTargets, tagRecord, validateProcesses } from './asg-select.js';

const MODULE = 'chaosaws.asg.actions';

const inService = (g: AutoScalingGroup) => (g.Instances ?? []).filter((i) => i.LifecycleState === 'InService');

/** How many of `available` instances to pick: instance_count, or int(n * percent / 100). */
function pickCount(a: PyArgs, available: number): number {
  const percent = a.num('instance_percent');
  const count = percent ? Math.trunc((available * percent) / 100) : (a.int('instance_count') ?? 0);
  if (count < 0) a.fail(percent ? 'instance_percent' : 'instance_count', 'zero or more');
  return count;
}

/**
 * terminate_random_instances and stop_random_instances share their selection. Every group's pick is
 * made (and checked) before anything is stopped, so the guardrails see every instance at once and a
 * group that cannot satisfy the count fails the activity before another group was touched.
 */
async function randomInstanceFault(
  fn: 'terminate_random_instances' | 'stop_random_instances',
  args: Readonly<Record<string, unknown>>,
  call: AwsCall,
): Promise<unknown> {
  const a = new PyArgs(`${MODULE}.${fn}`, args);
  const sel = asgSelection(a);
  const countGiven = a.truthy('instance_count');
  const percentGiven = a.truthy('instance_percent');
  const az = a.str('az');
  if (!(countGiven || percentGiven || az) || (countGiven && percentGiven && az)) {
    throw new ActivityFailed('Must specify one of "instance_count", "instance_percent", "az"');
  }
  const stopping = fn === 'stop_random_instances';
  const force = stopping ? a.bool('force', false) : false;
  const client = await call.client(AutoScalingClient);
  const picks: { name: string; ids: string[] }[] = [];
  for (const g of await actionAsgs(sel, client, call)) {
    const name = g.AutoScalingGroupName ?? '';
    let instances = inService(g);
    if (az) {
      instances = instances.filter((i) => i.AvailabilityZone === az);
      if (instances.length === 0) throw new ActivityFailed(`No instances found in Availability Zone: ${az}`);
    } else {
      const count = pickCount(a, instances.length);
      if (instances.length < count) {
        throw new ActivityFailed(
          `Not enough healthy instances in ${name} to satisfy ${stopping ? 'stop' : 'termination'} count ${count} (${instances.length})`,
        );
      }
      instances = sample(instances, count, call.random);
    }
    picks.push({ name, ids: instances.map((i) => i.InstanceId ?? '').sort() });
  }
  const ec2 = await call.client(EC2Client);
  const results: unknown[] = [];
  try {
    await call.mutate(
      stopping ? 'ec2:StopInstances' : 'ec2:TerminateInstances',
      await instanceTargets(
        picks.flatMap((p) => p.ids),
        ec2,
        call,
      ),
    );
    for (const { name, ids } of picks) {
      if (stopping) {
        const out = await boto('StopInstances', ec2.send(new StopInstancesCommand({ InstanceIds: ids, Force: force }), { abortSignal: call.signal }));
        results.push({ AutoScalingGroupName: name, StoppingInstances: botoValue(out.StoppingInstances ?? []) });
      } else {
        const out = await boto('TerminateInstances', ec2.send(new TerminateInstancesCommand({ InstanceIds: ids }), { abortSignal: call.signal }));
        results.push({ AutoScalingGroupName: name, TerminatingInstances: botoValue(out.TerminatingInstances ?? []) });
      }
    }
  } catch (err) {
    throw new ActivityFailed(awsMessage(err));
  }
  await confirmNotRunning(
    ec2,
    call,
    stopping ? 'ec2:StopInstances' : 'ec2:TerminateInstances',
    picks.flatMap((p) => p.ids),
  );
  return results;
}

export const terminate_random_instances: AwsFunction = (args, call) => randomInstanceFault('terminate_random_instances', args, call);
export const stop_random_instances: AwsFunction = (args, call) => randomInstanceFault('stop_random_instances', args, call);

/** suspend_processes and resume_processes: one call per group, then the groups described again. */
async function processChange(fn: 'suspend_processes' | 'resume_processes', args: Readonly<Record<string, unknown>>, call: AwsCall): Promise<unknown> {
  const a = new PyArgs(`${MODULE}.${fn}`, args);
  const sel = asgSelection(a);
  const processes = a.strList('process_names');
  if (processes && processes.length > 0) validateProcesses(processes);
  const client = await call.client(AutoScalingClient);
  const groups = await actionAsgs(sel, client, call);
  const suspend = fn === 'suspend_processes';
  await call.mutate(suspend ? 'autoscaling:SuspendProcesses' : 'autoscaling:ResumeProcesses', groups.map(asgTarget));
  for (const g of groups) {
    const input = { AutoScalingGroupName: g.AutoScalingGroupName, ...(processes && processes.length > 0 ? { ScalingProcesses: processes } : {}) };
    if (suspend) await boto('SuspendProcesses', client.send(new SuspendProcessesCommand(input), { abortSignal: call.signal }));
    else await boto('ResumeProcesses', client.send(new ResumeProcessesCommand(input), { abortSignal: call.signal }));
  }
  return botoResponse(
    await actionAsgsByName(
      groups.map((g) => g.AutoScalingGroupName ?? ''),
      client,
      call,
    ),
  );
}

export const suspend_processes: AwsFunction = (args, call) => processChange('suspend_processes', args, call);
export const resume_processes: AwsFunction = (args, call) => processChange('resume_processes', args, call);

export const detach_random_instances: AwsFunction = async (args, call) => {
  const a = new PyArgs(`${MODULE}.detach_random_instances`, args);
  const sel = asgSelection(a);
  if (!a.truthy('instance_count') && !a.truthy('instance_percent')) {
    throw new ActivityFailed('You must specify either "instance_count" or "instance_percent"');
  }
  const decrement = a.bool('decrement_capacity', false);
  const client = await call.client(AutoScalingClient);
  const picks: { group: AutoScalingGroup; ids: string[] }[] = [];
  for (const g of await actionAsgs(sel, client, call)) {
    const ids = inService(g).map((i) => i.InstanceId ?? '');
    const count = pickCount(a, ids.length);
    if (count > ids.length) throw new ActivityFailed(`You are attempting to detach more instances than exist on asg ${g.AutoScalingGroupName ?? ''}`);
    picks.push({ group: g, ids: sample(ids, count, call.random).sort() });
  }
  const instances = await instanceTargets(
    picks.flatMap((p) => p.ids),
    await call.client(EC2Client),
    call,
  );
  // The instances are what is faulted; each group is what they are detached from (not counted).
  await call.mutate('autoscaling:DetachInstances', [...picks.map((p) => container(asgTarget(p.group))), ...instances]);
  const activities: Activity[] = [];
  const detaching: { AutoScalingGroupName: string; InstanceIds: string[] }[] = [];
  for (const { group, ids } of picks) {
    const name = group.AutoScalingGroupName ?? '';
    const out = await boto(
      'DetachInstances',
      client.send(
        new DetachInstancesCommand({
          AutoScalingGroupName: name,
          InstanceIds: ids,
          ShouldDecrementDesiredCapacity: decrement,
        }),
        { abortSignal: call.signal },
      ),
    );
    activities.push(...(out.Activities ?? []));
    detaching.push({ AutoScalingGroupName: name, InstanceIds: ids });
  }
  return { Activities: botoValue(activities), DetachingInstances: detaching };
};

export const change_subnets: AwsFunction = async (args, call) => {
  const a = new PyArgs(`${MODULE}.change_subnets`, args);
  const subnets = a.strList('subnets') ?? a.fail('subnets', 'a list of subnet ids');
  const sel = asgSelection(a);
  const client = await call.client(AutoScalingClient);
  const groups = await actionAsgs(sel, client, call);
  await call.mutate('autoscaling:UpdateAutoScalingGroup', groups.map(asgTarget));
  for (const g of groups) {
    await boto(
      'UpdateAutoScalingGroup',
      client.send(
        new UpdateAutoScalingGroupCommand({
          AutoScalingGroupName: g.AutoScalingGroupName,
          VPCZoneIdentifier: subnets.join(','),
        }),
        { abortSignal: call.signal },
      ),
    );
  }
  return null;
};

const ROOT_DEVICES = ['/dev/sda1', '/dev/xvda'];
const DETACHED_TAG = 'ChaosToolkitDetached';

interface VolumeChoice {
  readonly InstanceId: string;
  readonly DeviceName: string;
  readonly VolumeId: string;
  readonly instance: AwsTarget;
}

/** One random non-root EBS volume per instance (instances without one are left alone). */
async function randomInstanceVolumes(ids: string[], ec2: EC2Client, call: AwsCall): Promise<VolumeChoice[]> {
  const candidates = new Map<string, { device: string; volume: string }[]>();
  const instances = new Map<string, AwsTarget>();
  try {
    const out = await boto('DescribeInstances', ec2.send(new DescribeInstancesCommand({ InstanceIds: ids }), { abortSignal: call.signal }));
    for (const r of out.Reservations ?? []) {
      for (const i of r.Instances ?? []) {
        const id = i.InstanceId ?? '';
        instances.set(id, { kind: 'ec2:instance', id, tags: tagRecord(i.Tags) });
        for (const b of i.BlockDeviceMappings ?? []) {
          // Root devices stay; mappings without an EBS volume (instance store) have nothing to detach.
          if (ROOT_DEVICES.includes(b.DeviceName ?? '') || !b.Ebs?.VolumeId) continue;
          const list = candidates.get(id) ?? [];
          list.push({ device: b.DeviceName ?? '', volume: b.Ebs.VolumeId });
          candidates.set(id, list);
        }
      }
    }
  } catch (err) {
    throw new ActivityFailed(`Unable to describe asg instances: ${awsMessage(err)}`);
  }
  return [...candidates].map(([id, list]) => {
    const pick = sample(list, 1, call.random)[0]!;
    return { InstanceId: id, DeviceName: pick.device, VolumeId: pick.volume, instance: instances.get(id)! };
  });
}

async function volumeTags(ids: string[], ec2: EC2Client, call: AwsCall): Promise<Map<string, Volume>> {
  const byId = new Map<string, Volume>();
  if (ids.length === 0) return byId;
  const out = await boto('DescribeVolumes', ec2.send(new DescribeVolumesCommand({ VolumeIds: ids }), { abortSignal: call.signal }));
  for (const v of out.Volumes ?? []) byId.set(v.VolumeId ?? '', v);
  return byId;
}

export const detach_random_volume: AwsFunction = async (args, call) => {
  const a = new PyArgs(`${MODULE}.detach_random_volume`, args);
  const sel = asgSelection(a);
  const force = a.bool('force', true);
  const client = await call.client(AutoScalingClient);
  const groups = await actionAsgs(sel, client, call);
  const ec2 = await call.client(EC2Client);
  const plan: { asg: string; choice: VolumeChoice }[] = [];
  for (const g of groups) {
    const name = g.AutoScalingGroupName ?? '';
    const ids = (g.Instances ?? []).map((i) => i.InstanceId ?? '');
    if (ids.length === 0) throw new ActivityFailed(`no instances found for asg: ${name}`);
    for (const choice of await randomInstanceVolumes(ids, ec2, call)) plan.push({ asg: name, choice });
  }
  const volumes = await volumeTags(
    plan.map((p) => p.choice.VolumeId),
    ec2,
    call,
  );
  const volumeTarget = (id: string): AwsTarget => ({ kind: 'ec2:volume', id, tags: tagRecord(volumes.get(id)?.Tags) });
  // The tag is how attach_volume (the rollback) knows where the volume belongs. The volumes are
  // what is faulted; each instance is what its volume is detached from (not counted).
  await call.mutate(
    `ec2:DetachVolume (then ec2:CreateTags ${DETACHED_TAG} on each volume)`,
    plan.flatMap((p) => [volumeTarget(p.choice.VolumeId), container(p.choice.instance)]),
  );
  const results: unknown[] = [];
  for (const { asg, choice: c } of plan) {
    try {
      const out = await boto(
        'DetachVolume',
        ec2.send(
          new DetachVolumeCommand({
            Device: c.DeviceName,
            InstanceId: c.InstanceId,
            VolumeId: c.VolumeId,
            Force: force,
          }),
          { abortSignal: call.signal },
        ),
      );
      await boto(
        'CreateTags',
        ec2.send(
          new CreateTagsCommand({
            Resources: [c.VolumeId],
            Tags: [{ Key: DETACHED_TAG, Value: `DeviceName=${c.DeviceName};InstanceId=${c.InstanceId};ASG=${asg}` }],
          }),
          { abortSignal: call.signal },
        ),
      );
      results.push(botoResponse(out));
    } catch (err) {
      throw new ActivityFailed(`unable to detach volume ${c.VolumeId} from ${c.InstanceId}: ${awsMessage(err)}`);
    }
  }
  return results;
};

/** Every volume carrying the detach marker tag, all pages (chaosaws's recursion here is broken). */
async function detachedVolumes(ec2: EC2Client, call: AwsCall): Promise<Volume[]> {
  const volumes: Volume[] = [];
  let token: string | undefined;
  do {
    const page = await boto(
      'DescribeVolumes',
      ec2.send(
        new DescribeVolumesCommand({
          Filters: [{ Name: 'tag-key', Values: [DETACHED_TAG] }],
          NextToken: token,
        }),
        { abortSignal: call.signal },
      ),
    );
    volumes.push(...(page.Volumes ?? []));
    token = page.NextToken;
  } while (token);
  return volumes;
}

export const attach_volume: AwsFunction = async (args, call) => {
  const a = new PyArgs(`${MODULE}.attach_volume`, args);
  const sel = asgSelection(a);
  const client = await call.client(AutoScalingClient);
  const names = new Set((await actionAsgs(sel, client, call)).map((g) => g.AutoScalingGroupName));
  const ec2 = await call.client(EC2Client);
  const volumes = await detachedVolumes(ec2, call);
  if (volumes.length === 0) throw new ActivityFailed('No volumes detached by ChaosTookit found');
  const plan: { volume: Volume; instanceId: string; device: string }[] = [];
  for (const volume of volumes) {
    // A volume attached again already (an earlier rollback, or by hand) has nothing to undo.
    if (volume.State !== 'available') continue;
    for (const t of volume.Tags ?? []) {
      if (t.Key !== DETACHED_TAG) continue;
      const parts = (t.Value ?? '').split(';');
      if (parts.length !== 3) continue;
      const [device, instanceId, asg] = parts.map((p) => p.split('=').at(-1) ?? '') as [string, string, string];
      if (!names.has(asg)) continue;
      plan.push({ volume, instanceId, device });
    }
  }
  const instances = await instanceTargets([...new Set(plan.map((p) => p.instanceId))], ec2, call);
  if (plan.length > 0) {
    await call.mutate('ec2:AttachVolume', [
      ...plan.map((p): AwsTarget => ({ kind: 'ec2:volume', id: p.volume.VolumeId ?? '', tags: tagRecord(p.volume.Tags) })),
      ...instances.map(container),
    ]);
  }
  const results: unknown[] = [];
  for (const p of plan) {
    const volumeId = p.volume.VolumeId ?? '';
    try {
      const out = await boto(
        'AttachVolume',
        ec2.send(new AttachVolumeCommand({ Device: p.device, InstanceId: p.instanceId, VolumeId: volumeId }), { abortSignal: call.signal }),
      );
      results.push(botoResponse(out));
    } catch (err) {
      throw new ActivityFailed(`Unable to attach volume ${volumeId} to instance ${p.instanceId}: ${awsMessage(err)}`);
    }
  }
  return results;
};
