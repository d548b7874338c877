// chaosaws.rds.actions natively: failovers, reboots, stops and deletions of RDS instances and
// Aurora clusters. Each function returns the AWS response as boto3 returns it and fails with
// chaosaws's messages. Two chaosaws bugs are fixed here (see failover_db_cluster and
// delete_db_cluster_endpoint).
import {
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
  RebootDBInstanceCommand,
  StopDBClusterCommand,
  StopDBInstanceCommand,
  type DBCluster,
  type DBClusterEndpoint,
} from '@aws-sdk/client-rds';
import { ActivityFailed } from '../../contract/provider.js';
import { awsMessage, boto } from './boto-error.js';
import { botoResponse } from './boto-shape.js';
import { exceptionText } from './exception-text.js';
import { PyArgs } from './py-args.js';
import { lookupTags, tagListToMap } from './target-tags.js';
import { container, type AwsCall, type AwsTarget, type Observation } from './types.js';

const MODULE = 'chaosaws.rds.actions';

async function instanceTarget(call: AwsCall, rds: RDSClient, id: string): Promise<AwsTarget> {
  const tags = await lookupTags(call.signal, async () => {
    const out = await rds.send(new DescribeDBInstancesCommand({ DBInstanceIdentifier: id }), { abortSignal: call.signal });
    const instance = out.DBInstances?.[0];
    return instance ? tagListToMap(instance.TagList) : undefined;
  });
  return { kind: 'rds:db-instance', id, tags };
}

async function clusterTarget(call: AwsCall, rds: RDSClient, id: string): Promise<AwsTarget> {
  const tags = await lookupTags(call.signal, async () => {
    const out = await rds.send(new DescribeDBClustersCommand({ DBClusterIdentifier: id }), { abortSignal: call.signal });
    const cluster = out.DBClusters?.[0];
    return cluster ? tagListToMap(cluster.TagList) : undefined;
  });
  return { kind: 'rds:db-cluster', id, tags };
}

/**
 * chaosaws passes TargetDBInstanceIdentifier=None to boto3 when no target is given, which boto3
 * rejects before sending ("Invalid type for parameter TargetDBInstanceIdentifier, value: None"), so
 * a failover without a target never worked there. Here the parameter is left out, as AWS intends:
 * AWS then promotes the replica it chooses.
 */
export async function failover_db_cluster(args: Readonly<Record<string, unknown>>, call: AwsCall): Promise<unknown> {
  const a = new PyArgs(`${MODULE}.failover_db_cluster`, args);
  const rds = await call.client(RDSClient);
  const clusterId = a.str('db_cluster_identifier');
  if (!clusterId) throw new ActivityFailed('you must specify the db cluster identifier');
  const targetId = a.str('target_db_instance_identifier');
  // With a target, that instance is what the failover faults (it is promoted) and the cluster is
  // what it acts within (not counted); without one, the cluster is.
  const cluster = await clusterTarget(call, rds, clusterId);
  await call.mutate('rds:FailoverDBCluster', targetId ? [container(cluster), await instanceTarget(call, rds, targetId)] : [cluster]);
  const before = await writerOf(call, rds, clusterId);
  let out;
  try {
    const input = { DBClusterIdentifier: clusterId, ...(targetId ? { TargetDBInstanceIdentifier: targetId } : {}) };
    out = botoResponse(await boto('FailoverDBCluster', rds.send(new FailoverDBClusterCommand(input), { abortSignal: call.signal })));
  } catch (err) {
    throw new ActivityFailed(`failed issuing a failover for DB cluster '${clusterId}': '${exceptionText(err, call.signal)}'`);
  }
  await call.confirm(`rds:FailoverDBCluster ${clusterId}`, () => clusterFailedOver(call, rds, clusterId, before));
  return out;
}

interface Writer {
  readonly writer: string | undefined;
  readonly members: number;
  readonly since: Date;
}

async function writerOf(call: AwsCall, rds: RDSClient, id: string): Promise<Writer> {
  const since = new Date(Date.now() - 60_000);
  try {
    const out = await boto('DescribeDBClusters', rds.send(new DescribeDBClustersCommand({ DBClusterIdentifier: id }), { abortSignal: call.signal }));
    const members = out.DBClusters?.[0]?.DBClusterMembers ?? [];
    return { writer: members.find((m) => m.IsClusterWriter)?.DBInstanceIdentifier, members: members.length, since };
  } catch (err) {
    exceptionText(err, call.signal);
    return { writer: undefined, members: 2, since };
  }
}

/** An Aurora failover shows as a "failover" event on the cluster, and once done as another writer. */
async function clusterFailedOver(call: AwsCall, rds: RDSClient, id: string, before: Writer): Promise<Observation> {
  if (before.members === 1) return { confirmed: false, final: true, seen: `cluster ${id} has a single instance: there is no reader to fail over to` };
  const out = await boto('DescribeDBClusters', rds.send(new DescribeDBClustersCommand({ DBClusterIdentifier: id }), { abortSignal: call.signal }));
  const writer = out.DBClusters?.[0]?.DBClusterMembers?.find((m) => m.IsClusterWriter)?.DBInstanceIdentifier;
  if (before.writer && writer && writer !== before.writer) return { confirmed: true, seen: `the writer of ${id} is now ${writer} (was ${before.writer})` };
  const event = await failoverEvent(call, rds, id, 'db-cluster', before.since);
  if (event) return { confirmed: true, seen: event };
  return { confirmed: false, seen: `no failover event for cluster ${id} in RDS DescribeEvents, and its writer is still ${writer ?? 'unknown'}` };
}

/** The first event of the failover category (not a refused failover) since `since`, described. */
async function failoverEvent(call: AwsCall, rds: RDSClient, id: string, type: 'db-instance' | 'db-cluster', since: Date): Promise<string | undefined> {
  const events = await boto(
    'DescribeEvents',
    rds.send(new DescribeEventsCommand({ SourceIdentifier: id, SourceType: type, StartTime: since }), { abortSignal: call.signal }),
  );
  const failover = (events.Events ?? []).find(
    (e) => ((e.EventCategories ?? []).includes('failover') || /failover/i.test(e.Message ?? '')) && !REFUSED_FAILOVER.test(e.Message ?? ''),
  );
  return failover ? `RDS event "${failover.Message ?? ''}"${failover.Date ? ` at ${failover.Date.toISOString()}` : ''}` : undefined;
}

export async function reboot_db_instance(args: Readonly<Record<string, unknown>>, call: AwsCall): Promise<unknown> {
  const a = new PyArgs(`${MODULE}.reboot_db_instance`, args);
  const rds = await call.client(RDSClient);
  const instanceId = a.str('db_instance_identifier');
  if (!instanceId) throw new ActivityFailed('you must specify the db instance identifier');
  const forceFailover = a.bool('force_failover', false);
  await call.mutate('rds:RebootDBInstance', [await instanceTarget(call, rds, instanceId)]);
  // Where the primary is before the failover, to tell that it moved; events from now on count.
  const before = forceFailover ? await primaryOf(call, rds, instanceId) : undefined;
  let out;
  try {
    const command = new RebootDBInstanceCommand({ DBInstanceIdentifier: instanceId, ForceFailover: forceFailover });
    out = botoResponse(await boto('RebootDBInstance', rds.send(command, { abortSignal: call.signal })));
  } catch (err) {
    throw new ActivityFailed(`failed issuing a reboot of db instance '${instanceId}': '${exceptionText(err, call.signal)}'`);
  }
  if (before) await call.confirm(`rds:RebootDBInstance (force failover) ${instanceId}`, () => failedOver(call, rds, instanceId, before));
  return out;
}

interface Primary {
  readonly az: string | undefined;
  readonly multiAz: boolean;
  /** Events at or after this time may be the failover's (a minute earlier: clocks drift). */
  readonly since: Date;
}

async function primaryOf(call: AwsCall, rds: RDSClient, id: string): Promise<Primary> {
  const since = new Date(Date.now() - 60_000);
  try {
    const out = await boto('DescribeDBInstances', rds.send(new DescribeDBInstancesCommand({ DBInstanceIdentifier: id }), { abortSignal: call.signal }));
    const db = out.DBInstances?.[0];
    return { az: db?.AvailabilityZone, multiAz: db?.MultiAZ === true, since };
  } catch (err) {
    // The reboot itself reports what is wrong with the instance; the confirmation then reads AWS again.
    exceptionText(err, call.signal);
    return { az: undefined, multiAz: true, since };
  }
}

/** RDS-EVENT-0034 ("Amazon RDS is not attempting a requested failover because …") is in the failover category too. */
const REFUSED_FAILOVER = /\bnot\b|\bunable\b/i;

/**
 * A failover shows in AWS as an event of the "failover" category on the instance (RDS-EVENT-0013
 * "Multi-AZ instance failover started", -0015 completed), and once done as the primary in the
 * other availability zone. Either confirms it.
 */
async function failedOver(call: AwsCall, rds: RDSClient, id: string, before: Primary): Promise<Observation> {
  if (!before.multiAz) return { confirmed: false, final: true, seen: `${id} is not Multi-AZ: there is no standby to fail over to` };
  const out = await boto('DescribeDBInstances', rds.send(new DescribeDBInstancesCommand({ DBInstanceIdentifier: id }), { abortSignal: call.signal }));
  const az = out.DBInstances?.[0]?.AvailabilityZone;
  if (before.az && az && az !== before.az) return { confirmed: true, seen: `the primary of ${id} moved from ${before.az} to ${az}` };
  const event = await failoverEvent(call, rds, id, 'db-instance', before.since);
  if (event) return { confirmed: true, seen: event };
  return { confirmed: false, seen: `no failover event for ${id} in RDS DescribeEvents, and its primary is still in ${az ?? 'an unknown availability zone'}` };
}

export async function stop_db_instance(args: Readonly<Record<string, unknown>>, call: AwsCall): Promise<unknown> {
  const a = new PyArgs(`${MODULE}.stop_db_instance`, args);
  const rds = await call.client(RDSClient);
  const instanceId = a.requiredStr('db_instance_identifier');
  const snapshotId = a.str('db_snapshot_identifier');
  await call.mutate('rds:StopDBInstance', [await instanceTarget(call, rds, instanceId)]);
  try {
    const input = { DBInstanceIdentifier: instanceId, ...(snapshotId ? { DBSnapshotIdentifier: snapshotId } : {}) };
    return botoResponse(await boto('StopDBInstance', rds.send(new StopDBInstanceCommand(input), { abortSignal: call.signal })));
  } catch (err) {
    throw new ActivityFailed(`Failed to stop RDS DB instance ${instanceId}: ${awsMessage(err)}`);
  }
}

export async function stop_db_cluster(args: Readonly<Record<string, unknown>>, call: AwsCall): Promise<unknown> {
  const a = new PyArgs(`${MODULE}.stop_db_cluster`, args);
  const rds = await call.client(RDSClient);
  const clusterId = a.requiredStr('db_cluster_identifier');
  await call.mutate('rds:StopDBCluster', [await clusterTarget(call, rds, clusterId)]);
  try {
    const command = new StopDBClusterCommand({ DBClusterIdentifier: clusterId });
    return botoResponse(await boto('StopDBCluster', rds.send(command, { abortSignal: call.signal })));
  } catch (err) {
    throw new ActivityFailed(`Failed to stop RDS DB Cluster ${clusterId}: ${awsMessage(err)}`);
  }
}

/** The final snapshot identifier, required (as in chaosaws) when the final snapshot is not skipped. */
function finalSnapshot(a: PyArgs, skip: boolean): { FinalDBSnapshotIdentifier?: string } {
  if (skip) return {};
  const snapshotId = a.str('db_snapshot_identifier');
  if (!snapshotId) throw new ActivityFailed('You must provide a snapshot identifier if taking a final DB snapshot');
  return { FinalDBSnapshotIdentifier: snapshotId };
}

export async function delete_db_instance(args: Readonly<Record<string, unknown>>, call: AwsCall): Promise<unknown> {
  const a = new PyArgs(`${MODULE}.delete_db_instance`, args);
  const rds = await call.client(RDSClient);
  const instanceId = a.requiredStr('db_instance_identifier');
  const skip = a.bool('skip_final_snapshot', true);
  const input = {
    DBInstanceIdentifier: instanceId,
    DeleteAutomatedBackups: a.bool('delete_automated_backups', true),
    SkipFinalSnapshot: skip,
    ...finalSnapshot(a, skip),
  };
  await call.mutate('rds:DeleteDBInstance', [await instanceTarget(call, rds, instanceId)]);
  try {
    return botoResponse(await boto('DeleteDBInstance', rds.send(new DeleteDBInstanceCommand(input), { abortSignal: call.signal })));
  } catch (err) {
    throw new ActivityFailed(`Failed to delete RDS DB instance ${instanceId}: ${awsMessage(err)}`);
  }
}

export async function delete_db_cluster(args: Readonly<Record<string, unknown>>, call: AwsCall): Promise<unknown> {
  const a = new PyArgs(`${MODULE}.delete_db_cluster`, args);
  const rds = await call.client(RDSClient);
  const clusterId = a.requiredStr('db_cluster_identifier');
  const skip = a.bool('skip_final_snapshot', true);
  const input = { DBClusterIdentifier: clusterId, SkipFinalSnapshot: skip, ...finalSnapshot(a, skip) };
  await call.mutate('rds:DeleteDBCluster', [await clusterTarget(call, rds, clusterId)]);
  try {
    return botoResponse(await boto('DeleteDBCluster', rds.send(new DeleteDBClusterCommand(input), { abortSignal: call.signal })));
  } catch (err) {
    throw new ActivityFailed(`Failed to delete RDS DB cluster ${clusterId}: ${awsMessage(err)}`);
  }
}

async function describeCluster(call: AwsCall, rds: RDSClient, clusterId: string): Promise<DBCluster> {
  let clusters: DBCluster[] | undefined;
  try {
    const command = new DescribeDBClustersCommand({ DBClusterIdentifier: clusterId });
    clusters = (await boto('DescribeDBClusters', rds.send(command, { abortSignal: call.signal }))).DBClusters;
  } catch (err) {
    throw new ActivityFailed(`unable to identify cluster ${clusterId}: ${awsMessage(err)}`);
  }
  const cluster = clusters?.[0];
  if (!cluster) throw new ActivityFailed(`unable to identify cluster ${clusterId}: AWS listed no such cluster`);
  return cluster;
}

async function customEndpoints(call: AwsCall, rds: RDSClient, clusterId: string): Promise<DBClusterEndpoint[]> {
  const found: DBClusterEndpoint[] = [];
  const seen = new Set<string>();
  let marker: string | undefined;
  do {
    const command = new DescribeDBClusterEndpointsCommand({ DBClusterIdentifier: clusterId, ...(marker ? { Marker: marker } : {}) });
    const page = await boto('DescribeDBClusterEndpoints', rds.send(command, { abortSignal: call.signal }));
    found.push(...(page.DBClusterEndpoints ?? []).filter((e) => e.EndpointType === 'CUSTOM'));
    marker = page.Marker;
    // A service that hands back a marker it already gave would otherwise loop forever.
    if (marker !== undefined && seen.has(marker)) break;
    if (marker !== undefined) seen.add(marker);
  } while (marker);
  return found;
}

/**
 * Deletes the custom endpoint of an Aurora cluster. chaosaws passes the cluster's writer endpoint
 * *hostname* (DBCluster.Endpoint) as DBClusterEndpointIdentifier, which names no custom endpoint,
 * so its call always failed. Here the cluster's custom endpoints are listed and the one there is
 * deleted; with none, or with several (the function has no argument to choose), it fails and says so.
 */
export async function delete_db_cluster_endpoint(args: Readonly<Record<string, unknown>>, call: AwsCall): Promise<unknown> {
  const a = new PyArgs(`${MODULE}.delete_db_cluster_endpoint`, args);
  const rds = await call.client(RDSClient);
  const clusterId = a.requiredStr('db_cluster_identifier');
  await describeCluster(call, rds, clusterId);
  let endpoints: DBClusterEndpoint[];
  try {
    endpoints = await customEndpoints(call, rds, clusterId);
  } catch (err) {
    throw new ActivityFailed(`unable to list the custom endpoints of cluster ${clusterId}: ${awsMessage(err)}`);
  }
  if (endpoints.length === 0) throw new ActivityFailed(`cluster ${clusterId} has no custom endpoint to delete`);
  if (endpoints.length > 1) {
    const ids = endpoints.map((e) => e.DBClusterEndpointIdentifier).join(', ');
    throw new ActivityFailed(
      `cluster ${clusterId} has ${endpoints.length} custom endpoints (${ids}); delete_db_cluster_endpoint deletes a cluster's only custom endpoint and will not pick one`,
    );
  }
  const endpoint = endpoints[0] as DBClusterEndpoint;
  const endpointId = endpoint.DBClusterEndpointIdentifier ?? '';
  const tags = await lookupTags(call.signal, async () => {
    if (!endpoint.DBClusterEndpointArn) return undefined;
    const out = await rds.send(new ListTagsForResourceCommand({ ResourceName: endpoint.DBClusterEndpointArn }), { abortSignal: call.signal });
    return tagListToMap(out.TagList);
  });
  await call.mutate('rds:DeleteDBClusterEndpoint', [{ kind: 'rds:db-cluster-endpoint', id: endpointId, tags }]);
  try {
    const command = new DeleteDBClusterEndpointCommand({ DBClusterEndpointIdentifier: endpointId });
    return botoResponse(await boto('DeleteDBClusterEndpoint', rds.send(command, { abortSignal: call.signal })));
  } catch (err) {
    throw new ActivityFailed(`unable to delete endpoint for cluster ${clusterId}: ${awsMessage(err)}`);
  }
}
