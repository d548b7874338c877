import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { mockClient, type AwsClientStub } from 'aws-sdk-client-mock';
import {
  CreateDBClusterCommand,
  CreateDBInstanceCommand,
  DeleteDBClusterCommand,
  DeleteDBClusterEndpointCommand,
  DeleteDBInstanceCommand,
  DescribeDBClusterEndpointsCommand,
  DescribeDBClustersCommand,
  DescribeDBInstancesCommand,
  DescribeEventsCommand,
  FailoverDBClusterCommand,
  ListTagsForResourceCommand,
  RDSClient,
  RDSServiceException,
  RebootDBInstanceCommand,
  StopDBClusterCommand,
  StopDBInstanceCommand,
} from '@aws-sdk/client-rds';
import * as actions from '../../src/aws/functions/rds-actions.js';
import * as probes from '../../src/aws/functions/rds-probes.js';
import { catalog } from '../../src/aws/catalog/rds.js';
import type { AwsFunction } from '../../src/aws/functions/types.js';
import { checkGuardrails } from '../../src/aws/guardrails.js';
import { fakeCall } from '../support/aws-call.js';
import { comparable, motoCall, motoClientConfig, runChaosaws, startMoto, type Moto } from './moto-compare.js';

const meta = { httpStatusCode: 200, requestId: 'req-1', attempts: 1 };
const botoMeta = { RequestId: 'req-1', HTTPStatusCode: 200, HTTPHeaders: {}, RetryAttempts: 0 };
const rdsError = (name: string, message: string) => new RDSServiceException({ name, $fault: 'client', $metadata: {}, message });
const staging = [{ Key: 'env', Value: 'staging' }];
const noAccount = async (): Promise<string> => {
  throw new Error('the account must not be asked');
};

describe('chaosaws.rds natively (mocked AWS)', () => {
  let rds: AwsClientStub<RDSClient>;
  beforeAll(() => {
    rds = mockClient(RDSClient);
  });
  beforeEach(() => {
    rds.reset();
    rds.on(DescribeDBInstancesCommand).resolves({ DBInstances: [{ DBInstanceIdentifier: 'db-1', TagList: staging }] });
    rds.on(DescribeDBClustersCommand).resolves({ DBClusters: [{ DBClusterIdentifier: 'aurora-1', TagList: staging }] });
  });
  afterAll(() => rds.restore());

  const inputs = (command: Parameters<AwsClientStub<RDSClient>['commandCalls']>[0]) => rds.commandCalls(command).map((c) => c.args[0].input);

  it('declares the actions as mutating and the probes as read-only, with their Python parameters', async () => {
    const byName = Object.fromEntries(catalog.map((e) => [`${e.module}.${e.func}`, e]));
    expect(Object.keys(byName)).toHaveLength(10);
    expect(byName['chaosaws.rds.actions.delete_db_instance']!.mutating).toBe(true);
    expect(byName['chaosaws.rds.probes.instance_status']!.mutating).toBe(false);
    expect(byName['chaosaws.rds.actions.delete_db_instance']!.params.map((p) => [p.name, p.hasDefault])).toEqual([
      ['db_instance_identifier', false],
      ['skip_final_snapshot', true],
      ['db_snapshot_identifier', true],
      ['delete_automated_backups', true],
      ['configuration', true],
      ['secrets', true],
    ]);
    for (const entry of catalog) expect(typeof (await entry.load())).toBe('function');
  });

  describe('failover_db_cluster', () => {
    it('leaves the target out when none is given (chaosaws sends None, which boto3 rejects) and returns the boto3 shape', async () => {
      rds.on(FailoverDBClusterCommand).resolves({
        DBCluster: { DBClusterIdentifier: 'aurora-1', Status: 'failing-over', ClusterCreateTime: new Date('2024-05-01T12:00:00Z') },
        $metadata: meta,
      });
      const call = fakeCall();
      const out = await actions.failover_db_cluster({ db_cluster_identifier: 'aurora-1' }, call);
      expect(inputs(FailoverDBClusterCommand)).toEqual([{ DBClusterIdentifier: 'aurora-1' }]);
      expect(out).toEqual({
        DBCluster: { DBClusterIdentifier: 'aurora-1', Status: 'failing-over', ClusterCreateTime: '2024-05-01T12:00:00+00:00' },
        ResponseMetadata: botoMeta,
      });
      expect(call.mutations).toEqual([{ operation: 'rds:FailoverDBCluster', targets: [{ kind: 'rds:db-cluster', id: 'aurora-1', tags: { env: 'staging' } }] }]);
    });

    it('names the instance to promote and lists it as a target too', async () => {
      rds.on(FailoverDBClusterCommand).resolves({ DBCluster: { DBClusterIdentifier: 'aurora-1' } });
      const call = fakeCall();
      await actions.failover_db_cluster({ db_cluster_identifier: 'aurora-1', target_db_instance_identifier: 'db-1' }, call);
      expect(inputs(FailoverDBClusterCommand)).toEqual([{ DBClusterIdentifier: 'aurora-1', TargetDBInstanceIdentifier: 'db-1' }]);
      expect(call.mutations[0]!.targets.map((t) => `${t.kind}/${t.id}`)).toEqual(['rds:db-cluster/aurora-1', 'rds:db-instance/db-1']);
    });

    it('counts the instance promoted, not the cluster it fails over within: the default max-targets of 1 allows it', async () => {
      rds.on(FailoverDBClusterCommand).resolves({ DBCluster: { DBClusterIdentifier: 'aurora-1' } });
      const call = fakeCall();
      await actions.failover_db_cluster({ db_cluster_identifier: 'aurora-1', target_db_instance_identifier: 'db-1' }, call);
      const targets = call.mutations[0]!.targets;
      expect(targets).toEqual([
        { kind: 'rds:db-cluster', id: 'aurora-1', tags: { env: 'staging' }, counted: false },
        { kind: 'rds:db-instance', id: 'db-1', tags: { env: 'staging' } },
      ]);
      expect(await checkGuardrails({}, targets, noAccount)).toEqual({ allowed: true, refusals: [] });
      // The cluster's tags are checked all the same.
      rds.on(DescribeDBClustersCommand).resolves({ DBClusters: [{ DBClusterIdentifier: 'aurora-1', TagList: [{ Key: 'env', Value: 'prod' }] }] });
      const prod = fakeCall();
      await actions.failover_db_cluster({ db_cluster_identifier: 'aurora-1', target_db_instance_identifier: 'db-1' }, prod);
      expect((await checkGuardrails({ requiredTags: { env: 'staging' } }, prod.mutations[0]!.targets, noAccount)).refusals).toEqual([
        'required-tags env=staging: rds:db-cluster aurora-1 has env=prod',
      ]);
      // Without a target, the cluster is what fails over, and it counts.
      const whole = fakeCall();
      await actions.failover_db_cluster({ db_cluster_identifier: 'aurora-1' }, whole);
      expect(whole.mutations[0]!.targets[0]!.counted).toBeUndefined();
      expect((await checkGuardrails({ maxTargets: 0 }, whole.mutations[0]!.targets, noAccount)).refusals).toEqual([
        'max-targets is 0 but the call would touch 1 resources (aurora-1)',
      ]);
    });

    it('confirms the failover by the new writer, and not on a cluster with no reader to fail over to', async () => {
      const members = (writer: string) => ({
        DBClusters: [
          {
            DBClusterIdentifier: 'aurora-1',
            TagList: staging,
            DBClusterMembers: [
              { DBInstanceIdentifier: 'db-1', IsClusterWriter: writer === 'db-1' },
              { DBInstanceIdentifier: 'db-2', IsClusterWriter: writer === 'db-2' },
            ],
          },
        ],
      });
      rds.on(FailoverDBClusterCommand).resolves({ DBCluster: { DBClusterIdentifier: 'aurora-1' } });
      rds.on(DescribeDBClustersCommand).resolvesOnce(members('db-1')).resolvesOnce(members('db-1')).resolvesOnce(members('db-1')).resolves(members('db-2'));
      rds.on(DescribeEventsCommand).resolves({ Events: [] });
      const call = fakeCall({ confirmTimeoutMs: 30_000 });
      await actions.failover_db_cluster({ db_cluster_identifier: 'aurora-1' }, call);
      expect(call.confirmations).toEqual([{ fault: 'rds:FailoverDBCluster aurora-1', confirmed: true, seen: 'the writer of aurora-1 is now db-2 (was db-1)' }]);

      rds.on(DescribeDBClustersCommand).resolves({
        DBClusters: [{ DBClusterIdentifier: 'aurora-1', TagList: staging, DBClusterMembers: [{ DBInstanceIdentifier: 'db-1', IsClusterWriter: true }] }],
      });
      const single = fakeCall({ confirmTimeoutMs: 30_000 });
      await actions.failover_db_cluster({ db_cluster_identifier: 'aurora-1' }, single);
      expect(single.confirmations.map((c) => [c.confirmed, c.seen])).toEqual([
        [false, 'cluster aurora-1 has a single instance: there is no reader to fail over to'],
      ]);
    });

    it('refuses an empty cluster identifier before calling AWS', async () => {
      await expect(actions.failover_db_cluster({ db_cluster_identifier: '' }, fakeCall())).rejects.toThrow('you must specify the db cluster identifier');
      expect(rds.calls()).toHaveLength(0);
    });

    it("folds an AWS error into chaosaws's message, with botocore's text", async () => {
      rds.on(FailoverDBClusterCommand).rejects(rdsError('DBClusterNotFoundFault', 'DBCluster aurora-9 not found.'));
      await expect(actions.failover_db_cluster({ db_cluster_identifier: 'aurora-9' }, fakeCall())).rejects.toThrow(
        "failed issuing a failover for DB cluster 'aurora-9': 'An error occurred (DBClusterNotFoundFault) when calling the FailoverDBCluster operation: DBCluster aurora-9 not found.'",
      );
    });
  });

  describe('reboot_db_instance', () => {
    it('sends ForceFailover false by default and as given otherwise', async () => {
      rds.on(RebootDBInstanceCommand).resolves({ DBInstance: { DBInstanceIdentifier: 'db-1', DBInstanceStatus: 'rebooting' }, $metadata: meta });
      const out = await actions.reboot_db_instance({ db_instance_identifier: 'db-1' }, fakeCall());
      await actions.reboot_db_instance({ db_instance_identifier: 'db-1', force_failover: true }, fakeCall());
      expect(inputs(RebootDBInstanceCommand)).toEqual([
        { DBInstanceIdentifier: 'db-1', ForceFailover: false },
        { DBInstanceIdentifier: 'db-1', ForceFailover: true },
      ]);
      expect(out).toEqual({ DBInstance: { DBInstanceIdentifier: 'db-1', DBInstanceStatus: 'rebooting' }, ResponseMetadata: botoMeta });
    });

    it('fails clearly on a force_failover that is not a boolean, before calling AWS', async () => {
      await expect(actions.reboot_db_instance({ db_instance_identifier: 'db-1', force_failover: 'yes' }, fakeCall())).rejects.toThrow(
        "chaosaws.rds.actions.reboot_db_instance: argument 'force_failover' must be true or false, got str 'yes'",
      );
      expect(rds.calls()).toHaveLength(0);
    });

    describe('confirms a forced failover from AWS itself', () => {
      const multiAz = (az: string) => ({ DBInstances: [{ DBInstanceIdentifier: 'db-1', TagList: staging, MultiAZ: true, AvailabilityZone: az }] });
      beforeEach(() => {
        rds.on(RebootDBInstanceCommand).resolves({ DBInstance: { DBInstanceIdentifier: 'db-1', DBInstanceStatus: 'rebooting' }, $metadata: meta });
        rds.on(DescribeDBInstancesCommand).resolves(multiAz('eu-west-1a'));
      });

      it('is confirmed by a failover event that RDS lists a few seconds later', async () => {
        const started = new Date('2026-12-07T20:00:05Z');
        rds
          .on(DescribeEventsCommand)
          .resolvesOnce({ Events: [] })
          .resolves({
            Events: [
              { SourceIdentifier: 'db-1', EventCategories: ['notification'], Message: 'DB instance restarted' },
              { SourceIdentifier: 'db-1', EventCategories: ['failover'], Message: 'Multi-AZ instance failover started.', Date: started },
            ],
          });
        const call = fakeCall({ confirmTimeoutMs: 60_000 });
        await actions.reboot_db_instance({ db_instance_identifier: 'db-1', force_failover: true }, call);
        expect(call.confirmations).toEqual([
          {
            fault: 'rds:RebootDBInstance (force failover) db-1',
            confirmed: true,
            seen: 'RDS event "Multi-AZ instance failover started." at 2026-12-07T20:00:05.000Z',
          },
        ]);
        const asked = inputs(DescribeEventsCommand);
        expect(asked).toHaveLength(2);
        expect(asked[0]).toMatchObject({ SourceIdentifier: 'db-1', SourceType: 'db-instance' });
        expect(asked[0]!.StartTime).toBeInstanceOf(Date);
      });

      it('is confirmed by the primary now being in the other availability zone', async () => {
        rds.on(DescribeDBInstancesCommand).resolvesOnce(multiAz('eu-west-1a')).resolvesOnce(multiAz('eu-west-1a')).resolves(multiAz('eu-west-1b'));
        rds.on(DescribeEventsCommand).resolves({ Events: [] });
        const call = fakeCall({ confirmTimeoutMs: 60_000 });
        await actions.reboot_db_instance({ db_instance_identifier: 'db-1', force_failover: true }, call);
        expect(call.confirmations.map((c) => [c.confirmed, c.seen])).toEqual([[true, 'the primary of db-1 moved from eu-west-1a to eu-west-1b']]);
      });

      it('is not confirmed when AWS shows no failover within the timeout, and says what it saw', async () => {
        rds.on(DescribeEventsCommand).resolves({ Events: [{ SourceIdentifier: 'db-1', EventCategories: ['notification'], Message: 'DB instance restarted' }] });
        const call = fakeCall({ confirmTimeoutMs: 20_000 });
        const out = await actions.reboot_db_instance({ db_instance_identifier: 'db-1', force_failover: true }, call);
        // The action's output is chaosaws's, whatever the confirmation says.
        expect(out).toEqual({ DBInstance: { DBInstanceIdentifier: 'db-1', DBInstanceStatus: 'rebooting' }, ResponseMetadata: botoMeta });
        expect(call.confirmations).toEqual([
          {
            fault: 'rds:RebootDBInstance (force failover) db-1',
            confirmed: false,
            seen: 'no failover event for db-1 in RDS DescribeEvents, and its primary is still in eu-west-1a (still so after 20 s, the fault-confirm-timeout)',
          },
        ]);
        // Looked at 0, 5, 10, 15 and 20 s.
        expect(inputs(DescribeEventsCommand)).toHaveLength(5);
      });

      it('does not take a refused failover (RDS-EVENT-0034) for one', async () => {
        rds.on(DescribeEventsCommand).resolves({
          Events: [
            {
              SourceIdentifier: 'db-1',
              EventCategories: ['failover'],
              Message: 'Amazon RDS is not attempting a requested failover because a failover recently occurred on the DB instance.',
            },
          ],
        });
        const call = fakeCall();
        await actions.reboot_db_instance({ db_instance_identifier: 'db-1', force_failover: true }, call);
        expect(call.confirmations.map((c) => c.confirmed)).toEqual([false]);
      });

      it('is not confirmed at once on an instance that is not Multi-AZ', async () => {
        rds
          .on(DescribeDBInstancesCommand)
          .resolves({ DBInstances: [{ DBInstanceIdentifier: 'db-1', TagList: staging, MultiAZ: false, AvailabilityZone: 'eu-west-1a' }] });
        const call = fakeCall({ confirmTimeoutMs: 60_000 });
        await actions.reboot_db_instance({ db_instance_identifier: 'db-1', force_failover: true }, call);
        expect(call.confirmations.map((c) => [c.confirmed, c.seen])).toEqual([[false, 'db-1 is not Multi-AZ: there is no standby to fail over to']]);
        expect(inputs(DescribeEventsCommand)).toHaveLength(0);
      });

      it('confirms nothing for a plain reboot (no failover was asked)', async () => {
        const call = fakeCall();
        await actions.reboot_db_instance({ db_instance_identifier: 'db-1' }, call);
        expect(call.confirmations).toEqual([]);
      });
    });

    it('reports an AWS error as chaosaws does', async () => {
      rds.on(RebootDBInstanceCommand).rejects(rdsError('InvalidDBInstanceState', 'Instance db-1 is not in available state.'));
      await expect(actions.reboot_db_instance({ db_instance_identifier: 'db-1' }, fakeCall())).rejects.toThrow(
        "failed issuing a reboot of db instance 'db-1': 'An error occurred (InvalidDBInstanceState) when calling the RebootDBInstance operation: Instance db-1 is not in available state.'",
      );
    });
  });

  describe('stop_db_instance and stop_db_cluster', () => {
    it('sends the snapshot identifier only when one is given', async () => {
      rds.on(StopDBInstanceCommand).resolves({ DBInstance: { DBInstanceIdentifier: 'db-1', DBInstanceStatus: 'stopping' } });
      await actions.stop_db_instance({ db_instance_identifier: 'db-1' }, fakeCall());
      await actions.stop_db_instance({ db_instance_identifier: 'db-1', db_snapshot_identifier: 'before-stop' }, fakeCall());
      expect(inputs(StopDBInstanceCommand)).toEqual([{ DBInstanceIdentifier: 'db-1' }, { DBInstanceIdentifier: 'db-1', DBSnapshotIdentifier: 'before-stop' }]);
    });

    it('words AWS errors with the AWS message only, as chaosaws does', async () => {
      rds.on(StopDBInstanceCommand).rejects(rdsError('InvalidDBInstanceState', 'Instance db-1 cannot be stopped.'));
      rds.on(StopDBClusterCommand).rejects(rdsError('InvalidDBClusterStateFault', 'Cluster is not available.'));
      await expect(actions.stop_db_instance({ db_instance_identifier: 'db-1' }, fakeCall())).rejects.toThrow(
        'Failed to stop RDS DB instance db-1: Instance db-1 cannot be stopped.',
      );
      await expect(actions.stop_db_cluster({ db_cluster_identifier: 'aurora-1' }, fakeCall())).rejects.toThrow(
        'Failed to stop RDS DB Cluster aurora-1: Cluster is not available.',
      );
    });

    it('stops a cluster and returns the response', async () => {
      rds.on(StopDBClusterCommand).resolves({ DBCluster: { DBClusterIdentifier: 'aurora-1', Status: 'stopping' }, $metadata: meta });
      const call = fakeCall();
      expect(await actions.stop_db_cluster({ db_cluster_identifier: 'aurora-1' }, call)).toEqual({
        DBCluster: { DBClusterIdentifier: 'aurora-1', Status: 'stopping' },
        ResponseMetadata: botoMeta,
      });
      expect(inputs(StopDBClusterCommand)).toEqual([{ DBClusterIdentifier: 'aurora-1' }]);
      expect(call.mutations[0]!.targets).toEqual([{ kind: 'rds:db-cluster', id: 'aurora-1', tags: { env: 'staging' } }]);
    });

    it('names a missing identifier clearly instead of sending None', async () => {
      await expect(actions.stop_db_instance({ db_instance_identifier: null }, fakeCall())).rejects.toThrow(
        "chaosaws.rds.actions.stop_db_instance: argument 'db_instance_identifier' must be a string, got NoneType None",
      );
      expect(rds.calls()).toHaveLength(0);
    });
  });

  describe('delete_db_instance and delete_db_cluster', () => {
    it('skips the final snapshot and deletes automated backups by default', async () => {
      rds.on(DeleteDBInstanceCommand).resolves({ DBInstance: { DBInstanceIdentifier: 'db-1', DBInstanceStatus: 'deleting' } });
      rds.on(DeleteDBClusterCommand).resolves({ DBCluster: { DBClusterIdentifier: 'aurora-1', Status: 'deleting' } });
      await actions.delete_db_instance({ db_instance_identifier: 'db-1' }, fakeCall());
      await actions.delete_db_cluster({ db_cluster_identifier: 'aurora-1' }, fakeCall());
      expect(inputs(DeleteDBInstanceCommand)).toEqual([{ DBInstanceIdentifier: 'db-1', DeleteAutomatedBackups: true, SkipFinalSnapshot: true }]);
      expect(inputs(DeleteDBClusterCommand)).toEqual([{ DBClusterIdentifier: 'aurora-1', SkipFinalSnapshot: true }]);
    });

    it('takes a final snapshot when asked, under the given name', async () => {
      rds.on(DeleteDBInstanceCommand).resolves({});
      rds.on(DeleteDBClusterCommand).resolves({});
      const snapshot = { skip_final_snapshot: false, db_snapshot_identifier: 'final' };
      await actions.delete_db_instance({ db_instance_identifier: 'db-1', delete_automated_backups: false, ...snapshot }, fakeCall());
      await actions.delete_db_cluster({ db_cluster_identifier: 'aurora-1', ...snapshot }, fakeCall());
      expect(inputs(DeleteDBInstanceCommand)).toEqual([
        { DBInstanceIdentifier: 'db-1', DeleteAutomatedBackups: false, SkipFinalSnapshot: false, FinalDBSnapshotIdentifier: 'final' },
      ]);
      expect(inputs(DeleteDBClusterCommand)).toEqual([{ DBClusterIdentifier: 'aurora-1', SkipFinalSnapshot: false, FinalDBSnapshotIdentifier: 'final' }]);
    });

    it('refuses to take a final snapshot without its name, before anything is deleted', async () => {
      const message = 'You must provide a snapshot identifier if taking a final DB snapshot';
      await expect(actions.delete_db_instance({ db_instance_identifier: 'db-1', skip_final_snapshot: false }, fakeCall())).rejects.toThrow(message);
      await expect(actions.delete_db_cluster({ db_cluster_identifier: 'aurora-1', skip_final_snapshot: false }, fakeCall())).rejects.toThrow(message);
      expect(rds.calls()).toHaveLength(0);
    });

    it('words AWS errors as chaosaws does', async () => {
      rds.on(DeleteDBInstanceCommand).rejects(rdsError('DBInstanceNotFound', 'DBInstance db-9 not found.'));
      rds.on(DeleteDBClusterCommand).rejects(rdsError('DBClusterNotFoundFault', 'DBCluster aurora-9 not found.'));
      await expect(actions.delete_db_instance({ db_instance_identifier: 'db-9' }, fakeCall())).rejects.toThrow(
        'Failed to delete RDS DB instance db-9: DBInstance db-9 not found.',
      );
      await expect(actions.delete_db_cluster({ db_cluster_identifier: 'aurora-9' }, fakeCall())).rejects.toThrow(
        'Failed to delete RDS DB cluster aurora-9: DBCluster aurora-9 not found.',
      );
    });
  });

  describe('delete_db_cluster_endpoint', () => {
    const writer = { DBClusterEndpointIdentifier: 'aurora-1', EndpointType: 'WRITER', Endpoint: 'aurora-1.cluster-abc.us-east-1.rds.amazonaws.com' };
    const custom = (id: string) => ({
      DBClusterEndpointIdentifier: id,
      EndpointType: 'CUSTOM',
      Endpoint: `${id}.cluster-custom-abc.us-east-1.rds.amazonaws.com`,
      DBClusterEndpointArn: `arn:aws:rds:us-east-1:123456789012:cluster-endpoint:${id}`,
    });

    it("deletes the cluster's custom endpoint by its identifier, not by the writer's hostname as chaosaws did", async () => {
      rds.on(DescribeDBClustersCommand).resolves({ DBClusters: [{ DBClusterIdentifier: 'aurora-1', Endpoint: writer.Endpoint }] });
      rds
        .on(DescribeDBClusterEndpointsCommand)
        .resolvesOnce({ DBClusterEndpoints: [writer], Marker: 'page-2' })
        .resolvesOnce({ DBClusterEndpoints: [custom('readers')] });
      rds.on(ListTagsForResourceCommand).resolves({ TagList: staging });
      rds.on(DeleteDBClusterEndpointCommand).resolves({ DBClusterEndpointIdentifier: 'readers', Status: 'deleting', $metadata: meta });
      const call = fakeCall();
      const out = await actions.delete_db_cluster_endpoint({ db_cluster_identifier: 'aurora-1' }, call);
      expect(inputs(DescribeDBClusterEndpointsCommand)).toEqual([{ DBClusterIdentifier: 'aurora-1' }, { DBClusterIdentifier: 'aurora-1', Marker: 'page-2' }]);
      expect(inputs(DeleteDBClusterEndpointCommand)).toEqual([{ DBClusterEndpointIdentifier: 'readers' }]);
      expect(out).toEqual({ DBClusterEndpointIdentifier: 'readers', Status: 'deleting', ResponseMetadata: botoMeta });
      expect(call.mutations).toEqual([
        { operation: 'rds:DeleteDBClusterEndpoint', targets: [{ kind: 'rds:db-cluster-endpoint', id: 'readers', tags: { env: 'staging' } }] },
      ]);
    });

    it('fails when the cluster has no custom endpoint, or several to choose from', async () => {
      rds
        .on(DescribeDBClusterEndpointsCommand)
        .resolvesOnce({ DBClusterEndpoints: [writer] })
        .resolvesOnce({ DBClusterEndpoints: [custom('a'), custom('b')] });
      await expect(actions.delete_db_cluster_endpoint({ db_cluster_identifier: 'aurora-1' }, fakeCall())).rejects.toThrow(
        'cluster aurora-1 has no custom endpoint to delete',
      );
      await expect(actions.delete_db_cluster_endpoint({ db_cluster_identifier: 'aurora-1' }, fakeCall())).rejects.toThrow(
        'cluster aurora-1 has 2 custom endpoints (a, b); delete_db_cluster_endpoint deletes',
      );
      expect(inputs(DeleteDBClusterEndpointCommand)).toHaveLength(0);
    });

    it('reports an unknown cluster as chaosaws does', async () => {
      rds.on(DescribeDBClustersCommand).rejects(rdsError('DBClusterNotFoundFault', 'DBCluster aurora-9 not found.'));
      await expect(actions.delete_db_cluster_endpoint({ db_cluster_identifier: 'aurora-9' }, fakeCall())).rejects.toThrow(
        'unable to identify cluster aurora-9: DBCluster aurora-9 not found.',
      );
    });
  });

  it('leaves tags unknown when they cannot be read, and still sends the call', async () => {
    rds.on(DescribeDBInstancesCommand).rejects(rdsError('AccessDenied', 'not allowed to describe'));
    rds.on(RebootDBInstanceCommand).resolves({ DBInstance: { DBInstanceIdentifier: 'db-1' } });
    const call = fakeCall();
    await actions.reboot_db_instance({ db_instance_identifier: 'db-1' }, call);
    expect(call.mutations[0]!.targets).toEqual([{ kind: 'rds:db-instance', id: 'db-1', tags: undefined }]);
    expect(inputs(RebootDBInstanceCommand)).toHaveLength(1);
  });

  describe('sends no mutating command when a guardrail refuses or in a dry run', () => {
    const cases: [string, AwsFunction, Record<string, unknown>, Parameters<AwsClientStub<RDSClient>['commandCalls']>[0]][] = [
      ['failover_db_cluster', actions.failover_db_cluster, { db_cluster_identifier: 'aurora-1' }, FailoverDBClusterCommand],
      ['reboot_db_instance', actions.reboot_db_instance, { db_instance_identifier: 'db-1' }, RebootDBInstanceCommand],
      ['stop_db_instance', actions.stop_db_instance, { db_instance_identifier: 'db-1' }, StopDBInstanceCommand],
      ['stop_db_cluster', actions.stop_db_cluster, { db_cluster_identifier: 'aurora-1' }, StopDBClusterCommand],
      ['delete_db_instance', actions.delete_db_instance, { db_instance_identifier: 'db-1' }, DeleteDBInstanceCommand],
      ['delete_db_cluster', actions.delete_db_cluster, { db_cluster_identifier: 'aurora-1' }, DeleteDBClusterCommand],
      ['delete_db_cluster_endpoint', actions.delete_db_cluster_endpoint, { db_cluster_identifier: 'aurora-1' }, DeleteDBClusterEndpointCommand],
    ];
    for (const mode of ['refuse', 'plan'] as const) {
      it.each(cases)(`${mode}: %s`, async (_name, fn, args, command) => {
        rds.on(DescribeDBClusterEndpointsCommand).resolves({ DBClusterEndpoints: [{ DBClusterEndpointIdentifier: 'readers', EndpointType: 'CUSTOM' }] });
        const call = fakeCall({ mode });
        await expect(fn(args, call)).rejects.toThrow();
        expect(call.mutations).toHaveLength(1);
        expect(rds.commandCalls(command)).toHaveLength(0);
      });
    }
  });

  describe('instance_status and cluster_status', () => {
    it('returns the one status all matching instances share, across pages', async () => {
      rds
        .on(DescribeDBInstancesCommand)
        .resolvesOnce({ DBInstances: [{ DBInstanceStatus: 'available' }], Marker: 'm2' })
        .resolvesOnce({ DBInstances: [{ DBInstanceStatus: 'available' }] });
      const filters = [{ Name: 'engine', Values: ['postgres'] }];
      expect(await probes.instance_status({ filters }, fakeCall())).toBe('available');
      expect(inputs(DescribeDBInstancesCommand)).toEqual([{ Filters: filters }, { Filters: filters, Marker: 'm2' }]);
    });

    it('returns the distinct statuses when the instances disagree', async () => {
      rds.on(DescribeDBInstancesCommand).resolves({
        DBInstances: [{ DBInstanceStatus: 'available' }, { DBInstanceStatus: 'rebooting' }, { DBInstanceStatus: 'available' }],
      });
      expect(await probes.instance_status({ filters: [{ Name: 'engine', Values: ['mysql'] }] }, fakeCall())).toEqual(['available', 'rebooting']);
    });

    it('asks for one instance by identifier', async () => {
      rds.on(DescribeDBInstancesCommand).resolves({ DBInstances: [{ DBInstanceStatus: 'stopped' }] });
      expect(await probes.instance_status({ instance_id: 'db-1' }, fakeCall())).toBe('stopped');
      expect(inputs(DescribeDBInstancesCommand)).toEqual([{ DBInstanceIdentifier: 'db-1' }]);
    });

    it('needs exactly one of an identifier and filters', async () => {
      await expect(probes.instance_status({}, fakeCall())).rejects.toThrow('instance_id or filters are required');
      await expect(probes.instance_status({ instance_id: 'db-1', filters: [{ Name: 'engine', Values: ['x'] }] }, fakeCall())).rejects.toThrow(
        'instance_id or filters are required',
      );
      await expect(probes.cluster_status({ filters: [] }, fakeCall())).rejects.toThrow('cluster_id or filters are required');
      expect(rds.calls()).toHaveLength(0);
    });

    it('fails when filters match nothing (chaosaws meant to, but returned [])', async () => {
      rds.on(DescribeDBInstancesCommand).resolves({ DBInstances: [] });
      rds.on(DescribeDBClustersCommand).resolves({ DBClusters: [] });
      await expect(probes.instance_status({ filters: [{ Name: 'engine', Values: ['postgres'] }] }, fakeCall())).rejects.toThrow(
        "no instance(s) found matching [{'Name': 'engine', 'Values': ['postgres']}]",
      );
      await expect(probes.cluster_status({ filters: [{ Name: 'engine', Values: ['aurora'] }] }, fakeCall())).rejects.toThrow(
        "no cluster(s) found matching [{'Name': 'engine', 'Values': ['aurora']}]",
      );
    });

    it('explains a filter written with Value instead of Values', async () => {
      await expect(probes.instance_status({ filters: [{ Name: 'engine', Value: 'postgres' }] }, fakeCall())).rejects.toThrow(
        `chaosaws.rds.probes.instance_status: argument 'filters' item 0 has unknown key(s) Value: only "Name" and "Values" are allowed ("Values" takes a list, even of one value)`,
      );
      await expect(probes.cluster_status({ filters: [{ Name: 'engine', Values: 'aurora' }] }, fakeCall())).rejects.toThrow(
        `argument 'filters' item 0 needs "Values" as a list of strings, got 'aurora'`,
      );
      expect(rds.calls()).toHaveLength(0);
    });

    it('reports an unknown instance with botocore text', async () => {
      rds.on(DescribeDBInstancesCommand).rejects(rdsError('DBInstanceNotFound', 'DBInstance db-9 not found.'));
      await expect(probes.instance_status({ instance_id: 'db-9' }, fakeCall())).rejects.toThrow(
        'An error occurred (DBInstanceNotFound) when calling the DescribeDBInstances operation: DBInstance db-9 not found.',
      );
    });

    it('gives the cluster statuses the same way', async () => {
      rds.on(DescribeDBClustersCommand).resolves({ DBClusters: [{ Status: 'available' }, { Status: 'backing-up' }] });
      expect(await probes.cluster_status({ filters: [{ Name: 'engine', Values: ['aurora-postgresql'] }] }, fakeCall())).toEqual(['available', 'backing-up']);
      rds.on(DescribeDBClustersCommand).resolves({ DBClusters: [{ Status: 'available' }] });
      expect(await probes.cluster_status({ cluster_id: 'aurora-1' }, fakeCall())).toBe('available');
    });
  });

  describe('cluster_membership_count', () => {
    it('counts the members of the cluster', async () => {
      rds.on(DescribeDBClustersCommand).resolves({
        DBClusters: [{ DBClusterIdentifier: 'aurora-1', DBClusterMembers: [{ DBInstanceIdentifier: 'a' }, { DBInstanceIdentifier: 'b' }] }],
      });
      expect(await probes.cluster_membership_count({ cluster_id: 'aurora-1' }, fakeCall())).toBe(2);
      expect(inputs(DescribeDBClustersCommand)).toEqual([{ DBClusterIdentifier: 'aurora-1' }]);
    });

    it('needs a cluster identifier', async () => {
      await expect(probes.cluster_membership_count({ cluster_id: null }, fakeCall())).rejects.toThrow(
        "argument 'cluster_id' must be a cluster identifier (a non-empty string), got NoneType None",
      );
    });
  });
});

describe('chaosaws.rds against the real chaosaws, on moto', () => {
  let moto: Moto;
  beforeAll(async () => {
    moto = await startMoto();
    const rds = new RDSClient(motoClientConfig(moto.url));
    for (const id of ['py-db', 'ts-db']) {
      await rds.send(
        new CreateDBInstanceCommand({
          DBInstanceIdentifier: id,
          DBInstanceClass: 'db.t3.micro',
          Engine: 'postgres',
          AllocatedStorage: 20,
          MasterUsername: 'admin',
          MasterUserPassword: 'not-a-secret-1',
          Tags: [{ Key: 'env', Value: 'staging' }],
        }),
      );
    }
    await rds.send(
      new CreateDBClusterCommand({
        DBClusterIdentifier: 'aurora-1',
        Engine: 'aurora-postgresql',
        MasterUsername: 'admin',
        MasterUserPassword: 'not-a-secret-1',
      }),
    );
  }, 60_000);
  afterAll(async () => moto?.stop());

  it('reports the same instance status, by identifier and by filters', async () => {
    for (const kwargs of [{ instance_id: 'py-db' }, { filters: [{ Name: 'engine', Values: ['postgres'] }] }]) {
      const python = runChaosaws(moto.url, 'chaosaws.rds.probes', 'instance_status', kwargs);
      expect(python.ok).toBeDefined();
      expect(await probes.instance_status(kwargs, motoCall(moto.url))).toEqual(python.ok);
    }
  });

  it('reboots an instance with the same response', async () => {
    const python = runChaosaws(moto.url, 'chaosaws.rds.actions', 'reboot_db_instance', { db_instance_identifier: 'py-db' });
    expect(python.ok).toBeDefined();
    const call = motoCall(moto.url);
    const ours = await actions.reboot_db_instance({ db_instance_identifier: 'ts-db' }, call);
    const named = (v: unknown) => JSON.parse(JSON.stringify(comparable(v)).replaceAll(/(py|ts)-db/g, '<db>')) as unknown;
    expect(named(ours)).toEqual(named(python.ok));
    expect(call.mutations[0]!.targets).toEqual([{ kind: 'rds:db-instance', id: 'ts-db', tags: { env: 'staging' } }]);
  });

  it('finds no failover after a forced one: moto does not fail over, so the fault is not confirmed', async () => {
    const rds = new RDSClient(motoClientConfig(moto.url));
    await rds.send(
      new CreateDBInstanceCommand({
        DBInstanceIdentifier: 'multi-az-db',
        DBInstanceClass: 'db.t3.micro',
        Engine: 'postgres',
        AllocatedStorage: 20,
        MultiAZ: true,
        MasterUsername: 'admin',
        MasterUserPassword: 'not-a-secret-1',
      }),
    );
    rds.destroy();
    const call = motoCall(moto.url);
    await actions.reboot_db_instance({ db_instance_identifier: 'multi-az-db', force_failover: true }, call);
    expect(call.confirmations).toHaveLength(1);
    expect(call.confirmations[0]).toMatchObject({ fault: 'rds:RebootDBInstance (force failover) multi-az-db', confirmed: false });
    expect(call.confirmations[0]!.seen).toMatch(/^no failover event for multi-az-db in RDS DescribeEvents, and its primary is still in us-east-1/);
  });

  it('fails on an unknown instance with the same message', async () => {
    const python = runChaosaws(moto.url, 'chaosaws.rds.actions', 'stop_db_instance', { db_instance_identifier: 'nope' });
    expect(python.message).toMatch(/^Failed to stop RDS DB instance nope: /);
    await expect(actions.stop_db_instance({ db_instance_identifier: 'nope' }, motoCall(moto.url))).rejects.toThrow(python.message!);
  });

  it('counts cluster members the same way', async () => {
    const python = runChaosaws(moto.url, 'chaosaws.rds.probes', 'cluster_membership_count', { cluster_id: 'aurora-1' });
    expect(python.ok).toBeDefined();
    expect(await probes.cluster_membership_count({ cluster_id: 'aurora-1' }, motoCall(moto.url))).toBe(python.ok);
  });
});
