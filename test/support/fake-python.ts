// A stand-in python for tests of the python-requirements installer: it makes a venv of itself and
// its pip records its environment and pid, or hangs (FAKE_PIP_HANG), so that a test can see what
// pip was given and stop it.
import { chmodSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/**
 * A stand-in python: `-c` answers as python3 would (the identity), `-m venv DIR` copies itself in
 * as DIR/bin/python, `-m pip install` records its environment (and hangs when told), `-m pip
 * freeze` names one package.
 */
export function fakePython(dir: string): string {
  const file = path.join(dir, 'fake-python');
  writeFileSync(
    file,
    `#!/bin/sh
case "$1" in
  -c) exec python3 "$@" ;;
esac
if [ "$2" = venv ]; then mkdir -p "$3/bin" && cp "$0" "$3/bin/python" && exit 0; fi
if [ "$2" = pip ] && [ "$3" = install ]; then
  env > "${path.join(dir, 'pip-env')}"
  echo $$ > "${path.join(dir, 'pip-pid')}"
  if [ -n "$FAKE_PIP_HANG" ]; then exec sleep 600; fi
  exit 0
fi
if [ "$2" = pip ] && [ "$3" = freeze ]; then echo fake==1; exit 0; fi
exit 3
`,
  );
  chmodSync(file, 0o755);
  return file;
}
