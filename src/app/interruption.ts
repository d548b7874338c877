// SIGINT/SIGTERM as a run understands them: the first stops the running activity (its process
// group is killed, its request aborted) and lets the rollbacks play; the second cuts the
// rollbacks short; a third exits at once. On a cancelled GitHub job the runner sends SIGINT, then
// SIGTERM 7.5 s later: the action's post step reverts what the rollbacks did not finish.
import type { Interruption } from '../engine/runner.js';

export interface InstalledInterruption {
  readonly interruption: Interruption;
  dispose(): void;
}

/** `exit` ends the process on a third signal: the entry point's to give (only entry points end the process). */
export function installInterruption(say: (message: string) => void, exit: (code: number) => void): InstalledInterruption {
  const first = new AbortController();
  const second = new AbortController();
  const onSignal = (signal: NodeJS.Signals): void => {
    if (!first.signal.aborted) {
      say(`${signal} received: stopping the running activity, then playing the rollbacks (send it again to skip them)`);
      first.abort();
    } else if (!second.signal.aborted) {
      say(`${signal} received again: skipping what is left of the rollbacks`);
      second.abort();
    } else {
      say(`${signal} received a third time: exiting now`);
      exit(130);
    }
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  return {
    interruption: { signal: first.signal, hardSignal: second.signal },
    dispose: () => {
      process.off('SIGINT', onSignal);
      process.off('SIGTERM', onSignal);
    },
  };
}
