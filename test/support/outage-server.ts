// A service on 127.0.0.1 with a scripted outage of a known length (the ground truth for RTO):
// GET /outage/<ms> makes GET /health answer 503 for the next <ms> milliseconds.
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface OutageServer {
  readonly url: string;
  /** How many requests for `path` the server has answered. */
  requests(path: string): number;
  close(): Promise<void>;
}

export async function startOutageServer(): Promise<OutageServer> {
  let downUntil = 0;
  const answered = new Map<string, number>();
  const server = http.createServer((req, res) => {
    answered.set(req.url ?? '', (answered.get(req.url ?? '') ?? 0) + 1);
    const outage = /^\/outage\/(\d+)$/.exec(req.url ?? '');
    if (outage) {
      downUntil = performance.now() + Number(outage[1]);
      res.writeHead(200, { 'Content-Type': 'text/plain' }).end('down');
      return;
    }
    if (req.url === '/forever') {
      downUntil = Infinity;
      res.writeHead(200).end();
      return;
    }
    const up = performance.now() >= downUntil;
    res.writeHead(up ? 200 : 503, { 'Content-Type': 'text/plain' }).end(up ? 'ok' : 'down');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests: (path) => answered.get(path) ?? 0,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
