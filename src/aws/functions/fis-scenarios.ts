// chaosaws.fis's two console scenarios, natively: "EKS Stress: Pod Delete" and "AZ Availability:
// Power Interruption" (a template of many actions, plus an IAM role FIS assumes to run it), and
// the restore that stops the AZ experiment and removes what the scenario created.
import { randomInt } from 'node:crypto';
import {
  CreateExperimentTemplateCommand,
  FisClient,
  type CreateExperimentTemplateActionInput,
  type CreateExperimentTemplateCommandInput,
  type CreateExperimentTemplateTargetInput,
} from '@aws-sdk/client-fis';
import {
  AttachRolePolicyCommand,
  CreatePolicyCommand,
  CreateRoleCommand,
  DeletePolicyCommand,
  DeleteRoleCommand,
  DetachRolePolicyCommand,
  GetPolicyCommand,
  GetRoleCommand,
  IAMClient,
  ListAttachedRolePoliciesCommand,
  type AttachedPolicy,
} from '@aws-sdk/client-iam';
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { container, type AwsCall, type AwsFunction, type AwsTarget } from './types.js';
import { fisTargets } from './fis-targets.js';
import { boto, BotoClientError } from './boto-error.js';
import { PyArgs, sleep } from './py-args.js';
import { withFisArns } from './fis-arn.js';
import { startFromTemplate, stopExperimentsByTags } from './fis.js';

const ACTIONS = 'chaosaws.fis.actions';

let processKey: string | undefined;
/**
 * The key chaosaws builds from threading.get_ident(): one per process, in the role and policy
 * names and the `chaostoolkit-experiment-key` tag, so that the restore finds what the start made.
 * Like chaosaws, the restore only finds it when it runs in the process that started the scenario.
 */
export function experimentKey(): string {
  processKey ??= String(randomInt(2 ** 40, 2 ** 47));
  return processKey;
}

/** Python's json.dumps (", " and ": " separators, non-ASCII escaped), for byte-identical policies. */
export function pythonJsonDumps(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (typeof value === 'string') return JSON.stringify(value).replace(/[\u0080-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
  if (Array.isArray(value)) return `[${value.map(pythonJsonDumps).join(', ')}]`;
  if (typeof value === 'object')
    return `{${Object.entries(value)
      .map(([k, v]) => `${pythonJsonDumps(k)}: ${pythonJsonDumps(v)}`)
      .join(', ')}}`;
  return JSON.stringify(value);
}

/**
 * The template a scenario creates: what the experiment runs through, not what it faults (its tags,
 * the scenario's, come from the experiment's own `tags` argument): checked, not counted. What the
 * scenario faults is declared beside it, from the targets it builds (fis-targets.ts).
 */
const newTemplate = (description: string, tags: Record<string, string>): AwsTarget =>
  container({ kind: 'fis:experiment-template', id: `(new) ${description}`, tags });

/** CreateExperimentTemplate, once the guardrails allowed it; the new template as a (not counted) target. */
async function createTemplate(client: FisClient, call: AwsCall, input: CreateExperimentTemplateCommandInput, tags: Record<string, string>): Promise<AwsTarget> {
  const out = await boto('CreateExperimentTemplate', client.send(new CreateExperimentTemplateCommand(input), { abortSignal: call.signal }));
  return container({ kind: 'fis:experiment-template', id: out.experimentTemplate?.id ?? '', tags });
}

function requiredString(a: PyArgs, name: string, expected: string): string {
  return a.str(name) ?? a.fail(name, expected);
}

export const start_stress_pod_delete_scenario: AwsFunction = async (args, call) => {
  const a = new PyArgs(`${ACTIONS}.start_stress_pod_delete_scenario`, args);
  const labelSelector = requiredString(a, 'label_selector', 'a "key=value" label selector');
  const roleArn = requiredString(a, 'role_arn', 'the ARN of the role FIS assumes');
  const logGroupArn = requiredString(a, 'log_group_arn', 'a CloudWatch Logs log group ARN');
  const cluster = requiredString(a, 'cluster_identifier', 'an EKS cluster name or ARN');
  const tags = a.tagMap('tags');
  const clientToken = a.str('client_token') ?? '';
  const scenarioTags = { chaosengineering: 'true', chaostoolkit: 'true', ...tags };
  const description = a.str('description') ?? 'Delete one or more EKS pods';
  const client = withFisArns(await call.client(FisClient));
  const targets: Record<string, CreateExperimentTemplateTargetInput> = {
    EksPodDeleteTarget: {
      resourceType: 'aws:eks:pod',
      selectionMode: 'ALL',
      parameters: {
        clusterIdentifier: cluster,
        namespace: a.str('namespace') ?? 'default',
        selectorType: 'labelSelector',
        selectorValue: labelSelector,
      },
    },
  };
  const actions: Record<string, CreateExperimentTemplateActionInput> = {
    EksPodDelete: {
      actionId: 'aws:eks:pod-delete',
      parameters: { kubernetesServiceAccount: a.str('service_account') ?? 'default' },
      targets: { Pods: 'EksPodDeleteTarget' },
    },
  };
  // Every pod the label selects, in number known only to FIS when it starts: checked before the
  // template is created, so that a refusal leaves nothing behind.
  const faulted = await fisTargets('the new template', targets, actions, call);
  await call.mutate('fis:CreateExperimentTemplate, fis:StartExperiment', [newTemplate(description, scenarioTags), ...faulted]);
  const template = await createTemplate(
    client,
    call,
    {
      description,
      targets,
      actions,
      roleArn,
      stopConditions: [{ source: 'none' }],
      tags: scenarioTags,
      logConfiguration: { logSchemaVersion: 2, cloudWatchLogsConfiguration: { logGroupArn } },
      ...(clientToken ? { clientToken } : {}),
    },
    scenarioTags,
  );
  return startFromTemplate(client, call, template.id, [template, ...faulted], clientToken, tags);
};

/** The Region of an AZ name ("us-east-1a" → "us-east-1", "us-gov-west-1b" → "us-gov-west-1"). */
function regionOfAz(a: PyArgs, az: string): string {
  const m = /^([a-z]{2}(?:-[a-z]+)+-\d+)[a-z]/.exec(az);
  return m?.[1] ?? a.fail('az', 'an Availability Zone name like "us-east-1a"');
}

interface Scenario {
  targets: Record<string, CreateExperimentTemplateTargetInput>;
  actions: Record<string, CreateExperimentTemplateActionInput>;
  policies: { ebs: boolean; ec2: boolean; rds: boolean; elasticache: boolean; network: boolean };
}

/** The template's targets and actions, as the console scenario defines them. */
function buildScenario(a: PyArgs, az: string, duration: string): Scenario {
  const targets: Scenario['targets'] = {};
  const actions: Scenario['actions'] = {};
  const policies = { ebs: false, ec2: false, rds: false, elasticache: false, network: false };
  const running = { path: 'State.Name', values: ['running'] };
  const inAz = { path: 'Placement.AvailabilityZone', values: [az] };
  const iamRoles = a.strList('iam_roles');
  if (a.truthy('target_iam_roles', false) && iamRoles && iamRoles.length > 0) {
    targets['IAM-role'] = { resourceType: 'aws:iam:role', resourceArns: iamRoles, selectionMode: 'ALL' };
    actions['Pause-Instance-Launches'] = {
      actionId: 'aws:ec2:api-insufficient-instance-capacity-error',
      parameters: { availabilityZoneIdentifiers: az, duration, percentage: '100' },
      targets: { Roles: 'IAM-role' },
    };
  }
  if (a.truthy('target_ebs_volumes', true)) {
    policies.ebs = true;
    targets['EBS-Volumes'] = {
      resourceType: 'aws:ec2:ebs-volume',
      resourceTags: { AzImpairmentPower: 'ApiPauseVolume' },
      selectionMode: 'COUNT(1)',
      parameters: { availabilityZoneIdentifier: az },
      filters: [{ path: 'Attachments.DeleteOnTermination', values: ['false'] }],
    };
    actions['Pause-EBS-IO'] = {
      actionId: 'aws:ebs:pause-volume-io',
      parameters: { duration },
      targets: { Volumes: 'EBS-Volumes' },
      startAfter: ['Stop-Instances', 'Stop-ASG-Instances'],
    };
  }
  if (a.truthy('target_ec2_instances', true)) {
    policies.ec2 = true;
    targets['EC2-Instances'] = {
      resourceType: 'aws:ec2:instance',
      resourceTags: { AzImpairmentPower: 'StopInstances' },
      filters: [running, inAz],
      selectionMode: 'ALL',
    };
    actions['Stop-Instances'] = {
      actionId: 'aws:ec2:stop-instances',
      parameters: { completeIfInstancesTerminated: 'true', startInstancesAfterDuration: duration },
      targets: { Instances: 'EC2-Instances' },
    };
  }
  if (a.truthy('target_asg', true)) {
    targets.ASG = { resourceType: 'aws:ec2:autoscaling-group', resourceTags: { AzImpairmentPower: 'IceAsg' }, selectionMode: 'ALL' };
    actions['Pause-ASG-Scaling'] = {
      actionId: 'aws:ec2:asg-insufficient-instance-capacity-error',
      parameters: { availabilityZoneIdentifiers: az, duration, percentage: '100' },
      targets: { AutoScalingGroups: 'ASG' },
    };
  }
  if (a.truthy('target_asg_ec2_instances', true)) {
    targets['ASG-EC2-Instances'] = {
      resourceType: 'aws:ec2:instance',
      resourceTags: { AzImpairmentPower: 'IceAsg' },
      filters: [running, inAz],
      selectionMode: 'ALL',
    };
    actions['Stop-ASG-Instances'] = {
      actionId: 'aws:ec2:stop-instances',
      parameters: { completeIfInstancesTerminated: 'true', startInstancesAfterDuration: duration },
      targets: { Instances: 'ASG-EC2-Instances' },
    };
  }
  if (a.truthy('target_rds_cluster', true)) {
    policies.rds = true;
    targets['RDS-Cluster'] = {
      resourceType: 'aws:rds:cluster',
      resourceTags: { AzImpairmentPower: 'DisruptRds' },
      selectionMode: 'ALL',
      parameters: { writerAvailabilityZoneIdentifiers: az },
    };
    actions['Failover-RDS'] = { actionId: 'aws:rds:failover-db-cluster', parameters: {}, targets: { Clusters: 'RDS-Cluster' } };
  }
  if (a.truthy('target_easticache_cluster', true)) {
    policies.elasticache = true;
    targets['ElastiCache-Cluster'] = {
      resourceType: 'aws:elasticache:redis-replicationgroup',
      resourceTags: { AzImpairmentPower: 'DisruptElasticache' },
      selectionMode: 'ALL',
      parameters: { availabilityZoneIdentifier: az },
    };
    actions['Pause-ElastiCache'] = {
      actionId: 'aws:elasticache:interrupt-cluster-az-power',
      parameters: { duration },
      targets: { ReplicationGroups: 'ElastiCache-Cluster' },
    };
  }
  if (a.truthy('target_subnet', true)) {
    policies.network = true;
    targets.Subnet = {
      resourceType: 'aws:ec2:subnet',
      resourceTags: { AzImpairmentPower: 'DisruptSubnet' },
      filters: [{ path: 'AvailabilityZone', values: [az] }],
      selectionMode: 'ALL',
      parameters: {},
    };
    actions['Pause-network-connectivity'] = {
      actionId: 'aws:network:disrupt-connectivity',
      parameters: { duration: 'PT2M', scope: 'all' },
      targets: { Subnets: 'Subnet' },
    };
  }
  // chaosaws always makes the EBS pause wait for both stop actions, even one left out, which FIS
  // rejects; we keep only the actions the template has.
  const ebs = actions['Pause-EBS-IO'];
  if (ebs) {
    const after = (ebs.startAfter ?? []).filter((name) => name in actions);
    if (after.length > 0) ebs.startAfter = after;
    else delete ebs.startAfter;
  }
  return { targets, actions, policies };
}

const MANAGED = 'arn:aws:iam::aws:policy/service-role/';

/** The policies the scenario creates (beside the AWS-managed ones it attaches), by name prefix. */
function createdPolicyNames(policies: Scenario['policies']): string[] {
  return [
    ...(policies.ebs ? ['FIS-Console-EBSPauseVolumeIO'] : []),
    ...(policies.ec2 ? ['FIS-Console-ICE'] : []),
    ...(policies.elasticache ? ['FIS-Console-ElastiCache'] : []),
  ];
}

/** The role FIS assumes, with the policies the console scenario grants (guardrails already passed); returns its ARN. */
async function createScenarioRole(
  call: AwsCall,
  key: string,
  account: string,
  region: string,
  policies: Scenario['policies'],
  tags: Record<string, string>,
): Promise<string> {
  const iam = await call.client(IAMClient);
  const tagList = Object.entries(tags).map(([Key, Value]) => ({ Key, Value }));
  const roleName = `ChaosToolkit-FIS-${key}`;
  const created = await boto(
    'CreateRole',
    iam.send(
      new CreateRoleCommand({
        Path: '/service-role/',
        RoleName: roleName,
        AssumeRolePolicyDocument: pythonJsonDumps({
          Version: '2012-10-17',
          Statement: [{ Effect: 'Allow', Principal: { Service: 'fis.amazonaws.com' }, Action: 'sts:AssumeRole' }],
        }),
        Description: 'Chaos Toolkit generated role for AWS FIS experiments',
        MaxSessionDuration: 3 * 3600,
        Tags: tagList,
      }),
      { abortSignal: call.signal },
    ),
  );
  const attach = async (policyArn: string): Promise<void> => {
    await boto('AttachRolePolicy', iam.send(new AttachRolePolicyCommand({ RoleName: roleName, PolicyArn: policyArn }), { abortSignal: call.signal }));
  };
  const createAndAttach = async (name: string, document: unknown): Promise<void> => {
    const policyName = `${name}-${key}`;
    const out = await boto(
      'CreatePolicy',
      iam.send(new CreatePolicyCommand({ PolicyName: policyName, PolicyDocument: pythonJsonDumps(document), Tags: tagList }), { abortSignal: call.signal }),
    );
    await attach(out.Policy?.Arn ?? '');
  };
  if (policies.ebs) {
    await createAndAttach('FIS-Console-EBSPauseVolumeIO', {
      Version: '2012-10-17',
      Statement: [
        { Effect: 'Allow', Action: ['ec2:DescribeVolumes'], Resource: '*' },
        { Effect: 'Allow', Action: ['ec2:PauseVolumeIO'], Resource: `arn:aws:ec2:${region}:${account}:volume/*` },
      ],
    });
  }
  if (policies.ec2) {
    await attach(`${MANAGED}AWSFaultInjectionSimulatorEC2Access`);
    await createAndAttach('FIS-Console-ICE', {
      Version: '2012-10-17',
      Statement: [
        {
          Sid: 'AllowInjectAPI',
          Effect: 'Allow',
          Action: ['ec2:InjectApiError'],
          Resource: ['*'],
          Condition: {
            'ForAnyValue:StringEquals': {
              'ec2:FisActionId': ['aws:ec2:api-insufficient-instance-capacity-error', 'aws:ec2:asg-insufficient-instance-capacity-error'],
            },
          },
        },
        { Sid: 'DescribeAsg', Effect: 'Allow', Action: ['autoscaling:DescribeAutoScalingGroups'], Resource: ['*'] },
      ],
    });
  }
  if (policies.elasticache) {
    await createAndAttach('FIS-Console-ElastiCache', {
      Version: '2012-10-17',
      Statement: [
        {
          Sid: 'AllowElastiCacheActions',
          Effect: 'Allow',
          Action: ['elasticache:DescribeReplicationGroups', 'elasticache:InterruptClusterAzPower'],
          Resource: [`arn:aws:elasticache:${region}:${account}:replicationgroup:*`],
        },
        { Sid: 'TargetResolutionByTags', Effect: 'Allow', Action: ['tag:GetResources'], Resource: '*' },
      ],
    });
  }
  if (policies.network) await attach(`${MANAGED}AWSFaultInjectionSimulatorNetworkAccess`);
  if (policies.rds) await attach(`${MANAGED}AWSFaultInjectionSimulatorRDSAccess`);
  return created.Role?.Arn ?? '';
}

/**
 * start_availability_zone_power_interruption_scenario on a given wait: chaosaws sleeps 5 s between
 * creating the template and starting it (eventual consistency); tests pass a wait that returns.
 */
export function powerInterruptionScenario(wait: (ms: number, signal: AbortSignal) => Promise<void>): AwsFunction {
  return async (args, call) => {
    const a = new PyArgs(`${ACTIONS}.start_availability_zone_power_interruption_scenario`, args);
    const az = requiredString(a, 'az', 'an Availability Zone name like "us-east-1a"');
    // Checked before anything is created (chaosaws finds a bad AZ only after creating the role).
    const region = regionOfAz(a, az);
    const tags = a.tagMap('tags');
    let roleArn = a.str('role_arn') ?? '';
    const autocreate = roleArn ? false : a.truthy('autocreate_necessary_role', true);
    if (!roleArn && !autocreate) a.fail('role_arn', 'the ARN of the role FIS assumes when autocreate_necessary_role is false');
    const duration = a.str('duration') ?? 'PT30M';
    const logGroupArn = a.str('log_group_arn') ?? '';
    const clientToken = a.str('client_token') ?? '';
    const description = a.str('description') ?? 'Affect multiple resource types in a single AZ to approximate power interruption';
    const scenario = buildScenario(a, az, duration);

    const sts = await call.client(STSClient);
    const account = (await boto('GetCallerIdentity', sts.send(new GetCallerIdentityCommand({}), { abortSignal: call.signal }))).Account ?? '';
    const key = experimentKey();
    const scenarioTags = { chaosengineering: 'true', chaostoolkit: 'true', 'chaostoolkit-experiment-key': key, ...tags };
    const client = withFisArns(await call.client(FisClient));
    // One guardrail check for everything the scenario creates (the role FIS assumes, its policies,
    // the template: not counted, they are what the experiment runs through) and everything it
    // faults (the resources its targets select in the AZ), before anything is created, so that a
    // refusal leaves nothing behind and a dry run lists all of it.
    const creates: AwsTarget[] = autocreate
      ? [
          container({ kind: 'iam:role', id: `ChaosToolkit-FIS-${key}`, tags: scenarioTags }),
          ...createdPolicyNames(scenario.policies).map((name): AwsTarget => container({ kind: 'iam:policy', id: `${name}-${key}`, tags: scenarioTags })),
        ]
      : [];
    const faulted = await fisTargets('the new template', scenario.targets, scenario.actions, call);
    await call.mutate(
      autocreate
        ? 'iam:CreateRole, iam:CreatePolicy, iam:AttachRolePolicy, fis:CreateExperimentTemplate, fis:StartExperiment'
        : 'fis:CreateExperimentTemplate, fis:StartExperiment',
      [...creates, newTemplate(description, scenarioTags), ...faulted],
    );
    if (autocreate) roleArn = await createScenarioRole(call, key, account, region, scenario.policies, scenarioTags);

    const template = await createTemplate(
      client,
      call,
      {
        targets: scenario.targets,
        actions: scenario.actions,
        stopConditions: [{ source: 'none' }],
        roleArn,
        tags: scenarioTags,
        experimentOptions: { accountTargeting: 'single-account', emptyTargetResolutionMode: 'skip' },
        description,
        ...(logGroupArn ? { logConfiguration: { logSchemaVersion: 2, cloudWatchLogsConfiguration: { logGroupArn } } } : {}),
        ...(clientToken ? { clientToken } : {}),
      },
      scenarioTags,
    );
    await wait(5000, call.signal);
    // chaosaws tags the experiment only when the user gave tags, and then its restore (which looks
    // experiments up by the experiment-key tag) cannot find an untagged one: we always tag it.
    return startFromTemplate(client, call, template.id, [template, ...faulted], clientToken, scenarioTags);
  };
}

export const start_availability_zone_power_interruption_scenario = powerInterruptionScenario(sleep);

const isNoSuchEntity = (err: unknown): boolean => err instanceof BotoClientError && (err.code === 'NoSuchEntity' || err.code === 'NoSuchEntityException');

/** Runs one IAM call, treating "no such entity" as already done; false when it was missing. */
async function ignoringMissing(pending: () => Promise<unknown>): Promise<boolean> {
  try {
    await pending();
    return true;
  } catch (err) {
    if (isNoSuchEntity(err)) return false;
    throw err;
  }
}

async function deleteScenarioRole(call: AwsCall, key: string): Promise<void> {
  const iam = await call.client(IAMClient);
  const roleName = `ChaosToolkit-FIS-${key}`;
  let policies: AttachedPolicy[];
  try {
    const out = await boto('ListAttachedRolePolicies', iam.send(new ListAttachedRolePoliciesCommand({ RoleName: roleName }), { abortSignal: call.signal }));
    policies = out.AttachedPolicies ?? [];
  } catch (err) {
    // No such role: nothing of this process's scenario is left to delete.
    if (isNoSuchEntity(err)) return;
    throw err;
  }
  const roleTags = await boto('GetRole', iam.send(new GetRoleCommand({ RoleName: roleName }), { abortSignal: call.signal }))
    .then((out) => Object.fromEntries((out.Role?.Tags ?? []).map((t) => [t.Key ?? '', t.Value ?? ''])))
    .catch((err: unknown) => {
      if (err instanceof BotoClientError) return undefined;
      throw err;
    });
  const own = policies.filter((p) => !(p.PolicyArn ?? '').startsWith('arn:aws:iam::aws:policy/'));
  const ownTargets: AwsTarget[] = [];
  for (const p of own) {
    const policyTags = await boto('GetPolicy', iam.send(new GetPolicyCommand({ PolicyArn: p.PolicyArn }), { abortSignal: call.signal }))
      .then((out) => Object.fromEntries((out.Policy?.Tags ?? []).map((t) => [t.Key ?? '', t.Value ?? ''])))
      .catch((err: unknown) => {
        if (err instanceof BotoClientError) return undefined;
        throw err;
      });
    // Deleted with the role they were made for: checked, not counted (the restore must not be refused).
    ownTargets.push(container({ kind: 'iam:policy', id: p.PolicyName ?? p.PolicyArn ?? '', tags: policyTags }));
  }
  await call.mutate('iam:DetachRolePolicy, iam:DeleteRole, iam:DeletePolicy', [{ kind: 'iam:role', id: roleName, tags: roleTags }, ...ownTargets]);
  for (const p of policies) {
    await ignoringMissing(() =>
      boto('DetachRolePolicy', iam.send(new DetachRolePolicyCommand({ RoleName: roleName, PolicyArn: p.PolicyArn }), { abortSignal: call.signal })),
    );
  }
  if (!(await ignoringMissing(() => boto('DeleteRole', iam.send(new DeleteRoleCommand({ RoleName: roleName }), { abortSignal: call.signal }))))) return;
  // chaosaws calls DeleteRolePolicy (for inline policies) on the deleted role here, so the
  // policies the scenario created stay behind; we delete those customer-managed policies.
  for (const p of own) {
    await ignoringMissing(() => boto('DeletePolicy', iam.send(new DeletePolicyCommand({ PolicyArn: p.PolicyArn }), { abortSignal: call.signal })));
  }
}

export const restore_availability_zone_power_after_interruption: AwsFunction = async (args, call) => {
  const a = new PyArgs(`${ACTIONS}.restore_availability_zone_power_after_interruption`, args);
  const key = experimentKey();
  const given = a.tagMap('tags');
  const tags = Object.keys(given).length > 0 ? given : { 'chaostoolkit-experiment-key': key };
  const client = withFisArns(await call.client(FisClient));
  const payload = await stopExperimentsByTags(tags, a.truthy('delete_templates', true), client, call);
  if (a.truthy('delete_roles_and_policies', true)) await deleteScenarioRole(call, key);
  return payload;
};
