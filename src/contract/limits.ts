// The bounds a run puts on what its activities may cost: how much of an answer is kept, and how
// long an http or process activity may take. Everything a target or a process sends is hostile
// until bounded (DESIGN.md, safety rules). The defaults are documented in the README's "Limits";
// the settings table (src/app/settings.ts) lets a user raise them for a run.

export const KiB = 1024;
export const MiB = 1024 * KiB;

/** Bytes kept of an http response body, of a process's stdout, of its stderr. */
export const DEFAULT_MAX_OUTPUT_BYTES = 10 * MiB;
/** The smallest max-output a run accepts: the truncation mark itself needs room. */
export const MIN_MAX_OUTPUT_BYTES = KiB;
/** Seconds an http activity without a `timeout` may take, in all (requests would wait forever). */
export const DEFAULT_HTTP_DEADLINE_S = 60;
/** Seconds a process activity without a `timeout` may take before its process group is killed. */
export const DEFAULT_PROCESS_DEADLINE_S = 600;
/** Nesting kept of a recorded value (an activity's output); deeper values become a marker string. */
export const MAX_RECORDED_DEPTH = 64;

export interface ActivityLimits {
  /** Bytes kept of an http body and of each of a process's stdout and stderr. */
  readonly maxOutputBytes: number;
  /** Seconds an http or process activity that sets no `timeout` may take; undefined: each provider's default. */
  readonly activityTimeout?: number;
}

export const DEFAULT_LIMITS: ActivityLimits = { maxOutputBytes: DEFAULT_MAX_OUTPUT_BYTES };
