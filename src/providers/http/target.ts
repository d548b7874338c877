// Where a prepared URL sends the request: requests' connection-adapter lookup and what urllib3
// makes of the URL (host, port, request target, Host header).
import { pythonRepr } from '../../python/values.js';
import { pyError } from './errors.js';
import { encodeInvalidChars, PATH_CHARS, QUERY_CHARS } from './quoting.js';
import { memoized } from './memo.js';
import { urlsplit } from './urlsplit.js';

export interface Target {
  scheme: 'http' | 'https';
  /** Lowercased, without IPv6 brackets (urlparse().hostname). */
  hostname: string;
  port: number;
  /** The request target: path_url run through urllib3's _encode_target. */
  path: string;
  /** The Host header http.client sends. */
  hostHeader: string;
  /** urllib3's names for the pool and the connection, as its error messages give them. */
  pool: string;
  connection: string;
}

/** What requests' adapter and urllib3 make of a prepared URL (frozen: it is remembered and shared). */
export const targetOf: (url: string) => Readonly<Target> = memoized((url) => Object.freeze(parseTarget(url)));

function parseTarget(url: string): Target {
  const lower = url.toLowerCase();
  if (!lower.startsWith('http://') && !lower.startsWith('https://')) {
    throw pyError('requests.exceptions.InvalidSchema', `No connection adapters were found for ${pythonRepr(url)}`);
  }
  const p = urlsplit(url);
  const scheme = p.scheme as 'http' | 'https';
  const hostPort = p.netloc.slice(p.netloc.lastIndexOf('@') + 1);
  let hostname: string;
  let portText = '';
  if (hostPort.startsWith('[')) {
    const close = hostPort.indexOf(']');
    hostname = hostPort.slice(1, close >= 0 ? close : undefined);
    const rest = close >= 0 ? hostPort.slice(close + 1) : '';
    if (rest.startsWith(':')) portText = rest.slice(1);
  } else {
    const colon = hostPort.indexOf(':');
    hostname = colon >= 0 ? hostPort.slice(0, colon) : hostPort;
    if (colon >= 0) portText = hostPort.slice(colon + 1);
  }
  hostname = hostname.toLowerCase();
  if (!hostname) throw pyError('requests.exceptions.InvalidURL', 'No host specified.');
  const defaultPort = scheme === 'https' ? 443 : 80;
  let port = defaultPort;
  if (portText) {
    if (!/^\d+$/.test(portText) || Number(portText) > 65535) throw pyError('requests.exceptions.InvalidURL', `Failed to parse: ${url}`);
    port = Number(portText);
  }
  const pathUrl = (p.path || '/') + (p.query ? '?' + p.query : '');
  const m = /^(\/[^?#]*)(?:\?([^#]*))?/s.exec(pathUrl);
  let path = pathUrl;
  if (m) {
    path = encodeInvalidChars(m[1] as string, PATH_CHARS);
    if (m[2] !== undefined) path += '?' + encodeInvalidChars(m[2], QUERY_CHARS);
  }
  const hostForHeader = hostname.includes(':') ? `[${hostname}]` : hostname;
  const hostHeader = port === defaultPort ? hostForHeader : `${hostForHeader}:${port}`;
  const names = `(host=${pythonRepr(hostname)}, port=${port})`;
  const kind = scheme === 'https' ? 'HTTPS' : 'HTTP';
  return { scheme, hostname, port, path, hostHeader, pool: `${kind}ConnectionPool${names}`, connection: `${kind}Connection${names}` };
}
