import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { mockClient, type AwsClientStub } from 'aws-sdk-client-mock';
import {
  CreateDocumentCommand,
  DeleteDocumentCommand,
  DescribeInstanceInformationCommand,
  GetParameterCommand,
  ListTagsForResourceCommand,
  PutParameterCommand,
  SendCommandCommand,
  SSMClient,
  SSMServiceException,
} from '@aws-sdk/client-ssm';
import { DescribeInstancesCommand, EC2Client, RunInstancesCommand } from '@aws-sdk/client-ec2';
import * as ssm from '../../src/aws/functions/ssm.js';
import { catalog } from '../../src/aws/catalog/ssm.js';
import { checkGuardrails } from '../../src/aws/guardrails.js';
import { fakeCall } from '../support/aws-call.js';
import { comparable, motoCall, motoClientConfig, runChaosaws, startMoto, type Moto } from './moto-compare.js';

const meta = { httpStatusCode: 200, requestId: 'req-1', attempts: 1 };
const ssmError = (name: string, message: string) => new SSMServiceException({ name, $fault: 'client', $metadata: {}, message });
const noAccount = async (): Promise<string> => {
  throw new Error('the account must not be asked');
};

describe('chaosaws.ssm natively (mocked AWS)', () => {
  // Created when this block starts (not when the file loads), so the moto block below talks to real clients.
  let client: AwsClientStub<SSMClient>;
  let ec2: AwsClientStub<EC2Client>;
  beforeAll(() => {
    client = mockClient(SSMClient);
    ec2 = mockClient(EC2Client);
  });
  beforeEach(() => {
    client.reset();
    ec2.reset();
  });
  afterAll(() => {
    client.restore();
    ec2.restore();
  });

  it('declares the four chaosaws.ssm.actions functions as mutating, with their Python parameters', async () => {
    expect(catalog.map((e) => e.func)).toEqual(['create_document', 'send_command', 'delete_document', 'put_parameter']);
    expect(catalog.every((e) => e.module === 'chaosaws.ssm.actions' && e.mutating)).toBe(true);
    expect(catalog[3]!.params.filter((p) => !p.hasDefault).map((p) => p.name)).toEqual(['name', 'value']);
    for (const entry of catalog) expect(typeof (await entry.load())).toBe('function');
  });

  describe('create_document', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'ssm-doc-'));
    const file = path.join(dir, 'doc.json');
    writeFileSync(file, '{"schemaVersion":"2.2","mainSteps":[]}');

    it('sends the file content, leaving unset options out, and returns the response', async () => {
      client.on(ListTagsForResourceCommand).resolves({ TagList: [] });
      client
        .on(CreateDocumentCommand)
        .resolves({ DocumentDescription: { Name: 'chaos-doc', Status: 'Creating', CreatedDate: new Date('2024-05-01T12:00:00Z') }, $metadata: meta });
      const call = fakeCall();
      const out = await ssm.create_document({ path_content: file, name: 'chaos-doc', document_type: 'Command' }, call);
      expect(client.commandCalls(CreateDocumentCommand)[0]!.args[0].input).toEqual({
        Content: '{"schemaVersion":"2.2","mainSteps":[]}',
        Name: 'chaos-doc',
        VersionName: undefined,
        DocumentType: 'Command',
        DocumentFormat: undefined,
      });
      expect(out).toEqual({
        DocumentDescription: { Name: 'chaos-doc', Status: 'Creating', CreatedDate: '2024-05-01T12:00:00+00:00' },
        ResponseMetadata: { RequestId: 'req-1', HTTPStatusCode: 200, HTTPHeaders: {}, RetryAttempts: 0 },
      });
      expect(call.mutations).toEqual([{ operation: 'ssm:CreateDocument', targets: [{ kind: 'ssm:document', id: 'chaos-doc' }] }]);
    });

    it('fails clearly without content and name, or when the file cannot be read', async () => {
      await expect(ssm.create_document({ path_content: '', name: '' }, fakeCall())).rejects.toThrow(
        'To create a document,you must specify the  content and name',
      );
      await expect(ssm.create_document({ path_content: path.join(dir, 'missing.json'), name: 'd' }, fakeCall())).rejects.toThrow(
        /create_document: cannot read the document file given as path_content .*missing\.json.*no such file/,
      );
      expect(client.calls()).toHaveLength(0);
    });

    it('words an AWS refusal as chaosaws does', async () => {
      client.on(CreateDocumentCommand).rejects(ssmError('DocumentAlreadyExists', 'Document with same name chaos-doc already exists'));
      await expect(ssm.create_document({ path_content: file, name: 'chaos-doc' }, fakeCall())).rejects.toThrow(
        "Failed to create document 'chaos-doc': 'Document with same name chaos-doc already exists'",
      );
    });

    it.each(['refuse', 'plan'] as const)('creates nothing when the guardrails say %s', async (mode) => {
      await expect(ssm.create_document({ path_content: file, name: 'chaos-doc' }, fakeCall({ mode }))).rejects.toThrow();
      expect(client.commandCalls(CreateDocumentCommand)).toHaveLength(0);
    });
  });

  describe('send_command', () => {
    const instances = {
      Reservations: [
        {
          Instances: [
            { InstanceId: 'i-1', State: { Name: 'running' as const }, Tags: [{ Key: 'env', Value: 'staging' }] },
            { InstanceId: 'i-2', State: { Name: 'terminated' as const }, Tags: [] },
          ],
        },
      ],
    };

    it('sends the command to the targets and lists their instances, with tags, for the guardrails', async () => {
      ec2.on(DescribeInstancesCommand).resolves(instances);
      client.on(SendCommandCommand).resolves({
        Command: { CommandId: 'c-1', DocumentName: 'AWS-RunShellScript', Status: 'Pending', RequestedDateTime: new Date('2024-05-01T12:00:00.250Z') },
        $metadata: meta,
      });
      const call = fakeCall();
      const targets = [{ Key: 'tag:env', Values: ['staging'] }];
      const out = await ssm.send_command(
        {
          document_name: 'AWS-RunShellScript',
          targets,
          parameters: { commands: ['stress --cpu 2'] },
          timeout_seconds: 60,
          region: 'ignored',
        },
        call,
      );
      expect(client.commandCalls(SendCommandCommand)[0]!.args[0].input).toEqual({
        DocumentName: 'AWS-RunShellScript',
        DocumentVersion: undefined,
        Targets: targets,
        TimeoutSeconds: 60,
        Parameters: { commands: ['stress --cpu 2'] },
        MaxConcurrency: undefined,
        MaxErrors: undefined,
      });
      expect(ec2.commandCalls(DescribeInstancesCommand)[0]!.args[0].input).toEqual({
        Filters: [{ Name: 'tag:env', Values: ['staging'] }],
        NextToken: undefined,
      });
      expect(call.mutations).toEqual([{ operation: 'ssm:SendCommand', targets: [{ kind: 'ssm:instance', id: 'i-1', tags: { env: 'staging' } }] }]);
      expect(out).toMatchObject({
        Command: { CommandId: 'c-1', RequestedDateTime: '2024-05-01T12:00:00.250000+00:00' },
        ResponseMetadata: { RequestId: 'req-1' },
      });
    });

    it('lists instance ids EC2 does not know (hybrid nodes with their SSM tags), and a resource group as an unknown number of nodes', async () => {
      ec2.on(DescribeInstancesCommand).resolves({ Reservations: [] });
      client.on(ListTagsForResourceCommand, { ResourceType: 'ManagedInstance', ResourceId: 'mi-0abc' }).resolves({ TagList: [{ Key: 'env', Value: 'lab' }] });
      client.on(SendCommandCommand).resolves({ Command: { CommandId: 'c-2' } });
      const call = fakeCall();
      await ssm.send_command(
        {
          document_name: 'doc',
          targets: [
            { Key: 'InstanceIds', Values: ['mi-0abc', 'i-gone'] },
            { Key: 'resource-groups:Name', Values: ['web'] },
          ],
        },
        call,
      );
      expect(ec2.commandCalls(DescribeInstancesCommand)[0]!.args[0].input.Filters).toEqual([{ Name: 'instance-id', Values: ['mi-0abc', 'i-gone'] }]);
      const targets = call.mutations[0]!.targets;
      expect(targets).toEqual([
        { kind: 'ssm:instance', id: 'mi-0abc', tags: { env: 'lab' } },
        { kind: 'ssm:instance', id: 'i-gone' },
        { kind: 'ssm:resource-group', id: 'resource-groups:Name=web', unbounded: true },
      ]);
      // A resource group resolves when the command runs: max-targets cannot be checked, so it is refused whatever the limit.
      expect((await checkGuardrails({ maxTargets: 100 }, targets, noAccount)).refusals).toEqual([
        'max-targets is 100 but ssm:resource-group resource-groups:Name=web selects an unknown number of resources (AWS chooses them when the call runs)',
      ]);
    });

    it('resolves a tag target to the EC2 instances and the hybrid managed nodes (mi-…) SSM lists with that tag', async () => {
      ec2.on(DescribeInstancesCommand).resolves(instances);
      client
        .on(DescribeInstanceInformationCommand)
        .resolvesOnce({ InstanceInformationList: [{ InstanceId: 'i-1' }, { InstanceId: 'mi-1' }], NextToken: 'n2' })
        .resolvesOnce({ InstanceInformationList: [{ InstanceId: 'mi-2' }] });
      client.on(ListTagsForResourceCommand, { ResourceType: 'ManagedInstance', ResourceId: 'mi-1' }).resolves({
        TagList: [
          { Key: 'env', Value: 'staging' },
          { Key: 'site', Value: 'lab' },
        ],
      });
      client.on(ListTagsForResourceCommand, { ResourceType: 'ManagedInstance', ResourceId: 'mi-2' }).rejects(ssmError('AccessDeniedException', 'no'));
      client.on(SendCommandCommand).resolves({ Command: { CommandId: 'c-3' } });
      const call = fakeCall();
      await ssm.send_command({ document_name: 'doc', targets: [{ Key: 'tag:env', Values: ['staging'] }] }, call);
      expect(client.commandCalls(DescribeInstanceInformationCommand).map((c) => c.args[0].input)).toEqual([
        { Filters: [{ Key: 'tag:env', Values: ['staging'] }], MaxResults: 50 },
        { Filters: [{ Key: 'tag:env', Values: ['staging'] }], MaxResults: 50, NextToken: 'n2' },
      ]);
      const targets = call.mutations[0]!.targets;
      expect(targets).toEqual([
        { kind: 'ssm:instance', id: 'i-1', tags: { env: 'staging' } },
        { kind: 'ssm:instance', id: 'mi-1', tags: { env: 'staging', site: 'lab' } },
        { kind: 'ssm:instance', id: 'mi-2' },
      ]);
      expect((await checkGuardrails({ requiredTags: { env: 'staging' } }, targets, noAccount)).refusals).toEqual([
        'max-targets is 1 (the default) but the call would touch 3 resources (i-1, mi-1, mi-2)',
        'required-tags env=staging: the tags of ssm:instance mi-2 are unknown',
      ]);
    });

    it('reaches every managed node with InstanceIds "*"', async () => {
      ec2.on(DescribeInstancesCommand).resolves(instances);
      client.on(DescribeInstanceInformationCommand).resolves({ InstanceInformationList: [{ InstanceId: 'i-1' }, { InstanceId: 'mi-1' }] });
      client.on(ListTagsForResourceCommand).resolves({ TagList: [] });
      client.on(SendCommandCommand).resolves({ Command: { CommandId: 'c-4' } });
      const call = fakeCall();
      await ssm.send_command({ document_name: 'doc', targets: [{ Key: 'InstanceIds', Values: ['*'] }] }, call);
      expect(client.commandCalls(DescribeInstanceInformationCommand)[0]!.args[0].input).toEqual({ MaxResults: 50 });
      expect(call.mutations[0]!.targets.map((t) => t.id)).toEqual(['i-1', 'mi-1']);
    });

    it('refuses, rather than passing with no target, a tag no EC2 instance carries when the managed nodes cannot be listed', async () => {
      ec2.on(DescribeInstancesCommand).resolves({ Reservations: [] });
      client.on(DescribeInstanceInformationCommand).rejects(ssmError('AccessDeniedException', 'not allowed'));
      const call = fakeCall({ mode: 'refuse' });
      await expect(ssm.send_command({ document_name: 'doc', targets: [{ Key: 'tag:role', Values: ['web'] }] }, call)).rejects.toThrow();
      expect(client.commandCalls(SendCommandCommand)).toHaveLength(0);
      const targets = call.mutations[0]!.targets;
      expect(targets).toEqual([
        { kind: 'ssm:target', id: 'tag:role=web (no EC2 instance matches, and the SSM managed nodes could not be listed)', unbounded: true },
      ]);
      expect((await checkGuardrails({ maxTargets: 5 }, targets, noAccount)).allowed).toBe(false);
      // Listed (none carries the tag), the command reaches nothing: no target, as chaosaws sends it.
      client.on(DescribeInstanceInformationCommand).resolves({ InstanceInformationList: [] });
      const none = fakeCall();
      await ssm.send_command({ document_name: 'doc', targets: [{ Key: 'tag:role', Values: ['web'] }] }, none);
      expect(none.mutations[0]!.targets).toEqual([]);
      // Not listed, but EC2 instances carry it: those are the targets (hybrid nodes cannot be seen).
      client.on(DescribeInstanceInformationCommand).rejects(ssmError('AccessDeniedException', 'not allowed'));
      ec2.on(DescribeInstancesCommand).resolves(instances);
      const ec2Only = fakeCall();
      await ssm.send_command({ document_name: 'doc', targets: [{ Key: 'tag:env', Values: ['staging'] }] }, ec2Only);
      expect(ec2Only.mutations[0]!.targets).toEqual([{ kind: 'ssm:instance', id: 'i-1', tags: { env: 'staging' } }]);
    });

    it('needs a document name and targets, and parameters as lists of strings', async () => {
      await expect(ssm.send_command({ document_name: '' }, fakeCall())).rejects.toThrow('To run commands,you must specify the document_name');
      await expect(ssm.send_command({ document_name: 'doc' }, fakeCall())).rejects.toThrow(
        "chaosaws.ssm.actions.send_command: argument 'targets' must be a list like",
      );
      await expect(
        ssm.send_command({ document_name: 'doc', targets: [{ Key: 'InstanceIds', Values: ['i-1'] }], parameters: { commands: 'uptime' } }, fakeCall()),
      ).rejects.toThrow("argument 'parameters' must be a mapping of parameter names to lists of strings");
    });

    it('words an AWS refusal as chaosaws does', async () => {
      ec2.on(DescribeInstancesCommand).resolves(instances);
      client.on(SendCommandCommand).rejects(ssmError('InvalidDocument', 'Document doc does not exist'));
      await expect(ssm.send_command({ document_name: 'doc', targets: [{ Key: 'InstanceIds', Values: ['i-1'] }] }, fakeCall())).rejects.toThrow(
        "Failed to send command for document  'doc': 'Document doc does not exist'",
      );
    });

    it.each(['refuse', 'plan'] as const)('sends no command when the guardrails say %s', async (mode) => {
      ec2.on(DescribeInstancesCommand).resolves(instances);
      await expect(ssm.send_command({ document_name: 'doc', targets: [{ Key: 'InstanceIds', Values: ['i-1'] }] }, fakeCall({ mode }))).rejects.toThrow();
      expect(client.commandCalls(SendCommandCommand)).toHaveLength(0);
    });
  });

  describe('delete_document', () => {
    it('deletes with Force true by default and the version only when given, checking the tags first', async () => {
      client.on(ListTagsForResourceCommand).resolves({ TagList: [{ Key: 'owner', Value: 'chaos' }] });
      client.on(DeleteDocumentCommand).resolves({ $metadata: meta });
      const call = fakeCall();
      expect(await ssm.delete_document({ name: 'chaos-doc' }, call)).toEqual({
        ResponseMetadata: { RequestId: 'req-1', HTTPStatusCode: 200, HTTPHeaders: {}, RetryAttempts: 0 },
      });
      await ssm.delete_document({ name: 'chaos-doc', version_name: 'v2', force: false }, call);
      expect(client.commandCalls(DeleteDocumentCommand).map((c) => c.args[0].input)).toEqual([
        { Name: 'chaos-doc', Force: true },
        { Name: 'chaos-doc', Force: false, VersionName: 'v2' },
      ]);
      expect(client.commandCalls(ListTagsForResourceCommand)[0]!.args[0].input).toEqual({ ResourceType: 'Document', ResourceId: 'chaos-doc' });
      expect(call.mutations[0]!.targets).toEqual([{ kind: 'ssm:document', id: 'chaos-doc', tags: { owner: 'chaos' } }]);
    });

    it('fails on an empty name and words AWS errors as chaosaws does', async () => {
      await expect(ssm.delete_document({ name: '' }, fakeCall())).rejects.toThrow('To create a document,you must specify the  name');
      client.on(ListTagsForResourceCommand).rejects(ssmError('InvalidResourceId', 'nope'));
      client.on(DeleteDocumentCommand).rejects(ssmError('InvalidDocument', 'missing'));
      const call = fakeCall();
      await expect(ssm.delete_document({ name: 'd' }, call)).rejects.toThrow("Failed to delete  document 'd': 'missing'");
      expect(call.mutations[0]!.targets).toEqual([{ kind: 'ssm:document', id: 'd', tags: undefined }]);
    });

    it.each(['refuse', 'plan'] as const)('deletes nothing when the guardrails say %s', async (mode) => {
      client.on(ListTagsForResourceCommand).resolves({ TagList: [] });
      await expect(ssm.delete_document({ name: 'd' }, fakeCall({ mode }))).rejects.toThrow();
      expect(client.commandCalls(DeleteDocumentCommand)).toHaveLength(0);
    });
  });

  describe('put_parameter', () => {
    it('puts the parameter with only the options given and returns Version and Tier', async () => {
      client.on(ListTagsForResourceCommand).resolves({ TagList: [{ Key: 'env', Value: 'staging' }] });
      client.on(PutParameterCommand).resolves({ Version: 3, Tier: 'Standard', $metadata: meta });
      const call = fakeCall();
      const out = await ssm.put_parameter({ name: 'chaos_trigger', value: 'on', overwrite: true, type: 'String' }, call);
      expect(client.commandCalls(PutParameterCommand)[0]!.args[0].input).toEqual({
        Name: 'chaos_trigger',
        Description: undefined,
        Value: 'on',
        Type: 'String',
        KeyId: undefined,
        Overwrite: true,
        AllowedPattern: undefined,
        Tags: undefined,
        Tier: undefined,
        Policies: undefined,
        DataType: undefined,
      });
      expect(out).toEqual({ Version: 3, Tier: 'Standard', ResponseMetadata: { RequestId: 'req-1', HTTPStatusCode: 200, HTTPHeaders: {}, RetryAttempts: 0 } });
      expect(call.mutations[0]).toEqual({ operation: 'ssm:PutParameter', targets: [{ kind: 'ssm:parameter', id: 'chaos_trigger', tags: { env: 'staging' } }] });
    });

    it('gives a new parameter the tags it is created with, for the guardrails', async () => {
      client.on(ListTagsForResourceCommand).rejects(ssmError('InvalidResourceId', 'not found'));
      client.on(PutParameterCommand).resolves({ Version: 1 });
      const call = fakeCall();
      await ssm.put_parameter({ name: 'p', value: 'v', tags: [{ Key: 'env', Value: 'staging' }] }, call);
      expect(call.mutations[0]!.targets).toEqual([{ kind: 'ssm:parameter', id: 'p', tags: { env: 'staging' } }]);
    });

    it('needs a name and a value, and a string value (boto3 rejects true)', async () => {
      await expect(ssm.put_parameter({ name: '', value: 'v' }, fakeCall())).rejects.toThrow('To create a parameter, you must specify the name');
      await expect(ssm.put_parameter({ name: 'n', value: '' }, fakeCall())).rejects.toThrow('To create a parameter, you must specify the value');
      await expect(ssm.put_parameter({ name: 'n', value: true }, fakeCall())).rejects.toThrow(
        "chaosaws.ssm.actions.put_parameter: argument 'value' must be a string, got bool True",
      );
    });

    it('words an AWS refusal as chaosaws does', async () => {
      client.on(ListTagsForResourceCommand).resolves({ TagList: [] });
      client.on(PutParameterCommand).rejects(ssmError('ParameterAlreadyExists', 'The parameter already exists.'));
      await expect(ssm.put_parameter({ name: 'n', value: 'v' }, fakeCall())).rejects.toThrow("Failed to put  parameter 'n': 'The parameter already exists.'");
    });

    it.each(['refuse', 'plan'] as const)('puts nothing when the guardrails say %s', async (mode) => {
      client.on(ListTagsForResourceCommand).resolves({ TagList: [] });
      await expect(ssm.put_parameter({ name: 'n', value: 'v' }, fakeCall({ mode }))).rejects.toThrow();
      expect(client.commandCalls(PutParameterCommand)).toHaveLength(0);
    });
  });
});

describe('chaosaws.ssm compared with the real chaosaws on moto', () => {
  let moto: Moto;
  let instanceId: string;
  beforeAll(async () => {
    moto = await startMoto();
    const ec2 = new EC2Client(motoClientConfig(moto.url));
    const run = await ec2.send(
      new RunInstancesCommand({
        ImageId: 'ami-12345678',
        MinCount: 1,
        MaxCount: 1,
        TagSpecifications: [{ ResourceType: 'instance', Tags: [{ Key: 'env', Value: 'staging' }] }],
      }),
    );
    instanceId = run.Instances![0]!.InstanceId!;
  });
  afterAll(async () => moto?.stop());

  // chaosaws passes unset options as None, which boto3 rejects: the comparison gives them all.
  const parameter = (name: string) => ({
    name,
    value: 'v1',
    description: 'chaos switch',
    type: 'String',
    key_id: 'alias/aws/ssm',
    overwrite: false,
    allowed_pattern: '.*',
    tags: [{ Key: 'env', Value: 'staging' }],
    tier: 'Standard',
    policies: '[]',
    data_type: 'text',
  });

  it('put_parameter returns what chaosaws returns and stores the same parameter', async () => {
    const python = runChaosaws(moto.url, 'chaosaws.ssm.actions', 'put_parameter', parameter('/chaos/py'));
    expect(python.error).toBeUndefined();
    const call = motoCall(moto.url);
    const ours = await ssm.put_parameter(parameter('/chaos/ts'), call);
    expect(comparable(ours)).toEqual(comparable(python.ok));
    expect(call.mutations[0]!.targets).toEqual([{ kind: 'ssm:parameter', id: '/chaos/ts', tags: { env: 'staging' } }]);
    const reader = new SSMClient(motoClientConfig(moto.url));
    const [a, b] = await Promise.all(['/chaos/py', '/chaos/ts'].map((Name) => reader.send(new GetParameterCommand({ Name }))));
    expect(b!.Parameter).toMatchObject({
      Value: a!.Parameter!.Value,
      Type: a!.Parameter!.Type,
      Version: a!.Parameter!.Version,
      DataType: a!.Parameter!.DataType,
    });
  });

  it('put_parameter fails like chaosaws when the parameter exists and overwrite is false', async () => {
    const python = runChaosaws(moto.url, 'chaosaws.ssm.actions', 'put_parameter', parameter('/chaos/py'));
    expect(python.error).toBe('ActivityFailed');
    await expect(ssm.put_parameter(parameter('/chaos/py'), motoCall(moto.url))).rejects.toThrow(python.message!);
  });

  it('send_command returns what chaosaws returns', async () => {
    const kwargs = {
      // moto resolves tag targets (it has no InstanceIds target filter).
      document_name: 'AWS-RunShellScript',
      targets: [{ Key: 'tag:env', Values: ['staging'] }],
      document_version: '$DEFAULT',
      parameters: { commands: ['uptime'] },
      timeout_seconds: 60,
      max_concurrency: '50',
      max_errors: '0',
    };
    const python = runChaosaws(moto.url, 'chaosaws.ssm.actions', 'send_command', kwargs);
    expect(python.error).toBeUndefined();
    const call = motoCall(moto.url);
    const ours = await ssm.send_command(kwargs, call);
    const withoutId = (v: unknown) => JSON.parse(JSON.stringify(comparable(v)).replaceAll(/"CommandId":"[^"]+"/g, '"CommandId":"<id>"'));
    expect(withoutId(ours)).toEqual(withoutId(python.ok));
    expect(ours).toMatchObject({ Command: { InstanceIds: [instanceId], TargetCount: 1 } });
    expect(call.mutations[0]!.targets).toEqual([{ kind: 'ssm:instance', id: instanceId, tags: { env: 'staging' } }]);
  });
});
