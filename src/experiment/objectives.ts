// Recovery objectives and sampling settings, from the experiment's `chaos-action` extension:
//   extensions: [{name: chaos-action, objectives: {rto: "30s", rpo: "0s"}, sampling: {interval: "500ms"}}]
// Durations are seconds as numbers, or strings with ms, s, m or h. Checked with positions, like
// everything else in the file.
import type { Problem } from './diagnostics.js';
import { isMapping } from './python-values.js';
import { joinPointer } from './source-map.js';

export interface Objectives {
  /** Seconds. */
  readonly rto?: number;
  readonly rpo?: number;
}

export interface SamplingSettings {
  /** Seconds between the starts of two samples. */
  readonly interval: number;
  /** Seconds one sample may take before it counts as not met. */
  readonly timeout: number;
  /** Consecutive met samples that make a recovery. */
  readonly stable: number;
  /** Seconds after the fault after which sampling gives up (default: max(2 × RTO, 60 s)). */
  readonly window?: number;
}

export interface RecoverySettings {
  readonly objectives: Objectives;
  readonly sampling: SamplingSettings;
}

export const DEFAULT_SAMPLING: SamplingSettings = { interval: 0.5, timeout: 2, stable: 3 };

const DURATION = /^\s*(\d+(?:\.\d+)?)\s*(ms|s|m|h)?\s*$/;
const UNIT: Record<string, number> = { ms: 0.001, s: 1, m: 60, h: 3600 };

/** Seconds, from a number of seconds or "500ms", "30s", "5m", "1h"; undefined when malformed. */
export function parseDuration(value: unknown): number | undefined {
  if (typeof value === 'number') return Number.isFinite(value) && value >= 0 ? value : undefined;
  if (typeof value !== 'string') return undefined;
  const m = DURATION.exec(value);
  return m ? Number(m[1]) * (UNIT[m[2] ?? 's'] as number) : undefined;
}

export const EXTENSION_NAME = 'chaos-action';

/** The experiment's chaos-action extension, and where it is. */
export function findExtension(experiment: Record<string, unknown>): { value: Record<string, unknown>; pointer: string } | undefined {
  if (!Array.isArray(experiment.extensions)) return undefined;
  const index = experiment.extensions.findIndex((e) => isMapping(e) && e.name === EXTENSION_NAME);
  return index < 0 ? undefined : { value: experiment.extensions[index] as Record<string, unknown>, pointer: `/extensions/${index}` };
}

/**
 * The recovery settings of an experiment: its extension over the run's defaults (CLI flags or
 * action inputs). Problems are positioned by JSON pointer.
 */
export function recoverySettings(experiment: Record<string, unknown>, defaults: Objectives = {}): { settings: RecoverySettings; problems: Problem[] } {
  const problems: Problem[] = [];
  const found = findExtension(experiment);
  const objectives: { rto?: number; rpo?: number } = { ...defaults };
  const sampling: { interval: number; timeout: number; stable: number; window?: number } = { ...DEFAULT_SAMPLING };
  if (!found) return { settings: { objectives, sampling }, problems };
  const duration = (block: Record<string, unknown>, blockPointer: string, key: string): number | undefined => {
    if (!(key in block)) return undefined;
    const seconds = parseDuration(block[key]);
    if (seconds === undefined) {
      problems.push({ severity: 'error', code: 'extension-duration', pointer: joinPointer(blockPointer, key), message: `${key} is ${JSON.stringify(block[key])}: expected a duration`, hint: 'seconds as a number, or a string such as "500ms", "30s", "5m", "1h"' });
    }
    return seconds;
  };
  const known = (block: Record<string, unknown>, blockPointer: string, keys: string[]): void => {
    for (const key of Object.keys(block)) {
      if (!keys.includes(key)) problems.push({ severity: 'warning', code: 'extension-unknown-key', pointer: joinPointer(blockPointer, key), atKey: true, message: `unknown key "${key}" in the chaos-action extension; it is ignored`, hint: `known keys: ${keys.join(', ')}` });
    }
  };
  const ext = found.value;
  known(ext, found.pointer, ['name', 'objectives', 'sampling', 'canary']);
  for (const [key, target] of [['objectives', objectives], ['sampling', sampling]] as const) {
    if (!(key in ext)) continue;
    const block = ext[key];
    const pointer = joinPointer(found.pointer, key);
    if (!isMapping(block)) {
      problems.push({ severity: 'error', code: 'extension-shape', pointer, message: `${key} in the chaos-action extension must be a mapping` });
      continue;
    }
    if (key === 'objectives') {
      known(block, pointer, ['rto', 'rpo']);
      for (const k of ['rto', 'rpo'] as const) {
        const seconds = duration(block, pointer, k);
        if (seconds !== undefined) (target as typeof objectives)[k] = seconds;
      }
    } else {
      known(block, pointer, ['interval', 'timeout', 'stable', 'window']);
      for (const k of ['interval', 'timeout', 'window'] as const) {
        const seconds = duration(block, pointer, k);
        if (seconds !== undefined && seconds > 0) (target as typeof sampling)[k] = seconds;
        else if (seconds === 0) problems.push({ severity: 'error', code: 'extension-duration', pointer: joinPointer(pointer, k), message: `${k} must be more than 0` });
      }
      if ('stable' in block) {
        if (Number.isInteger(block.stable) && (block.stable as number) >= 1) sampling.stable = block.stable as number;
        else problems.push({ severity: 'error', code: 'extension-stable', pointer: joinPointer(pointer, 'stable'), message: `stable is ${JSON.stringify(block.stable)}: expected a whole number of samples, 1 or more` });
      }
    }
  }
  return { settings: { objectives, sampling }, problems };
}
