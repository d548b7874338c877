// The http provider's bounds, against real local servers: a body is read up to max-output and no
// further (marked where it was cut), a compressed body inflates no further, an attempt cannot
// outlast its connect + read timeouts however slowly the peer trickles, and an activity without a
// timeout has the run's deadline instead of waiting forever.
import http from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import zlib from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ActivityLimits } from '../../src/contract/limits.js';
import { ActivityFailed, type ProviderContext } from '../../src/contract/provider.js';
import { substitutionScope } from '../../src/experiment/substitution.js';
import { runHttpProvider } from '../../src/providers/http/index.js';

const MiB = 1024 * 1024;
const sockets = new Set<Socket>();
let server: http.Server;
let base = '';
/** Bytes the /big route managed to write before the client went away. */
let bigWritten = 0;

beforeAll(async () => {
  const chunk = Buffer.alloc(MiB, 'a');
  server = http.createServer((req, res) => {
    const url = req.url ?? '/';
    if (url === '/big') {
      // 20 MiB, declared: more than max-output.
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': String(20 * MiB) });
      bigWritten = 0;
      const pump = (): void => {
        while (bigWritten < 20 * MiB) {
          bigWritten += chunk.length;
          if (!res.write(chunk)) return void res.once('drain', pump);
        }
        res.end();
      };
      pump();
    } else if (url === '/bomb') {
      // 64 MiB of zeros, gzipped to a few kilobytes.
      const gz = zlib.gzipSync(Buffer.alloc(64 * MiB));
      res.writeHead(200, { 'content-type': 'text/plain', 'content-encoding': 'gzip', 'content-length': String(gz.length) });
      res.end(gz);
    } else if (url === '/trickle-body') {
      res.writeHead(200, { 'content-type': 'text/plain' });
      const t = setInterval(() => res.write('x'), 50);
      res.on('close', () => clearInterval(t));
    } else if (url === '/trickle-headers') {
      const socket = req.socket;
      const text = `HTTP/1.1 200 OK\r\nX-Slow: ${'y'.repeat(100_000)}`;
      let i = 0;
      const t = setInterval(() => (socket.destroyed ? clearInterval(t) : socket.write(text.charAt(i++))), 50);
    } else if (url === '/never') {
      // Accepts the request and never answers.
    } else if (url === '/deep') {
      const depth = 200_000;
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(`${'['.repeat(depth)}${']'.repeat(depth)}`);
    } else {
      res.writeHead(404).end();
    }
  });
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  for (const s of sockets) s.destroy();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

function context(limits: ActivityLimits): ProviderContext {
  return {
    scope: substitutionScope({}, {}),
    hasVariables: false,
    secrets: {},
    configuration: {},
    signal: new AbortController().signal,
    env: {},
    cwd: process.cwd(),
    limits,
  };
}

type Result = { status: number; headers: Record<string, string>; body: unknown };
const run = async (provider: Record<string, unknown>, limits: ActivityLimits = { maxOutputBytes: MiB }): Promise<Result> =>
  (await runHttpProvider({ type: 'http', ...provider }, context(limits))) as Result;

async function failure(provider: Record<string, unknown>, limits: ActivityLimits): Promise<Error> {
  try {
    await run(provider, limits);
  } catch (e) {
    return e as Error;
  }
  throw new Error('the provider did not fail');
}

describe('max-output', () => {
  it('reads a body longer than max-output only up to it, keeps the head as text and marks the cut', async () => {
    const { status, body } = await run({ url: `${base}/big`, timeout: 10 });
    expect(status).toBe(200);
    // Not parsed as JSON: the rest is missing.
    expect(typeof body).toBe('string');
    const text = body as string;
    expect(text.length).toBeLessThanOrEqual(MiB);
    expect(text.startsWith('aaaa')).toBe(true);
    expect(text).toMatch(
      /\[chaos-action truncated: the body is longer than 1048576 bytes \(Content-Length: 20971520\): its first \d+ bytes are kept, the rest was not read/,
    );
    // The connection was dropped: the server could not push the whole 20 MiB.
    await new Promise((r) => setTimeout(r, 200));
    expect(bigWritten).toBeLessThan(20 * MiB);
  });

  it('stops inflating a compressed body at max-output', async () => {
    const { body } = await run({ url: `${base}/bomb`, timeout: 10 });
    const text = body as string;
    expect(text.length).toBeLessThanOrEqual(MiB);
    expect(text.startsWith('\u0000\u0000')).toBe(true);
    expect(text).toContain('[chaos-action truncated: the body is longer than 1048576 bytes');
  });

  it('returns a body within max-output whole, as JSON when it says so', async () => {
    const { body } = await run({ url: `${base}/deep`, timeout: 10 }, { maxOutputBytes: 10 * MiB });
    expect(Array.isArray(body)).toBe(true);
  });
});

describe('deadlines', () => {
  it('fails an attempt whose body trickles past its connect + read timeouts', async () => {
    // requests would never time out: every byte comes well within the read timeout.
    const e = await failure({ url: `${base}/trickle-body`, timeout: 1 }, { maxOutputBytes: MiB });
    expect(e).toBeInstanceOf(ActivityFailed);
    expect(e.message).toBe('activity took too long to complete (the answer took more than 2 s in all: its connect + read timeouts)');
  });

  it('fails an attempt whose headers trickle past its connect + read timeouts', async () => {
    const e = await failure({ url: `${base}/trickle-headers`, timeout: [1, 1.5] }, { maxOutputBytes: MiB });
    expect(e).toBeInstanceOf(ActivityFailed);
    expect(e.message).toBe('activity took too long to complete (the answer took more than 2.5 s in all: its connect + read timeouts)');
  });

  it('gives an activity without a timeout the run activity-timeout, instead of waiting forever', async () => {
    const e = await failure({ url: `${base}/never` }, { maxOutputBytes: MiB, activityTimeout: 1 });
    expect(e).toBeInstanceOf(ActivityFailed);
    expect(e.message).toBe('activity took too long to complete (no timeout set: the deadline is 1 s, see activity-timeout)');
  });

  it('applies the activity-timeout to an activity with only a read timeout (no connect timeout)', async () => {
    const e = await failure({ url: `${base}/trickle-body`, timeout: [null, 5] }, { maxOutputBytes: MiB, activityTimeout: 1 });
    expect(e.message).toBe('activity took too long to complete (no timeout set: the deadline is 1 s, see activity-timeout)');
  });
});
