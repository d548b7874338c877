// The http provider against real local servers (127.0.0.1 only): what it sends, what it returns,
// how it fails, and, at the end, the same provider definitions run through the real
// chaoslib.provider.http.run_http_activity (requests 2.34) compared key by key.
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import net, { type AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { substitutionScope } from '../../src/experiment/substitution.js';
import { HTTP_USER_AGENT, runHttpProvider } from '../../src/providers/http/index.js';
import { ActivityFailed, type ProviderContext } from '../../src/contract/provider.js';
import { startHttpTarget, startHttpTargetInWorker, type HttpTarget, type RecordedRequest, type RemoteHttpTarget } from '../support/http-target.js';
import { oraclePython, runPythonOracle } from '../support/oracle.js';

interface HttpResult {
  status: number;
  headers: Record<string, string>;
  body: unknown;
}

interface Echo {
  method: string;
  target: string;
  headers: [string, string][];
  body: string;
}

function context(
  options: {
    configuration?: Record<string, unknown>;
    secrets?: Record<string, Record<string, unknown>>;
    signal?: AbortSignal;
    env?: Record<string, string>;
  } = {},
): ProviderContext {
  const configuration = options.configuration ?? {};
  const secrets = options.secrets ?? {};
  return {
    scope: substitutionScope(configuration, secrets),
    hasVariables: Object.keys(configuration).length > 0 || Object.keys(secrets).length > 0,
    secrets,
    configuration,
    signal: options.signal ?? new AbortController().signal,
    env: options.env ?? {},
    cwd: process.cwd(),
  };
}

async function run(provider: Record<string, unknown>, ctx: ProviderContext = context()): Promise<HttpResult> {
  return (await runHttpProvider({ type: 'http', ...provider }, ctx)) as HttpResult;
}

async function failure(provider: Record<string, unknown>, ctx: ProviderContext = context()): Promise<Error> {
  try {
    await run(provider, ctx);
  } catch (e) {
    return e as Error;
  }
  throw new Error('the provider did not fail');
}

function respond(params: Record<string, string | string[]>): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) for (const item of Array.isArray(v) ? v : [v]) q.append(k, item);
  return `/respond?${q.toString()}`;
}

function lastRequest(target: HttpTarget): RecordedRequest {
  return target.requests[target.requests.length - 1] as RecordedRequest;
}

function header(req: RecordedRequest | Echo, name: string): string | undefined {
  return req.headers.find(([k]) => k.toLowerCase() === name.toLowerCase())?.[1];
}

async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/** A listener whose accept queue is full: connecting to it never completes (connect timeout). */
async function startBlackhole(): Promise<{ port: number; close(): void }> {
  const python = existsSync(oraclePython) ? oraclePython : 'python3';
  const script = 'import socket,sys\ns=socket.socket()\ns.bind(("127.0.0.1",0))\ns.listen(0)\nprint(s.getsockname()[1],flush=True)\nsys.stdin.read()';
  const child: ChildProcess = spawn(python, ['-c', script], { stdio: ['pipe', 'pipe', 'inherit'] });
  const port = await new Promise<number>((resolve) => child.stdout?.once('data', (d: Buffer) => resolve(Number(String(d).trim()))));
  // listen(0) queues a single connection: once this one is established, later SYNs are dropped.
  const filler = net.connect(port, '127.0.0.1');
  await new Promise<void>((resolve) => filler.once('connect', () => resolve()));
  return {
    port,
    close: () => {
      filler.destroy();
      child.stdin?.end();
      child.kill();
    },
  };
}

/** A self-signed certificate for 127.0.0.1, made with openssl in a fresh directory. */
function selfSignedCert(): { dir: string; key: string; cert: string; certFile: string } {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'http-provider-tls-'));
  const keyFile = path.join(dir, 'key.pem');
  const certFile = path.join(dir, 'cert.pem');
  execFileSync(
    'openssl',
    [
      'req',
      '-x509',
      '-newkey',
      'ec',
      '-pkeyopt',
      'ec_paramgen_curve:prime256v1',
      '-nodes',
      '-keyout',
      keyFile,
      '-out',
      certFile,
      '-days',
      '2',
      '-subj',
      '/CN=127.0.0.1',
      '-addext',
      'subjectAltName=IP:127.0.0.1',
    ],
    { stdio: 'ignore' },
  );
  return { dir, key: readFileSync(keyFile, 'utf8'), cert: readFileSync(certFile, 'utf8'), certFile };
}

let target: HttpTarget;
let other: HttpTarget;

beforeAll(async () => {
  target = await startHttpTarget();
  other = await startHttpTarget();
});

afterAll(async () => {
  await target.close();
  await other.close();
});

describe('response headers and body', () => {
  it('keeps header names as the server sent them and joins repeated headers with ", " (Set-Cookie too)', async () => {
    const r = await run({
      url: target.url(respond({ h: ['X-Mixed-Case: 1', 'x-mixed-case: 2', 'Set-Cookie: a=1', 'Set-Cookie: b=2', 'content-TYPE: text/plain'] })),
    });
    expect(r.status).toBe(200);
    expect(Object.keys(r.headers).slice(0, 3)).toEqual(['X-Mixed-Case', 'Set-Cookie', 'content-TYPE']);
    expect(r.headers['X-Mixed-Case']).toBe('1, 2');
    expect(r.headers['Set-Cookie']).toBe('a=1, b=2');
    expect(r.headers['Content-Length']).toBe('0');
  });

  it('parses the body when Content-Type is exactly application/json', async () => {
    const r = await run({ url: target.url(respond({ h: 'Content-Type: application/json', body: '{"a": [1, 2.5, null]}' })) });
    expect(r.body).toEqual({ a: [1, 2.5, null] });
  });

  it('keeps a JSON body as a string when Content-Type carries a charset', async () => {
    const r = await run({ url: target.url(respond({ h: 'Content-Type: application/json; charset=utf-8', body: '{"a": 1}' })) });
    expect(r.body).toBe('{"a": 1}');
  });

  it('keeps a JSON body as a string when the Content-Type value differs in case', async () => {
    const r = await run({ url: target.url(respond({ h: 'Content-Type: Application/JSON', body: '[1]' })) });
    expect(r.body).toBe('[1]');
  });

  it('returns the status and body of an error answer without failing (a 500 is a result)', async () => {
    const r = await run({ url: target.url(respond({ status: '500', h: 'Content-Type: text/plain', body: 'boom' })) });
    expect(r).toMatchObject({ status: 500, body: 'boom' });
  });

  it('decodes text/* without a charset as ISO-8859-1', async () => {
    const r = await run({ url: target.url(respond({ h: 'Content-Type: text/plain', b64: Buffer.from('café', 'utf8').toString('base64') })) });
    expect(r.body).toBe('cafÃ©');
  });

  it('decodes with the charset Content-Type names, quotes stripped', async () => {
    const r = await run({ url: target.url(respond({ h: 'Content-Type: text/plain; charset="UTF-8"', body: 'café ✓' })) });
    expect(r.body).toBe('café ✓');
  });

  it('decodes a Python alias of Latin-1 as true ISO-8859-1 (not windows-1252)', async () => {
    const r = await run({
      url: target.url(respond({ h: 'Content-Type: text/plain; charset=latin-1', b64: Buffer.from([0x63, 0x61, 0x66, 0xe9, 0x80]).toString('base64') })),
    });
    expect(r.body).toBe('café\u0080');
  });

  it('replaces the bytes windows-1252 leaves undefined, as Python does', async () => {
    const r = await run({
      url: target.url(respond({ h: 'Content-Type: text/plain; charset=windows-1252', b64: Buffer.from([0x80, 0x81]).toString('base64') })),
    });
    expect(r.body).toBe('€\ufffd');
  });

  it('decodes a JSON body with a charset as UTF-8 by default and replaces invalid bytes', async () => {
    const r = await run({ url: target.url(respond({ h: 'Content-Type: application/json; x=1', b64: Buffer.from([0x22, 0xff, 0x22]).toString('base64') })) });
    expect(r.body).toBe('"\ufffd"');
  });

  it('decodes a body that is neither text nor JSON as UTF-8 (stand-in for charset detection)', async () => {
    const r = await run({ url: target.url(respond({ h: 'Content-Type: application/xml', body: '<a>é</a>' })) });
    expect(r.body).toBe('<a>é</a>');
  });

  it('falls back to UTF-8 for a charset nobody knows', async () => {
    const r = await run({ url: target.url(respond({ h: 'Content-Type: text/plain; charset=no-such-charset', body: 'é' })) });
    expect(r.body).toBe('é');
  });

  it('raises an unexpected error (not ActivityFailed) when a declared JSON body is not JSON', async () => {
    const e = await failure({ url: target.url(respond({ h: 'Content-Type: application/json', body: 'not json' })) });
    expect(e).not.toBeInstanceOf(ActivityFailed);
    expect(e.message).toMatch(/^requests\.exceptions\.JSONDecodeError: /);
  });

  it('decodes gzip, deflate, raw deflate and chained encodings', async () => {
    for (const encode of ['gzip', 'deflate', 'rawdeflate', 'deflate, gzip']) {
      const r = await run({
        url: target.url(
          respond({
            h: ['Content-Type: text/plain; charset=utf-8', `Content-Encoding: ${encode === 'rawdeflate' ? 'deflate' : encode}`],
            body: 'squeezed ✓',
            encode: encode.replace(' ', ''),
          }),
        ),
      });
      expect(r.body, encode).toBe('squeezed ✓');
      expect(r.headers['Content-Encoding']).toBe(encode === 'rawdeflate' ? 'deflate' : encode);
    }
  });

  it('leaves a body with an unknown Content-Encoding as it is', async () => {
    const r = await run({ url: target.url(respond({ h: ['Content-Type: text/plain', 'Content-Encoding: br'], body: 'plain' })) });
    expect(r.body).toBe('plain');
  });

  it('raises an unexpected error when a gzip body does not decode', async () => {
    const e = await failure({ url: target.url(respond({ h: 'Content-Encoding: gzip', body: 'not gzip' })) });
    expect(e).not.toBeInstanceOf(ActivityFailed);
    expect(e.message).toMatch(/^requests\.exceptions\.ContentDecodingError: /);
  });

  it('returns an empty string for a HEAD answer', async () => {
    const r = await run({ url: target.url(respond({ h: 'Content-Type: text/plain', body: 'abc' })), method: 'head' });
    expect(lastRequest(target).method).toBe('HEAD');
    expect(r).toMatchObject({ status: 200, body: '' });
  });
});

describe('what goes on the wire', () => {
  it('sends requests’ default headers, Host first, with chaos-action as User-Agent', async () => {
    await run({ url: target.url('/echo/defaults') });
    const req = lastRequest(target);
    expect(req.method).toBe('GET');
    // requests sends `User-Agent: python-requests/2.34.2`; this is the one intended difference.
    expect(req.headers).toEqual([
      ['Host', `127.0.0.1:${target.port}`],
      ['User-Agent', HTTP_USER_AGENT],
      ['Accept-Encoding', 'gzip, deflate'],
      ['Accept', '*/*'],
      ['Connection', 'keep-alive'],
    ]);
    expect(req.body).toBe('');
  });

  it('lets a user header replace a default one case-insensitively and a null header remove it', async () => {
    await run({ url: target.url('/echo'), headers: { accept: 'text/plain', 'User-Agent': 'probe/1', 'Accept-Encoding': null, 'X-Extra': 'yes' } });
    expect(lastRequest(target).headers).toEqual([
      ['Host', `127.0.0.1:${target.port}`],
      // http.client adds `Accept-Encoding: identity` once requests' default is gone
      ['Accept-Encoding', 'identity'],
      ['User-Agent', 'probe/1'],
      ['accept', 'text/plain'],
      ['Connection', 'keep-alive'],
      ['X-Extra', 'yes'],
    ]);
  });

  it('rejects a header value that is not a string, as requests does (an unexpected error)', async () => {
    const e = await failure({ url: target.url('/echo'), headers: { 'X-Number': 1 } });
    expect(e).not.toBeInstanceOf(ActivityFailed);
    expect(e.message).toContain("requests.exceptions.InvalidHeader: Header part (1) from ('X-Number', 1) must be of type str or bytes");
  });

  it('upper-cases the method', async () => {
    await run({ url: target.url('/echo'), method: 'delete' });
    expect(lastRequest(target).method).toBe('DELETE');
    expect(header(lastRequest(target), 'Content-Length')).toBe('0');
  });

  it('encodes GET arguments into the query string like requests (lists repeated, None dropped, spaces as +)', async () => {
    await run({
      url: target.url('/echo'),
      arguments: { q: 'a b&c=d/é', l: [1, 'two', null, true], none: null, n: 1.5, flag: false, empty: '', tilde: 'a~b_c.d-e*' },
    });
    expect(lastRequest(target).target).toBe('/echo?q=a+b%26c%3Dd%2F%C3%A9&l=1&l=two&l=True&n=1.5&flag=False&empty=&tilde=a~b_c.d-e%2A');
  });

  it('appends GET arguments to the query already in the URL and requotes the URL as requests does', async () => {
    await run({ url: target.url('/echo/a b/./c/../d é?x=1 2&y=%41%2F'), arguments: { z: '3' } });
    expect(lastRequest(target).target).toBe('/echo/a%20b/d%20%C3%A9?x=1%202&y=A%2F&z=3');
  });

  it('appends a string argument to the query as it is', async () => {
    await run({ url: target.url('/echo'), arguments: 'raw=1&b=two words' });
    expect(lastRequest(target).target).toBe('/echo?raw=1&b=two%20words');
  });

  it('sends a JSON body (Python json.dumps spacing, ASCII escapes) when headers has exactly Content-Type: application/json', async () => {
    await run({ url: target.url('/echo'), method: 'POST', headers: { 'Content-Type': 'application/json' }, arguments: { a: [1, 2.5, null, true], é: 'ü\n"' } });
    const req = lastRequest(target);
    expect(req.body).toBe('{"a": [1, 2.5, null, true], "\\u00e9": "\\u00fc\\n\\""}');
    expect(header(req, 'Content-Type')).toBe('application/json');
    expect(header(req, 'Content-Length')).toBe(String(Buffer.byteLength(req.body)));
  });

  it('sends a form body, declared application/x-www-form-urlencoded, for dict arguments', async () => {
    await run({ url: target.url('/echo'), method: 'PUT', arguments: { a: 'x y', l: ['1', '2'], skip: null } });
    const req = lastRequest(target);
    expect(req.body).toBe('a=x+y&l=1&l=2');
    expect(req.headers.slice(-2)).toEqual([
      ['Content-Length', '13'],
      ['Content-Type', 'application/x-www-form-urlencoded'],
    ]);
  });

  it('sends a string argument as a raw UTF-8 body with no Content-Type', async () => {
    await run({ url: target.url('/echo'), method: 'POST', arguments: 'raw ✓ body' });
    const req = lastRequest(target);
    expect(req.body).toBe('raw ✓ body');
    expect(header(req, 'Content-Type')).toBeUndefined();
    expect(header(req, 'Content-Length')).toBe(String(Buffer.byteLength('raw ✓ body')));
  });

  it('sends a form body despite a lowercase content-type: application/json header (as chaoslib does)', async () => {
    await run({ url: target.url('/echo'), method: 'POST', headers: { 'content-type': 'application/json' }, arguments: { a: 1 } });
    const req = lastRequest(target);
    expect(req.body).toBe('a=1');
    expect(header(req, 'content-type')).toBe('application/json');
  });

  it('sends an empty JSON object for empty arguments with the JSON header', async () => {
    await run({ url: target.url('/echo'), method: 'POST', headers: { 'Content-Type': 'application/json' }, arguments: {} });
    expect(lastRequest(target).body).toBe('{}');
  });

  it('sends no body, and Content-Length: 0, for a POST without arguments', async () => {
    await run({ url: target.url('/echo'), method: 'POST', headers: { 'Content-Type': 'application/json' } });
    expect(lastRequest(target).body).toBe('');
    expect(header(lastRequest(target), 'Content-Length')).toBe('0');
  });

  it('sends an empty form body chunked, as urllib3 does when requests found no length', async () => {
    await run({ url: target.url('/echo'), method: 'POST', arguments: { gone: null } });
    const req = lastRequest(target);
    expect(req.headers[1]).toEqual(['Transfer-Encoding', 'chunked']);
    expect(header(req, 'Content-Type')).toBe('application/x-www-form-urlencoded');
    expect(req.body).toBe('');
  });

  it('turns credentials in the URL into a Basic Authorization header', async () => {
    await run({ url: `http://us%20er:p%40ss@127.0.0.1:${target.port}/echo` });
    expect(header(lastRequest(target), 'Authorization')).toBe('Basic ' + Buffer.from('us er:p@ss').toString('base64'));
  });
});

describe('substitution', () => {
  it('substitutes url, headers and timeout, and arguments when the experiment has variables', async () => {
    const ctx = context({ configuration: { base: target.origin, token: 't0k', t: 5 }, secrets: { s: { q: 'secret value' } } });
    await run({ url: '${base}/echo', headers: { Authorization: 'Bearer ${token}' }, arguments: { q: '${q}' }, timeout: '${t}' }, ctx);
    const req = lastRequest(target);
    expect(req.target).toBe('/echo?q=secret+value');
    expect(header(req, 'Authorization')).toBe('Bearer t0k');
  });

  it('does not substitute arguments when the experiment has neither configuration nor secrets', async () => {
    await run({ url: target.url('/echo'), arguments: { q: '${q}' } });
    expect(lastRequest(target).target).toBe('/echo?q=%24%7Bq%7D');
  });

  it('does not substitute the method', async () => {
    const before = target.requests.length;
    const e = await failure({ url: target.url('/echo'), method: '${verb}' }, context({ configuration: { verb: 'POST' } }));
    // Left as `${VERB}`, which is not an HTTP token: Node refuses to send it (http.client would).
    expect(e).not.toBeInstanceOf(ActivityFailed);
    expect(e.message).toContain('${VERB}');
    expect(target.requests.length).toBe(before);
  });
});

describe('invalid URLs are unexpected errors', () => {
  it('without a scheme', async () => {
    const e = await failure({ url: '127.0.0.1/echo' });
    expect(e).not.toBeInstanceOf(ActivityFailed);
    expect(e.message).toBe("requests.exceptions.MissingSchema: Invalid URL '127.0.0.1/echo': No scheme supplied. Perhaps you meant https://127.0.0.1/echo?");
  });

  it('with a host:port but no scheme', async () => {
    expect((await failure({ url: `127.0.0.1:${target.port}/echo` })).message).toBe(
      `requests.exceptions.InvalidSchema: No connection adapters were found for '127.0.0.1:${target.port}/echo'`,
    );
  });

  it('with a scheme other than http(s)', async () => {
    expect((await failure({ url: 'ftp://127.0.0.1/x' })).message).toBe(
      "requests.exceptions.InvalidSchema: No connection adapters were found for 'ftp://127.0.0.1/x'",
    );
  });

  it('without a host', async () => {
    expect((await failure({ url: 'http:///echo' })).message).toBe("requests.exceptions.InvalidURL: Invalid URL 'http:///echo': No host supplied");
  });
});

describe('timeouts and connection failures', () => {
  it('fails with "activity took too long to complete" when the server never answers', async () => {
    const e = await failure({ url: target.url('/hang'), timeout: 0.2 });
    expect(e).toBeInstanceOf(ActivityFailed);
    expect(e.message).toBe('activity took too long to complete');
  });

  it('uses the read part of a [connect, read] pair', async () => {
    const e = await failure({ url: target.url('/hang'), timeout: [5, 0.2] });
    expect(e).toEqual(new ActivityFailed('activity took too long to complete'));
  });

  it('reports a connect timeout as a failure to connect (requests’ ConnectTimeout is a ConnectionError)', async () => {
    const hole = await startBlackhole();
    try {
      const url = `http://127.0.0.1:${hole.port}/x`;
      const e = await failure({ url, timeout: [0.2, 5] });
      expect(e).toBeInstanceOf(ActivityFailed);
      expect(e.message).toBe(
        `failed to connect to ${url}: HTTPConnectionPool(host='127.0.0.1', port=${hole.port}): Max retries exceeded with url: /x ` +
          `(Caused by ConnectTimeoutError(<HTTPConnection(host='127.0.0.1', port=${hole.port})>, 'Connection to 127.0.0.1 timed out. (connect timeout=0.2)'))`,
      );
    } finally {
      hole.close();
    }
  });

  it('fails to connect when the connection is refused', async () => {
    const port = await freePort();
    const url = `http://127.0.0.1:${port}/x?y=1`;
    const e = await failure({ url });
    expect(e).toBeInstanceOf(ActivityFailed);
    expect(e.message).toBe(
      `failed to connect to ${url}: HTTPConnectionPool(host='127.0.0.1', port=${port}): Max retries exceeded with url: /x?y=1 ` +
        `(Caused by NewConnectionError("HTTPConnection(host='127.0.0.1', port=${port}): Failed to establish a new connection: [Errno 111] Connection refused"))`,
    );
  });

  it('rejects a timeout of 0 as an unexpected error', async () => {
    expect((await failure({ url: target.url('/echo'), timeout: 0 })).message).toBe(
      'ValueError: Attempted to set connect timeout to 0, but the timeout cannot be set to a value less than or equal to 0.',
    );
  });

  it('rejects a string timeout as an unexpected error', async () => {
    expect((await failure({ url: target.url('/echo'), timeout: '5' })).message).toBe(
      'ValueError: Timeout value connect was 5, but it must be an int, float or None.',
    );
  });

  it('rejects a timeout list that is not a pair as an unexpected error', async () => {
    expect((await failure({ url: target.url('/echo'), timeout: [1, 2, 3] })).message).toMatch(/^ValueError: Invalid timeout \(1, 2, 3\)/);
  });

  it('treats a read timeout while the body streams as a failure to connect (requests’ ConnectionError)', async () => {
    const url = target.url('/slow-body');
    const e = await failure({ url, timeout: 0.2 });
    expect(e).toBeInstanceOf(ActivityFailed);
    expect(e.message).toBe(`failed to connect to ${url}: HTTPConnectionPool(host='127.0.0.1', port=${target.port}): Read timed out.`);
  });

  it('raises an unexpected error when the body ends before its Content-Length', async () => {
    const e = await failure({ url: target.url('/truncated') });
    expect(e).not.toBeInstanceOf(ActivityFailed);
    expect(e.message).toMatch(/^requests\.exceptions\.ChunkedEncodingError: /);
  });
});

describe('retries (HTTPAdapter max_retries)', () => {
  it('reports a dropped connection as a failure to connect, with no retry by default', async () => {
    const before = target.requests.length;
    const url = target.url('/flaky?key=default&fail=5');
    const e = await failure({ url });
    expect(e.message).toBe(`failed to connect to ${url}: ('Connection aborted.', RemoteDisconnected('Remote end closed connection without response'))`);
    expect(target.requests.length - before).toBe(1);
  });

  it('retries a dropped GET max_retries times and returns the answer that finally came', async () => {
    const r = await run({ url: target.url('/flaky?key=get2&fail=2'), max_retries: 2 });
    expect(r.status).toBe(200);
    expect(target.requests.filter((q) => q.target.includes('key=get2'))).toHaveLength(3);
  });

  it('gives up after max_retries dropped attempts with urllib3’s "Max retries exceeded"', async () => {
    const url = target.url('/flaky?key=get-exhausted&fail=5');
    const e = await failure({ url, max_retries: 1 });
    expect(e.message).toBe(
      `failed to connect to ${url}: HTTPConnectionPool(host='127.0.0.1', port=${target.port}): Max retries exceeded with url: /flaky?key=get-exhausted&fail=5 ` +
        "(Caused by ProtocolError('Connection aborted.', RemoteDisconnected('Remote end closed connection without response')))",
    );
    expect(target.requests.filter((q) => q.target.includes('key=get-exhausted&'))).toHaveLength(2);
  });

  it('never retries a dropped POST (urllib3 retries reads of idempotent methods only)', async () => {
    const e = await failure({ url: target.url('/flaky?key=post&fail=1'), method: 'POST', max_retries: 3 });
    expect(e).toBeInstanceOf(ActivityFailed);
    expect(target.requests.filter((q) => q.target.includes('key=post&'))).toHaveLength(1);
  });

  it('retries refused connections max_retries times (null means urllib3’s default of 3)', async () => {
    const port = await freePort();
    const e = await failure({ url: `http://127.0.0.1:${port}/`, max_retries: null });
    expect(e.message).toContain('Max retries exceeded');
  });

  it('retries a read timeout of a GET when max_retries > 0, then reports a failure to connect', async () => {
    const url = target.url('/hang?key=timeout-retry');
    const e = await failure({ url, timeout: 0.2, max_retries: 1 });
    expect(e.message).toBe(
      `failed to connect to ${url}: HTTPConnectionPool(host='127.0.0.1', port=${target.port}): Max retries exceeded with url: /hang?key=timeout-retry ` +
        `(Caused by ReadTimeoutError("HTTPConnectionPool(host='127.0.0.1', port=${target.port}): Read timed out. (read timeout=0.2)"))`,
    );
    expect(target.requests.filter((q) => q.target.includes('key=timeout-retry'))).toHaveLength(2);
  });

  it('never retries because of a plain status code', async () => {
    const before = target.requests.length;
    const r = await run({ url: target.url(respond({ status: '500' })), max_retries: 3 });
    expect(r.status).toBe(500);
    expect(target.requests.length - before).toBe(1);
  });

  it('retries a 503 carrying Retry-After when max_retries > 0', async () => {
    const r = await run({ url: target.url('/flaky?key=busy&fail=1&mode=503'), max_retries: 2 });
    expect(r.status).toBe(200);
    expect(target.requests.filter((q) => q.target.includes('key=busy&'))).toHaveLength(2);
  });

  it('returns the last 503 once the Retry-After retries are used up', async () => {
    const r = await run({ url: target.url('/flaky?key=busier&fail=9&mode=503'), max_retries: 2 });
    expect(r).toMatchObject({ status: 503, body: 'busy' });
    expect(target.requests.filter((q) => q.target.includes('key=busier&'))).toHaveLength(3);
  });

  it('does not retry a 503 carrying Retry-After by default', async () => {
    const r = await run({ url: target.url('/flaky?key=busy-default&fail=1&mode=503') });
    expect(r.status).toBe(503);
    expect(target.requests.filter((q) => q.target.includes('key=busy-default&'))).toHaveLength(1);
  });
});

describe('redirects', () => {
  it('follows a 302 and turns a POST into a GET without its body', async () => {
    const r = await run({ url: target.url('/redirect?to=/echo/after&status=302'), method: 'POST', arguments: { a: 1 } });
    const echo = r.body as Echo;
    expect(echo.method).toBe('GET');
    expect(echo.target).toBe('/echo/after');
    expect(echo.body).toBe('');
    expect(header(echo, 'Content-Type')).toBeUndefined();
    expect(header(echo, 'Content-Length')).toBeUndefined();
  });

  it('keeps the method and body through a 307', async () => {
    const r = await run({ url: target.url('/redirect?to=/echo&status=307'), method: 'POST', arguments: { a: 1 } });
    expect(r.body).toMatchObject({ method: 'POST', body: 'a=1' });
  });

  it('turns a POST into a GET on 301', async () => {
    const r = await run({ url: target.url('/redirect?to=/echo&status=301'), method: 'POST', arguments: 'x' });
    expect(r.body).toMatchObject({ method: 'GET', body: '' });
  });

  it('keeps a PUT through a 301 but drops its body (urllib3 then sends Content-Length: 0)', async () => {
    const put = (await run({ url: target.url('/redirect?to=/echo&status=301'), method: 'PUT', arguments: 'x' })).body as Echo;
    expect(put).toMatchObject({ method: 'PUT', body: '' });
    expect(put.headers[1]).toEqual(['Content-Length', '0']);
  });

  it('keeps HEAD through a 303', async () => {
    await run({ url: target.url('/redirect?to=/respond&status=303'), method: 'HEAD' });
    expect(lastRequest(target)).toMatchObject({ method: 'HEAD', target: '/respond' });
  });

  it('follows a chain of relative locations over one kept-alive connection', async () => {
    const r = await run({ url: target.url('/chain/3?status=308') });
    expect((r.body as Echo).target).toBe('/chain/0?status=308');
    const chain = target.requests.slice(-4);
    expect(new Set(chain.map((q) => q.connection)).size).toBe(1);
  });

  it('resolves a relative location with dot segments and requotes it', async () => {
    const r = await run({ url: target.url(`/redirect/deeper?to=${encodeURIComponent('../echo/rel x?q=é')}`) });
    expect((r.body as Echo).target).toBe('/echo/rel%20x?q=%C3%A9');
  });

  it('ignores a redirect body that does not decode', async () => {
    const r = await run({ url: target.url(`/redirect?to=/echo&h=${encodeURIComponent('Content-Encoding: gzip')}&body=junk`) });
    expect(r.status).toBe(200);
  });

  it('follows 30 redirects', async () => {
    expect((await run({ url: target.url('/chain/30') })).status).toBe(200);
  });

  it('fails with an unexpected error on the 31st redirect', async () => {
    const e = await failure({ url: target.url('/chain/31') });
    expect(e).not.toBeInstanceOf(ActivityFailed);
    expect(e.message).toBe('requests.exceptions.TooManyRedirects: Exceeded 30 redirects.');
  });

  it('returns a redirect without Location as the answer', async () => {
    const r = await run({ url: target.url(respond({ status: '302' })) });
    expect(r.status).toBe(302);
  });

  it('sends cookies set by a redirect to the next hop, and drops the caller’s Cookie header', async () => {
    const r = await run({ url: target.url('/redirect?to=/echo&cookie=session%3Dabc%3B%20Path%3D%2F'), headers: { Cookie: 'mine=1' } });
    expect(header(r.body as Echo, 'Cookie')).toBe('session=abc');
    const first = target.requests[target.requests.length - 2] as RecordedRequest;
    expect(header(first, 'Cookie')).toBe('mine=1');
  });

  it('drops Authorization when a redirect leaves the origin', async () => {
    const r = await run({ url: target.url(`/redirect?to=${encodeURIComponent(other.url('/echo'))}`), headers: { Authorization: 'Bearer x' } });
    expect(header(r.body as Echo, 'Authorization')).toBeUndefined();
  });

  it('keeps Authorization on a same-origin redirect', async () => {
    const r = await run({ url: target.url('/redirect?to=/echo'), headers: { Authorization: 'Bearer x' } });
    expect(header(r.body as Echo, 'Authorization')).toBe('Bearer x');
  });
});

describe('TLS', () => {
  let dir: string;
  let tls: HttpTarget;
  let caFile: string;

  beforeAll(async () => {
    const made = selfSignedCert();
    dir = made.dir;
    caFile = made.certFile;
    tls = await startHttpTarget({ tls: { key: made.key, cert: made.cert } });
  });

  afterAll(async () => {
    await tls.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('accepts a self-signed certificate when verify_tls is false', async () => {
    const r = await run({ url: tls.url('/echo'), verify_tls: false });
    expect(r.status).toBe(200);
  });

  it('fails to connect to a self-signed server by default', async () => {
    const url = tls.url('/echo');
    const e = await failure({ url });
    expect(e).toBeInstanceOf(ActivityFailed);
    expect(e.message).toBe(
      `failed to connect to ${url}: HTTPSConnectionPool(host='127.0.0.1', port=${tls.port}): Max retries exceeded with url: /echo ` +
        "(Caused by SSLError(SSLCertVerificationError(1, '[SSL: CERTIFICATE_VERIFY_FAILED] certificate verify failed: self-signed certificate')))",
    );
  });

  it('retries a failed handshake max_retries times', async () => {
    const before = tls.connections();
    await failure({ url: tls.url('/echo'), max_retries: 2 });
    expect(tls.connections() - before).toBe(3);
  });

  it('verifies against a CA bundle given as verify_tls', async () => {
    expect((await run({ url: tls.url('/echo'), verify_tls: caFile })).status).toBe(200);
  });

  it('verifies against REQUESTS_CA_BUNDLE from the environment (requests’ trust_env)', async () => {
    expect((await run({ url: tls.url('/echo') }, context({ env: { REQUESTS_CA_BUNDLE: caFile } }))).status).toBe(200);
  });

  it('raises an unexpected OSError for a CA bundle path that does not exist', async () => {
    const missing = path.join(dir, 'missing.pem');
    const e = await failure({ url: tls.url('/echo'), verify_tls: missing });
    expect(e.message).toBe(`OSError: Could not find a suitable TLS CA certificate bundle, invalid path: ${missing}`);
  });
});

describe('interruption and cleanup', () => {
  it('throws an AbortError at once when the signal fires mid-request', async () => {
    const controller = new AbortController();
    target.route('/abort-me', () => controller.abort(new Error('stop')));
    const e = await failure({ url: target.url('/abort-me') }, context({ signal: controller.signal }));
    expect(e.name).toBe('AbortError');
    expect(e).not.toBeInstanceOf(ActivityFailed);
  });

  it('throws an AbortError without connecting when the signal has already fired', async () => {
    const controller = new AbortController();
    controller.abort();
    const before = target.connections();
    const e = await failure({ url: target.url('/echo') }, context({ signal: controller.signal }));
    expect(e.name).toBe('AbortError');
    expect(target.connections()).toBe(before);
  });

  it('closes its connections when the activity ends', async () => {
    const solo = await startHttpTarget();
    try {
      await run({ url: solo.url('/chain/2') });
      await run({ url: solo.url('/echo'), method: 'POST', arguments: { a: 1 } });
      expect(solo.connections()).toBe(2);
      // The server keeps connections alive for a minute: only the client closing them ends this.
      await solo.idle();
      expect(solo.openConnections()).toBe(0);
    } finally {
      await solo.close();
    }
  });
});

// ---------------------------------------------------------------------------------------------
// Parity with chaoslib.provider.http.run_http_activity

const ORACLE = String.raw`
import json, sys
from chaoslib.exceptions import ActivityFailed
from chaoslib.provider.http import run_http_activity
out = []
for case in json.load(sys.stdin):
    activity = {"type": "probe", "name": "p", "provider": case["provider"], "tolerance": True}
    try:
        out.append({"result": run_http_activity(activity, case["configuration"], case["secrets"])})
    except ActivityFailed as e:
        out.append({"error": "ActivityFailed", "message": str(e)})
    except Exception as e:
        module = type(e).__module__
        out.append({"error": (module + "." if module != "builtins" else "") + type(e).__name__, "message": str(e)})
print(json.dumps(out))
`;

interface ParityCase {
  readonly name: string;
  readonly provider: Record<string, unknown>;
  readonly configuration?: Record<string, unknown>;
  readonly secrets?: Record<string, Record<string, unknown>>;
}

/** Keys that keep each side's server-side state (flaky counters) apart. */
const PY_TAG = 'oracleside';
const TS_TAG = 'nodeside00';

type Outcome = { result: HttpResult } | { error: string; message: string };

interface ParityEnv {
  readonly origin: string;
  readonly tlsOrigin: string;
  readonly caFile: string;
  /** A port nothing listens on. */
  readonly refused: number;
  /** A port whose accept queue is full. */
  readonly hole: number;
}

/** The provider definitions both implementations run; `tag` keeps server-side state apart. */
function parityCases(env: ParityEnv, tag: string): ParityCase[] {
  const { origin, tlsOrigin, caFile, refused, hole } = env;
  const u = (p: string): string => origin + p;
  return [
    {
      name: 'headers casing, duplicates, Set-Cookie',
      provider: { url: u(respond({ h: ['X-A: 1', 'x-a: 2', 'Set-Cookie: a=1; Path=/', 'Set-Cookie: b=2', 'Content-Type: text/plain'], body: 'ok' })) },
    },
    { name: 'exact JSON body', provider: { url: u(respond({ h: 'Content-Type: application/json', body: '{"a": [1, "x", null, true], "b": {"c": 2.5}}' })) } },
    { name: 'JSON with charset stays text', provider: { url: u(respond({ h: 'Content-Type: application/json; charset=utf-8', body: '{"a": 1}' })) } },
    {
      name: 'text without charset is Latin-1',
      provider: { url: u(respond({ h: 'Content-Type: text/plain', b64: Buffer.from('café ✓').toString('base64') })) },
    },
    { name: 'quoted utf-8 charset', provider: { url: u(respond({ h: 'Content-Type: text/html; charset="utf-8"', body: 'café ✓' })) } },
    {
      name: 'cp1252 charset',
      provider: { url: u(respond({ h: 'Content-Type: text/plain; charset=windows-1252', b64: Buffer.from([0x80, 0x81, 0x41]).toString('base64') })) },
    },
    { name: 'status 500 with a JSON error', provider: { url: u(respond({ status: '500', h: 'Content-Type: application/json', body: '{"error": "x"}' })) } },
    {
      name: 'GET query encoding',
      provider: { url: u('/echo/q?pre=1'), arguments: { q: 'a b&c=d/é', l: [1, 'two', null, true], none: null, n: 1.5, d: { k: 1, j: 2 }, nested: [[1, 2]] } },
    },
    { name: 'URL requoting', provider: { url: u('/echo/a b/./c/../d é?x=1 2&y=%41%2F&z=[1]') } },
    { name: 'string GET arguments', provider: { url: u('/echo'), arguments: 'raw=1&b=two words' } },
    {
      name: 'JSON request body',
      provider: {
        url: u('/echo'),
        method: 'post',
        headers: { 'Content-Type': 'application/json', 'X-B': 'b' },
        arguments: { a: [1, 2.5, null, false], é: 'ü\n"\u007f', big: 12345678901 },
      },
    },
    { name: 'form request body', provider: { url: u('/echo'), method: 'PATCH', arguments: { a: 'x y', l: ['1', '2'], skip: null, t: true } } },
    { name: 'raw string body', provider: { url: u('/echo'), method: 'POST', arguments: 'raw ✓ body' } },
    {
      name: 'lowercase content-type sends a form',
      provider: { url: u('/echo'), method: 'POST', headers: { 'content-type': 'application/json' }, arguments: { a: 1 } },
    },
    { name: 'empty JSON arguments', provider: { url: u('/echo'), method: 'PUT', headers: { 'Content-Type': 'application/json' }, arguments: {} } },
    { name: 'empty form body', provider: { url: u('/echo'), method: 'POST', arguments: { gone: null } } },
    { name: 'DELETE without body', provider: { url: u('/echo'), method: 'delete' } },
    {
      name: 'header overrides and removals',
      provider: { url: u('/echo'), headers: { accept: 'text/plain', 'Accept-Encoding': null, 'X-Extra': 'yes', 'x-extra': 'twice' } },
    },
    { name: 'URL credentials', provider: { url: origin.replace('://', '://us%20er:p%40ss@') + '/echo' } },
    {
      name: 'substitution',
      provider: { url: '${base}/echo', headers: { 'X-Token': 'Bearer ${token}', 'X-Whole': '${token}' }, arguments: { q: '${q}', n: '${n}' }, timeout: '${t}' },
      configuration: { base: origin, token: 't0k', t: 5, n: 3 },
      secrets: { s: { q: 'secret value' } },
    },
    { name: 'no substitution of arguments without variables', provider: { url: u('/echo'), arguments: { q: '${q}' } } },
    { name: '302 POST becomes GET', provider: { url: u('/redirect?to=/echo/after&status=302'), method: 'POST', arguments: { a: 1 } } },
    {
      name: '307 keeps POST and body',
      provider: { url: u('/redirect?to=/echo&status=307'), method: 'POST', headers: { 'Content-Type': 'application/json' }, arguments: { a: 1 } },
    },
    { name: '301 PUT keeps PUT, drops body', provider: { url: u('/redirect?to=/echo&status=301'), method: 'PUT', arguments: 'x' } },
    { name: 'redirect chain, relative', provider: { url: u('/chain/3?status=303') } },
    { name: 'relative redirect with dots', provider: { url: u('/redirect/deeper/x?to=../echo/rel%20x?q=1') } },
    { name: 'UTF-8 relative Location with dots', provider: { url: u(`/redirect/deeper/x?to=${encodeURIComponent('../../echo/a b/./c?q=é')}&status=308`) } },
    {
      name: 'cookie carried across a redirect',
      provider: { url: u('/redirect?to=/echo&cookie=session%3Dabc%3B%20Path%3D%2F'), headers: { Cookie: 'mine=1', Authorization: 'Bearer x' } },
    },
    { name: 'redirect to a kept-alive connection that drops', provider: { url: u(`/redirect?to=${encodeURIComponent(`/flaky?key=${tag}-rd&fail=1`)}`) } },
    { name: 'undecodable redirect body is ignored', provider: { url: u(`/redirect?to=/echo&h=${encodeURIComponent('Content-Encoding: gzip')}&body=junk`) } },
    { name: 'more than 100 response headers', provider: { url: u(respond({ h: Array.from({ length: 100 }, (_, i) => `X-H${i}: ${i}`) })) } },
    { name: 'too many redirects', provider: { url: u('/chain/31') } },
    {
      name: 'gzip body',
      provider: { url: u(respond({ h: ['Content-Type: text/plain; charset=utf-8', 'Content-Encoding: gzip'], body: 'squeezed ✓', encode: 'gzip' })) },
    },
    {
      name: 'raw deflate body',
      provider: { url: u(respond({ h: ['Content-Type: text/plain', 'Content-Encoding: deflate'], body: 'squeezed', encode: 'rawdeflate' })) },
    },
    { name: 'HEAD', provider: { url: u(respond({ h: 'Content-Type: text/plain', body: 'abc' })), method: 'head' } },
    { name: 'invalid JSON body', provider: { url: u(respond({ h: 'Content-Type: application/json', body: 'nope' })) } },
    { name: 'connection refused', provider: { url: `http://127.0.0.1:${refused}/x?y=1` } },
    { name: 'read timeout', provider: { url: u(`/hang?key=${tag}-t`), timeout: [5, 0.3] } },
    { name: 'read timeout retried', provider: { url: u(`/hang?key=${tag}-tr`), timeout: 0.3, max_retries: 1 } },
    { name: 'dropped connection', provider: { url: u(`/flaky?key=${tag}-d&fail=3`) } },
    { name: 'dropped twice, 2 retries', provider: { url: u(`/flaky?key=${tag}-r&fail=2`), max_retries: 2 } },
    { name: 'dropped POST not retried', provider: { url: u(`/flaky?key=${tag}-p&fail=1`), method: 'POST', max_retries: 2 } },
    { name: 'dropped, retries exhausted', provider: { url: u(`/flaky?key=${tag}-x&fail=9`), max_retries: 1 } },
    { name: '503 with Retry-After, retried', provider: { url: u(`/flaky?key=${tag}-b&fail=9&mode=503`), max_retries: 2 } },
    { name: 'body read timeout', provider: { url: u('/slow-body'), timeout: 0.3 } },
    { name: 'truncated body', provider: { url: u('/truncated') } },
    { name: 'connect timeout', provider: { url: `http://127.0.0.1:${hole}/x`, timeout: [0.3, 5] } },
    { name: 'TLS without verification', provider: { url: `${tlsOrigin}/echo`, verify_tls: false } },
    { name: 'TLS self-signed refused by default', provider: { url: `${tlsOrigin}/echo` } },
    { name: 'TLS with a CA bundle', provider: { url: `${tlsOrigin}/echo`, verify_tls: caFile } },
    { name: 'TLS handshake with a plain HTTP server', provider: { url: origin.replace('http:', 'https:') + '/echo' } },
    { name: 'missing scheme', provider: { url: '127.0.0.1/x' } },
    { name: 'other scheme', provider: { url: 'ftp://127.0.0.1/x' } },
    { name: 'no host', provider: { url: 'http:///x' } },
    { name: 'port out of range', provider: { url: 'http://127.0.0.1:99999/' } },
    { name: 'malformed host and port', provider: { url: 'http://127.0.0.1:1:2/' } },
    { name: 'non-string header', provider: { url: u('/echo'), headers: { 'X-N': 1 } } },
    { name: 'other scheme with an invalid timeout', provider: { url: 'ftp://127.0.0.1/x', timeout: [1, 2, 3] } },
    { name: 'invalid timeout', provider: { url: u('/echo'), timeout: [1, 2, 3] } },
  ];
}

/** Outcome of our provider, shaped like the oracle's. */
async function ours(c: ParityCase): Promise<Outcome> {
  try {
    const result = await run(c.provider, context({ configuration: c.configuration ?? {}, secrets: c.secrets ?? {} }));
    return { result };
  } catch (e) {
    if (e instanceof ActivityFailed) return { error: 'ActivityFailed', message: e.message };
    const message = (e as Error).message;
    const colon = message.indexOf(': ');
    return { error: message.slice(0, colon), message: message.slice(colon + 2) };
  }
}

/** Removes the side's tag (server-side state keys) from an outcome. */
function normalize(outcome: Outcome, tag: string): Outcome {
  return JSON.parse(JSON.stringify(outcome).split(tag).join('<tag>')) as Outcome;
}

function isEcho(body: unknown): body is Echo {
  return typeof body === 'object' && body !== null && 'headers' in body && 'target' in body;
}

/** The one intended difference in what an echo shows: requests sends `python-requests/2.34.2`. */
function maskAgent(body: unknown): unknown {
  if (!isEcho(body)) return body;
  return { ...body, headers: body.headers.map(([k, v]) => [k, k.toLowerCase() === 'user-agent' ? '<user-agent>' : v]) };
}

describe('parity with chaoslib.provider.http.run_http_activity', () => {
  let remote: RemoteHttpTarget;
  let remoteTls: RemoteHttpTarget;
  let hole: { port: number; close(): void };
  let certDir: string;
  let cases: ParityCase[];
  let theirs: Outcome[];
  let mine: Outcome[];
  let theirRequests: RecordedRequest[];
  let myRequests: RecordedRequest[];

  beforeAll(async () => {
    // The oracle runs through spawnSync, which blocks this thread: the server lives in a worker.
    remote = await startHttpTargetInWorker();
    const made = selfSignedCert();
    certDir = made.dir;
    remoteTls = await startHttpTargetInWorker({ tls: { key: made.key, cert: made.cert } });
    hole = await startBlackhole();
    const env: ParityEnv = { origin: remote.origin, tlsOrigin: remoteTls.origin, caFile: made.certFile, refused: await freePort(), hole: hole.port };
    const pyCases = parityCases(env, PY_TAG);
    cases = parityCases(env, TS_TAG);
    const before = (await remote.requests()).length;
    theirs = runPythonOracle<Outcome[]>(
      ORACLE,
      pyCases.map((c) => ({ provider: { type: 'http', ...c.provider }, configuration: c.configuration ?? {}, secrets: c.secrets ?? {} })),
    ).map((o) => normalize(o, PY_TAG));
    const middle = (await remote.requests()).length;
    mine = [];
    for (const c of cases) mine.push(normalize(await ours(c), TS_TAG));
    const all = await remote.requests();
    theirRequests = all.slice(before, middle);
    myRequests = all.slice(middle);
  }, 120_000);

  afterAll(async () => {
    hole?.close();
    await remote?.close();
    await remoteTls?.close();
    if (certDir) rmSync(certDir, { recursive: true, force: true });
  });

  it('runs every case on both sides', () => {
    expect(theirs).toHaveLength(cases.length);
    expect(mine).toHaveLength(cases.length);
  });

  const names = parityCases({ origin: 'http://h', tlsOrigin: 'https://h', caFile: '', refused: 1, hole: 2 }, '').map((c) => c.name);
  it.each(names.map((name, i) => [name, i] as const))('%s', (_name, i) => {
    const want = theirs[i] as Outcome;
    const got = mine[i] as Outcome;
    if ('error' in want) {
      expect(got).toHaveProperty('error', want.error);
      // Python's json module words its errors its own way: only the type is compared.
      if (want.error === 'requests.exceptions.JSONDecodeError') return;
      // Python's texts name an object address and the C source line of the ssl module; ours do not.
      const pythonOnly = (m: string): string => m.replace(/ at 0x[0-9a-f]+>/g, '>').replace(/ \(_ssl\.c:\d+\)/g, '');
      expect((got as { message: string }).message).toBe(pythonOnly(want.message));
      return;
    }
    expect(got).toHaveProperty('result');
    const w = want.result;
    const g = (got as { result: HttpResult }).result;
    expect(g.status).toBe(w.status);
    expect(Object.keys(g.headers)).toEqual(Object.keys(w.headers));
    for (const key of Object.keys(w.headers)) {
      if (key === 'Content-Length' && isEcho(w.body) && isEcho(g.body)) {
        // An echo carries the User-Agent, so its length differs by exactly the two agents' lengths.
        const agent = (e: Echo): string => header(e, 'user-agent') ?? '';
        expect(Number(w.headers[key]) - Number(g.headers[key])).toBe(Buffer.byteLength(agent(w.body)) - Buffer.byteLength(agent(g.body)));
        continue;
      }
      expect(g.headers[key], key).toBe(w.headers[key]);
    }
    expect(maskAgent(g.body)).toEqual(maskAgent(w.body));
  });

  it('sends the same requests, in the same order, as requests does (User-Agent aside)', () => {
    const strip = (reqs: RecordedRequest[], tag: string): unknown[] => {
      // Connections numbered in order of first use on each side: the same numbers mean the same
      // reuse of kept-alive connections (across redirects and retries).
      const ordinal = new Map<number, number>();
      for (const r of reqs) if (!ordinal.has(r.connection)) ordinal.set(r.connection, ordinal.size + 1);
      return reqs.map((r) => ({
        connection: ordinal.get(r.connection),
        method: r.method,
        target: r.target.split(tag).join('<tag>'),
        headers: r.headers.map(([k, v]) => [k, k.toLowerCase() === 'user-agent' ? '<user-agent>' : v]),
        body: r.body,
      }));
    };
    expect(strip(myRequests, TS_TAG)).toEqual(strip(theirRequests, PY_TAG));
  });
});
