// Python's str(x) for the exceptions chaosaws catches with a bare `except Exception as x` and
// folds into its own message ("failed issuing a reboot of db instance 'db-1': '<str(x)>'").
// An AWS service error reads as botocore's ClientError text (BotoClientError's message); a network
// or credentials failure reads as its own message.

/** The text of a caught error; an interruption is rethrown untouched, never folded into a message. */
export function exceptionText(err: unknown, signal: AbortSignal): string {
  if (signal.aborted) throw err;
  return err instanceof Error ? err.message : String(err);
}
