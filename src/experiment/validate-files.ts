// Validates every experiment that a list of paths names, all of them, before anything runs.
import { type Diagnostic, compareDiagnostics, hasErrors } from './diagnostics.js';
import { discoverExperiments } from './discover.js';
import { excludedByGlob } from './selection.js';
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
  /** Folders never searched for experiments (the run's own journal folder). */
  readonly exclude?: readonly string[];
  /** Files left out (not validated, not run): glob patterns relative to `cwd`. */
  readonly excludeGlobs?: readonly string[];
  readonly cwd?: string;
  /** Largest experiment file read (max-file-size); the default when absent. */
  readonly maxFileBytes?: number;
}

export interface ValidationReport {
  /** Every file found, in order; `valid` is false when it has an error. */
  readonly files: { readonly file: string; readonly valid: boolean; readonly experiment?: ValidatedExperiment }[];
  readonly diagnostics: Diagnostic[];
  readonly valid: boolean;
}

export async function validateFiles(paths: readonly string[], options: ValidateFilesOptions): Promise<ValidationReport> {
  const discovery = await discoverExperiments(paths, options.exclude);
  const diagnostics: Diagnostic[] = [...discovery.diagnostics];
  const loaded: { file: string; doc?: LoadedDocument }[] = [];
  const kept = discovery.files.filter((f) => !excludedByGlob(f, options.excludeGlobs ?? [], options.cwd ?? process.cwd()));
  if (discovery.files.length > 0 && kept.length === 0) {
    diagnostics.push({
      severity: 'error',
      code: 'discover-empty',
      file: paths[0] ?? '.',
      line: 1,
      column: 1,
      pointer: '',
      message: `every experiment found is left out by --exclude (${(options.excludeGlobs ?? []).join(', ')})`,
      hint: 'narrow the exclude patterns',
    });
  }
  for (const file of kept) {
    const result = await loadExperimentFile(file, options.maxFileBytes);
    const record = result.ok ? runRecordKind(result.doc.value) : undefined;
    if (record) {
      // A journal (Chaos Toolkit's or ours) or our results.json kept beside the experiments.
      diagnostics.push({
        severity: 'warning',
        code: 'journal-skipped',
        file,
        line: 1,
        column: 1,
        pointer: '',
        message: `this is a ${record}; use \`chaos-action report ${file}\` to read it (not an experiment: skipped)`,
        hint: 'keep journals out of the experiments folder (or leave them: they are skipped)',
      });
      continue;
    }
    if (result.ok) {
      loaded.push({ file, doc: result.doc });
      diagnostics.push(...result.warnings);
    } else {
      loaded.push({ file });
      diagnostics.push(...result.diagnostics);
    }
  }
  if (kept.length > 0 && loaded.length === 0) {
    // Only journals: nothing would run, and a run of nothing must not read as a pass.
    diagnostics.push({
      severity: 'error',
      code: 'discover-empty',
      file: paths[0] ?? '.',
      line: 1,
      column: 1,
      pointer: '',
      message: 'no experiment found: every file is a journal or results',
      hint: 'point at the folder that holds your experiments; to read journals, use `chaos-action report`',
    });
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

/** Chaos Toolkit's journal shape (ours adds a `chaos-action` key), or our results.json: what it is, in words. */
function runRecordKind(value: unknown): string | undefined {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
  const v = value as Record<string, unknown>;
  const journal = typeof v.experiment === 'object' && v.experiment !== null && Array.isArray(v.run) && 'steady_states' in v;
  if (journal) {
    const ours = typeof v['chaos-action'] === 'object' && v['chaos-action'] !== null;
    return ours ? 'chaos-action journal' : 'Chaos Toolkit journal';
  }
  const results = Array.isArray(v.experiments) && typeof v.gate === 'string' && typeof v.counts === 'object';
  return results ? 'chaos-action results.json' : undefined;
}
