// Connection reuse across the probes of one run of the steady-state hypothesis (the engine's
// ConnectionScope handed to the http provider): idempotent requests share its keep-alive pools;
// a server that closes connections (Connection: close, or a kept one it has dropped) still gets
// every request answered; other methods keep one pool per activity; nothing outlives the scope.
import net, { type AddressInfo, type Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { ConnectionScope } from '../../src/engine/connection-scope.js';
import { substitutionScope } from '../../src/experiment/substitution.js';
import { runHttpProvider } from '../../src/providers/http/index.js';
import type { ProviderContext } from '../../src/contract/provider.js';
import { startHttpTarget, type HttpTarget } from '../support/http-target.js';

function context(connections?: ConnectionScope): ProviderContext {
  return {
    scope: substitutionScope({}, {}),
    hasVariables: false,
    secrets: {},
    configuration: {},
    signal: new AbortController().signal,
    env: {},
    cwd: process.cwd(),
    ...(connections ? { connections } : {}),
  };
}

const get = (url: string, ctx: ProviderContext, method = 'GET') =>
  runHttpProvider({ type: 'http', url, method, timeout: 5 }, ctx) as Promise<{ status: number; body: unknown }>;

let target: HttpTarget | undefined;
afterEach(async () => {
  await target?.close();
  target = undefined;
});

describe('probes sharing a connection scope', () => {
  it('send their requests on one connection, closed when the scope closes', async () => {
    target = await startHttpTarget();
    const scope = new ConnectionScope();
    for (let i = 0; i < 5; i++) expect((await get(target.url(`/echo/${i}`), context(scope))).status).toBe(200);
    expect(target.requests.map((r) => r.connection)).toEqual([1, 1, 1, 1, 1]);
    expect(target.openConnections()).toBe(1);
    scope.close();
    await target.idle();
    expect(target.openConnections()).toBe(0);
  });

  it('open a connection each without a scope (each activity its own, as before)', async () => {
    target = await startHttpTarget();
    for (let i = 0; i < 3; i++) await get(target.url('/echo'), context());
    expect(target.requests.map((r) => r.connection)).toEqual([1, 2, 3]);
    await target.idle();
  });

  it('work against a server that answers Connection: close', async () => {
    target = await startHttpTarget();
    target.route('/closing', (_req, res) => {
      res.setHeader('Connection', 'close');
      res.end('bye');
    });
    const scope = new ConnectionScope();
    const results = [];
    for (let i = 0; i < 3; i++) results.push(await get(target.url('/closing'), context(scope)));
    expect(results.map((r) => [r.status, r.body])).toEqual([
      [200, 'bye'],
      [200, 'bye'],
      [200, 'bye'],
    ]);
    expect(target.requests.map((r) => r.connection)).toEqual([1, 2, 3]);
    scope.close();
  });

  it('send a request again on a new connection when the kept one was dropped by the server', async () => {
    // A raw server that answers the first request of each connection with keep-alive, and drops
    // (resets) a connection on its second request without answering: the kept connection is stale.
    const served: number[] = [];
    const received: number[] = [];
    let connections = 0;
    const sockets = new Set<Socket>();
    const server = net.createServer((socket) => {
      const id = ++connections;
      sockets.add(socket);
      socket.on('close', () => sockets.delete(socket));
      let requests = 0;
      let buffered = '';
      socket.on('data', (chunk) => {
        buffered += chunk.toString('latin1');
        while (buffered.includes('\r\n\r\n')) {
          buffered = buffered.slice(buffered.indexOf('\r\n\r\n') + 4);
          requests++;
          received.push(id);
          if (requests > 1) {
            socket.resetAndDestroy();
            return;
          }
          served.push(id);
          socket.write('HTTP/1.1 200 OK\r\nContent-Length: 2\r\nConnection: keep-alive\r\n\r\nok');
        }
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
    const scope = new ConnectionScope();
    try {
      const results = [];
      for (let i = 0; i < 3; i++) results.push(await get(url, context(scope)));
      expect(results.map((r) => [r.status, r.body])).toEqual([
        [200, 'ok'],
        [200, 'ok'],
        [200, 'ok'],
      ]);
      // The second probe's request reached the kept connection (1), which dropped it, and was
      // answered on a new one (2); the third went on a new kept connection (3).
      expect(received).toEqual([1, 1, 2, 3]);
      expect(served).toEqual([1, 2, 3]);
    } finally {
      scope.close();
      for (const s of sockets) s.destroy();
      await new Promise((resolve) => server.close(resolve));
    }
  });

  it('keep one pool per activity for requests that are not idempotent (a POST is never sent twice)', async () => {
    target = await startHttpTarget();
    const scope = new ConnectionScope();
    for (let i = 0; i < 3; i++) expect((await get(target.url('/echo'), context(scope), 'POST')).status).toBe(200);
    expect(target.requests.map((r) => [r.method, r.connection])).toEqual([
      ['POST', 1],
      ['POST', 2],
      ['POST', 3],
    ]);
    scope.close();
    await target.idle();
  });
});
