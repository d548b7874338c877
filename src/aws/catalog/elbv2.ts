// chaosaws.elbv2: application/network load balancer and target group faults and probes.
import { defineModule, type AwsCatalogEntry } from './define.js';

export const catalog: AwsCatalogEntry[] = [
  ...defineModule('chaosaws.elbv2.actions', true, () => import('../functions/elbv2.js'), {
    deregister_target: 'tg_name, configuration=None, secrets=None',
    set_security_groups: 'load_balancer_names, security_group_ids, configuration=None, secrets=None',
    set_subnets: 'load_balancer_names, subnet_ids, configuration=None, secrets=None',
    delete_load_balancer: 'load_balancer_names, configuration=None, secrets=None',
    enable_access_log: 'load_balancer_arn, enable=False, bucket_name=None, configuration=None, secrets=None',
  }),
  ...defineModule('chaosaws.elbv2.probes', false, () => import('../functions/elbv2.js'), {
    targets_health_count: 'tg_names, configuration=None, secrets=None',
    all_targets_healthy: 'tg_names, configuration=None, secrets=None',
    is_access_log_enabled: 'load_balancer_arn, configuration=None, secrets=None',
  }),
];
