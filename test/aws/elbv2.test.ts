import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { mockClient, type AwsClientStub } from 'aws-sdk-client-mock';
import {
  CreateLoadBalancerCommand,
  CreateTargetGroupCommand,
  DeleteLoadBalancerCommand,
  DeregisterTargetsCommand,
  DescribeLoadBalancerAttributesCommand,
  DescribeLoadBalancersCommand,
  DescribeTagsCommand,
  DescribeTargetGroupsCommand,
  DescribeTargetHealthCommand,
  ElasticLoadBalancingV2Client,
  ElasticLoadBalancingV2ServiceException,
  ModifyLoadBalancerAttributesCommand,
  RegisterTargetsCommand,
  SetSecurityGroupsCommand,
  SetSubnetsCommand,
  type LoadBalancer,
} from '@aws-sdk/client-elastic-load-balancing-v2';
import {
  CreateSecurityGroupCommand,
  CreateSubnetCommand,
  CreateVpcCommand,
  DescribeSecurityGroupsCommand,
  DescribeSubnetsCommand,
  EC2Client,
  EC2ServiceException,
  RunInstancesCommand,
} from '@aws-sdk/client-ec2';
import * as elbv2 from '../../src/aws/functions/elbv2.js';
import { catalog } from '../../src/aws/catalog/elbv2.js';
import { fakeCall } from '../support/aws-call.js';
import { comparable, motoCall, motoClientConfig, runChaosaws, startMoto, type Moto } from './moto-compare.js';

const meta = { httpStatusCode: 200, requestId: 'req-1', attempts: 1 };
const arnOf = (name: string) => `arn:aws:elasticloadbalancing:us-east-1:123456789012:loadbalancer/app/${name}/1`;
const lb = (name: string, type: 'application' | 'network' = 'application', state = 'active'): LoadBalancer => ({
  LoadBalancerName: name,
  LoadBalancerArn: arnOf(name),
  Type: type,
  State: { Code: state as 'active' },
});

describe('chaosaws.elbv2 natively (mocked AWS)', () => {
  // Created when this block starts (not when the file loads), so the moto block below talks to real clients.
  let client: AwsClientStub<ElasticLoadBalancingV2Client>;
  let ec2: AwsClientStub<EC2Client>;
  beforeAll(() => {
    client = mockClient(ElasticLoadBalancingV2Client);
    ec2 = mockClient(EC2Client);
  });
  beforeEach(() => {
    client.reset();
    ec2.reset();
    client.on(DescribeTagsCommand).callsFake((input: { ResourceArns: string[] }) => ({
      TagDescriptions: input.ResourceArns.map((ResourceArn) => ({ ResourceArn, Tags: [{ Key: 'env', Value: 'staging' }] })),
    }));
  });
  afterAll(() => {
    client.restore();
    ec2.restore();
  });

  it('declares actions as mutating and probes as read-only, each loading a native function', async () => {
    expect(catalog.map((e) => `${e.module.split('.').at(-1)}.${e.func}:${e.mutating}`)).toEqual([
      'actions.deregister_target:true',
      'actions.set_security_groups:true',
      'actions.set_subnets:true',
      'actions.delete_load_balancer:true',
      'actions.enable_access_log:true',
      'probes.targets_health_count:false',
      'probes.all_targets_healthy:false',
      'probes.is_access_log_enabled:false',
    ]);
    for (const entry of catalog) expect(typeof (await entry.load())).toBe('function');
  });

  describe('deregister_target', () => {
    const tgArn = 'arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/web/1';
    const health = {
      TargetHealthDescriptions: [
        { Target: { Id: 'i-1', Port: 80 }, TargetHealth: { State: 'healthy' as const } },
        { Target: { Id: 'i-2', Port: 8080 }, TargetHealth: { State: 'healthy' as const } },
      ],
    };

    it('deregisters one seeded random target of the group', async () => {
      client.on(DescribeTargetGroupsCommand).resolves({ TargetGroups: [{ TargetGroupName: 'web', TargetGroupArn: tgArn }] });
      client.on(DescribeTargetHealthCommand).resolves(health);
      client.on(DeregisterTargetsCommand).resolves({ $metadata: meta });
      const call = fakeCall({ seed: 3 });
      const out = await elbv2.deregister_target({ tg_name: 'web' }, call);
      const sent = client.commandCalls(DeregisterTargetsCommand)[0]!.args[0].input;
      expect(sent.TargetGroupArn).toBe(tgArn);
      expect(health.TargetHealthDescriptions.map((d) => d.Target)).toContainEqual(sent.Targets![0]);
      expect(out).toEqual({ ResponseMetadata: { RequestId: 'req-1', HTTPStatusCode: 200, HTTPHeaders: {}, RetryAttempts: 0 } });
      expect(call.mutations).toEqual([
        { operation: 'elasticloadbalancing:DeregisterTargets', targets: [{ kind: 'elbv2:target', id: sent.Targets![0]!.Id, tags: { env: 'staging' } }] },
      ]);
      expect(client.commandCalls(DescribeTargetGroupsCommand)[0]!.args[0].input).toEqual({ Names: ['web'] });
    });

    it('fails clearly when the group has no target and words AWS errors as chaosaws does', async () => {
      client.on(DescribeTargetGroupsCommand).resolves({ TargetGroups: [{ TargetGroupName: 'web', TargetGroupArn: tgArn }] });
      client.on(DescribeTargetHealthCommand).resolves({ TargetHealthDescriptions: [] });
      await expect(elbv2.deregister_target({ tg_name: 'web' }, fakeCall())).rejects.toThrow("Target group 'web' has no registered target to deregister");
      client.on(DescribeTargetHealthCommand).resolves(health);
      client
        .on(DeregisterTargetsCommand)
        .rejects(new ElasticLoadBalancingV2ServiceException({ name: 'InvalidTarget', $fault: 'client', $metadata: {}, message: 'bad target' }));
      await expect(elbv2.deregister_target({ tg_name: 'web' }, fakeCall())).rejects.toThrow('Exception detaching web: bad target');
    });

    it.each(['refuse', 'plan'] as const)('deregisters nothing when the guardrails say %s', async (mode) => {
      client.on(DescribeTargetGroupsCommand).resolves({ TargetGroups: [{ TargetGroupName: 'web', TargetGroupArn: tgArn }] });
      client.on(DescribeTargetHealthCommand).resolves(health);
      await expect(elbv2.deregister_target({ tg_name: 'web' }, fakeCall({ mode }))).rejects.toThrow();
      expect(client.commandCalls(DeregisterTargetsCommand)).toHaveLength(0);
    });
  });

  describe('set_security_groups / set_subnets', () => {
    it('checks the groups exist, then replaces them on each ALB and adds LoadBalancerArn', async () => {
      ec2.on(DescribeSecurityGroupsCommand).resolves({ SecurityGroups: [{ GroupId: 'sg-1' }, { GroupId: 'sg-2' }] });
      client.on(DescribeLoadBalancersCommand).resolves({ LoadBalancers: [lb('web'), lb('api')] });
      client.on(SetSecurityGroupsCommand).resolves({ SecurityGroupIds: ['sg-1', 'sg-2'], $metadata: meta });
      const call = fakeCall();
      const out = await elbv2.set_security_groups({ load_balancer_names: ['web', 'api'], security_group_ids: ['sg-1', 'sg-2'] }, call);
      expect(ec2.commandCalls(DescribeSecurityGroupsCommand)[0]!.args[0].input).toEqual({ GroupIds: ['sg-1', 'sg-2'] });
      expect(client.commandCalls(SetSecurityGroupsCommand).map((c) => c.args[0].input)).toEqual([
        { LoadBalancerArn: arnOf('web'), SecurityGroups: ['sg-1', 'sg-2'] },
        { LoadBalancerArn: arnOf('api'), SecurityGroups: ['sg-1', 'sg-2'] },
      ]);
      expect(out).toEqual(
        ['web', 'api'].map((n) => ({
          SecurityGroupIds: ['sg-1', 'sg-2'],
          ResponseMetadata: { RequestId: 'req-1', HTTPStatusCode: 200, HTTPHeaders: {}, RetryAttempts: 0 },
          LoadBalancerArn: arnOf(n),
        })),
      );
      expect(call.mutations).toEqual([
        {
          operation: 'elasticloadbalancing:SetSecurityGroups',
          targets: [
            { kind: 'elbv2:load-balancer', id: 'web', tags: { env: 'staging' } },
            { kind: 'elbv2:load-balancer', id: 'api', tags: { env: 'staging' } },
          ],
        },
      ]);
    });

    it('refuses unknown ids, unknown or inactive load balancers and network load balancers', async () => {
      ec2.on(DescribeSecurityGroupsCommand).resolves({ SecurityGroups: [{ GroupId: 'sg-1' }] });
      await expect(elbv2.set_security_groups({ load_balancer_names: ['web'], security_group_ids: ['sg-1', 'sg-9'] }, fakeCall())).rejects.toThrow(
        "Invalid security group id(s): ['sg-9']",
      );
      ec2
        .on(DescribeSubnetsCommand)
        .rejects(
          new EC2ServiceException({ name: 'InvalidSubnetID.NotFound', $fault: 'client', $metadata: {}, message: "The subnet ID 'subnet-9' does not exist" }),
        );
      await expect(elbv2.set_subnets({ load_balancer_names: ['web'], subnet_ids: ['subnet-9'] }, fakeCall())).rejects.toThrow(
        /^The subnet ID 'subnet-9' does not exist$/,
      );
      client.on(DescribeLoadBalancersCommand).resolves({ LoadBalancers: [lb('web')] });
      await expect(elbv2.set_security_groups({ load_balancer_names: ['web', 'api'], security_group_ids: ['sg-1'] }, fakeCall())).rejects.toThrow(
        "Unable to locate load balancer(s): ['api']",
      );
      client.on(DescribeLoadBalancersCommand).resolves({ LoadBalancers: [lb('web', 'application', 'provisioning')] });
      await expect(elbv2.set_security_groups({ load_balancer_names: ['web'], security_group_ids: ['sg-1'] }, fakeCall())).rejects.toThrow(
        'Invalid state for load balancer web: provisioning is not active',
      );
      client.on(DescribeLoadBalancersCommand).resolves({ LoadBalancers: [lb('web'), lb('nlb', 'network')] });
      await expect(elbv2.set_security_groups({ load_balancer_names: ['web', 'nlb'], security_group_ids: ['sg-1'] }, fakeCall())).rejects.toThrow(
        'Cannot change security groups of network load balancers.',
      );
      ec2.on(DescribeSubnetsCommand).resolves({ Subnets: [{ SubnetId: 'subnet-1' }] });
      await expect(elbv2.set_subnets({ load_balancer_names: ['web', 'nlb'], subnet_ids: ['subnet-1'] }, fakeCall())).rejects.toThrow(
        'Cannot change subnets of network load balancers.',
      );
      expect(client.commandCalls(SetSecurityGroupsCommand)).toHaveLength(0);
      expect(client.commandCalls(SetSubnetsCommand)).toHaveLength(0);
    });

    it('sets the subnets of each ALB', async () => {
      ec2.on(DescribeSubnetsCommand).resolves({ Subnets: [{ SubnetId: 'subnet-1' }, { SubnetId: 'subnet-2' }] });
      client.on(DescribeLoadBalancersCommand).resolves({ LoadBalancers: [lb('web')] });
      client.on(SetSubnetsCommand).resolves({ AvailabilityZones: [{ ZoneName: 'us-east-1a', SubnetId: 'subnet-1' }] });
      const out = await elbv2.set_subnets({ load_balancer_names: ['web'], subnet_ids: ['subnet-1', 'subnet-2'] }, fakeCall());
      expect(client.commandCalls(SetSubnetsCommand)[0]!.args[0].input).toEqual({ LoadBalancerArn: arnOf('web'), Subnets: ['subnet-1', 'subnet-2'] });
      expect(out).toMatchObject([{ AvailabilityZones: [{ ZoneName: 'us-east-1a', SubnetId: 'subnet-1' }], LoadBalancerArn: arnOf('web') }]);
    });

    it.each(['refuse', 'plan'] as const)('changes nothing when the guardrails say %s', async (mode) => {
      ec2.on(DescribeSecurityGroupsCommand).resolves({ SecurityGroups: [{ GroupId: 'sg-1' }] });
      ec2.on(DescribeSubnetsCommand).resolves({ Subnets: [{ SubnetId: 'subnet-1' }] });
      client.on(DescribeLoadBalancersCommand).resolves({ LoadBalancers: [lb('web')] });
      await expect(elbv2.set_security_groups({ load_balancer_names: ['web'], security_group_ids: ['sg-1'] }, fakeCall({ mode }))).rejects.toThrow();
      await expect(elbv2.set_subnets({ load_balancer_names: ['web'], subnet_ids: ['subnet-1'] }, fakeCall({ mode }))).rejects.toThrow();
      expect(client.commandCalls(SetSecurityGroupsCommand)).toHaveLength(0);
      expect(client.commandCalls(SetSubnetsCommand)).toHaveLength(0);
    });
  });

  describe('delete_load_balancer', () => {
    it('deletes application and network load balancers, leaves gateway ones, returns None', async () => {
      client.on(DescribeLoadBalancersCommand).resolves({ LoadBalancers: [lb('web'), lb('nlb', 'network'), { ...lb('gw'), Type: 'gateway' }] });
      client.on(DeleteLoadBalancerCommand).resolves({});
      const call = fakeCall();
      expect(await elbv2.delete_load_balancer({ load_balancer_names: ['web', 'nlb', 'gw'] }, call)).toBeNull();
      expect(client.commandCalls(DeleteLoadBalancerCommand).map((c) => c.args[0].input.LoadBalancerArn)).toEqual([arnOf('web'), arnOf('nlb')]);
      expect(call.mutations.map((m) => m.targets.map((t) => t.id))).toEqual([['web', 'nlb']]);
    });

    it.each(['refuse', 'plan'] as const)('deletes nothing when the guardrails say %s', async (mode) => {
      client.on(DescribeLoadBalancersCommand).resolves({ LoadBalancers: [lb('web')] });
      await expect(elbv2.delete_load_balancer({ load_balancer_names: ['web'] }, fakeCall({ mode }))).rejects.toThrow();
      expect(client.commandCalls(DeleteLoadBalancerCommand)).toHaveLength(0);
    });

    it('needs a list of names', async () => {
      await expect(elbv2.delete_load_balancer({ load_balancer_names: 'web' }, fakeCall())).rejects.toThrow(
        "chaosaws.elbv2.actions.delete_load_balancer: argument 'load_balancer_names' must be a list of strings, got str 'web'",
      );
    });
  });

  describe('access logs', () => {
    it('enable_access_log turns logging on into a bucket, or off, and returns the new state', async () => {
      client.on(ModifyLoadBalancerAttributesCommand).callsFake((input: { Attributes: { Key: string; Value: string }[] }) => ({ Attributes: input.Attributes }));
      const call = fakeCall();
      expect(await elbv2.enable_access_log({ load_balancer_arn: arnOf('web'), enable: true, bucket_name: 'logs' }, call)).toBe(true);
      expect(await elbv2.enable_access_log({ load_balancer_arn: arnOf('web') }, call)).toBe(false);
      expect(client.commandCalls(ModifyLoadBalancerAttributesCommand).map((c) => c.args[0].input.Attributes)).toEqual([
        [
          { Key: 'access_logs.s3.enabled', Value: 'true' },
          { Key: 'access_logs.s3.bucket', Value: 'logs' },
        ],
        [{ Key: 'access_logs.s3.enabled', Value: 'false' }],
      ]);
      expect(call.mutations[0]!.targets).toEqual([{ kind: 'elbv2:load-balancer', id: arnOf('web'), tags: { env: 'staging' } }]);
    });

    it('enable_access_log needs an ARN, and a bucket to enable', async () => {
      await expect(elbv2.enable_access_log({ load_balancer_arn: '' }, fakeCall())).rejects.toThrow('Load Balancer ARN is required');
      await expect(elbv2.enable_access_log({ load_balancer_arn: 'arn', enable: true }, fakeCall())).rejects.toThrow('bucket_name required to enable ELB');
    });

    it.each(['refuse', 'plan'] as const)('modifies nothing when the guardrails say %s', async (mode) => {
      await expect(elbv2.enable_access_log({ load_balancer_arn: arnOf('web') }, fakeCall({ mode }))).rejects.toThrow();
      expect(client.commandCalls(ModifyLoadBalancerAttributesCommand)).toHaveLength(0);
    });

    it('is_access_log_enabled reads the attribute', async () => {
      client.on(DescribeLoadBalancerAttributesCommand).resolves({
        Attributes: [
          { Key: 'idle_timeout.timeout_seconds', Value: '60' },
          { Key: 'access_logs.s3.enabled', Value: 'true' },
        ],
      });
      expect(await elbv2.is_access_log_enabled({ load_balancer_arn: arnOf('web') }, fakeCall())).toBe(true);
      client.on(DescribeLoadBalancerAttributesCommand).resolves({ Attributes: [] });
      expect(await elbv2.is_access_log_enabled({ load_balancer_arn: arnOf('web') }, fakeCall())).toBe(false);
      await expect(elbv2.is_access_log_enabled({}, fakeCall())).rejects.toThrow('Load Balancer ARN is required');
    });
  });

  describe('target health probes', () => {
    beforeEach(() => {
      client.on(DescribeTargetGroupsCommand).resolves({
        TargetGroups: [
          { TargetGroupName: 'web', TargetGroupArn: 'tg-web' },
          { TargetGroupName: 'api', TargetGroupArn: 'tg-api' },
        ],
      });
      client.on(DescribeTargetHealthCommand, { TargetGroupArn: 'tg-web' }).resolves({
        TargetHealthDescriptions: [{ TargetHealth: { State: 'healthy' } }, { TargetHealth: { State: 'unhealthy' } }, { TargetHealth: { State: 'healthy' } }],
      });
      client.on(DescribeTargetHealthCommand, { TargetGroupArn: 'tg-api' }).resolves({ TargetHealthDescriptions: [{ TargetHealth: { State: 'healthy' } }] });
    });

    it('targets_health_count counts targets per group by state', async () => {
      expect(await elbv2.targets_health_count({ tg_names: ['web', 'api'] }, fakeCall())).toEqual({ web: { healthy: 2, unhealthy: 1 }, api: { healthy: 1 } });
      await expect(elbv2.targets_health_count({ tg_names: [] }, fakeCall())).rejects.toThrow('Non-empty list of target groups is required');
    });

    it('all_targets_healthy is false as soon as one target is not healthy', async () => {
      expect(await elbv2.all_targets_healthy({ tg_names: ['web', 'api'] }, fakeCall())).toBe(false);
      client.on(DescribeTargetGroupsCommand).resolves({ TargetGroups: [{ TargetGroupName: 'api', TargetGroupArn: 'tg-api' }] });
      expect(await elbv2.all_targets_healthy({ tg_names: ['api'] }, fakeCall())).toBe(true);
    });
  });
});

describe('chaosaws.elbv2 compared with the real chaosaws on moto', () => {
  let moto: Moto;
  let sgIds: string[];
  beforeAll(async () => {
    moto = await startMoto();
    const ec2 = new EC2Client(motoClientConfig(moto.url));
    const elb = new ElasticLoadBalancingV2Client(motoClientConfig(moto.url));
    const vpcId = (await ec2.send(new CreateVpcCommand({ CidrBlock: '10.0.0.0/16' }))).Vpc!.VpcId!;
    const subnets = await Promise.all(
      [
        ['10.0.1.0/24', 'us-east-1a'],
        ['10.0.2.0/24', 'us-east-1b'],
      ].map(
        async ([CidrBlock, AvailabilityZone]) => (await ec2.send(new CreateSubnetCommand({ VpcId: vpcId, CidrBlock, AvailabilityZone }))).Subnet!.SubnetId!,
      ),
    );
    sgIds = await Promise.all(
      ['a', 'b'].map(async (n) => (await ec2.send(new CreateSecurityGroupCommand({ GroupName: n, Description: n, VpcId: vpcId }))).GroupId!),
    );
    await elb.send(new CreateLoadBalancerCommand({ Name: 'web', Subnets: subnets, Type: 'application' }));
    const tg = await elb.send(new CreateTargetGroupCommand({ Name: 'web-tg', Protocol: 'HTTP', Port: 80, VpcId: vpcId, TargetType: 'instance' }));
    const run = await ec2.send(new RunInstancesCommand({ ImageId: 'ami-12345678', MinCount: 2, MaxCount: 2, SubnetId: subnets[0] }));
    await elb.send(
      new RegisterTargetsCommand({
        TargetGroupArn: tg.TargetGroups![0]!.TargetGroupArn!,
        Targets: run.Instances!.map((i) => ({ Id: i.InstanceId!, Port: 80 })),
      }),
    );
  });
  afterAll(async () => moto?.stop());

  it.each(['targets_health_count', 'all_targets_healthy'] as const)('probe %s answers what chaosaws answers', async (func) => {
    const python = runChaosaws(moto.url, 'chaosaws.elbv2.probes', func, { tg_names: ['web-tg'] });
    expect(python.error).toBeUndefined();
    const ours = await elbv2[func]({ tg_names: ['web-tg'] }, motoCall(moto.url));
    expect(ours).toEqual(python.ok);
    if (func === 'targets_health_count') expect(Object.keys(ours as object)).toEqual(['web-tg']);
  });

  it('set_security_groups returns what chaosaws returns', async () => {
    const kwargs = { load_balancer_names: ['web'], security_group_ids: sgIds };
    const python = runChaosaws(moto.url, 'chaosaws.elbv2.actions', 'set_security_groups', kwargs);
    expect(python.error).toBeUndefined();
    const ours = await elbv2.set_security_groups(kwargs, motoCall(moto.url));
    expect(comparable(ours)).toEqual(comparable(python.ok));
    // moto answers the groups in an order of its own (a set): compare them as a set.
    expect((ours as { SecurityGroupIds: string[] }[]).map((lb) => [...lb.SecurityGroupIds].sort())).toEqual([[...sgIds].sort()]);
  });

  it('fails like chaosaws on an unknown security group', async () => {
    const kwargs = { load_balancer_names: ['web'], security_group_ids: ['sg-00000000000000000'] };
    const python = runChaosaws(moto.url, 'chaosaws.elbv2.actions', 'set_security_groups', kwargs);
    expect(python.error).toBe('ActivityFailed'); // chaoslib's FailedActivity is an alias
    await expect(elbv2.set_security_groups(kwargs, motoCall(moto.url))).rejects.toThrow(python.message!);
  });
});
