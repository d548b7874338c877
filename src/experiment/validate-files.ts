// Validates every experiment that a list of paths names, all of them, before anything runs.
import { type Diagnostic, compareDiagnostics, hasErrors } from './diagnostics.js';
import { discoverExperiments } from './discover.js';
import type { ExecutableFinder } from './executables.js';
import { type LoadedDocument, loadExperimentFile } from './loader.js';
import type { PythonResolver } from '../python/signature.js';
import { pythonTargets, type ValidatedExperiment, validateExperiment } from './validate.js';
import type { Vars } from './vars.js';
import type { Guardrails } from './guardrails.js';

export interface ValidateFilesOptions {
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly vars: Vars;
  readonly findExecutable: ExecutableFinder;
  readonly resolvePython: PythonResolver;
  /** The run's guardrails: an experiment's extension may only tighten them (checked here). */
  readonly guardrails?: Guardrails;
}

export interface ValidationReport {
  /** Every file found, in order; `valid` is false when it has an error. */
  readonly files: { readonly file: string; readonly valid: boolean; readonly experiment?: ValidatedExperiment }[];
  readonly diagnostics: Diagnostic[];
  readonly valid: boolean;
}

export async function validateFiles(paths: readonly string[], options: ValidateFilesOptions): Promise<ValidationReport> {
  const discovery = await discoverExperiments(paths);
  const diagnostics: Diagnostic[] = [...discovery.diagnostics];
  const loaded: { file: string; doc?: LoadedDocument }[] = [];
  for (const file of discovery.files) {
    const result = await loadExperimentFile(file);
    if (result.ok) {
      loaded.push({ file, doc: result.doc });
      diagnostics.push(...result.warnings);
    } else {
      loaded.push({ file });
      diagnostics.push(...result.diagnostics);
    }
  }
  const python = await options.resolvePython(loaded.flatMap((l) => (l.doc ? pythonTargets(l.doc.value) : [])));
  const files: ValidationReport['files'][number][] = [];
  for (const { file, doc } of loaded) {
    if (!doc) {
      files.push({ file, valid: false });
      continue;
    }
    const experiment = validateExperiment(doc, {
      env: options.env,
      vars: options.vars,
      findExecutable: options.findExecutable,
      python,
      ...(options.guardrails ? { guardrails: options.guardrails } : {}),
    });
    diagnostics.push(...experiment.diagnostics);
    files.push({ file, valid: !hasErrors(experiment.diagnostics), experiment });
  }
  const fileOrder = new Map(discovery.files.map((f, i) => [f, i]));
  diagnostics.sort((a, b) => (fileOrder.get(a.file) ?? -1) - (fileOrder.get(b.file) ?? -1) || compareDiagnostics(a, b));
  return { files, diagnostics, valid: !hasErrors(diagnostics) };
}
