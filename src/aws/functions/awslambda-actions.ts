// chaosaws.awslambda.actions natively: invoking, throttling and reconfiguring Lambda functions,
// event source mappings, layers, and the faults of the chaos-lambda-extension layer
// (github.com/aws-cli-tools/chaos-lambda-extension), which reads its settings from environment
// variables. Three chaosaws bugs are fixed here; each is described where it is fixed.
import {
  DeleteEventSourceMappingCommand,
  DeleteFunctionConcurrencyCommand,
  GetEventSourceMappingCommand,
  GetFunctionCommand,
  GetFunctionConcurrencyCommand,
  GetFunctionConfigurationCommand,
  InvokeCommand,
  LambdaClient,
  ListTagsCommand,
  PutFunctionConcurrencyCommand,
  UpdateEventSourceMappingCommand,
  UpdateFunctionConfigurationCommand,
  type FunctionConfiguration,
  type InvocationType,
} from '@aws-sdk/client-lambda';
import { pythonStr } from '../../python/values.js';
import { pythonJsonDumps } from '../../python/json-dumps.js';
import { ActivityFailed } from '../../contract/provider.js';
import { awsMessage, boto } from './boto-error.js';
import { botoResponse } from './boto-shape.js';
import { exceptionText } from './exception-text.js';
import { PyArgs } from './py-args.js';
import { lookupTags } from './target-tags.js';
import type { AwsCall, AwsTarget } from './types.js';

type Args = Readonly<Record<string, unknown>>;
const MODULE = 'chaosaws.awslambda.actions';

/** chaosaws's default: the x86_64 chaos-lambda-extension layer, published in us-east-1 only. */
export const DEFAULT_LAYER = 'arn:aws:lambda:us-east-1:871265522301:layer:chaos-lambda-extension-x86_64-unknown-linux-gnu-release:12';
export const DEFAULT_ERROR_BODY = '{"statusCode": 500, "body": "Greeting from Chaos Toolkit"}';

const LATENCY_VARS = [
  'AWS_LAMBDA_EXEC_WRAPPER',
  'CHAOSTOOLKIT_EXPERIMENT',
  'CHAOS_EXTENSION__LAMBDA__ENABLE_LATENCY',
  'CHAOS_EXTENSION__LAMBDA__LATENCY_VALUE',
  'CHAOS_EXTENSION__LAMBDA__LATENCY_PROBABILITY',
];
const ERROR_VARS = [
  'AWS_LAMBDA_EXEC_WRAPPER',
  'CHAOSTOOLKIT_EXPERIMENT',
  'CHAOS_EXTENSION__RESPONSE__ENABLE_CHANGE_RESPONSE_BODY',
  'CHAOS_EXTENSION__RESPONSE__DEFAULT_RESPONSE',
  'CHAOS_EXTENSION__RESPONSE__CHANGE_RESPONSE_PROBABILITY',
];

function requiredInt(a: PyArgs, name: string): number {
  return a.int(name) ?? a.fail(name, 'an integer');
}

/** A value chaosaws formats into an environment variable with f"{value}": a number or a string. */
function scalarText(a: PyArgs, name: string, fallback: number | string): string {
  const v = a.raw(name) ?? fallback;
  if (typeof v === 'number' || typeof v === 'string') return pythonStr(v);
  return a.fail(name, 'a number or a string');
}

async function functionTarget(call: AwsCall, lambda: LambdaClient, name: string): Promise<AwsTarget> {
  const tags = await lookupTags(call.signal, async () => {
    const out = await lambda.send(new GetFunctionCommand({ FunctionName: name }), { abortSignal: call.signal });
    return { ...(out.Tags ?? {}) };
  });
  return { kind: 'lambda:function', id: name, tags };
}

async function mappingTarget(call: AwsCall, lambda: LambdaClient, uuid: string): Promise<AwsTarget> {
  const tags = await lookupTags(call.signal, async () => {
    const mapping = await lambda.send(new GetEventSourceMappingCommand({ UUID: uuid }), { abortSignal: call.signal });
    if (!mapping.EventSourceMappingArn) return undefined;
    const out = await lambda.send(new ListTagsCommand({ Resource: mapping.EventSourceMappingArn }), { abortSignal: call.signal });
    return { ...(out.Tags ?? {}) };
  });
  return { kind: 'lambda:event-source-mapping', id: uuid, tags };
}

/** The invocation response, its Payload read and JSON-decoded (kept as text when it is not JSON). */
export async function invoke_function(args: Args, call: AwsCall): Promise<unknown> {
  const a = new PyArgs(`${MODULE}.invoke_function`, args);
  const lambda = await call.client(LambdaClient);
  const name = a.requiredStr('function_name');
  const functionArguments = a.raw('function_arguments');
  const clientContext = a.raw('client_context');
  const qualifier = a.str('qualifier');
  const input = {
    FunctionName: name,
    InvocationType: (a.str('invocation_type') ?? 'RequestResponse') as InvocationType,
    LogType: 'None' as const,
    ...(functionArguments !== undefined ? { Payload: pythonJsonDumps(functionArguments) } : {}),
    ...(clientContext !== undefined ? { ClientContext: Buffer.from(pythonJsonDumps(clientContext), 'utf8').toString('base64') } : {}),
    ...(qualifier !== undefined ? { Qualifier: qualifier } : {}),
  };
  await call.mutate('lambda:InvokeFunction', [await functionTarget(call, lambda, name)]);
  let out;
  try {
    out = await boto('Invoke', lambda.send(new InvokeCommand(input), { abortSignal: call.signal }));
  } catch (err) {
    throw new ActivityFailed(`failed invoking function '${name}': '${exceptionText(err, call.signal)}'`);
  }
  const text = out.Payload ? new TextDecoder().decode(out.Payload) : '';
  const response = botoResponse({ ...out, Payload: undefined });
  try {
    response.Payload = JSON.parse(text) as unknown;
  } catch {
    response.Payload = text;
  }
  return response;
}

export async function put_function_concurrency(args: Args, call: AwsCall): Promise<unknown> {
  const a = new PyArgs(`${MODULE}.put_function_concurrency`, args);
  const lambda = await call.client(LambdaClient);
  const name = a.str('function_name');
  if (!name) throw new ActivityFailed('you must specify the lambda function name');
  const concurrency = requiredInt(a, 'concurrent_executions');
  await call.mutate('lambda:PutFunctionConcurrency', [await functionTarget(call, lambda, name)]);
  let out;
  try {
    const command = new PutFunctionConcurrencyCommand({ FunctionName: name, ReservedConcurrentExecutions: concurrency });
    out = botoResponse(await boto('PutFunctionConcurrency', lambda.send(command, { abortSignal: call.signal })));
  } catch (err) {
    throw new ActivityFailed(`failed throttling lambda function '${name}': '${exceptionText(err, call.signal)}'`);
  }
  await call.confirm(`lambda:PutFunctionConcurrency ${name} = ${concurrency}`, async () => {
    const read = await boto('GetFunctionConcurrency', lambda.send(new GetFunctionConcurrencyCommand({ FunctionName: name }), { abortSignal: call.signal }));
    const seen = read.ReservedConcurrentExecutions;
    return seen === concurrency
      ? { confirmed: true, seen: `reserved concurrency of ${name} read back: ${seen}` }
      : { confirmed: false, seen: `reserved concurrency of ${name} read back: ${seen ?? 'none'} (${concurrency} was set)` };
  });
  return out;
}

export async function delete_function_concurrency(args: Args, call: AwsCall): Promise<unknown> {
  const a = new PyArgs(`${MODULE}.delete_function_concurrency`, args);
  const lambda = await call.client(LambdaClient);
  const name = a.requiredStr('function_name');
  await call.mutate('lambda:DeleteFunctionConcurrency', [await functionTarget(call, lambda, name)]);
  const command = new DeleteFunctionConcurrencyCommand({ FunctionName: name });
  return botoResponse(await boto('DeleteFunctionConcurrency', lambda.send(command, { abortSignal: call.signal })));
}

async function updateSetting(call: AwsCall, name: string, setting: { Timeout: number } | { MemorySize: number }): Promise<unknown> {
  const lambda = await call.client(LambdaClient);
  await call.mutate('lambda:UpdateFunctionConfiguration', [await functionTarget(call, lambda, name)]);
  const command = new UpdateFunctionConfigurationCommand({ FunctionName: name, ...setting });
  return botoResponse(await boto('UpdateFunctionConfiguration', lambda.send(command, { abortSignal: call.signal })));
}

/** The timeout is in seconds. */
export async function put_function_timeout(args: Args, call: AwsCall): Promise<unknown> {
  const a = new PyArgs(`${MODULE}.put_function_timeout`, args);
  return updateSetting(call, a.requiredStr('function_name'), { Timeout: requiredInt(a, 'timeout') });
}

/** The memory size is in megabytes. */
export async function put_function_memory_size(args: Args, call: AwsCall): Promise<unknown> {
  const a = new PyArgs(`${MODULE}.put_function_memory_size`, args);
  return updateSetting(call, a.requiredStr('function_name'), { MemorySize: requiredInt(a, 'memory_size') });
}

export async function delete_event_source_mapping(args: Args, call: AwsCall): Promise<unknown> {
  const a = new PyArgs(`${MODULE}.delete_event_source_mapping`, args);
  const lambda = await call.client(LambdaClient);
  const uuid = a.requiredStr('event_uuid');
  await call.mutate('lambda:DeleteEventSourceMapping', [await mappingTarget(call, lambda, uuid)]);
  try {
    const command = new DeleteEventSourceMappingCommand({ UUID: uuid });
    return botoResponse(await boto('DeleteEventSourceMapping', lambda.send(command, { abortSignal: call.signal })));
  } catch (err) {
    throw new ActivityFailed(awsMessage(err));
  }
}

export async function toggle_event_source_mapping_state(args: Args, call: AwsCall): Promise<unknown> {
  const a = new PyArgs(`${MODULE}.toggle_event_source_mapping_state`, args);
  const lambda = await call.client(LambdaClient);
  const uuid = a.requiredStr('event_uuid');
  const enabled = a.raw('enabled') === undefined ? a.fail('enabled', 'true or false') : a.bool('enabled', false);
  await call.mutate('lambda:UpdateEventSourceMapping', [await mappingTarget(call, lambda, uuid)]);
  try {
    const command = new UpdateEventSourceMappingCommand({ UUID: uuid, Enabled: enabled });
    return botoResponse(await boto('UpdateEventSourceMapping', lambda.send(command, { abortSignal: call.signal })));
  } catch (err) {
    throw new ActivityFailed(awsMessage(err));
  }
}

interface LayerChange {
  /** The layer ARN to attach (kept after the function's other layers) or to detach. */
  readonly layer: string;
  readonly attach: boolean;
  /** Environment variables to set, and to remove. */
  readonly setVars?: Readonly<Record<string, string>>;
  readonly removeVars?: readonly string[];
}

function layerArns(cfg: FunctionConfiguration): string[] {
  return (cfg.Layers ?? []).map((l) => l.Arn ?? '').filter(Boolean);
}

/**
 * Reads the function's configuration, then updates its layers (and environment) in one call, with
 * chaosaws's messages. Layers are sent as ARNs and the function's other layers are kept.
 */
async function changeLayers(call: AwsCall, name: string, change: LayerChange): Promise<unknown> {
  const lambda = await call.client(LambdaClient);
  let cfg: FunctionConfiguration;
  try {
    const command = new GetFunctionConfigurationCommand({ FunctionName: name });
    cfg = await boto('GetFunctionConfiguration', lambda.send(command, { abortSignal: call.signal }));
  } catch (err) {
    throw new ActivityFailed(awsMessage(err));
  }
  const arns = layerArns(cfg);
  let layers: string[];
  if (change.attach) layers = arns.includes(change.layer) ? arns : [...arns, change.layer];
  else {
    layers = [...arns];
    const at = layers.indexOf(change.layer);
    if (at >= 0) layers.splice(at, 1);
  }
  const withEnv = change.setVars !== undefined || change.removeVars !== undefined;
  const vars: Record<string, string> = { ...(cfg.Environment?.Variables ?? {}), ...(change.setVars ?? {}) };
  for (const v of change.removeVars ?? []) delete vars[v];
  await call.mutate('lambda:UpdateFunctionConfiguration', [await functionTarget(call, lambda, name)]);
  try {
    const input = { FunctionName: name, Layers: layers, ...(withEnv ? { Environment: { Variables: vars } } : {}) };
    const command = new UpdateFunctionConfigurationCommand(input);
    return botoResponse(await boto('UpdateFunctionConfiguration', lambda.send(command, { abortSignal: call.signal })));
  } catch (err) {
    throw new ActivityFailed(awsMessage(err));
  }
}

/**
 * chaosaws sends Layers=[layer], which detaches every other layer of the function: a later
 * remove_layer cannot bring them back. Here the layer is added to the function's layers.
 */
export async function add_layer(args: Args, call: AwsCall): Promise<unknown> {
  const a = new PyArgs(`${MODULE}.add_layer`, args);
  return changeLayers(call, a.requiredStr('function_name'), { layer: a.requiredStr('layer'), attach: true });
}

/**
 * chaosaws sends the remaining layers as the objects GetFunctionConfiguration describes them
 * with, which boto3 rejects whenever another layer remains; here they are sent as their ARNs.
 */
export async function remove_layer(args: Args, call: AwsCall): Promise<unknown> {
  const a = new PyArgs(`${MODULE}.remove_layer`, args);
  return changeLayers(call, a.requiredStr('function_name'), { layer: a.requiredStr('layer'), attach: false });
}

/** Latency in seconds (1 to 900) injected with the given probability, by the extension layer. */
export async function add_latency(args: Args, call: AwsCall): Promise<unknown> {
  const a = new PyArgs(`${MODULE}.add_latency`, args);
  return changeLayers(call, a.requiredStr('function_name'), {
    layer: a.str('layer') ?? DEFAULT_LAYER,
    attach: true,
    setVars: {
      AWS_LAMBDA_EXEC_WRAPPER: '/opt/bootstrap',
      CHAOSTOOLKIT_EXPERIMENT: 'true',
      CHAOS_EXTENSION__LAMBDA__ENABLE_LATENCY: 'true',
      CHAOS_EXTENSION__LAMBDA__LATENCY_VALUE: scalarText(a, 'latency', 1),
      CHAOS_EXTENSION__LAMBDA__LATENCY_PROBABILITY: scalarText(a, 'probability', 0.9),
    },
  });
}

/**
 * Reverts add_latency. chaosaws forgets CHAOS_EXTENSION__LAMBDA__LATENCY_VALUE and leaves it on
 * the function; here every variable add_latency set is removed.
 */
export async function remove_latency(args: Args, call: AwsCall): Promise<unknown> {
  const a = new PyArgs(`${MODULE}.remove_latency`, args);
  return changeLayers(call, a.requiredStr('function_name'), { layer: a.str('layer') ?? DEFAULT_LAYER, attach: false, removeVars: LATENCY_VARS });
}

/** Replaces responses by `body` (a JSON text) with the given probability, by the extension layer. */
export async function add_error(args: Args, call: AwsCall): Promise<unknown> {
  const a = new PyArgs(`${MODULE}.add_error`, args);
  return changeLayers(call, a.requiredStr('function_name'), {
    layer: a.str('layer') ?? DEFAULT_LAYER,
    attach: true,
    setVars: {
      AWS_LAMBDA_EXEC_WRAPPER: '/opt/bootstrap',
      CHAOSTOOLKIT_EXPERIMENT: 'true',
      CHAOS_EXTENSION__RESPONSE__ENABLE_CHANGE_RESPONSE_BODY: 'true',
      CHAOS_EXTENSION__RESPONSE__DEFAULT_RESPONSE: scalarText(a, 'body', DEFAULT_ERROR_BODY),
      CHAOS_EXTENSION__RESPONSE__CHANGE_RESPONSE_PROBABILITY: scalarText(a, 'probability', 0.9),
    },
  });
}

export async function remove_error(args: Args, call: AwsCall): Promise<unknown> {
  const a = new PyArgs(`${MODULE}.remove_error`, args);
  return changeLayers(call, a.requiredStr('function_name'), { layer: a.str('layer') ?? DEFAULT_LAYER, attach: false, removeVars: ERROR_VARS });
}
