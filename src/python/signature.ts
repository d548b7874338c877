// Python functions named by python providers: what we know of them (from our built-ins or from a
// python3 that imported them) and whether an activity's arguments bind to them, as chaoslib checks.

type ParamKind = 'POSITIONAL_ONLY' | 'POSITIONAL_OR_KEYWORD' | 'VAR_POSITIONAL' | 'KEYWORD_ONLY' | 'VAR_KEYWORD';

export interface PythonParam {
  readonly name: string;
  readonly kind: ParamKind;
  readonly hasDefault: boolean;
}

export type PythonLookup =
  | {
      readonly status: 'found';
      readonly params: readonly PythonParam[];
      readonly builtin: boolean /** A warning for validation to show (e.g. a chaosaws function that is not built in). */;
      readonly note?: string;
    }
  | { readonly status: 'no-module'; readonly detail: string }
  | { readonly status: 'no-function' }
  | { readonly status: 'no-python'; readonly detail: string };

export interface PythonTarget {
  readonly module: string;
  readonly func: string;
}

/** Resolves python functions, built-in first; async because it may ask a python3 process. */
export type PythonResolver = (targets: readonly PythonTarget[]) => Promise<Map<string, PythonLookup>>;

export const targetKey = (t: PythonTarget): string => `${t.module}:${t.func}`;

export interface BindingProblem {
  readonly kind: 'missing' | 'unexpected';
  readonly argument: string;
}

/** inspect.signature(f).bind(**args) with `configuration` and `secrets` injected when declared. */
export function bindArguments(params: readonly PythonParam[], argumentNames: readonly string[]): BindingProblem[] {
  const problems: BindingProblem[] = [];
  const given = new Set(argumentNames);
  for (const injected of ['configuration', 'secrets']) if (params.some((p) => p.name === injected)) given.add(injected);
  const acceptsAnyKeyword = params.some((p) => p.kind === 'VAR_KEYWORD');
  for (const name of given) {
    const param = params.find((p) => p.name === name);
    if (param && param.kind !== 'POSITIONAL_ONLY' && param.kind !== 'VAR_POSITIONAL' && param.kind !== 'VAR_KEYWORD') continue;
    if (!param && acceptsAnyKeyword) continue;
    problems.push({ kind: 'unexpected', argument: name });
  }
  for (const p of params) {
    if (p.hasDefault || p.kind === 'VAR_POSITIONAL' || p.kind === 'VAR_KEYWORD') continue;
    if (p.kind === 'POSITIONAL_ONLY' || !given.has(p.name)) problems.push({ kind: 'missing', argument: p.name });
  }
  return problems;
}
