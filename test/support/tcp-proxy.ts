// A TCP proxy on 127.0.0.1 whose upstream can be switched or cut: the failover endpoint of a
// database (clients connect to it; a failover points it at the promoted replica) and the cut in a
// replication link. Switching or cutting drops every connection in flight, as a failover endpoint
// or a broken network does; while cut, new connections are accepted and closed at once.
// It can be steered from another process through a small HTTP control server (startProxyControl),
// so that an experiment's process activities can cut and switch it.
//
// Only node builtins and erasable TypeScript syntax: Node can load this file directly (the demo).
import http from 'node:http';
import net from 'node:net';

export interface TcpProxy {
  readonly port: number;
  /** The port connections are forwarded to; null while cut. */
  readonly upstream: number | null;
  /** Connections accepted so far (forwarded or not). */
  readonly accepted: number;
  /** Forwards new connections to 127.0.0.1:`port`, dropping those in flight. */
  switchTo(port: number): void;
  /** Drops the connections in flight and closes new ones at once. */
  cut(): void;
  close(): Promise<void>;
}

export async function startTcpProxy(upstream: number | null): Promise<TcpProxy> {
  let target = upstream;
  let accepted = 0;
  const pairs = new Set<{ client: net.Socket; server: net.Socket }>();
  const dropAll = (): void => {
    for (const pair of pairs) {
      pair.client.destroy();
      pair.server.destroy();
    }
    pairs.clear();
  };
  const server = net.createServer((client) => {
    accepted++;
    client.on('error', () => undefined);
    if (target === null) {
      client.destroy();
      return;
    }
    const upstreamSocket = net.connect({ host: '127.0.0.1', port: target });
    const pair = { client, server: upstreamSocket };
    pairs.add(pair);
    const end = (): void => {
      pairs.delete(pair);
      client.destroy();
      upstreamSocket.destroy();
    };
    upstreamSocket.on('error', end);
    client.on('close', end);
    upstreamSocket.on('close', end);
    client.pipe(upstreamSocket);
    upstreamSocket.pipe(client);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const port = (server.address() as net.AddressInfo).port;
  return {
    port,
    get upstream() {
      return target;
    },
    get accepted() {
      return accepted;
    },
    switchTo(next) {
      target = next;
      dropAll();
    },
    cut() {
      target = null;
      dropAll();
    },
    close: () =>
      new Promise<void>((resolve) => {
        target = null;
        dropAll();
        server.close(() => resolve());
      }),
  };
}

export interface ProxyControl {
  /** http://127.0.0.1:port: POST /<name>/cut, POST /<name>/switch/<port>. */
  readonly url: string;
  close(): Promise<void>;
}

/** An HTTP control server for named proxies; each answer is {"at": <epoch ms when it was done>}. */
export async function startProxyControl(proxies: Readonly<Record<string, TcpProxy>>): Promise<ProxyControl> {
  const server = http.createServer((req, res) => {
    const m = /^\/([\w-]+)\/(cut|switch\/(\d+))$/.exec(req.url ?? '');
    const proxy = m ? proxies[m[1] as string] : undefined;
    if (req.method !== 'POST' || !m || !proxy) {
      res.writeHead(404, { 'Content-Type': 'text/plain' }).end(`unknown: ${req.method} ${req.url}; known proxies: ${Object.keys(proxies).join(', ')}`);
      return;
    }
    if (m[3] !== undefined) proxy.switchTo(Number(m[3]));
    else proxy.cut();
    res.writeHead(200, { 'Content-Type': 'application/json' }).end(JSON.stringify({ at: Date.now() }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  return {
    url: `http://127.0.0.1:${(server.address() as net.AddressInfo).port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
