// Confirming a fault after the call that injected it: AWS is eventually consistent (an RDS
// failover event shows up seconds after the reboot, a FIS experiment starts "initiating"), so the
// function's read-only check is asked again until it confirms, says its answer is final, or the
// timeout is over. Time and sleep are passed in: tests run it with a fake clock.
import type { FaultConfirmation } from '../contract/provider.js';
import type { Observation } from './functions/types.js';

/** How long to wait between two looks (capped by what is left of the timeout). */
export const CONFIRM_INTERVAL_MS = 5_000;
/** The default bound on the whole confirmation of one fault (the fault-confirm-timeout setting). */
export const DEFAULT_CONFIRM_TIMEOUT_MS = 60_000;

export interface ConfirmClock {
  now(): number;
  sleep(ms: number, signal: AbortSignal): Promise<void>;
}

export interface ConfirmOptions {
  readonly timeoutMs: number;
  readonly intervalMs: number;
  readonly clock: ConfirmClock;
  readonly signal: AbortSignal;
}

const seconds = (ms: number): string => `${Number((ms / 1000).toFixed(1))} s`;

export async function confirmFault(fault: string, check: () => Promise<Observation>, o: ConfirmOptions): Promise<FaultConfirmation> {
  const deadline = o.clock.now() + o.timeoutMs;
  for (;;) {
    let seen: Observation;
    try {
      seen = await check();
    } catch (e) {
      // An interruption stays one; anything else is an answer that confirms nothing.
      if (o.signal.aborted) throw e;
      seen = { confirmed: false, seen: `AWS could not be read: ${e instanceof Error ? e.message : String(e)}` };
    }
    if (seen.confirmed) return { fault, confirmed: true, seen: seen.seen };
    if (seen.final) return { fault, confirmed: false, seen: seen.seen };
    const left = deadline - o.clock.now();
    if (left <= 0) return { fault, confirmed: false, seen: `${seen.seen} (still so after ${seconds(o.timeoutMs)}, the fault-confirm-timeout)` };
    await o.clock.sleep(Math.min(o.intervalMs, left), o.signal);
  }
}
