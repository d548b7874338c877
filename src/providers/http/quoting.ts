// Percent-encoding: urllib.parse.quote / quote_plus / unquote, requests.utils.requote_uri, and the
// character sets and re-encoding urllib3's parse_url applies to each URL component.

const ALWAYS_SAFE = new Set('ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_.-~');
export const UNRESERVED = ALWAYS_SAFE;
const SUB_DELIMS = "!$&'()*+,;=";
export const USERINFO_CHARS = new Set([...UNRESERVED, ...SUB_DELIMS, ':']);
export const PATH_CHARS = new Set([...USERINFO_CHARS, '@', '/']);
export const QUERY_CHARS = new Set([...PATH_CHARS, '?']);

function hex2(byte: number): string {
  return '%' + byte.toString(16).toUpperCase().padStart(2, '0');
}

/** urllib.parse.quote(s, safe) (UTF-8, strict). */
function quote(s: string, safe: string): string {
  const safeSet = new Set(safe);
  let out = '';
  for (const byte of Buffer.from(s, 'utf8')) {
    const ch = String.fromCharCode(byte);
    out += byte < 128 && (ALWAYS_SAFE.has(ch) || safeSet.has(ch)) ? ch : hex2(byte);
  }
  return out;
}

/** urllib.parse.quote_plus(s, safe='') as urlencode uses it. */
export function quotePlus(s: string): string {
  return quote(s, ' ').replace(/ /g, '+');
}

class InvalidPercentEscape extends Error {}

/** requests.utils.unquote_unreserved. */
function unquoteUnreserved(uri: string): string {
  const parts = uri.split('%');
  for (let i = 1; i < parts.length; i++) {
    const part = parts[i] as string;
    const h = part.slice(0, 2);
    if (h.length === 2 && /^[\p{L}\p{N}]{2}$/u.test(h)) {
      if (!/^[0-9a-fA-F]{2}$/.test(h)) throw new InvalidPercentEscape(h);
      const c = String.fromCharCode(parseInt(h, 16));
      parts[i] = UNRESERVED.has(c) ? c + part.slice(2) : `%${part}`;
    } else {
      parts[i] = `%${part}`;
    }
  }
  return parts.join('');
}

/** What requote_uri leaves as it is: no `%` (nothing to unquote) and only characters quote() keeps. */
const REQUOTED = /^[A-Za-z0-9_.\-~!#$&'()*+,/:;=?@[\]]*$/;

/** requests.utils.requote_uri. */
export function requoteUri(uri: string): string {
  if (REQUOTED.test(uri)) return uri;
  try {
    return quote(unquoteUnreserved(uri), "!#$%&'()*+,/:;=?@[]~");
  } catch (e) {
    if (!(e instanceof InvalidPercentEscape)) throw e;
    return quote(uri, "!#$&'()*+,/:;=?@[]~");
  }
}

/** For each allowed set: whether a component is made of its characters only (no `%`). */
const ALLOWED_ONLY = new WeakMap<ReadonlySet<string>, RegExp>();

function allowedOnly(allowed: ReadonlySet<string>): RegExp {
  let re = ALLOWED_ONLY.get(allowed);
  if (!re) {
    const chars = [...allowed].filter((c) => c !== '%' && c.length === 1 && c.charCodeAt(0) < 128);
    re = new RegExp(`^[${chars.map((c) => `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`).join('')}]*$`);
    ALLOWED_ONLY.set(allowed, re);
  }
  return re;
}

/** urllib3.util.url._encode_invalid_chars. */
export function encodeInvalidChars(component: string, allowed: ReadonlySet<string>): string {
  // Nothing to normalise or encode: the component as it is (most URLs).
  if (allowedOnly(allowed).test(component)) return component;
  let percentEncodings = 0;
  const normalized = component.replace(/%[a-fA-F0-9]{2}/g, (m) => {
    percentEncodings++;
    return m.toUpperCase();
  });
  const bytes = Buffer.from(normalized, 'utf8');
  const isPercentEncoded = percentEncodings === bytes.filter((b) => b === 0x25).length;
  let out = '';
  for (const byte of bytes) {
    const ch = String.fromCharCode(byte);
    out += (isPercentEncoded && byte === 0x25) || (byte < 128 && allowed.has(ch)) ? ch : hex2(byte);
  }
  return out;
}

/** urllib.parse.unquote (UTF-8, invalid bytes replaced), as get_auth_from_url uses it. */
export function pyUnquote(s: string): string {
  const bytes: number[] = [];
  for (let i = 0; i < s.length; ) {
    if (s[i] === '%' && /^[0-9a-fA-F]{2}$/.test(s.slice(i + 1, i + 3))) {
      bytes.push(parseInt(s.slice(i + 1, i + 3), 16));
      i += 3;
    } else {
      const cp = s.codePointAt(i) as number;
      const ch = String.fromCodePoint(cp);
      bytes.push(...Buffer.from(ch, 'utf8'));
      i += ch.length;
    }
  }
  return new TextDecoder('utf-8').decode(Buffer.from(bytes));
}
