// The action's process runs experiment code from pull requests, and every process of the same
// user can read the environment a process was started with (/proc/<pid>/environ). The runner
// starts the action with its tokens in that environment (GITHUB_TOKEN through the github-token
// input, the OIDC request token and URL, ACTIONS_RUNTIME_TOKEN) and the paths of the step's
// command files. Changing process.env later changes nothing there. So, before anything else, the
// step re-executes itself in the same process (same pid: the runner's signals and exit code are
// unaffected) with an environment that holds only what experiments get anyway (childEnv), and
// hands itself the rest through a file only it can read, which it removes as soon as it has read
// it, before any experiment code runs.
import { mkdtempSync, readFileSync, rmdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { isWithheld } from '../providers/child-env.js';

export type Env = Readonly<Record<string, string | undefined>>;

/**
 * Marks the re-executed process, followed by the file to read. An argument, not a variable: a
 * variable could come from a GITHUB_ENV that earlier code in the job wrote; the runner starts an
 * action's script with no arguments.
 */
const SEALED_FLAG = '--chaos-action-sealed-env';

/**
 * The step's whole environment. When the process was started with withheld variables in its
 * environment, this re-executes it without them and does not return; the re-executed process
 * gets them back here. Where the platform cannot re-execute a process (Windows), the environment
 * is returned as it is. Throws when the variables cannot be handed over: the caller fails the
 * step rather than run experiments beside the tokens.
 */
export function sealedEnvironment(): Env {
  const at = process.argv.indexOf(SEALED_FLAG);
  if (at >= 0) return unseal(process.argv[at + 1] as string);
  const withheld = Object.entries(process.env).filter(([k, v]) => v !== undefined && isWithheld(k));
  if (withheld.length === 0 || typeof process.execve !== 'function') return { ...process.env };
  const clean: Record<string, string> = {};
  for (const [k, v] of Object.entries(process.env)) if (v !== undefined && !isWithheld(k)) clean[k] = v;
  const dir = mkdtempSync(path.join(process.env.RUNNER_TEMP || tmpdir(), 'chaos-action-env-'));
  const file = path.join(dir, 'env.json');
  try {
    writeFileSync(file, JSON.stringify(Object.fromEntries(withheld)), { mode: 0o600, flag: 'wx' });
    const [node, script, ...args] = process.argv;
    process.execve(node as string, [node as string, ...process.execArgv, script as string, ...args, SEALED_FLAG, file], clean);
  } catch (e) {
    rmSync(dir, { recursive: true, force: true });
    throw new Error(`cannot start the step without the runner's tokens in its environment: ${e instanceof Error ? e.message : String(e)}`);
  }
  throw new Error('process.execve returned');
}

function unseal(file: string): Env {
  let withheld: unknown;
  try {
    withheld = JSON.parse(readFileSync(file, 'utf8'));
  } finally {
    rmSync(file, { force: true });
    try {
      rmdirSync(path.dirname(file));
    } catch {
      // not ours to remove if anything else is in it
    }
  }
  if (!withheld || typeof withheld !== 'object') throw new Error(`the step's sealed environment (${file}) is not an object`);
  const env: Record<string, string | undefined> = { ...process.env };
  for (const [k, v] of Object.entries(withheld)) if (typeof v === 'string' && isWithheld(k)) env[k] = v;
  return env;
}
