// chaosaws.rds: DB instance and Aurora cluster faults (actions) and status probes.
import { defineModule, type AwsCatalogEntry } from './define.js';

export const catalog: AwsCatalogEntry[] = [
  ...defineModule('chaosaws.rds.actions', true, () => import('../functions/rds-actions.js'), {
    failover_db_cluster: 'db_cluster_identifier, target_db_instance_identifier=None, configuration=None, secrets=None',
    reboot_db_instance: 'db_instance_identifier, force_failover=False, configuration=None, secrets=None',
    stop_db_instance: 'db_instance_identifier, db_snapshot_identifier=None, configuration=None, secrets=None',
    stop_db_cluster: 'db_cluster_identifier, configuration=None, secrets=None',
    delete_db_instance:
      'db_instance_identifier, skip_final_snapshot=True, db_snapshot_identifier=None, delete_automated_backups=True, configuration=None, secrets=None',
    delete_db_cluster: 'db_cluster_identifier, skip_final_snapshot=True, db_snapshot_identifier=None, configuration=None, secrets=None',
    delete_db_cluster_endpoint: 'db_cluster_identifier, configuration=None, secrets=None',
  }),
  ...defineModule('chaosaws.rds.probes', false, () => import('../functions/rds-probes.js'), {
    instance_status: 'instance_id=None, filters=None, configuration=None, secrets=None',
    cluster_status: 'cluster_id=None, filters=None, configuration=None, secrets=None',
    cluster_membership_count: 'cluster_id, configuration=None, secrets=None',
  }),
];
