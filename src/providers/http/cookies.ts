// Cookies kept across redirects (a simplified http.cookiejar with requests' liberal policy).
import { targetOf } from './target.js';
import { urlsplit } from './urlsplit.js';

interface Cookie {
  name: string;
  value: string | null;
  /** Lowercased, without a leading dot. */
  domain: string;
  path: string;
  secure: boolean;
  expires: number | null;
}

export class CookieJar {
  // domain -> path -> name, in insertion order, as http.cookiejar stores them.
  private readonly cookies = new Map<string, Map<string, Map<string, Cookie>>>();

  extract(setCookies: readonly string[], requestUrl: string): void {
    if (setCookies.length === 0) return;
    const { hostname } = targetOf(requestUrl);
    const host = effectiveHost(hostname);
    const requestPath = urlsplit(requestUrl).path || '/';
    for (const header of setCookies) this.setOne(header, host, requestPath);
  }

  private setOne(header: string, host: string, requestPath: string): void {
    const params = header.split(';').map((p) => p.trim());
    const first = params[0] ?? '';
    const eq = first.indexOf('=');
    const name = (eq >= 0 ? first.slice(0, eq) : first).trim();
    if (!name) return;
    const value = eq >= 0 ? first.slice(eq + 1).trim() : null;
    let domain: string | null = null;
    let path: string | null = null;
    let secure = false;
    let expires: number | null = null;
    let maxAge: number | null = null;
    for (const param of params.slice(1)) {
      const i = param.indexOf('=');
      const key = (i >= 0 ? param.slice(0, i) : param).trim().toLowerCase();
      const val =
        i >= 0
          ? param
              .slice(i + 1)
              .trim()
              .replace(/^"(.*)"$/s, '$1')
          : '';
      if (key === 'domain') domain = val.toLowerCase();
      else if (key === 'path') path = val;
      else if (key === 'secure') secure = true;
      else if (key === 'max-age') {
        if (!/^-?\d+$/.test(val)) return; // http.cookiejar drops cookies with a bad max-age
        maxAge = Number(val);
      } else if (key === 'expires') {
        const t = Date.parse(val);
        if (!Number.isNaN(t)) expires = t / 1000;
      }
    }
    const now = Date.now() / 1000;
    if (maxAge !== null) expires = now + maxAge;
    let cookieDomain = host;
    if (domain) {
      const undotted = domain.replace(/^\./, '');
      if (!undotted || !(host === undotted || host.endsWith('.' + undotted))) return;
      if (!undotted.includes('.') && !host.endsWith('.local')) return;
      cookieDomain = undotted;
    }
    let cookiePath = path;
    if (!cookiePath) {
      const slash = requestPath.lastIndexOf('/');
      cookiePath = slash >= 0 ? requestPath.slice(0, slash) : requestPath;
      if (!cookiePath) cookiePath = '/';
    }
    if (expires !== null && expires <= now) {
      this.cookies.get(cookieDomain)?.get(cookiePath)?.delete(name);
      return;
    }
    let byPath = this.cookies.get(cookieDomain);
    if (!byPath) this.cookies.set(cookieDomain, (byPath = new Map()));
    let byName = byPath.get(cookiePath);
    if (!byName) byPath.set(cookiePath, (byName = new Map()));
    byName.set(name, { name, value, domain: cookieDomain, path: cookiePath, secure, expires });
  }

  /** The Cookie header for `url`, or null when no cookie applies. */
  header(url: string): string | null {
    const target = targetOf(url);
    const host = '.' + effectiveHost(target.hostname);
    const requestPath = urlsplit(url).path || '/';
    const now = Date.now() / 1000;
    const chosen: Cookie[] = [];
    for (const [domain, byPath] of this.cookies) {
      if (!host.endsWith('.' + domain)) continue;
      for (const byName of byPath.values()) {
        for (const c of byName.values()) {
          if (c.secure && target.scheme !== 'https') continue;
          if (c.expires !== null && c.expires <= now) continue;
          const pathOk = requestPath === c.path || (requestPath.startsWith(c.path) && (c.path.endsWith('/') || requestPath[c.path.length] === '/'));
          if (pathOk) chosen.push(c);
        }
      }
    }
    if (!chosen.length) return null;
    chosen.sort((a, b) => b.path.length - a.path.length);
    return chosen.map((c) => (c.value === null ? c.name : `${c.name}=${c.value}`)).join('; ');
  }
}

function effectiveHost(hostname: string): string {
  return hostname.includes('.') ? hostname : `${hostname}.local`;
}
