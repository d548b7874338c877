import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { mockClient, type AwsClientStub } from 'aws-sdk-client-mock';
import {
  AutoScalingClient,
  AutoScalingServiceException,
  CreateAutoScalingGroupCommand,
  CreateLaunchConfigurationCommand,
  DescribeAutoScalingGroupsCommand,
  DescribeTagsCommand,
  DetachInstancesCommand,
  ResumeProcessesCommand,
  SuspendProcessesCommand,
  UpdateAutoScalingGroupCommand,
  type AutoScalingGroup,
  type Instance,
} from '@aws-sdk/client-auto-scaling';
import {
  AttachVolumeCommand,
  CreateSubnetCommand,
  CreateTagsCommand,
  CreateVpcCommand,
  DescribeInstancesCommand,
  DescribeVolumesCommand,
  DetachVolumeCommand,
  EC2Client,
  EC2ServiceException,
  StopInstancesCommand,
  TerminateInstancesCommand,
} from '@aws-sdk/client-ec2';
import * as actions from '../../src/aws/functions/asg-actions.js';
import * as probes from '../../src/aws/functions/asg-probes.js';
import { catalog } from '../../src/aws/catalog/asg.js';
import { checkGuardrails } from '../../src/aws/guardrails.js';
import { fakeCall } from '../support/aws-call.js';
import { comparable, motoCall, motoClientConfig, runChaosaws, startMoto, type Moto } from './moto-compare.js';

const created = new Date('2024-05-01T12:00:00.000Z');
const noAccount = async (): Promise<string> => {
  throw new Error('the account must not be asked');
};
const meta = { httpStatusCode: 200, requestId: 'req-1', attempts: 1 };

function inst(id: string, extra: Partial<Instance> = {}): Instance {
  return { InstanceId: id, AvailabilityZone: 'us-east-1a', LifecycleState: 'InService', HealthStatus: 'Healthy', ProtectedFromScaleIn: false, ...extra };
}

function group(name: string, instances: Instance[], extra: Partial<AutoScalingGroup> = {}): AutoScalingGroup {
  return {
    AutoScalingGroupName: name,
    MinSize: 0,
    MaxSize: 10,
    DesiredCapacity: instances.length,
    DefaultCooldown: 300,
    AvailabilityZones: ['us-east-1a', 'us-east-1b'],
    HealthCheckType: 'EC2',
    CreatedTime: created,
    Instances: instances,
    SuspendedProcesses: [],
    VPCZoneIdentifier: 'subnet-1,subnet-2',
    Tags: [{ ResourceId: name, ResourceType: 'auto-scaling-group', Key: 'env', Value: 'staging', PropagateAtLaunch: true }],
    ...extra,
  };
}

const ec2Tags = (ids: string[]) => ({
  Reservations: [
    {
      Instances: ids.map((id) => ({
        InstanceId: id,
        Tags: [
          { Key: 'env', Value: 'staging' },
          { Key: 'id', Value: id },
        ],
      })),
    },
  ],
});

const asgError = (name: string, message: string) => new AutoScalingServiceException({ name, $fault: 'client', $metadata: {}, message });

describe('chaosaws.asg natively (mocked AWS)', () => {
  // Created when this block starts (not when the file loads), so the moto block below talks to real clients.
  let asg: AwsClientStub<AutoScalingClient>;
  let ec2: AwsClientStub<EC2Client>;
  beforeAll(() => {
    asg = mockClient(AutoScalingClient);
    ec2 = mockClient(EC2Client);
  });
  beforeEach(() => {
    asg.reset();
    ec2.reset();
  });
  afterAll(() => {
    asg.restore();
    ec2.restore();
  });

  describe('catalog', () => {
    it('declares every chaosaws.asg function with its Python signature, actions as mutating', () => {
      const names = catalog.map((e) => `${e.module}.${e.func}`);
      expect(names).toContain('chaosaws.asg.actions.attach_volume');
      expect(names).toContain('chaosaws.asg.probes.wait_desired_not_equals_healthy_tags');
      expect(catalog.filter((e) => e.module.endsWith('.actions')).every((e) => e.mutating)).toBe(true);
      expect(catalog.filter((e) => e.module.endsWith('.probes')).every((e) => !e.mutating)).toBe(true);
      const change = catalog.find((e) => e.func === 'change_subnets')!;
      expect(change.params.map((p) => [p.name, p.hasDefault])).toEqual([
        ['subnets', false],
        ['asg_names', true],
        ['tags', true],
        ['configuration', true],
        ['secrets', true],
      ]);
    });

    it('loads a native implementation for every declared function', async () => {
      for (const entry of catalog) expect(typeof (await entry.load())).toBe('function');
    });
  });

  describe('suspend_processes / resume_processes', () => {
    it('suspends the named processes on each group and returns the groups described again', async () => {
      const before = group('web', [inst('i-1')]);
      const after = group('web', [inst('i-1')], { SuspendedProcesses: [{ ProcessName: 'Launch', SuspensionReason: 'User suspended' }] });
      asg
        .on(DescribeAutoScalingGroupsCommand)
        .resolvesOnce({ AutoScalingGroups: [before], $metadata: meta })
        .resolvesOnce({ AutoScalingGroups: [after], $metadata: meta });
      asg.on(SuspendProcessesCommand).resolves({});
      const call = fakeCall();
      const out = await actions.suspend_processes({ asg_names: ['web'], process_names: ['Launch'] }, call);
      expect(asg.commandCalls(SuspendProcessesCommand).map((c) => c.args[0].input)).toEqual([{ AutoScalingGroupName: 'web', ScalingProcesses: ['Launch'] }]);
      expect(asg.commandCalls(DescribeAutoScalingGroupsCommand).map((c) => c.args[0].input)).toEqual([
        { AutoScalingGroupNames: ['web'] },
        { AutoScalingGroupNames: ['web'] },
      ]);
      expect(call.mutations).toEqual([
        { operation: 'autoscaling:SuspendProcesses', targets: [{ kind: 'autoscaling:group', id: 'web', tags: { env: 'staging' } }] },
      ]);
      expect(out).toMatchObject({
        AutoScalingGroups: [{ AutoScalingGroupName: 'web', CreatedTime: '2024-05-01T12:00:00+00:00', SuspendedProcesses: [{ ProcessName: 'Launch' }] }],
        ResponseMetadata: { RequestId: 'req-1', HTTPStatusCode: 200 },
      });
    });

    it('suspends every process when none is named', async () => {
      asg.on(DescribeAutoScalingGroupsCommand).resolves({ AutoScalingGroups: [group('web', [])] });
      await actions.suspend_processes({ asg_names: ['web'] }, fakeCall());
      expect(asg.commandCalls(SuspendProcessesCommand)[0]!.args[0].input).toEqual({ AutoScalingGroupName: 'web' });
    });

    it('resumes processes on groups found by tag', async () => {
      asg.on(DescribeTagsCommand).resolves({ Tags: [{ ResourceId: 'web', ResourceType: 'auto-scaling-group', Key: 'env', Value: 'staging' }] });
      asg.on(DescribeAutoScalingGroupsCommand).resolves({ AutoScalingGroups: [group('web', [])] });
      const call = fakeCall();
      await actions.resume_processes({ tags: [{ Key: 'env', Value: 'staging' }], process_names: ['Terminate', 'AZRebalance'] }, call);
      expect(asg.commandCalls(DescribeTagsCommand)[0]!.args[0].input).toEqual({
        Filters: [
          { Name: 'key', Values: ['env'] },
          { Name: 'value', Values: ['staging'] },
        ],
        NextToken: undefined,
      });
      expect(asg.commandCalls(ResumeProcessesCommand)[0]!.args[0].input).toEqual({
        AutoScalingGroupName: 'web',
        ScalingProcesses: ['Terminate', 'AZRebalance'],
      });
      expect(call.mutations[0]!.operation).toBe('autoscaling:ResumeProcesses');
    });

    it('rejects a process name AWS does not know, listing the valid ones', async () => {
      await expect(actions.suspend_processes({ asg_names: ['web'], process_names: ['Launch', 'Reboot'] }, fakeCall())).rejects.toThrow(
        "invalid process(es): ['Reboot'] not in ['Launch', 'Terminate', 'HealthCheck', 'AZRebalance', 'AlarmNotification', 'ScheduledActions', 'AddToLoadBalancer', 'ReplaceUnhealthy'].",
      );
      expect(asg.calls()).toHaveLength(0);
    });

    it('requires exactly one of asg_names and tags', async () => {
      await expect(actions.suspend_processes({}, fakeCall())).rejects.toThrow('one of the following arguments are required: asg_names or tags');
      await expect(actions.suspend_processes({ asg_names: ['a'], tags: [{ Key: 'k', Value: 'v' }] }, fakeCall())).rejects.toThrow(
        'only one of the following arguments are allowed: asg_names/tags',
      );
    });

    it('says which names match no group', async () => {
      asg.on(DescribeAutoScalingGroupsCommand).resolves({ AutoScalingGroups: [group('web', [])] });
      await expect(actions.suspend_processes({ asg_names: ['web', 'api'] }, fakeCall())).rejects.toThrow("No ASG(s) found with name(s): ['api']");
      asg.on(DescribeAutoScalingGroupsCommand).resolves({ AutoScalingGroups: [] });
      await expect(actions.suspend_processes({ asg_names: ['api'] }, fakeCall())).rejects.toThrow("Unable to locate ASG(s): ['api']");
    });

    it('follows DescribeTags pages and keeps only auto scaling groups', async () => {
      asg
        .on(DescribeTagsCommand)
        .resolvesOnce({ Tags: [{ ResourceId: 'a', ResourceType: 'auto-scaling-group' }], NextToken: 't2' })
        .resolvesOnce({
          Tags: [
            { ResourceId: 'lt-1', ResourceType: 'launch-template' },
            { ResourceId: 'b', ResourceType: 'auto-scaling-group' },
          ],
        });
      asg.on(DescribeAutoScalingGroupsCommand).resolves({ AutoScalingGroups: [group('a', []), group('b', [])] });
      await actions.suspend_processes({ tags: [{ Key: 'env', Value: 'staging' }] }, fakeCall());
      expect(asg.commandCalls(DescribeTagsCommand)[1]!.args[0].input.NextToken).toBe('t2');
      expect(asg.commandCalls(DescribeAutoScalingGroupsCommand)[0]!.args[0].input).toEqual({ AutoScalingGroupNames: ['a', 'b'] });
    });

    it('fails clearly when no group carries the tags', async () => {
      asg.on(DescribeTagsCommand).resolves({ Tags: [] });
      await expect(actions.suspend_processes({ tags: [{ Key: 'env', Value: 'prod' }] }, fakeCall())).rejects.toThrow(
        "No ASG(s) found with matching tag(s): [{'Key': 'env', 'Value': 'prod'}].",
      );
    });

    it.each(['refuse', 'plan'] as const)('sends no SuspendProcesses when the guardrails say %s', async (mode) => {
      asg.on(DescribeAutoScalingGroupsCommand).resolves({ AutoScalingGroups: [group('web', [])] });
      await expect(actions.suspend_processes({ asg_names: ['web'] }, fakeCall({ mode }))).rejects.toThrow();
      expect(asg.commandCalls(SuspendProcessesCommand)).toHaveLength(0);
    });

    it('reports an AWS error as botocore words it', async () => {
      asg.on(DescribeAutoScalingGroupsCommand).resolves({ AutoScalingGroups: [group('web', [])] });
      asg.on(SuspendProcessesCommand).rejects(asgError('ResourceInUse', 'scaling activity in progress'));
      await expect(actions.suspend_processes({ asg_names: ['web'] }, fakeCall())).rejects.toThrow(
        'An error occurred (ResourceInUse) when calling the SuspendProcesses operation: scaling activity in progress',
      );
    });
  });

  describe('terminate_random_instances / stop_random_instances', () => {
    const web = group('web', [inst('i-1'), inst('i-2'), inst('i-3', { AvailabilityZone: 'us-east-1b' }), inst('i-4', { LifecycleState: 'Pending' })]);

    it('terminates a seeded random sample of in-service instances, ids sorted', async () => {
      asg.on(DescribeAutoScalingGroupsCommand).resolves({ AutoScalingGroups: [web] });
      ec2.on(DescribeInstancesCommand).callsFake((input: { InstanceIds: string[] }) => ec2Tags(input.InstanceIds));
      ec2.on(TerminateInstancesCommand).callsFake((input: { InstanceIds: string[] }) => ({
        TerminatingInstances: input.InstanceIds.map((id) => ({
          InstanceId: id,
          CurrentState: { Code: 32, Name: 'shutting-down' },
          PreviousState: { Code: 16, Name: 'running' },
        })),
      }));
      const call = fakeCall({ seed: 7 });
      const out = (await actions.terminate_random_instances({ asg_names: ['web'], instance_count: 2 }, call)) as {
        TerminatingInstances: { InstanceId: string }[];
      }[];
      const sent = ec2.commandCalls(TerminateInstancesCommand)[0]!.args[0].input.InstanceIds!;
      expect(sent).toHaveLength(2);
      expect([...sent].sort()).toEqual(sent);
      expect(sent.every((id) => ['i-1', 'i-2', 'i-3'].includes(id))).toBe(true);
      expect(out).toEqual([
        {
          AutoScalingGroupName: 'web',
          TerminatingInstances: sent.map((id) => ({
            InstanceId: id,
            CurrentState: { Code: 32, Name: 'shutting-down' },
            PreviousState: { Code: 16, Name: 'running' },
          })),
        },
      ]);
      expect(call.mutations).toEqual([
        { operation: 'ec2:TerminateInstances', targets: sent.map((id) => ({ kind: 'ec2:instance', id, tags: { env: 'staging', id } })) },
      ]);
      // The same seed picks the same instances.
      ec2.resetHistory();
      await actions.terminate_random_instances({ asg_names: ['web'], instance_count: 2 }, fakeCall({ seed: 7 }));
      expect(ec2.commandCalls(TerminateInstancesCommand)[0]!.args[0].input.InstanceIds).toEqual(sent);
    });

    it('checks every group before terminating in any, with one guardrail check for all picks', async () => {
      const small = group('small', [inst('i-9')]);
      asg.on(DescribeAutoScalingGroupsCommand).resolves({ AutoScalingGroups: [web, small] });
      ec2.on(DescribeInstancesCommand).callsFake((input: { InstanceIds: string[] }) => ec2Tags(input.InstanceIds));
      ec2.on(TerminateInstancesCommand).resolves({ TerminatingInstances: [] });
      await expect(actions.terminate_random_instances({ asg_names: ['web', 'small'], instance_count: 2 }, fakeCall())).rejects.toThrow(
        'Not enough healthy instances in small to satisfy termination count 2 (1)',
      );
      expect(ec2.commandCalls(TerminateInstancesCommand)).toHaveLength(0);
      const call = fakeCall();
      await actions.terminate_random_instances({ asg_names: ['web', 'small'], instance_count: 1 }, call);
      expect(call.mutations).toHaveLength(1);
      expect(call.mutations[0]!.targets.map((t) => t.id)).toContain('i-9');
      expect(call.mutations[0]!.targets).toHaveLength(2);
      expect(ec2.commandCalls(TerminateInstancesCommand).map((c) => c.args[0].input.InstanceIds)).toEqual([expect.any(Array), ['i-9']]);
    });

    it('turns instance_percent into int(n * percent / 100)', async () => {
      asg.on(DescribeAutoScalingGroupsCommand).resolves({ AutoScalingGroups: [web] });
      ec2.on(DescribeInstancesCommand).callsFake((input: { InstanceIds: string[] }) => ec2Tags(input.InstanceIds));
      ec2.on(TerminateInstancesCommand).resolves({ TerminatingInstances: [] });
      await actions.terminate_random_instances({ asg_names: ['web'], instance_percent: 67 }, fakeCall());
      expect(ec2.commandCalls(TerminateInstancesCommand)[0]!.args[0].input.InstanceIds).toHaveLength(2); // int(3 * 67 / 100) = 2
    });

    it('takes every in-service instance of the given AZ', async () => {
      asg.on(DescribeAutoScalingGroupsCommand).resolves({ AutoScalingGroups: [web] });
      ec2.on(DescribeInstancesCommand).callsFake((input: { InstanceIds: string[] }) => ec2Tags(input.InstanceIds));
      ec2.on(TerminateInstancesCommand).resolves({ TerminatingInstances: [] });
      await actions.terminate_random_instances({ asg_names: ['web'], az: 'us-east-1a' }, fakeCall());
      expect(ec2.commandCalls(TerminateInstancesCommand)[0]!.args[0].input.InstanceIds).toEqual(['i-1', 'i-2']);
      await expect(actions.terminate_random_instances({ asg_names: ['web'], az: 'us-east-1c' }, fakeCall())).rejects.toThrow(
        'No instances found in Availability Zone: us-east-1c',
      );
    });

    it('refuses to pick more instances than are in service', async () => {
      asg.on(DescribeAutoScalingGroupsCommand).resolves({ AutoScalingGroups: [web] });
      await expect(actions.terminate_random_instances({ asg_names: ['web'], instance_count: 4 }, fakeCall())).rejects.toThrow(
        'Not enough healthy instances in web to satisfy termination count 4 (3)',
      );
      await expect(actions.stop_random_instances({ asg_names: ['web'], instance_count: 5 }, fakeCall())).rejects.toThrow(
        'Not enough healthy instances in web to satisfy stop count 5 (3)',
      );
      expect(ec2.commandCalls(TerminateInstancesCommand)).toHaveLength(0);
    });

    it('needs one of instance_count, instance_percent or az', async () => {
      await expect(actions.terminate_random_instances({ asg_names: ['web'] }, fakeCall())).rejects.toThrow(
        'Must specify one of "instance_count", "instance_percent", "az"',
      );
      await expect(
        actions.stop_random_instances({ asg_names: ['web'], instance_count: 1, instance_percent: 10, az: 'us-east-1a' }, fakeCall()),
      ).rejects.toThrow('Must specify one of "instance_count", "instance_percent", "az"');
    });

    it('names the argument and the expected type when instance_count is not an integer', async () => {
      asg.on(DescribeAutoScalingGroupsCommand).resolves({ AutoScalingGroups: [web] });
      await expect(actions.terminate_random_instances({ asg_names: ['web'], instance_count: '2' }, fakeCall())).rejects.toThrow(
        "chaosaws.asg.actions.terminate_random_instances: argument 'instance_count' must be an integer, got str '2'",
      );
    });

    it('stops instances with Force and returns StoppingInstances', async () => {
      asg.on(DescribeAutoScalingGroupsCommand).resolves({ AutoScalingGroups: [web] });
      ec2.on(DescribeInstancesCommand).callsFake((input: { InstanceIds: string[] }) => ec2Tags(input.InstanceIds));
      ec2.on(StopInstancesCommand).resolves({ StoppingInstances: [{ InstanceId: 'i-3', CurrentState: { Code: 64, Name: 'stopping' } }] });
      const call = fakeCall();
      const out = await actions.stop_random_instances({ asg_names: ['web'], az: 'us-east-1b', force: true }, call);
      expect(ec2.commandCalls(StopInstancesCommand)[0]!.args[0].input).toEqual({ InstanceIds: ['i-3'], Force: true });
      expect(out).toEqual([{ AutoScalingGroupName: 'web', StoppingInstances: [{ InstanceId: 'i-3', CurrentState: { Code: 64, Name: 'stopping' } }] }]);
      expect(call.mutations[0]!.operation).toBe('ec2:StopInstances');
    });

    it('reports only the AWS message when EC2 refuses', async () => {
      asg.on(DescribeAutoScalingGroupsCommand).resolves({ AutoScalingGroups: [web] });
      ec2.on(DescribeInstancesCommand).callsFake((input: { InstanceIds: string[] }) => ec2Tags(input.InstanceIds));
      ec2
        .on(TerminateInstancesCommand)
        .rejects(new EC2ServiceException({ name: 'UnauthorizedOperation', $fault: 'client', $metadata: {}, message: 'You are not authorized' }));
      await expect(actions.terminate_random_instances({ asg_names: ['web'], instance_count: 1 }, fakeCall())).rejects.toThrow(/^You are not authorized$/);
    });

    it.each(['refuse', 'plan'] as const)('terminates nothing when the guardrails say %s', async (mode) => {
      asg.on(DescribeAutoScalingGroupsCommand).resolves({ AutoScalingGroups: [web] });
      ec2.on(DescribeInstancesCommand).callsFake((input: { InstanceIds: string[] }) => ec2Tags(input.InstanceIds));
      await expect(actions.terminate_random_instances({ asg_names: ['web'], instance_count: 1 }, fakeCall({ mode }))).rejects.toThrow();
      await expect(actions.stop_random_instances({ asg_names: ['web'], instance_count: 1 }, fakeCall({ mode }))).rejects.toThrow();
      expect(ec2.commandCalls(TerminateInstancesCommand)).toHaveLength(0);
      expect(ec2.commandCalls(StopInstancesCommand)).toHaveLength(0);
    });
  });

  describe('detach_random_instances', () => {
    const web = group('web', [inst('i-1'), inst('i-2'), inst('i-3', { LifecycleState: 'Terminating' })]);

    it('detaches random in-service instances and reports the activities', async () => {
      asg.on(DescribeAutoScalingGroupsCommand).resolves({ AutoScalingGroups: [web] });
      ec2.on(DescribeInstancesCommand).callsFake((input: { InstanceIds: string[] }) => ec2Tags(input.InstanceIds));
      asg
        .on(DetachInstancesCommand)
        .resolves({ Activities: [{ ActivityId: 'a-1', AutoScalingGroupName: 'web', Cause: 'detached', StartTime: created, StatusCode: 'InProgress' }] });
      const call = fakeCall();
      const out = await actions.detach_random_instances({ asg_names: ['web'], instance_count: 2, decrement_capacity: true }, call);
      expect(asg.commandCalls(DetachInstancesCommand)[0]!.args[0].input).toEqual({
        AutoScalingGroupName: 'web',
        InstanceIds: ['i-1', 'i-2'],
        ShouldDecrementDesiredCapacity: true,
      });
      expect(out).toEqual({
        Activities: [{ ActivityId: 'a-1', AutoScalingGroupName: 'web', Cause: 'detached', StartTime: '2024-05-01T12:00:00+00:00', StatusCode: 'InProgress' }],
        DetachingInstances: [{ AutoScalingGroupName: 'web', InstanceIds: ['i-1', 'i-2'] }],
      });
      expect(call.mutations[0]!.targets.map((t) => `${t.kind}:${t.id}`)).toEqual(['autoscaling:group:web', 'ec2:instance:i-1', 'ec2:instance:i-2']);
      // The group is what the instances are detached from: checked, not counted.
      expect(call.mutations[0]!.targets[0]).toEqual({ kind: 'autoscaling:group', id: 'web', tags: { env: 'staging' }, counted: false });
      expect((await checkGuardrails({ maxTargets: 2 }, call.mutations[0]!.targets, noAccount)).allowed).toBe(true);
    });

    it('counts the detached instance, not its group: one instance passes the default max-targets of 1', async () => {
      asg.on(DescribeAutoScalingGroupsCommand).resolves({ AutoScalingGroups: [web] });
      ec2.on(DescribeInstancesCommand).callsFake((input: { InstanceIds: string[] }) => ec2Tags(input.InstanceIds));
      asg.on(DetachInstancesCommand).resolves({ Activities: [] });
      const call = fakeCall();
      await actions.detach_random_instances({ asg_names: ['web'], instance_count: 1 }, call);
      const targets = call.mutations[0]!.targets;
      expect(targets.map((t) => [t.id, t.counted])).toEqual([
        ['web', false],
        [expect.stringMatching(/^i-[12]$/), undefined],
      ]);
      expect(await checkGuardrails({}, targets, noAccount)).toEqual({ allowed: true, refusals: [] });
      // The group's tags are still checked.
      expect((await checkGuardrails({ requiredTags: { env: 'prod' } }, targets, noAccount)).refusals[0]).toBe(
        'required-tags env=prod: autoscaling:group web has env=staging',
      );
    });

    it('refuses to detach more instances than the group has in service', async () => {
      asg.on(DescribeAutoScalingGroupsCommand).resolves({ AutoScalingGroups: [web] });
      await expect(actions.detach_random_instances({ asg_names: ['web'], instance_count: 3 }, fakeCall())).rejects.toThrow(
        'You are attempting to detach more instances than exist on asg web',
      );
      await expect(actions.detach_random_instances({ asg_names: ['web'] }, fakeCall())).rejects.toThrow(
        'You must specify either "instance_count" or "instance_percent"',
      );
    });

    it.each(['refuse', 'plan'] as const)('detaches nothing when the guardrails say %s', async (mode) => {
      asg.on(DescribeAutoScalingGroupsCommand).resolves({ AutoScalingGroups: [web] });
      ec2.on(DescribeInstancesCommand).callsFake((input: { InstanceIds: string[] }) => ec2Tags(input.InstanceIds));
      await expect(actions.detach_random_instances({ asg_names: ['web'], instance_percent: 50 }, fakeCall({ mode }))).rejects.toThrow();
      expect(asg.commandCalls(DetachInstancesCommand)).toHaveLength(0);
    });
  });

  describe('change_subnets', () => {
    it('sets VPCZoneIdentifier to the joined subnets and returns None', async () => {
      asg.on(DescribeAutoScalingGroupsCommand).resolves({ AutoScalingGroups: [group('web', []), group('api', [])] });
      asg.on(UpdateAutoScalingGroupCommand).resolves({});
      const call = fakeCall();
      expect(await actions.change_subnets({ subnets: ['subnet-a', 'subnet-b'], asg_names: ['web', 'api'] }, call)).toBeNull();
      expect(asg.commandCalls(UpdateAutoScalingGroupCommand).map((c) => c.args[0].input)).toEqual([
        { AutoScalingGroupName: 'web', VPCZoneIdentifier: 'subnet-a,subnet-b' },
        { AutoScalingGroupName: 'api', VPCZoneIdentifier: 'subnet-a,subnet-b' },
      ]);
      // One guardrail check covers every group, before the first update.
      expect(call.mutations).toEqual([
        {
          operation: 'autoscaling:UpdateAutoScalingGroup',
          targets: [
            { kind: 'autoscaling:group', id: 'web', tags: { env: 'staging' } },
            { kind: 'autoscaling:group', id: 'api', tags: { env: 'staging' } },
          ],
        },
      ]);
    });

    it('rejects a single subnet string (it would be split into characters)', async () => {
      await expect(actions.change_subnets({ subnets: 'subnet-a', asg_names: ['web'] }, fakeCall())).rejects.toThrow(
        "argument 'subnets' must be a list of strings, got str 'subnet-a'",
      );
    });

    it.each(['refuse', 'plan'] as const)('updates nothing when the guardrails say %s', async (mode) => {
      asg.on(DescribeAutoScalingGroupsCommand).resolves({ AutoScalingGroups: [group('web', [])] });
      await expect(actions.change_subnets({ subnets: ['s'], asg_names: ['web'] }, fakeCall({ mode }))).rejects.toThrow();
      expect(asg.commandCalls(UpdateAutoScalingGroupCommand)).toHaveLength(0);
    });
  });

  describe('detach_random_volume / attach_volume', () => {
    const web = group('web', [inst('i-1'), inst('i-2')]);
    const instances = {
      Reservations: [
        {
          Instances: [
            {
              InstanceId: 'i-1',
              Tags: [{ Key: 'env', Value: 'staging' }],
              BlockDeviceMappings: [
                { DeviceName: '/dev/xvda', Ebs: { VolumeId: 'vol-root1' } },
                { DeviceName: '/dev/sdf', Ebs: { VolumeId: 'vol-1f' } },
              ],
            },
            { InstanceId: 'i-2', Tags: [], BlockDeviceMappings: [{ DeviceName: '/dev/sda1', Ebs: { VolumeId: 'vol-root2' } }] },
          ],
        },
      ],
    };

    it('detaches one non-root volume per instance and tags it for the re-attach', async () => {
      asg.on(DescribeAutoScalingGroupsCommand).resolves({ AutoScalingGroups: [web] });
      ec2.on(DescribeInstancesCommand).resolves(instances);
      ec2.on(DescribeVolumesCommand).resolves({ Volumes: [{ VolumeId: 'vol-1f', Tags: [{ Key: 'data', Value: 'yes' }] }] });
      ec2
        .on(DetachVolumeCommand)
        .resolves({ VolumeId: 'vol-1f', InstanceId: 'i-1', Device: '/dev/sdf', State: 'detaching', AttachTime: created, $metadata: meta });
      ec2.on(CreateTagsCommand).resolves({});
      const call = fakeCall();
      const out = await actions.detach_random_volume({ asg_names: ['web'] }, call);
      expect(ec2.commandCalls(DescribeInstancesCommand)[0]!.args[0].input).toEqual({ InstanceIds: ['i-1', 'i-2'] });
      expect(ec2.commandCalls(DetachVolumeCommand)[0]!.args[0].input).toEqual({ Device: '/dev/sdf', InstanceId: 'i-1', VolumeId: 'vol-1f', Force: true });
      expect(ec2.commandCalls(CreateTagsCommand)[0]!.args[0].input).toEqual({
        Resources: ['vol-1f'],
        Tags: [{ Key: 'ChaosToolkitDetached', Value: 'DeviceName=/dev/sdf;InstanceId=i-1;ASG=web' }],
      });
      expect(out).toEqual([
        {
          VolumeId: 'vol-1f',
          InstanceId: 'i-1',
          Device: '/dev/sdf',
          State: 'detaching',
          AttachTime: '2024-05-01T12:00:00+00:00',
          ResponseMetadata: { RequestId: 'req-1', HTTPStatusCode: 200, HTTPHeaders: {}, RetryAttempts: 0 },
        },
      ]);
      expect(call.mutations).toEqual([
        {
          operation: 'ec2:DetachVolume (then ec2:CreateTags ChaosToolkitDetached on each volume)',
          targets: [
            { kind: 'ec2:volume', id: 'vol-1f', tags: { data: 'yes' } },
            { kind: 'ec2:instance', id: 'i-1', tags: { env: 'staging' }, counted: false },
          ],
        },
      ]);
      // One volume of one instance: the volume counts, the instance it is detached from does not.
      expect(await checkGuardrails({}, call.mutations[0]!.targets, noAccount)).toEqual({ allowed: true, refusals: [] });
    });

    it('fails on a group without instances and words AWS errors as chaosaws does', async () => {
      asg.on(DescribeAutoScalingGroupsCommand).resolves({ AutoScalingGroups: [group('empty', [])] });
      await expect(actions.detach_random_volume({ asg_names: ['empty'] }, fakeCall())).rejects.toThrow('no instances found for asg: empty');
      asg.on(DescribeAutoScalingGroupsCommand).resolves({ AutoScalingGroups: [web] });
      ec2
        .on(DescribeInstancesCommand)
        .rejects(new EC2ServiceException({ name: 'InvalidInstanceID.NotFound', $fault: 'client', $metadata: {}, message: 'gone' }));
      await expect(actions.detach_random_volume({ asg_names: ['web'] }, fakeCall())).rejects.toThrow('Unable to describe asg instances: gone');
    });

    it.each(['refuse', 'plan'] as const)('detaches and tags nothing when the guardrails say %s', async (mode) => {
      asg.on(DescribeAutoScalingGroupsCommand).resolves({ AutoScalingGroups: [web] });
      ec2.on(DescribeInstancesCommand).resolves(instances);
      ec2.on(DescribeVolumesCommand).resolves({ Volumes: [] });
      await expect(actions.detach_random_volume({ asg_names: ['web'] }, fakeCall({ mode }))).rejects.toThrow();
      expect(ec2.commandCalls(DetachVolumeCommand)).toHaveLength(0);
      expect(ec2.commandCalls(CreateTagsCommand)).toHaveLength(0);
    });

    const tagged = (id: string, asgName: string, state: 'available' | 'in-use') => ({
      VolumeId: id,
      State: state,
      Tags: [{ Key: 'ChaosToolkitDetached', Value: `DeviceName=/dev/sdf;InstanceId=i-1;ASG=${asgName}` }],
    });

    it('re-attaches, through EC2, the available volumes detached from the selected groups (all pages)', async () => {
      asg.on(DescribeAutoScalingGroupsCommand).resolves({ AutoScalingGroups: [web] });
      ec2
        .on(DescribeVolumesCommand)
        .resolvesOnce({ Volumes: [tagged('vol-a', 'web', 'available'), tagged('vol-b', 'other', 'available')], NextToken: 'p2' })
        .resolvesOnce({ Volumes: [tagged('vol-c', 'web', 'in-use'), tagged('vol-d', 'web', 'available')] });
      ec2.on(DescribeInstancesCommand).callsFake((input: { InstanceIds: string[] }) => ec2Tags(input.InstanceIds));
      ec2.on(AttachVolumeCommand).callsFake((input: { VolumeId: string }) => ({ VolumeId: input.VolumeId, State: 'attaching', $metadata: meta }));
      const call = fakeCall();
      const out = await actions.attach_volume({ asg_names: ['web'] }, call);
      expect(ec2.commandCalls(DescribeVolumesCommand).map((c) => c.args[0].input)).toEqual([
        { Filters: [{ Name: 'tag-key', Values: ['ChaosToolkitDetached'] }], NextToken: undefined },
        { Filters: [{ Name: 'tag-key', Values: ['ChaosToolkitDetached'] }], NextToken: 'p2' },
      ]);
      expect(ec2.commandCalls(AttachVolumeCommand).map((c) => c.args[0].input)).toEqual([
        { Device: '/dev/sdf', InstanceId: 'i-1', VolumeId: 'vol-a' },
        { Device: '/dev/sdf', InstanceId: 'i-1', VolumeId: 'vol-d' },
      ]);
      expect((out as { VolumeId: string }[]).map((r) => r.VolumeId)).toEqual(['vol-a', 'vol-d']);
      expect(call.mutations).toEqual([
        {
          operation: 'ec2:AttachVolume',
          targets: [
            { kind: 'ec2:volume', id: 'vol-a', tags: { ChaosToolkitDetached: 'DeviceName=/dev/sdf;InstanceId=i-1;ASG=web' } },
            { kind: 'ec2:volume', id: 'vol-d', tags: { ChaosToolkitDetached: 'DeviceName=/dev/sdf;InstanceId=i-1;ASG=web' } },
            { kind: 'ec2:instance', id: 'i-1', tags: { env: 'staging', id: 'i-1' }, counted: false },
          ],
        },
      ]);
      // Two volumes count (into one instance, which does not).
      expect((await checkGuardrails({}, call.mutations[0]!.targets, noAccount)).refusals).toEqual([
        'max-targets is 1 (the default) but the call would touch 2 resources (vol-a, vol-d; not counted: i-1, which the call acts through)',
      ]);
    });

    it('fails when no volume carries the detach tag', async () => {
      asg.on(DescribeAutoScalingGroupsCommand).resolves({ AutoScalingGroups: [web] });
      ec2.on(DescribeVolumesCommand).resolves({ Volumes: [] });
      await expect(actions.attach_volume({ asg_names: ['web'] }, fakeCall())).rejects.toThrow('No volumes detached by ChaosTookit found');
    });

    it.each(['refuse', 'plan'] as const)('attaches nothing when the guardrails say %s', async (mode) => {
      asg.on(DescribeAutoScalingGroupsCommand).resolves({ AutoScalingGroups: [web] });
      ec2.on(DescribeVolumesCommand).resolves({ Volumes: [tagged('vol-a', 'web', 'available')] });
      ec2.on(DescribeInstancesCommand).callsFake((input: { InstanceIds: string[] }) => ec2Tags(input.InstanceIds));
      await expect(actions.attach_volume({ asg_names: ['web'] }, fakeCall({ mode }))).rejects.toThrow();
      expect(ec2.commandCalls(AttachVolumeCommand)).toHaveLength(0);
    });
  });

  describe('probes', () => {
    const healthy = group('web', [inst('i-1'), inst('i-2')]);
    const degraded = group('web', [inst('i-1'), inst('i-2', { HealthStatus: 'Unhealthy' })], { DesiredCapacity: 2 });

    it('describe_auto_scaling_groups by name pages through and drops ResponseMetadata', async () => {
      asg
        .on(DescribeAutoScalingGroupsCommand)
        .resolvesOnce({ AutoScalingGroups: [group('a', [])], NextToken: 'n', $metadata: meta })
        .resolvesOnce({ AutoScalingGroups: [group('b', [])], $metadata: meta });
      const out = (await probes.describe_auto_scaling_groups({ asg_names: ['a', 'b'] }, fakeCall())) as Record<string, unknown>;
      expect(Object.keys(out)).toEqual(['AutoScalingGroups']);
      expect(out.AutoScalingGroups).toMatchObject([{ AutoScalingGroupName: 'a', CreatedTime: '2024-05-01T12:00:00+00:00' }, { AutoScalingGroupName: 'b' }]);
      asg.reset();
      asg.on(DescribeAutoScalingGroupsCommand).resolves({ AutoScalingGroups: [group('a', [])] });
      await expect(probes.describe_auto_scaling_groups({ asg_names: ['a', 'c'] }, fakeCall())).rejects.toThrow("No ASG(s) found matching: ['c']");
      await expect(probes.describe_auto_scaling_groups({}, fakeCall())).rejects.toThrow('Must specify either "asg_names" or "tags"');
    });

    it('describe_auto_scaling_groups by tags scans every group and describes those carrying all tags', async () => {
      const other = group('other', [], { Tags: [{ Key: 'env', Value: 'prod' }] });
      asg.on(DescribeAutoScalingGroupsCommand, { MaxRecords: 100, NextToken: undefined }).resolves({ AutoScalingGroups: [other], NextToken: 'p2' });
      asg.on(DescribeAutoScalingGroupsCommand, { MaxRecords: 100, NextToken: 'p2' }).resolves({ AutoScalingGroups: [healthy] });
      asg.on(DescribeAutoScalingGroupsCommand, { AutoScalingGroupNames: ['web'] }).resolves({ AutoScalingGroups: [healthy], $metadata: meta });
      const out = await probes.describe_auto_scaling_groups({ tags: [{ Key: 'env', Value: 'staging' }] }, fakeCall());
      expect(out).toMatchObject({ AutoScalingGroups: [{ AutoScalingGroupName: 'web' }], ResponseMetadata: { RequestId: 'req-1' } });
      await expect(probes.desired_equals_healthy_tags({ tags: [{ Key: 'env', Value: 'qa' }] }, fakeCall())).rejects.toThrow(
        'No auto-scaling groups matched the tags provided',
      );
    });

    it('desired_equals_healthy holds only when every group has DesiredCapacity healthy in-service instances', async () => {
      asg.on(DescribeAutoScalingGroupsCommand).resolves({ AutoScalingGroups: [healthy] });
      expect(await probes.desired_equals_healthy({ asg_names: ['web'] }, fakeCall())).toBe(true);
      asg.on(DescribeAutoScalingGroupsCommand).resolves({ AutoScalingGroups: [healthy, degraded] });
      expect(await probes.desired_equals_healthy({ asg_names: ['web', 'api'] }, fakeCall())).toBe(false);
      asg.on(DescribeAutoScalingGroupsCommand).resolves({ AutoScalingGroups: [group('zero', [], { DesiredCapacity: 0 })] });
      expect(await probes.desired_equals_healthy({ asg_names: ['zero'] }, fakeCall())).toBe(false);
      await expect(probes.desired_equals_healthy({ asg_names: [] }, fakeCall())).rejects.toThrow('Non-empty list of auto scaling groups is required');
      await expect(probes.desired_equals_healthy_tags({ tags: [] }, fakeCall())).rejects.toThrow('Non-empty tags is required');
    });

    it('is_scaling_in_progress sees any instance not in service or not healthy', async () => {
      asg.on(DescribeAutoScalingGroupsCommand).resolves({ AutoScalingGroups: [degraded] });
      expect(await probes.is_scaling_in_progress({ tags: [{ Key: 'env', Value: 'staging' }] }, fakeCall())).toBe(true);
      asg.on(DescribeAutoScalingGroupsCommand).resolves({ AutoScalingGroups: [healthy] });
      expect(await probes.is_scaling_in_progress({ tags: [{ Key: 'env', Value: 'staging' }] }, fakeCall())).toBe(false);
    });

    it('process_is_suspended checks the named processes, or all of them when none is named', async () => {
      const suspended = group('web', [], { SuspendedProcesses: [{ ProcessName: 'Launch' }, { ProcessName: 'Terminate' }] });
      asg.on(DescribeAutoScalingGroupsCommand).resolves({ AutoScalingGroups: [suspended] });
      expect(await probes.process_is_suspended({ asg_names: ['web'], process_names: ['Launch'] }, fakeCall())).toBe(true);
      expect(await probes.process_is_suspended({ asg_names: ['web'], process_names: ['Launch', 'HealthCheck'] }, fakeCall())).toBe(false);
      expect(await probes.process_is_suspended({ asg_names: ['web'] }, fakeCall())).toBe(false);
    });

    it('has_subnets compares the subnet sets whatever their order', async () => {
      asg.on(DescribeAutoScalingGroupsCommand).resolves({ AutoScalingGroups: [healthy] });
      expect(await probes.has_subnets({ subnets: ['subnet-2', 'subnet-1'], asg_names: ['web'] }, fakeCall())).toBe(true);
      expect(await probes.has_subnets({ subnets: ['subnet-1'], asg_names: ['web'] }, fakeCall())).toBe(false);
    });

    it('instance_count_by_health counts healthy or unhealthy instances of named and tagged groups', async () => {
      asg.on(DescribeTagsCommand).resolves({ Tags: [{ ResourceId: 'api', ResourceType: 'auto-scaling-group', Key: 'env', Value: 'staging' }] });
      asg.on(DescribeAutoScalingGroupsCommand).resolves({ AutoScalingGroups: [healthy, degraded] });
      expect(await probes.instance_count_by_health({ asg_names: ['web'], tags: [{ Key: 'env', Value: 'staging' }] }, fakeCall())).toBe(3);
      expect(await probes.instance_count_by_health({ asg_names: ['web'], count_healthy: false }, fakeCall())).toBe(1);
      expect(asg.commandCalls(DescribeTagsCommand)[0]!.args[0].input.Filters).toEqual([
        { Name: 'key', Values: ['env'] },
        { Name: 'value', Values: ['staging'] },
      ]);
      expect(asg.commandCalls(DescribeAutoScalingGroupsCommand)[0]!.args[0].input).toEqual({ AutoScalingGroupNames: ['web', 'api'] });
      await expect(probes.instance_count_by_health({}, fakeCall())).rejects.toThrow('missing one of the required parameters: asg_names or tags');
    });

    it('describes named groups in batches of 50 for instance_count_by_health', async () => {
      const names = Array.from({ length: 51 }, (_, i) => `g${i}`);
      asg.on(DescribeAutoScalingGroupsCommand).resolves({ AutoScalingGroups: [] });
      expect(await probes.instance_count_by_health({ asg_names: names }, fakeCall())).toBe(0);
      expect(asg.commandCalls(DescribeAutoScalingGroupsCommand).map((c) => c.args[0].input.AutoScalingGroupNames!.length)).toEqual([50, 1]);
    });

    describe('wait probes (on a fake clock)', () => {
      function fakeClock() {
        let now = 0;
        const sleeps: number[] = [];
        return {
          sleeps,
          clock: {
            now: () => now,
            sleep: async (ms: number) => {
              sleeps.push(ms);
              now += ms;
            },
          },
        };
      }

      it('returns the whole seconds until desired equals healthy, polling every 0.1 s', async () => {
        const { clock, sleeps } = fakeClock();
        const waits = probes.waitProbes(clock);
        let calls = 0;
        asg.on(DescribeAutoScalingGroupsCommand).callsFake(() => ({ AutoScalingGroups: [++calls > 25 ? healthy : degraded] }));
        expect(await waits.wait_desired_equals_healthy({ asg_names: ['web'] }, fakeCall())).toBe(2);
        expect(sleeps).toEqual(Array(25).fill(100));
      });

      it('returns sys.maxsize once the timeout has passed', async () => {
        const { clock } = fakeClock();
        asg.on(DescribeAutoScalingGroupsCommand).resolves({ AutoScalingGroups: [degraded] });
        // biome-ignore lint/correctness/noPrecisionLoss: sys.maxsize as chaosaws returns it (a double rounds it to 2**63)
        expect(await probes.waitProbes(clock).wait_desired_equals_healthy({ asg_names: ['web'], timeout: 1 }, fakeCall())).toBe(9223372036854775807);
      });

      it('waits by tags for the condition to break, or to hold', async () => {
        const { clock } = fakeClock();
        const waits = probes.waitProbes(clock);
        asg.on(DescribeAutoScalingGroupsCommand).resolves({ AutoScalingGroups: [degraded] });
        const tags = [{ Key: 'env', Value: 'staging' }];
        expect(await waits.wait_desired_not_equals_healthy_tags({ tags }, fakeCall())).toBe(0);
        // biome-ignore lint/correctness/noPrecisionLoss: sys.maxsize as chaosaws returns it (a double rounds it to 2**63)
        expect(await waits.wait_desired_equals_healthy_tags({ tags, timeout: 0.5 }, fakeCall())).toBe(9223372036854775807);
      });

      it('stops polling when the run is interrupted', async () => {
        asg.on(DescribeAutoScalingGroupsCommand).resolves({ AutoScalingGroups: [degraded] });
        const controller = new AbortController();
        const call = { ...fakeCall(), signal: controller.signal };
        const pending = probes.wait_desired_equals_healthy({ asg_names: ['web'] }, call);
        controller.abort(new Error('interrupted'));
        await expect(pending).rejects.toThrow('interrupted');
      });
    });
  });
});

describe('chaosaws.asg compared with the real chaosaws on moto', () => {
  let moto: Moto;
  let subnetId: string;
  beforeAll(async () => {
    moto = await startMoto();
    const ec2 = new EC2Client(motoClientConfig(moto.url));
    const vpc = await ec2.send(new CreateVpcCommand({ CidrBlock: '10.0.0.0/16' }));
    const subnet = await ec2.send(new CreateSubnetCommand({ VpcId: vpc.Vpc!.VpcId!, CidrBlock: '10.0.1.0/24', AvailabilityZone: 'us-east-1a' }));
    subnetId = subnet.Subnet!.SubnetId!;
    const client = new AutoScalingClient(motoClientConfig(moto.url));
    await client.send(new CreateLaunchConfigurationCommand({ LaunchConfigurationName: 'lc', ImageId: 'ami-12345678', InstanceType: 't2.micro' }));
    for (const name of ['web', 'api']) {
      await client.send(
        new CreateAutoScalingGroupCommand({
          AutoScalingGroupName: name,
          LaunchConfigurationName: 'lc',
          MinSize: 1,
          MaxSize: 3,
          DesiredCapacity: 2,
          ...(name === 'web' ? { VPCZoneIdentifier: subnetId } : { AvailabilityZones: ['us-east-1a'] }),
          Tags: [{ Key: 'team', Value: name === 'web' ? 'front' : 'back', PropagateAtLaunch: true, ResourceId: name, ResourceType: 'auto-scaling-group' }],
        }),
      );
    }
  });
  afterAll(async () => moto?.stop());

  // moto keeps suspended processes in a Python set, whose order changes from one process to the next.
  const suspendedSorted = (out: unknown) => {
    const groups = (out as { AutoScalingGroups: { SuspendedProcesses: { ProcessName: string }[] }[] }).AutoScalingGroups;
    for (const g of groups) g.SuspendedProcesses.sort((x, y) => x.ProcessName.localeCompare(y.ProcessName));
    return out;
  };

  it.each([
    ['suspend_processes', { asg_names: ['web'], process_names: ['Launch', 'AZRebalance'] }],
    ['resume_processes', { asg_names: ['web'], process_names: ['Launch'] }],
    ['suspend_processes', { tags: [{ Key: 'team', Value: 'back' }] }],
    ['resume_processes', { tags: [{ Key: 'team', Value: 'back' }] }],
  ] as const)('%s(%j) returns what chaosaws returns', async (func, kwargs) => {
    // Each side acts from the same state: chaosaws first, then our function repeats the change.
    const python = runChaosaws(moto.url, 'chaosaws.asg.actions', func, kwargs);
    expect(python.error).toBeUndefined();
    const ours = await actions[func](kwargs, motoCall(moto.url));
    expect(suspendedSorted(comparable(ours))).toEqual(suspendedSorted(comparable(python.ok)));
  });

  it.each([
    ['describe_auto_scaling_groups', { asg_names: ['web', 'api'] }],
    ['process_is_suspended', { asg_names: ['web'], process_names: ['AZRebalance'] }],
    ['desired_equals_healthy', { asg_names: ['web', 'api'] }],
    ['instance_count_by_health', { asg_names: ['web'] }],
  ] as const)('probe %s(%j) answers what chaosaws answers', async (func, kwargs) => {
    const python = runChaosaws(moto.url, 'chaosaws.asg.probes', func, kwargs);
    expect(python.error).toBeUndefined();
    const ours = await probes[func](kwargs, motoCall(moto.url));
    const normal = (v: unknown) => (func === 'describe_auto_scaling_groups' ? suspendedSorted(comparable(v)) : comparable(v));
    expect(normal(ours)).toEqual(normal(python.ok));
  });

  it.each([true, false])('probe has_subnets answers what chaosaws answers (same subnets: %s)', async (same) => {
    const kwargs = { tags: [{ Key: 'team', Value: 'front' }], subnets: same ? [subnetId] : [subnetId, 'subnet-other'] };
    const python = runChaosaws(moto.url, 'chaosaws.asg.probes', 'has_subnets', kwargs);
    expect(python.ok).toBe(same);
    expect(await probes.has_subnets(kwargs, motoCall(moto.url))).toBe(same);
  });

  it('fails like chaosaws on an unknown group name', async () => {
    const python = runChaosaws(moto.url, 'chaosaws.asg.actions', 'suspend_processes', { asg_names: ['nope'] });
    await expect(actions.suspend_processes({ asg_names: ['nope'] }, motoCall(moto.url))).rejects.toThrow(python.message!);
  });
});
