// urllib3's Retry as requests' HTTPAdapter(max_retries=...) sets it up: which failures and which
// answers are retried, how many times, and how long a Retry-After answer makes it wait.
import { pyError } from './errors.js';
import { pythonTypeOf, pythonTruthy } from '../../python/values.js';

const RETRY_METHODS = new Set(['HEAD', 'GET', 'PUT', 'DELETE', 'OPTIONS', 'TRACE']);
const RETRY_AFTER_STATI = new Set([413, 429, 503]);
const RETRY_AFTER_MAX_S = 21600;
/** Bounds the retry loop whatever max_retries says. */
export const MAX_ATTEMPTS = 1000;

/** The Retry the session's adapter is mounted with. */
export interface RetryPolicy {
  /** Retry.total: a number of retries, or whatever max_retries was (a TypeError once counted down). */
  readonly total: unknown;
  /** Whether read errors count as retryable at all (read=False turns them off). */
  readonly readRetries: boolean;
}

export function retryPolicy(maxRetries: unknown): RetryPolicy {
  // HTTPAdapter(max_retries=n): 0 (or False) is Retry(0, read=False), None is Retry.DEFAULT
  // (3 retries), anything else Retry(n): connect and TLS errors count, read errors count for
  // idempotent methods only, and 413/429/503 answers with a Retry-After header are retried.
  return {
    readRetries: !(maxRetries === 0 || maxRetries === false),
    total: maxRetries === null ? 3 : maxRetries === true ? 1 : maxRetries === false ? 0 : maxRetries,
  };
}

/** The retries left while urllib3's urlopen sends one request (one adapter.send). */
export class RetryBudget {
  private total: unknown;

  constructor(
    private readonly policy: RetryPolicy,
    private readonly method: string,
  ) {
    this.total = policy.total;
  }

  /** Whether a read error (or a read timeout) may be retried rather than raised at once. */
  retriesReadErrors(): boolean {
    return this.policy.readRetries && RETRY_METHODS.has(this.method);
  }

  /** Whether an answer is retried after the delay its Retry-After header asks for. */
  retriesAnswer(status: number, retryAfter: string | undefined): retryAfter is string {
    return RETRY_METHODS.has(this.method) && pythonTruthy(this.total) && !!retryAfter && RETRY_AFTER_STATI.has(status);
  }

  /** Retry.increment: one retry fewer, returning how many are left (negative: exhausted). */
  decrement(): number {
    if (typeof this.total !== 'number') throw pyError('TypeError', `unsupported operand type(s) for -=: '${pythonTypeOf(this.total)}' and 'int'`);
    this.total -= 1;
    return this.total;
  }
}

/** urllib3's Retry.parse_retry_after (seconds, or an HTTP date), capped at 6 hours. */
export function parseRetryAfter(value: string): number {
  let seconds: number;
  if (/^\s*[0-9]+\s*$/.test(value)) seconds = Number(value.trim());
  else {
    const t = Date.parse(value);
    if (Number.isNaN(t)) throw pyError('requests.exceptions.InvalidHeader', `Invalid Retry-After header: ${value}`);
    seconds = (t - Date.now()) / 1000;
  }
  return Math.min(Math.max(seconds, 0), RETRY_AFTER_MAX_S);
}
