// Declares chaosaws functions by their Python signatures, without loading their code: validation
// binds arguments against `params`; `load` imports the native implementation on first use.
import type { PythonParam } from '../../python/signature.js';
import type { AwsFunction } from '../functions/types.js';

export interface AwsCatalogEntry {
  readonly module: string;
  readonly func: string;
  readonly params: readonly PythonParam[];
  /** True for functions that change something (chaosaws actions); false for read-only probes. */
  readonly mutating: boolean;
  readonly load: () => Promise<AwsFunction>;
}

/**
 * Parses a Python parameter list as written in chaosaws, e.g.
 * "instance_id=None, az=None, force=False, filters=None, configuration=None, secrets=None".
 * A name with `=` has a default; `*` starts keyword-only parameters; `**kw` is VAR_KEYWORD.
 */
function parseSignature(signature: string): PythonParam[] {
  const params: PythonParam[] = [];
  let keywordOnly = false;
  for (const raw of signature
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)) {
    if (raw === '*') {
      keywordOnly = true;
      continue;
    }
    if (raw.startsWith('**')) {
      params.push({ name: raw.slice(2), kind: 'VAR_KEYWORD', hasDefault: false });
      continue;
    }
    if (raw.startsWith('*')) {
      params.push({ name: raw.slice(1), kind: 'VAR_POSITIONAL', hasDefault: false });
      keywordOnly = true;
      continue;
    }
    const name = raw.split(/[=:]/)[0]!.trim();
    params.push({ name, kind: keywordOnly ? 'KEYWORD_ONLY' : 'POSITIONAL_OR_KEYWORD', hasDefault: raw.includes('=') });
  }
  return params;
}

/**
 * Declares the functions of one chaosaws module, all implemented by one lazily imported file whose
 * exports are named like the Python functions.
 */
export function defineModule(
  module: string,
  mutating: boolean,
  loadModule: () => Promise<Readonly<Record<string, unknown>>>,
  signatures: Readonly<Record<string, string>>,
): AwsCatalogEntry[] {
  return Object.entries(signatures).map(([func, signature]) => {
    // Parsed when validation first binds a call to it: a run without AWS parses none of the catalog.
    let params: PythonParam[] | undefined;
    return {
      module,
      func,
      get params(): readonly PythonParam[] {
        params ??= parseSignature(signature);
        return params;
      },
      mutating,
      load: async () => {
        const impl = (await loadModule())[func];
        if (typeof impl !== 'function') throw new Error(`chaos-action has no native ${module}.${func}`);
        return impl as AwsFunction;
      },
    };
  });
}
