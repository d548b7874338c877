// What an engine test's run gets: the real clock and providers, silent events, this machine's PATH,
// and an interruption that never comes.
import { runProviders } from '../../src/app/providers.js';
import { systemClock } from '../../src/engine/clock.js';
import { silentEvents } from '../../src/engine/events.js';
import type { RunDependencies } from '../../src/engine/runner.js';

export function localRunDependencies(): RunDependencies {
  const never = new AbortController().signal;
  return {
    clock: systemClock,
    runProvider: runProviders({ python: 'python3' }),
    events: silentEvents,
    env: { PATH: process.env.PATH ?? '' },
    cwd: process.cwd(),
    interruption: { signal: never, hardSignal: never },
  };
}
