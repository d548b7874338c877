// HTTP headers as requests and urllib3 handle them: requests' case-insensitive header dict and its
// validation, the headers actually written on the wire, and the response headers as received.
import { pythonRepr } from '../../python/values.js';
import { pyError } from './errors.js';
import { pythonTypeOf } from '../../python/values.js';
import type { Prepared } from './request.js';
import type { Target } from './target.js';

/** Sent instead of requests' `python-requests/2.34.2` (the only intended header difference). */
export const HTTP_USER_AGENT = 'chaos-action';

const METHODS_NOT_EXPECTING_BODY = new Set(['GET', 'HEAD', 'DELETE', 'TRACE', 'OPTIONS', 'CONNECT']);

/** requests' CaseInsensitiveDict: ordered, case-insensitive, keeps the last-set casing. */
export class HeaderMap {
  private readonly map = new Map<string, [string, string]>();
  set(name: string, value: string): void {
    this.map.set(name.toLowerCase(), [name, value]);
  }
  get(name: string): string | undefined {
    return this.map.get(name.toLowerCase())?.[1];
  }
  has(name: string): boolean {
    return this.map.has(name.toLowerCase());
  }
  delete(name: string): void {
    this.map.delete(name.toLowerCase());
  }
  entries(): [string, string][] {
    return [...this.map.values()].map(([k, v]) => [k, v]);
  }
  copy(): HeaderMap {
    const c = new HeaderMap();
    for (const [k, v] of this.entries()) c.set(k, v);
    return c;
  }
}

const HEADER_NAME_RE = /^[^:\s][^:\r\n]*$/;
const HEADER_VALUE_RE = /^\S[^\r\n]*$|^$/;

/** requests.utils.check_header_validity. */
export function checkHeaderValidity(name: string, value: unknown): void {
  if (!HEADER_NAME_RE.test(name)) {
    throw pyError(
      'requests.exceptions.InvalidHeader',
      `Invalid leading whitespace, reserved character(s), or return character(s) in header name: ${pythonRepr(name)}`,
    );
  }
  if (typeof value !== 'string') {
    throw pyError(
      'requests.exceptions.InvalidHeader',
      `Header part (${pythonRepr(value)}) from (${pythonRepr(name)}, ${pythonRepr(value)}) must be of type str or bytes, not <class '${pythonTypeOf(value)}'>`,
    );
  }
  if (!HEADER_VALUE_RE.test(value)) {
    throw pyError(
      'requests.exceptions.InvalidHeader',
      `Invalid leading whitespace, reserved character(s), or return character(s) in header value: ${pythonRepr(value)}`,
    );
  }
}

/** Response headers by lowercased name: the name as the server cased it, and every value. */
export type ResponseHeaders = Map<string, { name: string; values: string[] }>;

export function headerValue(headers: ResponseHeaders, name: string): string | undefined {
  return headers.get(name.toLowerCase())?.values.join(', ');
}

export function groupHeaders(rawHeaders: readonly string[]): ResponseHeaders {
  const grouped = new Map<string, { name: string; values: string[] }>();
  for (let i = 0; i + 1 < rawHeaders.length; i += 2) {
    const name = rawHeaders[i] as string;
    const key = name.toLowerCase();
    let entry = grouped.get(key);
    if (!entry) grouped.set(key, (entry = { name, values: [] }));
    entry.values.push(rawHeaders[i + 1] as string);
  }
  return grouped;
}

/**
 * The headers as urllib3 / http.client send them: Host (and `Accept-Encoding: identity` when the
 * caller removed requests' default), then the framing urllib3 adds itself, then its own
 * User-Agent when none is left (ours stands in for it), then requests' headers in order.
 */
export function wireHeaders(prepared: Prepared, target: Target): string[] {
  const out: string[] = [];
  const has = (name: string): boolean => prepared.headers.has(name);
  if (!has('host')) out.push('Host', target.hostHeader);
  if (!has('accept-encoding')) out.push('Accept-Encoding', 'identity');
  // requests' adapter: chunked = not (body is None or "Content-Length" in headers).
  const chunked = prepared.body !== null && !has('content-length');
  if (chunked) {
    if (!has('transfer-encoding')) out.push('Transfer-Encoding', 'chunked');
  } else if (!has('content-length') && !has('transfer-encoding') && prepared.body === null && !METHODS_NOT_EXPECTING_BODY.has(prepared.method)) {
    // A redirected request lost its Content-Length: urllib3 sends 0 for methods expecting a body.
    out.push('Content-Length', '0');
  }
  if (!has('user-agent')) out.push('User-Agent', HTTP_USER_AGENT);
  for (const [name, value] of prepared.headers.entries()) out.push(name, value);
  return out;
}
