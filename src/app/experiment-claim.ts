// What one experiment holds while it runs in parallel with others: the locks its chaos-action
// extension declares, the locks inferred from the chaosaws built-in actions of its method and
// rollbacks (their arguments substituted with the static configuration; a value known only at
// run time, from dynamic configuration or a secret, locks the whole kind), and whether it is
// exclusive. An action marked unguarded (it holds the AWS credentials outside the guardrails) locks
// all of AWS; other process, http and python activities get no inferred lock.
import { ALL_AWS, awsLocks } from '../aws/locks.js';
import { unguardedReason } from '../experiment/unguarded.js';
import { listActivities, refTargets, resolveRef } from '../experiment/activities.js';
import { declaredLocks } from '../experiment/locks.js';
import { substitute, substitutionScope } from '../experiment/substitution.js';
import { isMapping } from '../python/values.js';
import type { Claim } from './scheduler.js';

export interface ExperimentClaim extends Claim {
  readonly declared: readonly string[];
  readonly inferred: readonly string[];
}

export interface ClaimInput {
  readonly experiment: Record<string, unknown>;
  /** The configuration as loaded (dynamic entries still unresolved). */
  readonly configuration: Readonly<Record<string, unknown>>;
  /** Keys of the configuration resolved at run time (`type: probe`). */
  readonly dynamicConfiguration: readonly string[];
}

export function experimentClaim({ experiment, configuration, dynamicConfiguration }: ClaimInput): ExperimentClaim {
  const declared = declaredLocks(experiment).value;
  // Secrets never become lock names (they could be printed); dynamic values are not known yet.
  const staticConfiguration = Object.fromEntries(Object.entries(configuration).filter(([k]) => !dynamicConfiguration.includes(k)));
  const scope = substitutionScope(staticConfiguration, {});
  const activities = listActivities(experiment);
  const targets = refTargets(activities);
  const inferred = new Set<string>();
  for (const entry of activities) {
    if (entry.role !== 'method' && entry.role !== 'rollback') continue;
    const activity = resolveRef(entry, targets)?.value;
    // A marked action holds the AWS credentials outside the guardrails (the AWS CLI, a chaosaws
    // function that is not built in): what it touches is unknown, so it locks all of AWS.
    if (activity && activity.type === 'action' && unguardedReason(activity) !== undefined) {
      inferred.add(ALL_AWS);
      continue;
    }
    const provider = activity?.provider;
    if (!isMapping(provider) || provider.type !== 'python' || typeof provider.module !== 'string' || typeof provider.func !== 'string') continue;
    const args = substitute(provider.arguments ?? {}, scope);
    for (const lock of awsLocks(provider.module, provider.func, isMapping(args) ? args : {}) ?? []) inferred.add(lock);
  }
  const locks = [...new Set([...declared.locks, ...inferred])];
  return { locks, exclusive: declared.exclusive, declared: declared.locks, inferred: [...inferred] };
}
