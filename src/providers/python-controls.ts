// Users' python control plug-ins through the python bridge: one long-lived python3 process per
// experiment (python-controls-script.ts) that configures the controls, calls their hooks as the
// engine reaches each level, and cleans them up. Bounded: each hook has a time limit (then the
// process is killed and the remaining hooks are skipped, recorded), what the controls print is
// drained and dropped, and the process (its whole group) is killed on every path.
import type { ChildProcess } from 'node:child_process';
import type { Readable, Writable } from 'node:stream';
import type { ControlError, ControlReport, ControlSession, ControlStart, StartControls } from '../contract/controls.js';
import { type Control, controlsAt, controlsToConfigure, hookName, isPythonControl } from '../experiment/controls.js';
import { substitute, substitutionScope } from '../experiment/substitution.js';
import { unguardedReason } from '../experiment/unguarded.js';
import { withoutAwsCredentials } from './child-env.js';
import { CONTROL_SCRIPT } from './python-controls-script.js';

/** Seconds one hook (configure_control, a before/after hook, cleanup_control) may take. */
export const DEFAULT_CONTROL_HOOK_TIMEOUT_S = 60;
/** Seconds a hook running when the run is interrupted gets to end (it got a KeyboardInterrupt). */
const INTERRUPT_GRACE_MS = 2000;
/** The longest answer line read from the process (answers carry only error messages). */
const MAX_ANSWER_CHARS = 1024 * 1024;
/** The longest error message kept of one hook. */
const MAX_ERROR_CHARS = 2000;

export interface PythonControlsOptions {
  readonly python: string;
  /** Global controls (a settings file's `controls:`), each with its `name`. */
  readonly globals: readonly Control[];
  /** The settings file's content (the hooks' `settings` argument), or null. */
  readonly settings: Record<string, unknown> | null;
  readonly hookTimeoutS?: number;
}

interface Answer {
  readonly errors?: ControlError[];
  readonly interrupt?: string;
  readonly failed?: number[];
}

/** What a control is sent: its name, module and arguments (substituted, for the hooks that chaoslib substitutes them for). */
const wire = (control: Control, args: unknown) => ({
  name: String(control.name ?? ''),
  module: String((control.provider as Record<string, unknown>).module ?? ''),
  arguments: args ?? {},
});

const rawArguments = (control: Control): unknown => (control.provider as Record<string, unknown>).arguments ?? {};

export function pythonControls(options: PythonControlsOptions): StartControls {
  const globals = options.globals.filter(isPythonControl);
  return async (start) => {
    const configured = [
      ...globals.map((c) => ({ control: c, global: true })),
      ...controlsToConfigure(start.experiment).map((c) => ({ control: c, global: false })),
    ];
    if (configured.length === 0) return undefined;
    const session = new PythonControlSession(options, start, globals);
    await session.configure(configured);
    return session;
  };
}

class PythonControlSession implements ControlSession {
  private readonly child: ChildProcess;
  private readonly requests: Writable;
  private readonly errors: ControlError[] = [];
  private names: string[] = [];
  private globals: Control[];
  private cleanup: Control[] = [];
  private queue: Promise<unknown> = Promise.resolve();
  private pending: { resolve: (a: Answer) => void; hook: string } | undefined;
  private dead: string | undefined;
  private closed: Promise<void> | undefined;
  private readonly exited: Promise<void>;
  private stderrTail = '';
  private readonly timeoutMs: number;
  private readonly scope;
  private readonly settings: Record<string, unknown> | null;

  constructor(
    options: PythonControlsOptions,
    private readonly start: ControlStart,
    globals: readonly Control[],
  ) {
    this.globals = [...globals];
    this.settings = options.settings;
    this.timeoutMs = (options.hookTimeoutS ?? DEFAULT_CONTROL_HOOK_TIMEOUT_S) * 1000;
    this.scope = substitutionScope(start.configuration, start.secrets);
    const all = [...globals, ...controlsToConfigure(start.experiment)];
    // One process runs every control: it gets the AWS credentials only when each one is marked
    // unguarded (as a process or python activity must be), else none.
    const env = all.every((c) => unguardedReason(c)) ? start.env : withoutAwsCredentials(start.env);
    // node:child_process is loaded on first use: a run without python controls never loads it.
    this.child = process.getBuiltinModule('node:child_process').spawn(options.python, ['-c', CONTROL_SCRIPT], {
      env,
      cwd: start.cwd,
      stdio: ['ignore', 'pipe', 'pipe', 'pipe', 'pipe'],
      detached: true,
    });
    this.requests = this.child.stdio[3] as Writable;
    this.requests.on('error', () => undefined);
    this.child.stdout?.resume();
    this.child.stderr?.on('data', (d: Buffer) => {
      this.stderrTail = (this.stderrTail + d.toString('utf8')).slice(-4096);
    });
    this.exited = new Promise((resolve) => {
      this.child.on('close', () => resolve());
      this.child.on('error', (e) => {
        this.die(`cannot start ${options.python}: ${e.message}`);
        resolve();
      });
    });
    this.child.on('exit', () => this.die(`the control process ended: ${this.stderrTail.trim().split('\n').at(-1) ?? ''}`));
    this.readAnswers(this.child.stdio[4] as Readable);
    start.signal.addEventListener('abort', this.onInterrupt, { once: true });
    start.hardSignal.addEventListener('abort', this.onHardInterrupt, { once: true });
  }

  async configure(configured: { control: Control; global: boolean }[]): Promise<void> {
    this.names = configured.map((c) => String(c.control.name ?? ''));
    this.cleanup = configured.map((c) => c.control);
    const answer = await this.request('configure_control', {
      op: 'start',
      experiment: this.start.experiment,
      configuration: this.start.configuration,
      secrets: this.start.secrets,
      settings: this.settings,
      controls: configured.map((c) => ({ ...wire(c.control, rawArguments(c.control)), global: c.global })),
    });
    // chaoslib deregisters a global control whose module cannot be imported or whose configure_control raised.
    const failed = new Set(answer.failed ?? []);
    this.globals = this.globals.filter((_, i) => !failed.has(i));
  }

  async apply(level: Parameters<ControlSession['apply']>[0], scope: 'before' | 'after', context: Readonly<Record<string, unknown>>, state?: unknown) {
    const controls = controlsAt(level, scope, this.start.experiment, context, this.globals);
    if (controls.length === 0) return {};
    const hook = hookName(level, scope);
    const answer = await this.request(hook, {
      op: 'apply',
      hook,
      context,
      state: state ?? null,
      controls: controls.map((c) => wire(c, substitute(rawArguments(c), this.scope))),
    });
    return answer.interrupt !== undefined ? { interrupt: answer.interrupt } : {};
  }

  close(): Promise<void> {
    this.closed ??= (async () => {
      if (this.cleanup.length > 0) await this.request('cleanup_control', { op: 'cleanup', controls: this.cleanup.map((c) => wire(c, {})) });
      this.requests.end();
      this.kill();
      await this.exited;
      this.start.signal.removeEventListener('abort', this.onInterrupt);
      this.start.hardSignal.removeEventListener('abort', this.onHardInterrupt);
    })();
    return this.closed;
  }

  report(): ControlReport {
    return { controls: [...this.names], errors: [...this.errors] };
  }

  /** One request at a time, in order; never rejects. */
  private request(hook: string, body: Record<string, unknown>): Promise<Answer> {
    const next = this.queue.then(() => this.send(hook, body));
    this.queue = next;
    return next;
  }

  private send(hook: string, body: Record<string, unknown>): Promise<Answer> {
    if (this.dead !== undefined || (this.closed && body.op !== 'cleanup')) return Promise.resolve({});
    return new Promise<Answer>((resolve) => {
      const timer = setTimeout(() => {
        this.record({ control: '', hook, kind: 'timeout', error: `${hook} took longer than ${this.timeoutMs / 1000} s: the control process was killed` });
        this.die('a hook timed out');
      }, this.timeoutMs);
      this.pending = {
        hook,
        resolve: (answer) => {
          clearTimeout(timer);
          this.pending = undefined;
          for (const e of answer.errors ?? []) this.record(e);
          resolve(answer);
        },
      };
      this.requests.write(`${JSON.stringify(body)}\n`);
    });
  }

  private readAnswers(answers: Readable): void {
    let buffer = '';
    answers.setEncoding('utf8');
    answers.on('data', (chunk: string) => {
      buffer += chunk;
      let at = buffer.indexOf('\n');
      while (at >= 0) {
        const line = buffer.slice(0, at);
        buffer = buffer.slice(at + 1);
        let answer: Answer = {};
        try {
          answer = JSON.parse(line) as Answer;
        } catch {
          this.record({ control: '', hook: this.pending?.hook ?? '', kind: 'bridge', error: 'the control process answered something that is not JSON' });
        }
        this.pending?.resolve(answer);
        at = buffer.indexOf('\n');
      }
      if (buffer.length > MAX_ANSWER_CHARS) {
        this.record({ control: '', hook: this.pending?.hook ?? '', kind: 'bridge', error: 'the control process answered more than 1 MiB' });
        this.die('its answer was too long');
      }
    });
    answers.on('error', () => undefined);
  }

  private record(e: ControlError): void {
    const error = String(e.error ?? '');
    const kept: ControlError = {
      control: String(e.control ?? ''),
      hook: String(e.hook ?? ''),
      kind: e.kind,
      error: error.length > MAX_ERROR_CHARS ? `${error.slice(0, MAX_ERROR_CHARS - 1)}…` : error,
    };
    this.errors.push(kept);
    const who = kept.control ? `control '${kept.control}'` : 'a control';
    const what = kept.kind === 'interrupt' ? 'interrupted the execution in' : 'failed in';
    this.start.warn(`${who} ${what} ${kept.hook || 'its process'}: ${kept.error}`);
  }

  /** The process is gone (or given up on): what is pending ends, the remaining hooks are skipped. */
  private die(why: string): void {
    if (this.dead !== undefined) return;
    this.dead = why;
    const pending = this.pending;
    if (!this.closed) this.record({ control: '', hook: pending?.hook ?? '', kind: 'bridge', error: `${why}; the remaining control hooks were skipped` });
    this.kill();
    pending?.resolve({});
  }

  private kill(): void {
    try {
      if (this.child.pid) process.kill(-this.child.pid, 'SIGKILL');
    } catch {
      // already gone
    }
  }

  /** The run is interrupted: a hook running now gets a KeyboardInterrupt, as under `chaos run`, and a moment to end. */
  private readonly onInterrupt = (): void => {
    const pending = this.pending;
    if (!pending || !this.child.pid) return;
    try {
      process.kill(this.child.pid, 'SIGINT');
    } catch {
      return;
    }
    setTimeout(() => {
      if (this.pending === pending) this.die(`${pending.hook} did not end after the interruption`);
    }, INTERRUPT_GRACE_MS).unref();
  };

  private readonly onHardInterrupt = (): void => this.die('the run was interrupted twice');
}
