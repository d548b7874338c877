// Run-time variables as `chaos run` takes them: --var key[:type]=value (configuration only) and
// --var-file (JSON or YAML with configuration/secrets blocks, or a .env file of environment values).
import type { Diagnostic } from './diagnostics.js';
import { ConversionError, convertToType } from './convert.js';
import { formatOf, loadYamlSupport, parseExperimentText } from './loader.js';
import { DEFAULT_MAX_FILE_BYTES, readTextFile } from './read-file.js';

export interface Vars {
  readonly configuration: Record<string, unknown>;
  readonly secrets: Record<string, unknown>;
  /** Values from .env files, laid over the process environment for this run. */
  readonly env: Record<string, string>;
}

export const emptyVars = (): Vars => ({ configuration: {}, secrets: {}, env: {} });

export class VarError extends Error {}

/** `key[:type]=value`; the type is one of str, int, float, bytes, bool, json. */
export function parseVarOption(option: string): [string, unknown] {
  const eq = option.indexOf('=');
  if (eq <= 0) throw new VarError(`--var ${option}: expected key[:type]=value`);
  let key = option.slice(0, eq);
  const raw = option.slice(eq + 1);
  const colon = key.lastIndexOf(':');
  if (colon < 0) return [key, raw];
  const type = key.slice(colon + 1);
  key = key.slice(0, colon);
  try {
    return [key, convertToType(type, raw)];
  } catch (e) {
    if (e instanceof ConversionError) throw new VarError(`--var ${option}: ${e.message}`);
    throw e;
  }
}

export type VarFileResult = { ok: true; vars: Vars } | { ok: false; diagnostics: Diagnostic[] };

export async function loadVarFile(file: string, maxBytes: number = DEFAULT_MAX_FILE_BYTES): Promise<VarFileResult> {
  const read = await readTextFile(file, maxBytes);
  if (!read.ok) return fail(file, 1, 1, read.code === 'load-read' ? read.problem.replace('the file', 'the var file') : `var file: ${read.problem}`);
  const text = read.text;
  const format = formatOf(file);
  if (!format) return { ok: true, vars: { configuration: {}, secrets: {}, env: parseDotEnv(text) } };
  if (format === 'yaml') await loadYamlSupport();
  const loaded = parseExperimentText(file, format, text, maxBytes);
  if (!loaded.ok) return { ok: false, diagnostics: loaded.diagnostics };
  const value = loaded.doc.value;
  if (value === null || value === undefined) return { ok: true, vars: emptyVars() };
  if (typeof value !== 'object' || Array.isArray(value)) {
    return fail(file, 1, 1, 'a var file holds a mapping with "configuration" and/or "secrets" keys');
  }
  const { configuration = {}, secrets = {} } = value as Record<string, unknown>;
  for (const [name, block] of [
    ['configuration', configuration],
    ['secrets', secrets],
  ] as const) {
    if (typeof block !== 'object' || block === null || Array.isArray(block)) {
      const pos = loaded.doc.map.locate(`/${name}`);
      return fail(file, pos.line, pos.column, `"${name}" in a var file must be a mapping`);
    }
  }
  return { ok: true, vars: { configuration: configuration as Record<string, unknown>, secrets: secrets as Record<string, unknown>, env: {} } };
}

/** KEY=VALUE lines, # comments and blank lines skipped, as chaoslib reads them (no quote removal). */
export function parseDotEnv(text: string): Record<string, string> {
  const env: Record<string, string> = {};
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    if (!line || line.startsWith('#')) continue;
    const eq = line.indexOf('=');
    if (eq < 0) continue;
    env[line.slice(0, eq)] = line.slice(eq + 1);
  }
  return env;
}

/** Later files override earlier ones; --var values override every file. */
export function mergeVars(files: readonly Vars[], options: readonly [string, unknown][]): Vars {
  const merged = emptyVars();
  for (const v of files) {
    Object.assign(merged.configuration, v.configuration);
    Object.assign(merged.secrets, v.secrets);
    Object.assign(merged.env, v.env);
  }
  for (const [k, v] of options) merged.configuration[k] = v;
  return merged;
}

function fail(file: string, line: number, column: number, message: string): VarFileResult {
  return { ok: false, diagnostics: [{ severity: 'error', code: 'var-file', file, line, column, pointer: '', message }] };
}
