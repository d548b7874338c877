// chaosaws.route53 natively: associating and dissociating a VPC with a private hosted zone (the
// actions), and the hosted zone, health check status and DNS answer probes. Both modules share this
// file; each returns the AWS response as boto3 returns it and fails with chaosaws's messages.
import {
  AssociateVPCWithHostedZoneCommand,
  DisassociateVPCFromHostedZoneCommand,
  GetHealthCheckStatusCommand,
  GetHostedZoneCommand,
  ListTagsForResourceCommand,
  Route53Client,
  TestDNSAnswerCommand,
  type RRType,
  type VPCRegion,
} from '@aws-sdk/client-route-53';
import { ActivityFailed } from '../../contract/provider.js';
import { awsMessage, boto, BotoClientError } from './boto-error.js';
import { botoResponse } from './boto-shape.js';
import { PyArgs } from './py-args.js';
import { lookupTags, tagListToMap } from './target-tags.js';
import type { AwsCall, AwsTarget } from './types.js';

type Args = Readonly<Record<string, unknown>>;

/** Zone ids are accepted bare ("Z123") or as AWS prints them ("/hostedzone/Z123"). */
function bareZoneId(zoneId: string): string {
  return zoneId.replace(/^\/?hostedzone\//, '');
}

async function zoneTarget(call: AwsCall, route53: Route53Client, zoneId: string): Promise<AwsTarget> {
  const tags = await lookupTags(call.signal, async () => {
    const command = new ListTagsForResourceCommand({ ResourceType: 'hostedzone', ResourceId: bareZoneId(zoneId) });
    const out = await route53.send(command, { abortSignal: call.signal });
    return tagListToMap(out.ResourceTagSet?.Tags);
  });
  return { kind: 'route53:hostedzone', id: zoneId, tags };
}

function vpcChange(fn: string, args: Args): { HostedZoneId: string; VPC: { VPCId: string; VPCRegion: VPCRegion }; Comment?: string } {
  const a = new PyArgs(fn, args);
  const comment = a.str('comment');
  return {
    HostedZoneId: a.requiredStr('zone_id'),
    VPC: { VPCId: a.requiredStr('vpc_id'), VPCRegion: a.requiredStr('vpc_region') as VPCRegion },
    ...(comment ? { Comment: comment } : {}),
  };
}

export async function associate_vpc_with_zone(args: Args, call: AwsCall): Promise<unknown> {
  const route53 = await call.client(Route53Client);
  const input = vpcChange('chaosaws.route53.actions.associate_vpc_with_zone', args);
  await call.mutate('route53:AssociateVPCWithHostedZone', [await zoneTarget(call, route53, input.HostedZoneId)]);
  try {
    const command = new AssociateVPCWithHostedZoneCommand(input);
    return botoResponse(await boto('AssociateVPCWithHostedZone', route53.send(command, { abortSignal: call.signal })));
  } catch (err) {
    throw new ActivityFailed(awsMessage(err));
  }
}

export async function disassociate_vpc_from_zone(args: Args, call: AwsCall): Promise<unknown> {
  const route53 = await call.client(Route53Client);
  const input = vpcChange('chaosaws.route53.actions.disassociate_vpc_from_zone', args);
  await call.mutate('route53:DisassociateVPCFromHostedZone', [await zoneTarget(call, route53, input.HostedZoneId)]);
  try {
    const command = new DisassociateVPCFromHostedZoneCommand(input);
    return botoResponse(await boto('DisassociateVPCFromHostedZone', route53.send(command, { abortSignal: call.signal })));
  } catch (err) {
    throw new ActivityFailed(awsMessage(err));
  }
}

/** Any AWS error (no such zone, access denied) reads as "not found", as in chaosaws. */
export async function get_hosted_zone(args: Args, call: AwsCall): Promise<unknown> {
  const a = new PyArgs('chaosaws.route53.probes.get_hosted_zone', args);
  const route53 = await call.client(Route53Client);
  const zoneId = a.requiredStr('zone_id');
  try {
    const out = await boto('GetHostedZone', route53.send(new GetHostedZoneCommand({ Id: zoneId }), { abortSignal: call.signal }));
    if (out.HostedZone) return botoResponse(out);
  } catch (err) {
    if (!(err instanceof BotoClientError)) throw err;
  }
  throw new ActivityFailed(`Hosted Zone ${zoneId} not found.`);
}

export async function get_health_check_status(args: Args, call: AwsCall): Promise<unknown> {
  const a = new PyArgs('chaosaws.route53.probes.get_health_check_status', args);
  const route53 = await call.client(Route53Client);
  const checkId = a.requiredStr('check_id');
  let out;
  try {
    const command = new GetHealthCheckStatusCommand({ HealthCheckId: checkId });
    out = await boto('GetHealthCheckStatus', route53.send(command, { abortSignal: call.signal }));
  } catch (err) {
    throw new ActivityFailed(awsMessage(err));
  }
  if (!out.HealthCheckObservations?.length) throw new ActivityFailed(`No results found for ${checkId}`);
  return botoResponse(out);
}

export async function get_dns_answer(args: Args, call: AwsCall): Promise<unknown> {
  const a = new PyArgs('chaosaws.route53.probes.get_dns_answer', args);
  const route53 = await call.client(Route53Client);
  const input = {
    HostedZoneId: a.requiredStr('zone_id'),
    RecordName: a.requiredStr('record_name'),
    RecordType: a.requiredStr('record_type') as RRType,
  };
  try {
    const command = new TestDNSAnswerCommand(input);
    return botoResponse(await boto('TestDNSAnswer', route53.send(command, { abortSignal: call.signal })));
  } catch (err) {
    throw new ActivityFailed(awsMessage(err));
  }
}
