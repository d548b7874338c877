// The journal folder, made ready before anything is validated or run: created one level at a time
// (a recursive mkdir under /proc never returns), and checked to be a writable folder. A problem is a
// sentence for the entry point to say; nothing is thrown.
import { constants } from 'node:fs';
import { access, mkdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
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

const LOCK_FILE = '.chaos-action.lock';

/** Held while a run writes into a journal folder; `release` removes it. */
export interface JournalDirLock {
  release(): Promise<void>;
}

/**
 * One run at a time per journal folder: two runs writing results.json and report.md into the same
 * folder would keep only the last one's, silently. A lock left by a run that died (its process is
 * gone) is taken over.
 */
export async function lockJournalDir(dir: string, pid: number = process.pid): Promise<{ lock: JournalDirLock } | { problem: string }> {
  const file = path.join(dir, LOCK_FILE);
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      await writeFile(file, `${pid}\n`, { flag: 'wx' });
      return { lock: { release: () => rm(file, { force: true }) } };
    } catch (e) {
      if (code(e) !== 'EEXIST') return { problem: `${file} cannot be created (${code(e)})` };
    }
    const holder = Number.parseInt(await readFile(file, 'utf8').catch(() => ''), 10);
    if (Number.isSafeInteger(holder) && holder > 0 && holder !== pid && alive(holder)) {
      return { problem: `${dir} is in use by another run (process ${holder}); give each run its own journal folder` };
    }
    await rm(file, { force: true }); // left by a run that is gone
  }
  return { problem: `${file} is held and could not be taken over` };
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return code(e) === 'EPERM';
  }
}
