import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { mockClient, type AwsClientStub } from 'aws-sdk-client-mock';
import {
  AssociateVPCWithHostedZoneCommand,
  ChangeTagsForResourceCommand,
  CreateHealthCheckCommand,
  CreateHostedZoneCommand,
  DisassociateVPCFromHostedZoneCommand,
  GetHealthCheckStatusCommand,
  GetHostedZoneCommand,
  ListTagsForResourceCommand,
  Route53Client,
  Route53ServiceException,
  TestDNSAnswerCommand,
} from '@aws-sdk/client-route-53';
import * as route53 from '../../src/aws/functions/route53.js';
import { catalog } from '../../src/aws/catalog/route53.js';
import { fakeCall } from '../support/aws-call.js';
import { comparable, motoCall, motoClientConfig, runChaosaws, startMoto, type Moto } from './moto-compare.js';

const meta = { httpStatusCode: 200, requestId: 'req-1', attempts: 1 };
const botoMeta = { RequestId: 'req-1', HTTPStatusCode: 200, HTTPHeaders: {}, RetryAttempts: 0 };
const r53Error = (name: string, message: string) => new Route53ServiceException({ name, $fault: 'client', $metadata: {}, message });
const vpcArgs = { zone_id: 'Z0123', vpc_id: 'vpc-1', vpc_region: 'us-east-1' };
const changeInfo = { ChangeInfo: { Id: '/change/C1', Status: 'PENDING' as const, SubmittedAt: new Date('2024-05-01T12:00:00Z') }, $metadata: meta };

describe('chaosaws.route53 natively (mocked AWS)', () => {
  let client: AwsClientStub<Route53Client>;
  beforeAll(() => {
    client = mockClient(Route53Client);
  });
  beforeEach(() => {
    client.reset();
    client
      .on(ListTagsForResourceCommand)
      .resolves({ ResourceTagSet: { ResourceType: 'hostedzone', ResourceId: 'Z0123', Tags: [{ Key: 'env', Value: 'staging' }] } });
  });
  afterAll(() => client.restore());

  it('declares the two actions as mutating and the three probes as read-only', async () => {
    expect(catalog.map((e) => `${e.module}.${e.func}:${e.mutating}`)).toEqual([
      'chaosaws.route53.actions.associate_vpc_with_zone:true',
      'chaosaws.route53.actions.disassociate_vpc_from_zone:true',
      'chaosaws.route53.probes.get_hosted_zone:false',
      'chaosaws.route53.probes.get_health_check_status:false',
      'chaosaws.route53.probes.get_dns_answer:false',
    ]);
    expect(catalog[0]!.params.filter((p) => !p.hasDefault).map((p) => p.name)).toEqual(['zone_id', 'vpc_id', 'vpc_region']);
    for (const entry of catalog) expect(typeof (await entry.load())).toBe('function');
  });

  describe('associate_vpc_with_zone and disassociate_vpc_from_zone', () => {
    it('sends the VPC, a comment only when given, and returns the change as boto3 does', async () => {
      client.on(AssociateVPCWithHostedZoneCommand).resolves(changeInfo);
      const call = fakeCall();
      const out = await route53.associate_vpc_with_zone(vpcArgs, call);
      await route53.associate_vpc_with_zone({ ...vpcArgs, comment: 'chaos' }, fakeCall());
      expect(client.commandCalls(AssociateVPCWithHostedZoneCommand).map((c) => c.args[0].input)).toEqual([
        { HostedZoneId: 'Z0123', VPC: { VPCId: 'vpc-1', VPCRegion: 'us-east-1' } },
        { HostedZoneId: 'Z0123', VPC: { VPCId: 'vpc-1', VPCRegion: 'us-east-1' }, Comment: 'chaos' },
      ]);
      expect(out).toEqual({ ChangeInfo: { Id: '/change/C1', Status: 'PENDING', SubmittedAt: '2024-05-01T12:00:00+00:00' }, ResponseMetadata: botoMeta });
      expect(call.mutations).toEqual([
        { operation: 'route53:AssociateVPCWithHostedZone', targets: [{ kind: 'route53:hostedzone', id: 'Z0123', tags: { env: 'staging' } }] },
      ]);
    });

    it('reads the zone tags with the bare zone id', async () => {
      client.on(DisassociateVPCFromHostedZoneCommand).resolves(changeInfo);
      await route53.disassociate_vpc_from_zone({ ...vpcArgs, zone_id: '/hostedzone/Z0123' }, fakeCall());
      expect(client.commandCalls(ListTagsForResourceCommand)[0]!.args[0].input).toEqual({ ResourceType: 'hostedzone', ResourceId: 'Z0123' });
      expect(client.commandCalls(DisassociateVPCFromHostedZoneCommand)).toHaveLength(1);
    });

    it('fails with the AWS message, as chaosaws does', async () => {
      client.on(DisassociateVPCFromHostedZoneCommand).rejects(r53Error('LastVPCAssociation', 'The VPC is the last one associated with the zone.'));
      await expect(route53.disassociate_vpc_from_zone(vpcArgs, fakeCall())).rejects.toThrow(/^The VPC is the last one associated with the zone\.$/);
    });

    it('names a missing VPC region instead of sending None', async () => {
      await expect(route53.associate_vpc_with_zone({ zone_id: 'Z0123', vpc_id: 'vpc-1' }, fakeCall())).rejects.toThrow(
        "chaosaws.route53.actions.associate_vpc_with_zone: argument 'vpc_region' must be a string, got NoneType None",
      );
      expect(client.calls()).toHaveLength(0);
    });

    for (const mode of ['refuse', 'plan'] as const) {
      it(`sends no change when the guardrails ${mode === 'refuse' ? 'refuse' : 'only plan'}`, async () => {
        const call = fakeCall({ mode });
        await expect(route53.associate_vpc_with_zone(vpcArgs, call)).rejects.toThrow();
        await expect(route53.disassociate_vpc_from_zone(vpcArgs, call)).rejects.toThrow();
        expect(call.mutations).toHaveLength(2);
        expect(client.commandCalls(AssociateVPCWithHostedZoneCommand)).toHaveLength(0);
        expect(client.commandCalls(DisassociateVPCFromHostedZoneCommand)).toHaveLength(0);
      });
    }
  });

  describe('get_hosted_zone', () => {
    it('returns the zone as boto3 does', async () => {
      client.on(GetHostedZoneCommand).resolves({
        HostedZone: { Id: '/hostedzone/Z0123', Name: 'example.com.', CallerReference: 'ref', ResourceRecordSetCount: 2 },
        VPCs: [{ VPCId: 'vpc-1', VPCRegion: 'us-east-1' }],
        $metadata: meta,
      });
      expect(await route53.get_hosted_zone({ zone_id: 'Z0123' }, fakeCall())).toEqual({
        HostedZone: { Id: '/hostedzone/Z0123', Name: 'example.com.', CallerReference: 'ref', ResourceRecordSetCount: 2 },
        VPCs: [{ VPCId: 'vpc-1', VPCRegion: 'us-east-1' }],
        ResponseMetadata: botoMeta,
      });
      expect(client.commandCalls(GetHostedZoneCommand)[0]!.args[0].input).toEqual({ Id: 'Z0123' });
    });

    it('reads any AWS error as not found, as chaosaws does', async () => {
      client.on(GetHostedZoneCommand).rejects(r53Error('AccessDenied', 'not allowed'));
      await expect(route53.get_hosted_zone({ zone_id: 'Z9' }, fakeCall())).rejects.toThrow('Hosted Zone Z9 not found.');
    });
  });

  describe('get_health_check_status', () => {
    it('returns the observations as boto3 does', async () => {
      const observation = {
        Region: 'us-east-1' as const,
        IPAddress: '192.0.2.1',
        StatusReport: { Status: 'Success: HTTP Status Code 200, OK', CheckedTime: new Date('2024-05-01T12:00:00.250Z') },
      };
      client.on(GetHealthCheckStatusCommand).resolves({ HealthCheckObservations: [observation], $metadata: meta });
      expect(await route53.get_health_check_status({ check_id: 'hc-1' }, fakeCall())).toEqual({
        HealthCheckObservations: [{ ...observation, StatusReport: { ...observation.StatusReport, CheckedTime: '2024-05-01T12:00:00.250000+00:00' } }],
        ResponseMetadata: botoMeta,
      });
      expect(client.commandCalls(GetHealthCheckStatusCommand)[0]!.args[0].input).toEqual({ HealthCheckId: 'hc-1' });
    });

    it('fails when there is no observation, and with the AWS message on an AWS error', async () => {
      client
        .on(GetHealthCheckStatusCommand)
        .resolvesOnce({ HealthCheckObservations: [] })
        .rejectsOnce(r53Error('NoSuchHealthCheck', 'No health check exists with the ID hc-9'));
      await expect(route53.get_health_check_status({ check_id: 'hc-1' }, fakeCall())).rejects.toThrow('No results found for hc-1');
      await expect(route53.get_health_check_status({ check_id: 'hc-9' }, fakeCall())).rejects.toThrow(/^No health check exists with the ID hc-9$/);
    });
  });

  describe('get_dns_answer', () => {
    it('asks AWS for the answer and returns it as boto3 does', async () => {
      client.on(TestDNSAnswerCommand).resolves({
        Nameserver: 'ns-1.awsdns.com',
        RecordName: 'www.example.com',
        RecordType: 'A',
        RecordData: ['192.0.2.1'],
        ResponseCode: 'NOERROR',
        Protocol: 'UDP',
        $metadata: meta,
      });
      const out = await route53.get_dns_answer({ zone_id: 'Z0123', record_name: 'www.example.com', record_type: 'A' }, fakeCall());
      expect(client.commandCalls(TestDNSAnswerCommand)[0]!.args[0].input).toEqual({ HostedZoneId: 'Z0123', RecordName: 'www.example.com', RecordType: 'A' });
      expect(out).toEqual({
        Nameserver: 'ns-1.awsdns.com',
        RecordName: 'www.example.com',
        RecordType: 'A',
        RecordData: ['192.0.2.1'],
        ResponseCode: 'NOERROR',
        Protocol: 'UDP',
        ResponseMetadata: botoMeta,
      });
    });

    it('fails with the AWS message', async () => {
      client.on(TestDNSAnswerCommand).rejects(r53Error('NoSuchHostedZone', 'No hosted zone found with ID: Z9'));
      await expect(route53.get_dns_answer({ zone_id: 'Z9', record_name: 'a', record_type: 'A' }, fakeCall())).rejects.toThrow(
        /^No hosted zone found with ID: Z9$/,
      );
    });
  });
});

describe('chaosaws.route53 against the real chaosaws, on moto', () => {
  let moto: Moto;
  let privateZone: string;
  let publicZone: string;
  let healthCheck: string;
  beforeAll(async () => {
    moto = await startMoto();
    const client = new Route53Client(motoClientConfig(moto.url));
    const zone = await client.send(
      new CreateHostedZoneCommand({
        Name: 'internal.example.',
        CallerReference: 'private',
        VPC: { VPCId: 'vpc-0a', VPCRegion: 'us-east-1' },
        HostedZoneConfig: { PrivateZone: true },
      }),
    );
    privateZone = zone.HostedZone!.Id!.replace('/hostedzone/', '');
    await client.send(new ChangeTagsForResourceCommand({ ResourceType: 'hostedzone', ResourceId: privateZone, AddTags: [{ Key: 'env', Value: 'staging' }] }));
    publicZone = (await client.send(new CreateHostedZoneCommand({ Name: 'example.org.', CallerReference: 'public' }))).HostedZone!.Id!.replace(
      '/hostedzone/',
      '',
    );
    const check = await client.send(
      new CreateHealthCheckCommand({
        CallerReference: 'hc',
        HealthCheckConfig: { Type: 'HTTP', IPAddress: '192.0.2.1', Port: 80, ResourcePath: '/health' },
      }),
    );
    healthCheck = check.HealthCheck!.Id!;
  }, 60_000);
  afterAll(async () => moto?.stop());

  it('returns the same hosted zone, and the same failure for an unknown one', async () => {
    const python = runChaosaws(moto.url, 'chaosaws.route53.probes', 'get_hosted_zone', { zone_id: privateZone });
    expect(python.ok).toBeDefined();
    expect(comparable(await route53.get_hosted_zone({ zone_id: privateZone }, motoCall(moto.url)))).toEqual(comparable(python.ok));
    const missing = runChaosaws(moto.url, 'chaosaws.route53.probes', 'get_hosted_zone', { zone_id: 'ZNOPE' });
    await expect(route53.get_hosted_zone({ zone_id: 'ZNOPE' }, motoCall(moto.url))).rejects.toThrow(missing.message!);
  });

  it('returns the same health check status', async () => {
    const python = runChaosaws(moto.url, 'chaosaws.route53.probes', 'get_health_check_status', { check_id: healthCheck });
    expect(python.ok).toBeDefined();
    expect(comparable(await route53.get_health_check_status({ check_id: healthCheck }, motoCall(moto.url)))).toEqual(comparable(python.ok));
  });

  it('associates and dissociates VPCs with the same responses', async () => {
    const withoutChangeId = (v: unknown) => JSON.parse(JSON.stringify(comparable(v)).replaceAll(/"Id":"[^"]+"/g, '"Id":"<id>"')) as unknown;
    const python = runChaosaws(moto.url, 'chaosaws.route53.actions', 'associate_vpc_with_zone', {
      zone_id: privateZone,
      vpc_id: 'vpc-0b',
      vpc_region: 'us-east-1',
      comment: 'chaos',
    });
    expect(python.ok).toBeDefined();
    const call = motoCall(moto.url);
    const ours = await route53.associate_vpc_with_zone({ zone_id: privateZone, vpc_id: 'vpc-0c', vpc_region: 'us-east-1', comment: 'chaos' }, call);
    expect(withoutChangeId(ours)).toEqual(withoutChangeId(python.ok));
    expect(call.mutations[0]!.targets).toEqual([{ kind: 'route53:hostedzone', id: privateZone, tags: { env: 'staging' } }]);
    const pythonOff = runChaosaws(moto.url, 'chaosaws.route53.actions', 'disassociate_vpc_from_zone', {
      zone_id: privateZone,
      vpc_id: 'vpc-0b',
      vpc_region: 'us-east-1',
    });
    const oursOff = await route53.disassociate_vpc_from_zone({ zone_id: privateZone, vpc_id: 'vpc-0c', vpc_region: 'us-east-1' }, motoCall(moto.url));
    expect(withoutChangeId(oursOff)).toEqual(withoutChangeId(pythonOff.ok));
    const zone = (await route53.get_hosted_zone({ zone_id: privateZone }, motoCall(moto.url))) as { VPCs: { VPCId: string }[] };
    expect(zone.VPCs.map((v) => v.VPCId)).toEqual(['vpc-0a']);
  });

  it('fails the same way on a public zone', async () => {
    const kwargs = { zone_id: publicZone, vpc_id: 'vpc-0b', vpc_region: 'us-east-1' };
    const python = runChaosaws(moto.url, 'chaosaws.route53.actions', 'associate_vpc_with_zone', kwargs);
    expect(python.message).toBeTruthy();
    await expect(route53.associate_vpc_with_zone(kwargs, motoCall(moto.url))).rejects.toThrow(python.message!);
  });
});
