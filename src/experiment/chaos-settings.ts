// A Chaos Toolkit settings file (chaoslib/settings.py load_settings; `chaos --settings`, default
// ~/.chaostoolkit/settings.yaml): its `controls:` mapping (name -> {provider: {type: python,
// module, arguments}}) are global controls, applied to every experiment (chaoslib
// load_global_controls). The rest of the file is handed to the controls' hooks as `settings` and
// otherwise not read. It is the runner's file, not the pull request's: it is read from the
// runner's home or from where the workflow points, never from the experiments folder.
import type { Control } from './controls.js';
import type { Diagnostic } from './diagnostics.js';
import { loadYamlSupport, parseExperimentText } from './loader.js';
import { DEFAULT_MAX_FILE_BYTES, readTextFile } from './read-file.js';
import { isMapping } from '../python/values.js';

export interface ChaosSettings {
  /** The file's content (the hooks' `settings`), or null without a file. */
  readonly settings: Record<string, unknown> | null;
  /** Its controls, each with its `name`, in file order. */
  readonly controls: Control[];
}

export type ChaosSettingsResult = { readonly ok: true; readonly value: ChaosSettings } | { readonly ok: false; readonly diagnostics: Diagnostic[] };

export const NO_CHAOS_SETTINGS: ChaosSettings = { settings: null, controls: [] };

/** Reads the settings file and its controls. */
export async function loadChaosSettings(file: string, maxBytes: number = DEFAULT_MAX_FILE_BYTES): Promise<ChaosSettingsResult> {
  const read = await readTextFile(file, maxBytes);
  if (!read.ok) return fail(file, 1, 1, `settings file: ${read.problem}`);
  await loadYamlSupport();
  const loaded = parseExperimentText(file, 'yaml', read.text, maxBytes);
  if (!loaded.ok) return { ok: false, diagnostics: loaded.diagnostics };
  const value = loaded.doc.value;
  if (value === null || value === undefined) return { ok: true, value: NO_CHAOS_SETTINGS };
  if (!isMapping(value)) return fail(file, 1, 1, 'a settings file holds a mapping (controls:, runtime:, …)');
  const declared = value.controls ?? {};
  if (!isMapping(declared)) {
    const pos = loaded.doc.map.locate('/controls');
    return fail(file, pos.line, pos.column, '"controls" in a settings file is a mapping of control names to {provider: {type: python, module, arguments}}');
  }
  const controls: Control[] = [];
  for (const [name, control] of Object.entries(declared)) {
    const provider = isMapping(control) ? control.provider : undefined;
    if (!isMapping(control) || !isMapping(provider) || provider.type !== 'python' || typeof provider.module !== 'string' || !provider.module) {
      const pos = loaded.doc.map.locate(`/controls/${name.replaceAll('~', '~0').replaceAll('/', '~1')}`);
      return fail(file, pos.line, pos.column, `control "${name}" must have a python provider with a module: {provider: {type: python, module: …}}`);
    }
    controls.push({ ...control, name });
  }
  return { ok: true, value: { settings: value, controls } };
}

function fail(file: string, line: number, column: number, message: string): ChaosSettingsResult {
  return { ok: false, diagnostics: [{ severity: 'error', code: 'settings-file', file, line, column, pointer: '', message }] };
}
