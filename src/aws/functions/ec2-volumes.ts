// chaosaws.ec2.actions's EBS volume faults natively: detach_random_volume and its rollback,
// attach_volume, which finds the volumes by the ChaosToolkitDetached tag the detach leaves.
import {
  AttachVolumeCommand,
  CreateTagsCommand,
  DeleteTagsCommand,
  DescribeVolumesCommand,
  DetachVolumeCommand,
  EC2Client,
  type Volume,
} from '@aws-sdk/client-ec2';
import { pythonRepr } from '../../python/values.js';
import { ActivityFailed } from '../../contract/provider.js';
import { awsMessage, boto } from './boto-error.js';
import { botoResponse } from './boto-shape.js';
import { describeInstances, type Ec2Instance, filtersArg } from './ec2-instances.js';
import { PyArgs, sample } from './py-args.js';
import { lookupTags, tagListToMap } from './target-tags.js';
import { container, type AwsCall, type AwsTarget } from './types.js';

const MODULE = 'chaosaws.ec2.actions';
const DETACHED_TAG = 'ChaosToolkitDetached';
type Args = Readonly<Record<string, unknown>>;

const instanceTarget = (i: Ec2Instance): AwsTarget => ({ kind: 'ec2:instance', id: i.id, tags: i.tags });
const uniqueTargets = (targets: readonly AwsTarget[]): AwsTarget[] => [...new Map(targets.map((t) => [`${t.kind} ${t.id}`, t])).values()];

export async function detach_random_volume(args: Args, call: AwsCall): Promise<unknown> {
  const a = new PyArgs(`${MODULE}.detach_random_volume`, args);
  const ids = a.strList('instance_ids');
  const filters = filtersArg(a, 'filters');
  if (!ids?.length && !filters?.length) throw new ActivityFailed('To detach volumes, you must specify the instance_id or provide a set of filters');
  const force = a.bool('force', true);
  const ec2 = await call.client(EC2Client);
  const by = filters?.length ? { filters } : { ids: ids ?? [] };
  const { instances, reservations } = await describeInstances(ec2, call, by);
  if (reservations === 0)
    throw new ActivityFailed(`no instances found matching: ${pythonRepr(filters?.length ? { Filters: filters } : { InstanceIds: ids ?? [] })}`);
  // One random non-root EBS volume per instance that has any.
  const picks: { instance: Ec2Instance; device: string; volume: string }[] = [];
  for (const instance of instances) {
    const volumes = (instance.raw.BlockDeviceMappings ?? []).filter((b) => b.DeviceName !== '/dev/sda1' && b.DeviceName !== '/dev/xvda' && b.Ebs?.VolumeId);
    if (volumes.length === 0) continue;
    const [b] = sample(volumes, 1, call.random);
    picks.push({ instance, device: b?.DeviceName ?? '', volume: b?.Ebs?.VolumeId ?? '' });
  }
  if (picks.length === 0) return [];
  // The volumes are what is faulted (and tagged); each instance is what its volume is detached
  // from: checked, not counted (as chaosaws.asg's detach_random_volume).
  const volumeTags = await tagsOfVolumes(
    ec2,
    call,
    picks.map((p) => p.volume),
  );
  const targets = picks.flatMap((p): AwsTarget[] => [
    { kind: 'ec2:volume', id: p.volume, ...(volumeTags.has(p.volume) ? { tags: volumeTags.get(p.volume) } : {}) },
    container(instanceTarget(p.instance)),
  ]);
  await call.mutate(
    `ec2:DetachVolume (${picks.map((p) => `${p.volume} ${p.device} from ${p.instance.id}`).join(', ')}) + ec2:CreateTags ${DETACHED_TAG}`,
    uniqueTargets(targets),
  );
  const results: unknown[] = [];
  for (const p of picks) {
    try {
      const out = await boto(
        'DetachVolume',
        ec2.send(new DetachVolumeCommand({ Device: p.device, InstanceId: p.instance.id, VolumeId: p.volume, Force: force }), { abortSignal: call.signal }),
      );
      // Where the volume was, so that attach_volume (the rollback) can put it back.
      const marker = { Key: DETACHED_TAG, Value: `DeviceName=${p.device};InstanceId=${p.instance.id}` };
      await boto('CreateTags', ec2.send(new CreateTagsCommand({ Resources: [p.volume], Tags: [marker] }), { abortSignal: call.signal }));
      results.push(botoResponse(out));
    } catch (err) {
      throw new ActivityFailed(`unable to detach volume ${p.volume} from ${p.instance.id}: ${awsMessage(err)}`);
    }
  }
  return results;
}

/** Every volume carrying the ChaosToolkitDetached tag (all pages, as chaosaws's paginator). */
async function detachedVolumes(ec2: EC2Client, call: AwsCall): Promise<Volume[]> {
  const volumes: Volume[] = [];
  let token: string | undefined;
  do {
    const page = await boto(
      'DescribeVolumes',
      ec2.send(new DescribeVolumesCommand({ Filters: [{ Name: 'tag-key', Values: [DETACHED_TAG] }], ...(token ? { NextToken: token } : {}) }), {
        abortSignal: call.signal,
      }),
    );
    volumes.push(...(page.Volumes ?? []));
    token = page.NextToken;
  } while (token);
  return volumes;
}

/** A volume's ChaosToolkitDetached tag, "DeviceName=/dev/sdf;InstanceId=i-…", read as chaosaws reads it. */
function detachedFrom(volume: Volume, value: string): { device: string; instance: string } {
  const parts = value.split(';');
  if (parts.length < 2)
    throw new ActivityFailed(
      `volume ${volume.VolumeId ?? '?'} has a ${DETACHED_TAG} tag ${pythonRepr(value)} that does not say where it was attached: expected "DeviceName=<device>;InstanceId=<instance id>"`,
    );
  return { device: (parts[0] as string).split('=').at(-1) as string, instance: (parts[1] as string).split('=').at(-1) as string };
}

/**
 * Re-attaches volumes that detach_random_volume tagged. Two chaosaws bugs are fixed: when the given
 * ids or filters match no instance, chaosaws re-attaches every tagged volume of the region (here:
 * none); and it leaves the tag on the volume, so the next attach_volume fails on an attached volume
 * (here the tag is removed once the volume is back).
 */
export async function attach_volume(args: Args, call: AwsCall): Promise<unknown> {
  const a = new PyArgs(`${MODULE}.attach_volume`, args);
  const ids = a.strList('instance_ids');
  const filters = filtersArg(a, 'filters');
  const ec2 = await call.client(EC2Client);
  const scoped = Boolean(ids?.length || filters?.length);
  const instances = scoped ? (await describeInstances(ec2, call, ids?.length ? { ids } : { filters: filters ?? [] })).instances : [];
  const volumes = await detachedVolumes(ec2, call);
  const attachments: { volume: string; device: string; instance: string; tags: Record<string, string> }[] = [];
  for (const volume of volumes) {
    for (const tag of volume.Tags ?? []) {
      if (tag.Key !== DETACHED_TAG) continue;
      const { device, instance } = detachedFrom(volume, tag.Value ?? '');
      if (!scoped || instances.some((i) => i.id === instance))
        attachments.push({ volume: volume.VolumeId ?? '', device, instance, tags: tagListToMap(volume.Tags) });
    }
  }
  if (attachments.length === 0) return [];
  // The volumes are what is changed; each instance is what a volume goes back into (not counted).
  const targets = uniqueTargets([
    ...attachments.map((x): AwsTarget => ({ kind: 'ec2:volume', id: x.volume, tags: x.tags })),
    ...(
      await attachTargets(
        ec2,
        call,
        attachments.map((x) => x.instance),
        instances,
      )
    ).map(container),
  ]);
  await call.mutate(
    `ec2:AttachVolume (${attachments.map((x) => `${x.volume} to ${x.instance} at ${x.device}`).join(', ')}) + ec2:DeleteTags ${DETACHED_TAG}`,
    targets,
  );
  const results: unknown[] = [];
  for (const x of attachments) {
    let out;
    try {
      out = await boto(
        'AttachVolume',
        ec2.send(new AttachVolumeCommand({ Device: x.device, InstanceId: x.instance, VolumeId: x.volume }), { abortSignal: call.signal }),
      );
    } catch (err) {
      throw new ActivityFailed(`Unable to attach volume ${x.volume} to instance ${x.instance}: ${awsMessage(err)}`);
    }
    try {
      await boto('DeleteTags', ec2.send(new DeleteTagsCommand({ Resources: [x.volume], Tags: [{ Key: DETACHED_TAG }] }), { abortSignal: call.signal }));
    } catch (err) {
      throw new ActivityFailed(`volume ${x.volume} is attached to ${x.instance} again, but its ${DETACHED_TAG} tag could not be removed: ${awsMessage(err)}`);
    }
    results.push(botoResponse(out));
  }
  return results;
}

/** Volume tags by id (DescribeVolumes); a failed lookup leaves them unknown (absent from the map). */
async function tagsOfVolumes(ec2: EC2Client, call: AwsCall, ids: string[]): Promise<Map<string, Record<string, string>>> {
  const found = new Map<string, Record<string, string>>();
  await lookupTags(call.signal, async () => {
    const out = await ec2.send(new DescribeVolumesCommand({ VolumeIds: [...new Set(ids)] }), { abortSignal: call.signal });
    for (const v of out.Volumes ?? []) found.set(v.VolumeId ?? '', tagListToMap(v.Tags));
    return {};
  });
  return found;
}

/** The instances volumes go back to, with their tags (looked up when they were not listed). */
async function attachTargets(ec2: EC2Client, call: AwsCall, ids: string[], known: readonly Ec2Instance[]): Promise<AwsTarget[]> {
  const unique = [...new Set(ids)];
  const missing = unique.filter((id) => !known.some((i) => i.id === id));
  const found = new Map(known.map((i) => [i.id, i.tags]));
  if (missing.length) {
    // A filter (not ids): an instance that is gone is left out instead of failing the lookup.
    await lookupTags(call.signal, async () => {
      for (const i of (await describeInstances(ec2, call, { filters: [{ Name: 'instance-id', Values: missing }] })).instances) found.set(i.id, i.tags);
      return {};
    });
  }
  return unique.map((id) => ({ kind: 'ec2:instance', id, ...(found.has(id) ? { tags: found.get(id) } : {}) }));
}
