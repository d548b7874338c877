import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { OidcError, OidcHttpError, getIdToken, withAudience } from '../../src/github/oidc.js';
import { type FakeOidcServer, startFakeOidc } from '../support/fake-oidc.js';

const AUDIENCE = 'sts.amazonaws.com';

describe('getIdToken against a fake token endpoint', () => {
  let server: FakeOidcServer;
  let sleeps: number[];
  let masked: string[];
  const quick = () => ({
    sleep: async (ms: number) => {
      sleeps.push(ms);
    },
    random: () => 0.5,
    setSecret: (secret: string) => {
      masked.push(secret);
    },
  });

  beforeEach(async () => {
    server = await startFakeOidc({ expectedAudience: AUDIENCE });
    sleeps = [];
    masked = [];
  });
  afterEach(async () => {
    await server.close();
  });

  it('returns the token, sends the audience and the Bearer request token', async () => {
    const jwt = await getIdToken(AUDIENCE, server.env(), quick());
    expect(jwt).toBe(server.issued[0]);
    expect(jwt.split('.')).toHaveLength(3);
    expect(server.requests).toHaveLength(1);
    const [request] = server.requests;
    expect(request!.method).toBe('GET');
    expect(request!.target).toBe('/idtoken?api-version=2.0&audience=sts.amazonaws.com');
    expect(request!.audience).toBe(AUDIENCE);
    expect(request!.authorization).toBe(`Bearer ${server.requestToken}`);
    expect(masked).toEqual([jwt]);
    expect(sleeps).toEqual([]);
  });

  it('encodes the audience and uses "?" when the request URL has no query', async () => {
    const other = await startFakeOidc({ expectedAudience: 'https://example.com/a b&c' });
    try {
      const env = { ...other.env(), ACTIONS_ID_TOKEN_REQUEST_URL: `${other.origin}/idtoken` };
      await getIdToken('https://example.com/a b&c', env, quick());
      expect(other.requests[0]!.target).toBe('/idtoken?audience=https%3A%2F%2Fexample.com%2Fa%20b%26c');
      expect(other.requests[0]!.audience).toBe('https://example.com/a b&c');
    } finally {
      await other.close();
    }
  });

  it('registers the token with the runner as a secret through @actions/core (::add-mask::)', async () => {
    const writes: string[] = [];
    const spy = vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
      writes.push(String(chunk));
      return true;
    });
    let jwt: string;
    try {
      jwt = await getIdToken(AUDIENCE, server.env(), { sleep: async () => {} });
    } finally {
      spy.mockRestore();
    }
    expect(writes.join('')).toContain(`::add-mask::${jwt}`);
  });

  it('retries 503 answers and then succeeds', async () => {
    server.failNext(503, 2);
    const jwt = await getIdToken(AUDIENCE, server.env(), quick());
    expect(server.requests).toHaveLength(3);
    expect(jwt).toBe(server.issued[0]);
    expect(sleeps).toHaveLength(2);
    expect(masked).toEqual([jwt]);
  });

  it('gives up after maxAttempts when the endpoint keeps answering 502', async () => {
    server.alwaysAnswer(502, 'upstream down');
    const error = await getIdToken(AUDIENCE, server.env(), { ...quick(), maxAttempts: 3 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OidcError);
    expect((error as OidcError).status).toBe(502);
    expect((error as Error).message).toMatch(/HTTP 502 \(after 3 attempts\): upstream down/);
    expect(server.requests).toHaveLength(3);
    expect(masked).toEqual([]);
  });

  it('does not retry 401 and explains it, without echoing the request token', async () => {
    const env = server.env({ ACTIONS_ID_TOKEN_REQUEST_TOKEN: 'stale-request-token' });
    const error = await getIdToken(AUDIENCE, env, quick()).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OidcError);
    const message = (error as Error).message;
    expect(message).toContain('HTTP 401');
    expect(message).toContain('Bad credentials');
    expect(message).toContain('request token was refused');
    expect(message).not.toContain('stale-request-token');
    expect((error as OidcError).status).toBe(401);
    expect(server.requests).toHaveLength(1);
    expect(sleeps).toEqual([]);
  });

  it('does not retry 500 and shows an excerpt of the body', async () => {
    server.alwaysAnswer(500, `{"message":"${'x'.repeat(500)}"}`);
    const error = await getIdToken(AUDIENCE, server.env(), quick()).catch((e: unknown) => e);
    expect((error as Error).message).toContain('HTTP 500');
    expect((error as Error).message).toContain('…');
    expect((error as Error).message.length).toBeLessThan(400);
    expect(server.requests).toHaveLength(1);
  });

  it('fails clearly, without retrying, when a 200 answer has no token', async () => {
    server.alwaysAnswer(200, '{"count":0}');
    const error = await getIdToken(AUDIENCE, server.env(), quick()).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OidcError);
    expect((error as Error).message).toContain('without a "value" field');
    expect(server.requests).toHaveLength(1);
  });

  it('retries network errors, then says the endpoint could not be reached', async () => {
    const gone = await startFakeOidc();
    const env = gone.env();
    await gone.close();
    const error = await getIdToken(AUDIENCE, env, { ...quick(), maxAttempts: 2 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OidcError);
    expect((error as Error).message).toMatch(/could not reach the OIDC token endpoint \(127\.0\.0\.1:\d+\) \(after 2 attempts\)/);
    expect(sleeps).toHaveLength(1);
  });
});

describe('getIdToken without the id-token permission', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'oidc-event-'));
  });
  afterEach(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  const noFetch = {
    fetchToken: async () => {
      throw new Error('must not be called');
    },
    setSecret: () => {},
  };

  it('says to add `permissions: id-token: write` when the request variables are missing', async () => {
    const error = await getIdToken(AUDIENCE, { GITHUB_EVENT_NAME: 'push' }, noFetch).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OidcError);
    const message = (error as Error).message;
    expect(message).toMatch(/^the job cannot request an OIDC token: add `permissions: id-token: write` to the job/);
    expect(message).toContain('pull requests from forks never get one; run chaos experiments on same-repository branches');
    expect(message).toContain('ACTIONS_ID_TOKEN_REQUEST_URL and ACTIONS_ID_TOKEN_REQUEST_TOKEN are not set');
  });

  it('names the one variable that is missing', async () => {
    const error = await getIdToken(AUDIENCE, { ACTIONS_ID_TOKEN_REQUEST_URL: 'http://127.0.0.1:1/x?a=1' }, noFetch).catch((e: unknown) => e);
    expect((error as Error).message).toContain('ACTIONS_ID_TOKEN_REQUEST_TOKEN is not set');
  });

  it('says "fork" first on a pull request from a fork (isForkPr option)', async () => {
    const env = { GITHUB_EVENT_NAME: 'pull_request' };
    const error = await getIdToken(AUDIENCE, env, { ...noFetch, isForkPr: true }).catch((e: unknown) => e);
    const message = (error as Error).message;
    expect(message).toMatch(/^this run is for a pull request from a fork/);
    expect(message).toContain('same-repository branches');
    expect(message).toContain('`permissions: id-token: write`');
    expect(message).toContain('pull_request_target');
  });

  it('detects a fork from the event payload', async () => {
    const path = join(dir, 'event.json');
    writeFileSync(
      path,
      JSON.stringify({ pull_request: { head: { repo: { full_name: 'someone/octo-repo' } }, base: { repo: { full_name: 'octo-org/octo-repo' } } } }),
    );
    const error = await getIdToken(AUDIENCE, { GITHUB_EVENT_NAME: 'pull_request', GITHUB_EVENT_PATH: path }, noFetch).catch((e: unknown) => e);
    expect((error as Error).message).toMatch(/^this run is for a pull request from a fork/);
  });

  it('does not call a same-repository pull request a fork', async () => {
    const path = join(dir, 'event.json');
    writeFileSync(
      path,
      JSON.stringify({
        pull_request: { head: { repo: { full_name: 'octo-org/octo-repo', fork: true } }, base: { repo: { full_name: 'Octo-Org/octo-repo' } } },
      }),
    );
    const error = await getIdToken(AUDIENCE, { GITHUB_EVENT_NAME: 'pull_request', GITHUB_EVENT_PATH: path }, noFetch).catch((e: unknown) => e);
    expect((error as Error).message).toMatch(/^the job cannot request an OIDC token/);
  });

  it('explains Dependabot pull requests', async () => {
    const env = { GITHUB_EVENT_NAME: 'pull_request', GITHUB_ACTOR: 'dependabot[bot]' };
    const error = await getIdToken(AUDIENCE, env, { ...noFetch, isForkPr: false }).catch((e: unknown) => e);
    expect((error as Error).message).toMatch(/^this run is for a Dependabot pull request/);
  });
});

describe('getIdToken with an injected fetchToken', () => {
  it('retries OidcHttpError 504 and network errors, not 404', async () => {
    const answers: (() => Promise<string>)[] = [
      async () => {
        throw new OidcHttpError(504, 'gateway timeout');
      },
      async () => {
        throw Object.assign(new TypeError('fetch failed'), { cause: Object.assign(new Error('reset'), { code: 'ECONNRESET' }) });
      },
      async () => 'a.b.c',
    ];
    const urls: string[] = [];
    const jwt = await getIdToken(
      'aud',
      { ACTIONS_ID_TOKEN_REQUEST_URL: 'https://host.example/t?x=1', ACTIONS_ID_TOKEN_REQUEST_TOKEN: 'rt' },
      {
        fetchToken: async (url) => {
          urls.push(url);
          return answers.shift()!();
        },
        sleep: async () => {},
        setSecret: () => {},
      },
    );
    expect(jwt).toBe('a.b.c');
    expect(urls).toEqual(['https://host.example/t?x=1&audience=aud', 'https://host.example/t?x=1&audience=aud', 'https://host.example/t?x=1&audience=aud']);

    let calls = 0;
    const error = await getIdToken(
      'aud',
      { ACTIONS_ID_TOKEN_REQUEST_URL: 'https://host.example/t', ACTIONS_ID_TOKEN_REQUEST_TOKEN: 'rt' },
      {
        fetchToken: async () => {
          calls += 1;
          throw new OidcHttpError(404, 'nope');
        },
        sleep: async () => {},
        setSecret: () => {},
      },
    ).catch((e: unknown) => e);
    expect(calls).toBe(1);
    expect((error as OidcError).status).toBe(404);
  });
});

describe('withAudience', () => {
  it.each([
    ['https://h/t?api-version=2.0', 'https://h/t?api-version=2.0&audience=sts.amazonaws.com'],
    ['https://h/t', 'https://h/t?audience=sts.amazonaws.com'],
    ['https://h/t?', 'https://h/t?audience=sts.amazonaws.com'],
    ['https://h/t?a=1&', 'https://h/t?a=1&audience=sts.amazonaws.com'],
    ['https://h/t?a=1#frag', 'https://h/t?a=1&audience=sts.amazonaws.com#frag'],
  ])('%s', (url, expected) => {
    expect(withAudience(url, 'sts.amazonaws.com')).toBe(expected);
  });

  it('leaves the URL alone for an empty audience', () => {
    expect(withAudience('https://h/t?a=1', '')).toBe('https://h/t?a=1');
  });
});
