// The experiment's configuration block resolved as chaoslib's load_configuration does it:
// literal values, env lookups with default and env_var_type, and --var overrides of declared keys.
// Dynamic `type: probe` entries are listed for the engine to run after secrets are loaded.
import { isMapping } from '../python/values.js';
import type { Problem } from './diagnostics.js';
import { ConversionError, convertToType } from './convert.js';
import { joinPointer } from './source-map.js';

export type Env = Readonly<Record<string, string | undefined>>;

export interface ConfigurationResult {
  readonly values: Record<string, unknown>;
  /** Keys declared as `{type: probe, …}`: resolved by the engine, in declaration order. */
  readonly dynamic: string[];
  readonly problems: Problem[];
}

export function loadConfiguration(declared: unknown, vars: Readonly<Record<string, unknown>>, env: Env): ConfigurationResult {
  const values: Record<string, unknown> = {};
  const dynamic: string[] = [];
  const problems: Problem[] = [];
  if (!isMapping(declared)) return { values, dynamic, problems };
  for (const [key, declaredValue] of Object.entries(declared)) {
    const pointer = joinPointer('/configuration', key);
    // A var (or var-file entry) replaces the declaration itself, so it may be an env definition too.
    const fromVar = Object.hasOwn(vars, key);
    const value = fromVar ? vars[key] : declaredValue;
    if (isMapping(value) && value.type === 'probe') {
      dynamic.push(key);
      values[key] = value;
      continue;
    }
    if (!(isMapping(value) && value.type === 'env')) {
      values[key] = value;
      continue;
    }
    const envKey = value.key;
    if (typeof envKey !== 'string' || envKey === '') continue; // the schema reports it
    const present = env[envKey] !== undefined;
    if (!present && !Object.hasOwn(value, 'default')) {
      problems.push({
        severity: 'error',
        code: 'configuration-env-missing',
        pointer: fromVar ? pointer : joinPointer(pointer, 'key'),
        message: `environment variable ${envKey} is not set (configuration key ${key})`,
        hint: `set ${envKey} in the environment, give the entry a "default", or pass --var ${key}=VALUE`,
      });
      continue;
    }
    try {
      values[key] = convertToType(value.env_var_type as string | undefined, present ? env[envKey] : value.default);
    } catch (e) {
      if (!(e instanceof ConversionError)) throw e;
      problems.push({
        severity: 'error',
        code: 'configuration-env-type',
        pointer: joinPointer(pointer, 'env_var_type'),
        message: `configuration "${key}": the value of ${envKey} cannot be converted to ${String(value.env_var_type)}: ${e.message}`,
      });
    }
  }
  for (const key of Object.keys(vars)) {
    if (!Object.hasOwn(declared, key)) {
      problems.push({
        severity: 'warning',
        code: 'var-undeclared',
        pointer: '/configuration',
        message: `the variable "${key}" is not declared in the configuration, so nothing uses it`,
        hint: `declare it: configuration: {${key}: …}`,
      });
    }
  }
  return { values, dynamic, problems };
}
