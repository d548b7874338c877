// The http provider: chaoslib's `run_http_activity` (chaostoolkit-lib 1.44.0), which calls
// requests 2.34 / urllib3 2.8 through a fresh Session with an HTTPAdapter(max_retries=...).
// Built on node:http / node:https (not fetch) so that response header names keep the casing the
// server sent, and so that what goes on the wire (header order and casing, Host, Content-Length,
// URL quoting, bodies) is what requests would send.
//
// Deliberate or unavoidable differences from requests (each one also noted where it lives):
// - User-Agent is `chaos-action`, not `python-requests/2.34.2`.
// - requests' trust_env features are not reproduced: HTTP(S)_PROXY / NO_PROXY, ~/.netrc
//   credentials. REQUESTS_CA_BUNDLE / CURL_CA_BUNDLE are honoured (from ctx.env).
// - A response without a charset that is neither text nor JSON is decoded as UTF-8 (requests runs
//   charset_normalizer's detection there; for ASCII and valid UTF-8 the result is the same).
// - Charsets other than the UTF-8 / Latin-1 / ASCII / cp1252 / UTF-16 families go through
//   TextDecoder, whose (WHATWG) tables can differ from Python's codecs on rare bytes; a charset
//   Python knows but TextDecoder does not falls back to UTF-8 (Python's fallback for unknown ones).
// - Node's HTTP parser is stricter than http.client on malformed responses, and trims trailing
//   whitespace of header values (http.client keeps it). Node also refuses to send a method or a
//   header name that is not an HTTP token, or a header value with control characters, which
//   http.client would send: those are unexpected errors here.
// - Otherwise what is sent is what requests sends (the parity tests compare the requests a server
//   receives from both): header order and casing, Host, Content-Length or chunked framing, URL
//   quoting, bodies, connection reuse across redirects and retries.
// - JSON response bodies with NaN/Infinity (accepted by Python's json) are rejected, and JSON
//   numbers lose the int/float distinction (1.0 becomes 1).
// - A body is read up to max-output bytes (decoded, too); a longer one is kept as its head, as
//   text, with a marker (never parsed as JSON). Each attempt must end (headers and body) within its
//   connect + read timeouts together, however slowly the peer trickles; an activity without both
//   has the run's activity-timeout (60 s by default) in all: requests would wait forever.
// - The cookie jar used across redirects is a simplified http.cookiejar (domain/path/secure/expiry).
// - Exception texts mimic Python's but drop object addresses and the `_ssl.c:NNNN` location; a
//   JSONDecodeError does not reproduce the json module's wording.
//
// This folder holds the port, one concept a file: request.ts (with arguments.ts, headers.ts and
// the URL modules quoting.ts, parse-url.ts, urlsplit.ts, target.ts) prepares the request;
// session.ts sends it through transport.ts with retries.ts, timeouts.ts and tls.ts, following
// redirects.ts with cookies.ts; decode.ts, charset.ts and response.ts turn the answer into
// chaoslib's result; errors.ts names the failures.
import { pythonStr } from '../../python/values.js';
import { substitute } from '../../experiment/substitution.js';
import { DEFAULT_HTTP_DEADLINE_S } from '../../contract/limits.js';
import { ActivityFailed, type ProviderRunner } from '../../contract/provider.js';
import { abortError, ConnectionFailure, DeadlineFailure, pyError, TimeoutFailure } from './errors.js';
import { isMapping, pythonTypeOf, pythonTruthy } from '../../python/values.js';
import { prepareRequest, type Prepared } from './request.js';
import { responseResult } from './response.js';
import { Session } from './session.js';
import { attemptBudgetMs, resolveTimeout } from './timeouts.js';

export { HTTP_USER_AGENT } from './headers.js';

export const runHttpProvider: ProviderRunner = async (provider, ctx) => {
  if (ctx.signal.aborted) throw abortError(ctx.signal);
  if (!('url' in provider)) throw pyError('KeyError', "'url'");
  // chaoslib: url, headers and timeout are always substituted; arguments only when the
  // experiment has configuration or secrets; method, verify_tls and max_retries never.
  const url = pythonStr(substitute(provider.url, ctx.scope));
  const rawMethod = 'method' in provider ? provider.method : 'GET';
  if (typeof rawMethod !== 'string') throw pyError('AttributeError', `'${pythonTypeOf(rawMethod)}' object has no attribute 'upper'`);
  const method = rawMethod.toUpperCase();
  const headers = substitute(provider.headers ?? null, ctx.scope);
  const timeout = substitute(provider.timeout ?? null, ctx.scope);
  let args: unknown = provider.arguments ?? null;
  if (pythonTruthy(args) && ctx.hasVariables) args = substitute(args, ctx.scope);
  const verify = 'verify_tls' in provider ? provider.verify_tls : true;
  const maxRetries = 'max_retries' in provider ? provider.max_retries : 0;

  if (headers !== null && !isMapping(headers)) throw pyError('AttributeError', `'${pythonTypeOf(headers)}' object has no attribute 'items'`);
  const userHeaders = (headers ?? null) as Record<string, unknown> | null;
  const deadline = activityDeadlineMs(timeout, ctx.limits?.activityTimeout);
  const expired = deadline === null ? undefined : AbortSignal.timeout(deadline);
  const session = new Session(expired ? { ...ctx, signal: AbortSignal.any([ctx.signal, expired]) } : ctx, verify, maxRetries);
  try {
    let prepared: Prepared;
    if (method === 'GET') {
      prepared = prepareRequest(method, url, userHeaders, { params: args });
    } else if (userHeaders && userHeaders['Content-Type'] === 'application/json') {
      // chaoslib's check is on the exact key `Content-Type` and the exact value.
      prepared = prepareRequest(method, url, userHeaders, { json: args });
    } else {
      prepared = prepareRequest(method, url, userHeaders, { data: args });
    }
    const response = await session.request(prepared, timeout);
    return responseResult(response);
  } catch (e) {
    if (ctx.signal.aborted && !(e instanceof Error && e.name === 'AbortError')) throw abortError(ctx.signal);
    if (expired?.aborted && !ctx.signal.aborted) {
      throw new ActivityFailed(`activity took too long to complete (no timeout set: the deadline is ${(deadline as number) / 1000} s, see activity-timeout)`);
    }
    if (e instanceof DeadlineFailure) throw new ActivityFailed(`activity took too long to complete (${e.message})`);
    if (e instanceof ConnectionFailure) throw new ActivityFailed(`failed to connect to ${url}: ${e.message}`);
    if (e instanceof TimeoutFailure) throw new ActivityFailed('activity took too long to complete');
    throw e;
  } finally {
    session.close();
  }
};

/** setTimeout's ceiling (24.8 days): a longer deadline is cut to it. */
const MAX_TIMER_MS = 2 ** 31 - 1;

/**
 * The whole activity's deadline, for an activity without both timeouts (requests would wait
 * forever): the run's activity-timeout, else 60 s. With both, each attempt is bounded instead.
 */
function activityDeadlineMs(timeout: unknown, activityTimeout: number | undefined): number | null {
  let bounded = false;
  try {
    bounded = attemptBudgetMs(resolveTimeout(timeout)) !== null;
  } catch {
    // An invalid timeout fails the activity before anything is sent.
  }
  if (bounded) return null;
  return Math.max(1, Math.min(Math.ceil((activityTimeout ?? DEFAULT_HTTP_DEADLINE_S) * 1000), MAX_TIMER_MS));
}
