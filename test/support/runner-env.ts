// Runs the bundled action (dist/main.js, then dist/post.js) the way a GitHub runner runs a node24
// JavaScript action: a separate node process per step, a clean environment holding only what the
// runner gives (INPUT_*, GITHUB_*, the file-command files), state handed from main to post as
// STATE_* variables parsed from the GITHUB_STATE file.
import { type ChildProcess, spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { repoRoot } from './oracle.js';

export const mainScript = path.join(repoRoot, 'dist', 'main.js');
export const postScript = path.join(repoRoot, 'dist', 'post.js');
/** The merge action's step (merge/action.yml runs ../dist/merge.js). */
export const mergeScript = path.join(repoRoot, 'dist', 'merge.js');

export const REPOSITORY = 'octo/shop';

/** One job's runner folder: the workspace (experiments, journals) and the event payload. */
export interface RunnerJob {
  readonly root: string;
  readonly workspace: string;
  readonly eventPath: string;
}

/** The file-command files of one step: the runner gives each step fresh, empty ones. */
export interface StepFiles {
  readonly output: string;
  readonly state: string;
  readonly summary: string;
  readonly env: string;
  readonly path: string;
}

export function newRunnerJob(prefix = 'chaos-action-e2e-'): RunnerJob {
  const root = mkdtempSync(path.join(tmpdir(), prefix));
  const workspace = path.join(root, 'workspace');
  mkdirSync(workspace);
  return { root, workspace, eventPath: path.join(root, 'event.json') };
}

/**
 * Where and how the runner names them: `$RUNNER_TEMP/_runner_file_commands/set_output_<guid>` and
 * so on, one folder for every step of the job (RUNNER_TEMP is the job's root here).
 */
export function newStepFiles(job: RunnerJob, _label: string): StepFiles {
  const dir = path.join(job.root, '_runner_file_commands');
  mkdirSync(dir, { recursive: true });
  const id = randomUUID();
  const files = {
    output: path.join(dir, `set_output_${id}`),
    state: path.join(dir, `save_state_${id}`),
    summary: path.join(dir, `step_summary_${id}`),
    env: path.join(dir, `set_env_${id}`),
    path: path.join(dir, `add_path_${id}`),
  };
  for (const f of Object.values(files)) writeFileSync(f, '');
  return files;
}

/** GITHUB_OUTPUT, GITHUB_STATE, GITHUB_STEP_SUMMARY, GITHUB_ENV and GITHUB_PATH pointing at `files`. */
export const fileCommandEnv = (files: StepFiles): Record<string, string> => ({
  GITHUB_OUTPUT: files.output,
  GITHUB_STATE: files.state,
  GITHUB_STEP_SUMMARY: files.summary,
  GITHUB_ENV: files.env,
  GITHUB_PATH: files.path,
});

/** The pull request's head commit in the payloads, and GITHUB_SHA: on pull_request, the merge commit GitHub made. */
export const HEAD_SHA = 'c0ffee5e1f2a3b4c5d6e7f8091a2b3c4d5e6f708';
export const MERGE_SHA = 'decade0f1e2d3c4b5a69788796a5b4c3d2e1f0ab';

export type EventKind = { kind: 'pull_request'; number: number; headSha?: string } | { kind: 'fork'; number: number } | { kind: 'push' };

/** Writes the webhook payload at GITHUB_EVENT_PATH; returns GITHUB_EVENT_NAME. */
export function writeEvent(job: RunnerJob, event: EventKind): string {
  const repository = { full_name: REPOSITORY, name: 'shop', owner: { login: 'octo' } };
  if (event.kind === 'push') {
    writeFileSync(job.eventPath, JSON.stringify({ ref: 'refs/heads/main', after: MERGE_SHA, repository }));
    return 'push';
  }
  const headRepo = event.kind === 'fork' ? { full_name: 'mallory/shop', name: 'shop', owner: { login: 'mallory' }, fork: true } : repository;
  writeFileSync(
    job.eventPath,
    JSON.stringify({
      action: 'synchronize',
      number: event.number,
      pull_request: {
        number: event.number,
        head: { ref: 'feature', sha: (event.kind === 'pull_request' && event.headSha) || HEAD_SHA, repo: headRepo },
        base: { ref: 'main', sha: '0decade0'.repeat(5), repo: repository },
      },
      repository,
    }),
  );
  return 'pull_request';
}

/**
 * The environment a runner gives a JS action's step (the file-command variables apart: see
 * fileCommandEnv), with `inputs` as INPUT_<NAME> (upper case, spaces to `_`, hyphens kept).
 */
export function runnerEnv(
  job: RunnerJob,
  options: { eventName: string; apiUrl: string; inputs: Record<string, string>; extra?: Record<string, string> },
): Record<string, string> {
  const env: Record<string, string> = {
    PATH: process.env.PATH ?? '/usr/bin:/bin',
    HOME: process.env.HOME ?? job.root,
    GITHUB_ACTIONS: 'true',
    CI: 'true',
    GITHUB_EVENT_NAME: options.eventName,
    GITHUB_EVENT_PATH: job.eventPath,
    GITHUB_REPOSITORY: REPOSITORY,
    GITHUB_REPOSITORY_OWNER: 'octo',
    GITHUB_RUN_ID: '777001',
    GITHUB_RUN_ATTEMPT: '1',
    GITHUB_JOB: 'chaos',
    // The step's id as the runner names an unnamed `uses:` step.
    GITHUB_ACTION: '__octo_chaos-action',
    GITHUB_WORKFLOW: 'Chaos gate',
    GITHUB_SERVER_URL: 'https://github.com',
    GITHUB_API_URL: options.apiUrl,
    GITHUB_WORKSPACE: job.workspace,
    GITHUB_SHA: MERGE_SHA,
    GITHUB_ACTOR: 'octocat',
    RUNNER_TEMP: job.root,
  };
  for (const [name, value] of Object.entries(options.inputs)) env[`INPUT_${name.replace(/ /g, '_').toUpperCase()}`] = value;
  return { ...env, ...options.extra };
}

export interface StepRun {
  readonly child: ChildProcess;
  /** Everything printed so far (live). */
  readonly log: { stdout: string; stderr: string };
  readonly exited: Promise<StepResult>;
}

export interface StepResult {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** Starts `node <script>` asynchronously (the fakes live in this process), cwd the workspace. */
export function startStep(script: string, env: Record<string, string>, cwd: string): StepRun {
  const child = spawn(process.execPath, [script], { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
  const log = { stdout: '', stderr: '' };
  child.stdout?.on('data', (d: Buffer) => (log.stdout += d.toString('utf8')));
  child.stderr?.on('data', (d: Buffer) => (log.stderr += d.toString('utf8')));
  const exited = new Promise<StepResult>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code, signal) => resolve({ code, signal, stdout: log.stdout, stderr: log.stderr }));
  });
  return { child, log, exited };
}

/** Runs a step to its end, killing it if it outlives `limitMs` (a hung step fails the test, not the suite). */
export async function runStep(script: string, env: Record<string, string>, cwd: string, limitMs = 45_000): Promise<StepResult> {
  const step = startStep(script, env, cwd);
  const timer = setTimeout(() => step.child.kill('SIGKILL'), limitMs);
  try {
    return await step.exited;
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Parses a file-command file (GITHUB_OUTPUT, GITHUB_STATE, GITHUB_ENV): `name<<delimiter`, value
 * lines, `delimiter`; or the one-line `name=value` form. Later values win, as on the runner.
 */
export function parseFileCommands(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  const lines = text.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] as string;
    if (!line) continue;
    const heredoc = /^([^=<]+)<<(.+)$/.exec(line);
    if (heredoc) {
      const [, name, delimiter] = heredoc as unknown as [string, string, string];
      const value: string[] = [];
      let closed = false;
      for (i++; i < lines.length; i++) {
        if (lines[i] === delimiter) {
          closed = true;
          break;
        }
        value.push(lines[i] as string);
      }
      if (!closed) throw new Error(`file command ${name}: no closing delimiter ${delimiter}`);
      out[name] = value.join('\n');
      continue;
    }
    const eq = line.indexOf('=');
    if (eq <= 0) throw new Error(`file command line not understood: ${line}`);
    out[line.slice(0, eq)] = line.slice(eq + 1);
  }
  return out;
}

export const readText = (file: string): string => readFileSync(file, 'utf8');

/** The STATE_<name> variables the runner gives the post step, from the main step's GITHUB_STATE. */
export function stateEnv(stateFile: string): Record<string, string> {
  return Object.fromEntries(Object.entries(parseFileCommands(readText(stateFile))).map(([k, v]) => [`STATE_${k}`, v]));
}

/** Workflow commands printed on stdout (`::name props::message`), e.g. error, warning, add-mask. */
export interface WorkflowCommand {
  readonly command: string;
  readonly properties: Record<string, string>;
  readonly message: string;
}

const unescapeData = (s: string): string => s.replace(/%0D/g, '\r').replace(/%0A/g, '\n').replace(/%25/g, '%');
const unescapeProperty = (s: string): string => unescapeData(s).replace(/%3A/g, ':').replace(/%2C/g, ',');

export function workflowCommands(stdout: string): WorkflowCommand[] {
  const commands: WorkflowCommand[] = [];
  for (const line of stdout.split(/\r?\n/)) {
    const m = /^::([a-z-]+)(?: ([^:]*))?::(.*)$/.exec(line);
    if (!m) continue;
    const properties: Record<string, string> = {};
    for (const pair of (m[2] ?? '').split(',').filter(Boolean)) {
      const eq = pair.indexOf('=');
      properties[pair.slice(0, eq)] = unescapeProperty(pair.slice(eq + 1));
    }
    commands.push({ command: m[1] as string, properties, message: unescapeData(m[3] ?? '') });
  }
  return commands;
}

/** Polls `predicate` every 25 ms, at most `limitMs`; rejects naming `what` when it never holds. */
export function waitFor(predicate: () => boolean, what: string, limitMs = 20_000): Promise<void> {
  return new Promise((resolve, reject) => {
    const started = Date.now();
    const tick = (): void => {
      if (predicate()) resolve();
      else if (Date.now() - started > limitMs) reject(new Error(`gave up waiting for ${what}`));
      else setTimeout(tick, 25);
    };
    tick();
  });
}
