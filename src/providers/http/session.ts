// requests' Session as chaoslib uses it: one per activity, owning the connection pool, the cookie
// jar, the TLS setting and the retry policy; it sends a prepared request (urllib3's retry loop in
// adapter.send) and follows the redirects, and is closed when the activity ends.
import type http from 'node:http';
import { pythonRepr } from '../../python/values.js';
import type { ProviderContext } from '../../contract/provider.js';
import { CookieJar } from './cookies.js';
import { abortError, AttemptError, ConnectionFailure, pyError, TimeoutFailure } from './errors.js';
import { headerValue, wireHeaders } from './headers.js';
import { followRedirects } from './redirects.js';
import type { Prepared } from './request.js';
import type { Response } from './response.js';
import { MAX_ATTEMPTS, parseRetryAfter, RetryBudget, retryPolicy, type RetryPolicy } from './retries.js';
import { targetOf } from './target.js';
import { resolveTimeout } from './timeouts.js';
import { caBundle, verifiesCertificates } from './tls.js';
import { attemptRequest, readBody, type Connections, type RawResponse } from './transport.js';

export class Session implements Connections {
  private readonly agents = new Map<string, http.Agent>();
  private readonly jar = new CookieJar();
  readonly inflight = new Set<http.ClientRequest>();
  readonly timers = new Set<() => void>();
  readonly rejectUnauthorized: boolean;
  private readonly retry: RetryPolicy;
  private readonly onAbort: () => void;

  constructor(
    private readonly ctx: ProviderContext,
    private readonly verify: unknown,
    maxRetries: unknown,
  ) {
    this.retry = retryPolicy(maxRetries);
    this.rejectUnauthorized = verifiesCertificates(verify, ctx.env);
    this.onAbort = () => {
      const error = abortError(ctx.signal);
      for (const req of this.inflight) req.destroy(error);
      for (const cancel of this.timers) cancel();
    };
    ctx.signal.addEventListener('abort', this.onAbort, { once: true });
  }

  get signal(): AbortSignal {
    return this.ctx.signal;
  }

  close(): void {
    this.ctx.signal.removeEventListener('abort', this.onAbort);
    for (const req of this.inflight) req.destroy();
    for (const agent of this.agents.values()) agent.destroy();
    this.agents.clear();
  }

  agent(scheme: 'http' | 'https'): http.Agent {
    let agent = this.agents.get(scheme);
    if (!agent) {
      // One pool per activity, like the Session chaoslib creates: connections are reused across
      // redirects and retries, and all of them are closed when the activity ends.
      agent =
        scheme === 'https'
          ? new (process.getBuiltinModule('node:https').Agent)({ keepAlive: true })
          : new (process.getBuiltinModule('node:http').Agent)({ keepAlive: true });
      this.agents.set(scheme, agent);
    }
    return agent;
  }

  private checkAborted(): void {
    if (this.ctx.signal.aborted) throw abortError(this.ctx.signal);
  }

  /** Session.send with allow_redirects=True: follow redirects as requests' resolve_redirects. */
  request(first: Prepared, timeout: unknown): Promise<Response> {
    return followRedirects(first, this.jar, (prepared) => this.send(prepared, timeout));
  }

  /** One adapter.send: urllib3's urlopen with retries, then the whole body (Session.send). */
  private async send(prepared: Prepared, timeout: unknown): Promise<Response> {
    // In requests' order: the adapter lookup, cert_verify, then the timeout's validation.
    const target = targetOf(prepared.url);
    const ca = target.scheme === 'https' ? caBundle(this.verify, this.ctx.env) : undefined;
    const timeouts = resolveTimeout(timeout);
    const wire = wireHeaders(prepared, target);
    const retries = new RetryBudget(this.retry, prepared.method);
    const pool = `${target.scheme === 'https' ? 'HTTPS' : 'HTTP'}ConnectionPool(host=${pythonRepr(target.hostname)}, port=${target.port})`;
    for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
      this.checkAborted();
      let raw: RawResponse;
      try {
        raw = await attemptRequest(this, prepared, target, wire, timeouts, ca, pool);
      } catch (e) {
        if (!(e instanceof AttemptError)) throw e;
        if (e.kind === 'read' || e.kind === 'read-timeout') {
          if (!retries.retriesReadErrors()) {
            if (e.kind === 'read-timeout') throw new TimeoutFailure(e.str);
            throw new ConnectionFailure(e.str);
          }
        }
        if (retries.decrement() < 0) throw new ConnectionFailure(`${pool}: Max retries exceeded with url: ${target.path} (Caused by ${e.repr})`);
        continue;
      }
      const retryAfter = headerValue(raw.headers, 'retry-after');
      if (retries.retriesAnswer(raw.status, retryAfter)) {
        const remaining = retries.decrement();
        if (remaining < 0) {
          await readBody(this, raw).catch(() => undefined);
          throw pyError(
            'requests.exceptions.RetryError',
            `${pool}: Max retries exceeded with url: ${target.path} (Caused by ResponseError('too many ${raw.status} error responses'))`,
          );
        }
        await readBody(this, raw).catch(() => undefined);
        await this.sleep(parseRetryAfter(retryAfter));
        continue;
      }
      const body = await readBody(this, raw, pool);
      this.jar.extract(raw.headers.get('set-cookie')?.values ?? [], prepared.url);
      return { url: prepared.url, status: raw.status, headers: raw.headers, body };
    }
    throw pyError('RuntimeError', 'too many attempts');
  }

  private sleep(seconds: number): Promise<void> {
    if (seconds <= 0) return Promise.resolve();
    return new Promise<void>((resolve, reject) => {
      const cancel = (): void => {
        clearTimeout(timer);
        this.timers.delete(cancel);
        reject(abortError(this.ctx.signal));
      };
      const timer = setTimeout(() => {
        this.timers.delete(cancel);
        resolve();
      }, seconds * 1000);
      this.timers.add(cancel);
    });
  }
}
