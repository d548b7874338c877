// Every chaosaws function chaos-action runs natively, and what validation says about the others.
// Importing this is cheap: the catalogs hold signatures and lazy loaders, no SDK code.
import type { AwsCatalogEntry } from './define.js';
import { catalog as asg } from './asg.js';
import { catalog as awslambda } from './awslambda.js';
import { catalog as cloudwatch } from './cloudwatch.js';
import { catalog as ec2 } from './ec2.js';
import { catalog as elbv2 } from './elbv2.js';
import { catalog as fis } from './fis.js';
import { catalog as rds } from './rds.js';
import { catalog as route53 } from './route53.js';
import { catalog as ssm } from './ssm.js';

export const AWS_CATALOG: readonly AwsCatalogEntry[] = [...ec2, ...rds, ...route53, ...awslambda, ...cloudwatch, ...ssm, ...asg, ...elbv2, ...fis];

/**
 * The activity modules chaostoolkit-aws 0.35 exports (chaosaws/__init__.py load_exported_activities,
 * plus fis.probes, which exists but is not listed there).
 */
const CHAOSAWS_MODULES: readonly string[] = [
  'chaosaws.ec2.actions',
  'chaosaws.ec2.probes',
  'chaosaws.ecs.actions',
  'chaosaws.ecs.probes',
  'chaosaws.iam.actions',
  'chaosaws.iam.probes',
  'chaosaws.eks.actions',
  'chaosaws.eks.probes',
  'chaosaws.elbv2.actions',
  'chaosaws.elbv2.probes',
  'chaosaws.asg.actions',
  'chaosaws.asg.probes',
  'chaosaws.awslambda.actions',
  'chaosaws.awslambda.probes',
  'chaosaws.cloudwatch.actions',
  'chaosaws.cloudwatch.probes',
  'chaosaws.rds.actions',
  'chaosaws.rds.probes',
  'chaosaws.elasticache.actions',
  'chaosaws.elasticache.probes',
  'chaosaws.emr.actions',
  'chaosaws.emr.probes',
  'chaosaws.route53.actions',
  'chaosaws.route53.probes',
  'chaosaws.ssm.actions',
  'chaosaws.fis.actions',
  'chaosaws.fis.probes',
  'chaosaws.s3.actions',
  'chaosaws.s3.probes',
  'chaosaws.msk.actions',
  'chaosaws.msk.probes',
  'chaosaws.xray.probes',
  'chaosaws.incidents.probes',
];

const builtInModules = new Set(AWS_CATALOG.map((e) => e.module));

/** chaosaws modules with no native function at all (ecs, eks, iam, elasticache, emr, s3, msk, …). */
export const NOT_BUILT_IN_MODULES: readonly string[] = CHAOSAWS_MODULES.filter((m) => !builtInModules.has(m));

export function findAwsEntry(module: string, func: string): AwsCatalogEntry | undefined {
  return AWS_CATALOG.find((e) => e.module === module && e.func === func);
}

/**
 * What validation says about a chaosaws function that is not built in (undefined for other
 * modules): it can still run, through the python3 bridge, where chaostoolkit-aws is installed.
 */
export function notBuiltInNote(module: string, func: string): string | undefined {
  if (module !== 'chaosaws' && !module.startsWith('chaosaws.')) return undefined;
  const why = NOT_BUILT_IN_MODULES.includes(module) ? ` (chaos-action has no native ${module.replace(/^chaosaws\./, '').split('.')[0]} functions)` : '';
  return `${module}.${func} is not built in${why}; it runs through the python3 bridge, only where chaostoolkit-aws is importable (the AWS guardrails and the dry-run plan do not apply to it)`;
}
