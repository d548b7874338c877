// Every activity an experiment holds, with where it sits and what role it plays there.
import { isMapping } from '../python/values.js';
import { joinPointer } from './source-map.js';
import { stopConditionsOf } from './stop-conditions.js';

type Role = 'hypothesis' | 'method' | 'rollback' | 'tolerance' | 'dynamic-configuration' | 'guard';

export interface ActivityEntry {
  readonly role: Role;
  readonly pointer: string;
  readonly value: Record<string, unknown>;
}

export function listActivities(experiment: Record<string, unknown>): ActivityEntry[] {
  const out: ActivityEntry[] = [];
  const push = (role: Role, pointer: string, value: unknown): void => {
    if (!isMapping(value)) return;
    out.push({ role, pointer, value });
    if ((role === 'hypothesis' || role === 'guard') && isMapping(value.tolerance) && value.tolerance.type === 'probe') {
      out.push({ role: 'tolerance', pointer: joinPointer(pointer, 'tolerance'), value: value.tolerance });
    }
  };
  const hypothesis = experiment['steady-state-hypothesis'];
  if (isMapping(hypothesis) && Array.isArray(hypothesis.probes)) {
    hypothesis.probes.forEach((p, i) => {
      push('hypothesis', `/steady-state-hypothesis/probes/${i}`, p);
    });
  }
  if (Array.isArray(experiment.method)) {
    experiment.method.forEach((a, i) => {
      push('method', `/method/${i}`, a);
    });
  }
  if (Array.isArray(experiment.rollbacks)) {
    experiment.rollbacks.forEach((a, i) => {
      push('rollback', `/rollbacks/${i}`, a);
    });
  }
  if (isMapping(experiment.configuration)) {
    for (const [key, value] of Object.entries(experiment.configuration)) {
      if (isMapping(value) && value.type === 'probe') push('dynamic-configuration', joinPointer('/configuration', key), value);
    }
  }
  // Stop conditions (the safeguards control's probes, the extension's stop-conditions).
  for (const condition of stopConditionsOf(experiment)) push('guard', condition.pointer, condition.probe);
  return out;
}

/** Activities a `ref` can name: method activities and hypothesis probes (the latter win on a clash). */
export function refTargets(activities: readonly ActivityEntry[]): Map<string, ActivityEntry> {
  const targets = new Map<string, ActivityEntry>();
  for (const role of ['method', 'hypothesis'] as const) {
    for (const a of activities) {
      if (a.role === role && typeof a.value.name === 'string' && a.value.ref === undefined) targets.set(a.value.name, a);
    }
  }
  return targets;
}

/** The activity a ref entry stands for, or the entry itself. */
export function resolveRef(entry: ActivityEntry, targets: ReadonlyMap<string, ActivityEntry>): ActivityEntry | undefined {
  const ref = entry.value.ref;
  return typeof ref === 'string' ? targets.get(ref) : entry;
}
