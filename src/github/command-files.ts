// The runner's command files of one step (GITHUB_OUTPUT, GITHUB_STATE, GITHUB_ENV, GITHUB_PATH,
// GITHUB_STEP_SUMMARY): what the action writes there, and nothing else. The runner reads them once
// the step's process has exited. Experiment code never gets their paths, but they sit in a folder
// it can list (`$RUNNER_TEMP/_runner_file_commands`), as the same user: what it appends would
// become the step's outputs (`gate=passed`), the post step's state, or the environment of every
// later step. So the action records what it writes, and puts back exactly that when it is done.
import { randomUUID } from 'node:crypto';
import { appendFileSync, readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import { EOL } from 'node:os';

export const COMMAND_FILES = ['GITHUB_OUTPUT', 'GITHUB_STATE', 'GITHUB_ENV', 'GITHUB_PATH', 'GITHUB_STEP_SUMMARY'] as const;
export type CommandFile = (typeof COMMAND_FILES)[number];

interface Tracked {
  readonly path: string;
  /** What the file held when the action started (the runner gives each step empty files). */
  readonly before: string;
  written: string;
}

export class CommandFiles {
  private readonly files = new Map<CommandFile, Tracked>();

  /** Reads each file the runner named in `env` as it is now: before any experiment runs. */
  constructor(env: Readonly<Record<string, string | undefined>>) {
    for (const name of COMMAND_FILES) {
      const file = env[name];
      if (file) this.files.set(name, { path: file, before: readOrEmpty(file), written: '' });
    }
  }

  has(name: CommandFile): boolean {
    return this.files.has(name);
  }

  /** Appends `text` to the file and to what the action wrote; false when the runner gave no such file. */
  append(name: CommandFile, text: string): boolean {
    const tracked = this.files.get(name);
    if (!tracked) return false;
    tracked.written += text;
    appendFileSync(tracked.path, text, 'utf8');
    return true;
  }

  /** `name=value` in the multi-line form the runner reads (as @actions/core writes it). */
  appendKeyValue(name: CommandFile, key: string, value: string): boolean {
    return this.append(name, keyValue(key, value));
  }

  /**
   * Puts back in each file exactly what it held at the start and what the action wrote, once no
   * process of the experiments is left: whatever else was appended, truncated or swapped for a
   * link is gone. Synchronous, so that it can run in the process's 'exit' event. Returns a
   * problem per file it could not restore.
   */
  restore(): string[] {
    const problems: string[] = [];
    for (const [name, tracked] of this.files) {
      try {
        rewrite(tracked.path, tracked.before + tracked.written);
      } catch (e) {
        problems.push(`${name} (${tracked.path}): ${e instanceof Error ? e.message : String(e)}`);
      }
    }
    return problems;
  }
}

/** The runner's multi-line file command: `key<<delimiter`, the value, the delimiter. */
export function keyValue(key: string, value: string): string {
  const delimiter = `ghadelimiter_${randomUUID()}`;
  if (key.includes(delimiter) || value.includes(delimiter)) throw new Error(`unexpected delimiter in ${key}`);
  return `${key}<<${delimiter}${EOL}${value}${EOL}${delimiter}${EOL}`;
}

/**
 * Replaces the file by a new one with `content`: removed first, then created exclusively, so that
 * a symbolic link left in its place is replaced, never followed.
 */
function rewrite(file: string, content: string): void {
  for (let attempt = 1; ; attempt++) {
    try {
      unlinkSync(file);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
    }
    try {
      writeFileSync(file, content, { encoding: 'utf8', flag: 'wx', mode: 0o644 });
      return;
    } catch (e) {
      // Something created it again between the two calls: try again, a few times.
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST' || attempt >= 3) throw e;
    }
  }
}

function readOrEmpty(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return '';
  }
}
