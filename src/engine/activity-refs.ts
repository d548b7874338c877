// Ref entries (`{"ref": "name"}`) in the method, the hypothesis and the rollbacks, resolved
// against the activities chaoslib's cache (caching.py) holds.
import { isMapping } from '../python/values.js';
import { UnexpectedActivityError } from './activity.js';

/**
 * A ref names a method activity or a hypothesis probe. chaoslib's cache (caching.py) stores the
 * method's activities, then the hypothesis probes, by name: the last one with the name wins.
 */
export function resolveRef(experiment: Record<string, unknown>, entry: Record<string, unknown>): Record<string, unknown> {
  if (typeof entry.ref !== 'string') return entry;
  const hypothesis = experiment['steady-state-hypothesis'];
  const candidates = [
    ...(Array.isArray(experiment.method) ? experiment.method : []),
    ...(isMapping(hypothesis) && Array.isArray(hypothesis.probes) ? hypothesis.probes : []),
  ].filter(isMapping);
  const found = candidates.findLast((a) => a.name === entry.ref && a.ref === undefined);
  if (!found) throw new UnexpectedActivityError(entry.ref, new Error(`could not find referenced activity '${entry.ref}'`));
  return found;
}
