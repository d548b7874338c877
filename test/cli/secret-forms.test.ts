// Secrets in the forms people print them: a process that prints the secret base64-encoded, and a
// Basic credential (user:secret, base64) that a service echoes back, reach no output of a run.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCliAsync } from '../support/cli.js';
import { writeCorpus } from '../support/corpus.js';

const CANARY = 'sk-canary-1234567890';

/** Echoes the request's Authorization header, in the body and in a response header. */
let echo: http.Server;
let echoUrl: string;
beforeAll(async () => {
  echo = http.createServer((req, res) => {
    const auth = String(req.headers.authorization ?? '');
    res.writeHead(200, { 'Content-Type': 'text/plain', 'X-Echo-Authorization': auth }).end(`you sent: ${auth}`);
  });
  await new Promise<void>((resolve) => echo.listen(0, '127.0.0.1', resolve));
  echoUrl = `127.0.0.1:${(echo.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => echo.close(() => resolve())));

/**
 * Whether `text` shows the secret: as written, or base64-encoded (either alphabet) at any byte
 * alignment inside any run of base64 characters. The secret's first and last two characters are
 * left out: the encoding characters at the edge of a redacted run also carry a few bits of them.
 */
function reveals(text: string, secret: string): boolean {
  const core = secret.slice(2, -2);
  if (text.includes(core)) return true;
  for (const run of text.match(/[A-Za-z0-9+/_-]{8,}/g) ?? []) {
    for (let skip = 0; skip < 4; skip++) {
      const chars = run.slice(skip);
      for (const alphabet of ['base64', 'base64url'] as const) {
        if (Buffer.from(chars, alphabet).toString('latin1').includes(core)) return true;
      }
    }
  }
  return false;
}

describe('secrets printed base64-encoded', () => {
  it('the detector used below finds the encoded secret where nothing redacts it', () => {
    const basic = Buffer.from(`user:${CANARY}`).toString('base64');
    expect(reveals(`Authorization: Basic ${basic}`, CANARY)).toBe(true);
    expect(reveals(Buffer.from(CANARY).toString('base64url'), CANARY)).toBe(true);
    expect(reveals('Authorization: Basic ***', CANARY)).toBe(false);
  });

  it('a process printing the secret in base64 and an http probe sending it as Basic auth to an echoing service leak it nowhere', async () => {
    const dir = writeCorpus([
      {
        name: 'basic.json',
        content: JSON.stringify({
          title: 'The API answers with a Basic credential',
          description: 'the secret is printed base64-encoded and sent as user:secret in a Basic Authorization header, which the service echoes',
          secrets: { api: { token: { type: 'env', key: 'CANARY' } } },
          'steady-state-hypothesis': {
            title: 'the API and the tool answer',
            probes: [
              {
                type: 'probe',
                name: 'basic-auth-echo',
                // Never met: the reason quotes the body, which holds the credential.
                tolerance: { type: 'regex', pattern: 'never-there', target: 'body' },
                provider: { type: 'http', url: `http://user:\${token}@${echoUrl}/`, timeout: 3 },
              },
              {
                type: 'probe',
                name: 'prints-base64',
                tolerance: { type: 'regex', pattern: 'never-there', target: 'stdout' },
                provider: {
                  type: 'process',
                  path: 'sh',
                  arguments: [
                    '-c',
                    'printf %s "$1" | base64; printf %s "$1" | base64 | tr +/ -_; printf "user:%s" "$1" | base64; printf "ab%s;more" "$1" | base64',
                    'sh',
                    '${token}',
                  ],
                },
              },
            ],
          },
          method: [{ type: 'action', name: 'noop', provider: { type: 'process', path: 'true' } }],
        }),
      },
    ]);
    const out = path.join(dir, 'out');
    const r = await runCliAsync(['run', '--verbose', '--journal-dir', out, dir], { env: { CANARY } });
    expect(r.code, r.stderr).toBe(1);
    const journal = readFileSync(path.join(out, 'basic.journal.json'), 'utf8');
    // The secret really went out: the journal has the service's echo of the credential, redacted
    // from the first character that only the secret decides to the end.
    expect(journal).toMatch(/you sent: Basic [A-Za-z0-9+/]{6,7}\*\*\*"/);
    const places: [string, string][] = [
      ['stdout', r.stdout],
      ['stderr', r.stderr],
      ...readdirSync(out).map((f): [string, string] => [f, readFileSync(path.join(out, f), 'utf8')]),
    ];
    expect(places.map(([f]) => f)).toEqual(expect.arrayContaining(['basic.journal.json', 'results.json', 'report.md']));
    for (const [where, text] of places) expect(reveals(text, CANARY), `the canary leaked into ${where}`).toBe(false);
  });
});
