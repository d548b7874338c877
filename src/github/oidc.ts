// Requests a GitHub Actions OIDC ID token (a JWT) from the runner's token endpoint, the way
// `@actions/core`'s getIDToken does, but with errors that say what to change in the workflow.
//
// The runner injects ACTIONS_ID_TOKEN_REQUEST_URL and ACTIONS_ID_TOKEN_REQUEST_TOKEN into an action's
// process only when the job has `permissions: id-token: write`; pull requests from forks (and
// Dependabot pull requests) never get them. The request is
//   GET ${ACTIONS_ID_TOKEN_REQUEST_URL}&audience=<aud>   Authorization: Bearer <request token>
// and the answer is JSON `{ "value": "<jwt>" }`. The JWT is registered with the runner as a secret
// (`::add-mask::`) before it is returned, so that nothing prints it later.

/** The OIDC token could not be obtained; the message says what is wrong and how to fix it. */
export class OidcError extends Error {
  override readonly name = 'OidcError';
  /** HTTP status of the token endpoint's last answer, when there was one. */
  readonly status?: number;

  constructor(message: string, status?: number) {
    super(message);
    if (status !== undefined) this.status = status;
  }
}

/**
 * Thrown by a `fetchToken` implementation when the token endpoint answered with a status other than
 * 200. 502/503/504 are retried; any other status becomes an OidcError.
 */
export class OidcHttpError extends Error {
  override readonly name = 'OidcHttpError';
  constructor(
    readonly status: number,
    readonly body: string,
  ) {
    super(`token endpoint answered HTTP ${status}`);
  }
}

export interface GetIdTokenOptions {
  /**
   * One request to the token endpoint; resolves to the JWT. Throw OidcHttpError for a non-200
   * answer (502/503/504 are retried) and anything else for a network failure (retried). The
   * default uses the global fetch.
   */
  readonly fetchToken?: (url: string, bearer: string) => Promise<string>;
  /** Whether this run is for a pull request from a fork; by default read from GITHUB_EVENT_PATH. */
  readonly isForkPr?: boolean;
  /** Registers the JWT with the runner's log masker; default `@actions/core`'s setSecret. */
  readonly setSecret?: (secret: string) => void;
  /** Attempts in all (default 4): 502/503/504 and network errors are retried. */
  readonly maxAttempts?: number;
  readonly sleep?: (ms: number) => Promise<void>;
  readonly random?: () => number;
  /** Per-request timeout of the default fetchToken, in ms (default 30 000). */
  readonly timeoutMs?: number;
}

const PERMISSIONS_HINT =
  'the job cannot request an OIDC token: add `permissions: id-token: write` to the job ' +
  '(pull requests from forks never get one; run chaos experiments on same-repository branches)';

const RETRIABLE_STATUSES = new Set([502, 503, 504]);
const BODY_EXCERPT = 200;

/**
 * Requests an OIDC ID token for `audience` (for AWS: `sts.amazonaws.com`), masks it and returns it.
 * Throws OidcError when the job has no token permission, the endpoint refuses, or keeps failing.
 */
export async function getIdToken(audience: string, env: Readonly<Record<string, string | undefined>>, options: GetIdTokenOptions = {}): Promise<string> {
  const requestUrl = env['ACTIONS_ID_TOKEN_REQUEST_URL'];
  const requestToken = env['ACTIONS_ID_TOKEN_REQUEST_TOKEN'];
  if (!requestUrl || !requestToken) {
    throw new OidcError(await missingPermissionMessage(env, options.isForkPr, !requestUrl, !requestToken));
  }

  const url = withAudience(requestUrl, audience);
  const fetchToken = options.fetchToken ?? ((u: string, b: string) => fetchTokenOnce(u, b, options.timeoutMs ?? 30_000));
  const maxAttempts = Math.max(1, Math.floor(options.maxAttempts ?? 4));
  const sleep = options.sleep ?? defaultSleep;
  const random = options.random ?? Math.random;
  const where = describeEndpoint(requestUrl);

  let jwt: string | undefined;
  for (let attempt = 1; jwt === undefined; attempt++) {
    try {
      jwt = await fetchToken(url, requestToken);
    } catch (error) {
      if (error instanceof OidcError) throw error;
      const status = error instanceof OidcHttpError ? error.status : undefined;
      const retriable = status === undefined || RETRIABLE_STATUSES.has(status);
      if (retriable && attempt < maxAttempts) {
        // Exponential backoff with full jitter: up to 200 ms, 400 ms, 800 ms, ...
        await sleep(Math.floor(random() * 2 ** attempt * 100));
        continue;
      }
      throw new OidcError(failureMessage(error, where, attempt, requestToken), status);
    }
  }
  if (typeof jwt !== 'string' || jwt === '') {
    throw new OidcError(`the OIDC token endpoint (${where}) answered without a token ("value" was empty)`);
  }

  const setSecret = options.setSecret ?? (await import('@actions/core')).setSecret;
  setSecret(jwt);
  return jwt;
}

/** Appends `audience=` to the request URL with `&` or `?` as the URL needs. */
export function withAudience(requestUrl: string, audience: string): string {
  if (!audience) return requestUrl;
  const [base, fragment] = splitFragment(requestUrl);
  const separator = !base.includes('?') ? '?' : base.endsWith('?') || base.endsWith('&') ? '' : '&';
  return `${base}${separator}audience=${encodeURIComponent(audience)}${fragment}`;
}

function splitFragment(url: string): [string, string] {
  const hash = url.indexOf('#');
  return hash < 0 ? [url, ''] : [url.slice(0, hash), url.slice(hash)];
}

async function fetchTokenOnce(url: string, bearer: string, timeoutMs: number): Promise<string> {
  const response = await fetch(url, {
    method: 'GET',
    headers: { Authorization: `Bearer ${bearer}`, Accept: 'application/json', 'User-Agent': 'chaos-action/oidc' },
    redirect: 'follow',
    signal: AbortSignal.timeout(timeoutMs),
  });
  const body = await response.text();
  if (response.status !== 200) throw new OidcHttpError(response.status, body);
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    throw new OidcError(`the OIDC token endpoint answered HTTP 200 with a body that is not JSON: ${excerpt(body, bearer)}`, 200);
  }
  const value = (parsed as { value?: unknown } | null)?.value;
  if (typeof value !== 'string' || value === '') {
    throw new OidcError('the OIDC token endpoint answered HTTP 200 without a "value" field holding the token', 200);
  }
  return value;
}

function failureMessage(error: unknown, where: string, attempts: number, bearer: string): string {
  const tries = attempts === 1 ? '' : ` (after ${attempts} attempts)`;
  if (error instanceof OidcHttpError) {
    const body = excerpt(error.body, bearer);
    const base = `the OIDC token endpoint (${where}) answered HTTP ${error.status}${tries}: ${body || '(empty body)'}`;
    if (error.status === 401 || error.status === 403) {
      return `${base}. The request token was refused: it is only valid inside the job that received it, so do not copy ACTIONS_ID_TOKEN_REQUEST_TOKEN between jobs or steps; re-run the job`;
    }
    if (RETRIABLE_STATUSES.has(error.status)) return `${base}. GitHub's token service is unavailable; re-run the job later`;
    return base;
  }
  const detail = error instanceof Error ? describeNetworkError(error) : String(error);
  return `could not reach the OIDC token endpoint (${where})${tries}: ${scrub(detail, bearer)}`;
}

function describeNetworkError(error: Error): string {
  const cause = (error as { cause?: unknown }).cause;
  const causeText = cause instanceof Error ? ` (${(cause as { code?: string }).code ?? cause.message})` : '';
  return `${error.message}${causeText}`;
}

/** Host of the token endpoint, for messages; the path and query are not worth printing. */
function describeEndpoint(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return 'an invalid ACTIONS_ID_TOKEN_REQUEST_URL';
  }
}

function excerpt(body: string, bearer: string): string {
  const flat = scrub(body, bearer).replace(/\s+/g, ' ').trim();
  return flat.length > BODY_EXCERPT ? `${flat.slice(0, BODY_EXCERPT)}…` : flat;
}

function scrub(text: string, secret: string): string {
  return secret ? text.split(secret).join('***') : text;
}

async function missingPermissionMessage(
  env: Readonly<Record<string, string | undefined>>,
  isForkPr: boolean | undefined,
  urlMissing: boolean,
  tokenMissing: boolean,
): Promise<string> {
  const missing = [urlMissing && 'ACTIONS_ID_TOKEN_REQUEST_URL', tokenMissing && 'ACTIONS_ID_TOKEN_REQUEST_TOKEN'].filter(Boolean).join(' and ');
  const generic = `${PERMISSIONS_HINT}. (${missing} ${urlMissing && tokenMissing ? 'are' : 'is'} not set.)`;
  const event = env['GITHUB_EVENT_NAME'] ?? '';
  const prEvent = event === 'pull_request' || event === 'pull_request_review' || event === 'pull_request_review_comment';
  if (!prEvent) return generic;

  const fork = isForkPr ?? (await forkFromEventFile(env['GITHUB_EVENT_PATH']));
  if (fork) {
    return (
      'this run is for a pull request from a fork, and GitHub never gives such jobs an OIDC token, whatever ' +
      '`permissions:` says: run chaos experiments on same-repository branches (or after merge) instead; do not ' +
      'switch to `pull_request_target`, which would run untrusted code with your cloud role. ' +
      `In general, ${generic}`
    );
  }
  if ((env['GITHUB_ACTOR'] ?? '') === 'dependabot[bot]') {
    return (
      'this run is for a Dependabot pull request, which GitHub treats like a fork: it never gets an OIDC token; ' +
      `skip the chaos step for Dependabot (if: github.actor != 'dependabot[bot]'). In general, ${generic}`
    );
  }
  return generic;
}

/**
 * Reads the event payload: a pull request whose head repository differs from the base is a fork.
 * (`head.repo.fork` is not used: it is also true for a same-repository PR inside a forked repository.)
 */
async function forkFromEventFile(path: string | undefined): Promise<boolean> {
  if (!path) return false;
  try {
    const { readFile } = await import('node:fs/promises');
    const event = JSON.parse(await readFile(path, 'utf8')) as {
      pull_request?: { head?: { repo?: { full_name?: string } | null }; base?: { repo?: { full_name?: string } } };
    };
    const pr = event.pull_request;
    if (!pr) return false;
    const head = pr.head?.repo;
    if (head === null) return true; // the fork was deleted
    const headName = head?.full_name;
    const baseName = pr.base?.repo?.full_name;
    return headName !== undefined && baseName !== undefined && headName.toLowerCase() !== baseName.toLowerCase();
  } catch {
    return false;
  }
}

function defaultSleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
