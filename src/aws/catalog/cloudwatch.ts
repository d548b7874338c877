// chaosaws.cloudwatch: alarm and metric probes, and publishing metric data. The EventBridge rule
// actions of chaosaws.cloudwatch.actions (put_rule, delete_rule, …) are not native: they need a
// client this project does not ship, so the registry reports them as unsupported.
import { defineModule, type AwsCatalogEntry } from './define.js';

export const catalog: AwsCatalogEntry[] = [
  ...defineModule('chaosaws.cloudwatch.actions', true, () => import('../functions/cloudwatch.js'), {
    put_metric_data: 'namespace, metric_data, configuration=None, secrets=None',
  }),
  ...defineModule('chaosaws.cloudwatch.probes', false, () => import('../functions/cloudwatch.js'), {
    get_alarm_state_value: 'alarm_name, configuration=None, secrets=None',
    get_metric_statistics:
      'namespace, metric_name, dimension_name=None, dimension_value=None, dimensions=None, duration=60, offset=0, statistic=None, extended_statistic=None, unit=None, configuration=None, secrets=None',
    get_metric_data:
      'namespace, metric_name, dimension_name=None, dimension_value=None, dimensions=None, statistic=None, duration=300, period=60, offset=0, unit=None, configuration=None, secrets=None',
  }),
];
