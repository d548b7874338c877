// chaosaws.ec2.probes natively: DescribeInstances by filters, counted or checked for a state.
import { DescribeInstancesCommand, EC2Client } from '@aws-sdk/client-ec2';
import { ActivityFailed } from '../../contract/provider.js';
import { boto } from './boto-error.js';
import { botoResponse } from './boto-shape.js';
import { describeInstances, filtersArg } from './ec2-instances.js';
import { PyArgs } from './py-args.js';
import type { AwsCall } from './types.js';

const MODULE = 'chaosaws.ec2.probes';
type Args = Readonly<Record<string, unknown>>;

function requiredFilters(a: PyArgs) {
  return filtersArg(a, 'filters') ?? a.fail('filters', 'a list of {"Name": "...", "Values": ["..."]} filters');
}

/** The raw DescribeInstances response, as boto3 returns it. */
export async function describe_instances(args: Args, call: AwsCall): Promise<unknown> {
  const a = new PyArgs(`${MODULE}.describe_instances`, args);
  const ec2 = await call.client(EC2Client);
  const filters = requiredFilters(a);
  return botoResponse(await boto('DescribeInstances', ec2.send(new DescribeInstancesCommand({ Filters: filters }), { abortSignal: call.signal })));
}

/** The number of reservations (not instances) matching the filters: chaosaws's quirk, kept for compatibility. */
export async function count_instances(args: Args, call: AwsCall): Promise<unknown> {
  const a = new PyArgs(`${MODULE}.count_instances`, args);
  const ec2 = await call.client(EC2Client);
  return (await describeInstances(ec2, call, { filters: requiredFilters(a) })).reservations;
}

/**
 * Whether every matching instance is in `state`. chaosaws looks at the first reservation only (and
 * crashes with an IndexError when nothing matches): here every instance counts, and no match is
 * a failure that says so.
 */
export async function instance_state(args: Args, call: AwsCall): Promise<unknown> {
  const a = new PyArgs(`${MODULE}.instance_state`, args);
  const ec2 = await call.client(EC2Client);
  const state = a.str('state') ?? a.fail('state', 'an instance state name (pending, running, stopping, stopped, shutting-down, terminated)');
  const ids = a.strList('instance_ids');
  const filters = filtersArg(a, 'filters');
  if (!ids?.length && !filters?.length) throw new ActivityFailed('Probe "instance_state" missing required parameter "instance_ids" or "filters"');
  const { instances } = await describeInstances(ec2, call, ids?.length ? { ids } : { filters: filters ?? [] });
  if (instances.length === 0)
    throw new ActivityFailed(`Probe "instance_state": no instance matches ${ids?.length ? `the ids ${ids.join(', ')}` : 'the filters'}`);
  return instances.every((i) => i.raw.State?.Name === state);
}

export async function count_min_instances(args: Args, call: AwsCall): Promise<unknown> {
  const a = new PyArgs(`${MODULE}.count_min_instances`, args);
  const minCount = a.int('min_count') ?? 0;
  const count = (await count_instances(args, call)) as number;
  return count >= minCount;
}
