// The transport: one attempt of urllib3's urlopen on node:http / node:https (connect, send, wait
// for the response headers, each phase under its timeout), then the reading of the body (up to
// max-output bytes).
// Built-ins come from process.getBuiltinModule, not an ESM import: importing node:http as a module
// evaluates its lazy getters, which loads undici (~40 ms of start-up) for nothing.
import type http from 'node:http';
import type https from 'node:https';
import type { Socket } from 'node:net';
import {
  abortError,
  attemptError,
  ConnectionFailure,
  connectTimeoutError,
  incomplete,
  protocolError,
  pyError,
  readTimeoutError,
  type AttemptPhase,
} from './errors.js';
import { groupHeaders, headerValue, type ResponseHeaders } from './headers.js';
import type { Prepared } from './request.js';
import type { Target } from './target.js';
import type { Timeouts } from './timeouts.js';

/** http.client refuses responses with more header lines than this. */
const MAX_RESPONSE_HEADERS = 100;

/** What the transport needs from the session: its connection pool and its abort handling. */
export interface Connections {
  readonly signal: AbortSignal;
  readonly rejectUnauthorized: boolean;
  /** Requests in flight, destroyed when the activity is aborted or the session closed. */
  readonly inflight: Set<http.ClientRequest>;
  /** Cancels pending waits (body reads, Retry-After sleeps) when the activity is aborted. */
  readonly timers: Set<() => void>;
  /** The pool a request with `method` goes through (shared across probes for idempotent methods). */
  agent(scheme: 'http' | 'https', method: string): http.Agent;
}

export interface RawResponse {
  status: number;
  headers: ResponseHeaders;
  res: http.IncomingMessage;
  socket: Socket;
  /** Switches the socket's timeout handling to the body phase. */
  onBodyTimeout(handler: () => void): void;
  release(): void;
}

/** One attempt: resolves with the status and headers, or rejects with an AttemptError. */
export function attemptRequest(
  conn: Connections,
  prepared: Prepared,
  target: Target,
  wire: string[],
  timeouts: Timeouts,
  ca: Buffer[] | undefined,
  pool: string,
): Promise<RawResponse> {
  const isTls = target.scheme === 'https';
  const connName = target.connection;
  return new Promise<RawResponse>((resolve, reject) => {
    let phase: AttemptPhase = 'connecting';
    let settled = false;
    let socketRef: Socket | null = null;
    let connectTimer: NodeJS.Timeout | undefined;
    let timeoutHandler: (() => void) | null = null;
    const onSocketTimeout = (): void => timeoutHandler?.();
    const cleanupSocket = (): void => {
      clearTimeout(connectTimer);
      if (socketRef) {
        socketRef.removeListener('timeout', onSocketTimeout);
        socketRef.setTimeout(0);
      }
    };
    const fail = (error: Error): void => {
      if (settled) return;
      settled = true;
      cleanupSocket();
      conn.inflight.delete(req);
      req.destroy();
      reject(error);
    };

    let req: http.ClientRequest;
    try {
      const options: https.RequestOptions = {
        host: target.hostname,
        port: target.port,
        method: prepared.method,
        path: target.path,
        headers: wire,
        agent: conn.agent(target.scheme, prepared.method),
        maxHeaderSize: 16 * 1024 * 1024,
      };
      if (isTls) {
        options.rejectUnauthorized = conn.rejectUnauthorized;
        if (ca) options.ca = ca;
      }
      // node:https (and TLS) load only when a URL needs them.
      req = process.getBuiltinModule(isTls ? 'node:https' : 'node:http').request(options);
    } catch (e) {
      reject(pyError('ValueError', e instanceof Error ? e.message : String(e)));
      return;
    }
    conn.inflight.add(req);

    req.on('socket', (socket: Socket) => {
      socketRef = socket;
      const connected = (): void => {
        clearTimeout(connectTimer);
        phase = 'sent';
        timeoutHandler = () => fail(readTimeoutError(pool, timeouts.read));
        if (timeouts.read !== null) socket.setTimeout(Math.max(1, Math.ceil(timeouts.read * 1000)));
      };
      socket.on('timeout', onSocketTimeout);
      if (socket.connecting) {
        if (timeouts.connect !== null) {
          connectTimer = setTimeout(
            () => {
              fail(connectTimeoutError(connName, target.hostname, timeouts.connect));
            },
            Math.max(1, Math.ceil(timeouts.connect * 1000)),
          );
        }
        if (isTls) {
          socket.once('connect', () => {
            phase = 'handshake';
          });
          socket.once('secureConnect', connected);
        } else {
          socket.once('connect', connected);
        }
      } else {
        connected();
      }
    });

    req.on('response', (res) => {
      if (settled) {
        res.destroy();
        return;
      }
      phase = 'response';
      if (res.rawHeaders.length / 2 > MAX_RESPONSE_HEADERS) {
        fail(protocolError(`HTTPException('got more than ${MAX_RESPONSE_HEADERS} headers')`));
        return;
      }
      settled = true;
      clearTimeout(connectTimer);
      // Until the body reader takes over, remember a timeout instead of losing it.
      let pendingTimeout = false;
      timeoutHandler = () => {
        pendingTimeout = true;
      };
      const socket = res.socket as Socket;
      resolve({
        status: res.statusCode ?? 0,
        headers: groupHeaders(res.rawHeaders),
        res,
        socket,
        onBodyTimeout: (handler) => {
          timeoutHandler = handler;
          if (pendingTimeout) handler();
        },
        release: () => {
          cleanupSocket();
          conn.inflight.delete(req);
        },
      });
    });

    req.on('error', (err: NodeJS.ErrnoException) => {
      if (settled) return;
      if (err.name === 'AbortError' || conn.signal.aborted) {
        fail(abortError(conn.signal));
        return;
      }
      const error = attemptError(err, phase, connName, target.hostname, isTls);
      error.staleConnection = req.reusedSocket && phase === 'sent' && (err.code === 'ECONNRESET' || err.code === 'EPIPE');
      fail(error);
    });

    req.end(prepared.body ?? undefined);
  });
}

/** A response body as read: at most `limit` bytes, and whether more was left unread. */
export interface Body {
  readonly bytes: Buffer;
  /** The body was longer than the limit: only its first `limit` bytes were read. */
  readonly truncated: boolean;
}

/**
 * Reads a (still encoded) response body, whole when it is at most `limit` bytes; beyond that, its
 * first `limit` bytes, and the connection is closed without reading the rest (max-output).
 */
export function readBody(conn: Connections, raw: RawResponse, pool: string, limit: number): Promise<Body> {
  return new Promise<Body>((resolve, reject) => {
    const chunks: Buffer[] = [];
    let received = 0;
    let done = false;
    const broken = (): Error => incomplete(received, headerValue(raw.headers, 'content-length'));
    function finish(error: Error | null, body?: Body): void {
      if (done) return;
      done = true;
      conn.timers.delete(onAbort);
      raw.release();
      if (error || body?.truncated) raw.res.destroy();
      if (error) reject(error);
      else resolve(body as Body);
    }
    function onAbort(): void {
      finish(abortError(conn.signal));
    }
    raw.onBodyTimeout(() => {
      // requests turns urllib3's ReadTimeoutError while streaming the body into a
      // ConnectionError (not a Timeout): chaoslib reports "failed to connect".
      finish(new ConnectionFailure(`${pool}: Read timed out.`));
    });
    if (conn.signal.aborted) {
      finish(abortError(conn.signal));
      return;
    }
    conn.timers.add(onAbort);
    raw.res.on('data', (chunk: Buffer) => {
      if (done) return;
      const room = limit - received;
      received += chunk.length;
      if (chunk.length > room) {
        if (room > 0) chunks.push(chunk.subarray(0, room));
        finish(null, { bytes: Buffer.concat(chunks), truncated: true });
        return;
      }
      chunks.push(chunk);
    });
    raw.res.on('end', () => {
      if (!raw.res.complete) {
        finish(broken());
        return;
      }
      finish(null, { bytes: Buffer.concat(chunks), truncated: false });
    });
    raw.res.on('error', () => {
      finish(conn.signal.aborted ? abortError(conn.signal) : broken());
    });
    raw.res.on('close', () => {
      if (!raw.res.complete) finish(conn.signal.aborted ? abortError(conn.signal) : broken());
    });
  });
}
