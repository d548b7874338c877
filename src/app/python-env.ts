// The python a run's python providers use: the configured one, or (with python-requirements) the
// python of the virtualenv those requirements were installed into. It is prepared before
// validation, so an install that fails is a problem of the run's set-up and nothing runs; and
// before any AWS role is assumed, so pip never holds the run's credentials.
import type { Diagnostic } from '../experiment/diagnostics.js';
import type { RequirementProblem } from '../providers/python-requirements.js';

type Env = Readonly<Record<string, string | undefined>>;

export interface PythonEnvOptions {
  readonly python: string;
  readonly requirements: readonly string[];
  /** The host's own environment (never the experiments' var files: a pull request writes those). */
  readonly env: Env;
  readonly cwd: string;
  readonly log: (line: string) => void;
  readonly signal?: AbortSignal;
}

export type PythonEnvResult = { readonly ok: true; readonly python: string } | { readonly ok: false; readonly diagnostics: readonly Diagnostic[] };

/** Where a problem of the setting itself is said to be. */
const SETTING = 'python-requirements';

export async function preparePython(options: PythonEnvOptions): Promise<PythonEnvResult> {
  if (options.requirements.length === 0) return { ok: true, python: options.python };
  // Loaded on first use: most runs install nothing.
  const [{ readRequirements }, { prepareVenv }] = await Promise.all([import('../providers/python-requirements.js'), import('../providers/python-venv.js')]);
  const read = await readRequirements(options.requirements, options.cwd);
  if (!read.ok) return { ok: false, diagnostics: read.problems.map(problemDiagnostic) };
  if (read.requirements.length === 0) return { ok: true, python: options.python };
  const venv = await prepareVenv({
    python: options.python,
    requirements: read.requirements,
    env: options.env,
    cwd: options.cwd,
    log: options.log,
    ...(options.signal ? { signal: options.signal } : {}),
  });
  if (venv.ok) return { ok: true, python: venv.python };
  for (const line of venv.output) options.log(`  ${line}`);
  const last = venv.output.at(-1);
  return {
    ok: false,
    diagnostics: [
      {
        severity: 'error',
        code: 'python-requirements',
        file: SETTING,
        line: 1,
        column: 1,
        pointer: '',
        message: `installing the python requirements failed (${venv.message}); nothing was run`,
        ...(last ? { hint: `pip said: ${venv.output.slice(-3).join(' | ')}` } : {}),
      },
    ],
  };
}

function problemDiagnostic(p: RequirementProblem): Diagnostic {
  return { severity: 'error', code: 'python-requirements', file: p.file ?? SETTING, line: p.lineNumber, column: 1, pointer: '', message: p.message };
}
