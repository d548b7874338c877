// requests' Session as chaoslib uses it: one per activity, owning the connection pool, the cookie
// jar, the TLS setting and the retry policy; it sends a prepared request (urllib3's retry loop in
// adapter.send) and follows the redirects, and is closed when the activity ends.
import type http from 'node:http';
import { DEFAULT_LIMITS } from '../../contract/limits.js';
import type { ProviderContext } from '../../contract/provider.js';
import { CookieJar } from './cookies.js';
import { abortError, AttemptError, ConnectionFailure, DeadlineFailure, pyError, TimeoutFailure } from './errors.js';
import { headerValue, wireHeaders } from './headers.js';
import { followRedirects } from './redirects.js';
import type { Prepared } from './request.js';
import type { Response } from './response.js';
import { MAX_ATTEMPTS, parseRetryAfter, RetryBudget, retryPolicy, type RetryPolicy } from './retries.js';
import { type Target, targetOf } from './target.js';
import { attemptBudgetMs, resolveTimeout, type Timeouts } from './timeouts.js';
import { caBundle, verifiesCertificates } from './tls.js';
import { attemptRequest, readBody, type Connections, type RawResponse } from './transport.js';

export class Session implements Connections {
  private readonly agents = new Map<string, http.Agent>();
  private readonly jar = new CookieJar();
  readonly inflight = new Set<http.ClientRequest>();
  readonly timers = new Set<() => void>();
  readonly rejectUnauthorized: boolean;
  private readonly retry: RetryPolicy;
  private readonly stopWatching: () => void;
  /** Bytes read of a response body at most (max-output). */
  private readonly maxBody: number;
  /** A shared connection went stale: this activity's requests open their own from then on. */
  private avoidShared = false;
  /** The last request went through a shared pool. */
  private onShared = false;

  constructor(
    private readonly ctx: ProviderContext,
    private readonly verify: unknown,
    maxRetries: unknown,
  ) {
    this.retry = retryPolicy(maxRetries);
    this.maxBody = (ctx.limits ?? DEFAULT_LIMITS).maxOutputBytes;
    this.rejectUnauthorized = verifiesCertificates(verify, ctx.env);
    this.stopWatching = whenAborted(ctx.signal, () => {
      const error = abortError(ctx.signal);
      for (const req of this.inflight) req.destroy(error);
      for (const cancel of this.timers) cancel();
    });
  }

  get signal(): AbortSignal {
    return this.ctx.signal;
  }

  close(): void {
    this.stopWatching();
    for (const req of this.inflight) req.destroy();
    for (const agent of this.agents.values()) agent.destroy();
    this.agents.clear();
  }

  agent(scheme: 'http' | 'https', method: string): http.Agent {
    // Idempotent requests of a run of the steady-state hypothesis share its keep-alive pools (a
    // probe reuses the connection the one before left open; closed when that run ends). Anything
    // else, and a send whose kept connection went stale, has one pool per activity, like the
    // Session chaoslib creates: connections are reused across redirects and retries, and all of
    // them are closed when the activity ends.
    const shared = this.ctx.connections;
    this.onShared = shared !== undefined && !this.avoidShared && IDEMPOTENT.has(method);
    if (shared && this.onShared) {
      return shared.get(`http-agent:${scheme}`, () => {
        const agent = keepAliveAgent(scheme);
        return { value: agent, close: () => agent.destroy() };
      });
    }
    let agent = this.agents.get(scheme);
    if (!agent) {
      agent = keepAliveAgent(scheme);
      this.agents.set(scheme, agent);
    }
    return agent;
  }

  private checkAborted(): void {
    if (this.ctx.signal.aborted) throw abortError(this.ctx.signal);
  }

  /** Session.send with allow_redirects=True: follow redirects as requests' resolve_redirects. */
  request(first: Prepared, timeout: unknown): Promise<Response> {
    return followRedirects(first, this.jar, (prepared) => this.send(prepared, timeout), this.maxBody);
  }

  /**
   * One adapter.send: urllib3's urlopen with retries, then the body (Session.send), up to
   * max-output. Each attempt (connect, headers, body) must end within its connect + read
   * timeouts together, however slowly the peer trickles; Retry-After waits are not counted.
   */
  private async send(prepared: Prepared, timeout: unknown): Promise<Response> {
    // In requests' order: the adapter lookup, cert_verify, then the timeout's validation.
    const target = targetOf(prepared.url);
    const ca = target.scheme === 'https' ? caBundle(this.verify, this.ctx.env) : undefined;
    const timeouts = resolveTimeout(timeout);
    const wire = wireHeaders(prepared, target);
    const retries = new RetryBudget(this.retry, prepared.method);
    const pool = target.pool;
    const budget = attemptBudgetMs(timeouts);
    for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
      this.checkAborted();
      const deadline = this.startDeadline(budget);
      let step: Response | 'retry' | { retryAfter: number };
      try {
        step = await this.attempt(prepared, { target, wire, timeouts, ca, pool, retries, deadline });
      } catch (e) {
        if (deadline.expired()) throw new DeadlineFailure(`the answer took more than ${(budget as number) / 1000} s in all: its connect + read timeouts`);
        throw e;
      } finally {
        deadline.clear();
      }
      if (step === 'retry') continue;
      if ('retryAfter' in step) {
        await this.sleep(step.retryAfter);
        continue;
      }
      return step;
    }
    throw pyError('RuntimeError', 'too many attempts');
  }

  /** One attempt: a response, or what to do next (retry now, or after a Retry-After wait). */
  private async attempt(prepared: Prepared, a: AttemptContext): Promise<Response | 'retry' | { retryAfter: number }> {
    const { target, pool, retries } = a;
    let raw: RawResponse;
    try {
      raw = await attemptRequest(this, prepared, target, a.wire, a.timeouts, a.ca, pool);
    } catch (e) {
      if (e instanceof AttemptError && e.staleConnection && this.onShared && !a.deadline.expired()) {
        // The server never saw the request (it had closed the kept connection): send it again on
        // a new connection, as a fresh Session would have, without spending a retry.
        this.avoidShared = true;
        return 'retry';
      }
      if (!(e instanceof AttemptError) || a.deadline.expired()) throw e;
      if (e.kind === 'read' || e.kind === 'read-timeout') {
        if (!retries.retriesReadErrors()) {
          if (e.kind === 'read-timeout') throw new TimeoutFailure(e.str);
          throw new ConnectionFailure(e.str);
        }
      }
      if (retries.decrement() < 0) throw new ConnectionFailure(`${pool}: Max retries exceeded with url: ${target.path} (Caused by ${e.repr})`);
      return 'retry';
    }
    const retryAfter = headerValue(raw.headers, 'retry-after');
    if (retries.retriesAnswer(raw.status, retryAfter)) {
      const remaining = retries.decrement();
      await readBody(this, raw, pool, this.maxBody).catch(() => undefined);
      if (a.deadline.expired()) throw new Error('deadline');
      if (remaining < 0) {
        throw pyError(
          'requests.exceptions.RetryError',
          `${pool}: Max retries exceeded with url: ${target.path} (Caused by ResponseError('too many ${raw.status} error responses'))`,
        );
      }
      return { retryAfter: parseRetryAfter(retryAfter) };
    }
    const body = await readBody(this, raw, pool, this.maxBody);
    this.jar.extract(raw.headers.get('set-cookie')?.values ?? [], prepared.url);
    return { url: prepared.url, status: raw.status, headers: raw.headers, body: body.bytes, truncated: body.truncated, limit: this.maxBody };
  }

  /** An attempt's deadline: when it passes, the attempt's request and waits are cut short. */
  private startDeadline(ms: number | null): AttemptDeadline {
    if (ms === null) return { expired: () => false, clear: () => undefined };
    let expired = false;
    const timer = setTimeout(() => {
      expired = true;
      const error = new Error('the attempt passed its deadline');
      for (const req of this.inflight) req.destroy(error);
      for (const cancel of this.timers) cancel();
    }, ms);
    return { expired: () => expired, clear: () => clearTimeout(timer) };
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

/** What runs when a signal aborts: the sessions open on it (one listener a signal, not one a session). */
const abortHandlers = new WeakMap<AbortSignal, Set<() => void>>();

/** Runs `handler` when `signal` aborts, until the returned function is called. */
function whenAborted(signal: AbortSignal, handler: () => void): () => void {
  let handlers = abortHandlers.get(signal);
  if (!handlers) {
    const set = new Set<() => void>();
    signal.addEventListener(
      'abort',
      () => {
        for (const run of [...set]) run();
        set.clear();
      },
      { once: true },
    );
    abortHandlers.set(signal, set);
    handlers = set;
  }
  const own = handlers;
  own.add(handler);
  return () => own.delete(handler);
}

/** Methods RFC 9110 calls idempotent: sending one again is safe, so it may go on a kept connection. */
const IDEMPOTENT = new Set(['GET', 'HEAD', 'OPTIONS', 'TRACE', 'PUT', 'DELETE']);

function keepAliveAgent(scheme: 'http' | 'https'): http.Agent {
  return scheme === 'https'
    ? new (process.getBuiltinModule('node:https').Agent)({ keepAlive: true })
    : new (process.getBuiltinModule('node:http').Agent)({ keepAlive: true });
}

interface AttemptDeadline {
  expired(): boolean;
  clear(): void;
}

/** What every attempt of one send shares. */
interface AttemptContext {
  readonly target: Readonly<Target>;
  readonly wire: string[];
  readonly timeouts: Timeouts;
  readonly ca: Buffer[] | undefined;
  readonly pool: string;
  readonly retries: RetryBudget;
  readonly deadline: AttemptDeadline;
}
