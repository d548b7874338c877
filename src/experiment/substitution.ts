// ${name} substitution exactly as chaoslib does it (string.Template.safe_substitute, plus the
// typed whole-string case of its TypedTemplate): configuration first, then every secret scope.
import { defineKey, pythonStr } from '../python/values.js';

export type Scope = ReadonlyMap<string, unknown>;

/** Python's Template pattern: $$, $identifier, ${identifier}, or a lone $ (ASCII, case-insensitive). */
const PATTERN = /\$(?:(\$)|([_a-zA-Z][_a-zA-Z0-9]*)|\{([_a-zA-Z][_a-zA-Z0-9]*)\}|())/g;
const WHOLE = /^\$\{([_a-zA-Z][_a-zA-Z0-9]*)\}$/;

/** The lookup chain: configuration keys first, then every secret scope in declaration order. */
export function substitutionScope(configuration: Readonly<Record<string, unknown>>, secrets: Readonly<Record<string, unknown>>): Scope {
  const scope = new Map<string, unknown>();
  for (const scopeValues of Object.values(secrets).reverse()) {
    if (scopeValues && typeof scopeValues === 'object' && !Array.isArray(scopeValues)) {
      for (const [k, v] of Object.entries(scopeValues)) scope.set(k, v);
    }
  }
  for (const [k, v] of Object.entries(configuration)) scope.set(k, v);
  return scope;
}

export interface SubstitutionReport {
  /** Names written as ${name} or $name that nothing defines: left verbatim, as chaoslib does. */
  readonly undefinedNames: Set<string>;
}

function substituteString(template: string, scope: Scope, report?: SubstitutionReport): unknown {
  const whole = WHOLE.exec(template);
  if (whole && scope.has(whole[1] as string)) return scope.get(whole[1] as string);
  return template.replace(PATTERN, (match, escaped, named, braced) => {
    if (escaped !== undefined) return '$';
    const name = (named ?? braced) as string | undefined;
    if (name === undefined) return match;
    if (scope.has(name)) return pythonStr(scope.get(name));
    report?.undefinedNames.add(name);
    return match;
  });
}

/** Substitutes recursively in strings, lists and mapping values (never keys); other values pass. */
export function substitute(data: unknown, scope: Scope, report?: SubstitutionReport): unknown {
  if (typeof data === 'string') return data === '' ? data : substituteString(data, scope, report);
  if (Array.isArray(data)) return data.map((v) => substitute(v, scope, report));
  if (data && typeof data === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(data)) {
      defineKey(out, k, substitute(v, scope, report));
    }
    return out;
  }
  return data;
}

/** The names a value refers to as ${name} (for "undefined variable" warnings). */
export function bracedNames(data: unknown, into: Set<string> = new Set()): Set<string> {
  if (typeof data === 'string') {
    for (const m of data.matchAll(PATTERN)) if (m[3]) into.add(m[3]);
  } else if (Array.isArray(data)) {
    for (const v of data) bracedNames(v, into);
  } else if (data && typeof data === 'object') {
    for (const v of Object.values(data)) bracedNames(v, into);
  }
  return into;
}
