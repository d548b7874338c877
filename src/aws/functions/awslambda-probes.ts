// chaosaws.awslambda.probes natively: a function's reserved concurrency, timeout and memory size,
// and the event source mappings of a function or an event source.
import { GetFunctionConcurrencyCommand, GetFunctionConfigurationCommand, LambdaClient, ListEventSourceMappingsCommand } from '@aws-sdk/client-lambda';
import { ActivityFailed } from '../../contract/provider.js';
import { awsMessage, boto } from './boto-error.js';
import { botoResponse } from './boto-shape.js';
import { PyArgs } from './py-args.js';
import type { AwsCall } from './types.js';

type Args = Readonly<Record<string, unknown>>;
const MODULE = 'chaosaws.awslambda.probes';

/**
 * The reserved concurrency. AWS leaves the field out when none is reserved; chaosaws then fails
 * with a bare KeyError, here with a message that says so.
 */
export async function get_function_concurrency(args: Args, call: AwsCall): Promise<unknown> {
  const a = new PyArgs(`${MODULE}.get_function_concurrency`, args);
  const lambda = await call.client(LambdaClient);
  const name = a.requiredStr('function_name');
  const command = new GetFunctionConcurrencyCommand({ FunctionName: name });
  const out = await boto('GetFunctionConcurrency', lambda.send(command, { abortSignal: call.signal }));
  if (out.ReservedConcurrentExecutions === undefined) {
    throw new ActivityFailed(`function '${name}' has no reserved concurrency: GetFunctionConcurrency returned no ReservedConcurrentExecutions`);
  }
  return out.ReservedConcurrentExecutions;
}

async function configurationField(fn: string, args: Args, call: AwsCall, field: 'Timeout' | 'MemorySize'): Promise<unknown> {
  const a = new PyArgs(`${MODULE}.${fn}`, args);
  const lambda = await call.client(LambdaClient);
  const qualifier = a.str('qualifier');
  const command = new GetFunctionConfigurationCommand({
    FunctionName: a.requiredStr('function_name'),
    ...(qualifier !== undefined ? { Qualifier: qualifier } : {}),
  });
  const cfg = await boto('GetFunctionConfiguration', lambda.send(command, { abortSignal: call.signal }));
  return cfg[field] ?? null;
}

/** The timeout in seconds. */
export async function get_function_timeout(args: Args, call: AwsCall): Promise<unknown> {
  return configurationField('get_function_timeout', args, call, 'Timeout');
}

/** The memory size in megabytes. */
export async function get_function_memory_size(args: Args, call: AwsCall): Promise<unknown> {
  return configurationField('get_function_memory_size', args, call, 'MemorySize');
}

/** The first page of ListEventSourceMappings, as chaosaws returns it. */
export async function list_event_source_mapping(args: Args, call: AwsCall): Promise<unknown> {
  const a = new PyArgs(`${MODULE}.list_event_source_mapping`, args);
  const sourceArn = a.str('source_arn');
  const functionName = a.str('function_name');
  if (!sourceArn && !functionName) throw new ActivityFailed('must specify at least one of "source_arn" or "function_name"');
  const lambda = await call.client(LambdaClient);
  try {
    const input = { ...(sourceArn ? { EventSourceArn: sourceArn } : {}), ...(functionName ? { FunctionName: functionName } : {}) };
    const command = new ListEventSourceMappingsCommand(input);
    return botoResponse(await boto('ListEventSourceMappings', lambda.send(command, { abortSignal: call.signal })));
  } catch (err) {
    throw new ActivityFailed(awsMessage(err));
  }
}
