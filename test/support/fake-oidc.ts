// Local stand-ins for the two services of the GitHub OIDC → AWS flow, on 127.0.0.1 (port 0):
//
// - startFakeOidc(): the runner's ID-token endpoint (ACTIONS_ID_TOKEN_REQUEST_URL). It checks the
//   Bearer request token and the audience, answers `{ "value": <fake JWT> }`, can answer a status N
//   times first (e.g. 503) or always (e.g. 401/500), and records every request.
// - startFakeSts(): an STS endpoint speaking the Query protocol (form POST in, XML out) for
//   AssumeRoleWithWebIdentity, so a real STSClient can be pointed at it with an endpoint override.
//
// Both close cleanly: open keep-alive connections are closed with the server.
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface RecordedOidcRequest {
  readonly method: string;
  /** Path and query as received. */
  readonly target: string;
  readonly authorization: string | undefined;
  /** The audience query parameter, decoded (undefined when absent). */
  readonly audience: string | undefined;
}

export interface FakeOidcOptions {
  /** The request token the server accepts as Bearer (default 'fake-request-token'). */
  readonly requestToken?: string;
  /** When set, requests for any other audience get 400. */
  readonly expectedAudience?: string;
  /** Claims merged into the JWT's payload (`aud` defaults to the requested audience). */
  readonly claims?: Record<string, unknown>;
}

export interface FakeOidcServer {
  /** A value for ACTIONS_ID_TOKEN_REQUEST_URL; it already has a query string, as the runner's does. */
  readonly requestUrl: string;
  readonly requestToken: string;
  readonly origin: string;
  readonly requests: readonly RecordedOidcRequest[];
  /** Every JWT handed out, in order. */
  readonly issued: readonly string[];
  /** Answer the next `count` requests with `status` (and `body`) before answering normally. */
  failNext(status: number, count: number, body?: string): void;
  /** Answer every request with `status` (undefined: back to normal). */
  alwaysAnswer(status: number | undefined, body?: string): void;
  /** Environment a job with `id-token: write` would have. */
  env(extra?: Record<string, string>): Record<string, string>;
  close(): Promise<void>;
}

function base64url(value: string): string {
  return Buffer.from(value, 'utf8').toString('base64url');
}

/** An unsigned-looking but well-formed JWT (three base64url segments) carrying `claims`. */
export function fakeJwt(claims: Record<string, unknown>, signature = 'ZmFrZS1zaWduYXR1cmUtbm90LXZlcmlmaWFibGUtMTIzNDU2Nzg5MA'): string {
  const header = base64url(JSON.stringify({ alg: 'RS256', typ: 'JWT', kid: 'fake-kid' }));
  return `${header}.${base64url(JSON.stringify(claims))}.${signature}`;
}

async function listen(server: http.Server): Promise<string> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return `http://127.0.0.1:${port}`;
}

function closer(server: http.Server): () => Promise<void> {
  return () =>
    new Promise<void>((resolve, reject) => {
      server.closeAllConnections();
      server.close((error) => (error ? reject(error) : resolve()));
    });
}

export async function startFakeOidc(options: FakeOidcOptions = {}): Promise<FakeOidcServer> {
  const requestToken = options.requestToken ?? 'fake-request-token';
  const requests: RecordedOidcRequest[] = [];
  const issued: string[] = [];
  const queued: { status: number; body: string }[] = [];
  let always: { status: number; body: string } | undefined;
  let serial = 0;

  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const audience = url.searchParams.get('audience') ?? undefined;
    requests.push({ method: req.method ?? '', target: req.url ?? '', authorization: req.headers.authorization, audience });
    const send = (status: number, body: string): void => {
      res.writeHead(status, { 'Content-Type': 'application/json' }).end(body);
    };

    const forced = always ?? queued.shift();
    if (forced) return send(forced.status, forced.body);
    if (req.method !== 'GET' || url.pathname !== '/idtoken') return send(404, '{"message":"Not Found"}');
    if (req.headers.authorization !== `Bearer ${requestToken}`) return send(401, '{"message":"Bad credentials"}');
    if (options.expectedAudience !== undefined && audience !== options.expectedAudience) {
      return send(400, JSON.stringify({ message: `unexpected audience ${audience ?? '(none)'}` }));
    }
    const now = 1_800_000_000 + serial;
    serial += 1;
    const jwt = fakeJwt({
      iss: 'https://token.actions.githubusercontent.com',
      aud: audience ?? 'https://github.com/octo-org',
      sub: 'repo:octo-org/octo-repo:ref:refs/heads/main',
      iat: now,
      nbf: now - 5,
      exp: now + 300,
      jti: `fake-${serial}`,
      ...options.claims,
    });
    issued.push(jwt);
    send(200, JSON.stringify({ count: 1, value: jwt }));
  });
  const origin = await listen(server);
  const requestUrl = `${origin}/idtoken?api-version=2.0`;

  return {
    requestUrl,
    requestToken,
    origin,
    requests,
    issued,
    failNext(status, count, body = JSON.stringify({ message: `fake ${status}` })) {
      for (let i = 0; i < count; i++) queued.push({ status, body });
    },
    alwaysAnswer(status, body = JSON.stringify({ message: `fake ${status}` })) {
      always = status === undefined ? undefined : { status, body };
    },
    env(extra = {}) {
      return { ACTIONS_ID_TOKEN_REQUEST_URL: requestUrl, ACTIONS_ID_TOKEN_REQUEST_TOKEN: requestToken, ...extra };
    },
    close: closer(server),
  };
}

// ---------------------------------------------------------------------------------------------
// STS (Query protocol)

export interface RecordedStsRequest {
  readonly method: string;
  readonly path: string;
  readonly contentType: string | undefined;
  /** Whether the request carried a SigV4 Authorization header (AssumeRoleWithWebIdentity needs none). */
  readonly signed: boolean;
  /** The form parameters of the body. */
  readonly params: Readonly<Record<string, string>>;
}

export type StsAnswer =
  | {
      readonly kind: 'credentials';
      readonly accessKeyId: string;
      readonly secretAccessKey: string;
      readonly sessionToken: string;
      readonly expiration: string;
      readonly assumedRoleArn: string;
    }
  | { readonly kind: 'error'; readonly status: number; readonly code: string; readonly message: string; readonly type?: 'Sender' | 'Receiver' };

export interface FakeStsServer {
  readonly endpoint: string;
  readonly requests: readonly RecordedStsRequest[];
  /** The answer to every following request. */
  answer(next: StsAnswer): void;
  close(): Promise<void>;
}

const STS_NS = 'https://sts.amazonaws.com/doc/2011-06-15/';

function xmlEscape(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

export function stsCredentialsXml(answer: Extract<StsAnswer, { kind: 'credentials' }>, sub: string, requestId: string): string {
  const sessionName = answer.assumedRoleArn.split('/').pop() ?? 'session';
  return (
    `<AssumeRoleWithWebIdentityResponse xmlns="${STS_NS}">\n` +
    '  <AssumeRoleWithWebIdentityResult>\n' +
    `    <SubjectFromWebIdentityToken>${xmlEscape(sub)}</SubjectFromWebIdentityToken>\n` +
    '    <Audience>sts.amazonaws.com</Audience>\n' +
    '    <AssumedRoleUser>\n' +
    `      <Arn>${xmlEscape(answer.assumedRoleArn)}</Arn>\n` +
    `      <AssumedRoleId>AROAFAKEFAKEFAKEFAKE:${xmlEscape(sessionName)}</AssumedRoleId>\n` +
    '    </AssumedRoleUser>\n' +
    '    <Credentials>\n' +
    `      <SessionToken>${xmlEscape(answer.sessionToken)}</SessionToken>\n` +
    `      <SecretAccessKey>${xmlEscape(answer.secretAccessKey)}</SecretAccessKey>\n` +
    `      <Expiration>${xmlEscape(answer.expiration)}</Expiration>\n` +
    `      <AccessKeyId>${xmlEscape(answer.accessKeyId)}</AccessKeyId>\n` +
    '    </Credentials>\n' +
    '    <Provider>arn:aws:iam::123456789012:oidc-provider/token.actions.githubusercontent.com</Provider>\n' +
    '  </AssumeRoleWithWebIdentityResult>\n' +
    `  <ResponseMetadata><RequestId>${requestId}</RequestId></ResponseMetadata>\n` +
    '</AssumeRoleWithWebIdentityResponse>\n'
  );
}

export function stsErrorXml(answer: Extract<StsAnswer, { kind: 'error' }>, requestId: string): string {
  return (
    `<ErrorResponse xmlns="${STS_NS}">\n` +
    `  <Error><Type>${answer.type ?? 'Sender'}</Type><Code>${xmlEscape(answer.code)}</Code><Message>${xmlEscape(answer.message)}</Message></Error>\n` +
    `  <RequestId>${requestId}</RequestId>\n` +
    '</ErrorResponse>\n'
  );
}

export async function startFakeSts(initial?: StsAnswer): Promise<FakeStsServer> {
  const requests: RecordedStsRequest[] = [];
  let current: StsAnswer = initial ?? {
    kind: 'credentials',
    accessKeyId: 'ASIAFAKEACCESSKEY000',
    secretAccessKey: 'fake/secret+access/key',
    sessionToken: 'FwoGZXIvYXdzEFAKE//session+token==',
    expiration: '2031-01-02T03:04:05Z',
    assumedRoleArn: 'arn:aws:sts::123456789012:assumed-role/chaos/session',
  };
  let serial = 0;

  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const params = Object.fromEntries(new URLSearchParams(Buffer.concat(chunks).toString('utf8')));
      requests.push({
        method: req.method ?? '',
        path: req.url ?? '',
        contentType: req.headers['content-type'],
        signed: req.headers.authorization !== undefined,
        params,
      });
      serial += 1;
      const requestId = `00000000-0000-4000-8000-${String(serial).padStart(12, '0')}`;
      const answer = current;
      if (params['Action'] !== 'AssumeRoleWithWebIdentity') {
        const error = {
          kind: 'error',
          status: 400,
          code: 'InvalidAction',
          message: `fake STS only knows AssumeRoleWithWebIdentity, not ${params['Action']}`,
        } as const;
        res.writeHead(400, { 'Content-Type': 'text/xml', 'x-amzn-RequestId': requestId }).end(stsErrorXml(error, requestId));
        return;
      }
      if (answer.kind === 'error') {
        res.writeHead(answer.status, { 'Content-Type': 'text/xml', 'x-amzn-RequestId': requestId }).end(stsErrorXml(answer, requestId));
        return;
      }
      const sub = 'repo:octo-org/octo-repo:ref:refs/heads/main';
      res.writeHead(200, { 'Content-Type': 'text/xml', 'x-amzn-RequestId': requestId }).end(stsCredentialsXml(answer, sub, requestId));
    });
  });
  const endpoint = await listen(server);
  return {
    endpoint,
    requests,
    answer(next) {
      current = next;
    },
    close: closer(server),
  };
}
