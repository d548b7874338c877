// Request preparation (requests.Session.prepare_request + PreparedRequest.prepare): the URL with
// its query, the merged and validated headers, the body and its framing, Basic auth from the URL.
import { pythonRepr, pythonStr } from '../../python/values.js';
import { encodeParams, requestsJsonDumps } from './arguments.js';
import { pyError } from './errors.js';
import { checkHeaderValidity, HeaderMap, HTTP_USER_AGENT } from './headers.js';
import { parseUrl3 } from './parse-url.js';
import { pythonTruthy } from '../../python/values.js';
import { pyUnquote, requoteUri } from './quoting.js';
import { memoized } from './memo.js';
import { urlsplit, urlunsplit } from './urlsplit.js';

export interface Prepared {
  method: string;
  url: string;
  headers: HeaderMap;
  body: Buffer | null;
}

/**
 * URLs without params prepared (prepare_url is a pure function of the URL): a probe that every run
 * of the hypothesis and every recovery sample sends again is prepared once.
 */
const preparedUrl = memoized((url) => prepareUrl(url, null));

/** requests.PreparedRequest.prepare_url. */
function prepareUrl(rawUrl: string, params: unknown): string {
  const url = rawUrl.replace(/^\s+/, '');
  if (url.includes(':') && !url.toLowerCase().startsWith('http')) return url;
  const u = parseUrl3(url);
  if (!u.scheme) {
    throw pyError('requests.exceptions.MissingSchema', `Invalid URL ${pythonRepr(url)}: No scheme supplied. Perhaps you meant https://${url}?`);
  }
  if (!u.host) throw pyError('requests.exceptions.InvalidURL', `Invalid URL ${pythonRepr(url)}: No host supplied`);
  if (u.host.startsWith('*') || u.host.startsWith('.')) throw pyError('requests.exceptions.InvalidURL', 'URL has an invalid label.');
  let netloc = u.auth ? `${u.auth}@` : '';
  netloc += u.host;
  if (u.port) netloc += `:${u.port}`;
  const path = u.path || '/';
  let query = u.query;
  const encParams = params === null || params === undefined ? '' : encodeParams(params);
  if (pythonTruthy(encParams)) query = query ? `${query}&${pythonStr(encParams)}` : pythonStr(encParams);
  return requoteUri(urlunsplit({ scheme: u.scheme, netloc, path, query: query ?? '', fragment: u.fragment ?? '' }));
}

/** requests' default session headers, by lowercased name. */
const SESSION_HEADERS: ReadonlyMap<string, readonly [string, string]> = new Map(
  (
    [
      ['User-Agent', HTTP_USER_AGENT],
      ['Accept-Encoding', 'gzip, deflate'],
      ['Accept', '*/*'],
      ['Connection', 'keep-alive'],
    ] as const
  ).map((entry) => [entry[0].toLowerCase(), entry]),
);
const SESSION_ENTRIES: ReadonlySet<readonly [string, unknown]> = new Set(SESSION_HEADERS.values());

interface BodyArgs {
  params?: unknown;
  json?: unknown;
  data?: unknown;
}

export function prepareRequest(method: string, url: string, userHeaders: Record<string, unknown> | null, args: BodyArgs): Prepared {
  const params = args.params ?? null;
  const prepared = params === null ? preparedUrl(url) : prepareUrl(url, params);

  // merge_setting(request headers, session headers): user values override (keeping the session
  // header's position), None values delete, then every header is validated.
  const merged = new Map<string, readonly [string, unknown]>(SESSION_HEADERS);
  if (userHeaders) for (const [k, v] of Object.entries(userHeaders)) merged.set(k.toLowerCase(), [k, v]);
  const headers = new HeaderMap();
  for (const entry of merged.values()) {
    const [name, value] = entry;
    if (value === null || value === undefined) continue;
    // The session's own headers are valid: only what the experiment gave is checked.
    if (!SESSION_ENTRIES.has(entry)) checkHeaderValidity(name, value);
    headers.set(name, value as string);
  }

  // prepare_body
  let body: Buffer | null = null;
  let contentType: string | null = null;
  const data = args.data ?? null;
  const json = 'json' in args ? (args.json ?? null) : null;
  if (!pythonTruthy(data) && json !== null) {
    contentType = 'application/json';
    body = Buffer.from(requestsJsonDumps(json), 'utf8');
  } else if (pythonTruthy(data)) {
    const encoded = encodeParams(data);
    if (typeof encoded !== 'string') {
      throw pyError('TypeError', `'body' must be a bytes-like object, file-like object, or iterable. Instead was ${pythonRepr(encoded)}`);
    }
    body = Buffer.from(encoded, 'utf8');
    contentType = typeof data === 'string' ? null : 'application/x-www-form-urlencoded';
  }
  // prepare_content_length
  if (body !== null) {
    if (body.length) headers.set('Content-Length', String(body.length));
  } else if (method !== 'GET' && method !== 'HEAD' && headers.get('Content-Length') === undefined) {
    headers.set('Content-Length', '0');
  }
  if (contentType && !headers.has('content-type')) headers.set('Content-Type', contentType);

  // prepare_auth: credentials in the URL become a Basic Authorization header.
  const auth = authFromUrl(prepared);
  if (auth) headers.set('Authorization', basicAuth(auth[0], auth[1]));
  return { method, url: prepared, headers, body };
}

function authFromUrl(url: string): [string, string] | null {
  if (!url.includes('@')) return null;
  const { netloc } = urlsplit(url);
  const at = netloc.lastIndexOf('@');
  if (at < 0) return null;
  const userinfo = netloc.slice(0, at);
  const colon = userinfo.indexOf(':');
  if (colon < 0) return null; // no password: requests' get_auth_from_url gives ('', '')
  const user = pyUnquote(userinfo.slice(0, colon));
  const password = pyUnquote(userinfo.slice(colon + 1));
  return user || password ? [user, password] : null;
}

function basicAuth(user: string, password: string): string {
  const raw = `${user}:${password}`;
  if (/[^\x00-\xff]/.test(raw)) throw pyError('UnicodeEncodeError', "'latin-1' codec can't encode characters in the credentials of the URL");
  return 'Basic ' + Buffer.from(raw, 'latin1').toString('base64');
}
