// AWS service errors as chaosaws reports them. botocore raises ClientError, whose text is
// "An error occurred (<Code>) when calling the <Operation> operation: <Message>"; chaoslib records
// that text when a chaosaws function lets it escape, and several functions catch it and format only
// the AWS message. SDK v3 errors carry the same code and message, so we rebuild both forms.
import { ActivityFailed } from '../../contract/provider.js';

/** An AWS service error (botocore's ClientError): `message` is botocore's str(), `awsMessage` AWS's text. */
export class BotoClientError extends ActivityFailed {
  constructor(
    readonly code: string,
    readonly operation: string,
    readonly awsMessage: string,
  ) {
    super(`An error occurred (${code}) when calling the ${operation} operation: ${awsMessage}`);
  }
}

/** True for an error the AWS service answered with (not a network failure, not an abort). */
function isServiceError(err: unknown): err is Error & { $fault: string; Code?: string } {
  return err instanceof Error && typeof (err as { $fault?: unknown }).$fault === 'string';
}

/**
 * Awaits one SDK command and turns an AWS service error into a BotoClientError named for the API
 * operation. The name is passed in because bundling minifies the command class names.
 */
export async function boto<T>(operation: string, pending: Promise<T>): Promise<T> {
  try {
    return await pending;
  } catch (err) {
    if (isServiceError(err)) {
      const code = err.Code ?? (err.name && err.name !== 'Error' ? err.name : 'Unknown');
      throw new BotoClientError(code, operation, err.message);
    }
    throw err;
  }
}

/** The AWS message of a service error (chaosaws's `e.response["Error"]["Message"]`), else rethrows. */
export function awsMessage(err: unknown): string {
  if (err instanceof BotoClientError) return err.awsMessage;
  throw err;
}
