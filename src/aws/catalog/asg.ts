// chaosaws.asg: Auto Scaling group faults (actions) and health checks (probes).
import { defineModule, type AwsCatalogEntry } from './define.js';

export const catalog: AwsCatalogEntry[] = [
  ...defineModule('chaosaws.asg.actions', true, () => import('../functions/asg-actions.js'), {
    suspend_processes: 'asg_names=None, tags=None, process_names=None, configuration=None, secrets=None',
    resume_processes: 'asg_names=None, tags=None, process_names=None, configuration=None, secrets=None',
    stop_random_instances: 'asg_names=None, tags=None, instance_count=None, instance_percent=None, az=None, force=False, configuration=None, secrets=None',
    terminate_random_instances: 'asg_names=None, tags=None, instance_count=None, instance_percent=None, az=None, configuration=None, secrets=None',
    detach_random_instances:
      'asg_names=None, tags=None, instance_count=None, instance_percent=None, decrement_capacity=False, configuration=None, secrets=None',
    change_subnets: 'subnets, asg_names=None, tags=None, configuration=None, secrets=None',
    detach_random_volume: 'asg_names=None, tags=None, force=True, configuration=None, secrets=None',
    attach_volume: 'asg_names=None, tags=None, configuration=None, secrets=None',
  }),
  ...defineModule('chaosaws.asg.probes', false, () => import('../functions/asg-probes.js'), {
    desired_equals_healthy: 'asg_names, configuration=None, secrets=None',
    desired_equals_healthy_tags: 'tags, configuration=None, secrets=None',
    wait_desired_equals_healthy: 'asg_names, configuration=None, timeout=300, secrets=None',
    wait_desired_equals_healthy_tags: 'tags, timeout=300, configuration=None, secrets=None',
    is_scaling_in_progress: 'tags, configuration=None, secrets=None',
    process_is_suspended: 'asg_names=None, tags=None, process_names=None, configuration=None, secrets=None',
    has_subnets: 'subnets, asg_names=None, tags=None, configuration=None, secrets=None',
    describe_auto_scaling_groups: 'asg_names=None, tags=None, configuration=None, secrets=None',
    instance_count_by_health: 'asg_names=None, tags=None, count_healthy=True, configuration=None, secrets=None',
    wait_desired_not_equals_healthy_tags: 'tags, timeout=300, configuration=None, secrets=None',
  }),
];
