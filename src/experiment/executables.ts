// shutil.which as chaoslib uses it when validating process activities: the program must exist
// (and be executable) at validation time, on PATH or at the given path.
import { accessSync, constants, statSync } from 'node:fs';
import path from 'node:path';

type ExecutableStatus = 'ok' | 'missing' | 'not-executable';
export type ExecutableFinder = (program: string) => ExecutableStatus;

/** Finds programs on `envPath`; each program is looked up once per finder (one validation of a suite). */
export function executableFinder(envPath: string | undefined): ExecutableFinder {
  const dirs = (envPath ?? '').split(path.delimiter).filter(Boolean);
  const found = new Map<string, ExecutableStatus>();
  return (program) => {
    let status = found.get(program);
    if (status === undefined) found.set(program, (status = lookUp(program, dirs)));
    return status;
  };
}

function lookUp(program: string, dirs: readonly string[]): ExecutableStatus {
  const candidates = program.includes('/') ? [program] : dirs.map((d) => path.join(d, program));
  let sawFile = false;
  for (const candidate of candidates) {
    try {
      // A missing candidate (most of PATH) is not an exception: building one costs more than the stat.
      if (!statSync(candidate, { throwIfNoEntry: false })?.isFile()) continue;
      sawFile = true;
      accessSync(candidate, constants.X_OK);
      return 'ok';
    } catch {
      // keep looking, as which does
    }
  }
  return sawFile ? 'not-executable' : 'missing';
}
