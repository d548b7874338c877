// A real HTTP target on 127.0.0.1 whose answer a test changes between phases of an experiment:
// GET /health answers with the current status; GET /set/<status> changes it (so a process action
// in the experiment can break or heal the service with curl-free `node -e` or the http provider).
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ToggleServer {
  readonly url: string;
  status: number;
  body: string;
  readonly hits: string[];
  close(): Promise<void>;
}

export async function startToggleServer(initialStatus = 200): Promise<ToggleServer> {
  const state = { status: initialStatus, body: 'ok', hits: [] as string[] };
  const server = http.createServer((req, res) => {
    state.hits.push(`${req.method} ${req.url}`);
    const set = /^\/set\/(\d{3})$/.exec(req.url ?? '');
    if (set) {
      state.status = Number(set[1]);
      res.writeHead(200, { 'Content-Type': 'text/plain' }).end(`now ${state.status}`);
      return;
    }
    if (req.url === '/json') {
      res
        .writeHead(state.status, { 'Content-Type': 'application/json' })
        .end(JSON.stringify({ status: state.status, items: [{ ready: state.status === 200 }] }));
      return;
    }
    res.writeHead(state.status, { 'Content-Type': 'text/plain' }).end(state.body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return Object.assign(state, {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  }) as ToggleServer;
}
