// Chaos Toolkit controls (chaoslib/control/__init__.py): which python control plug-ins an
// experiment declares, and which of them apply at each level and in which order. Pure: the engine
// calls their hooks through a control session (src/engine/controls.ts), the python bridge runs them
// (src/providers/python-controls.ts). chaostoolkit-addons' safeguards control is not among them:
// it runs natively (stop-conditions.ts).
import { isMapping, pythonTruthy } from '../python/values.js';
import { isSafeguardsControl } from './stop-conditions.js';

export type ControlLevel = 'experiment' | 'hypothesis' | 'method' | 'rollback' | 'activity';
export type ControlScope = 'before' | 'after';

/** A control as declared (`{name, provider: {type, module, arguments}, scope?, automatic?}`), or a `{ref}`. */
export type Control = Readonly<Record<string, unknown>>;

/** The activities whose own controls count (chaoslib get_all_activities): hypothesis probes, method, rollbacks. */
function allActivities(experiment: Readonly<Record<string, unknown>>): Record<string, unknown>[] {
  const hypothesis = experiment['steady-state-hypothesis'];
  const lists = [isMapping(hypothesis) ? hypothesis.probes : undefined, experiment.method, experiment.rollbacks];
  return lists.flatMap((l) => (Array.isArray(l) ? l.filter(isMapping) : []));
}

const controlsOf = (holder: unknown): Control[] => (isMapping(holder) && Array.isArray(holder.controls) ? holder.controls.filter(isMapping) : []);

/**
 * Every control the experiment declares (chaoslib get_controls): its own, its hypothesis', then
 * each activity's, in that order.
 */
export function declaredControls(experiment: Readonly<Record<string, unknown>>): Control[] {
  return [...controlsOf(experiment), ...controlsOf(experiment['steady-state-hypothesis']), ...allActivities(experiment).flatMap(controlsOf)];
}

/** A control that the python bridge runs: a python provider, not the natively run safeguards. */
export function isPythonControl(control: Control): boolean {
  return isMapping(control.provider) && control.provider.type === 'python' && !isSafeguardsControl(control);
}

/**
 * The experiment's controls that are configured (and cleaned up) once each, by name, first seen
 * first (chaoslib initialize_controls / cleanup_controls).
 */
export function controlsToConfigure(experiment: Readonly<Record<string, unknown>>): Control[] {
  const seen = new Set<string>();
  const out: Control[] = [];
  for (const c of declaredControls(experiment)) {
    const name = c.name;
    if (typeof name !== 'string' || !name || seen.has(name)) continue;
    seen.add(name);
    if (isPythonControl(c)) out.push(c);
  }
  return out;
}

/**
 * The controls that apply at `level` on `context`, in the order their hooks run (chaoslib
 * get_context_controls, mirrored exactly, duplicates and all): global controls, the context's own,
 * and the experiment's `automatic` ones merged in front. Then `scope` filters them, and only
 * python controls other than safeguards remain.
 */
export function controlsAt(
  level: ControlLevel,
  scope: ControlScope,
  experiment: Readonly<Record<string, unknown>>,
  context: Readonly<Record<string, unknown>>,
  globals: readonly Control[],
): Control[] {
  return contextControls(level, experiment, context, globals).filter((c) => (!pythonTruthy(c.scope ?? null) || c.scope === scope) && isPythonControl(c));
}

function contextControls(
  level: ControlLevel,
  experiment: Readonly<Record<string, unknown>>,
  context: Readonly<Record<string, unknown>>,
  globals: readonly Control[],
): Control[] {
  const top = controlsOf(experiment);
  const controls: Control[] = [...globals, ...controlsOf(context)];
  if (top.length === 0) return controls;
  const automatic = top.filter(isAutomatic);
  if (controls.length === 0) return automatic;
  if (level === 'method' || level === 'rollback') return automatic;
  for (const c of [...controls]) {
    if ('ref' in c) {
      const found = top.find((t) => c.ref === t.name);
      if (found) controls.push(found);
    } else {
      for (const t of [...top].reverse()) {
        if (c.name === t.name) continue;
        if (level !== 'experiment' && isAutomatic(t)) controls.unshift(t);
      }
    }
  }
  return controls;
}

/** chaoslib: `c.get("automatic", True)`, read as Python reads a truth value. */
const isAutomatic = (c: Control): boolean => !('automatic' in c) || pythonTruthy(c.automatic);

/** The python hook a level and scope call (chaoslib/control/python.py _level_mapping). */
export function hookName(level: ControlLevel, scope: ControlScope): string {
  return `${scope}_${level}_control`;
}
