// Reads one experiment file into a plain value plus a source map, or into positioned errors.
import path from 'node:path';
import type { Diagnostic } from './diagnostics.js';
import { JsonSyntaxError, parseJson } from './json-parser.js';
import { MAX_FILE_CHARS } from './limits.js';
import { DEFAULT_MAX_FILE_BYTES, readTextFile } from './read-file.js';
import { LineIndex, type SourceMap } from './source-map.js';

/**
 * The YAML loader (and the yaml package under it, a sixth of the code a run starts with), imported
 * by the first YAML file: a suite of JSON experiments never loads it. The async readers load it
 * before parsing; a caller of parseExperimentText with YAML text awaits loadYamlSupport first.
 */
let yaml: typeof import('./yaml-loader.js') | undefined;

export async function loadYamlSupport(): Promise<void> {
  yaml ??= await import('./yaml-loader.js');
}

export type Format = 'json' | 'yaml';

export interface LoadedDocument {
  /** The path as the user gave it (or as discovered), used in every message. */
  readonly file: string;
  readonly format: Format;
  readonly value: unknown;
  readonly map: SourceMap;
}

export type LoadResult =
  | { readonly ok: true; readonly doc: LoadedDocument; readonly warnings: Diagnostic[] }
  | { readonly ok: false; readonly diagnostics: Diagnostic[] };

export function formatOf(file: string): Format | undefined {
  const ext = path.extname(file).toLowerCase();
  if (ext === '.json') return 'json';
  if (ext === '.yaml' || ext === '.yml') return 'yaml';
  return undefined;
}

/** Reads and parses one file: a regular file of at most `maxBytes` (max-file-size). */
export async function loadExperimentFile(file: string, maxBytes: number = DEFAULT_MAX_FILE_BYTES): Promise<LoadResult> {
  const format = formatOf(file);
  if (!format) {
    return failure(file, 1, 1, 'load-extension', 'only files with json, yaml or yml extensions are supported', 'rename the file to .json or .yaml');
  }
  const read = await readTextFile(file, maxBytes);
  if (!read.ok) return failure(file, 1, 1, read.code, read.problem, read.hint);
  if (format === 'yaml') await loadYamlSupport();
  return parseExperimentText(file, format, read.text, maxBytes);
}

/**
 * Parses a file's text; `maxChars`: the longest text parsed (max-file-size, when read from a file).
 * YAML text needs loadYamlSupport() awaited once before.
 */
export function parseExperimentText(file: string, format: Format, text: string, maxChars: number = MAX_FILE_CHARS): LoadResult {
  if (text.length > maxChars) {
    return failure(
      file,
      1,
      1,
      'load-size',
      `the file is ${text.length.toLocaleString('en-US')} characters long; an experiment or var file may have at most ${maxChars.toLocaleString('en-US')} (${maxChars / 1024} KiB)`,
      'an experiment needs a few KiB: move large data out of it (a file its process reads, a var file)',
    );
  }
  try {
    const parsed = format === 'json' ? parseJson(text) : yamlLoader().parseYaml(text);
    const warnings: Diagnostic[] = parsed.duplicateKeys.map((pointer) => {
      const pos = parsed.map.locate(pointer, true);
      return {
        severity: 'warning',
        code: 'duplicate-key',
        file,
        line: pos.line,
        column: pos.column,
        pointer,
        message: `the key "${pointer.slice(pointer.lastIndexOf('/') + 1)}" appears more than once; the last one wins`,
        hint: 'remove the earlier one',
      };
    });
    return { ok: true, doc: { file, format, value: parsed.value, map: parsed.map }, warnings };
  } catch (e) {
    if (e instanceof JsonSyntaxError || (yaml && e instanceof yaml.YamlSyntaxError)) {
      const pos = new LineIndex(text).position(Math.min(e.offset, text.length));
      const what = format === 'json' ? 'invalid JSON' : 'invalid YAML';
      return failure(file, pos.line, pos.column, `syntax-${format}`, `${what}: ${e.message}`, e.hint);
    }
    throw e;
  }
}

function yamlLoader(): typeof import('./yaml-loader.js') {
  if (!yaml) throw new Error('YAML support is not loaded: await loadYamlSupport() before parsing YAML text');
  return yaml;
}

function failure(file: string, line: number, column: number, code: string, message: string, hint?: string): LoadResult {
  return {
    ok: false,
    diagnostics: [{ severity: 'error', code, file, line, column, pointer: '', message, ...(hint ? { hint } : {}) }],
  };
}
