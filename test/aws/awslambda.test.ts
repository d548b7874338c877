import { spawnSync } from 'node:child_process';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { mockClient, type AwsClientStub } from 'aws-sdk-client-mock';
import {
  CreateFunctionCommand,
  DeleteEventSourceMappingCommand,
  DeleteFunctionConcurrencyCommand,
  GetEventSourceMappingCommand,
  GetFunctionCommand,
  GetFunctionConcurrencyCommand,
  GetFunctionConfigurationCommand,
  InvokeCommand,
  type InvokeCommandOutput,
  LambdaClient,
  LambdaServiceException,
  ListEventSourceMappingsCommand,
  ListTagsCommand,
  PublishLayerVersionCommand,
  PutFunctionConcurrencyCommand,
  UpdateEventSourceMappingCommand,
  UpdateFunctionConfigurationCommand,
} from '@aws-sdk/client-lambda';
import { CreateRoleCommand, IAMClient } from '@aws-sdk/client-iam';
import * as actions from '../../src/aws/functions/awslambda-actions.js';
import * as probes from '../../src/aws/functions/awslambda-probes.js';
import { catalog } from '../../src/aws/catalog/awslambda.js';
import type { AwsFunction } from '../../src/aws/functions/types.js';
import { fakeCall } from '../support/aws-call.js';
import { oraclePython } from '../support/oracle.js';
import { comparable, motoCall, motoClientConfig, runChaosaws, startMoto, type Moto } from './moto-compare.js';

const meta = { httpStatusCode: 200, requestId: 'req-1', attempts: 1 };
const botoMeta = { RequestId: 'req-1', HTTPStatusCode: 200, HTTPHeaders: {}, RetryAttempts: 0 };
// The SDK hands back a Uint8Array subclass; the bytes are all the function reads.
const payload = (text: string) => new TextEncoder().encode(text) as InvokeCommandOutput['Payload'];
const lambdaError = (name: string, message: string) => new LambdaServiceException({ name, $fault: 'client', $metadata: {}, message });
const arn = 'arn:aws:lambda:us-east-1:123456789012:function:checkout';
const layerArn = (n: string) => `arn:aws:lambda:us-east-1:123456789012:layer:${n}:1`;
const LATENCY = [
  'AWS_LAMBDA_EXEC_WRAPPER',
  'CHAOSTOOLKIT_EXPERIMENT',
  'CHAOS_EXTENSION__LAMBDA__ENABLE_LATENCY',
  'CHAOS_EXTENSION__LAMBDA__LATENCY_VALUE',
  'CHAOS_EXTENSION__LAMBDA__LATENCY_PROBABILITY',
];

describe('chaosaws.awslambda natively (mocked AWS)', () => {
  let client: AwsClientStub<LambdaClient>;
  beforeAll(() => {
    client = mockClient(LambdaClient);
  });
  beforeEach(() => {
    client.reset();
    client.on(GetFunctionCommand).resolves({ Configuration: { FunctionName: 'checkout', FunctionArn: arn }, Tags: { env: 'staging' } });
  });
  afterAll(() => client.restore());

  const inputs = (command: Parameters<AwsClientStub<LambdaClient>['commandCalls']>[0]) => client.commandCalls(command).map((c) => c.args[0].input);
  const updates = () => inputs(UpdateFunctionConfigurationCommand);

  it('declares 13 mutating actions and 4 read-only probes, with the Python parameters', async () => {
    expect(catalog.filter((e) => e.mutating).map((e) => e.func)).toHaveLength(13);
    expect(catalog.filter((e) => !e.mutating).map((e) => e.func)).toEqual([
      'get_function_concurrency',
      'get_function_timeout',
      'get_function_memory_size',
      'list_event_source_mapping',
    ]);
    const addError = catalog.find((e) => e.func === 'add_error')!;
    expect(addError.params.map((p) => [p.name, p.hasDefault])).toEqual([
      ['function_name', false],
      ['body', true],
      ['probability', true],
      ['layer', true],
      ['configuration', true],
      ['secrets', true],
    ]);
    for (const entry of catalog) expect(typeof (await entry.load())).toBe('function');
  });

  describe('invoke_function', () => {
    it("sends the arguments as Python's json.dumps, the client context in base64, and decodes the JSON payload", async () => {
      client.on(InvokeCommand).resolves({
        StatusCode: 200,
        ExecutedVersion: '$LATEST',
        Payload: payload('{"statusCode": 200, "body": "ok"}'),
        $metadata: meta,
      });
      const call = fakeCall();
      const out = await actions.invoke_function(
        { function_name: 'checkout', function_arguments: { order: 1, items: ['a', 'é'] }, client_context: { custom: { run: 'chaos' } }, qualifier: 'live' },
        call,
      );
      expect(inputs(InvokeCommand)).toEqual([
        {
          FunctionName: 'checkout',
          InvocationType: 'RequestResponse',
          LogType: 'None',
          Payload: '{"order": 1, "items": ["a", "\\u00e9"]}',
          ClientContext: Buffer.from('{"custom": {"run": "chaos"}}').toString('base64'),
          Qualifier: 'live',
        },
      ]);
      expect(out).toEqual({ StatusCode: 200, ExecutedVersion: '$LATEST', Payload: { statusCode: 200, body: 'ok' }, ResponseMetadata: botoMeta });
      expect(call.mutations).toEqual([
        { operation: 'lambda:InvokeFunction', targets: [{ kind: 'lambda:function', id: 'checkout', tags: { env: 'staging' } }] },
      ]);
    });

    it('keeps a payload that is not JSON as text, and an empty one as an empty string', async () => {
      client
        .on(InvokeCommand)
        .resolvesOnce({ StatusCode: 200, Payload: payload('plain text') })
        .resolvesOnce({ StatusCode: 202, Payload: payload('') });
      expect(await actions.invoke_function({ function_name: 'checkout' }, fakeCall())).toMatchObject({ Payload: 'plain text' });
      expect(await actions.invoke_function({ function_name: 'checkout', invocation_type: 'Event' }, fakeCall())).toMatchObject({
        StatusCode: 202,
        Payload: '',
      });
      expect(inputs(InvokeCommand)).toEqual([
        { FunctionName: 'checkout', InvocationType: 'RequestResponse', LogType: 'None' },
        { FunctionName: 'checkout', InvocationType: 'Event', LogType: 'None' },
      ]);
    });

    it("folds an AWS error into chaosaws's message", async () => {
      client.on(InvokeCommand).rejects(lambdaError('ResourceNotFoundException', `Function not found: ${arn}`));
      await expect(actions.invoke_function({ function_name: 'checkout' }, fakeCall())).rejects.toThrow(
        `failed invoking function 'checkout': 'An error occurred (ResourceNotFoundException) when calling the Invoke operation: Function not found: ${arn}'`,
      );
    });
  });

  describe('concurrency', () => {
    it('reserves the given concurrency and returns the response', async () => {
      client.on(PutFunctionConcurrencyCommand).resolves({ ReservedConcurrentExecutions: 0, $metadata: meta });
      const call = fakeCall();
      expect(await actions.put_function_concurrency({ function_name: 'checkout', concurrent_executions: 0 }, call)).toEqual({
        ReservedConcurrentExecutions: 0,
        ResponseMetadata: botoMeta,
      });
      expect(inputs(PutFunctionConcurrencyCommand)).toEqual([{ FunctionName: 'checkout', ReservedConcurrentExecutions: 0 }]);
      expect(call.mutations[0]!.operation).toBe('lambda:PutFunctionConcurrency');
    });

    it('confirms the throttle by reading the reserved concurrency back, and says what it read when it differs', async () => {
      client.on(PutFunctionConcurrencyCommand).resolves({ ReservedConcurrentExecutions: 0, $metadata: meta });
      client.on(GetFunctionConcurrencyCommand).resolves({ ReservedConcurrentExecutions: 0 });
      const call = fakeCall();
      await actions.put_function_concurrency({ function_name: 'checkout', concurrent_executions: 0 }, call);
      expect(call.confirmations).toEqual([
        { fault: 'lambda:PutFunctionConcurrency checkout = 0', confirmed: true, seen: 'reserved concurrency of checkout read back: 0' },
      ]);
      expect(inputs(GetFunctionConcurrencyCommand)).toEqual([{ FunctionName: 'checkout' }]);

      client.on(GetFunctionConcurrencyCommand).resolves({});
      const unset = fakeCall();
      await actions.put_function_concurrency({ function_name: 'checkout', concurrent_executions: 0 }, unset);
      expect(unset.confirmations.map((c) => [c.confirmed, c.seen])).toEqual([
        [false, 'reserved concurrency of checkout read back: none (0 was set) (still so after 0 s, the fault-confirm-timeout)'],
      ]);
    });

    it('checks the name and the number before calling AWS', async () => {
      await expect(actions.put_function_concurrency({ function_name: '', concurrent_executions: 1 }, fakeCall())).rejects.toThrow(
        'you must specify the lambda function name',
      );
      await expect(actions.put_function_concurrency({ function_name: 'checkout', concurrent_executions: '5' }, fakeCall())).rejects.toThrow(
        "chaosaws.awslambda.actions.put_function_concurrency: argument 'concurrent_executions' must be an integer, got str '5'",
      );
      expect(client.calls()).toHaveLength(0);
    });

    it('words AWS errors as chaosaws does', async () => {
      client
        .on(PutFunctionConcurrencyCommand)
        .rejects(
          lambdaError(
            'InvalidParameterValueException',
            'Specified ReservedConcurrentExecutions decreases account unreserved concurrency below its minimum value of [10].',
          ),
        );
      client.on(DeleteFunctionConcurrencyCommand).rejects(lambdaError('ResourceNotFoundException', 'Function not found'));
      await expect(actions.put_function_concurrency({ function_name: 'checkout', concurrent_executions: 5000 }, fakeCall())).rejects.toThrow(
        "failed throttling lambda function 'checkout': 'An error occurred (InvalidParameterValueException) when calling the PutFunctionConcurrency operation: Specified",
      );
      await expect(actions.delete_function_concurrency({ function_name: 'checkout' }, fakeCall())).rejects.toThrow(
        'An error occurred (ResourceNotFoundException) when calling the DeleteFunctionConcurrency operation: Function not found',
      );
    });

    it('removes the reservation', async () => {
      client.on(DeleteFunctionConcurrencyCommand).resolves({ $metadata: { ...meta, httpStatusCode: 204 } });
      expect(await actions.delete_function_concurrency({ function_name: 'checkout' }, fakeCall())).toEqual({
        ResponseMetadata: { ...botoMeta, HTTPStatusCode: 204 },
      });
      expect(inputs(DeleteFunctionConcurrencyCommand)).toEqual([{ FunctionName: 'checkout' }]);
    });

    it('reads the reservation, and says so when there is none', async () => {
      client.on(GetFunctionConcurrencyCommand).resolvesOnce({ ReservedConcurrentExecutions: 3 }).resolvesOnce({});
      expect(await probes.get_function_concurrency({ function_name: 'checkout' }, fakeCall())).toBe(3);
      await expect(probes.get_function_concurrency({ function_name: 'checkout' }, fakeCall())).rejects.toThrow(
        "function 'checkout' has no reserved concurrency",
      );
    });
  });

  describe('timeout and memory size', () => {
    it('updates only the one setting', async () => {
      client
        .on(UpdateFunctionConfigurationCommand)
        .resolves({ FunctionName: 'checkout', Timeout: 3, MemorySize: 128, LastModified: '2024-05-01T12:00:00.000+0000' });
      const out = await actions.put_function_timeout({ function_name: 'checkout', timeout: 3 }, fakeCall());
      await actions.put_function_memory_size({ function_name: 'checkout', memory_size: 128 }, fakeCall());
      expect(updates()).toEqual([
        { FunctionName: 'checkout', Timeout: 3 },
        { FunctionName: 'checkout', MemorySize: 128 },
      ]);
      expect(out).toMatchObject({ FunctionName: 'checkout', Timeout: 3, LastModified: '2024-05-01T12:00:00.000+0000' });
    });

    it('needs the value', async () => {
      await expect(actions.put_function_timeout({ function_name: 'checkout' }, fakeCall())).rejects.toThrow(
        "argument 'timeout' must be an integer, got NoneType None",
      );
      expect(client.calls()).toHaveLength(0);
    });

    it('reads them, for a qualifier too', async () => {
      client.on(GetFunctionConfigurationCommand).resolves({ Timeout: 30, MemorySize: 512 });
      expect(await probes.get_function_timeout({ function_name: 'checkout' }, fakeCall())).toBe(30);
      expect(await probes.get_function_memory_size({ function_name: 'checkout', qualifier: 'live' }, fakeCall())).toBe(512);
      expect(inputs(GetFunctionConfigurationCommand)).toEqual([{ FunctionName: 'checkout' }, { FunctionName: 'checkout', Qualifier: 'live' }]);
    });
  });

  describe('event source mappings', () => {
    const esmArn = 'arn:aws:lambda:us-east-1:123456789012:event-source-mapping:uuid-1';
    beforeEach(() => {
      client.on(GetEventSourceMappingCommand).resolves({ UUID: 'uuid-1', EventSourceMappingArn: esmArn, FunctionArn: arn });
      client.on(ListTagsCommand).resolves({ Tags: { env: 'staging' } });
    });

    it('disables a mapping, with its own tags as the target', async () => {
      client.on(UpdateEventSourceMappingCommand).resolves({ UUID: 'uuid-1', State: 'Disabling', $metadata: meta });
      const call = fakeCall();
      expect(await actions.toggle_event_source_mapping_state({ event_uuid: 'uuid-1', enabled: false }, call)).toEqual({
        UUID: 'uuid-1',
        State: 'Disabling',
        ResponseMetadata: botoMeta,
      });
      expect(inputs(UpdateEventSourceMappingCommand)).toEqual([{ UUID: 'uuid-1', Enabled: false }]);
      expect(inputs(ListTagsCommand)).toEqual([{ Resource: esmArn }]);
      expect(call.mutations).toEqual([
        { operation: 'lambda:UpdateEventSourceMapping', targets: [{ kind: 'lambda:event-source-mapping', id: 'uuid-1', tags: { env: 'staging' } }] },
      ]);
    });

    it('needs enabled as a boolean', async () => {
      await expect(actions.toggle_event_source_mapping_state({ event_uuid: 'uuid-1' }, fakeCall())).rejects.toThrow(
        "argument 'enabled' must be true or false, got NoneType None",
      );
      expect(client.calls()).toHaveLength(0);
    });

    it('deletes a mapping, failing with the AWS message', async () => {
      client
        .on(DeleteEventSourceMappingCommand)
        .resolvesOnce({ UUID: 'uuid-1', State: 'Deleting' })
        .rejectsOnce(lambdaError('ResourceNotFoundException', 'The resource you requested does not exist.'));
      expect(await actions.delete_event_source_mapping({ event_uuid: 'uuid-1' }, fakeCall())).toMatchObject({ State: 'Deleting' });
      await expect(actions.delete_event_source_mapping({ event_uuid: 'uuid-1' }, fakeCall())).rejects.toThrow(/^The resource you requested does not exist\.$/);
      expect(inputs(DeleteEventSourceMappingCommand)).toEqual([{ UUID: 'uuid-1' }, { UUID: 'uuid-1' }]);
    });

    it('lists the mappings of a function or of a source', async () => {
      client
        .on(ListEventSourceMappingsCommand)
        .resolves({ EventSourceMappings: [{ UUID: 'uuid-1', LastModified: new Date('2024-05-01T12:00:00Z') }], $metadata: meta });
      expect(await probes.list_event_source_mapping({ function_name: 'checkout' }, fakeCall())).toEqual({
        EventSourceMappings: [{ UUID: 'uuid-1', LastModified: '2024-05-01T12:00:00+00:00' }],
        ResponseMetadata: botoMeta,
      });
      await probes.list_event_source_mapping({ source_arn: 'arn:aws:sqs:us-east-1:123456789012:orders' }, fakeCall());
      expect(inputs(ListEventSourceMappingsCommand)).toEqual([{ FunctionName: 'checkout' }, { EventSourceArn: 'arn:aws:sqs:us-east-1:123456789012:orders' }]);
      await expect(probes.list_event_source_mapping({}, fakeCall())).rejects.toThrow('must specify at least one of "source_arn" or "function_name"');
    });
  });

  describe('layers and the chaos extension', () => {
    const config = (layers: string[], vars?: Record<string, string>) => ({
      FunctionName: 'checkout',
      Layers: layers.map((Arn) => ({ Arn, CodeSize: 10 })),
      ...(vars ? { Environment: { Variables: vars } } : {}),
    });
    beforeEach(() => {
      client.on(UpdateFunctionConfigurationCommand).resolves({ FunctionName: 'checkout', $metadata: meta });
    });

    it("adds a layer to the function's layers (chaosaws replaced them all), once", async () => {
      client
        .on(GetFunctionConfigurationCommand)
        .resolvesOnce(config([layerArn('a')]))
        .resolvesOnce(config([layerArn('a'), layerArn('b')]));
      await actions.add_layer({ function_name: 'checkout', layer: layerArn('b') }, fakeCall());
      await actions.add_layer({ function_name: 'checkout', layer: layerArn('b') }, fakeCall());
      expect(updates()).toEqual([
        { FunctionName: 'checkout', Layers: [layerArn('a'), layerArn('b')] },
        { FunctionName: 'checkout', Layers: [layerArn('a'), layerArn('b')] },
      ]);
    });

    it('removes a layer and sends the others as ARNs (chaosaws sent objects boto3 rejects)', async () => {
      client.on(GetFunctionConfigurationCommand).resolves(config([layerArn('a'), layerArn('b'), layerArn('c')]));
      await actions.remove_layer({ function_name: 'checkout', layer: layerArn('b') }, fakeCall());
      expect(updates()).toEqual([{ FunctionName: 'checkout', Layers: [layerArn('a'), layerArn('c')] }]);
    });

    it('adds latency with the default layer and settings, keeping the function variables', async () => {
      client.on(GetFunctionConfigurationCommand).resolves(config([], { DB_HOST: 'db' }));
      const call = fakeCall();
      const out = await actions.add_latency({ function_name: 'checkout' }, call);
      expect(updates()).toEqual([
        {
          FunctionName: 'checkout',
          Layers: [actions.DEFAULT_LAYER],
          Environment: {
            Variables: {
              DB_HOST: 'db',
              AWS_LAMBDA_EXEC_WRAPPER: '/opt/bootstrap',
              CHAOSTOOLKIT_EXPERIMENT: 'true',
              CHAOS_EXTENSION__LAMBDA__ENABLE_LATENCY: 'true',
              CHAOS_EXTENSION__LAMBDA__LATENCY_VALUE: '1',
              CHAOS_EXTENSION__LAMBDA__LATENCY_PROBABILITY: '0.9',
            },
          },
        },
      ]);
      expect(out).toEqual({ FunctionName: 'checkout', ResponseMetadata: botoMeta });
      expect(call.mutations[0]).toEqual({
        operation: 'lambda:UpdateFunctionConfiguration',
        targets: [{ kind: 'lambda:function', id: 'checkout', tags: { env: 'staging' } }],
      });
    });

    it('removes every latency variable, the latency value too (chaosaws left it behind)', async () => {
      const vars = Object.fromEntries(LATENCY.map((k) => [k, 'x']));
      client.on(GetFunctionConfigurationCommand).resolves(config([layerArn('mine'), 'arn:ext'], { ...vars, DB_HOST: 'db' }));
      await actions.remove_latency({ function_name: 'checkout', layer: 'arn:ext' }, fakeCall());
      expect(updates()).toEqual([{ FunctionName: 'checkout', Layers: [layerArn('mine')], Environment: { Variables: { DB_HOST: 'db' } } }]);
    });

    it('adds an error response with the given body and probability, and removes it', async () => {
      client
        .on(GetFunctionConfigurationCommand)
        .resolvesOnce(config([]))
        .resolvesOnce(
          config(['arn:ext'], {
            AWS_LAMBDA_EXEC_WRAPPER: '/opt/bootstrap',
            CHAOSTOOLKIT_EXPERIMENT: 'true',
            CHAOS_EXTENSION__RESPONSE__ENABLE_CHANGE_RESPONSE_BODY: 'true',
            CHAOS_EXTENSION__RESPONSE__DEFAULT_RESPONSE: '{}',
            CHAOS_EXTENSION__RESPONSE__CHANGE_RESPONSE_PROBABILITY: '1',
            KEEP: 'me',
          }),
        );
      await actions.add_error({ function_name: 'checkout', body: '{"statusCode": 503}', probability: 1, layer: 'arn:ext' }, fakeCall());
      await actions.remove_error({ function_name: 'checkout', layer: 'arn:ext' }, fakeCall());
      expect(updates()).toEqual([
        {
          FunctionName: 'checkout',
          Layers: ['arn:ext'],
          Environment: {
            Variables: {
              AWS_LAMBDA_EXEC_WRAPPER: '/opt/bootstrap',
              CHAOSTOOLKIT_EXPERIMENT: 'true',
              CHAOS_EXTENSION__RESPONSE__ENABLE_CHANGE_RESPONSE_BODY: 'true',
              CHAOS_EXTENSION__RESPONSE__DEFAULT_RESPONSE: '{"statusCode": 503}',
              CHAOS_EXTENSION__RESPONSE__CHANGE_RESPONSE_PROBABILITY: '1',
            },
          },
        },
        { FunctionName: 'checkout', Layers: [], Environment: { Variables: { KEEP: 'me' } } },
      ]);
    });

    it('fails with the AWS message when the function cannot be read, and changes nothing', async () => {
      client.on(GetFunctionConfigurationCommand).rejects(lambdaError('ResourceNotFoundException', `Function not found: ${arn}`));
      await expect(actions.add_latency({ function_name: 'checkout' }, fakeCall())).rejects.toThrow(new RegExp(`^Function not found: ${arn}$`));
      expect(updates()).toHaveLength(0);
    });

    it('refuses a latency that is neither a number nor a string', async () => {
      client.on(GetFunctionConfigurationCommand).resolves(config([]));
      await expect(actions.add_latency({ function_name: 'checkout', latency: [1] }, fakeCall())).rejects.toThrow(
        "argument 'latency' must be a number or a string, got list [1]",
      );
      expect(updates()).toHaveLength(0);
    });
  });

  describe('sends no mutating command when a guardrail refuses or in a dry run', () => {
    const fn = { function_name: 'checkout' };
    const cases: [string, AwsFunction, Record<string, unknown>][] = [
      ['invoke_function', actions.invoke_function, fn],
      ['put_function_concurrency', actions.put_function_concurrency, { ...fn, concurrent_executions: 0 }],
      ['delete_function_concurrency', actions.delete_function_concurrency, fn],
      ['put_function_timeout', actions.put_function_timeout, { ...fn, timeout: 1 }],
      ['put_function_memory_size', actions.put_function_memory_size, { ...fn, memory_size: 128 }],
      ['delete_event_source_mapping', actions.delete_event_source_mapping, { event_uuid: 'u' }],
      ['toggle_event_source_mapping_state', actions.toggle_event_source_mapping_state, { event_uuid: 'u', enabled: false }],
      ['add_layer', actions.add_layer, { ...fn, layer: 'arn:l' }],
      ['remove_layer', actions.remove_layer, { ...fn, layer: 'arn:l' }],
      ['add_latency', actions.add_latency, fn],
      ['remove_latency', actions.remove_latency, fn],
      ['add_error', actions.add_error, fn],
      ['remove_error', actions.remove_error, fn],
    ];
    const mutating: Parameters<AwsClientStub<LambdaClient>['commandCalls']>[0][] = [
      InvokeCommand,
      PutFunctionConcurrencyCommand,
      DeleteFunctionConcurrencyCommand,
      UpdateFunctionConfigurationCommand,
      DeleteEventSourceMappingCommand,
      UpdateEventSourceMappingCommand,
    ];
    for (const mode of ['refuse', 'plan'] as const) {
      it.each(cases)(`${mode}: %s`, async (_name, func, args) => {
        client.on(GetFunctionConfigurationCommand).resolves({ FunctionName: 'checkout' });
        const call = fakeCall({ mode });
        await expect(func(args, call)).rejects.toThrow();
        expect(call.mutations).toHaveLength(1);
        for (const command of mutating) expect(client.commandCalls(command)).toHaveLength(0);
      });
    }
  });
});

describe('chaosaws.awslambda against the real chaosaws, on moto', () => {
  let moto: Moto;
  const layers: Record<string, string> = {};
  beforeAll(async () => {
    moto = await startMoto();
    // A real zip for the function code, made by Python's zipfile (no zip library here).
    const zipped = spawnSync(
      oraclePython,
      [
        '-c',
        [
          'import io, zipfile, base64, sys',
          'b = io.BytesIO()',
          'z = zipfile.ZipFile(b, "w"); z.writestr("index.py", "def handler(e, c):\\n    return e\\n"); z.close()',
          'sys.stdout.write(base64.b64encode(b.getvalue()).decode())',
        ].join('\n'),
      ],
      { encoding: 'utf8' },
    );
    const zip = Buffer.from(zipped.stdout, 'base64');
    const iam = new IAMClient(motoClientConfig(moto.url));
    const role = await iam.send(new CreateRoleCommand({ RoleName: 'lambda-role', AssumeRolePolicyDocument: '{}' }));
    const lambda = new LambdaClient(motoClientConfig(moto.url));
    for (const name of ['ext', 'base', 'extra']) {
      const out = await lambda.send(new PublishLayerVersionCommand({ LayerName: name, Content: { ZipFile: zip } }));
      layers[name] = out.LayerVersionArn!;
    }
    for (const name of ['py-fn', 'ts-fn']) {
      await lambda.send(
        new CreateFunctionCommand({
          FunctionName: name,
          Runtime: 'python3.12',
          Role: role.Role!.Arn!,
          Handler: 'index.handler',
          Code: { ZipFile: zip },
          Timeout: 30,
          MemorySize: 256,
          Environment: { Variables: { DB_HOST: 'db' } },
          Tags: { env: 'staging' },
        }),
      );
    }
  }, 60_000);
  afterAll(async () => moto?.stop());

  const neutral = (v: unknown) =>
    JSON.parse(
      JSON.stringify(comparable(v))
        .replaceAll(/(py|ts)-fn/g, '<fn>')
        .replaceAll(/"(CodeSha256|RevisionId)":"[^"]+"/g, '"$1":"<x>"'),
    ) as unknown;

  it('reserves, reads and removes concurrency with the same results', async () => {
    const python = runChaosaws(moto.url, 'chaosaws.awslambda.actions', 'put_function_concurrency', { function_name: 'py-fn', concurrent_executions: 7 });
    expect(python.ok).toBeDefined();
    const call = motoCall(moto.url);
    const ours = await actions.put_function_concurrency({ function_name: 'ts-fn', concurrent_executions: 7 }, call);
    expect(comparable(ours)).toEqual(comparable(python.ok));
    expect(call.mutations[0]!.targets).toEqual([{ kind: 'lambda:function', id: 'ts-fn', tags: { env: 'staging' } }]);
    const pythonRead = runChaosaws(moto.url, 'chaosaws.awslambda.probes', 'get_function_concurrency', { function_name: 'py-fn' });
    expect(pythonRead.ok).toBe(7);
    expect(await probes.get_function_concurrency({ function_name: 'ts-fn' }, motoCall(moto.url))).toBe(7);
    const pythonDelete = runChaosaws(moto.url, 'chaosaws.awslambda.actions', 'delete_function_concurrency', { function_name: 'py-fn' });
    const oursDelete = await actions.delete_function_concurrency({ function_name: 'ts-fn' }, motoCall(moto.url));
    expect(comparable(oursDelete)).toEqual(comparable(pythonDelete.ok));
  });

  it('fails the same way on an unknown function', async () => {
    const kwargs = { function_name: 'nope', concurrent_executions: 1 };
    const python = runChaosaws(moto.url, 'chaosaws.awslambda.actions', 'put_function_concurrency', kwargs);
    expect(python.message).toMatch(/^failed throttling lambda function 'nope': 'An error occurred \(ResourceNotFoundException\)/);
    await expect(actions.put_function_concurrency(kwargs, motoCall(moto.url))).rejects.toThrow(python.message!);
  });

  it('reads and sets timeout and memory with the same results', async () => {
    for (const probe of ['get_function_timeout', 'get_function_memory_size'] as const) {
      const python = runChaosaws(moto.url, 'chaosaws.awslambda.probes', probe, { function_name: 'py-fn' });
      expect(await probes[probe]({ function_name: 'ts-fn' }, motoCall(moto.url))).toBe(python.ok);
    }
    const python = runChaosaws(moto.url, 'chaosaws.awslambda.actions', 'put_function_timeout', { function_name: 'py-fn', timeout: 5 });
    const ours = await actions.put_function_timeout({ function_name: 'ts-fn', timeout: 5 }, motoCall(moto.url));
    expect(neutral(ours)).toEqual(neutral(python.ok));
  });

  it('adds latency as chaosaws does, and removes it completely where chaosaws leaves the latency value', async () => {
    const add = { latency: 2, probability: 0.5, layer: layers.ext };
    const python = runChaosaws(moto.url, 'chaosaws.awslambda.actions', 'add_latency', { function_name: 'py-fn', ...add });
    expect(python.ok).toBeDefined();
    const ours = await actions.add_latency({ function_name: 'ts-fn', ...add }, motoCall(moto.url));
    expect(neutral(ours)).toEqual(neutral(python.ok));

    const pythonOff = runChaosaws(moto.url, 'chaosaws.awslambda.actions', 'remove_latency', { function_name: 'py-fn', layer: layers.ext });
    const oursOff = (await actions.remove_latency({ function_name: 'ts-fn', layer: layers.ext }, motoCall(moto.url))) as {
      Environment: { Variables: Record<string, string> };
      Layers?: unknown[];
    };
    const pythonVars = (pythonOff.ok as { Environment: { Variables: Record<string, string> } }).Environment.Variables;
    expect(pythonVars).toEqual({ DB_HOST: 'db', CHAOS_EXTENSION__LAMBDA__LATENCY_VALUE: '2' });
    expect(oursOff.Environment.Variables).toEqual({ DB_HOST: 'db' });
    expect(oursOff.Layers ?? []).toEqual([]);
  });

  it('removes one of several layers, where chaosaws fails', async () => {
    const lambda = new LambdaClient(motoClientConfig(moto.url));
    for (const name of ['py-fn', 'ts-fn']) {
      await lambda.send(new UpdateFunctionConfigurationCommand({ FunctionName: name, Layers: [layers.base!, layers.extra!] }));
    }
    const python = runChaosaws(moto.url, 'chaosaws.awslambda.actions', 'remove_layer', { function_name: 'py-fn', layer: layers.extra });
    expect(python.message).toMatch(/Invalid type for parameter Layers\[0\]/);
    const ours = (await actions.remove_layer({ function_name: 'ts-fn', layer: layers.extra }, motoCall(moto.url))) as { Layers: { Arn: string }[] };
    expect(ours.Layers.map((l) => l.Arn)).toEqual([layers.base]);
  });
});
