// The answer of an http activity, as chaoslib's run_http_activity returns it.
import { MARKER_ROOM, truncationMarker, utf8HeadEnd } from '../../contract/truncation.js';
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
  /** The body was longer than `limit` bytes (on the wire or once decoded): only its head is here. */
  truncated: boolean;
  /** Bytes kept of a body (max-output). */
  limit: number;
}

/** chaoslib's result: {status, headers: dict(**r.headers), body}. */
export function responseResult(response: Response): { status: number; headers: Record<string, string>; body: unknown } {
  const headers: Record<string, string> = {};
  for (const { name, values } of response.headers.values()) defineKey(headers, name, values.join(', '));
  const contentType = headerValue(response.headers, 'content-type');
  if (response.truncated) return { status: response.status, headers, body: truncatedText(response, contentType) };
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

/**
 * A body over max-output: its head as text (never parsed as JSON: the rest is missing), then a
 * marker saying where it was cut; the whole is at most the limit in characters.
 */
function truncatedText(response: Response, contentType: string | undefined): string {
  const head = response.body.subarray(0, Math.max(0, response.limit - MARKER_ROOM));
  const kept = head.subarray(0, utf8HeadEnd(head));
  const declared = headerValue(response.headers, 'content-length');
  const size = declared && /^\d+$/.test(declared) ? ` (Content-Length: ${declared})` : '';
  return (
    responseText(kept, contentType) +
    truncationMarker(`the body is longer than ${response.limit} bytes${size}: its first ${kept.length} bytes are kept, the rest was not read (max-output)`)
  );
}
