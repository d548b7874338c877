// chaosaws.fis: AWS Fault Injection Service experiments and the two console scenarios chaosaws builds.
import { defineModule, type AwsCatalogEntry } from './define.js';

export const catalog: AwsCatalogEntry[] = [
  ...defineModule(
    'chaosaws.fis.actions',
    true,
    async () => ({ ...(await import('../functions/fis.js')), ...(await import('../functions/fis-scenarios.js')) }),
    {
      start_experiment: 'experiment_template_id, client_token=None, tags=None, configuration=None, secrets=None',
      stop_experiment: 'experiment_id, configuration=None, secrets=None',
      stop_experiments_by_tags: 'tags, delete_templates=False, configuration=None, secrets=None',
      start_stress_pod_delete_scenario:
        'label_selector, tags, role_arn, log_group_arn, cluster_identifier, namespace="default", service_account="default", client_token="", description="Delete one or more EKS pods", configuration=None, secrets=None',
      start_availability_zone_power_interruption_scenario:
        'az, tags="", role_arn="", autocreate_necessary_role=True, duration="PT30M", target_iam_roles=False, iam_roles=None, target_subnet=True, target_ebs_volumes=True, target_ec2_instances=True, target_asg=True, target_asg_ec2_instances=True, target_rds_cluster=True, target_easticache_cluster=True, log_group_arn="", client_token="", description="Affect multiple resource types in a single AZ to approximate power interruption", configuration=None, secrets=None',
      restore_availability_zone_power_after_interruption: 'tags=None, delete_roles_and_policies=True, delete_templates=True, configuration=None, secrets=None',
    },
  ),
  ...defineModule('chaosaws.fis.probes', false, () => import('../functions/fis.js'), {
    get_experiment: 'experiment_id, configuration=None, secrets=None',
  }),
];
