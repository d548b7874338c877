// chaosaws.rds.probes natively: the status of DB instances and clusters, and a cluster's member
// count. Statuses come back as one string when every match agrees ("available"), else as the list
// of distinct statuses, as chaosaws returns them.
import { DescribeDBClustersCommand, DescribeDBInstancesCommand, RDSClient, type DBCluster, type DBInstance, type Filter } from '@aws-sdk/client-rds';
import { isMapping, pythonRepr, pythonTruthy } from '../../python/values.js';
import { ActivityFailed } from '../../contract/provider.js';
import { boto } from './boto-error.js';
import { PyArgs } from './py-args.js';
import type { AwsCall } from './types.js';

const MODULE = 'chaosaws.rds.probes';

/**
 * RDS filters as AWS takes them: [{"Name": "...", "Values": ["...", …]}, …]. boto3 would reject
 * anything else with a parameter validation error; this says what is wrong before calling AWS.
 */
function filtersArg(a: PyArgs, name: string): Filter[] | undefined {
  const v = a.raw(name);
  if (!pythonTruthy(v)) return undefined;
  if (!Array.isArray(v)) return a.fail(name, 'a list of {"Name": "...", "Values": ["..."]} mappings');
  v.forEach((f: unknown, i) => {
    const where = `${a.fn}: argument '${name}' item ${i}`;
    if (!isMapping(f)) throw new ActivityFailed(`${where} must be a mapping like {"Name": "engine", "Values": ["postgres"]}, got ${pythonRepr(f)}`);
    const unknown = Object.keys(f).filter((k) => k !== 'Name' && k !== 'Values');
    if (unknown.length > 0) {
      const hint = unknown.includes('Value') ? ' ("Values" takes a list, even of one value)' : '';
      throw new ActivityFailed(`${where} has unknown key(s) ${unknown.join(', ')}: only "Name" and "Values" are allowed${hint}`);
    }
    if (typeof f.Name !== 'string') throw new ActivityFailed(`${where} needs "Name" as a string, got ${pythonRepr(f.Name)}`);
    if (!Array.isArray(f.Values) || !f.Values.every((x) => typeof x === 'string')) {
      throw new ActivityFailed(`${where} needs "Values" as a list of strings, got ${pythonRepr(f.Values)}`);
    }
  });
  return v as Filter[];
}

/** Follows Marker pages to the end; a marker seen twice stops the walk rather than loop forever. */
async function allPages<T>(fetch: (marker: string | undefined) => Promise<{ items: T[]; marker: string | undefined }>): Promise<T[]> {
  const items: T[] = [];
  const seen = new Set<string>();
  let marker: string | undefined;
  do {
    const page = await fetch(marker);
    items.push(...page.items);
    marker = page.marker;
    if (marker !== undefined) {
      if (seen.has(marker)) break;
      seen.add(marker);
    }
  } while (marker);
  return items;
}

async function describeInstances(call: AwsCall, id: string | undefined, filters: Filter[] | undefined): Promise<DBInstance[]> {
  const rds = await call.client(RDSClient);
  return allPages(async (marker) => {
    const input = { ...(id ? { DBInstanceIdentifier: id } : {}), ...(filters ? { Filters: filters } : {}), ...(marker ? { Marker: marker } : {}) };
    const out = await boto('DescribeDBInstances', rds.send(new DescribeDBInstancesCommand(input), { abortSignal: call.signal }));
    return { items: out.DBInstances ?? [], marker: out.Marker };
  });
}

async function describeClusters(call: AwsCall, id: string | undefined, filters: Filter[] | undefined): Promise<DBCluster[]> {
  const rds = await call.client(RDSClient);
  return allPages(async (marker) => {
    const input = { ...(id ? { DBClusterIdentifier: id } : {}), ...(filters ? { Filters: filters } : {}), ...(marker ? { Marker: marker } : {}) };
    const out = await boto('DescribeDBClusters', rds.send(new DescribeDBClustersCommand(input), { abortSignal: call.signal }));
    return { items: out.DBClusters ?? [], marker: out.Marker };
  });
}

/** One status when all agree, else the distinct statuses in the order AWS listed them. */
function statusOrStatuses(statuses: readonly (string | undefined)[]): string | (string | null)[] {
  const distinct = [...new Set(statuses.map((s) => s ?? null))];
  return distinct.length === 1 && distinct[0] !== null ? distinct[0] : distinct;
}

/**
 * chaosaws meant to fail when nothing matches ("no instance(s) found matching …") but tested the
 * wrong value, so it returned an empty list; here nothing found is the failure it meant.
 */
export async function instance_status(args: Readonly<Record<string, unknown>>, call: AwsCall): Promise<unknown> {
  const a = new PyArgs(`${MODULE}.instance_status`, args);
  const hasId = a.truthy('instance_id');
  const hasFilters = a.truthy('filters');
  if (hasId === hasFilters) throw new ActivityFailed('instance_id or filters are required');
  const id = a.str('instance_id');
  const filters = filtersArg(a, 'filters');
  const instances = await describeInstances(call, id, filters);
  if (instances.length === 0) {
    throw new ActivityFailed(id ? `no instance found matching ${id}` : `no instance(s) found matching ${pythonRepr(filters)}`);
  }
  return statusOrStatuses(instances.map((i) => i.DBInstanceStatus));
}

/** As instance_status, for clusters: an empty match fails instead of returning []. */
export async function cluster_status(args: Readonly<Record<string, unknown>>, call: AwsCall): Promise<unknown> {
  const a = new PyArgs(`${MODULE}.cluster_status`, args);
  const hasId = a.truthy('cluster_id');
  const hasFilters = a.truthy('filters');
  if (hasId === hasFilters) throw new ActivityFailed('cluster_id or filters are required');
  const id = a.str('cluster_id');
  const filters = filtersArg(a, 'filters');
  const clusters = await describeClusters(call, id, filters);
  if (clusters.length === 0) {
    throw new ActivityFailed(id ? `no cluster found matching ${id}` : `no cluster(s) found matching ${pythonRepr(filters)}`);
  }
  return statusOrStatuses(clusters.map((c) => c.Status));
}

export async function cluster_membership_count(args: Readonly<Record<string, unknown>>, call: AwsCall): Promise<unknown> {
  const a = new PyArgs(`${MODULE}.cluster_membership_count`, args);
  const id = a.str('cluster_id') || a.fail('cluster_id', 'a cluster identifier (a non-empty string)');
  const clusters = await describeClusters(call, id, undefined);
  const cluster = clusters[0];
  if (!cluster) throw new ActivityFailed(`no cluster found matching ${id}`);
  return (cluster.DBClusterMembers ?? []).length;
}
