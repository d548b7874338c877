// shutil.which as chaoslib uses it when validating process activities: the program must exist
// (and be executable) at validation time, on PATH or at the given path.
import { accessSync, constants, statSync } from 'node:fs';
import path from 'node:path';

type ExecutableStatus = 'ok' | 'missing' | 'not-executable';
export type ExecutableFinder = (program: string) => ExecutableStatus;

export function executableFinder(envPath: string | undefined): ExecutableFinder {
  const dirs = (envPath ?? '').split(path.delimiter).filter(Boolean);
  return (program) => {
    const candidates = program.includes('/') ? [program] : dirs.map((d) => path.join(d, program));
    let sawFile = false;
    for (const candidate of candidates) {
      try {
        if (!statSync(candidate).isFile()) continue;
        sawFile = true;
        accessSync(candidate, constants.X_OK);
        return 'ok';
      } catch {
        // keep looking, as which does
      }
    }
    return sawFile ? 'not-executable' : 'missing';
  };
}
