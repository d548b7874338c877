// The activity's timeout as requests hands it to urllib3 (urllib3.util.Timeout validation): one
// number for both, or a (connect, read) pair.
import { pythonRepr, pythonStr } from '../../python/values.js';
import { pyError } from './errors.js';

export interface Timeouts {
  /** Seconds, or null for none. */
  connect: number | null;
  read: number | null;
}

export function resolveTimeout(timeout: unknown): Timeouts {
  if (Array.isArray(timeout)) {
    if (timeout.length !== 2) {
      const tuple = timeout.length === 1 ? `(${pythonRepr(timeout[0])},)` : `(${timeout.map(pythonRepr).join(', ')})`;
      throw pyError('ValueError', `Invalid timeout ${tuple}. Pass a (connect, read) timeout tuple, or a single float to set both timeouts to the same value.`);
    }
    return { connect: validateTimeout(timeout[0], 'connect'), read: validateTimeout(timeout[1], 'read') };
  }
  return { connect: validateTimeout(timeout, 'connect'), read: validateTimeout(timeout, 'read') };
}

function validateTimeout(value: unknown, name: string): number | null {
  if (value === null || value === undefined) return null;
  if (typeof value === 'boolean') throw pyError('ValueError', 'Timeout cannot be a boolean value. It must be an int, float or None.');
  if (typeof value !== 'number') throw pyError('ValueError', `Timeout value ${name} was ${pythonStr(value)}, but it must be an int, float or None.`);
  if (value <= 0) {
    throw pyError('ValueError', `Attempted to set ${name} timeout to ${pythonRepr(value)}, but the timeout cannot be set to a value less than or equal to 0.`);
  }
  return value;
}

/** setTimeout's ceiling (24.8 days): a longer budget is cut to it. */
const MAX_TIMER_MS = 2 ** 31 - 1;

/**
 * Ours: how long one attempt (connect, headers, body) may take in all: its connect and read
 * timeouts together (requests' read timeout bounds each wait, not the whole, so a peer sending a
 * byte now and then would hold it forever). Null unless both timeouts are set.
 */
export function attemptBudgetMs(timeouts: Timeouts): number | null {
  if (timeouts.connect === null || timeouts.read === null) return null;
  return Math.max(1, Math.min(Math.ceil((timeouts.connect + timeouts.read) * 1000), MAX_TIMER_MS));
}
