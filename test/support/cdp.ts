// A small Chrome DevTools Protocol client over a real headless Chromium (Debian's
// chromium-headless-shell or chromium), with Node's global WebSocket: no npm dependency. It opens
// one page, records console messages, exceptions, log entries and network requests, and kills
// the browser on every path (close(), a failed launch, the hang guard).
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

const CANDIDATES = ['/usr/bin/chromium-headless-shell', '/usr/bin/chromium', '/usr/lib/chromium/chromium-headless-shell', '/usr/lib/chromium/chromium'];

/** The Chromium binary on this machine, or undefined. */
export function findChromium(): string | undefined {
  const given = process.env.CHROMIUM_PATH;
  if (given && existsSync(given)) return given;
  return CANDIDATES.find((c) => existsSync(c));
}

export interface PageEvents {
  /** console.* calls: level and text. */
  readonly console: { type: string; text: string }[];
  /** Uncaught exceptions. */
  readonly exceptions: string[];
  /** Log.entryAdded: the browser's own messages (CSP violations, failed loads). */
  readonly log: { level: string; source: string; text: string }[];
  /** Every request the page sent (URL). */
  readonly requests: string[];
}

interface Pending {
  resolve: (v: Record<string, unknown>) => void;
  reject: (e: Error) => void;
}

export interface Browser {
  readonly events: PageEvents;
  send(method: string, params?: Record<string, unknown>): Promise<Record<string, unknown>>;
  /** Navigates and resolves once the load event fired. */
  open(url: string): Promise<void>;
  /** Evaluates an expression in the page and returns its value (by value: JSON-able). */
  evaluate<T>(expression: string): Promise<T>;
  /** A PNG of the page (the full page when `fullPage`). */
  screenshot(options?: { fullPage?: boolean; width?: number }): Promise<Buffer>;
  close(): Promise<void>;
}

/** Launches Chromium, attaches to its first page and enables the domains the tests watch. `guardMs`: a hang guard (no timing assertion). */
export async function launchBrowser(options: { guardMs?: number; width?: number; height?: number } = {}): Promise<Browser> {
  const binary = findChromium();
  if (!binary) throw new Error('no Chromium: apt-get install chromium-headless-shell (or set CHROMIUM_PATH)');
  const profile = mkdtempSync(path.join(tmpdir(), 'chaos-action-chromium-'));
  const child = spawn(
    binary,
    [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--no-first-run',
      '--no-default-browser-check',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--remote-debugging-address=127.0.0.1',
      '--remote-debugging-port=0',
      `--user-data-dir=${profile}`,
      `--window-size=${options.width ?? 1280},${options.height ?? 900}`,
      'about:blank',
    ],
    // Its own process group: the renderer and utility processes it starts end with it.
    { stdio: ['ignore', 'ignore', 'pipe'], detached: true },
  );
  const kill = (): void => {
    try {
      if (child.pid !== undefined) process.kill(-child.pid, 'SIGKILL');
    } catch {
      // Already gone.
    }
    child.stderr?.destroy();
    rmSync(profile, { recursive: true, force: true });
  };
  const guard = setTimeout(kill, options.guardMs ?? 120_000);
  guard.unref();
  try {
    const wsUrl = await devToolsUrl(child);
    const page = await firstPageUrl(wsUrl);
    return await attach(page, child, () => {
      clearTimeout(guard);
      kill();
    });
  } catch (e) {
    clearTimeout(guard);
    kill();
    throw e;
  }
}

/** Reads `DevTools listening on ws://…` from Chromium's stderr. */
function devToolsUrl(child: ChildProcess): Promise<string> {
  return new Promise((resolve, reject) => {
    let err = '';
    const onData = (d: Buffer): void => {
      err += d.toString();
      const m = /DevTools listening on (ws:\/\/\S+)/.exec(err);
      if (m) {
        child.stderr?.off('data', onData);
        child.stderr?.resume();
        resolve(m[1] as string);
      }
    };
    child.stderr?.on('data', onData);
    child.on('error', reject);
    child.on('exit', (code, signal) => reject(new Error(`Chromium exited (${code ?? signal}) before DevTools listened: ${err.slice(-2000)}`)));
  });
}

/** The page target's WebSocket URL, from the browser's HTTP endpoint on the same port. */
async function firstPageUrl(browserWs: string): Promise<string> {
  const http = browserWs.replace(/^ws:/, 'http:').replace(/\/devtools\/browser\/.*$/, '');
  for (let attempt = 0; attempt < 50; attempt++) {
    const list = (await (await fetch(`${http}/json/list`)).json()) as { type: string; webSocketDebuggerUrl?: string }[];
    const page = list.find((t) => t.type === 'page' && t.webSocketDebuggerUrl);
    if (page?.webSocketDebuggerUrl) return page.webSocketDebuggerUrl;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('Chromium has no page target');
}

async function attach(url: string, child: ChildProcess, dispose: () => void): Promise<Browser> {
  const ws = new WebSocket(url);
  await new Promise<void>((resolve, reject) => {
    ws.addEventListener('open', () => resolve(), { once: true });
    ws.addEventListener('error', () => reject(new Error(`cannot connect to ${url}`)), { once: true });
  });
  const pending = new Map<number, Pending>();
  const listeners = new Map<string, ((params: Record<string, unknown>) => void)[]>();
  const events: PageEvents = { console: [], exceptions: [], log: [], requests: [] };
  let nextId = 1;
  let closed = false;
  const failAll = (why: string): void => {
    for (const p of pending.values()) p.reject(new Error(why));
    pending.clear();
  };
  ws.addEventListener('message', (m) => {
    const msg = JSON.parse(String(m.data)) as {
      id?: number;
      method?: string;
      params?: Record<string, unknown>;
      result?: Record<string, unknown>;
      error?: { message: string };
    };
    if (msg.id !== undefined) {
      const p = pending.get(msg.id);
      pending.delete(msg.id);
      if (msg.error) p?.reject(new Error(msg.error.message));
      else p?.resolve(msg.result ?? {});
      return;
    }
    for (const l of listeners.get(msg.method ?? '') ?? []) l(msg.params ?? {});
  });
  ws.addEventListener('close', () => failAll('the DevTools connection closed'));
  child.on('exit', () => failAll('Chromium exited'));
  const on = (method: string, listener: (params: Record<string, unknown>) => void): void => {
    listeners.set(method, [...(listeners.get(method) ?? []), listener]);
  };
  const send = (method: string, params: Record<string, unknown> = {}): Promise<Record<string, unknown>> => {
    if (closed) return Promise.reject(new Error('the browser is closed'));
    const id = nextId++;
    return new Promise((resolve, reject) => {
      pending.set(id, { resolve, reject });
      ws.send(JSON.stringify({ id, method, params }));
    });
  };
  on('Runtime.consoleAPICalled', (p) => {
    const args = (p.args as { value?: unknown; description?: string }[] | undefined) ?? [];
    events.console.push({ type: String(p.type), text: args.map((a) => (a.value !== undefined ? String(a.value) : (a.description ?? ''))).join(' ') });
  });
  on('Runtime.exceptionThrown', (p) => {
    const d = p.exceptionDetails as { text?: string; exception?: { description?: string } } | undefined;
    events.exceptions.push(`${d?.text ?? ''} ${d?.exception?.description ?? ''}`.trim());
  });
  on('Log.entryAdded', (p) => {
    const e = p.entry as { level: string; source: string; text: string };
    events.log.push({ level: e.level, source: e.source, text: e.text });
  });
  on('Network.requestWillBeSent', (p) => {
    events.requests.push(String((p.request as { url: string }).url));
  });
  try {
    await send('Runtime.enable');
    await send('Log.enable');
    await send('Network.enable');
    await send('Page.enable');
  } catch (e) {
    ws.close();
    dispose();
    throw e;
  }
  const evaluate = async <T>(expression: string): Promise<T> => {
    const r = await send('Runtime.evaluate', { expression, returnByValue: true, awaitPromise: true });
    if (r.exceptionDetails) throw new Error(`evaluation failed: ${JSON.stringify(r.exceptionDetails)}`);
    return (r.result as { value: T }).value;
  };
  return {
    events,
    send,
    evaluate,
    async open(target) {
      const loaded = new Promise<void>((resolve) => on('Page.loadEventFired', () => resolve()));
      const r = await send('Page.navigate', { url: target });
      if (typeof r.errorText === 'string' && r.errorText) throw new Error(`cannot open ${target}: ${r.errorText}`);
      await loaded;
    },
    async screenshot({ fullPage = true, width = 1280 } = {}) {
      if (fullPage) {
        const height = await evaluate<number>('Math.ceil(document.documentElement.scrollHeight)');
        await send('Emulation.setDeviceMetricsOverride', { width, height: Math.min(height, 16_000), deviceScaleFactor: 1, mobile: false });
      }
      const r = await send('Page.captureScreenshot', { format: 'png', captureBeyondViewport: fullPage });
      return Buffer.from(String(r.data), 'base64');
    },
    async close() {
      if (closed) return;
      closed = true;
      try {
        ws.close();
      } finally {
        dispose();
      }
    },
  };
}
