// A service on 127.0.0.1 that counts the probe requests it gets: GET /health answers 200 (after
// `delay` ms) and counts; GET /wait-for/<n>[/<ms>] answers once /health has been asked <n> times
// (<ms> later when given, so that the last of those requests has been answered first; a hang guard
// answers 504 after a minute), so a method action can wait for the sampler deterministically.
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface CountingServer {
  readonly url: string;
  /** GET /health requests so far. */
  readonly health: number;
  /** Milliseconds /health waits before answering. */
  delay: number;
  reset(): void;
  close(): Promise<void>;
}

export async function startCountingServer(): Promise<CountingServer> {
  let health = 0;
  let waiters: { n: number; answer: () => void }[] = [];
  const state = { delay: 0 };
  const server = http.createServer((req, res) => {
    const wait = /^\/wait-for\/(\d+)(?:\/(\d+))?$/.exec(req.url ?? '');
    if (wait) {
      const n = Number(wait[1]);
      const after = Number(wait[2] ?? 0);
      const guard = setTimeout(() => res.writeHead(504).end('still waiting'), 60_000);
      const answer = (): void => {
        clearTimeout(guard);
        setTimeout(() => res.writeHead(200).end('seen'), after);
      };
      if (health >= n) answer();
      else waiters.push({ n, answer });
      return;
    }
    if (req.url === '/health') {
      health++;
      for (const w of waiters.filter((x) => health >= x.n)) w.answer();
      waiters = waiters.filter((x) => health < x.n);
      setTimeout(() => res.writeHead(200, { 'Content-Type': 'text/plain' }).end('ok'), state.delay);
      return;
    }
    res.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return Object.defineProperties(state, {
    url: { value: `http://127.0.0.1:${port}` },
    health: { get: () => health },
    reset: {
      value: () => {
        health = 0;
        state.delay = 0;
      },
    },
    close: {
      value: () =>
        new Promise<void>((resolve) => {
          server.closeAllConnections();
          server.close(() => resolve());
        }),
    },
  }) as CountingServer;
}
