// Reasons as the table and the PR comment show them: one short line each. A failed HTTP activity's
// reason quotes requests' error text (the pool, the URL, urllib3's exception repr: the host and
// port three times over, 300 characters); here it reads "connection refused to 127.0.0.1:43335".
// The journal and results.json keep the full text.

/** The longest reason shown, in characters (an ellipsis ends a longer one). */
export const SHORT_REASON_LIMIT = 160;

const POOL = /(?:failed to connect to \S+: )?HTTPS?ConnectionPool\(host='([^']*)', port=(\d+)\): Max retries exceeded with url: \S* \(Caused by /;

/** requests' "…ConnectionPool(host=…): Max retries exceeded … (Caused by X)" to what X means, in a few words. */
function connectionFailure(host: string, port: string, cause: string): string {
  const where = `${host.includes(':') ? `[${host}]` : host}:${port}`;
  if (/Connection refused/i.test(cause)) return `connection refused to ${where}`;
  if (cause.startsWith('NameResolutionError')) return `could not resolve ${host}`;
  if (cause.startsWith('ConnectTimeoutError')) return `timed out connecting to ${where}`;
  if (cause.startsWith('ReadTimeoutError')) return `read timed out from ${where}`;
  if (cause.startsWith('SSLError')) {
    const why = /certificate verify failed: ([^'"]+)/.exec(cause)?.[1] ?? /\[SSL: [A-Z_]+\] ([^'"]+)/.exec(cause)?.[1];
    return `TLS failed with ${where}${why ? `: ${why}` : ''}`;
  }
  const response = /ResponseError\('(too many \d+ error responses)'\)/.exec(cause);
  if (response) return `${response[1]} from ${where}`;
  if (/RemoteDisconnected/.test(cause)) return `${where} closed the connection without a response`;
  if (/Connection reset by peer/.test(cause)) return `connection reset by ${where}`;
  const errno = /\[Errno -?\d+\] ([^'"]+)/.exec(cause)?.[1];
  if (errno) return `could not connect to ${where}: ${errno.charAt(0).toLowerCase()}${errno.slice(1)}`;
  return `could not connect to ${where}`;
}

/** Where the parenthesis open at `open` closes (the end of the text when it never does). */
function closing(text: string, open: number): number {
  let depth = 0;
  for (let i = open; i < text.length; i++) {
    if (text[i] === '(') depth++;
    else if (text[i] === ')' && --depth === 0) return i;
  }
  return text.length - 1;
}

/** Cuts `text` to `max` characters with an ellipsis, never inside a surrogate pair. */
function cap(text: string, max: number): string {
  if (text.length <= max) return text;
  let end = max - 1;
  const code = text.charCodeAt(end - 1);
  if (code >= 0xd800 && code <= 0xdbff) end--;
  return `${text.slice(0, end).trimEnd()}…`;
}

/**
 * One reason in at most `max` characters, on one line: requests-style connection errors become a
 * few words naming the host and port ("connection refused to 127.0.0.1:43335"); what is still too
 * long ends in an ellipsis.
 */
export function shortReason(reason: string, max: number = SHORT_REASON_LIMIT): string {
  let text = reason.replace(/\s+/g, ' ').trim();
  for (let match = POOL.exec(text); match; match = POOL.exec(text)) {
    const causeStart = match.index + match[0].length;
    const end = closing(text, causeStart - '(Caused by '.length);
    const cause = text.slice(causeStart, end);
    text = `${text.slice(0, match.index)}${connectionFailure(match[1] as string, match[2] as string, cause)}${text.slice(end + 1)}`;
  }
  return cap(text, max);
}

/** Every reason shortened; reasons that read the same once short are listed once, with a count. */
export function shortReasons(reasons: readonly string[], max: number = SHORT_REASON_LIMIT): string[] {
  const counts = new Map<string, number>();
  for (const reason of reasons) {
    const short = shortReason(reason, max);
    counts.set(short, (counts.get(short) ?? 0) + 1);
  }
  return [...counts].map(([short, n]) => (n > 1 ? `${short} (×${n})` : short));
}
