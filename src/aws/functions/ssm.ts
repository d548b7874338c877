// chaosaws.ssm.actions natively: Systems Manager documents, Run Command and Parameter Store.
// chaosaws passes every optional argument to boto3 even when it is None, which boto3 rejects, so
// in chaosaws these functions fail unless every optional argument is given; we leave unset ones out.
import { readFile } from 'node:fs/promises';
import {
  CreateDocumentCommand,
  DeleteDocumentCommand,
  DescribeInstanceInformationCommand,
  ListTagsForResourceCommand,
  PutParameterCommand,
  SendCommandCommand,
  SSMClient,
  type DocumentFormat,
  type DocumentType,
  type InstanceInformationStringFilter,
  type ParameterTier,
  type ParameterType,
  type ResourceTypeForTagging,
} from '@aws-sdk/client-ssm';
import { DescribeInstancesCommand, EC2Client, type Filter } from '@aws-sdk/client-ec2';
import { ActivityFailed } from '../../contract/provider.js';
import { pythonTruthy } from '../../python/values.js';
import type { AwsCall, AwsFunction, AwsTarget } from './types.js';
import { botoResponse } from './boto-shape.js';
import { awsMessage, boto, BotoClientError } from './boto-error.js';
import { PyArgs } from './py-args.js';
import { lookupTags, tagListToMap } from './target-tags.js';

const MODULE = 'chaosaws.ssm.actions';

export const create_document: AwsFunction = async (args, call) => {
  const a = new PyArgs(`${MODULE}.create_document`, args);
  const path = a.str('path_content');
  const name = a.str('name');
  if (!path && !name) throw new ActivityFailed('To create a document,you must specify the  content and name');
  let content: string;
  try {
    content = await readFile(path ?? '', 'utf8');
  } catch (err) {
    throw new ActivityFailed(`${a.fn}: cannot read the document file given as path_content (${path ?? ''}): ${(err as Error).message}`);
  }
  const client = await call.client(SSMClient);
  // A new document has no tags yet: the guardrails see it untagged.
  await call.mutate('ssm:CreateDocument', [{ kind: 'ssm:document', id: name ?? '' }]);
  try {
    const out = await boto(
      'CreateDocument',
      client.send(
        new CreateDocumentCommand({
          Content: content,
          Name: name,
          VersionName: a.str('version_name'),
          DocumentType: a.str('document_type') as DocumentType | undefined,
          DocumentFormat: a.str('document_format') as DocumentFormat | undefined,
        }),
        { abortSignal: call.signal },
      ),
    );
    return botoResponse(out);
  } catch (err) {
    throw new ActivityFailed(`Failed to create document '${name ?? 'None'}': '${awsMessage(err)}'`);
  }
};

export const send_command: AwsFunction = async (args, call) => {
  const a = new PyArgs(`${MODULE}.send_command`, args);
  const documentName = a.str('document_name');
  if (!documentName) throw new ActivityFailed('To run commands,you must specify the document_name');
  const targets = ssmTargetList(a);
  const parameters = commandParameters(a);
  const client = await call.client(SSMClient);
  await call.mutate('ssm:SendCommand', await resolveCommandTargets(targets, client, call));
  try {
    const out = await boto(
      'SendCommand',
      client.send(
        new SendCommandCommand({
          DocumentName: documentName,
          DocumentVersion: a.str('document_version'),
          Targets: targets,
          TimeoutSeconds: a.int('timeout_seconds'),
          Parameters: parameters,
          MaxConcurrency: a.str('max_concurrency'),
          MaxErrors: a.str('max_errors'),
        }),
        { abortSignal: call.signal },
      ),
    );
    return botoResponse(out);
  } catch (err) {
    throw new ActivityFailed(`Failed to send command for document  '${documentName}': '${awsMessage(err)}'`);
  }
};

export const delete_document: AwsFunction = async (args, call) => {
  const a = new PyArgs(`${MODULE}.delete_document`, args);
  const name = a.str('name');
  if (!name) throw new ActivityFailed('To create a document,you must specify the  name');
  const versionName = a.str('version_name');
  const force = a.bool('force', true);
  const client = await call.client(SSMClient);
  const tags = await ssmTags(client, 'Document', name, call);
  await call.mutate('ssm:DeleteDocument', [{ kind: 'ssm:document', id: name, tags }]);
  try {
    const out = await boto(
      'DeleteDocument',
      client.send(
        new DeleteDocumentCommand({
          Name: name,
          Force: force,
          ...(versionName ? { VersionName: versionName } : {}),
        }),
        { abortSignal: call.signal },
      ),
    );
    return botoResponse(out);
  } catch (err) {
    throw new ActivityFailed(`Failed to delete  document '${name}': '${awsMessage(err)}'`);
  }
};

export const put_parameter: AwsFunction = async (args, call) => {
  const a = new PyArgs(`${MODULE}.put_parameter`, args);
  if (!pythonTruthy(a.raw('name'))) throw new ActivityFailed('To create a parameter, you must specify the name');
  if (!pythonTruthy(a.raw('value'))) throw new ActivityFailed('To create a parameter, you must specify the value');
  const name = a.str('name') as string;
  const value = a.str('value') as string;
  const newTags = a.keyValueTags('tags');
  const input = {
    Name: name,
    Description: a.str('description'),
    Value: value,
    Type: a.str('type') as ParameterType | undefined,
    KeyId: a.str('key_id'),
    Overwrite: a.bool('overwrite', false),
    AllowedPattern: a.str('allowed_pattern'),
    Tags: newTags,
    Tier: a.str('tier') as ParameterTier | undefined,
    Policies: a.str('policies'),
    DataType: a.str('data_type'),
  };
  const client = await call.client(SSMClient);
  // An existing parameter keeps its tags; a new one gets the tags given here.
  const existing = await ssmTags(client, 'Parameter', name, call);
  const tags = existing ?? (newTags ? Object.fromEntries(newTags.map((t) => [t.Key, t.Value])) : undefined);
  await call.mutate('ssm:PutParameter', [{ kind: 'ssm:parameter', id: name, tags }]);
  try {
    return botoResponse(await boto('PutParameter', client.send(new PutParameterCommand(input), { abortSignal: call.signal })));
  } catch (err) {
    throw new ActivityFailed(`Failed to put  parameter '${name}': '${awsMessage(err)}'`);
  }
};

interface SsmTarget {
  Key: string;
  Values: string[];
}

function ssmTargetList(a: PyArgs): SsmTarget[] {
  const raw = a.raw('targets');
  const expected = 'a list like [{"Key": "InstanceIds", "Values": ["i-0123…"]}] or [{"Key": "tag:Role", "Values": ["web"]}]';
  if (raw === undefined) return a.fail('targets', expected);
  const ok =
    Array.isArray(raw) &&
    raw.length > 0 &&
    raw.every(
      (t) =>
        typeof t === 'object' &&
        t !== null &&
        typeof (t as SsmTarget).Key === 'string' &&
        Array.isArray((t as SsmTarget).Values) &&
        (t as SsmTarget).Values.every((v) => typeof v === 'string'),
    );
  return ok ? (raw as SsmTarget[]) : a.fail('targets', expected);
}

function commandParameters(a: PyArgs): Record<string, string[]> | undefined {
  const params = a.mapping('parameters');
  if (params === undefined) return undefined;
  const ok = Object.values(params).every((v) => Array.isArray(v) && v.every((s) => typeof s === 'string'));
  return ok ? (params as Record<string, string[]>) : a.fail('parameters', 'a mapping of parameter names to lists of strings, e.g. {"commands": ["uptime"]}');
}

/** The tags of an SSM resource, or undefined when it does not exist or cannot be read. */
async function ssmTags(client: SSMClient, type: ResourceTypeForTagging, id: string, call: AwsCall): Promise<Record<string, string> | undefined> {
  try {
    const out = await boto(
      'ListTagsForResource',
      client.send(new ListTagsForResourceCommand({ ResourceType: type, ResourceId: id }), { abortSignal: call.signal }),
    );
    return Object.fromEntries((out.TagList ?? []).map((t) => [t.Key ?? '', t.Value ?? '']));
  } catch (err) {
    if (err instanceof BotoClientError) return undefined;
    throw err;
  }
}

/** The tags of an SSM managed node (ListTagsForResource ManagedInstance); unknown when they cannot be read. */
function managedNodeTags(client: SSMClient, id: string, call: AwsCall): Promise<Record<string, string> | undefined> {
  return lookupTags(call.signal, async () => {
    const out = await client.send(new ListTagsForResourceCommand({ ResourceType: 'ManagedInstance', ResourceId: id }), { abortSignal: call.signal });
    return tagListToMap(out.TagList);
  });
}

/**
 * The ids of the managed nodes SSM knows (EC2 instances and hybrid mi-… nodes) matching the tag
 * filters, all pages (DescribeInstanceInformation, read-only); undefined when they cannot be listed
 * (no permission, or a local AWS that does not implement it).
 */
async function managedNodeIds(client: SSMClient, filters: InstanceInformationStringFilter[], call: AwsCall): Promise<string[] | undefined> {
  const ids: string[] = [];
  try {
    let token: string | undefined;
    do {
      const page = await client.send(
        new DescribeInstanceInformationCommand({ ...(filters.length ? { Filters: filters } : {}), MaxResults: 50, ...(token ? { NextToken: token } : {}) }),
        { abortSignal: call.signal },
      );
      for (const node of page.InstanceInformationList ?? []) if (node.InstanceId) ids.push(node.InstanceId);
      token = page.NextToken;
    } while (token);
  } catch (err) {
    if (call.signal.aborted) throw err;
    return undefined;
  }
  return ids;
}

/** An InstanceIds value as SSM reads it: "*" (every managed node) or a glob. */
const globMatcher = (patterns: readonly string[]) => {
  const res = patterns.map((p) => new RegExp(`^${p.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replaceAll('*', '.*')}$`));
  return (id: string) => res.some((re) => re.test(id));
};

/**
 * The managed nodes a Run Command will reach, for the guardrails. Instance ids and tag targets
 * resolve through EC2 (an instance matches every criterion, as in SSM; its tags from EC2); a tag or
 * wildcard target also reaches the hybrid nodes (mi-…) SSM manages, which EC2 cannot see: those are
 * listed with SSM DescribeInstanceInformation and their tags read from SSM. When that listing fails
 * the EC2 view is used, and a tag that no EC2 instance carries becomes an unbounded target (refused)
 * rather than a call with no target. A resource group (or a key SSM resolves itself) is unbounded.
 */
async function resolveCommandTargets(targets: readonly SsmTarget[], client: SSMClient, call: AwsCall): Promise<AwsTarget[]> {
  const filters: Filter[] = [];
  const nodeFilters: InstanceInformationStringFilter[] = [];
  const sets: AwsTarget[] = [];
  let listedIds: string[] = [];
  for (const t of targets) {
    const id = `${t.Key}=${t.Values.join(',')}`;
    if (t.Key === 'InstanceIds') {
      filters.push({ Name: 'instance-id', Values: t.Values });
      listedIds = t.Values;
    } else if (t.Key.startsWith('tag:') || t.Key === 'tag-key') {
      filters.push({ Name: t.Key, Values: t.Values });
      nodeFilters.push({ Key: t.Key, Values: t.Values });
    } else if (t.Key.startsWith('resource-groups:')) {
      sets.push({ kind: 'ssm:resource-group', id, unbounded: true });
    } else {
      sets.push({ kind: 'ssm:target', id, unbounded: true });
    }
  }
  if (filters.length === 0) return sets;
  const ec2 = await call.client(EC2Client);
  const found: AwsTarget[] = [];
  let token: string | undefined;
  do {
    const page = await boto('DescribeInstances', ec2.send(new DescribeInstancesCommand({ Filters: filters, NextToken: token }), { abortSignal: call.signal }));
    for (const r of page.Reservations ?? []) {
      for (const i of r.Instances ?? []) {
        if (i.State?.Name === 'terminated') continue;
        found.push({ kind: 'ssm:instance', id: i.InstanceId ?? '', tags: Object.fromEntries((i.Tags ?? []).map((t) => [t.Key ?? '', t.Value ?? ''])) });
      }
    }
    token = page.NextToken;
  } while (token);
  const wildcards = listedIds.filter((id) => id.includes('*'));
  const hybrid: AwsTarget[] = [];
  if (nodeFilters.length > 0 || wildcards.length > 0) {
    const nodes = await managedNodeIds(client, nodeFilters, call);
    if (nodes === undefined) {
      if (found.length === 0) {
        const what = targets
          .filter((t) => t.Key !== 'InstanceIds' || t.Values.some((v) => v.includes('*')))
          .map((t) => `${t.Key}=${t.Values.join(',')}`)
          .join(' and ');
        sets.push({ kind: 'ssm:target', id: `${what} (no EC2 instance matches, and the SSM managed nodes could not be listed)`, unbounded: true });
      }
    } else {
      const matches = wildcards.length ? globMatcher(wildcards) : () => true;
      for (const id of nodes) {
        if (found.some((f) => f.id === id) || !matches(id)) continue;
        hybrid.push({ kind: 'ssm:instance', id, tags: await managedNodeTags(client, id, call) });
      }
    }
  }
  const unknown = listedIds.filter((id) => !id.includes('*') && !found.some((f) => f.id === id));
  const listed: AwsTarget[] = [];
  for (const id of unknown) listed.push({ kind: 'ssm:instance', id, ...(id.startsWith('mi-') ? { tags: await managedNodeTags(client, id, call) } : {}) });
  return [...found, ...hybrid, ...listed, ...sets];
}
