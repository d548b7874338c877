// The switchable TCP proxy: forwards, drops connections in flight when switched or cut, refuses
// while cut, and can be steered over HTTP by another process.
import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startProxyControl, startTcpProxy } from './tcp-proxy.js';

/** A server that answers every chunk with "<name>:<chunk>". */
async function namedEcho(name: string): Promise<{ port: number; close(): Promise<void> }> {
  const sockets = new Set<net.Socket>();
  const server = net.createServer((s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
    s.on('data', (d) => s.write(`${name}:${d.toString()}`));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  return {
    port: (server.address() as net.AddressInfo).port,
    close: () =>
      new Promise<void>((r) => {
        for (const s of sockets) s.destroy();
        server.close(() => r());
      }),
  };
}

interface Conn {
  readonly socket: net.Socket;
  readonly closed: Promise<void>;
  send(text: string): Promise<string>;
}

async function connect(port: number): Promise<Conn> {
  const socket = net.connect({ host: '127.0.0.1', port });
  socket.on('error', () => undefined);
  const closed = new Promise<void>((r) => socket.on('close', () => r()));
  await new Promise<void>((r) => socket.once('connect', () => r()));
  return {
    socket,
    closed,
    send: (text) =>
      new Promise<string>((resolve, reject) => {
        socket.once('data', (d) => resolve(d.toString()));
        socket.once('close', () => reject(new Error('closed')));
        socket.write(text);
      }),
  };
}

let a: Awaited<ReturnType<typeof namedEcho>>;
let b: Awaited<ReturnType<typeof namedEcho>>;
beforeAll(async () => {
  a = await namedEcho('a');
  b = await namedEcho('b');
});
afterAll(async () => {
  await a.close();
  await b.close();
});

describe('the TCP proxy', () => {
  it('forwards both ways to its upstream', async () => {
    const proxy = await startTcpProxy(a.port);
    try {
      const c = await connect(proxy.port);
      expect(await c.send('hello')).toBe('a:hello');
      expect(proxy.accepted).toBe(1);
      c.socket.destroy();
    } finally {
      await proxy.close();
    }
  });

  it('drops connections in flight when switched, and sends new ones to the new upstream', async () => {
    const proxy = await startTcpProxy(a.port);
    try {
      const before = await connect(proxy.port);
      expect(await before.send('x')).toBe('a:x');
      proxy.switchTo(b.port);
      await before.closed;
      expect(proxy.upstream).toBe(b.port);
      const after = await connect(proxy.port);
      expect(await after.send('y')).toBe('b:y');
      after.socket.destroy();
    } finally {
      await proxy.close();
    }
  });

  it('when cut, drops connections in flight and closes new ones without forwarding', async () => {
    const proxy = await startTcpProxy(a.port);
    try {
      const before = await connect(proxy.port);
      expect(await before.send('x')).toBe('a:x');
      proxy.cut();
      await before.closed;
      expect(proxy.upstream).toBeNull();
      const during = await connect(proxy.port);
      await expect(during.send('y')).rejects.toThrow('closed');
      proxy.switchTo(a.port);
      const again = await connect(proxy.port);
      expect(await again.send('z')).toBe('a:z');
      again.socket.destroy();
    } finally {
      await proxy.close();
    }
  });

  it('closes a client whose upstream refuses the connection', async () => {
    const dead = await namedEcho('dead');
    const port = dead.port;
    await dead.close();
    const proxy = await startTcpProxy(port);
    try {
      const c = await connect(proxy.port);
      await c.closed;
      expect(c.socket.destroyed).toBe(true);
    } finally {
      await proxy.close();
    }
  });
});

describe('the control server', () => {
  it('cuts and switches named proxies over HTTP, answering when it was done', async () => {
    const proxy = await startTcpProxy(a.port);
    const control = await startProxyControl({ endpoint: proxy });
    try {
      const before = Date.now();
      const cut = await fetch(`${control.url}/endpoint/cut`, { method: 'POST' });
      expect(cut.status).toBe(200);
      const { at } = (await cut.json()) as { at: number };
      expect(at).toBeGreaterThanOrEqual(before);
      expect(proxy.upstream).toBeNull();
      expect((await fetch(`${control.url}/endpoint/switch/${b.port}`, { method: 'POST' })).status).toBe(200);
      expect(proxy.upstream).toBe(b.port);
      const unknown = await fetch(`${control.url}/other/cut`, { method: 'POST' });
      expect(unknown.status).toBe(404);
      expect(await unknown.text()).toContain('known proxies: endpoint');
      expect((await fetch(`${control.url}/endpoint/cut`)).status).toBe(404);
    } finally {
      await control.close();
      await proxy.close();
    }
  });
});
