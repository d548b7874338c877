// Stop conditions: guard probes that, once outside their tolerance, stop the experiment (the
// running activity is stopped, the method ends, the rollbacks play). Two ways to declare them:
//   - chaostoolkit-addons' safeguards control, as its users write it:
//       controls: [{name, provider: {type: python, module: chaosaddons.controls.safeguards,
//                                    arguments: {probes: [...]}}}]
//     a probe with `frequency` (seconds) repeats from the start of the experiment, one with
//     `background: true` runs once alongside it, one with neither runs once before it, blocking;
//   - our extension, for users who do not write controls:
//       extensions: [{name: chaos-action, stop-conditions: [...], stop-conditions-frequency: 1}]
//     each probe repeats every `frequency` (its own) or `stop-conditions-frequency` seconds
//     (default 1 s), from the first method activity until the rollbacks begin.
import { isMapping } from '../python/values.js';
import type { Problem } from './diagnostics.js';
import { findExtension, parseDuration } from './objectives.js';
import { joinPointer } from './source-map.js';

export const SAFEGUARDS_MODULE = 'chaosaddons.controls.safeguards';
/** Seconds between two checks of an extension stop condition that does not say. */
export const DEFAULT_STOP_FREQUENCY = 1;
/** The shortest interval between two checks of one guard (a 0 would spin). */
export const MIN_STOP_FREQUENCY = 0.1;

export interface StopCondition {
  /** The probe as written (a ref entry stays one; the engine resolves it). */
  readonly probe: Record<string, unknown>;
  /** Where it sits in the file. */
  readonly pointer: string;
  /** `safeguards`: the chaostoolkit-addons control; `extension`: our stop-conditions. */
  readonly source: 'safeguards' | 'extension';
  /**
   * `repeat`: every `frequency` seconds; `background`: once, alongside; `before`: once, before the
   * experiment goes on (safeguards without frequency or background).
   */
  readonly mode: 'repeat' | 'background' | 'before';
  /** Seconds between two checks (repeat only). */
  readonly frequency: number;
  /** When it starts: with the experiment (safeguards) or with the method (extension). */
  readonly from: 'experiment' | 'method';
}

/** Is this control chaostoolkit-addons' safeguards (which chaos-action runs natively)? */
export function isSafeguardsControl(control: unknown): boolean {
  return isMapping(control) && isMapping(control.provider) && control.provider.module === SAFEGUARDS_MODULE;
}

/** The experiment's stop conditions, both kinds, in file order. Never throws. */
export function stopConditionsOf(experiment: Record<string, unknown>): StopCondition[] {
  return readStopConditions(experiment).conditions;
}

/** The stop conditions and what is wrong with them (positioned by JSON pointer). */
export function readStopConditions(experiment: Record<string, unknown>): { conditions: StopCondition[]; problems: Problem[] } {
  const conditions: StopCondition[] = [];
  const problems: Problem[] = [];
  if (Array.isArray(experiment.controls)) {
    experiment.controls.forEach((control, i) => {
      if (!isSafeguardsControl(control)) return;
      const pointer = `/controls/${i}/provider/arguments/probes`;
      const args = (control as { provider: Record<string, unknown> }).provider.arguments;
      const probes = isMapping(args) ? args.probes : undefined;
      if (!Array.isArray(probes) || probes.length === 0) {
        problems.push({
          severity: 'error',
          code: 'safeguards-probes',
          pointer: isMapping(args) && 'probes' in args ? pointer : `/controls/${i}/provider`,
          message: 'safeguard control must have at least one probe',
          hint: 'arguments: {probes: [{name, type: probe, provider, tolerance}]}',
        });
        return;
      }
      probes.forEach((probe, j) => {
        const at = joinPointer(pointer, String(j));
        if (!checkGuardProbe(probe, at, 'safeguard control', problems)) return;
        const p = probe as Record<string, unknown>;
        const frequency = p.frequency ? positiveSeconds(p.frequency, joinPointer(at, 'frequency'), problems) : undefined;
        const mode = p.frequency ? 'repeat' : p.background ? 'background' : 'before';
        conditions.push({ probe: p, pointer: at, source: 'safeguards', mode, frequency: frequency ?? 0, from: 'experiment' });
      });
    });
  }
  const found = findExtension(experiment);
  if (found) {
    const ext = found.value;
    const freqPointer = joinPointer(found.pointer, 'stop-conditions-frequency');
    const every = 'stop-conditions-frequency' in ext ? positiveSeconds(ext['stop-conditions-frequency'], freqPointer, problems) : undefined;
    if ('stop-conditions' in ext) {
      const pointer = joinPointer(found.pointer, 'stop-conditions');
      const list = ext['stop-conditions'];
      if (!Array.isArray(list)) {
        problems.push({
          severity: 'error',
          code: 'stop-conditions-shape',
          pointer,
          message: 'stop-conditions in the chaos-action extension must be a list of probes',
          hint: 'stop-conditions: [{name, type: probe, provider, tolerance}]',
        });
      } else {
        list.forEach((probe, j) => {
          const at = joinPointer(pointer, String(j));
          if (!checkGuardProbe(probe, at, 'stop condition', problems)) return;
          const p = probe as Record<string, unknown>;
          const own = 'frequency' in p ? positiveSeconds(p.frequency, joinPointer(at, 'frequency'), problems) : undefined;
          conditions.push({ probe: p, pointer: at, source: 'extension', mode: 'repeat', frequency: own ?? every ?? DEFAULT_STOP_FREQUENCY, from: 'method' });
        });
      }
    }
  }
  return { conditions, problems };
}

/** A guard is a probe with a name, a provider (or a ref) and a tolerance: chaostoolkit-addons' validate_probes. */
function checkGuardProbe(probe: unknown, pointer: string, what: string, problems: Problem[]): boolean {
  if (!isMapping(probe)) {
    problems.push({ severity: 'error', code: 'stop-condition-shape', pointer, message: `a ${what} is a probe (a mapping)` });
    return false;
  }
  const name = typeof probe.name === 'string' ? probe.name : typeof probe.ref === 'string' ? probe.ref : '';
  let ok = true;
  const error = (code: string, at: string, message: string, hint?: string, atKey?: boolean): void => {
    problems.push({ severity: 'error', code, pointer: at, message, ...(hint ? { hint } : {}), ...(atKey ? { atKey } : {}) });
    ok = false;
  };
  if (typeof probe.ref !== 'string') {
    if (typeof probe.name !== 'string' || !probe.name) error('stop-condition-name', pointer, `every ${what} probe needs a non-empty name`);
    if (probe.type !== 'probe')
      error(
        'stop-condition-type',
        'type' in probe ? joinPointer(pointer, 'type') : pointer,
        `${what} '${name}' should be of type 'probe' not '${String(probe.type ?? '')}'`,
        'a guard only reads: type: probe',
      );
    if (!isMapping(probe.provider) || !['http', 'process', 'python'].includes(String(probe.provider.type)))
      error(
        'stop-condition-provider',
        'provider' in probe ? joinPointer(pointer, 'provider') : pointer,
        `${what} '${name}' needs a provider of type http, process or python`,
      );
  }
  if (!('tolerance' in probe))
    error(
      'stop-condition-tolerance',
      pointer,
      `${what} is invalid as the probe '${name}' is missing a tolerance property`,
      'add the tolerance it must stay within, e.g. tolerance: 200',
    );
  if (probe.background !== undefined && typeof probe.background !== 'boolean')
    error('stop-condition-background', joinPointer(pointer, 'background'), 'background is true or false');
  return ok;
}

function positiveSeconds(value: unknown, pointer: string, problems: Problem[]): number | undefined {
  const seconds = parseDuration(value);
  if (seconds === undefined || !(seconds >= MIN_STOP_FREQUENCY)) {
    problems.push({
      severity: 'error',
      code: 'stop-condition-frequency',
      pointer,
      message: `frequency is ${JSON.stringify(value)}: expected seconds between two checks, at least ${MIN_STOP_FREQUENCY}`,
      hint: 'seconds as a number, or a string such as "500ms", "2s"',
    });
    return undefined;
  }
  return seconds;
}
