// What a FIS experiment template acts on, as the guardrails see it. FIS changes every resource its
// targets select, not the template: each target an action uses becomes AwsTargets.
//   - explicit resourceArns: one target per ARN (kind from the ARN's service:resource-type), tags
//     read with a read-only call where a client we ship can (EC2, RDS, IAM roles, Lambda, Auto
//     Scaling, ELBv2); all of them count, even with COUNT(n) or PERCENT(n) (FIS may pick any);
//   - resources selected by resourceTags (or by parameters, e.g. EKS pods by label): COUNT(n) is one
//     entry with `count: n`; ALL and PERCENT(n) one `unbounded` entry (AWS finds how many when the
//     experiment starts, so max-targets cannot be checked). Its tags are the resourceTags: FIS
//     selects resources carrying all of them, so every selected resource carries them.
// The SDK clients of the tag lookups are imported when an ARN of their service is found.
import type { AwsCall, AwsTarget } from './types.js';
import { lookupTags, tagListToMap, type TagMap } from './target-tags.js';

/** A template target as GetExperimentTemplate returns it or CreateExperimentTemplate takes it. */
export interface FisTargetSpec {
  readonly resourceType?: string | undefined;
  readonly resourceArns?: readonly string[] | undefined;
  readonly resourceTags?: Readonly<Record<string, string>> | undefined;
  readonly selectionMode?: string | undefined;
  readonly parameters?: Readonly<Record<string, string>> | undefined;
}

interface FisActionSpec {
  readonly targets?: Readonly<Record<string, string>> | undefined;
}

interface ParsedArn {
  readonly service: string;
  /** The resource type ("instance", "db", "role", "function", "autoScalingGroup", "loadbalancer"). */
  readonly type: string;
  /** The resource's own name or id (the last segment). */
  readonly name: string;
}

/** arn:partition:service:region:account:type/id, type:id, or type:…/name; undefined when not an ARN. */
function parseArn(arn: string): ParsedArn | undefined {
  const parts = arn.split(':');
  if (parts.length < 6 || parts[0] !== 'arn') return undefined;
  const resource = parts.slice(5).join(':');
  const type = resource.split(/[:/]/)[0] ?? '';
  const name = resource.split(/[:/]/).at(-1) ?? '';
  return { service: parts[2] ?? '', type, name };
}

/** "aws:ec2:instance" → "ec2:instance". */
const kindOf = (resourceType: string | undefined): string => (resourceType ?? 'fis:target').replace(/^aws:/, '');
const pairs = (m: Readonly<Record<string, string>>): string =>
  Object.entries(m)
    .map(([k, v]) => `${k}=${v}`)
    .join(', ');

/**
 * The AwsTargets of a template's targets that some action uses (all of them when `actions` is not
 * known). `where` names the template in the ids ("template EXT1", "the new template").
 */
export async function fisTargets(
  where: string,
  targets: Readonly<Record<string, FisTargetSpec>> | undefined,
  actions: Readonly<Record<string, FisActionSpec>> | undefined,
  call: AwsCall,
): Promise<AwsTarget[]> {
  const used = actions ? new Set(Object.values(actions).flatMap((a) => Object.values(a.targets ?? {}))) : undefined;
  const out: AwsTarget[] = [];
  for (const [name, spec] of Object.entries(targets ?? {})) {
    if (used && !used.has(name)) continue;
    const mode = spec.selectionMode ?? 'ALL';
    const context = `target ${name} of ${where}, ${mode}`;
    if (spec.resourceArns && spec.resourceArns.length > 0) {
      out.push(...(await arnTargets(spec.resourceArns, spec.resourceType, call)));
      continue;
    }
    const tags = spec.resourceTags && Object.keys(spec.resourceTags).length > 0 ? { ...spec.resourceTags } : undefined;
    const params = spec.parameters && Object.keys(spec.parameters).length > 0 ? spec.parameters : undefined;
    const selection = tags ? `tagged ${pairs(tags)}` : params ? `selected by ${pairs(params)}` : 'selected by filters';
    const base = { kind: kindOf(spec.resourceType), id: `${selection} (${context})`, ...(tags ? { tags } : {}) };
    const count = /^COUNT\((\d+)\)$/.exec(mode);
    out.push(count ? { ...base, count: Number(count[1]) } : { ...base, unbounded: true });
  }
  return out;
}

/** One target per ARN, with its tags where a read-only call of a client we ship can read them. */
async function arnTargets(arns: readonly string[], resourceType: string | undefined, call: AwsCall): Promise<AwsTarget[]> {
  const tags = await arnTags(arns, call);
  return arns.map((arn) => {
    const parsed = parseArn(arn);
    const kind = parsed ? `${parsed.service}:${parsed.type}` : kindOf(resourceType);
    return { kind, id: arn, ...(tags.has(arn) ? { tags: tags.get(arn) } : {}) };
  });
}

/** A read-only lookup; any failure but an interruption gives undefined (as lookupTags). */
async function attempt<T>(call: AwsCall, read: () => Promise<T>): Promise<T | undefined> {
  try {
    return await read();
  } catch (err) {
    if (call.signal.aborted) throw err;
    return undefined;
  }
}

/** Tags by ARN; an ARN whose tags could not be read is absent (unknown). */
async function arnTags(arns: readonly string[], call: AwsCall): Promise<Map<string, TagMap>> {
  const found = new Map<string, TagMap>();
  const byService = new Map<string, { arn: string; parsed: ParsedArn }[]>();
  for (const arn of arns) {
    const parsed = parseArn(arn);
    if (!parsed) continue;
    byService.set(parsed.service, [...(byService.get(parsed.service) ?? []), { arn, parsed }]);
  }
  const set = (arn: string, tags: TagMap | undefined): void => {
    if (tags) found.set(arn, tags);
  };
  for (const [service, list] of byService) {
    if (service === 'ec2') {
      const { EC2Client, DescribeTagsCommand } = await import('@aws-sdk/client-ec2');
      const ec2 = await call.client(EC2Client);
      const ids = list.map((x) => x.parsed.name);
      const byId = await attempt(call, async () => {
        const all = new Map<string, { Key?: string; Value?: string }[]>();
        let token: string | undefined;
        do {
          const page = await ec2.send(new DescribeTagsCommand({ Filters: [{ Name: 'resource-id', Values: ids }], ...(token ? { NextToken: token } : {}) }), {
            abortSignal: call.signal,
          });
          for (const t of page.Tags ?? []) all.set(t.ResourceId ?? '', [...(all.get(t.ResourceId ?? '') ?? []), t]);
          token = page.NextToken;
        } while (token);
        return all;
      });
      if (byId) for (const x of list) set(x.arn, tagListToMap(byId.get(x.parsed.name)));
    } else if (service === 'rds') {
      const { RDSClient, ListTagsForResourceCommand } = await import('@aws-sdk/client-rds');
      const rds = await call.client(RDSClient);
      for (const x of list) {
        set(
          x.arn,
          await lookupTags(call.signal, async () =>
            tagListToMap((await rds.send(new ListTagsForResourceCommand({ ResourceName: x.arn }), { abortSignal: call.signal })).TagList),
          ),
        );
      }
    } else if (service === 'iam') {
      const { IAMClient, ListRoleTagsCommand } = await import('@aws-sdk/client-iam');
      const iam = await call.client(IAMClient);
      for (const x of list.filter((y) => y.parsed.type === 'role')) {
        set(
          x.arn,
          await lookupTags(call.signal, async () =>
            tagListToMap((await iam.send(new ListRoleTagsCommand({ RoleName: x.parsed.name }), { abortSignal: call.signal })).Tags),
          ),
        );
      }
    } else if (service === 'lambda') {
      const { LambdaClient, ListTagsCommand } = await import('@aws-sdk/client-lambda');
      const lambda = await call.client(LambdaClient);
      for (const x of list) {
        set(
          x.arn,
          await lookupTags(call.signal, async () => ({ ...(await lambda.send(new ListTagsCommand({ Resource: x.arn }), { abortSignal: call.signal })).Tags })),
        );
      }
    } else if (service === 'autoscaling') {
      const { AutoScalingClient, DescribeTagsCommand } = await import('@aws-sdk/client-auto-scaling');
      const asg = await call.client(AutoScalingClient);
      for (const x of list) {
        set(
          x.arn,
          await lookupTags(call.signal, async () => {
            const out = await asg.send(new DescribeTagsCommand({ Filters: [{ Name: 'auto-scaling-group', Values: [x.parsed.name] }] }), {
              abortSignal: call.signal,
            });
            return tagListToMap(out.Tags);
          }),
        );
      }
    } else if (service === 'elasticloadbalancing') {
      const { ElasticLoadBalancingV2Client, DescribeTagsCommand } = await import('@aws-sdk/client-elastic-load-balancing-v2');
      const elb = await call.client(ElasticLoadBalancingV2Client);
      const all = await attempt(call, async () => {
        const out = await elb.send(new DescribeTagsCommand({ ResourceArns: list.map((x) => x.arn) }), { abortSignal: call.signal });
        return new Map((out.TagDescriptions ?? []).map((d) => [d.ResourceArn ?? '', tagListToMap(d.Tags)]));
      });
      if (all) for (const x of list) set(x.arn, all.get(x.arn));
    }
  }
  return found;
}
