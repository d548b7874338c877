// A scripted local HTTP(S) server for provider tests: it records every request and answers from a
// fixed set of routes steered by the query string (an httpbin in miniature), plus routes a test
// registers itself. It can also run in a worker thread, for tests that block their own event loop
// (the Python oracle runs through spawnSync).
//
// This module only imports node builtins and uses erasable TypeScript syntax, so that Node can
// load it directly as a worker script.
//
// Routes (pathname prefix):
//   /echo...       200, application/json: {method, target, headers: [[name, value], ...], body}
//   /respond       status=, h=Name:Value (repeatable, sent in order, casing kept), body= (text),
//                  b64= (bytes), encode=gzip|deflate|rawdeflate|gzip,deflate, chunked=1
//   /redirect...   to= (Location, sent as UTF-8), status= (302), cookie= (a Set-Cookie), h= extra,
//                  body= (text)
//   /chain/N       redirects to /chain/N-1 (same query; status= picks the code), /chain/0 echoes
//   /hang          never answers
//   /drop          closes the connection without answering
//   /reset         resets the connection (RST)
//   /flaky         key=, fail=N: the first N requests with that key are dropped (mode=drop) or
//                  answered 503 with Retry-After: 0 (mode=503); later ones echo
//   /slow-body     sends headers and half the body, then stalls
//   /truncated     declares Content-Length: 10, sends 3 bytes and closes
import http from 'node:http';
import https from 'node:https';
import type { AddressInfo, Socket } from 'node:net';
import zlib from 'node:zlib';
import { Worker, parentPort, workerData } from 'node:worker_threads';

export interface RecordedRequest {
  readonly method: string;
  /** The request target exactly as received (path and query). */
  readonly target: string;
  /** Raw header pairs, in the order and casing received. */
  readonly headers: [string, string][];
  /** The body, decoded as UTF-8. */
  readonly body: string;
  /** 1-based number of the TCP connection that carried the request. */
  readonly connection: number;
}

export interface TargetOptions {
  /** PEM key and certificate: serve HTTPS. */
  readonly tls?: { readonly key: string; readonly cert: string };
}

export type RouteHandler = (req: http.IncomingMessage, res: http.ServerResponse, body: Buffer) => void;

export interface HttpTarget {
  readonly port: number;
  /** e.g. http://127.0.0.1:1234 */
  readonly origin: string;
  url(path: string): string;
  readonly requests: readonly RecordedRequest[];
  /** TCP connections accepted so far (TLS handshakes that failed included). */
  connections(): number;
  /** TCP connections still open. */
  openConnections(): number;
  /** Resolves once every accepted connection has closed. */
  idle(): Promise<void>;
  /** Registers a handler for a pathname prefix; it wins over the scripted routes. */
  route(prefix: string, handler: RouteHandler): void;
  close(): Promise<void>;
}

export async function startHttpTarget(options: TargetOptions = {}): Promise<HttpTarget> {
  const requests: RecordedRequest[] = [];
  const custom: [string, RouteHandler][] = [];
  const sockets = new Set<Socket>();
  let idleWaiters: (() => void)[] = [];
  let connectionCount = 0;
  const socketIds = new WeakMap<Socket, number>();

  const handler = (req: http.IncomingMessage, res: http.ServerResponse): void => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      const headers: [string, string][] = [];
      for (let i = 0; i + 1 < req.rawHeaders.length; i += 2) headers.push([req.rawHeaders[i] as string, req.rawHeaders[i + 1] as string]);
      const recorded: RecordedRequest = {
        method: req.method ?? '',
        target: req.url ?? '',
        headers,
        body: body.toString('utf8'),
        connection: socketIds.get(req.socket) ?? 0,
      };
      requests.push(recorded);
      res.sendDate = false;
      const pathname = (req.url ?? '/').split('?')[0] as string;
      for (const [prefix, h] of custom) {
        if (pathname.startsWith(prefix)) {
          h(req, res, body);
          return;
        }
      }
      scripted(req, res, recorded, requests);
    });
  };

  const server = options.tls ? https.createServer({ key: options.tls.key, cert: options.tls.cert }, handler) : http.createServer(handler);
  server.keepAliveTimeout = 60_000;
  server.on('connection', (socket: Socket) => {
    connectionCount++;
    socketIds.set(socket, connectionCount);
    sockets.add(socket);
    socket.on('close', () => {
      sockets.delete(socket);
      if (sockets.size === 0) {
        for (const resolve of idleWaiters) resolve();
        idleWaiters = [];
      }
    });
  });
  if (options.tls) {
    // For TLS the request's socket is the TLSSocket: number it after its TCP connection.
    server.on('secureConnection', (tlsSocket: Socket) => socketIds.set(tlsSocket, connectionCount));
    server.on('tlsClientError', () => undefined);
  }
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const port = (server.address() as AddressInfo).port;
  const origin = `${options.tls ? 'https' : 'http'}://127.0.0.1:${port}`;
  return {
    port,
    origin,
    url: (path: string) => origin + path,
    requests,
    connections: () => connectionCount,
    openConnections: () => sockets.size,
    idle: () => (sockets.size === 0 ? Promise.resolve() : new Promise<void>((resolve) => idleWaiters.push(resolve))),
    route: (prefix: string, h: RouteHandler) => {
      custom.push([prefix, h]);
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}

function query(req: http.IncomingMessage): URLSearchParams {
  const target = req.url ?? '/';
  const q = target.indexOf('?');
  return new URLSearchParams(q >= 0 ? target.slice(q + 1) : '');
}

function headerPairs(params: URLSearchParams): string[] {
  const out: string[] = [];
  for (const h of params.getAll('h')) {
    const colon = h.indexOf(':');
    out.push(h.slice(0, colon), h.slice(colon + 1).replace(/^ /, ''));
  }
  return out;
}

function echo(res: http.ServerResponse, recorded: RecordedRequest, extra: string[] = []): void {
  const payload = Buffer.from(JSON.stringify({ method: recorded.method, target: recorded.target, headers: recorded.headers, body: recorded.body }));
  res.writeHead(200, [...extra, 'Content-Type', 'application/json', 'Content-Length', String(payload.length)]);
  res.end(payload);
}

function encodeBody(body: Buffer, encode: string | null): Buffer {
  if (!encode) return body;
  let data = body;
  for (const mode of encode.split(',').map((m) => m.trim())) {
    if (mode === 'gzip') data = zlib.gzipSync(data);
    else if (mode === 'deflate') data = zlib.deflateSync(data);
    else if (mode === 'rawdeflate') data = zlib.deflateRawSync(data);
  }
  return data;
}

function scripted(req: http.IncomingMessage, res: http.ServerResponse, recorded: RecordedRequest, log: readonly RecordedRequest[]): void {
  const pathname = (req.url ?? '/').split('?')[0] as string;
  const params = query(req);
  const socket = req.socket;
  if (pathname.startsWith('/echo')) {
    echo(res, recorded);
  } else if (pathname === '/respond') {
    const status = Number(params.get('status') ?? 200);
    const b64 = params.get('b64');
    const body = encodeBody(b64 !== null ? Buffer.from(b64, 'base64') : Buffer.from(params.get('body') ?? '', 'utf8'), params.get('encode'));
    const headers = headerPairs(params);
    if (params.get('chunked') !== '1') headers.push('Content-Length', String(body.length));
    res.writeHead(status, headers);
    res.end(req.method === 'HEAD' ? undefined : body);
  } else if (pathname === '/redirect' || pathname.startsWith('/redirect/')) {
    // The Location goes out as UTF-8 bytes (Node writes header strings as Latin-1).
    const headers = ['Location', Buffer.from(params.get('to') ?? '/echo', 'utf8').toString('latin1'), ...headerPairs(params)];
    const cookie = params.get('cookie');
    if (cookie) headers.push('Set-Cookie', cookie);
    const body = Buffer.from(params.get('body') ?? '', 'utf8');
    res.writeHead(Number(params.get('status') ?? 302), [...headers, 'Content-Length', String(body.length)]);
    res.end(body);
  } else if (pathname.startsWith('/chain/')) {
    const n = Number(pathname.slice('/chain/'.length));
    if (n <= 0) {
      echo(res, recorded);
      return;
    }
    const q = (req.url ?? '').includes('?') ? (req.url ?? '').slice((req.url ?? '').indexOf('?')) : '';
    res.writeHead(Number(params.get('status') ?? 302), ['Location', `/chain/${n - 1}${q}`, 'Content-Length', '0']);
    res.end();
  } else if (pathname === '/hang') {
    // never answers
  } else if (pathname === '/drop') {
    socket.destroy();
  } else if (pathname === '/reset') {
    socket.resetAndDestroy();
  } else if (pathname === '/flaky') {
    const key = params.get('key') ?? '';
    const fail = Number(params.get('fail') ?? 1);
    const seen = log.filter((r) => query({ url: r.target } as http.IncomingMessage).get('key') === key).length;
    if (seen <= fail) {
      if (params.get('mode') === '503') {
        res.writeHead(503, ['Retry-After', '0', 'Content-Length', '4']);
        res.end('busy');
      } else {
        socket.destroy();
      }
      return;
    }
    echo(res, recorded);
  } else if (pathname === '/slow-body') {
    res.writeHead(200, ['Content-Type', 'text/plain', 'Content-Length', '10']);
    res.write('hello');
  } else if (pathname === '/truncated') {
    socket.end('HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 10\r\n\r\nabc');
  } else {
    res.writeHead(404, ['Content-Type', 'text/plain', 'Content-Length', '9']);
    res.end('not found');
  }
}

// ---------------------------------------------------------------------------------------------
// The same server in a worker thread

export interface RemoteHttpTarget {
  readonly port: number;
  readonly origin: string;
  url(path: string): string;
  requests(): Promise<RecordedRequest[]>;
  connections(): Promise<number>;
  close(): Promise<void>;
}

interface WorkerReply {
  readonly id: number;
  readonly value: unknown;
}

/** Starts the scripted server (no custom routes) in a worker thread. */
export async function startHttpTargetInWorker(options: TargetOptions = {}): Promise<RemoteHttpTarget> {
  const worker = new Worker(new URL(import.meta.url), { workerData: { httpTargetWorker: true, options } });
  let nextId = 0;
  const pending = new Map<number, (value: unknown) => void>();
  const ready = new Promise<{ port: number; origin: string }>((resolve, reject) => {
    worker.once('error', reject);
    worker.once('message', (m: { port: number; origin: string }) => resolve(m));
  });
  const { port, origin } = await ready;
  worker.on('message', (m: WorkerReply) => {
    pending.get(m.id)?.(m.value);
    pending.delete(m.id);
  });
  const ask = (type: string): Promise<unknown> =>
    new Promise((resolve) => {
      const id = ++nextId;
      pending.set(id, resolve);
      worker.postMessage({ id, type });
    });
  return {
    port,
    origin,
    url: (path: string) => origin + path,
    requests: async () => (await ask('requests')) as RecordedRequest[],
    connections: async () => (await ask('connections')) as number,
    close: async () => {
      await ask('close');
      await worker.terminate();
    },
  };
}

const data = workerData as { httpTargetWorker?: boolean; options?: TargetOptions } | null;
if (data?.httpTargetWorker === true && parentPort) {
  const port = parentPort;
  void startHttpTarget(data.options ?? {}).then((target) => {
    port.postMessage({ port: target.port, origin: target.origin });
    port.on('message', async (m: { id: number; type: string }) => {
      if (m.type === 'requests') port.postMessage({ id: m.id, value: target.requests });
      else if (m.type === 'connections') port.postMessage({ id: m.id, value: target.connections() });
      else if (m.type === 'close') {
        await target.close();
        port.postMessage({ id: m.id, value: null });
      }
    });
  });
}
