// urllib3.util.url.parse_url, which requests' prepare_url runs the provider's url through.
import { domainToASCII } from 'node:url';
import { pythonRepr } from '../../python/values.js';
import { pyError } from './errors.js';
import { encodeInvalidChars, PATH_CHARS, QUERY_CHARS, UNRESERVED, USERINFO_CHARS } from './quoting.js';

// urllib3.util.url regular expressions, verbatim.
const IPV4_PAT = '(?:[0-9]{1,3}\\.){3}[0-9]{1,3}';
const HEX_PAT = '[0-9A-Fa-f]{1,4}';
const LS32_PAT = `(?:${HEX_PAT}:${HEX_PAT}|${IPV4_PAT})`;
const IPV6_PAT =
  '(?:' +
  [
    `(?:${HEX_PAT}:){6}${LS32_PAT}`,
    `::(?:${HEX_PAT}:){5}${LS32_PAT}`,
    `(?:${HEX_PAT})?::(?:${HEX_PAT}:){4}${LS32_PAT}`,
    `(?:(?:${HEX_PAT}:)?${HEX_PAT})?::(?:${HEX_PAT}:){3}${LS32_PAT}`,
    `(?:(?:${HEX_PAT}:){0,2}${HEX_PAT})?::(?:${HEX_PAT}:){2}${LS32_PAT}`,
    `(?:(?:${HEX_PAT}:){0,3}${HEX_PAT})?::${HEX_PAT}:${LS32_PAT}`,
    `(?:(?:${HEX_PAT}:){0,4}${HEX_PAT})?::${LS32_PAT}`,
    `(?:(?:${HEX_PAT}:){0,5}${HEX_PAT})?::${HEX_PAT}`,
    `(?:(?:${HEX_PAT}:){0,6}${HEX_PAT})?::`,
  ].join('|') +
  ')';
const UNRESERVED_PAT = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789._\\-~';
const ZONE_ID_PAT = `(?:%25|%)(?:[${UNRESERVED_PAT}]|%[a-fA-F0-9]{2})+`;
const IPV6_ADDRZ_PAT = `\\[${IPV6_PAT}(?:${ZONE_ID_PAT})?\\]`;
const REG_NAME_PAT = '(?:[^\\[\\]%:/?#]|%[a-fA-F0-9]{2})*';
const HOST_PORT_RE = new RegExp(`^(${REG_NAME_PAT}|${IPV4_PAT}|${IPV6_ADDRZ_PAT})(?::0*?(|0|[1-9][0-9]{0,4}))?$`, 'su');
const SCHEME_RE = /^(?:[a-zA-Z][a-zA-Z0-9+-]*:|\/)/;
const URI_RE = /^(?:([a-zA-Z][a-zA-Z0-9+.-]*):)?(?:\/\/([^\\/?#]*))?([^?#]*)(?:\?([^#]*))?(?:#(.*))?$/su;
const IPV4_RE = /^(?:0[xX][0-9a-fA-F]+|[0-9]+)(?:\.(?:0[xX][0-9a-fA-F]+|[0-9]+)){0,3}$/;
const IPV6_ADDRZ_RE = new RegExp(`^${IPV6_ADDRZ_PAT}$`);
const HOST_INVALID_CHAR_RE = /[\x00-\x20\x7f]/;
/**
 * The common host[:port] (a name or an IPv4 address; a port without leading zeros): whatever it
 * matches, HOST_PORT_RE matches with the same groups. Tried first, it spares most runs compiling
 * HOST_PORT_RE (a large unicode pattern: milliseconds of a cold start).
 */
const SIMPLE_HOST_PORT_RE = /^([A-Za-z0-9._~-]+)(?::([1-9][0-9]{0,4}))?$/;

export interface Url3 {
  scheme: string | null;
  auth: string | null;
  host: string | null;
  port: number | null;
  path: string | null;
  query: string | null;
  fragment: string | null;
}

/** urllib3's LocationParseError, which requests re-raises as InvalidURL. */
function locationParseError(message: string): Error {
  return pyError('requests.exceptions.InvalidURL', `Failed to parse: ${message}`);
}

/** urllib3.util.url.parse_url (zone ids are lowercased, not re-encoded). */
export function parseUrl3(input: string): Url3 {
  let url = input;
  if (!url) return { scheme: null, auth: null, host: null, port: null, path: null, query: null, fragment: null };
  if (!SCHEME_RE.test(url)) url = '//' + url;
  const m = URI_RE.exec(url) as RegExpExecArray;
  let scheme = m[1] ?? null;
  const authority = m[2] ?? null;
  let path = m[3] ?? null;
  let query = m[4] ?? null;
  let fragment = m[5] ?? null;
  const normalize = scheme === null || ['http', 'https'].includes(scheme.toLowerCase());
  if (scheme) scheme = scheme.toLowerCase();
  let auth: string | null = null;
  let host: string | null = null;
  let port: number | null = null;
  if (authority) {
    const at = authority.lastIndexOf('@');
    auth = at >= 0 ? authority.slice(0, at) || null : null;
    const hostPort = at >= 0 ? authority.slice(at + 1) : authority;
    const hp = SIMPLE_HOST_PORT_RE.exec(hostPort) ?? HOST_PORT_RE.exec(hostPort);
    if (!hp) {
      const bad = HOST_INVALID_CHAR_RE.exec(hostPort);
      if (bad) throw locationParseError(`Host ${pythonRepr(hostPort)} contains invalid character ${pythonRepr(bad[0])}`);
      throw locationParseError(`${pythonRepr(hostPort)} is not a valid host or port`);
    }
    host = hp[1] ?? null;
    if (auth && normalize) auth = encodeInvalidChars(auth, USERINFO_CHARS);
    const portText = hp[2];
    if (portText !== undefined && portText !== '') {
      port = Number(portText);
      if (port > 65535) throw locationParseError(input);
    }
  }
  host = normalizeHost(host, scheme);
  if (normalize && path) path = encodeInvalidChars(removePathDotSegments(path), PATH_CHARS);
  if (normalize && query) query = encodeInvalidChars(query, QUERY_CHARS);
  if (normalize && fragment) fragment = encodeInvalidChars(fragment, QUERY_CHARS);
  return { scheme, auth, host, port, path, query, fragment };
}

function normalizeHost(host: string | null, scheme: string | null): string | null {
  if (!host) return host;
  const bad = HOST_INVALID_CHAR_RE.exec(host);
  if (bad) throw locationParseError(`Host ${pythonRepr(host)} contains invalid character ${pythonRepr(bad[0])}`);
  if (scheme !== null && scheme !== 'http' && scheme !== 'https') return host;
  if (host.startsWith('[') && IPV6_ADDRZ_RE.test(host)) return host.toLowerCase();
  if (IPV4_RE.test(host)) return host;
  let h = host;
  if (h.includes('%')) {
    h = h.replace(/%[a-fA-F0-9]{2}|%/g, (m) => {
      if (m === '%') throw locationParseError(`${pythonRepr(h)} is not a valid host`);
      const c = String.fromCharCode(parseInt(m.slice(1), 16));
      if (c < ' ' || c === '\x7f') throw locationParseError(`Host ${pythonRepr(host)} contains invalid percent-encoded control character ${pythonRepr(m)}`);
      return UNRESERVED.has(c) ? c : m.toUpperCase();
    });
  }
  return h
    .split('.')
    .map((label) => {
      if (/^[\x00-\x7f]*$/.test(label)) return label.toLowerCase().replace(/%[a-f0-9]{2}/g, (m) => m.toUpperCase());
      const ascii = domainToASCII(label.toLowerCase());
      if (!ascii) throw locationParseError(`Name ${pythonRepr(label)} is not a valid IDNA label`);
      return ascii;
    })
    .join('.');
}

/** urllib3.util.url._remove_path_dot_segments. */
function removePathDotSegments(path: string): string {
  // No `.` or `..` segment: nothing to remove.
  if (!/(?:^|\/)\.\.?(?:\/|$)/.test(path)) return path;
  const output: string[] = [];
  for (const segment of path.split('/')) {
    if (segment === '.') continue;
    if (segment !== '..') output.push(segment);
    else if (output.length) output.pop();
  }
  if (path.startsWith('/') && (!output.length || output[0])) output.unshift('');
  if (path.endsWith('/.') || path.endsWith('/..')) output.push('');
  return output.join('/');
}
