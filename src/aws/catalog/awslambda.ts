// chaosaws.awslambda: Lambda throttling, configuration and chaos-extension faults (actions) and probes.
import { defineModule, type AwsCatalogEntry } from './define.js';

// parseSignature splits on commas and only needs to know whether a parameter has a default, so the
// long defaults (a layer ARN, a JSON body containing commas) are written by name; the
// implementation holds the real values.
export const catalog: AwsCatalogEntry[] = [
  ...defineModule('chaosaws.awslambda.actions', true, () => import('../functions/awslambda-actions.js'), {
    invoke_function:
      "function_name, function_arguments=None, invocation_type='RequestResponse', client_context=None, qualifier=None, configuration=None, secrets=None",
    put_function_concurrency: 'function_name, concurrent_executions, configuration=None, secrets=None',
    delete_function_concurrency: 'function_name, configuration=None, secrets=None',
    put_function_timeout: 'function_name, timeout, configuration=None, secrets=None',
    put_function_memory_size: 'function_name, memory_size, configuration=None, secrets=None',
    delete_event_source_mapping: 'event_uuid, configuration=None, secrets=None',
    toggle_event_source_mapping_state: 'event_uuid, enabled, configuration=None, secrets=None',
    add_layer: 'function_name, layer, configuration=None, secrets=None',
    remove_layer: 'function_name, layer, configuration=None, secrets=None',
    add_latency: 'function_name, latency=1, probability=0.9, layer=DEFAULT_LAYER, configuration=None, secrets=None',
    remove_latency: 'function_name, layer=DEFAULT_LAYER, configuration=None, secrets=None',
    add_error: 'function_name, body=DEFAULT_ERROR_BODY, probability=0.9, layer=DEFAULT_LAYER, configuration=None, secrets=None',
    remove_error: 'function_name, layer=DEFAULT_LAYER, configuration=None, secrets=None',
  }),
  ...defineModule('chaosaws.awslambda.probes', false, () => import('../functions/awslambda-probes.js'), {
    get_function_concurrency: 'function_name, configuration=None, secrets=None',
    get_function_timeout: 'function_name, qualifier=None, configuration=None, secrets=None',
    get_function_memory_size: 'function_name, qualifier=None, configuration=None, secrets=None',
    list_event_source_mapping: 'source_arn=None, function_name=None, configuration=None, secrets=None',
  }),
];
