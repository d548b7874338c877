// The unexpected errors of a run (chaoslib would crash or abort on them), with the phase and the
// activity they came from: recorded, never thrown, so that the journal and the rollbacks follow.
import { UnexpectedActivityError } from './activity.js';

export interface RunError {
  readonly phase: string;
  readonly activity?: string;
  readonly message: string;
}

/** Records an unexpected error (chaoslib would crash or abort on it) with the activity it came from. */
export function errorRecorder(errors: RunError[]): (phase: string, e: unknown) => void {
  return (phase, e) => {
    const unexpected = e instanceof UnexpectedActivityError;
    errors.push({ phase, ...(unexpected ? { activity: e.activityName } : {}), message: describeCause(unexpected ? e.cause : e) });
  };
}

function describeCause(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}
