// The experiment's secrets block resolved as chaoslib's load_secrets does it (literal and env
// values, nested scopes, var-file scopes replacing whole scopes). Every value found is a secret.
import { isMapping } from '../python/values.js';
import type { Problem } from './diagnostics.js';
import type { Env } from './configuration.js';
import { joinPointer } from './source-map.js';

export interface SecretsResult {
  readonly values: Record<string, unknown>;
  readonly problems: Problem[];
  /** Every secret value, as found, for redaction. */
  readonly secretValues: unknown[];
}

export function loadSecrets(declared: unknown, vars: Readonly<Record<string, unknown>>, env: Env): SecretsResult {
  const problems: Problem[] = [];
  const secretValues: unknown[] = [];
  const load = (info: Record<string, unknown>, overrides: unknown, pointer: string): Record<string, unknown> => {
    const out: Record<string, unknown> = {};
    const extra = isMapping(overrides) ? overrides : {};
    for (const [key, value] of Object.entries(info)) {
      const at = joinPointer(pointer, key);
      if (!isMapping(value)) {
        out[key] = value;
        secretValues.push(value);
      } else if (extra[key] !== undefined && extra[key] !== null) {
        out[key] = extra[key];
        secretValues.push(extra[key]);
      } else if (value.type === 'env') {
        const envKey = value.key;
        if (typeof envKey !== 'string' || envKey === '') continue; // the schema reports it
        if (env[envKey] === undefined) {
          problems.push({
            severity: 'error',
            code: 'secret-env-missing',
            pointer: joinPointer(at, 'key'),
            message: `Secrets make reference to an environment key that does not exist: ${envKey}`,
            hint: `set ${envKey} in the environment (secrets have no default)`,
          });
          continue;
        }
        out[key] = env[envKey];
        secretValues.push(env[envKey]);
      } else if (value.type === 'vault') {
        problems.push({
          severity: 'error',
          code: 'secret-vault-unsupported',
          pointer: joinPointer(at, 'type'),
          message: 'vault secrets are not supported by chaos-action yet',
          hint: 'read the secret into an environment variable in an earlier workflow step and use {type: env, key: NAME}',
        });
      } else {
        out[key] = load(value, extra[key], at);
      }
    }
    return out;
  };
  const values = isMapping(declared) ? load(declared, vars, '/secrets') : {};
  return { values, problems, secretValues };
}
