export const ExitCode = {
  ok: 0,
  /** The gate failed: a verdict listed in --fail-on occurred. */
  gateFailed: 1,
  /** Invalid input: bad usage, invalid experiments, unreadable files. */
  invalidInput: 2,
  /** A bug in chaos-action. */
  internalError: 3,
} as const;
