// The contract between the engine and whoever runs users' control plug-ins (the python bridge,
// src/providers/python-controls.ts): a session per experiment that calls the hooks of the controls
// applying at a level. The engine knows no Python; it only calls a session it is given.
import type { ControlLevel, ControlScope } from '../experiment/controls.js';

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
