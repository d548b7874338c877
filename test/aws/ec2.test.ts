// chaosaws.ec2.actions and .probes natively: the requests sent, the results returned (in boto3's
// shape, from AWS's documented responses), random picks from a seeded source, the spot path, the
// errors chaosaws raises, and no mutating command in a dry run or after a guardrail refusal.
import {
  AttachVolumeCommand,
  AuthorizeSecurityGroupIngressCommand,
  CancelSpotInstanceRequestsCommand,
  CreateTagsCommand,
  DeleteTagsCommand,
  DescribeInstancesCommand,
  DescribeSecurityGroupsCommand,
  DescribeVolumesCommand,
  DetachVolumeCommand,
  EC2Client,
  type Instance,
  RebootInstancesCommand,
  RevokeSecurityGroupIngressCommand,
  StartInstancesCommand,
  StopInstancesCommand,
  TerminateInstancesCommand,
} from '@aws-sdk/client-ec2';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import * as instanceActions from '../../src/aws/functions/ec2-actions.js';
import * as volumeActions from '../../src/aws/functions/ec2-volumes.js';
import * as probes from '../../src/aws/functions/ec2-probes.js';
import { checkGuardrails } from '../../src/aws/guardrails.js';
import { fakeCall } from '../support/aws-call.js';
import { prng } from '../support/prng.js';

const actions = { ...instanceActions, ...volumeActions };

let ec2: ReturnType<typeof mockClient>;
beforeEach(() => {
  ec2 = mockClient(EC2Client);
});
afterEach(() => ec2.restore());

const MUTATING = [
  StopInstancesCommand,
  TerminateInstancesCommand,
  CancelSpotInstanceRequestsCommand,
  StartInstancesCommand,
  RebootInstancesCommand,
  DetachVolumeCommand,
  AttachVolumeCommand,
  CreateTagsCommand,
  DeleteTagsCommand,
  AuthorizeSecurityGroupIngressCommand,
  RevokeSecurityGroupIngressCommand,
];
const mutatingCalls = (): number => ec2.calls().filter((c) => MUTATING.some((m) => c.args[0] instanceof m)).length;
const inputs = (command: Parameters<typeof ec2.commandCalls>[0]): unknown[] => ec2.commandCalls(command).map((c) => c.args[0].input);

const instance = (id: string, extra: Partial<Instance> = {}): Instance => ({
  InstanceId: id,
  State: { Code: 16, Name: 'running' },
  Placement: { AvailabilityZone: 'us-east-1a' },
  Tags: [{ Key: 'app', Value: 'web' }],
  ...extra,
});
const spot = (id: string, request: string): Instance => instance(id, { InstanceLifecycle: 'spot', SpotInstanceRequestId: request });
const reservations = (...groups: Instance[][]) => ({ Reservations: groups.map((Instances, i) => ({ ReservationId: `r-${i}`, Instances })) });
const stopping = (ids: string[]) => ({
  StoppingInstances: ids.map((InstanceId) => ({
    InstanceId,
    CurrentState: { Code: 64, Name: 'stopping' as const },
    PreviousState: { Code: 16, Name: 'running' as const },
  })),
});
const terminating = (ids: string[]) => ({
  TerminatingInstances: ids.map((InstanceId) => ({
    InstanceId,
    CurrentState: { Code: 32, Name: 'shutting-down' as const },
    PreviousState: { Code: 16, Name: 'running' as const },
  })),
});
const META = { RequestId: '', HTTPStatusCode: 200, HTTPHeaders: {}, RetryAttempts: 0 };
const AZ = [{ Name: 'availability-zone', Values: ['us-east-1a'] }];
const noAccount = async (): Promise<string> => {
  throw new Error('the account must not be asked');
};
const serviceError = (name: string, message: string) => Object.assign(new Error(message), { name, $fault: 'client', $metadata: {} });

describe('stop_instance', () => {
  it('needs an id, an AZ or filters', async () => {
    await expect(actions.stop_instance({}, fakeCall())).rejects.toThrow(
      'To stop an EC2 instance, you must specify either the instance id, an AZ to pick a random instance from, or a set of filters.',
    );
    expect(ec2.calls()).toHaveLength(0);
  });

  it('stops the given instance and returns the raw responses', async () => {
    ec2.on(DescribeInstancesCommand).resolves(reservations([instance('i-1')]));
    ec2.on(StopInstancesCommand).resolves(stopping(['i-1']));
    const call = fakeCall();
    expect(await actions.stop_instance({ instance_id: 'i-1' }, call)).toEqual([{ ...stopping(['i-1']), ResponseMetadata: META }]);
    // The selection, then the confirmation that the instance left `running`.
    expect(inputs(DescribeInstancesCommand)).toEqual([{ InstanceIds: ['i-1'] }, { InstanceIds: ['i-1'] }]);
    expect(inputs(StopInstancesCommand)).toEqual([{ InstanceIds: ['i-1'], Force: false }]);
    expect(call.mutations).toEqual([{ operation: 'ec2:StopInstances', targets: [{ kind: 'ec2:instance', id: 'i-1', tags: { app: 'web' } }] }]);
  });

  it('picks one instance of the AZ at random (seeded), among the filters', async () => {
    ec2.on(DescribeInstancesCommand).resolves(reservations([instance('i-1'), instance('i-2')], [instance('i-3')]));
    ec2.on(StopInstancesCommand).resolves(stopping(['x']));
    const expected = ['i-1', 'i-2', 'i-3'][Math.floor(prng(7)() * 3)];
    await actions.stop_instance({ az: 'us-east-1a', filters: [{ Name: 'tag:app', Values: ['web'] }], force: true }, fakeCall({ seed: 7 }));
    expect(inputs(DescribeInstancesCommand)).toEqual([{ Filters: [{ Name: 'tag:app', Values: ['web'] }, ...AZ] }, { InstanceIds: [expected] }]);
    expect(inputs(StopInstancesCommand)).toEqual([{ InstanceIds: [expected], Force: true }]);
  });

  it('confirms the stop once AWS lists the instance as no longer running, and says so when it stays up', async () => {
    ec2
      .on(DescribeInstancesCommand)
      .resolvesOnce(reservations([instance('i-1')]))
      .resolvesOnce(reservations([instance('i-1')]))
      .resolves(reservations([instance('i-1', { State: { Code: 64, Name: 'stopping' } })]));
    ec2.on(StopInstancesCommand).resolves(stopping(['i-1']));
    const call = fakeCall({ confirmTimeoutMs: 30_000 });
    await actions.stop_instance({ instance_id: 'i-1' }, call);
    expect(call.confirmations).toEqual([{ fault: 'ec2:StopInstances i-1', confirmed: true, seen: 'i-1 stopping' }]);

    ec2.reset();
    ec2.on(DescribeInstancesCommand).resolves(reservations([instance('i-1')]));
    ec2.on(StopInstancesCommand).resolves(stopping(['i-1']));
    const stuck = fakeCall({ confirmTimeoutMs: 10_000 });
    await actions.stop_instance({ instance_id: 'i-1' }, stuck);
    expect(stuck.confirmations).toEqual([
      { fault: 'ec2:StopInstances i-1', confirmed: false, seen: 'still running: i-1 running (still so after 10 s, the fault-confirm-timeout)' },
    ]);
  });

  it('cancels the request of a spot instance and terminates it (a spot instance cannot be stopped)', async () => {
    ec2.on(DescribeInstancesCommand).resolves(reservations([spot('i-s', 'sir-1')]));
    ec2.on(CancelSpotInstanceRequestsCommand).resolves({ CancelledSpotInstanceRequests: [{ SpotInstanceRequestId: 'sir-1', State: 'cancelled' }] });
    ec2.on(TerminateInstancesCommand).resolves(terminating(['i-s']));
    const out = await actions.stop_instance({ instance_id: 'i-s' }, fakeCall());
    expect(out).toEqual([{ ...terminating(['i-s']), ResponseMetadata: META }]);
    expect(inputs(CancelSpotInstanceRequestsCommand)).toEqual([{ SpotInstanceRequestIds: ['sir-1'] }]);
    expect(ec2.commandCalls(StopInstancesCommand)).toHaveLength(0);
  });

  it('fails when nothing matches, naming the AZ', async () => {
    ec2.on(DescribeInstancesCommand).resolves({ Reservations: [] });
    await expect(actions.stop_instance({ az: 'us-east-1a' }, fakeCall())).rejects.toThrow('No instances in availability zone: us-east-1a');
    await expect(actions.stop_instance({ filters: [{ Name: 'tag:app', Values: ['none'] }] }, fakeCall())).rejects.toThrow(
      'No instances in availability zone: None',
    );
  });

  it('refuses scheduled instances before stopping anything', async () => {
    ec2
      .on(DescribeInstancesCommand)
      .resolves(reservations([instance('i-1'), instance('i-sch', { InstanceLifecycle: 'scheduled' as Instance['InstanceLifecycle'] })]));
    await expect(actions.stop_instances({ instance_ids: ['i-1', 'i-sch'] }, fakeCall())).rejects.toThrow('Scheduled instances support is not implemented');
    expect(mutatingCalls()).toBe(0);
  });

  it('reports filters written with "Value" instead of "Values" as boto3 does, before any request', async () => {
    await expect(actions.stop_instance({ filters: [{ Name: 'tag:app', Value: ['web'] }] }, fakeCall())).rejects.toThrow(
      'Parameter validation failed: Unknown parameter in Filters[0]: "Value", must be one of: Name, Values (write "Values", a list)',
    );
    await expect(actions.stop_instances({ filters: [{ Name: 'tag:app', Values: 'web' }] }, fakeCall())).rejects.toThrow(
      "Parameter validation failed: Invalid type for parameter Filters[0].Values, value: 'web': expected a list of strings",
    );
    expect(ec2.calls()).toHaveLength(0);
  });

  it('sends no mutating command in a dry run or when a guardrail refuses', async () => {
    ec2.on(DescribeInstancesCommand).resolves(reservations([instance('i-1')]));
    const plan = fakeCall({ mode: 'plan' });
    await expect(actions.stop_instance({ instance_id: 'i-1' }, plan)).rejects.toMatchObject({ name: 'PlanOnly' });
    expect(plan.mutations).toHaveLength(1);
    await expect(actions.stop_instance({ instance_id: 'i-1' }, fakeCall({ mode: 'refuse' }))).rejects.toThrow('refused by a test guardrail');
    expect(mutatingCalls()).toBe(0);
  });
});

describe('stop_instances', () => {
  it('stops every match of the AZ, normal and spot, one response per lifecycle', async () => {
    ec2.on(DescribeInstancesCommand).resolves(reservations([instance('i-1'), spot('i-s', 'sir-9')], [instance('i-2')]));
    ec2.on(StopInstancesCommand).resolves(stopping(['i-1', 'i-2']));
    ec2.on(TerminateInstancesCommand).resolves(terminating(['i-s']));
    const call = fakeCall();
    const out = await actions.stop_instances({ az: 'us-east-1a', force: true }, call);
    expect(out).toEqual([
      { ...stopping(['i-1', 'i-2']), ResponseMetadata: META },
      { ...terminating(['i-s']), ResponseMetadata: META },
    ]);
    expect(inputs(StopInstancesCommand)).toEqual([{ InstanceIds: ['i-1', 'i-2'], Force: true }]);
    expect(inputs(CancelSpotInstanceRequestsCommand)).toEqual([{ SpotInstanceRequestIds: ['sir-9'] }]);
    expect(call.mutations[0]?.operation).toBe('ec2:StopInstances (Force); spot instances: ec2:CancelSpotInstanceRequests + ec2:TerminateInstances');
    expect(call.mutations[0]?.targets.map((t) => t.id)).toEqual(['i-1', 'i-2', 'i-s']);
  });

  it('needs ids, an AZ or filters', async () => {
    await expect(actions.stop_instances({ instance_ids: [] }, fakeCall())).rejects.toThrow(
      'To stop EC2 instances, you must specify either the instance ids, an AZ to pick random instances from, or a set of filters.',
    );
  });
});

describe('terminate_instance and terminate_instances', () => {
  it('terminate one random match, or all of them, spot requests cancelled first', async () => {
    ec2.on(DescribeInstancesCommand).resolves(reservations([spot('i-s', 'sir-1'), instance('i-1')]));
    ec2.on(TerminateInstancesCommand).resolves(terminating(['x']));
    await actions.terminate_instances({ filters: [{ Name: 'tag:app', Values: ['web'] }] }, fakeCall());
    expect(ec2.calls().map((c) => c.args[0].constructor.name)).toEqual([
      'DescribeInstancesCommand',
      'CancelSpotInstanceRequestsCommand',
      'TerminateInstancesCommand',
      'TerminateInstancesCommand',
      // The confirmation: the instances left `running` (here the mock still says running).
      'DescribeInstancesCommand',
    ]);
    expect(inputs(TerminateInstancesCommand)).toEqual([{ InstanceIds: ['i-s'] }, { InstanceIds: ['i-1'] }]);
    ec2.resetHistory();
    const expected = ['i-s', 'i-1'][Math.floor(prng(3)() * 2)];
    await actions.terminate_instance({ az: 'us-east-1a' }, fakeCall({ seed: 3 }));
    expect(inputs(TerminateInstancesCommand)).toEqual([{ InstanceIds: [expected] }]);
  });

  it("fail with chaosaws's messages", async () => {
    await expect(actions.terminate_instance({}, fakeCall())).rejects.toThrow(
      'To terminate an EC2, you must specify the instance-id, an Availability Zone, or provide a set of filters',
    );
    ec2.on(DescribeInstancesCommand).resolves({ Reservations: [] });
    await expect(actions.terminate_instances({ az: 'us-east-1a' }, fakeCall())).rejects.toThrow(
      "No instances found matching filters: [{'Name': 'availability-zone', 'Values': ['us-east-1a']}]",
    );
  });

  it('fail with the AWS error when an id does not exist', async () => {
    ec2.on(DescribeInstancesCommand).rejects(serviceError('InvalidInstanceID.NotFound', "The instance ID 'i-404' does not exist"));
    await expect(actions.terminate_instance({ instance_id: 'i-404' }, fakeCall())).rejects.toThrow(
      "An error occurred (InvalidInstanceID.NotFound) when calling the DescribeInstances operation: The instance ID 'i-404' does not exist",
    );
  });
});

describe('start_instances and restart_instances', () => {
  it('start_instances returns every StartingInstances entry, flat, across lifecycles', async () => {
    ec2.on(DescribeInstancesCommand).resolves(reservations([instance('i-1'), spot('i-s', 'sir-1')]));
    ec2
      .on(StartInstancesCommand, { InstanceIds: ['i-1'] })
      .resolves({ StartingInstances: [{ InstanceId: 'i-1', CurrentState: { Code: 0, Name: 'pending' }, PreviousState: { Code: 80, Name: 'stopped' } }] });
    ec2
      .on(StartInstancesCommand, { InstanceIds: ['i-s'] })
      .resolves({ StartingInstances: [{ InstanceId: 'i-s', CurrentState: { Code: 0, Name: 'pending' }, PreviousState: { Code: 80, Name: 'stopped' } }] });
    const out = await actions.start_instances({ instance_ids: ['i-1', 'i-s'] }, fakeCall());
    expect(out).toEqual([
      { InstanceId: 'i-1', CurrentState: { Code: 0, Name: 'pending' }, PreviousState: { Code: 80, Name: 'stopped' } },
      { InstanceId: 'i-s', CurrentState: { Code: 0, Name: 'pending' }, PreviousState: { Code: 80, Name: 'stopped' } },
    ]);
  });

  it('restart_instances reboots every match and returns [] as chaosaws does', async () => {
    ec2.on(DescribeInstancesCommand).resolves(reservations([instance('i-1'), instance('i-2')]));
    ec2.on(RebootInstancesCommand).resolves({});
    const call = fakeCall();
    expect(await actions.restart_instances({ az: 'us-east-1a' }, call)).toEqual([]);
    expect(inputs(RebootInstancesCommand)).toEqual([{ InstanceIds: ['i-1', 'i-2'] }]);
    expect(call.mutations.map((m) => m.operation)).toEqual(['ec2:RebootInstances']);
  });

  it('need ids, an AZ or filters', async () => {
    await expect(actions.start_instances({}, fakeCall())).rejects.toThrow(
      'To start instances, you must specify the instance-id, an Availability Zone, or provide a set of filters',
    );
    await expect(actions.restart_instances({}, fakeCall())).rejects.toThrow(
      'To restart instances, you must specify the instance-id, an Availability Zone, or provide a set of filters',
    );
  });
});

describe('detach_random_volume and attach_volume', () => {
  const withVolumes = instance('i-1', {
    BlockDeviceMappings: [
      { DeviceName: '/dev/xvda', Ebs: { VolumeId: 'vol-root' } },
      { DeviceName: '/dev/sdf', Ebs: { VolumeId: 'vol-f' } },
      { DeviceName: '/dev/sdg', Ebs: { VolumeId: 'vol-g' } },
    ],
  });
  const detached = (id: string, value: string) => ({ VolumeId: id, State: 'available' as const, Tags: [{ Key: 'ChaosToolkitDetached', Value: value }] });

  it('detaches one random non-root volume per instance and tags it with where it was', async () => {
    ec2.on(DescribeInstancesCommand).resolves(reservations([withVolumes, instance('i-2')]));
    ec2.on(DetachVolumeCommand).resolves({ VolumeId: 'vol-x', InstanceId: 'i-1', Device: '/dev/sdx', State: 'detaching' });
    ec2.on(CreateTagsCommand).resolves({});
    ec2
      .on(DescribeVolumesCommand)
      .callsFake((input: { VolumeIds: string[] }) => ({ Volumes: input.VolumeIds.map((VolumeId) => ({ VolumeId, Tags: [{ Key: 'data', Value: 'yes' }] })) }));
    const [device, volume] = [
      ['/dev/sdf', 'vol-f'],
      ['/dev/sdg', 'vol-g'],
    ][Math.floor(prng(5)() * 2)] as [string, string];
    const call = fakeCall({ seed: 5 });
    const out = await actions.detach_random_volume({ instance_ids: ['i-1', 'i-2'] }, call);
    expect(out).toEqual([{ VolumeId: 'vol-x', InstanceId: 'i-1', Device: '/dev/sdx', State: 'detaching', ResponseMetadata: META }]);
    expect(inputs(DetachVolumeCommand)).toEqual([{ Device: device, InstanceId: 'i-1', VolumeId: volume, Force: true }]);
    expect(inputs(CreateTagsCommand)).toEqual([{ Resources: [volume], Tags: [{ Key: 'ChaosToolkitDetached', Value: `DeviceName=${device};InstanceId=i-1` }] }]);
    // The volume is what is faulted (its tags read with DescribeVolumes); the instance it is
    // detached from is checked but not counted, as in chaosaws.asg's detach_random_volume.
    expect(inputs(DescribeVolumesCommand)).toEqual([{ VolumeIds: [volume] }]);
    expect(call.mutations[0]?.targets).toEqual([
      { kind: 'ec2:volume', id: volume, tags: { data: 'yes' } },
      { kind: 'ec2:instance', id: 'i-1', tags: { app: 'web' }, counted: false },
    ]);
    expect(await checkGuardrails({ requiredTags: { app: 'web' } }, call.mutations[0]!.targets, noAccount)).toEqual({
      allowed: false,
      refusals: ['required-tags app=web: ec2:volume ' + volume + ' has no app'],
    });
    expect(await checkGuardrails({}, call.mutations[0]!.targets, noAccount)).toEqual({ allowed: true, refusals: [] });
  });

  it('leaves the tags of a volume it cannot read unknown', async () => {
    ec2.on(DescribeInstancesCommand).resolves(reservations([withVolumes]));
    ec2.on(DescribeVolumesCommand).rejects(serviceError('UnauthorizedOperation', 'no'));
    const call = fakeCall({ mode: 'plan', seed: 5 });
    await expect(actions.detach_random_volume({ instance_ids: ['i-1'] }, call)).rejects.toThrow();
    expect(call.mutations[0]?.targets[0]).toEqual({ kind: 'ec2:volume', id: expect.stringMatching(/^vol-[fg]$/) });
    expect(mutatingCalls()).toBe(0);
  });

  it('fails clearly when nothing matches or AWS refuses the detach', async () => {
    await expect(actions.detach_random_volume({}, fakeCall())).rejects.toThrow(
      'To detach volumes, you must specify the instance_id or provide a set of filters',
    );
    ec2.on(DescribeInstancesCommand).resolves({ Reservations: [] });
    await expect(actions.detach_random_volume({ instance_ids: ['i-9'] }, fakeCall())).rejects.toThrow("no instances found matching: {'InstanceIds': ['i-9']}");
    ec2.on(DescribeInstancesCommand).resolves(reservations([withVolumes]));
    ec2.on(DetachVolumeCommand).rejects(serviceError('IncorrectState', "Volume 'vol-f' is in the 'available' state."));
    await expect(actions.detach_random_volume({ filters: [{ Name: 'tag:app', Values: ['web'] }], force: false }, fakeCall())).rejects.toThrow(
      /^unable to detach volume vol-[fg] from i-1: Volume 'vol-f' is in the 'available' state\.$/,
    );
  });

  it('re-attaches every tagged volume (all pages) and removes the tag', async () => {
    ec2
      .on(DescribeVolumesCommand)
      .resolvesOnce({ Volumes: [detached('vol-f', 'DeviceName=/dev/sdf;InstanceId=i-1')], NextToken: 'page-2' })
      .resolvesOnce({ Volumes: [detached('vol-h', 'DeviceName=/dev/sdh;InstanceId=i-2')] });
    ec2.on(DescribeInstancesCommand).resolves(reservations([instance('i-1'), instance('i-2')]));
    ec2.on(AttachVolumeCommand).resolves({ State: 'attaching', VolumeId: 'vol', InstanceId: 'i', Device: '/dev/sdf' });
    ec2.on(DeleteTagsCommand).resolves({});
    const call = fakeCall();
    const out = (await actions.attach_volume({}, call)) as unknown[];
    expect(out).toHaveLength(2);
    expect(inputs(DescribeVolumesCommand)).toEqual([
      { Filters: [{ Name: 'tag-key', Values: ['ChaosToolkitDetached'] }] },
      { Filters: [{ Name: 'tag-key', Values: ['ChaosToolkitDetached'] }], NextToken: 'page-2' },
    ]);
    expect(inputs(AttachVolumeCommand)).toEqual([
      { Device: '/dev/sdf', InstanceId: 'i-1', VolumeId: 'vol-f' },
      { Device: '/dev/sdh', InstanceId: 'i-2', VolumeId: 'vol-h' },
    ]);
    expect(inputs(DeleteTagsCommand)).toEqual([
      { Resources: ['vol-f'], Tags: [{ Key: 'ChaosToolkitDetached' }] },
      { Resources: ['vol-h'], Tags: [{ Key: 'ChaosToolkitDetached' }] },
    ]);
    // The instances' tags come from a lookup by filter (a vanished instance does not fail it).
    expect(inputs(DescribeInstancesCommand)).toEqual([{ Filters: [{ Name: 'instance-id', Values: ['i-1', 'i-2'] }] }]);
    // The volumes count; the instances they go back into are checked, not counted.
    const marker = (value: string) => ({ ChaosToolkitDetached: value });
    expect(call.mutations[0]?.targets).toEqual([
      { kind: 'ec2:volume', id: 'vol-f', tags: marker('DeviceName=/dev/sdf;InstanceId=i-1') },
      { kind: 'ec2:volume', id: 'vol-h', tags: marker('DeviceName=/dev/sdh;InstanceId=i-2') },
      { kind: 'ec2:instance', id: 'i-1', tags: { app: 'web' }, counted: false },
      { kind: 'ec2:instance', id: 'i-2', tags: { app: 'web' }, counted: false },
    ]);
    expect((await checkGuardrails({ maxTargets: 2 }, call.mutations[0]!.targets, noAccount)).allowed).toBe(true);
  });

  it('attaches only to the given instances, and to none when they match nothing', async () => {
    ec2
      .on(DescribeVolumesCommand)
      .resolves({ Volumes: [detached('vol-f', 'DeviceName=/dev/sdf;InstanceId=i-1'), detached('vol-h', 'DeviceName=/dev/sdh;InstanceId=i-2')] });
    ec2.on(DescribeInstancesCommand).resolves(reservations([instance('i-2')]));
    ec2.on(AttachVolumeCommand).resolves({ State: 'attaching' });
    await actions.attach_volume({ instance_ids: ['i-2'] }, fakeCall());
    expect(inputs(AttachVolumeCommand)).toEqual([{ Device: '/dev/sdh', InstanceId: 'i-2', VolumeId: 'vol-h' }]);
    ec2.resetHistory();
    ec2.on(DescribeInstancesCommand).resolves({ Reservations: [] });
    expect(await actions.attach_volume({ filters: [{ Name: 'tag:app', Values: ['gone'] }] }, fakeCall())).toEqual([]);
    expect(mutatingCalls()).toBe(0);
  });

  it('fails on a tag that does not say where the volume was, and on a refused attach', async () => {
    ec2.on(DescribeVolumesCommand).resolves({ Volumes: [detached('vol-f', 'garbage')] });
    await expect(actions.attach_volume({}, fakeCall())).rejects.toThrow(
      `volume vol-f has a ChaosToolkitDetached tag 'garbage' that does not say where it was attached: expected "DeviceName=<device>;InstanceId=<instance id>"`,
    );
    ec2.on(DescribeVolumesCommand).resolves({ Volumes: [detached('vol-f', 'DeviceName=/dev/sdf;InstanceId=i-1')] });
    ec2.on(DescribeInstancesCommand).resolves(reservations([instance('i-1')]));
    ec2.on(AttachVolumeCommand).rejects(serviceError('VolumeInUse', 'vol-f is already attached to an instance'));
    await expect(actions.attach_volume({}, fakeCall())).rejects.toThrow(
      'Unable to attach volume vol-f to instance i-1: vol-f is already attached to an instance',
    );
  });
});

describe('stop_instances_by_incremental_steps', () => {
  it('stops round(n × volume / 100) random matches, step_quantity at a time', async () => {
    ec2.on(DescribeInstancesCommand).resolves(reservations([instance('i-1'), instance('i-2'), instance('i-3'), instance('i-4')]));
    ec2.on(StopInstancesCommand).resolves(stopping(['x']));
    const call = fakeCall({ seed: 11 });
    const out = (await actions.stop_instances_by_incremental_steps(
      { volume: 50, step_quantity: 1, step_duration: 0, tags: 'app=web,tier=front', az: 'us-east-1a' },
      call,
    )) as unknown[];
    expect(inputs(DescribeInstancesCommand)).toEqual([{ Filters: [{ Name: 'tag:app', Values: ['web'] }, { Name: 'tag:tier', Values: ['front'] }, ...AZ] }]);
    const stopped = inputs(StopInstancesCommand) as { InstanceIds: string[] }[];
    expect(stopped.map((s) => s.InstanceIds.length)).toEqual([1, 1]);
    expect(out).toHaveLength(2);
    // The guardrails saw the whole set at once, before the first step.
    expect(call.mutations).toHaveLength(1);
    expect(call.mutations[0]?.targets.map((t) => t.id).sort()).toEqual(stopped.flatMap((s) => s.InstanceIds).sort());
    expect(call.mutations[0]?.operation).toBe('ec2:StopInstances, 1 at a time, 0 s apart');
  });

  it('checks its numbers and fails when nothing matches', async () => {
    await expect(actions.stop_instances_by_incremental_steps({ volume: 150, step_quantity: 1, step_duration: 0 }, fakeCall())).rejects.toThrow(
      "argument 'volume' must be a percentage of the instances, 0 to 100, got int 150",
    );
    await expect(actions.stop_instances_by_incremental_steps({ volume: 50, step_quantity: 0, step_duration: 0 }, fakeCall())).rejects.toThrow(
      "argument 'step_quantity' must be a whole number of instances per step, 1 or more",
    );
    ec2.on(DescribeInstancesCommand).resolves({ Reservations: [] });
    await expect(actions.stop_instances_by_incremental_steps({ volume: 50, step_quantity: 1, step_duration: 0, az: 'us-east-1b' }, fakeCall())).rejects.toThrow(
      'No instances in availability zone: us-east-1b',
    );
  });
});

describe('set_tags_on_instances and remove_tags_from_instances', () => {
  it('tags a percentage of the normal instances (at least one), spot ones left out', async () => {
    ec2.on(DescribeInstancesCommand).resolves(reservations([instance('i-1'), instance('i-2'), spot('i-s', 'sir'), instance('i-3'), instance('i-4')]));
    ec2.on(CreateTagsCommand).resolves({});
    const out = await actions.set_tags_on_instances({ tags: 'chaos=on,run=42', percentage: 50, az: 'us-east-1a' }, fakeCall({ seed: 2 }));
    expect(out).toEqual({ ResponseMetadata: META });
    const sent = inputs(CreateTagsCommand)[0] as { Resources: string[]; Tags: unknown };
    expect(sent.Tags).toEqual([
      { Key: 'chaos', Value: 'on' },
      { Key: 'run', Value: '42' },
    ]);
    expect(sent.Resources).toHaveLength(2);
    expect(sent.Resources).not.toContain('i-s');
  });

  it('fails without tags, or without a normal instance (where chaosaws crashes)', async () => {
    await expect(actions.set_tags_on_instances({ tags: '' }, fakeCall())).rejects.toThrow('Missing tags to be set');
    ec2.on(DescribeInstancesCommand).resolves(reservations([spot('i-s', 'sir')]));
    await expect(actions.set_tags_on_instances({ tags: [{ Key: 'chaos', Value: 'on' }] }, fakeCall())).rejects.toThrow(
      'No instances in availability zone: None',
    );
  });

  it('removes the tags from the instances carrying them', async () => {
    ec2.on(DescribeInstancesCommand).resolves(reservations([instance('i-1')], [instance('i-2')]));
    ec2.on(DeleteTagsCommand).resolves({});
    await actions.remove_tags_from_instances({ tags: [{ Key: 'chaos', Value: 'on' }], az: 'us-east-1a' }, fakeCall({ configuration: {}, seed: 1 }));
    expect(inputs(DescribeInstancesCommand)).toEqual([{ Filters: [{ Name: 'tag:chaos', Values: ['on'] }, ...AZ] }]);
    expect(inputs(DeleteTagsCommand)).toEqual([{ Resources: ['i-1', 'i-2'], Tags: [{ Key: 'chaos', Value: 'on' }] }]);
  });

  it('refuses to remove without tags (DeleteTags would remove every tag)', async () => {
    await expect(actions.remove_tags_from_instances({ tags: '' }, fakeCall())).rejects.toThrow('Missing tags to be removed');
    expect(ec2.calls()).toHaveLength(0);
  });
});

describe('security group ingress', () => {
  it('authorizes one rule, only with the sources given', async () => {
    ec2.on(DescribeSecurityGroupsCommand).resolves({ SecurityGroups: [{ GroupId: 'sg-1', Tags: [{ Key: 'chaos', Value: 'allowed' }] }] });
    ec2.on(AuthorizeSecurityGroupIngressCommand).resolves({
      Return: true,
      SecurityGroupRules: [{ SecurityGroupRuleId: 'sgr-1', GroupId: 'sg-1', IpProtocol: 'tcp', FromPort: 22, ToPort: 22, CidrIpv4: '10.0.0.0/8' }],
    });
    const call = fakeCall();
    const out = await actions.authorize_security_group_ingress(
      { requested_security_group_id: 'sg-1', ip_protocol: 'tcp', from_port: 22, to_port: 22, cidr_ip: '10.0.0.0/8' },
      call,
    );
    expect(out).toMatchObject({ Return: true, ResponseMetadata: META });
    expect(inputs(AuthorizeSecurityGroupIngressCommand)).toEqual([
      { GroupId: 'sg-1', IpPermissions: [{ IpProtocol: 'tcp', FromPort: 22, ToPort: 22, IpRanges: [{ CidrIp: '10.0.0.0/8' }] }] },
    ]);
    expect(call.mutations[0]).toEqual({
      operation: 'ec2:AuthorizeSecurityGroupIngress',
      targets: [{ kind: 'ec2:security-group', id: 'sg-1', tags: { chaos: 'allowed' } }],
    });
  });

  it('revokes a rule from another group, and words AWS refusals as chaosaws does', async () => {
    ec2.on(DescribeSecurityGroupsCommand).rejects(serviceError('UnauthorizedOperation', 'no'));
    ec2.on(RevokeSecurityGroupIngressCommand).rejects(serviceError('InvalidPermission.NotFound', 'The specified rule does not exist in this security group.'));
    const call = fakeCall();
    await expect(
      actions.revoke_security_group_ingress(
        { requested_security_group_id: 'sg-1', ip_protocol: '-1', from_port: 0, to_port: 65535, ingress_security_group_id: 'sg-2' },
        call,
      ),
    ).rejects.toThrow('Failed to remove ingress rule: The specified rule does not exist in this security group.');
    expect(inputs(RevokeSecurityGroupIngressCommand)).toEqual([
      { GroupId: 'sg-1', IpPermissions: [{ IpProtocol: '-1', FromPort: 0, ToPort: 65535, UserIdGroupPairs: [{ GroupId: 'sg-2' }] }] },
    ]);
    // Tags that could not be read are unknown: a required-tags guardrail would refuse.
    expect(call.mutations[0]?.targets).toEqual([{ kind: 'ec2:security-group', id: 'sg-1' }]);
  });

  it('needs the group, the protocol and the ports', async () => {
    await expect(
      actions.authorize_security_group_ingress({ requested_security_group_id: 'sg-1', ip_protocol: 'tcp', from_port: '22', to_port: 22 }, fakeCall()),
    ).rejects.toThrow("chaosaws.ec2.actions.authorize_security_group_ingress: argument 'from_port' must be an integer, got str '22'");
    expect(mutatingCalls()).toBe(0);
  });
});

describe('chaosaws.ec2.probes', () => {
  it('describe_instances returns the raw response, boto3-shaped', async () => {
    const launched = new Date('2024-05-01T12:00:00Z');
    ec2
      .on(DescribeInstancesCommand)
      .resolves({ ...reservations([instance('i-1', { LaunchTime: launched })]), $metadata: { httpStatusCode: 200, requestId: 'req-1', attempts: 1 } });
    const out = (await probes.describe_instances({ filters: [{ Name: 'instance-state-name', Values: ['running'] }] }, fakeCall())) as {
      Reservations: { Instances: { LaunchTime: string }[] }[];
      ResponseMetadata: unknown;
    };
    expect(out.Reservations[0]?.Instances[0]?.LaunchTime).toBe('2024-05-01T12:00:00+00:00');
    expect(out.ResponseMetadata).toEqual({ RequestId: 'req-1', HTTPStatusCode: 200, HTTPHeaders: {}, RetryAttempts: 0 });
    expect(inputs(DescribeInstancesCommand)).toEqual([{ Filters: [{ Name: 'instance-state-name', Values: ['running'] }] }]);
  });

  it('count_instances counts reservations (chaosaws), count_min_instances compares it', async () => {
    ec2.on(DescribeInstancesCommand).resolves(reservations([instance('i-1'), instance('i-2')], [instance('i-3')]));
    expect(await probes.count_instances({ filters: [] }, fakeCall())).toBe(2);
    expect(await probes.count_min_instances({ filters: [], min_count: 2 }, fakeCall())).toBe(true);
    expect(await probes.count_min_instances({ filters: [], min_count: 3 }, fakeCall())).toBe(false);
  });

  it('instance_state checks every matching instance, in every reservation', async () => {
    ec2.on(DescribeInstancesCommand).resolves(reservations([instance('i-1')], [instance('i-2', { State: { Code: 80, Name: 'stopped' } })]));
    expect(await probes.instance_state({ state: 'running', instance_ids: ['i-1', 'i-2'] }, fakeCall())).toBe(false);
    ec2.on(DescribeInstancesCommand).resolves(reservations([instance('i-1')], [instance('i-2')]));
    expect(await probes.instance_state({ state: 'running', filters: [{ Name: 'tag:app', Values: ['web'] }] }, fakeCall())).toBe(true);
  });

  it('instance_state fails without ids or filters, and when nothing matches', async () => {
    await expect(probes.instance_state({ state: 'running' }, fakeCall())).rejects.toThrow(
      'Probe "instance_state" missing required parameter "instance_ids" or "filters"',
    );
    ec2.on(DescribeInstancesCommand).resolves({ Reservations: [] });
    await expect(probes.instance_state({ state: 'running', filters: [], instance_ids: ['i-0'] }, fakeCall())).rejects.toThrow(
      'Probe "instance_state": no instance matches the ids i-0',
    );
  });

  it('describe_instances needs its filters', async () => {
    await expect(probes.describe_instances({}, fakeCall())).rejects.toThrow("chaosaws.ec2.probes.describe_instances: argument 'filters' must be a list of");
  });
});
