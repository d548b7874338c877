// Which files a list of paths names: files as given, folders searched recursively for
// experiments (sorted, skipping node_modules and hidden folders). A folder that cannot be listed,
// or a name that is not UTF-8 (it could not be named in a report), is an error, never a skip.
import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import type { Diagnostic } from './diagnostics.js';
import { formatOf } from './loader.js';
import { describeError } from './read-file.js';

export interface Discovery {
  readonly files: string[];
  readonly diagnostics: Diagnostic[];
}

type Problem = (file: string, code: string, message: string, hint?: string) => void;

/** `exclude`: folders never searched (the run's own journal folder), as absolute paths. */
export async function discoverExperiments(paths: readonly string[], exclude: readonly string[] = []): Promise<Discovery> {
  const skipped = new Set(exclude.map((f) => path.resolve(f)));
  const files: string[] = [];
  const diagnostics: Diagnostic[] = [];
  const problem: Problem = (file, code, message, hint) => {
    diagnostics.push({ severity: 'error', code, file, line: 1, column: 1, pointer: '', message, ...(hint ? { hint } : {}) });
  };
  for (const given of paths) {
    let info;
    try {
      info = await stat(given);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') {
        problem(given, 'discover-missing', 'no such file or folder', 'check the path; it is resolved against the current folder');
      } else {
        problem(given, 'discover-unreadable', `cannot read this path: ${describeError(e)}`);
      }
      continue;
    }
    if (info.isDirectory()) {
      const before = diagnostics.length;
      const found = await walk(given, skipped, problem);
      if (found.length === 0 && diagnostics.length === before) {
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

async function walk(folder: string, skipped: ReadonlySet<string>, problem: Problem): Promise<string[]> {
  let entries;
  try {
    // Names as bytes: a name that is not UTF-8 would otherwise come back mangled (and then be "missing").
    entries = await readdir(folder, { withFileTypes: true, encoding: 'buffer' });
  } catch (e) {
    problem(folder, 'discover-unreadable', `cannot list this folder: ${describeError(e)}`, 'make it readable, or move it out of the experiments folder');
    return [];
  }
  const named = [];
  for (const entry of entries) {
    const name = utf8(entry.name);
    if (name === undefined) {
      // Only what would be searched is reported: folders, and files with an experiment's extension.
      const shown = escapeName(entry.name);
      if (shown.startsWith('.') || !(entry.isDirectory() || (entry.isFile() && formatOf(shown)))) continue;
      problem(
        path.join(folder, shown),
        'discover-name',
        `this ${entry.isDirectory() ? 'folder' : 'file'} name is not valid UTF-8 (shown with \\x escapes): it cannot be read or reported by name`,
        'rename it',
      );
      continue;
    }
    named.push({ entry, name });
  }
  named.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const out: string[] = [];
  for (const { entry, name } of named) {
    if (name.startsWith('.') || name === 'node_modules') continue;
    const full = path.join(folder, name);
    if (entry.isDirectory()) {
      if (!skipped.has(path.resolve(full))) out.push(...(await walk(full, skipped, problem)));
    } else if (entry.isFile() && formatOf(name)) out.push(full);
  }
  return out;
}

/** The name as a string, or undefined when its bytes are not UTF-8. */
function utf8(name: Buffer): string | undefined {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(name);
  } catch {
    return undefined;
  }
}

/** A name's bytes, with every byte that is not printable ASCII as \xNN. */
function escapeName(name: Buffer): string {
  let out = '';
  for (const b of name) out += b >= 0x20 && b < 0x7f && b !== 0x5c ? String.fromCharCode(b) : `\\x${b.toString(16).padStart(2, '0')}`;
  return out;
}
