// A small record store on 127.0.0.1 for the canary tests, that can lose data on purpose: the
// ground truth for RPO. In "losing" mode it acknowledges writes and drops them (a replica that
// will not have them); "down" answers 503 (unavailable: nothing acknowledged); "hang" never answers.
//   POST /records       body {"seq": n, "ts": "..."}: 201 when acknowledged
//   GET  /records       the sequence numbers kept, as a JSON list
//   GET  /health        200 unless down
//   POST /mode/<mode>   normal | losing | down | hang; answers {"at": <epoch ms>}
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export type StoreMode = 'normal' | 'losing' | 'down' | 'hang';

export interface RecordStore {
  readonly url: string;
  /** Every write body received, parsed, in order. */
  readonly received: { seq: unknown; ts: unknown }[];
  readonly kept: number[];
  /** Mode changes, with the time each took effect (epoch ms). */
  readonly changes: { mode: StoreMode; at: number }[];
  close(): Promise<void>;
}

export async function startRecordStore(): Promise<RecordStore> {
  let mode: StoreMode = 'normal';
  const received: { seq: unknown; ts: unknown }[] = [];
  const kept: number[] = [];
  const changes: { mode: StoreMode; at: number }[] = [];
  const server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (d: Buffer) => (body += d.toString()));
    req.on('end', () => {
      const change = /^\/mode\/(normal|losing|down|hang)$/.exec(req.url ?? '');
      if (req.method === 'POST' && change) {
        mode = change[1] as StoreMode;
        const at = Date.now();
        changes.push({ mode, at });
        res.writeHead(200, { 'Content-Type': 'application/json' }).end(JSON.stringify({ at }));
      } else if (req.url === '/health') {
        res.writeHead(mode === 'down' ? 503 : 200).end(mode === 'down' ? 'down' : 'ok');
      } else if (req.url === '/records' && req.method === 'GET') {
        res.writeHead(200, { 'Content-Type': 'application/json' }).end(JSON.stringify(kept));
      } else if (req.url === '/records' && req.method === 'POST') {
        if (mode === 'hang') return; // never answers; closeAllConnections ends it
        if (mode === 'down') {
          res.writeHead(503).end('down');
          return;
        }
        const record = JSON.parse(body) as { seq: unknown; ts: unknown };
        received.push(record);
        if (mode === 'normal') kept.push(Number(record.seq));
        res.writeHead(201).end();
      } else {
        res.writeHead(404).end();
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    received,
    kept,
    changes,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
