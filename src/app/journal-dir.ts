// The journal folder, made ready before anything is validated or run: created one level at a time
// (a recursive mkdir under /proc never returns), and checked to be a writable folder. A problem is a
// sentence for the entry point to say; nothing is thrown.
import { constants } from 'node:fs';
import { access, mkdir, stat } from 'node:fs/promises';
import path from 'node:path';

/** Makes `dir` (and its missing parents); undefined when it is a folder we can write into, else why not. */
export async function prepareJournalDir(dir: string): Promise<string | undefined> {
  const missing: string[] = [];
  let current = path.resolve(dir);
  for (;;) {
    try {
      if (!(await stat(current)).isDirectory()) return `${current} is not a folder`;
      break;
    } catch (e) {
      if (code(e) !== 'ENOENT' && code(e) !== 'ENOTDIR') return `${current} cannot be read (${code(e)})`;
      const parent = path.dirname(current);
      if (parent === current) return `${current} does not exist`;
      missing.unshift(current);
      current = parent;
    }
  }
  for (const folder of missing) {
    try {
      await mkdir(folder);
    } catch (e) {
      if (code(e) !== 'EEXIST') return `${folder} cannot be created (${code(e)})`;
    }
  }
  const target = path.resolve(dir);
  try {
    await access(target, constants.W_OK | constants.X_OK);
  } catch {
    return `${target} is not writable`;
  }
  return undefined;
}

const code = (e: unknown): string => String((e as { code?: unknown }).code ?? (e instanceof Error ? e.message : e));
