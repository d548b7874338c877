import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { mockClient, type AwsClientStub } from 'aws-sdk-client-mock';
import {
  CreateExperimentTemplateCommand,
  DeleteExperimentTemplateCommand,
  FisClient,
  FisServiceException,
  GetExperimentCommand,
  GetExperimentTemplateCommand,
  ListExperimentsCommand,
  StartExperimentCommand,
  StopExperimentCommand,
} from '@aws-sdk/client-fis';
import {
  AttachRolePolicyCommand,
  CreatePolicyCommand,
  CreateRoleCommand,
  DeletePolicyCommand,
  DeleteRoleCommand,
  DetachRolePolicyCommand,
  GetPolicyCommand,
  GetPolicyVersionCommand,
  GetRoleCommand,
  IAMClient,
  ListAttachedRolePoliciesCommand,
  ListRoleTagsCommand,
  NoSuchEntityException,
} from '@aws-sdk/client-iam';
import { DescribeTagsCommand, EC2Client } from '@aws-sdk/client-ec2';
import { ListTagsForResourceCommand, RDSClient } from '@aws-sdk/client-rds';
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import * as fis from '../../src/aws/functions/fis.js';
import * as scenarios from '../../src/aws/functions/fis-scenarios.js';
import { catalog } from '../../src/aws/catalog/fis.js';
import { checkGuardrails, refusalMessage } from '../../src/aws/guardrails.js';
import type { AwsTarget } from '../../src/aws/functions/types.js';
import type { Guardrails } from '../../src/experiment/guardrails.js';
import { ActivityFailed } from '../../src/contract/provider.js';
import { fakeCall, type FakeCall } from '../support/aws-call.js';
import { comparable, motoCall, motoClientConfig, runChaosaws, startMoto, type Moto } from './moto-compare.js';

const meta = { httpStatusCode: 200, requestId: 'req-1', attempts: 1 };
const started = new Date('2024-05-01T12:00:00.000Z');
const fisError = (name: string, message: string) => new FisServiceException({ name, $fault: 'client', $metadata: {}, message });
const noWait = async (): Promise<void> => {};
const noAccount = async (): Promise<string> => {
  throw new Error('the account must not be asked');
};
/** A fakeCall whose mutate() applies the real guardrails (the account is 123456789012). */
function guardedCall(guardrails: Guardrails): FakeCall {
  const call = fakeCall();
  return {
    ...call,
    async mutate(operation: string, targets: readonly AwsTarget[]): Promise<void> {
      await call.mutate(operation, targets);
      const verdict = await checkGuardrails(guardrails, targets, async () => '123456789012');
      if (!verdict.allowed) throw new ActivityFailed(refusalMessage(operation, targets, verdict));
    },
  };
}

// client-fis 3.523.0 is built on an older Smithy Client type than aws-sdk-client-mock's, so its stub
// and commands do not type-check together: the FIS stub is used through this loose view.
// biome-ignore lint/suspicious/noExplicitAny: the loose view described above
type LooseCommand = abstract new (input: any) => unknown;
interface LooseBehavior {
  resolves(output: object): LooseBehavior;
  resolvesOnce(output: object): LooseBehavior;
  rejects(error: Error): LooseBehavior;
  // biome-ignore lint/suspicious/noExplicitAny: the loose view described above
  callsFake(fn: (input: any) => unknown): LooseBehavior;
}
interface LooseStub {
  reset(): void;
  restore(): void;
  resetHistory(): void;
  calls(): unknown[];
  on(command: LooseCommand, input?: object): LooseBehavior;
  // biome-ignore lint/suspicious/noExplicitAny: the loose view described above
  commandCalls(command: LooseCommand): { args: [{ input: Record<string, any> }] }[];
}

describe('chaosaws.fis natively (mocked AWS)', () => {
  // Created when this block starts (not when the file loads), so the moto block below talks to real clients.
  let client: LooseStub;
  let iam: AwsClientStub<IAMClient>;
  let sts: AwsClientStub<STSClient>;
  beforeAll(() => {
    client = mockClient(FisClient as never) as unknown as LooseStub;
    iam = mockClient(IAMClient);
    sts = mockClient(STSClient);
  });
  beforeEach(() => {
    client.reset();
    iam.reset();
    sts.reset();
  });
  afterAll(() => {
    client.restore();
    iam.restore();
    sts.restore();
  });

  it('declares the six actions as mutating and get_experiment as a probe, each loading a native function', async () => {
    expect(catalog.map((e) => `${e.module}.${e.func}:${e.mutating}`)).toEqual([
      'chaosaws.fis.actions.start_experiment:true',
      'chaosaws.fis.actions.stop_experiment:true',
      'chaosaws.fis.actions.stop_experiments_by_tags:true',
      'chaosaws.fis.actions.start_stress_pod_delete_scenario:true',
      'chaosaws.fis.actions.start_availability_zone_power_interruption_scenario:true',
      'chaosaws.fis.actions.restore_availability_zone_power_after_interruption:true',
      'chaosaws.fis.probes.get_experiment:false',
    ]);
    const az = catalog.find((e) => e.func === 'start_availability_zone_power_interruption_scenario')!;
    expect(az.params.filter((p) => !p.hasDefault).map((p) => p.name)).toEqual(['az']);
    expect(az.params).toHaveLength(19);
    for (const entry of catalog) expect(typeof (await entry.load())).toBe('function');
  });

  describe('start_experiment', () => {
    it('starts the template with the token and tags given ("k=v,…" strings too) and returns the response', async () => {
      client.on(GetExperimentTemplateCommand).resolves({ experimentTemplate: { id: 'EXT1', tags: { env: 'staging' } } });
      client
        .on(StartExperimentCommand)
        .resolves({ experiment: { id: 'EXP1', experimentTemplateId: 'EXT1', state: { status: 'initiating' }, startTime: started }, $metadata: meta });
      const call = fakeCall();
      const out = await fis.start_experiment({ experiment_template_id: 'EXT1', client_token: 'tok', tags: 'team=sre,run=a=b' }, call);
      expect(client.commandCalls(StartExperimentCommand)[0]!.args[0].input).toEqual({
        experimentTemplateId: 'EXT1',
        clientToken: 'tok',
        tags: { team: 'sre', run: 'a=b' },
      });
      expect(out).toEqual({
        experiment: { id: 'EXP1', experimentTemplateId: 'EXT1', state: { status: 'initiating' }, startTime: '2024-05-01T12:00:00+00:00' },
        ResponseMetadata: { RequestId: 'req-1', HTTPStatusCode: 200, HTTPHeaders: {}, RetryAttempts: 0 },
      });
      // The template (no targets: nothing else to declare) is what the experiment runs through: checked, not counted.
      expect(call.mutations).toEqual([
        { operation: 'fis:StartExperiment', targets: [{ kind: 'fis:experiment-template', id: 'EXT1', tags: { env: 'staging' }, counted: false }] },
      ]);
    });

    it('confirms the fault by the experiment FIS reports running, and not when FIS failed it', async () => {
      client.on(GetExperimentTemplateCommand).resolves({ experimentTemplate: { id: 'EXT1', tags: { env: 'staging' } } });
      client
        .on(StartExperimentCommand)
        .resolves({ experiment: { id: 'EXP1', experimentTemplateId: 'EXT1', state: { status: 'initiating' } }, $metadata: meta });
      client
        .on(GetExperimentCommand)
        .resolvesOnce({ experiment: { id: 'EXP1', state: { status: 'initiating' } } })
        .resolves({ experiment: { id: 'EXP1', state: { status: 'running' } } });
      const call = fakeCall({ confirmTimeoutMs: 30_000 });
      await fis.start_experiment({ experiment_template_id: 'EXT1' }, call);
      expect(call.confirmations).toEqual([{ fault: 'fis:StartExperiment EXT1 (experiment EXP1)', confirmed: true, seen: 'experiment EXP1 is running' }]);

      client
        .on(GetExperimentCommand)
        .resolves({ experiment: { id: 'EXP1', state: { status: 'failed', reason: 'Role is not authorized to perform ec2:StopInstances' } } });
      const failed = fakeCall({ confirmTimeoutMs: 30_000 });
      await fis.start_experiment({ experiment_template_id: 'EXT1' }, failed);
      // A failed experiment is final: no waiting for the timeout.
      expect(failed.confirmations).toEqual([
        {
          fault: 'fis:StartExperiment EXT1 (experiment EXP1)',
          confirmed: false,
          seen: 'experiment EXP1 is failed: Role is not authorized to perform ec2:StopInstances',
        },
      ]);
    });

    it("declares what the template's targets select, not just the template", async () => {
      const ec2 = mockClient(EC2Client);
      const rds = mockClient(RDSClient);
      try {
        ec2.on(DescribeTagsCommand).resolves({
          Tags: [
            { ResourceId: 'i-0a', Key: 'chaos', Value: 'allowed' },
            { ResourceId: 'i-0a', Key: 'app', Value: 'web' },
          ],
        });
        rds.on(ListTagsForResourceCommand).resolves({ TagList: [{ Key: 'chaos', Value: 'no' }] });
        client.on(GetExperimentTemplateCommand).resolves({
          experimentTemplate: {
            id: 'EXT2',
            tags: { chaos: 'allowed' },
            targets: {
              Web: {
                resourceType: 'aws:ec2:instance',
                resourceArns: ['arn:aws:ec2:us-east-1:123456789012:instance/i-0a', 'arn:aws:ec2:us-east-1:123456789012:instance/i-0b'],
                selectionMode: 'COUNT(1)',
              },
              Db: { resourceType: 'aws:rds:db', resourceArns: ['arn:aws:rds:us-east-1:123456789012:db:orders'], selectionMode: 'ALL' },
              Tasks: { resourceType: 'aws:ecs:task', resourceArns: ['arn:aws:ecs:us-east-1:123456789012:task/c/abc'], selectionMode: 'ALL' },
              Some: { resourceType: 'aws:ec2:instance', resourceTags: { chaos: 'allowed', tier: 'api' }, selectionMode: 'COUNT(2)' },
              Fleet: {
                resourceType: 'aws:ec2:instance',
                resourceTags: { app: 'web' },
                filters: [{ path: 'State.Name', values: ['running'] }],
                selectionMode: 'PERCENT(25)',
              },
              Unused: { resourceType: 'aws:ec2:subnet', resourceTags: { any: 'thing' }, selectionMode: 'ALL' },
            },
            actions: {
              StopWeb: { actionId: 'aws:ec2:stop-instances', targets: { Instances: 'Web' } },
              RebootDb: { actionId: 'aws:rds:reboot-db-instances', targets: { DBInstances: 'Db' } },
              StopTasks: { actionId: 'aws:ecs:stop-task', targets: { Tasks: 'Tasks' } },
              StopSome: { actionId: 'aws:ec2:stop-instances', targets: { Instances: 'Some' } },
              StopFleet: { actionId: 'aws:ec2:stop-instances', targets: { Instances: 'Fleet' } },
              Wait: { actionId: 'aws:fis:wait', parameters: { duration: 'PT1M' } },
            },
          },
        });
        const call = fakeCall({ mode: 'plan' });
        await expect(fis.start_experiment({ experiment_template_id: 'EXT2' }, call)).rejects.toThrow();
        expect(ec2.commandCalls(DescribeTagsCommand)[0]!.args[0].input).toEqual({ Filters: [{ Name: 'resource-id', Values: ['i-0a', 'i-0b'] }] });
        expect(rds.commandCalls(ListTagsForResourceCommand)[0]!.args[0].input).toEqual({ ResourceName: 'arn:aws:rds:us-east-1:123456789012:db:orders' });
        const targets = call.mutations[0]!.targets;
        expect(targets).toEqual([
          { kind: 'fis:experiment-template', id: 'EXT2', tags: { chaos: 'allowed' }, counted: false },
          // Explicit ARNs all count (FIS may pick any of them), each with its own tags where a client we ship can read them.
          { kind: 'ec2:instance', id: 'arn:aws:ec2:us-east-1:123456789012:instance/i-0a', tags: { chaos: 'allowed', app: 'web' } },
          { kind: 'ec2:instance', id: 'arn:aws:ec2:us-east-1:123456789012:instance/i-0b', tags: {} },
          { kind: 'rds:db', id: 'arn:aws:rds:us-east-1:123456789012:db:orders', tags: { chaos: 'no' } },
          { kind: 'ecs:task', id: 'arn:aws:ecs:us-east-1:123456789012:task/c/abc' },
          // Selected by tags: COUNT(n) counts n, each carrying the selecting tags; ALL or PERCENT is an unknown number.
          {
            kind: 'ec2:instance',
            id: 'tagged chaos=allowed, tier=api (target Some of template EXT2, COUNT(2))',
            tags: { chaos: 'allowed', tier: 'api' },
            count: 2,
          },
          { kind: 'ec2:instance', id: 'tagged app=web (target Fleet of template EXT2, PERCENT(25))', tags: { app: 'web' }, unbounded: true },
        ]);
        expect((await checkGuardrails({ maxTargets: 10, requiredTags: { chaos: 'allowed' } }, targets, noAccount)).refusals).toEqual([
          'max-targets is 10 but ec2:instance tagged app=web (target Fleet of template EXT2, PERCENT(25)) selects an unknown number of resources (AWS chooses them when the call runs)',
          'required-tags chaos=allowed: ec2:instance arn:aws:ec2:us-east-1:123456789012:instance/i-0b has no chaos',
          'required-tags chaos=allowed: rds:db arn:aws:rds:us-east-1:123456789012:db:orders has chaos=no',
          'required-tags chaos=allowed: the tags of ecs:task arn:aws:ecs:us-east-1:123456789012:task/c/abc are unknown',
          'required-tags chaos=allowed: ec2:instance tagged app=web (target Fleet of template EXT2, PERCENT(25)) has no chaos in the tags that select its resources',
        ]);
        // 2 + 1 + 1 + COUNT(2): 6 resources, the template not counted.
        expect(
          (
            await checkGuardrails(
              { maxTargets: 5 },
              targets.filter((t) => !t.unbounded),
              noAccount,
            )
          ).refusals[0],
        ).toMatch(
          /^max-targets is 5 but the call would touch 6 resources \(.*2 × tagged chaos=allowed, tier=api .*; not counted: EXT2, which the call acts through\)$/,
        );
        expect(client.commandCalls(StartExperimentCommand)).toHaveLength(0);
      } finally {
        ec2.restore();
        rds.restore();
      }
    });

    it('refuses a template it cannot read: what it would change is unknown', async () => {
      client.on(GetExperimentTemplateCommand).rejects(fisError('AccessDeniedException', 'not authorized to perform fis:GetExperimentTemplate'));
      const call = fakeCall({ mode: 'refuse' });
      await expect(fis.start_experiment({ experiment_template_id: 'EXT3' }, call)).rejects.toThrow();
      expect(client.commandCalls(StartExperimentCommand)).toHaveLength(0);
      const targets = call.mutations[0]!.targets;
      expect(targets).toEqual([
        { kind: 'fis:experiment-template', id: 'EXT3', counted: false },
        {
          kind: 'fis:experiment-template',
          id: "EXT3's targets (the template could not be read: not authorized to perform fis:GetExperimentTemplate)",
          unbounded: true,
        },
      ]);
      expect((await checkGuardrails({ maxTargets: 50 }, targets, noAccount)).allowed).toBe(false);
    });

    it('sends neither token nor tags when they are not given', async () => {
      client.on(GetExperimentTemplateCommand).resolves({ experimentTemplate: { id: 'EXT1' } });
      client.on(StartExperimentCommand).resolves({ experiment: { id: 'EXP1' } });
      await fis.start_experiment({ experiment_template_id: 'EXT1', tags: {} }, fakeCall());
      expect(client.commandCalls(StartExperimentCommand)[0]!.args[0].input).toEqual({ experimentTemplateId: 'EXT1' });
    });

    it('fails as chaosaws does without an id, on bad tags, and when FIS refuses', async () => {
      await expect(fis.start_experiment({ experiment_template_id: '' }, fakeCall())).rejects.toThrow(
        'You must pass a valid experiment template id, id provided was empty',
      );
      await expect(fis.start_experiment({ experiment_template_id: 'EXT1', tags: 'team' }, fakeCall())).rejects.toThrow(
        "argument 'tags' must be \"key=value\" pairs separated by commas, but 'team' has no '='",
      );
      client.on(GetExperimentTemplateCommand).rejects(fisError('ResourceNotFoundException', 'Experiment template not found.'));
      client.on(StartExperimentCommand).rejects(fisError('ResourceNotFoundException', 'Experiment template not found.'));
      const call = fakeCall();
      await expect(fis.start_experiment({ experiment_template_id: 'EXT9' }, call)).rejects.toThrow(
        'Start Experiment failed, reason was: An error occurred (ResourceNotFoundException) when calling the StartExperiment operation: Experiment template not found.',
      );
      expect(call.mutations[0]!.targets).toEqual([{ kind: 'fis:experiment-template', id: 'EXT9' }]);
    });

    it.each(['refuse', 'plan'] as const)('starts nothing when the guardrails say %s', async (mode) => {
      client.on(GetExperimentTemplateCommand).resolves({ experimentTemplate: { id: 'EXT1' } });
      await expect(fis.start_experiment({ experiment_template_id: 'EXT1' }, fakeCall({ mode }))).rejects.toThrow();
      expect(client.commandCalls(StartExperimentCommand)).toHaveLength(0);
    });
  });

  describe('stop_experiment / get_experiment', () => {
    it('stops the experiment, its tags read first for the guardrails', async () => {
      client.on(GetExperimentCommand).resolves({ experiment: { id: 'EXP1', tags: { env: 'staging' } } });
      client.on(StopExperimentCommand).resolves({ experiment: { id: 'EXP1', state: { status: 'stopping' } }, $metadata: meta });
      const call = fakeCall();
      expect(await fis.stop_experiment({ experiment_id: 'EXP1' }, call)).toMatchObject({ experiment: { id: 'EXP1', state: { status: 'stopping' } } });
      expect(client.commandCalls(StopExperimentCommand)[0]!.args[0].input).toEqual({ id: 'EXP1' });
      expect(call.mutations).toEqual([{ operation: 'fis:StopExperiment', targets: [{ kind: 'fis:experiment', id: 'EXP1', tags: { env: 'staging' } }] }]);
    });

    it('fails as chaosaws does', async () => {
      await expect(fis.stop_experiment({ experiment_id: null }, fakeCall())).rejects.toThrow('You must pass a valid experiment id, id provided was empty');
      client.on(GetExperimentCommand).rejects(fisError('ResourceNotFoundException', 'Experiment not found.'));
      client.on(StopExperimentCommand).rejects(fisError('ResourceNotFoundException', 'Experiment not found.'));
      await expect(fis.stop_experiment({ experiment_id: 'EXP9' }, fakeCall())).rejects.toThrow(
        'Stop Experiment failed, reason was: An error occurred (ResourceNotFoundException) when calling the StopExperiment operation: Experiment not found.',
      );
      await expect(fis.get_experiment({ experiment_id: 'EXP9' }, fakeCall())).rejects.toThrow(
        'Get Experiment failed, reason was: An error occurred (ResourceNotFoundException) when calling the GetExperiment operation: Experiment not found.',
      );
      await expect(fis.get_experiment({}, fakeCall())).rejects.toThrow('You must pass a valid experiment id, id provided was empty');
    });

    it.each(['refuse', 'plan'] as const)('stops nothing when the guardrails say %s', async (mode) => {
      client.on(GetExperimentCommand).resolves({ experiment: { id: 'EXP1' } });
      await expect(fis.stop_experiment({ experiment_id: 'EXP1' }, fakeCall({ mode }))).rejects.toThrow();
      expect(client.commandCalls(StopExperimentCommand)).toHaveLength(0);
    });

    it('get_experiment returns the experiment as boto3 does', async () => {
      client
        .on(GetExperimentCommand)
        .resolves({ experiment: { id: 'EXP1', state: { status: 'completed', reason: 'Experiment completed.' }, endTime: started }, $metadata: meta });
      expect(await fis.get_experiment({ experiment_id: 'EXP1' }, fakeCall())).toEqual({
        experiment: { id: 'EXP1', state: { status: 'completed', reason: 'Experiment completed.' }, endTime: '2024-05-01T12:00:00+00:00' },
        ResponseMetadata: { RequestId: 'req-1', HTTPStatusCode: 200, HTTPHeaders: {}, RetryAttempts: 0 },
      });
      expect(client.commandCalls(GetExperimentCommand)[0]!.args[0].input).toEqual({ id: 'EXP1' });
    });
  });

  describe('stop_experiments_by_tags', () => {
    const experiments = [
      { id: 'E1', experimentTemplateId: 'T1', state: { status: 'running' as const }, tags: { run: 'a', env: 'staging' } },
      { id: 'E2', experimentTemplateId: 'T1', state: { status: 'pending' as const }, tags: { run: 'a' } },
      { id: 'E3', experimentTemplateId: 'T2', state: { status: 'stopped' as const }, tags: { run: 'a' } },
      { id: 'E4', experimentTemplateId: 'T3', state: { status: 'running' as const }, tags: { run: 'b' } },
      { id: 'E5', experimentTemplateId: 'T4', state: { status: 'running' as const } },
    ];

    it('stops the stoppable experiments carrying all the tags, on every page, and deletes their templates once', async () => {
      client
        .on(ListExperimentsCommand)
        .resolvesOnce({ experiments: experiments.slice(0, 2), nextToken: 'p2' })
        .resolvesOnce({ experiments: experiments.slice(2) });
      client.on(StopExperimentCommand).callsFake((input: { id: string }) => ({ experiment: { id: input.id, state: { status: 'stopping' } } }));
      client.on(GetExperimentTemplateCommand).resolves({ experimentTemplate: { id: 'T1', tags: { run: 'a' } } });
      client.on(DeleteExperimentTemplateCommand).resolves({});
      const call = fakeCall();
      const out = await fis.stop_experiments_by_tags({ tags: { run: 'a' }, delete_templates: true }, call);
      expect(client.commandCalls(ListExperimentsCommand).map((c) => c.args[0].input)).toEqual([
        { maxResults: 100, nextToken: undefined },
        { maxResults: 100, nextToken: 'p2' },
      ]);
      expect(client.commandCalls(StopExperimentCommand).map((c) => c.args[0].input.id)).toEqual(['E1', 'E2']);
      expect(client.commandCalls(DeleteExperimentTemplateCommand).map((c) => c.args[0].input.id)).toEqual(['T1']);
      expect((out as { experiment: { id: string } }[]).map((r) => r.experiment.id)).toEqual(['E1', 'E2']);
      expect(call.mutations).toEqual([
        {
          operation: 'fis:StopExperiment (then fis:DeleteExperimentTemplate)',
          targets: [
            { kind: 'fis:experiment', id: 'E1', tags: { run: 'a', env: 'staging' } },
            { kind: 'fis:experiment', id: 'E2', tags: { run: 'a' } },
            { kind: 'fis:experiment-template', id: 'T1', tags: { run: 'a' }, counted: false },
          ],
        },
      ]);
    });

    it('keeps the templates unless asked, and wraps FIS errors as chaosaws does', async () => {
      client.on(ListExperimentsCommand).resolves({ experiments: experiments.slice(3, 4) });
      client.on(StopExperimentCommand).resolves({});
      await fis.stop_experiments_by_tags({ tags: 'run=b' }, fakeCall());
      expect(client.commandCalls(DeleteExperimentTemplateCommand)).toHaveLength(0);
      client.on(ListExperimentsCommand).rejects(fisError('AccessDeniedException', 'denied'));
      await expect(fis.stop_experiments_by_tags({ tags: 'run=b' }, fakeCall())).rejects.toThrow(
        'Listing Experiments failed, reason was: An error occurred (AccessDeniedException) when calling the ListExperiments operation: denied',
      );
    });

    it.each(['refuse', 'plan'] as const)('stops and deletes nothing when the guardrails say %s', async (mode) => {
      client.on(ListExperimentsCommand).resolves({ experiments });
      await expect(fis.stop_experiments_by_tags({ tags: { run: 'a' }, delete_templates: true }, fakeCall({ mode }))).rejects.toThrow();
      expect(client.commandCalls(StopExperimentCommand)).toHaveLength(0);
      expect(client.commandCalls(DeleteExperimentTemplateCommand)).toHaveLength(0);
    });
  });

  describe('start_stress_pod_delete_scenario', () => {
    it('creates the EKS pod-delete template with the scenario tags, then starts it with the given tags', async () => {
      client.on(CreateExperimentTemplateCommand).resolves({ experimentTemplate: { id: 'EXTPOD' } });
      client.on(StartExperimentCommand).resolves({ experiment: { id: 'EXPPOD' }, $metadata: meta });
      const call = fakeCall();
      const out = await scenarios.start_stress_pod_delete_scenario(
        {
          label_selector: 'app=web',
          tags: 'team=sre',
          role_arn: 'arn:aws:iam::1:role/fis',
          log_group_arn: 'arn:aws:logs:us-east-1:1:log-group:fis',
          cluster_identifier: 'prod-eks',
        },
        call,
      );
      expect(client.commandCalls(CreateExperimentTemplateCommand)[0]!.args[0].input).toEqual({
        description: 'Delete one or more EKS pods',
        targets: {
          EksPodDeleteTarget: {
            resourceType: 'aws:eks:pod',
            selectionMode: 'ALL',
            parameters: { clusterIdentifier: 'prod-eks', namespace: 'default', selectorType: 'labelSelector', selectorValue: 'app=web' },
          },
        },
        actions: {
          EksPodDelete: { actionId: 'aws:eks:pod-delete', parameters: { kubernetesServiceAccount: 'default' }, targets: { Pods: 'EksPodDeleteTarget' } },
        },
        roleArn: 'arn:aws:iam::1:role/fis',
        stopConditions: [{ source: 'none' }],
        tags: { chaosengineering: 'true', chaostoolkit: 'true', team: 'sre' },
        logConfiguration: { logSchemaVersion: 2, cloudWatchLogsConfiguration: { logGroupArn: 'arn:aws:logs:us-east-1:1:log-group:fis' } },
      });
      expect(client.commandCalls(StartExperimentCommand)[0]!.args[0].input).toEqual({ experimentTemplateId: 'EXTPOD', tags: { team: 'sre' } });
      expect(out).toMatchObject({ experiment: { id: 'EXPPOD' } });
      expect(call.mutations.map((m) => m.operation)).toEqual(['fis:CreateExperimentTemplate, fis:StartExperiment', 'fis:StartExperiment']);
      // Every pod the label selects, an unknown number: the guardrails refuse it before the template is created.
      const pods = {
        kind: 'eks:pod',
        id: 'selected by clusterIdentifier=prod-eks, namespace=default, selectorType=labelSelector, selectorValue=app=web (target EksPodDeleteTarget of the new template, ALL)',
        unbounded: true,
      };
      expect(call.mutations[0]!.targets).toEqual([
        {
          kind: 'fis:experiment-template',
          id: '(new) Delete one or more EKS pods',
          tags: { chaosengineering: 'true', chaostoolkit: 'true', team: 'sre' },
          counted: false,
        },
        pods,
      ]);
      expect(call.mutations[1]!.targets).toEqual([
        { kind: 'fis:experiment-template', id: 'EXTPOD', tags: { chaosengineering: 'true', chaostoolkit: 'true', team: 'sre' }, counted: false },
        pods,
      ]);
      expect((await checkGuardrails({ maxTargets: 1000 }, call.mutations[0]!.targets, noAccount)).refusals).toEqual([
        `max-targets is 1000 but eks:pod ${pods.id} selects an unknown number of resources (AWS chooses them when the call runs)`,
      ]);
    });

    it('names a missing required argument', async () => {
      await expect(
        scenarios.start_stress_pod_delete_scenario(
          { label_selector: 'a=b', tags: '', role_arn: null, log_group_arn: 'x', cluster_identifier: 'c' },
          fakeCall(),
        ),
      ).rejects.toThrow("argument 'role_arn' must be the ARN of the role FIS assumes, got NoneType None");
    });

    it.each(['refuse', 'plan'] as const)('creates and starts nothing when the guardrails say %s', async (mode) => {
      const args = { label_selector: 'a=b', tags: '', role_arn: 'r', log_group_arn: 'l', cluster_identifier: 'c' };
      await expect(scenarios.start_stress_pod_delete_scenario(args, fakeCall({ mode }))).rejects.toThrow();
      expect(client.commandCalls(CreateExperimentTemplateCommand)).toHaveLength(0);
      expect(client.commandCalls(StartExperimentCommand)).toHaveLength(0);
    });
  });

  describe('AZ power interruption', () => {
    const key = scenarios.experimentKey();
    const role = `ChaosToolkit-FIS-${key}`;
    const start = scenarios.powerInterruptionScenario(noWait);

    function mockCreation(): void {
      sts.on(GetCallerIdentityCommand).resolves({ Account: '123456789012' });
      iam.on(CreateRoleCommand).resolves({
        Role: { Arn: `arn:aws:iam::123456789012:role/service-role/${role}`, RoleName: role, Path: '/service-role/', RoleId: 'R', CreateDate: started },
      });
      iam.on(CreatePolicyCommand).callsFake((input: { PolicyName: string }) => ({ Policy: { Arn: `arn:aws:iam::123456789012:policy/${input.PolicyName}` } }));
      iam.on(AttachRolePolicyCommand).resolves({});
      client.on(CreateExperimentTemplateCommand).resolves({ experimentTemplate: { id: 'EXTAZ' } });
      client.on(StartExperimentCommand).resolves({ experiment: { id: 'EXPAZ', state: { status: 'initiating' } }, $metadata: meta });
    }

    it('creates the role and policies, builds the console template, waits, then starts it', async () => {
      mockCreation();
      const waits: number[] = [];
      const call = fakeCall();
      const out = await scenarios.powerInterruptionScenario(async (ms) => {
        waits.push(ms);
      })({ az: 'us-east-1a', tags: 'team=sre' }, call);
      expect(out).toMatchObject({ experiment: { id: 'EXPAZ' } });
      expect(waits).toEqual([5000]);
      const scenarioTags = { chaosengineering: 'true', chaostoolkit: 'true', 'chaostoolkit-experiment-key': key, team: 'sre' };
      const tagList = Object.entries(scenarioTags).map(([Key, Value]) => ({ Key, Value }));
      expect(iam.commandCalls(CreateRoleCommand)[0]!.args[0].input).toEqual({
        Path: '/service-role/',
        RoleName: role,
        AssumeRolePolicyDocument:
          '{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"Service": "fis.amazonaws.com"}, "Action": "sts:AssumeRole"}]}',
        Description: 'Chaos Toolkit generated role for AWS FIS experiments',
        MaxSessionDuration: 10800,
        Tags: tagList,
      });
      expect(iam.commandCalls(CreatePolicyCommand).map((c) => c.args[0].input.PolicyName)).toEqual([
        `FIS-Console-EBSPauseVolumeIO-${key}`,
        `FIS-Console-ICE-${key}`,
        `FIS-Console-ElastiCache-${key}`,
      ]);
      expect(iam.commandCalls(CreatePolicyCommand)[0]!.args[0].input.PolicyDocument).toContain('"Resource": "arn:aws:ec2:us-east-1:123456789012:volume/*"');
      expect(iam.commandCalls(AttachRolePolicyCommand).map((c) => c.args[0].input.PolicyArn!.split('/').at(-1))).toEqual([
        `FIS-Console-EBSPauseVolumeIO-${key}`,
        'AWSFaultInjectionSimulatorEC2Access',
        `FIS-Console-ICE-${key}`,
        `FIS-Console-ElastiCache-${key}`,
        'AWSFaultInjectionSimulatorNetworkAccess',
        'AWSFaultInjectionSimulatorRDSAccess',
      ]);
      const template = client.commandCalls(CreateExperimentTemplateCommand)[0]!.args[0].input;
      expect(Object.keys(template.actions!)).toEqual([
        'Pause-EBS-IO',
        'Stop-Instances',
        'Pause-ASG-Scaling',
        'Stop-ASG-Instances',
        'Failover-RDS',
        'Pause-ElastiCache',
        'Pause-network-connectivity',
      ]);
      expect(template.actions!['Pause-EBS-IO']!.startAfter).toEqual(['Stop-Instances', 'Stop-ASG-Instances']);
      expect(template.targets!['EC2-Instances']).toEqual({
        resourceType: 'aws:ec2:instance',
        resourceTags: { AzImpairmentPower: 'StopInstances' },
        filters: [
          { path: 'State.Name', values: ['running'] },
          { path: 'Placement.AvailabilityZone', values: ['us-east-1a'] },
        ],
        selectionMode: 'ALL',
      });
      expect(template).toMatchObject({
        stopConditions: [{ source: 'none' }],
        roleArn: `arn:aws:iam::123456789012:role/service-role/${role}`,
        tags: scenarioTags,
        experimentOptions: { accountTargeting: 'single-account', emptyTargetResolutionMode: 'skip' },
        description: 'Affect multiple resource types in a single AZ to approximate power interruption',
      });
      expect(template.logConfiguration).toBeUndefined();
      expect(client.commandCalls(StartExperimentCommand)[0]!.args[0].input).toEqual({ experimentTemplateId: 'EXTAZ', tags: scenarioTags });
      // One check (and one dry-run entry) for everything created, then one for the start.
      // One check (and one dry-run entry) for everything created (not counted: what the experiment
      // runs through) and every resource the template selects in the AZ, then one for the start.
      const where = (target: string, mode = 'ALL') => `(target ${target} of the new template, ${mode})`;
      const faulted = [
        {
          kind: 'ec2:ebs-volume',
          id: `tagged AzImpairmentPower=ApiPauseVolume ${where('EBS-Volumes', 'COUNT(1)')}`,
          tags: { AzImpairmentPower: 'ApiPauseVolume' },
          count: 1,
        },
        {
          kind: 'ec2:instance',
          id: `tagged AzImpairmentPower=StopInstances ${where('EC2-Instances')}`,
          tags: { AzImpairmentPower: 'StopInstances' },
          unbounded: true,
        },
        { kind: 'ec2:autoscaling-group', id: `tagged AzImpairmentPower=IceAsg ${where('ASG')}`, tags: { AzImpairmentPower: 'IceAsg' }, unbounded: true },
        { kind: 'ec2:instance', id: `tagged AzImpairmentPower=IceAsg ${where('ASG-EC2-Instances')}`, tags: { AzImpairmentPower: 'IceAsg' }, unbounded: true },
        { kind: 'rds:cluster', id: `tagged AzImpairmentPower=DisruptRds ${where('RDS-Cluster')}`, tags: { AzImpairmentPower: 'DisruptRds' }, unbounded: true },
        {
          kind: 'elasticache:redis-replicationgroup',
          id: `tagged AzImpairmentPower=DisruptElasticache ${where('ElastiCache-Cluster')}`,
          tags: { AzImpairmentPower: 'DisruptElasticache' },
          unbounded: true,
        },
        { kind: 'ec2:subnet', id: `tagged AzImpairmentPower=DisruptSubnet ${where('Subnet')}`, tags: { AzImpairmentPower: 'DisruptSubnet' }, unbounded: true },
      ];
      expect(call.mutations).toEqual([
        {
          operation: 'iam:CreateRole, iam:CreatePolicy, iam:AttachRolePolicy, fis:CreateExperimentTemplate, fis:StartExperiment',
          targets: [
            { kind: 'iam:role', id: role, tags: scenarioTags, counted: false },
            ...['EBSPauseVolumeIO', 'ICE', 'ElastiCache'].map((n) => ({
              kind: 'iam:policy',
              id: `FIS-Console-${n}-${key}`,
              tags: scenarioTags,
              counted: false,
            })),
            {
              kind: 'fis:experiment-template',
              id: '(new) Affect multiple resource types in a single AZ to approximate power interruption',
              tags: scenarioTags,
              counted: false,
            },
            ...faulted,
          ],
        },
        { operation: 'fis:StartExperiment', targets: [{ kind: 'fis:experiment-template', id: 'EXTAZ', tags: scenarioTags, counted: false }, ...faulted] },
      ]);
      // required-tags is judged on what the scenario faults, not on the tags it gives what it creates.
      const verdict = await checkGuardrails({ maxTargets: 10, requiredTags: { team: 'sre' } }, call.mutations[0]!.targets, noAccount);
      expect(verdict.refusals.filter((r) => r.startsWith('required-tags'))).toEqual(
        faulted.map((t) => `required-tags team=sre: ${t.kind} ${t.id} has no team in the tags that select its resources`),
      );
      expect(verdict.refusals.filter((r) => r.startsWith('max-targets'))).toHaveLength(6);
    });

    it('is refused by the default guardrails before it creates anything: the AZ holds an unknown number of resources', async () => {
      mockCreation();
      const call = guardedCall({});
      await expect(start({ az: 'us-east-1a', tags: 'team=sre' }, call)).rejects.toThrow(
        /^guardrails refused iam:CreateRole, iam:CreatePolicy, iam:AttachRolePolicy, fis:CreateExperimentTemplate, fis:StartExperiment on 12 resources; nothing was sent: max-targets is 1 \(the default\) but ec2:instance tagged AzImpairmentPower=StopInstances \(target EC2-Instances of the new template, ALL\) selects an unknown number of resources/,
      );
      expect(iam.commandCalls(CreateRoleCommand)).toHaveLength(0);
      expect(client.commandCalls(CreateExperimentTemplateCommand)).toHaveLength(0);
      // With only the targets FIS counts (one EBS volume, the roles given), the scenario runs.
      iam.on(ListRoleTagsCommand).resolves({ Tags: [{ Key: 'team', Value: 'sre' }] });
      const bounded = guardedCall({ maxTargets: 2, requiredTags: { team: 'sre' } });
      await start(
        {
          az: 'us-east-1a',
          tags: 'team=sre',
          target_ec2_instances: false,
          target_asg: false,
          target_asg_ec2_instances: false,
          target_rds_cluster: false,
          target_easticache_cluster: false,
          target_subnet: false,
          target_ebs_volumes: false,
          target_iam_roles: true,
          iam_roles: ['arn:aws:iam::123456789012:role/app'],
        },
        bounded,
      );
      expect(bounded.mutations[0]!.targets.filter((t) => t.counted !== false)).toEqual([
        { kind: 'iam:role', id: 'arn:aws:iam::123456789012:role/app', tags: { team: 'sre' } },
      ]);
      expect(client.commandCalls(StartExperimentCommand)).toHaveLength(1);
    });

    it('uses the given role, creates no IAM resource, and keeps only existing actions in startAfter', async () => {
      mockCreation();
      await start(
        {
          az: 'eu-west-3b',
          role_arn: 'arn:aws:iam::1:role/mine',
          target_ec2_instances: false,
          target_asg: false,
          target_rds_cluster: false,
          target_easticache_cluster: false,
          target_subnet: false,
          target_iam_roles: true,
          iam_roles: ['arn:aws:iam::1:role/app'],
          log_group_arn: 'arn:aws:logs:eu-west-3:1:log-group:fis',
          client_token: 'tok',
          duration: 'PT5M',
        },
        fakeCall(),
      );
      // No IAM resource created: the only IAM call reads the tags of the role the template targets.
      expect(iam.calls().map((c) => (c.args[0] as object).constructor.name)).toEqual(['ListRoleTagsCommand']);
      const template = client.commandCalls(CreateExperimentTemplateCommand)[0]!.args[0].input;
      expect(Object.keys(template.actions!)).toEqual(['Pause-Instance-Launches', 'Pause-EBS-IO', 'Stop-ASG-Instances']);
      expect(template.actions!['Pause-EBS-IO']).toEqual({
        actionId: 'aws:ebs:pause-volume-io',
        parameters: { duration: 'PT5M' },
        targets: { Volumes: 'EBS-Volumes' },
        startAfter: ['Stop-ASG-Instances'],
      });
      expect(template.targets!['IAM-role']).toEqual({ resourceType: 'aws:iam:role', resourceArns: ['arn:aws:iam::1:role/app'], selectionMode: 'ALL' });
      expect(template).toMatchObject({
        roleArn: 'arn:aws:iam::1:role/mine',
        clientToken: 'tok',
        logConfiguration: { logSchemaVersion: 2, cloudWatchLogsConfiguration: { logGroupArn: 'arn:aws:logs:eu-west-3:1:log-group:fis' } },
      });
      // No tags given: chaosaws would start the experiment untagged, where its restore cannot find it.
      expect(client.commandCalls(StartExperimentCommand)[0]!.args[0].input).toEqual({
        experimentTemplateId: 'EXTAZ',
        clientToken: 'tok',
        tags: { chaosengineering: 'true', chaostoolkit: 'true', 'chaostoolkit-experiment-key': scenarios.experimentKey() },
      });
    });

    it('rejects a malformed AZ, or no role at all, before creating anything', async () => {
      mockCreation();
      await expect(start({ az: 'useast1a' }, fakeCall())).rejects.toThrow(
        "start_availability_zone_power_interruption_scenario: argument 'az' must be an Availability Zone name like \"us-east-1a\", got str 'useast1a'",
      );
      await expect(start({ az: 'us-east-1a', autocreate_necessary_role: false }, fakeCall())).rejects.toThrow(
        "argument 'role_arn' must be the ARN of the role FIS assumes",
      );
      expect(iam.calls()).toHaveLength(0);
      expect(client.calls()).toHaveLength(0);
    });

    it.each(['refuse', 'plan'] as const)('creates nothing when the guardrails say %s', async (mode) => {
      mockCreation();
      await expect(start({ az: 'us-east-1a' }, fakeCall({ mode }))).rejects.toThrow();
      expect(iam.commandCalls(CreateRoleCommand)).toHaveLength(0);
      expect(client.commandCalls(CreateExperimentTemplateCommand)).toHaveLength(0);
      expect(client.commandCalls(StartExperimentCommand)).toHaveLength(0);
    });

    it('restores: stops the keyed experiments, deletes templates, detaches and deletes the role and its own policies', async () => {
      client.on(ListExperimentsCommand).resolves({
        experiments: [
          { id: 'EXPAZ', experimentTemplateId: 'EXTAZ', state: { status: 'running' }, tags: { 'chaostoolkit-experiment-key': key } },
          { id: 'OTHER', experimentTemplateId: 'EXTO', state: { status: 'running' }, tags: { 'chaostoolkit-experiment-key': '1' } },
        ],
      });
      client.on(StopExperimentCommand).resolves({ experiment: { id: 'EXPAZ' } });
      client.on(GetExperimentTemplateCommand).resolves({ experimentTemplate: { id: 'EXTAZ', tags: {} } });
      client.on(DeleteExperimentTemplateCommand).resolves({});
      const own = `arn:aws:iam::123456789012:policy/FIS-Console-ICE-${key}`;
      const managed = 'arn:aws:iam::aws:policy/service-role/AWSFaultInjectionSimulatorEC2Access';
      iam.on(ListAttachedRolePoliciesCommand).resolves({
        AttachedPolicies: [
          { PolicyName: `FIS-Console-ICE-${key}`, PolicyArn: own },
          { PolicyName: 'AWSFaultInjectionSimulatorEC2Access', PolicyArn: managed },
        ],
      });
      iam
        .on(GetRoleCommand)
        .resolves({ Role: { RoleName: role, Path: '/', RoleId: 'R', Arn: 'arn', CreateDate: started, Tags: [{ Key: 'chaostoolkit', Value: 'true' }] } });
      iam.on(GetPolicyCommand).resolves({ Policy: { Tags: [{ Key: 'chaostoolkit', Value: 'true' }] } });
      iam.on(DetachRolePolicyCommand).resolves({});
      iam.on(DeleteRoleCommand).resolves({});
      iam.on(DeletePolicyCommand).resolves({});
      const call = fakeCall();
      const out = await scenarios.restore_availability_zone_power_after_interruption({}, call);
      expect((out as { experiment: { id: string } }[]).map((r) => r.experiment.id)).toEqual(['EXPAZ']);
      expect(client.commandCalls(DeleteExperimentTemplateCommand).map((c) => c.args[0].input.id)).toEqual(['EXTAZ']);
      expect(iam.commandCalls(DetachRolePolicyCommand).map((c) => c.args[0].input)).toEqual([
        { RoleName: role, PolicyArn: own },
        { RoleName: role, PolicyArn: managed },
      ]);
      expect(iam.commandCalls(DeleteRoleCommand)[0]!.args[0].input).toEqual({ RoleName: role });
      expect(iam.commandCalls(DeletePolicyCommand).map((c) => c.args[0].input)).toEqual([{ PolicyArn: own }]);
      expect(call.mutations.map((m) => m.operation)).toEqual([
        'fis:StopExperiment (then fis:DeleteExperimentTemplate)',
        'iam:DetachRolePolicy, iam:DeleteRole, iam:DeletePolicy',
      ]);
      expect(call.mutations[1]!.targets).toEqual([
        { kind: 'iam:role', id: role, tags: { chaostoolkit: 'true' } },
        { kind: 'iam:policy', id: `FIS-Console-ICE-${key}`, tags: { chaostoolkit: 'true' }, counted: false },
      ]);
    });

    it('restores nothing more when the role is already gone, and keeps roles when asked', async () => {
      client.on(ListExperimentsCommand).resolves({ experiments: [] });
      iam.on(ListAttachedRolePoliciesCommand).rejects(new NoSuchEntityException({ $metadata: {}, message: `The role with name ${role} cannot be found.` }));
      expect(await scenarios.restore_availability_zone_power_after_interruption({ tags: 'team=sre' }, fakeCall())).toEqual([]);
      expect(iam.commandCalls(DeleteRoleCommand)).toHaveLength(0);
      iam.resetHistory();
      await scenarios.restore_availability_zone_power_after_interruption({ delete_roles_and_policies: false }, fakeCall());
      expect(iam.calls()).toHaveLength(0);
    });

    it.each(['refuse', 'plan'] as const)('restore stops and deletes nothing when the guardrails say %s', async (mode) => {
      client
        .on(ListExperimentsCommand)
        .resolves({ experiments: [{ id: 'E', experimentTemplateId: 'T', state: { status: 'running' }, tags: { 'chaostoolkit-experiment-key': key } }] });
      iam.on(ListAttachedRolePoliciesCommand).resolves({ AttachedPolicies: [] });
      await expect(scenarios.restore_availability_zone_power_after_interruption({}, fakeCall({ mode }))).rejects.toThrow();
      expect(client.commandCalls(StopExperimentCommand)).toHaveLength(0);
      expect(iam.commandCalls(DeleteRoleCommand)).toHaveLength(0);
    });
  });
});

describe('chaosaws.fis compared with the real chaosaws on moto', () => {
  let moto: Moto;
  let templateId: string;
  beforeAll(async () => {
    moto = await startMoto({ iamManagedPolicies: true });
    const client = new FisClient(motoClientConfig(moto.url));
    const out = await client.send(
      new CreateExperimentTemplateCommand({
        description: 'wait',
        roleArn: 'arn:aws:iam::123456789012:role/fis',
        stopConditions: [{ source: 'none' }],
        actions: { Wait: { actionId: 'aws:fis:wait', parameters: { duration: 'PT1M' } } },
        tags: { env: 'staging' },
      }),
    );
    templateId = out.experimentTemplate!.id!;
  });
  afterAll(async () => moto?.stop());

  // The pinned @aws-sdk/client-fis (3.523.0) predates the experiment `arn` field that boto3 returns,
  // and the SDK drops fields its model does not know: that one field is left out of the comparison.
  const withoutIds = (v: unknown) =>
    JSON.parse(
      JSON.stringify(comparable(v))
        .replaceAll(/"id":"[^"]+"/g, '"id":"<id>"')
        .replaceAll(/"arn":"(arn:aws:fis:[^"]+:experiment)\/[^"]+"/g, '"arn":"$1/<id>"'),
    );

  it('start_experiment and stop_experiments_by_tags return what chaosaws returns', async () => {
    const python = runChaosaws(moto.url, 'chaosaws.fis.actions', 'start_experiment', { experiment_template_id: templateId, tags: 'run=py' });
    expect(python.error).toBeUndefined();
    const call = motoCall(moto.url);
    const ours = (await fis.start_experiment({ experiment_template_id: templateId, tags: 'run=ts' }, call)) as { experiment: { id: string; arn: string } };
    // client-fis 3.523.0's model has no experiment.arn; boto3 returns it, and so do we.
    expect(ours.experiment.arn).toBe(`arn:aws:fis:us-east-1:123456789012:experiment/${ours.experiment.id}`);
    expect(withoutIds(ours)).toEqual(withoutIds(JSON.parse(JSON.stringify(python.ok).replaceAll('run=py', 'run=ts').replaceAll('"py"', '"ts"'))));
    expect(call.mutations[0]!.targets).toEqual([{ kind: 'fis:experiment-template', id: templateId, tags: { env: 'staging' }, counted: false }]);
    const stoppedByPython = runChaosaws(moto.url, 'chaosaws.fis.actions', 'stop_experiments_by_tags', { tags: { run: 'py' } });
    const stoppedByUs = await fis.stop_experiments_by_tags({ tags: { run: 'ts' } }, motoCall(moto.url));
    expect((stoppedByPython.ok as unknown[]).length).toBe(1);
    expect(withoutIds(stoppedByUs)).toEqual(withoutIds(JSON.parse(JSON.stringify(stoppedByPython.ok).replaceAll('"py"', '"ts"'))));
  });

  it('get_experiment fails like chaosaws on an unknown experiment', async () => {
    const python = runChaosaws(moto.url, 'chaosaws.fis.probes', 'get_experiment', { experiment_id: 'EXPnope' });
    expect(python.error).toBe('ActivityFailed');
    await expect(fis.get_experiment({ experiment_id: 'EXPnope' }, motoCall(moto.url))).rejects.toThrow(python.message!);
  });

  it('the AZ power interruption scenario creates the same template, role and policies as chaosaws', async () => {
    const kwargs = { az: 'us-east-1a', tags: 'team=sre', log_group_arn: 'arn:aws:logs:us-east-1:123456789012:log-group:fis' };
    const python = runChaosaws(moto.url, 'chaosaws.fis.actions', 'start_availability_zone_power_interruption_scenario', kwargs);
    expect(python.error).toBeUndefined();
    const ours = await scenarios.powerInterruptionScenario(noWait)(kwargs, motoCall(moto.url));
    const fisClient = new FisClient(motoClientConfig(moto.url));
    const iamClient = new IAMClient(motoClientConfig(moto.url));
    const snapshot = async (startResponse: unknown) => {
      const experiment = (startResponse as { experiment: { experimentTemplateId: string; tags: Record<string, string> } }).experiment;
      const key = experiment.tags['chaostoolkit-experiment-key']!;
      const template = (await fisClient.send(new GetExperimentTemplateCommand({ id: experiment.experimentTemplateId }))).experimentTemplate!;
      const roleName = `ChaosToolkit-FIS-${key}`;
      const role = (await iamClient.send(new GetRoleCommand({ RoleName: roleName }))).Role!;
      const attached = (await iamClient.send(new ListAttachedRolePoliciesCommand({ RoleName: roleName }))).AttachedPolicies!;
      const documents = await Promise.all(
        attached
          .filter((p) => !p.PolicyArn!.startsWith('arn:aws:iam::aws:'))
          .map(async (p) => {
            const policy = (await iamClient.send(new GetPolicyCommand({ PolicyArn: p.PolicyArn }))).Policy!;
            return decodeURIComponent(
              (await iamClient.send(new GetPolicyVersionCommand({ PolicyArn: p.PolicyArn, VersionId: policy.DefaultVersionId }))).PolicyVersion!.Document!,
            );
          }),
      );
      const view = {
        template: { ...template, id: undefined, creationTime: undefined, lastUpdateTime: undefined, arn: undefined },
        role: { ...role, RoleId: undefined, CreateDate: undefined, Arn: undefined },
        attached,
        documents,
      };
      return JSON.parse(JSON.stringify(view).replaceAll(key, '<key>'));
    };
    const mine = await snapshot(ours);
    expect(mine).toEqual(await snapshot(python.ok));
    expect(Object.keys(mine.template.actions)).toHaveLength(7);
    expect(mine.attached).toHaveLength(6);
    expect(mine.documents).toHaveLength(3);
    // The role name is per process (as chaosaws's is per thread): clean up for the next scenario.
    await scenarios.restore_availability_zone_power_after_interruption({}, motoCall(moto.url));
  });

  it('restore stops our scenario, deletes its template, role and the policies it created, then finds nothing left', async () => {
    const call = motoCall(moto.url);
    const key = scenarios.experimentKey();
    const started = await scenarios.powerInterruptionScenario(noWait)({ az: 'us-east-1b' }, call);
    const experiment = (started as { experiment: { id: string; experimentTemplateId: string } }).experiment;
    const iamClient = new IAMClient(motoClientConfig(moto.url));
    const created = (await iamClient.send(new ListAttachedRolePoliciesCommand({ RoleName: `ChaosToolkit-FIS-${key}` }))).AttachedPolicies!;
    const own = created.map((p) => p.PolicyArn!).filter((arn) => !arn.startsWith('arn:aws:iam::aws:'));
    expect(own).toHaveLength(3);

    const restored = await scenarios.restore_availability_zone_power_after_interruption({}, call);
    expect((restored as { experiment: { id: string } }[]).map((r) => r.experiment.id)).toEqual([experiment.id]);
    const fisClient = new FisClient(motoClientConfig(moto.url));
    await expect(fisClient.send(new GetExperimentTemplateCommand({ id: experiment.experimentTemplateId }))).rejects.toMatchObject({
      name: 'ResourceNotFoundException',
    });
    await expect(iamClient.send(new GetRoleCommand({ RoleName: `ChaosToolkit-FIS-${key}` }))).rejects.toMatchObject({ name: 'NoSuchEntityException' });
    for (const arn of own) await expect(iamClient.send(new GetPolicyCommand({ PolicyArn: arn }))).rejects.toMatchObject({ name: 'NoSuchEntityException' });

    // A second restore finds the experiment stopping and the role gone: nothing to do, no error.
    expect(await scenarios.restore_availability_zone_power_after_interruption({}, motoCall(moto.url))).toEqual([]);
  });
});
