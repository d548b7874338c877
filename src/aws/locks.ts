// The locks a chaosaws built-in action takes when experiments run in parallel: the resources it
// targets, named from its arguments as the guardrails would resolve them (same instance, DB
// cluster, function, Auto Scaling group, … → same lock). Where the targets are only known when the
// call runs (tag filters, an AZ, a FIS template), the lock covers the whole kind
// (`aws:ec2:instance:*`), or every AWS resource (`aws:*`) when even the kinds are unknown.
// Read-only probes take none. Pure: the arguments are given already substituted where static.
import { isMapping } from '../python/values.js';

type Args = Readonly<Record<string, unknown>>;
type Rule = (args: Args) => string[];

export const AWS_LOCK_KINDS = {
  instance: 'aws:ec2:instance',
  securityGroup: 'aws:ec2:security-group',
  dbInstance: 'aws:rds:db-instance',
  dbCluster: 'aws:rds:db-cluster',
  hostedZone: 'aws:route53:hosted-zone',
  function: 'aws:lambda:function',
  eventSourceMapping: 'aws:lambda:event-source-mapping',
  namespace: 'aws:cloudwatch:namespace',
  document: 'aws:ssm:document',
  parameter: 'aws:ssm:parameter',
  asg: 'aws:autoscaling:group',
  loadBalancer: 'aws:elbv2:load-balancer',
  targetGroup: 'aws:elbv2:target-group',
  fisExperiment: 'aws:fis:experiment',
  eksCluster: 'aws:eks:cluster',
} as const;

/** Every AWS resource: a call whose kinds of targets are only known at run time. */
export const ALL_AWS = 'aws:*';

const K = AWS_LOCK_KINDS;

/** A name known before the run: a non-empty string with nothing left to substitute. */
const known = (v: unknown): v is string => typeof v === 'string' && v.trim() !== '' && !v.includes('$');

/** The names an argument gives (one, or a list), or undefined when they are not all known. */
function names(value: unknown): string[] | undefined {
  if (known(value)) return [value.trim()];
  if (Array.isArray(value) && value.length > 0 && value.every(known)) return value.map((v) => v.trim());
  return undefined;
}

/** The resources an argument names, or the whole kind when it names none that is known. */
const by =
  (kind: string, arg: string): Rule =>
  (args) =>
    (names(args[arg]) ?? ['*']).map((n) => `${kind}:${n}`);

/** The load balancer's name from its ARN (…:loadbalancer/app/NAME/id), so that both spellings meet. */
const loadBalancerFromArn: Rule = (args) => {
  const arn = args.load_balancer_arn;
  const m = known(arn) ? /:loadbalancer\/(?:app|net|gwy)\/([^/]+)\//.exec(arn) : null;
  return [`${K.loadBalancer}:${m?.[1] ?? '*'}`];
};

/** SSM send_command: the instances its targets name (Key InstanceIds), else every instance. */
const commandTargets: Rule = (args) => {
  const targets = args.targets;
  if (!Array.isArray(targets) || targets.length === 0 || !targets.every((t) => isMapping(t) && t.Key === 'InstanceIds')) return [`${K.instance}:*`];
  const ids = targets.flatMap((t) => names((t as Record<string, unknown>).Values) ?? ['*']);
  return ids.map((id) => `${K.instance}:${id}`);
};

const both =
  (...rules: Rule[]): Rule =>
  (args) =>
    rules.flatMap((r) => r(args));
const fixed =
  (...locks: string[]): Rule =>
  () =>
    locks;

/** The actions of an Auto Scaling group's instances: the group, and any instance (which ones is chosen at run time). */
const asgInstances = both(by(K.asg, 'asg_names'), fixed(`${K.instance}:*`));

const RULES: Readonly<Record<string, Readonly<Record<string, Rule>>>> = {
  'chaosaws.ec2.actions': {
    stop_instance: by(K.instance, 'instance_id'),
    terminate_instance: by(K.instance, 'instance_id'),
    stop_instances: by(K.instance, 'instance_ids'),
    terminate_instances: by(K.instance, 'instance_ids'),
    start_instances: by(K.instance, 'instance_ids'),
    restart_instances: by(K.instance, 'instance_ids'),
    detach_random_volume: by(K.instance, 'instance_ids'),
    attach_volume: by(K.instance, 'instance_ids'),
    stop_instances_by_incremental_steps: fixed(`${K.instance}:*`),
    set_tags_on_instances: fixed(`${K.instance}:*`),
    remove_tags_from_instances: fixed(`${K.instance}:*`),
    authorize_security_group_ingress: by(K.securityGroup, 'requested_security_group_id'),
    revoke_security_group_ingress: by(K.securityGroup, 'requested_security_group_id'),
  },
  'chaosaws.rds.actions': {
    failover_db_cluster: (args) => [
      ...by(K.dbCluster, 'db_cluster_identifier')(args),
      ...(args.target_db_instance_identifier === undefined || args.target_db_instance_identifier === null
        ? []
        : by(K.dbInstance, 'target_db_instance_identifier')(args)),
    ],
    stop_db_cluster: by(K.dbCluster, 'db_cluster_identifier'),
    delete_db_cluster: by(K.dbCluster, 'db_cluster_identifier'),
    delete_db_cluster_endpoint: by(K.dbCluster, 'db_cluster_identifier'),
    reboot_db_instance: by(K.dbInstance, 'db_instance_identifier'),
    stop_db_instance: by(K.dbInstance, 'db_instance_identifier'),
    delete_db_instance: by(K.dbInstance, 'db_instance_identifier'),
  },
  'chaosaws.route53.actions': {
    associate_vpc_with_zone: by(K.hostedZone, 'zone_id'),
    disassociate_vpc_from_zone: by(K.hostedZone, 'zone_id'),
  },
  'chaosaws.awslambda.actions': Object.fromEntries([
    ...[
      'invoke_function',
      'put_function_concurrency',
      'delete_function_concurrency',
      'put_function_timeout',
      'put_function_memory_size',
      'add_layer',
      'remove_layer',
      'add_latency',
      'remove_latency',
      'add_error',
      'remove_error',
    ].map((f) => [f, by(K.function, 'function_name')]),
    ['delete_event_source_mapping', by(K.eventSourceMapping, 'event_uuid')],
    ['toggle_event_source_mapping_state', by(K.eventSourceMapping, 'event_uuid')],
  ]),
  'chaosaws.cloudwatch.actions': {
    put_metric_data: by(K.namespace, 'namespace'),
  },
  'chaosaws.ssm.actions': {
    create_document: by(K.document, 'name'),
    delete_document: by(K.document, 'name'),
    put_parameter: by(K.parameter, 'name'),
    send_command: commandTargets,
  },
  'chaosaws.asg.actions': {
    suspend_processes: by(K.asg, 'asg_names'),
    resume_processes: by(K.asg, 'asg_names'),
    change_subnets: by(K.asg, 'asg_names'),
    stop_random_instances: asgInstances,
    terminate_random_instances: asgInstances,
    detach_random_instances: asgInstances,
    detach_random_volume: asgInstances,
    attach_volume: asgInstances,
  },
  'chaosaws.elbv2.actions': {
    deregister_target: by(K.targetGroup, 'tg_name'),
    set_security_groups: by(K.loadBalancer, 'load_balancer_names'),
    set_subnets: by(K.loadBalancer, 'load_balancer_names'),
    delete_load_balancer: by(K.loadBalancer, 'load_balancer_names'),
    enable_access_log: loadBalancerFromArn,
  },
  'chaosaws.fis.actions': {
    // A template selects its targets (by tags, ids, percentages) when the experiment starts.
    start_experiment: fixed(ALL_AWS),
    stop_experiment: by(K.fisExperiment, 'experiment_id'),
    stop_experiments_by_tags: fixed(`${K.fisExperiment}:*`),
    start_stress_pod_delete_scenario: by(K.eksCluster, 'cluster_identifier'),
    start_availability_zone_power_interruption_scenario: fixed(ALL_AWS),
    restore_availability_zone_power_after_interruption: fixed(ALL_AWS),
  },
};

/**
 * The locks a call of `module.func` with these arguments takes; undefined for a function that is
 * not a chaosaws built-in action (probes, other modules: no lock).
 */
export function awsLocks(module: string, func: string, args: Args): string[] | undefined {
  const rule = RULES[module]?.[func];
  return rule ? [...new Set(rule(args))] : undefined;
}

/** The functions a lock is inferred for (documentation and tests). */
export function lockedFunctions(): string[] {
  return Object.entries(RULES).flatMap(([module, funcs]) => Object.keys(funcs).map((f) => `${module}.${f}`));
}
