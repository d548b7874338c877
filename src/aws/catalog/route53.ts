// chaosaws.route53: private hosted zone VPC associations (actions), zone, health check and DNS probes.
import { defineModule, type AwsCatalogEntry } from './define.js';

export const catalog: AwsCatalogEntry[] = [
  ...defineModule('chaosaws.route53.actions', true, () => import('../functions/route53.js'), {
    associate_vpc_with_zone: 'zone_id, vpc_id, vpc_region, comment=None, configuration=None, secrets=None',
    disassociate_vpc_from_zone: 'zone_id, vpc_id, vpc_region, comment=None, configuration=None, secrets=None',
  }),
  ...defineModule('chaosaws.route53.probes', false, () => import('../functions/route53.js'), {
    get_hosted_zone: 'zone_id, configuration=None, secrets=None',
    get_health_check_status: 'check_id, configuration=None, secrets=None',
    get_dns_answer: 'zone_id, record_name, record_type, configuration=None, secrets=None',
  }),
];
