// Users' control plug-ins, as the engine sees them: a session that calls the hooks of the controls
// applying at a level (chaoslib/control/__init__.py `controls()`, `Control.begin/end`), started
// once per experiment. The engine knows no Python: the session is given (src/app/wiring.ts builds
// it on the python bridge). An experiment without a python control has no session: no work at all.
import type { ControlLevel, ControlScope } from '../experiment/controls.js';
import { Interrupted } from './interrupted.js';

/** One hook that did not end well: it raised (chaoslib logs it and goes on), timed out, or its process died. */
export interface ControlError {
  readonly control: string;
  readonly hook: string;
  /** `interrupt`: it raised InterruptExecution (the run is interrupted, as in chaoslib). */
  readonly kind: 'error' | 'interrupt' | 'timeout' | 'bridge';
  readonly error: string;
}

/** What the journal keeps under `chaos-action.controls`. */
export interface ControlReport {
  /** The python controls configured for the experiment, by name, in order. */
  readonly controls: string[];
  readonly errors: ControlError[];
}

export interface ControlSession {
  /**
   * Calls `<scope>_<level>_control` of each control applying on `context`, with `state` (after
   * only). Resolves with the message of an InterruptExecution one of them raised (the later ones
   * then do not run, as in chaoslib); every other failure is recorded and the run goes on.
   */
  apply(level: ControlLevel, scope: ControlScope, context: Readonly<Record<string, unknown>>, state?: unknown): Promise<{ interrupt?: string }>;
  /** cleanup_control of each control, then the session's process is gone. Never throws; idempotent. */
  close(): Promise<void>;
  report(): ControlReport;
}

export interface ControlStart {
  /** The experiment as the run sees it (the journal's `experiment`): the hooks' `experiment` and top-level `context`. */
  readonly experiment: Record<string, unknown>;
  readonly configuration: Record<string, unknown>;
  readonly secrets: Record<string, unknown>;
  /** The environment and folder the experiment's processes get (the runner's tokens withheld). */
  readonly env: Readonly<Record<string, string>>;
  readonly cwd: string;
  /** Says what a failed hook did (the run's warnings). */
  readonly warn: (message: string) => void;
  /** The run's first interruption: a hook running then gets a KeyboardInterrupt, as under `chaos run`. */
  readonly signal: AbortSignal;
  /** The second: the session's process is killed. */
  readonly hardSignal: AbortSignal;
}

/** Starts the experiment's control session (configure_control done), or none when it declares no python control. */
export type StartControls = (start: ControlStart) => Promise<ControlSession | undefined>;

/** Applies one scope's hooks; an InterruptExecution interrupts the run. */
export async function applyControls(
  controls: ControlSession,
  level: ControlLevel,
  scope: ControlScope,
  context: Readonly<Record<string, unknown>>,
  state?: unknown,
): Promise<void> {
  const { interrupt } = await controls.apply(level, scope, context, state);
  if (interrupt !== undefined) throw new Interrupted(`a ${scope}-${level} control interrupted the execution: ${interrupt}`);
}

/**
 * Runs `body` inside a level's controls, as chaoslib's `with controls(...) as control:` does: the
 * before hooks, the body, then the after hooks on every path (with the state the body kept with
 * `keep`, else None — also when a before hook interrupted the run).
 */
export async function withControls<T>(
  controls: ControlSession,
  level: ControlLevel,
  context: Readonly<Record<string, unknown>>,
  body: (keep: (state: unknown) => void) => Promise<T>,
): Promise<T> {
  let state: unknown = null;
  try {
    await applyControls(controls, level, 'before', context);
    return await body((s) => {
      state = s;
    });
  } finally {
    await applyControls(controls, level, 'after', context, state);
  }
}
