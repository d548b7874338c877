// The answer of an http activity, as chaoslib's run_http_activity returns it.
import { responseText } from './charset.js';
import { pyError } from './errors.js';
import { headerValue, type ResponseHeaders } from './headers.js';
import { defineKey } from '../../python/values.js';

export interface Response {
  url: string;
  status: number;
  headers: ResponseHeaders;
  /** As received for redirects; decoded (Content-Encoding) for the final answer. */
  body: Buffer;
}

/** chaoslib's result: {status, headers: dict(**r.headers), body}. */
export function responseResult(response: Response): { status: number; headers: Record<string, string>; body: unknown } {
  const headers: Record<string, string> = {};
  for (const { name, values } of response.headers.values()) defineKey(headers, name, values.join(', '));
  const contentType = headerValue(response.headers, 'content-type');
  let body: unknown;
  if (contentType === 'application/json') {
    const text = responseText(response.body, contentType);
    try {
      body = JSON.parse(text);
    } catch (e) {
      // r.json() raising: chaoslib lets it escape, so the run aborts (or crashes).
      throw pyError(
        'requests.exceptions.JSONDecodeError',
        `the response declares Content-Type application/json but its body is not JSON (${(e as Error).message})`,
      );
    }
  } else {
    body = responseText(response.body, contentType);
  }
  return { status: response.status, headers, body };
}
