// Users' control plug-ins, as the engine sees them: a session that calls the hooks of the controls
// applying at a level (chaoslib/control/__init__.py `controls()`, `Control.begin/end`), started
// once per experiment. The engine knows no Python: the session is given (src/app/wiring.ts builds
// it on the python bridge). An experiment without a python control has no session: no work at all.
import type { ControlSession } from '../contract/controls.js';
import type { ControlLevel, ControlScope } from '../experiment/controls.js';
import { Interrupted } from './interrupted.js';

export type { ControlError, ControlReport, ControlSession, ControlStart, StartControls } from '../contract/controls.js';

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
