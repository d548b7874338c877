// TLS verification as requests sets it up from verify_tls (and, with trust_env, from
// REQUESTS_CA_BUNDLE / CURL_CA_BUNDLE): whether certificates are checked, and against which CAs.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import type { ProviderContext } from '../../contract/provider.js';
import { pyError } from './errors.js';
import { pythonTruthy } from '../../python/values.js';

/** The verification setting requests ends up with (verify_tls, or the trust_env CA bundle). */
function effectiveVerify(verify: unknown, env: ProviderContext['env']): unknown {
  // verify=True or None: REQUESTS_CA_BUNDLE / CURL_CA_BUNDLE when set (trust_env), else True.
  if (verify === true || verify === null || verify === undefined) return env.REQUESTS_CA_BUNDLE || env.CURL_CA_BUNDLE || true;
  return verify;
}

/** Whether server certificates are verified. */
export function verifiesCertificates(verify: unknown, env: ProviderContext['env']): boolean {
  // Any falsy verify_tls but None (False, 0, "") disables verification, as in requests.
  return pythonTruthy(effectiveVerify(verify, env));
}

/** A CA bundle path (file or c_rehash directory) given as verify_tls, read for https only. */
export function caBundle(verify: unknown, env: ProviderContext['env']): Buffer[] | undefined {
  const effective = effectiveVerify(verify, env);
  if (typeof effective !== 'string' || !effective) return undefined;
  let stat;
  try {
    stat = statSync(effective);
  } catch {
    throw pyError('OSError', `Could not find a suitable TLS CA certificate bundle, invalid path: ${effective}`);
  }
  if (!stat.isDirectory()) return [readFileSync(effective)];
  const out: Buffer[] = [];
  for (const name of readdirSync(effective)) {
    try {
      out.push(readFileSync(`${effective}/${name}`));
    } catch {
      // not a readable file
    }
  }
  return out;
}
