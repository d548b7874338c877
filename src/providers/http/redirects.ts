// Redirects: requests' resolve_redirects (Session.send with allow_redirects=True), with
// rebuild_method, the cookies and the Authorization header carried to the next request.
import type { CookieJar } from './cookies.js';
import { decodeContent } from './decode.js';
import { pyError } from './errors.js';
import { headerValue } from './headers.js';
import { requoteUri } from './quoting.js';
import type { Prepared } from './request.js';
import type { Response } from './response.js';
import { targetOf, type Target } from './target.js';
import { urljoin, urlsplit, urlunsplit } from './urlsplit.js';

const MAX_REDIRECTS = 30;
const REDIRECT_STATI = new Set([301, 302, 303, 307, 308]);

/** Session.send with allow_redirects=True: follow redirects as requests' resolve_redirects. */
export async function followRedirects(first: Prepared, jar: CookieJar, send: (prepared: Prepared) => Promise<Response>, limit: number): Promise<Response> {
  let prepared = first;
  let response = await send(prepared);
  // The fragment a redirect without one keeps (read when the first redirect comes).
  let previousFragment: string | undefined;
  for (let redirects = 0; ; redirects++) {
    const location = REDIRECT_STATI.has(response.status) ? headerValue(response.headers, 'location') : undefined;
    if (location === undefined) {
      // Only the final body is decoded: requests ignores decoding errors of redirect bodies.
      const encoding = headerValue(response.headers, 'content-encoding');
      if (encoding === undefined) return response;
      const decoded = await decodeContent(response.body, encoding, limit);
      return { ...response, body: decoded.bytes, truncated: response.truncated || decoded.truncated };
    }
    if (redirects >= MAX_REDIRECTS) throw pyError('requests.exceptions.TooManyRedirects', `Exceeded ${MAX_REDIRECTS} redirects.`);
    previousFragment ??= urlsplit(prepared.url).fragment;

    // get_redirect_target: the header was decoded as latin-1; requests re-reads it as UTF-8.
    let url = Buffer.from(location, 'latin1').toString('utf8');
    if (url.startsWith('//')) url = `${urlsplit(response.url).scheme}:${url}`;
    const parsed = urlsplit(url);
    if (parsed.fragment === '' && previousFragment) parsed.fragment = previousFragment;
    else if (parsed.fragment) previousFragment = parsed.fragment;
    url = urlunsplit(parsed);
    url = parsed.netloc ? requoteUri(url) : urljoin(response.url, requoteUri(url));

    const next: Prepared = { method: prepared.method, url, headers: prepared.headers.copy(), body: prepared.body };
    // rebuild_method
    if (response.status === 303 && next.method !== 'HEAD') next.method = 'GET';
    if (response.status === 302 && next.method !== 'HEAD') next.method = 'GET';
    if (response.status === 301 && next.method === 'POST') next.method = 'GET';
    if (response.status !== 307 && response.status !== 308) {
      for (const h of ['Content-Length', 'Content-Type', 'Transfer-Encoding']) next.headers.delete(h);
      next.body = null;
    }
    next.headers.delete('Cookie');
    const cookie = jar.header(next.url);
    if (cookie !== null) next.headers.set('Cookie', cookie);
    // rebuild_auth: drop Authorization when the redirect leaves the origin.
    if (next.headers.has('Authorization') && shouldStripAuth(prepared.url, next.url)) next.headers.delete('Authorization');
    prepared = next;
    response = await send(prepared);
  }
}

/** requests' SessionRedirectMixin.should_strip_auth. */
function shouldStripAuth(oldUrl: string, newUrl: string): boolean {
  const o = targetOf(oldUrl);
  const n = safeTarget(newUrl);
  if (!n || o.hostname !== n.hostname) return true;
  const oldPort = explicitPort(oldUrl);
  const newPort = explicitPort(newUrl);
  if (o.scheme === 'http' && (oldPort === 80 || oldPort === null) && n.scheme === 'https' && (newPort === 443 || newPort === null)) return false;
  const changedPort = oldPort !== newPort;
  const changedScheme = o.scheme !== n.scheme;
  const defaultPort = o.scheme === 'https' ? 443 : 80;
  if (!changedScheme && (oldPort === defaultPort || oldPort === null) && (newPort === defaultPort || newPort === null)) return false;
  return changedPort || changedScheme;
}

function safeTarget(url: string): Target | null {
  try {
    return targetOf(url);
  } catch {
    return null;
  }
}

function explicitPort(url: string): number | null {
  const netloc = urlsplit(url).netloc;
  const hostPort = netloc.slice(netloc.lastIndexOf('@') + 1);
  const m = /:(\d+)$/.exec(hostPort.startsWith('[') ? hostPort.slice(hostPort.indexOf(']') + 1) : hostPort);
  return m ? Number(m[1]) : null;
}
