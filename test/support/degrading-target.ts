// A real HTTP target on 127.0.0.1 whose health degrades some time into a fault: GET /arm (the
// fault's first step) makes GET /health answer 500 from `failAfterMs` later on; GET /heal (the
// rollback) makes it healthy again. It notes when it first answered unhealthy, and every request.
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface DegradingTarget {
  readonly url: string;
  readonly hits: string[];
  /** Date.now() of the first unhealthy answer to /health, if any. */
  firstFailureAt(): number | undefined;
  close(): Promise<void>;
}

export async function startDegradingTarget(failAfterMs = 1000): Promise<DegradingTarget> {
  const hits: string[] = [];
  let failFrom: number | undefined;
  let firstFailure: number | undefined;
  const server = http.createServer((req, res) => {
    hits.push(req.url ?? '');
    if (req.url === '/arm') {
      failFrom = Date.now() + failAfterMs;
      res.writeHead(200).end('armed');
    } else if (req.url === '/heal') {
      failFrom = undefined;
      res.writeHead(200).end('healed');
    } else if (req.url === '/health') {
      const failing = failFrom !== undefined && Date.now() >= failFrom;
      if (failing) firstFailure ??= Date.now();
      res.writeHead(failing ? 500 : 200).end(failing ? 'unhealthy' : 'ok');
    } else res.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    hits,
    firstFailureAt: () => firstFailure,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/**
 * An experiment against the target: /arm, then a 10 s fault (a process that sleeps), and the
 * rollback /heal. `extra` adds the guards (controls or the extension).
 */
export function degradingExperiment(url: string, extra: Record<string, unknown>): Record<string, unknown> {
  return {
    title: 'the guard stops a fault that hurts',
    description: 'health degrades one second into a ten second fault',
    'steady-state-hypothesis': {
      title: 'healthy',
      probes: [{ type: 'probe', name: 'healthy', provider: { type: 'http', url: `${url}/health`, timeout: 3 }, tolerance: 200 }],
    },
    method: [
      { type: 'action', name: 'arm', provider: { type: 'http', url: `${url}/arm`, timeout: 3 } },
      { type: 'action', name: 'ten-second-fault', provider: { type: 'process', path: process.execPath, arguments: ['-e', 'setTimeout(() => {}, 10000)'] } },
    ],
    rollbacks: [{ type: 'action', name: 'heal', provider: { type: 'http', url: `${url}/heal`, timeout: 3 } }],
    ...extra,
  };
}

export const healthGuard = (url: string, extra: Record<string, unknown> = {}) => ({
  type: 'probe',
  name: 'health-guard',
  provider: { type: 'http', url: `${url}/health`, timeout: 3 },
  tolerance: 200,
  ...extra,
});

export const safeguards = (probes: unknown[]) => ({
  controls: [{ name: 'safeguard', provider: { type: 'python', module: 'chaosaddons.controls.safeguards', arguments: { probes } } }],
});

export const stopConditions = (probes: unknown[], frequency?: number) => ({
  extensions: [{ name: 'chaos-action', 'stop-conditions': probes, ...(frequency !== undefined ? { 'stop-conditions-frequency': frequency } : {}) }],
});
