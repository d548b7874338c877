// Recovery objectives and sampling settings, from the experiment's `chaos-action` extension:
//   extensions: [{name: chaos-action, objectives: {rto: "30s", rpo: "0s"}, sampling: {interval: "500ms"}}]
// (`sampling: false` turns recovery sampling off for the experiment.)
// Durations are seconds as numbers, or strings with ms, s, m or h. Checked with positions, like
// everything else in the file.
import type { Problem } from './diagnostics.js';
import { isMapping } from '../python/values.js';
import { joinPointer } from './source-map.js';

export interface Objectives {
  /** Seconds. */
  readonly rto?: number;
  readonly rpo?: number;
}

export interface SamplingSettings {
  /**
   * Seconds between the starts of two samples. Not given: 0.5 s, or longer when the recovery
   * window would take more than SAMPLE_BUDGET samples (window / SAMPLE_BUDGET).
   */
  readonly interval: number;
  /** Seconds one sample (all its probes) may take before it counts as not met. */
  readonly timeout: number;
  /** Consecutive met samples that make a recovery. */
  readonly stable: number;
  /** Seconds after the fault after which sampling gives up (default: max(2 × RTO, 60 s)). */
  readonly window?: number;
}

export interface RecoverySettings {
  readonly objectives: Objectives;
  readonly sampling: SamplingSettings;
  /** The experiment turned recovery sampling off (`sampling: false`): RTO is not measured. */
  readonly samplingOff?: true;
  /** The durability canary (observed RPO), when the extension declares one. */
  readonly canary?: CanarySettings;
}

/**
 * The durability canary: each tick it writes a record (`${canary_run}`, `${canary_seq}`,
 * `${canary_ts}`) with an http or process provider, or into PostgreSQL; after recovery it reads
 * back what survived (retrying, each attempt bounded by the timeout, for up to `readWindow`).
 */
export type CanarySettings = (
  | { readonly kind: 'providers'; readonly write: Record<string, unknown>; readonly read: Record<string, unknown> }
  | { readonly kind: 'postgres'; readonly url: unknown }
) & {
  /** Seconds between two writes (at least MIN_CANARY_INTERVAL). */
  readonly interval: number;
  /** Seconds one write (or one attempt to read) may take. */
  readonly timeout: number;
  /**
   * Seconds, from when the read of the survivors starts, during which a failing read is tried
   * again: the recovery window (see recoveryWindow).
   */
  readonly readWindow: number;
};

/**
 * Names the canary sets for its providers: `canary_run` (this run's id, for write and read: a
 * store shared by several runs keeps and returns only this run's records), `canary_seq` and
 * `canary_ts` (each write).
 */
export const CANARY_VARIABLES = ['canary_run', 'canary_seq', 'canary_ts'] as const;
const DEFAULT_CANARY = { interval: 0.5, timeout: 2 } as const;
/** Seconds: a shorter canary interval is refused (a write every tick would flood the store). */
const MIN_CANARY_INTERVAL = 0.05;

const DEFAULT_SAMPLING: SamplingSettings = { interval: 0.5, timeout: 2, stable: 3 };

/**
 * The most samples the recovery sampler takes in one experiment; each sends at most one request
 * per distinct hypothesis probe (a probe several refs name is run once per sample). 120 samples
 * cover the default 60 s window at the default 0.5 s interval, and are what Chaos Toolkit's own
 * `continuously` strategy sends in two minutes at its default frequency (1 s). A longer window
 * without an explicit interval is sampled every window / 120 seconds; with an explicit interval,
 * sampling stops when the budget is spent (and the report says so).
 */
export const SAMPLE_BUDGET = 120;

/**
 * Seconds the recovery is watched for: the sampling window, by default the larger of twice the
 * RTO objective and 60 s. The sampler gives up after it (from the fault); the canary's read of
 * the survivors retries for as long (from when the read starts).
 */
export function recoveryWindow(objectives: Objectives, sampling: SamplingSettings): number {
  return sampling.window ?? Math.max(2 * (objectives.rto ?? 0), 60);
}

const DURATION = /^\s*(\d+(?:\.\d+)?)\s*(ms|s|m|h)?\s*$/;
const UNIT: Record<string, number> = { ms: 0.001, s: 1, m: 60, h: 3600 };

/** Seconds, from a number of seconds or "500ms", "30s", "5m", "1h"; undefined when malformed. */
export function parseDuration(value: unknown): number | undefined {
  if (typeof value === 'number') return Number.isFinite(value) && value >= 0 ? value : undefined;
  if (typeof value !== 'string') return undefined;
  const m = DURATION.exec(value);
  return m ? Number(m[1]) * (UNIT[m[2] ?? 's'] as number) : undefined;
}

const EXTENSION_NAME = 'chaos-action';

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
  let canary: CanarySettings | undefined;
  let samplingOff = false;
  if (!found) return { settings: { objectives, sampling: withDefaultInterval(sampling, objectives, false) }, problems };
  const duration = (block: Record<string, unknown>, blockPointer: string, key: string): number | undefined => {
    if (!(key in block)) return undefined;
    const seconds = parseDuration(block[key]);
    if (seconds === undefined) {
      problems.push({
        severity: 'error',
        code: 'extension-duration',
        pointer: joinPointer(blockPointer, key),
        message: `${key} is ${JSON.stringify(block[key])}: expected a duration`,
        hint: 'seconds as a number, or a string such as "500ms", "30s", "5m", "1h"',
      });
    }
    return seconds;
  };
  const known = (block: Record<string, unknown>, blockPointer: string, keys: string[]): void => {
    for (const key of Object.keys(block)) {
      if (!keys.includes(key))
        problems.push({
          severity: 'warning',
          code: 'extension-unknown-key',
          pointer: joinPointer(blockPointer, key),
          atKey: true,
          message: `unknown key "${key}" in the chaos-action extension; it is ignored`,
          hint: `known keys: ${keys.join(', ')}`,
        });
    }
  };
  const ext = found.value;
  known(ext, found.pointer, ['name', 'objectives', 'sampling', 'canary', 'guardrails', 'locks', 'exclusive', 'stop-conditions', 'stop-conditions-frequency']);
  for (const [key, target] of [
    ['objectives', objectives],
    ['sampling', sampling],
  ] as const) {
    if (!(key in ext)) continue;
    const block = ext[key];
    const pointer = joinPointer(found.pointer, key);
    if (key === 'sampling' && typeof block === 'boolean') {
      samplingOff = !block;
      continue;
    }
    if (!isMapping(block)) {
      problems.push({
        severity: 'error',
        code: 'extension-shape',
        pointer,
        message: `${key} in the chaos-action extension must be a mapping${key === 'sampling' ? ', or false to turn recovery sampling off' : ''}`,
      });
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
        else if (seconds === 0)
          problems.push({ severity: 'error', code: 'extension-duration', pointer: joinPointer(pointer, k), message: `${k} must be more than 0` });
      }
      if ('stable' in block) {
        if (Number.isInteger(block.stable) && (block.stable as number) >= 1) sampling.stable = block.stable as number;
        else
          problems.push({
            severity: 'error',
            code: 'extension-stable',
            pointer: joinPointer(pointer, 'stable'),
            message: `stable is ${JSON.stringify(block.stable)}: expected a whole number of samples, 1 or more`,
          });
      }
    }
  }
  if ('canary' in ext)
    canary = canarySettings(ext.canary, joinPointer(found.pointer, 'canary'), recoveryWindow(objectives, sampling), problems, duration, known);
  const declared = ext.objectives;
  if (samplingOff && isMapping(declared) && 'rto' in declared) {
    problems.push({
      severity: 'warning',
      code: 'rto-without-sampling',
      pointer: joinPointer(joinPointer(found.pointer, 'objectives'), 'rto'),
      message: 'an RTO objective with recovery sampling off cannot be measured: the report will show it not measured',
      hint: 'remove sampling: false from this extension, or the objective',
    });
  }
  if (!('canary' in ext) && isMapping(declared) && 'rpo' in declared) {
    problems.push({
      severity: 'warning',
      code: 'rpo-without-canary',
      pointer: joinPointer(joinPointer(found.pointer, 'objectives'), 'rpo'),
      message: 'an RPO objective without a durability canary cannot be measured: the report will show it unmeasured',
      hint: 'add canary: {write: …, read: …} or canary: {postgres: {url: …}} to this extension',
    });
  }
  const intervalGiven = isMapping(ext.sampling) && 'interval' in ext.sampling;
  return {
    settings: {
      objectives,
      sampling: withDefaultInterval(sampling, objectives, intervalGiven),
      ...(samplingOff ? { samplingOff: true as const } : {}),
      ...(canary ? { canary } : {}),
    },
    problems,
  };
}

/** An interval not given is stretched so that the whole recovery window fits in SAMPLE_BUDGET samples. */
function withDefaultInterval(sampling: SamplingSettings, objectives: Objectives, given: boolean): SamplingSettings {
  if (given) return sampling;
  const interval = Math.max(sampling.interval, recoveryWindow(objectives, sampling) / SAMPLE_BUDGET);
  return interval === sampling.interval ? sampling : { ...sampling, interval };
}

type DurationReader = (block: Record<string, unknown>, pointer: string, key: string) => number | undefined;
type KnownKeys = (block: Record<string, unknown>, pointer: string, keys: string[]) => void;

/** The canary block: write and read providers (http or process), or postgres: {url}. */
function canarySettings(
  block: unknown,
  pointer: string,
  readWindow: number,
  problems: Problem[],
  duration: DurationReader,
  known: KnownKeys,
): CanarySettings | undefined {
  const shape = 'canary: {write: <http or process provider>, read: <provider>, interval: "200ms"}, or canary: {postgres: {url: "${db_url}"}}';
  if (!isMapping(block)) {
    problems.push({ severity: 'error', code: 'canary-shape', pointer, message: 'canary in the chaos-action extension must be a mapping', hint: shape });
    return undefined;
  }
  known(block, pointer, ['write', 'read', 'postgres', 'interval', 'timeout']);
  const timing: { interval: number; timeout: number; readWindow: number } = { ...DEFAULT_CANARY, readWindow };
  for (const key of ['interval', 'timeout'] as const) {
    const seconds = duration(block, pointer, key);
    if (key === 'interval' && seconds !== undefined && seconds < MIN_CANARY_INTERVAL) {
      problems.push({
        severity: 'error',
        code: 'canary-interval',
        pointer: joinPointer(pointer, key),
        message: `interval is ${JSON.stringify(block[key])}: the canary writes at most every ${MIN_CANARY_INTERVAL * 1000} ms`,
        hint: `a duration of "${MIN_CANARY_INTERVAL * 1000}ms" or more, such as "200ms": each tick writes one record, and the report keeps every write`,
      });
    } else if (seconds !== undefined && seconds > 0) timing[key] = seconds;
    else if (seconds === 0)
      problems.push({ severity: 'error', code: 'extension-duration', pointer: joinPointer(pointer, key), message: `${key} must be more than 0` });
  }
  const hasProviders = 'write' in block || 'read' in block;
  if ('postgres' in block) {
    if (hasProviders) {
      problems.push({
        severity: 'error',
        code: 'canary-shape',
        pointer,
        message: 'the canary has both postgres and write/read: give one or the other',
        hint: shape,
      });
      return undefined;
    }
    const pgBlock = block.postgres;
    const pgPointer = joinPointer(pointer, 'postgres');
    if (!isMapping(pgBlock) || typeof pgBlock.url !== 'string' || pgBlock.url.trim() === '') {
      problems.push({
        severity: 'error',
        code: 'canary-postgres',
        pointer: isMapping(pgBlock) && 'url' in pgBlock ? joinPointer(pgPointer, 'url') : pgPointer,
        message: 'the PostgreSQL canary needs a connection URL: postgres: {url: "postgres://user@host:5432/db"}',
        hint: 'a ${name} from the configuration or secrets keeps the password out of the file',
      });
      return undefined;
    }
    known(pgBlock, pgPointer, ['url']);
    if (literalPassword(pgBlock.url)) {
      problems.push({
        severity: 'warning',
        code: 'canary-password',
        pointer: joinPointer(pgPointer, 'url'),
        message: 'the password is written in the experiment file, which is copied into the journal',
        hint: 'take it from a secret (${db_url}) or PGPASSWORD',
      });
    }
    return { kind: 'postgres', url: pgBlock.url, ...timing };
  }
  if (!hasProviders) {
    problems.push({ severity: 'error', code: 'canary-shape', pointer, message: 'the canary needs write and read providers, or postgres', hint: shape });
    return undefined;
  }
  const write = canaryProvider(block, pointer, 'write', problems);
  const read = canaryProvider(block, pointer, 'read', problems);
  return write && read ? { kind: 'providers', write, read, ...timing } : undefined;
}

function canaryProvider(block: Record<string, unknown>, pointer: string, key: 'write' | 'read', problems: Problem[]): Record<string, unknown> | undefined {
  const at = joinPointer(pointer, key);
  const role =
    key === 'write'
      ? 'writes one record each tick (with ${canary_seq} and ${canary_ts}, and ${canary_run}: the id of this run, to keep its records apart from those of other runs)'
      : 'returns the sequence numbers of this run (${canary_run}) that survived, as a JSON list in the body or on stdout';
  const provider = block[key];
  const fail = (message: string, where = at, hint = `{type: http, url: …} or {type: process, path: …}: it ${role}`): undefined => {
    problems.push({ severity: 'error', code: 'canary-provider', pointer: where, message, hint });
    return undefined;
  };
  if (!(key in block)) return fail(`the canary has no ${key} provider`, pointer);
  if (!isMapping(provider)) return fail(`canary.${key} must be a provider mapping`);
  if (!('type' in provider) && isMapping(provider.provider)) return fail(`canary.${key} is an activity: give its provider (type, url or path, …) directly`);
  if (provider.type !== 'http' && provider.type !== 'process')
    return fail(
      `canary.${key} ${'type' in provider ? `has type ${JSON.stringify(provider.type)}` : 'has no type'}: the canary runs http or process providers`,
      'type' in provider ? joinPointer(at, 'type') : at,
    );
  const required = provider.type === 'http' ? 'url' : 'path';
  if (typeof provider[required] !== 'string' || provider[required] === '')
    return fail(
      `canary.${key} is ${provider.type === 'http' ? 'an http' : 'a process'} provider without a ${required}`,
      required in provider ? joinPointer(at, required) : at,
    );
  return provider;
}

/**
 * A URL with a password written in it (`postgres://user:secret@host/db`), not one taken from a
 * `${name}`: the experiment file is copied into the journal.
 */
function literalPassword(url: string): boolean {
  const m = /^[a-z][a-z0-9+.-]*:\/\/([^/?#]*)@/i.exec(url.trim());
  const userinfo = m?.[1];
  if (userinfo === undefined) return false;
  const colon = userinfo.indexOf(':');
  if (colon < 0) return false;
  const password = userinfo.slice(colon + 1);
  return password !== '' && !password.includes('${');
}

/** The canary's process providers: their programs must exist when the experiment is validated. */
export function canaryProcesses(experiment: Record<string, unknown>): { pointer: string; path: string; role: 'write' | 'read' }[] {
  const found = findExtension(experiment);
  const canary = found?.value.canary;
  if (!found || !isMapping(canary)) return [];
  return (['write', 'read'] as const).flatMap((role) => {
    const provider = canary[role];
    if (!isMapping(provider) || provider.type !== 'process' || typeof provider.path !== 'string' || provider.path === '') return [];
    return [{ pointer: joinPointer(joinPointer(joinPointer(found.pointer, 'canary'), role), 'path'), path: provider.path, role }];
  });
}

/** The canary's fields that are substituted when it runs, for "undefined ${name}" warnings. */
export function canaryTemplates(experiment: Record<string, unknown>): { pointer: string; value: unknown }[] {
  const found = findExtension(experiment);
  const canary = found?.value.canary;
  if (!found || !isMapping(canary)) return [];
  const pointer = joinPointer(found.pointer, 'canary');
  const out: { pointer: string; value: unknown }[] = [];
  if (isMapping(canary.postgres) && 'url' in canary.postgres)
    out.push({ pointer: joinPointer(joinPointer(pointer, 'postgres'), 'url'), value: canary.postgres.url });
  for (const key of ['write', 'read']) {
    const provider = canary[key];
    if (!isMapping(provider) || provider.type !== 'http') continue;
    for (const field of ['url', 'headers', 'arguments'])
      if (field in provider) out.push({ pointer: joinPointer(joinPointer(pointer, key), field), value: provider[field] });
  }
  return out;
}
