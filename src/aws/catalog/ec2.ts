// chaosaws.ec2: instance, volume, tag and security-group faults (actions) and instance probes.
import { defineModule, type AwsCatalogEntry } from './define.js';

export const catalog: AwsCatalogEntry[] = [
  ...defineModule(
    'chaosaws.ec2.actions',
    true,
    async () => ({ ...(await import('../functions/ec2-actions.js')), ...(await import('../functions/ec2-volumes.js')) }),
    {
      stop_instance: 'instance_id=None, az=None, force=False, filters=None, configuration=None, secrets=None',
      stop_instances: 'instance_ids=None, az=None, filters=None, force=False, configuration=None, secrets=None',
      terminate_instances: 'instance_ids=None, az=None, filters=None, configuration=None, secrets=None',
      terminate_instance: 'instance_id=None, az=None, filters=None, configuration=None, secrets=None',
      start_instances: 'instance_ids=None, az=None, filters=None, configuration=None, secrets=None',
      restart_instances: 'instance_ids=None, az=None, filters=None, configuration=None, secrets=None',
      detach_random_volume: 'instance_ids=None, filters=None, force=True, configuration=None, secrets=None',
      attach_volume: 'instance_ids=None, filters=None, configuration=None, secrets=None',
      stop_instances_by_incremental_steps: 'volume, step_quantity, step_duration, az=None, tags=None, force=False, configuration=None, secrets=None',
      set_tags_on_instances: 'tags, percentage=100, az=None, filters=None, configuration=None, secrets=None',
      remove_tags_from_instances: 'tags, az=None, configuration=None, secrets=None',
      authorize_security_group_ingress:
        'requested_security_group_id, ip_protocol, from_port, to_port, ingress_security_group_id=None, cidr_ip=None, configuration=None, secrets=None',
      revoke_security_group_ingress:
        'requested_security_group_id, ip_protocol, from_port, to_port, ingress_security_group_id=None, cidr_ip=None, configuration=None, secrets=None',
    },
  ),
  ...defineModule('chaosaws.ec2.probes', false, () => import('../functions/ec2-probes.js'), {
    describe_instances: 'filters, configuration=None, secrets=None',
    count_instances: 'filters, configuration=None, secrets=None',
    instance_state: 'state, instance_ids=None, filters=None, configuration=None, secrets=None',
    count_min_instances: 'filters, min_count=0, configuration=None, secrets=None',
  }),
];
