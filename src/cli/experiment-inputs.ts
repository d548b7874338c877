// Options shared by `validate` and `run`: variables, var files and the python used for providers,
// turned into the validation options the experiment layer takes.
import { type Diagnostic } from '../experiment/diagnostics.js';
import { executableFinder } from '../experiment/executables.js';
import type { ValidateFilesOptions } from '../experiment/validate-files.js';
import { loadVarFile, mergeVars, parseVarOption, type Vars } from '../experiment/vars.js';
import { pythonResolver } from '../providers/python-catalog.js';
import { UsageError } from './usage-error.js';


export interface ExperimentInputs {
  readonly vars: Vars;
  readonly env: Record<string, string | undefined>;
  readonly options: ValidateFilesOptions;
}

export type InputsResult = { ok: true; inputs: ExperimentInputs } | { ok: false; diagnostics: Diagnostic[] };

export async function experimentInputs(
  values: { var?: string[]; 'var-file'?: string[]; python?: string },
  processEnv: Readonly<Record<string, string | undefined>>,
): Promise<InputsResult> {
  const options: [string, unknown][] = [];
  for (const v of values.var ?? []) {
    try {
      options.push(parseVarOption(v));
    } catch (e) {
      throw new UsageError((e as Error).message);
    }
  }
  const files: Vars[] = [];
  for (const file of values['var-file'] ?? []) {
    const loaded = await loadVarFile(file);
    if (!loaded.ok) return { ok: false, diagnostics: loaded.diagnostics };
    files.push(loaded.vars);
  }
  const vars = mergeVars(files, options);
  const env = { ...processEnv, ...vars.env };
  const python = values.python ?? processEnv.CHAOS_ACTION_PYTHON ?? 'python3';
  return {
    ok: true,
    inputs: {
      vars,
      env,
      options: { env, vars, findExecutable: executableFinder(env.PATH), resolvePython: pythonResolver({ python, env }) },
    },
  };
}
