// Which files a list of paths names: files as given, folders searched recursively for
// experiments (sorted, skipping node_modules and hidden folders).
import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import type { Diagnostic } from './diagnostics.js';
import { formatOf } from './loader.js';

export interface Discovery {
  readonly files: string[];
  readonly diagnostics: Diagnostic[];
}

/** `exclude`: folders never searched (the run's own journal folder), as absolute paths. */
export async function discoverExperiments(paths: readonly string[], exclude: readonly string[] = []): Promise<Discovery> {
  const skipped = new Set(exclude.map((f) => path.resolve(f)));
  const files: string[] = [];
  const diagnostics: Diagnostic[] = [];
  const problem = (file: string, code: string, message: string, hint?: string): void => {
    diagnostics.push({ severity: 'error', code, file, line: 1, column: 1, pointer: '', message, ...(hint ? { hint } : {}) });
  };
  for (const given of paths) {
    let info;
    try {
      info = await stat(given);
    } catch {
      problem(given, 'discover-missing', 'no such file or folder', 'check the path; it is resolved against the current folder');
      continue;
    }
    if (info.isDirectory()) {
      const found = await walk(given, skipped);
      if (found.length === 0) {
        problem(given, 'discover-empty', 'the folder holds no .json, .yaml or .yml experiment', 'point at the folder that holds your experiments');
      }
      files.push(...found);
    } else if (formatOf(given)) {
      files.push(given);
    } else {
      problem(given, 'load-extension', 'only files with json, yaml or yml extensions are supported', 'rename the file to .json or .yaml');
    }
  }
  return { files: [...new Set(files)], diagnostics };
}

async function walk(folder: string, skipped: ReadonlySet<string>): Promise<string[]> {
  const entries = await readdir(folder, { withFileTypes: true });
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const out: string[] = [];
  for (const entry of entries) {
    if (entry.name.startsWith('.') || entry.name === 'node_modules') continue;
    const full = path.join(folder, entry.name);
    if (entry.isDirectory()) {
      if (!skipped.has(path.resolve(full))) out.push(...(await walk(full, skipped)));
    } else if (entry.isFile() && formatOf(entry.name)) out.push(full);
  }
  return out;
}
