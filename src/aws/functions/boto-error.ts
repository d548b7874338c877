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

/** The HTTP answer an SDK error carries when the SDK could not read it (a deserialization error). */
interface RawAnswer {
  readonly statusCode: number;
  readonly headers?: Readonly<Record<string, string>>;
}

function rawAnswerOf(err: unknown): { answer: RawAnswer; bodyText?: string } | undefined {
  if (!(err instanceof Error)) return undefined;
  const { $response: answer, $responseBodyText: bodyText } = err as { $response?: Partial<RawAnswer>; $responseBodyText?: unknown };
  if (!answer || typeof answer.statusCode !== 'number') return undefined;
  return { answer: answer as RawAnswer, ...(typeof bodyText === 'string' ? { bodyText } : {}) };
}

/** Python's http.client.responses for the statuses a proxy or an emulator answers with. */
const REASONS: Readonly<Record<number, string>> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  407: 'Proxy Authentication Required',
  408: 'Request Timeout',
  413: 'Request Entity Too Large',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  501: 'Not Implemented',
  502: 'Bad Gateway',
  503: 'Service Unavailable',
  504: 'Gateway Timeout',
};

/** How much of an unreadable answer's body a message quotes. */
const BODY_START = 160;

/** A body start fit for one line of a log: whitespace collapsed, control characters dropped, cut. */
function bodyStart(text: string): string {
  const flat = text
    .replace(/[\u0000-\u001f\u007f]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  return flat.length > BODY_START ? `${flat.slice(0, BODY_START)}…` : flat;
}

/**
 * An answer the SDK could not read (HTML from a proxy, an emulator's 404): botocore's ClientError
 * for it ("An error occurred (404) when calling the X operation: Not Found"), with what came back
 * (the status, the content type and the start of the body), instead of the parser's complaint.
 */
export function unreadableAnswer(operation: string, err: unknown): BotoClientError | undefined {
  const raw = rawAnswerOf(err);
  if (!raw || isServiceError(err)) return undefined;
  const { statusCode } = raw.answer;
  const type = raw.answer.headers?.['content-type'] ?? raw.answer.headers?.['Content-Type'];
  const parser = (err as Error).message.split('\n')[0]?.trim() ?? '';
  const body =
    raw.bodyText !== undefined ? (raw.bodyText.trim() ? `, body starts: ${JSON.stringify(bodyStart(raw.bodyText))}` : ', empty body') : ` (${parser})`;
  const reason = REASONS[statusCode] ?? (statusCode >= 200 && statusCode < 300 ? 'OK' : 'Unknown');
  return new BotoClientError(
    String(statusCode),
    operation,
    `${reason} (the endpoint answered HTTP ${statusCode}${type ? ` ${type}` : ''}, not an AWS answer${body})`,
  );
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
    throw unreadableAnswer(operation, err) ?? err;
  }
}

/** The AWS message of a service error (chaosaws's `e.response["Error"]["Message"]`), else rethrows. */
export function awsMessage(err: unknown): string {
  if (err instanceof BotoClientError) return err.awsMessage;
  throw err;
}
