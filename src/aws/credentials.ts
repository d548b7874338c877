// Exchanges a GitHub OIDC token for temporary AWS credentials with STS AssumeRoleWithWebIdentity.
//
// This reproduces what aws-actions/configure-aws-credentials does for OIDC, with two deliberate
// differences: AccessDenied (and every other 4xx that will not change on a retry) fails at once instead
// of being retried for minutes, and each failure gets a message that says which part of the role's
// trust policy or configuration to fix. The token and the credentials never appear in a message.
//
// `@aws-sdk/client-sts` is imported lazily: a CLI run that never assumes a role does not load it.

export interface AwsCredentials {
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
  readonly sessionToken: string;
  readonly expiration?: Date;
}

export interface AssumeRoleOptions {
  /** Full role ARN: arn:aws:iam::123456789012:role/name (a bare name cannot be expanded under OIDC). */
  readonly roleArn: string;
  readonly sessionName: string;
  /** 900..43200 and at most the role's MaxSessionDuration; STS defaults to 3600. */
  readonly durationSeconds?: number;
  readonly region: string;
  /** The GitHub OIDC JWT (audience `sts.amazonaws.com`). */
  readonly webIdentityToken: string;
  /**
   * STS endpoint override, e.g. from stsEndpointFromEnv(env). Without it the SDK uses the regional
   * endpoint (and itself honours AWS_ENDPOINT_URL_STS / AWS_ENDPOINT_URL in process.env).
   */
  readonly endpoint?: string;
  /** Attempts in all (default 6). Only throttling, IdP communication, 5xx and network errors are retried. */
  readonly maxAttempts?: number;
  readonly sleep?: (ms: number) => Promise<void>;
  readonly random?: () => number;
  /** Injectable STSClient (or anything with its `send`); by default one is created per call. */
  readonly client?: { send(command: unknown): Promise<unknown> };
}

/** The role could not be assumed; `code` is the AWS error code (e.g. AccessDenied) when there is one. */
export class AssumeRoleError extends Error {
  override readonly name = 'AssumeRoleError';
  readonly code?: string;
  /** Calls made to STS before giving up (0 when the inputs were rejected locally). */
  readonly attempts: number;
  readonly requestId?: string;

  constructor(message: string, details: { code?: string; attempts: number; requestId?: string }) {
    super(message);
    if (details.code !== undefined) this.code = details.code;
    this.attempts = details.attempts;
    if (details.requestId !== undefined) this.requestId = details.requestId;
  }
}

const PREFIX = 'Could not assume role with OIDC';
const SESSION_NAME = /^[\w+=,.@-]{2,64}$/;
const ROLE_ARN = /^arn:aws[-a-z]*:iam::\d{12}:role\/(?:[\x21-\x7e]*\/)?[\w+=,.@-]{1,64}$/;
const REGION = /^[a-z0-9-]+$/;
const MIN_DURATION_SECONDS = 900;
const MAX_DURATION_SECONDS = 43_200;

/** `chaos-action-<run_id>-<attempt>`, reduced to the characters and length STS accepts. */
export function defaultSessionName(env: Readonly<Record<string, string | undefined>>): string {
  const runId = env['GITHUB_RUN_ID']?.trim();
  const attempt = env['GITHUB_RUN_ATTEMPT']?.trim() || '1';
  const raw = runId ? `chaos-action-${runId}-${attempt}` : 'chaos-action';
  const sanitized = raw.replace(/[^\w+=,.@-]/g, '-').slice(0, 64);
  return sanitized.length >= 2 ? sanitized : 'chaos-action';
}

/** The STS endpoint configured in the environment, the way the AWS SDKs read it. */
export function stsEndpointFromEnv(env: Readonly<Record<string, string | undefined>>): string | undefined {
  if ((env['AWS_IGNORE_CONFIGURED_ENDPOINT_URLS'] ?? '').toLowerCase() === 'true') return undefined;
  return env['AWS_ENDPOINT_URL_STS'] || env['AWS_ENDPOINT_URL'] || undefined;
}

/** Problems with the inputs, each a sentence saying what to change; empty when they are fine. */
export function validateRoleInputs(roleArn: string, sessionName: string, durationSeconds: number | undefined): string[] {
  const problems: string[] = [];
  if (!ROLE_ARN.test(roleArn)) {
    if (roleArn.trim() !== roleArn && ROLE_ARN.test(roleArn.trim())) {
      problems.push(`role ARN "${roleArn}" has leading or trailing whitespace`);
    } else if (/^[\w+=,.@-]{1,64}$/.test(roleArn)) {
      problems.push(
        `role "${roleArn}" is a bare role name: pass the full role ARN (arn:aws:iam::<12-digit account>:role/${roleArn}); ` +
          'with OIDC there are no source credentials from which to infer the account',
      );
    } else {
      problems.push(
        `"${printable(roleArn)}" is not a full IAM role ARN: expected arn:aws:iam::<12-digit account>:role/<name> (or another partition, e.g. arn:aws-us-gov)`,
      );
    }
  }
  if (!SESSION_NAME.test(sessionName)) {
    problems.push(
      `role session name "${printable(sessionName)}" is invalid: it must be 2 to 64 characters from letters, digits and _+=,.@- ` +
        `(it is ${sessionName.length} characters long)`,
    );
  }
  if (durationSeconds !== undefined) {
    if (!Number.isInteger(durationSeconds) || durationSeconds < MIN_DURATION_SECONDS || durationSeconds > MAX_DURATION_SECONDS) {
      problems.push(
        `session duration ${durationSeconds} is invalid: it must be a whole number of seconds from ${MIN_DURATION_SECONDS} (15 minutes) ` +
          `to ${MAX_DURATION_SECONDS} (12 hours), and at most the role's MaxSessionDuration`,
      );
    }
  }
  return problems;
}

/**
 * Calls STS AssumeRoleWithWebIdentity, retrying only transient failures with full-jitter backoff
 * (`random() * 2^n * 50 ms` before attempt n+1). Throws AssumeRoleError with a hint otherwise.
 */
export async function assumeRoleWithWebIdentity(options: AssumeRoleOptions): Promise<AwsCredentials & { readonly assumedRoleArn?: string }> {
  const token = options.webIdentityToken;
  const problems = validateRoleInputs(options.roleArn, options.sessionName, options.durationSeconds);
  if (!REGION.test(options.region)) problems.push(`region "${printable(options.region)}" is invalid: expected something like us-east-1`);
  if (!token) problems.push('the web identity token is empty');
  if (problems.length > 0) {
    throw new AssumeRoleError(`${PREFIX}: ${problems.join('; ')}`, { code: 'InvalidInput', attempts: 0 });
  }

  const sts = await import('@aws-sdk/client-sts');
  const ownClient = options.client
    ? undefined
    : new sts.STSClient({
        region: options.region,
        // This function does the retrying, so that AccessDenied is never retried.
        maxAttempts: 1,
        requestHandler: { connectionTimeout: 10_000, requestTimeout: 30_000 },
        ...(options.endpoint ? { endpoint: options.endpoint } : {}),
      });
  const client = options.client ?? ownClient!;
  const maxAttempts = Math.max(1, Math.floor(options.maxAttempts ?? 6));
  const sleep = options.sleep ?? defaultSleep;
  const random = options.random ?? Math.random;

  try {
    for (let attempt = 1; ; attempt++) {
      const command = new sts.AssumeRoleWithWebIdentityCommand({
        RoleArn: options.roleArn,
        RoleSessionName: options.sessionName,
        WebIdentityToken: token,
        ...(options.durationSeconds !== undefined ? { DurationSeconds: options.durationSeconds } : {}),
      });
      let response: unknown;
      try {
        response = await client.send(command);
      } catch (error) {
        if (isRetriable(error) && attempt < maxAttempts) {
          await sleep(Math.floor(random() * 2 ** attempt * 50));
          continue;
        }
        throw toAssumeRoleError(error, options, attempt);
      }
      return toCredentials(response, attempt);
    }
  } finally {
    ownClient?.destroy();
  }
}

interface StsResponse {
  Credentials?: { AccessKeyId?: string; SecretAccessKey?: string; SessionToken?: string; Expiration?: Date };
  AssumedRoleUser?: { Arn?: string };
}

function toCredentials(response: unknown, attempts: number): AwsCredentials & { readonly assumedRoleArn?: string } {
  const { Credentials: c, AssumedRoleUser: user } = (response ?? {}) as StsResponse;
  if (!c?.AccessKeyId || !c.SecretAccessKey || !c.SessionToken) {
    throw new AssumeRoleError(`${PREFIX}: STS answered without complete credentials`, { code: 'IncompleteResponse', attempts });
  }
  return {
    accessKeyId: c.AccessKeyId,
    secretAccessKey: c.SecretAccessKey,
    sessionToken: c.SessionToken,
    ...(c.Expiration ? { expiration: new Date(c.Expiration) } : {}),
    ...(user?.Arn ? { assumedRoleArn: user.Arn } : {}),
  };
}

// ---------------------------------------------------------------------------------------------
// Error classification

interface ErrorFacts {
  /** AWS error code without a trailing "Exception" (AccessDenied, Throttling, InvalidIdentityToken…). */
  readonly code?: string;
  /** The code as the SDK reported it. */
  readonly rawCode?: string;
  readonly status?: number;
  readonly message: string;
  readonly fault?: string;
  readonly requestId?: string;
  readonly network: boolean;
}

const THROTTLING = new Set(['Throttling', 'RequestLimitExceeded', 'TooManyRequests', 'RequestThrottled', 'SlowDown']);
const NETWORK_CODES = new Set([
  'ECONNRESET',
  'ECONNREFUSED',
  'ECONNABORTED',
  'ETIMEDOUT',
  'EPIPE',
  'ENOTFOUND',
  'EAI_AGAIN',
  'ENETUNREACH',
  'EHOSTUNREACH',
  'UND_ERR_SOCKET',
  'UND_ERR_CONNECT_TIMEOUT',
]);
const NETWORK_NAMES = new Set(['TimeoutError', 'RequestTimeout', 'RequestTimeoutException', 'NetworkingError']);

function facts(error: unknown): ErrorFacts {
  const e = (error ?? {}) as {
    name?: unknown;
    Code?: unknown;
    code?: unknown;
    message?: unknown;
    $fault?: unknown;
    $metadata?: { httpStatusCode?: unknown; requestId?: unknown };
  };
  const name = typeof e.name === 'string' && e.name !== 'Error' && e.name !== 'TypeError' ? e.name : undefined;
  const awsCode = typeof e.Code === 'string' ? e.Code : undefined;
  const sysCode = typeof e.code === 'string' ? e.code : undefined;
  const rawCode = awsCode ?? name ?? sysCode;
  const status = typeof e.$metadata?.httpStatusCode === 'number' ? e.$metadata.httpStatusCode : undefined;
  const requestId = typeof e.$metadata?.requestId === 'string' ? e.$metadata.requestId : undefined;
  const network = status === undefined && ((sysCode !== undefined && NETWORK_CODES.has(sysCode)) || (rawCode !== undefined && NETWORK_NAMES.has(rawCode)));
  return {
    ...(rawCode !== undefined ? { rawCode, code: rawCode.replace(/Exception$/, '') } : {}),
    ...(status !== undefined ? { status } : {}),
    ...(typeof e.$fault === 'string' ? { fault: e.$fault } : {}),
    ...(requestId !== undefined ? { requestId } : {}),
    message: typeof e.message === 'string' ? e.message : String(error),
    network,
  };
}

function isAccessDenied(f: ErrorFacts): boolean {
  return f.code === 'AccessDenied';
}

function isVerificationKeyFailure(f: ErrorFacts): boolean {
  return f.code === 'InvalidIdentityToken' && /retrieve\s+(the\s+)?verification\s+key/i.test(f.message);
}

function isRetriable(error: unknown): boolean {
  const f = facts(error);
  if (isAccessDenied(f)) return false;
  if (f.code !== undefined && THROTTLING.has(f.code)) return true;
  if (f.status === 429) return true;
  if (f.code === 'IDPCommunicationError') return true;
  if (isVerificationKeyFailure(f)) return true;
  if (f.status !== undefined) return f.status >= 500;
  if (f.fault === 'server') return true;
  return f.network;
}

// ---------------------------------------------------------------------------------------------
// Messages

function toAssumeRoleError(error: unknown, options: AssumeRoleOptions, attempts: number): AssumeRoleError {
  const f = facts(error);
  const aws = scrub(f.message, options.webIdentityToken);
  const claims = tokenClaims(options.webIdentityToken);
  const tries = attempts > 1 ? ` after ${attempts} attempts` : '';
  const requestId = f.requestId ? ` (request id ${f.requestId})` : '';
  let message: string;

  if (isAccessDenied(f)) {
    const said = /not authorized/i.test(aws) && aws.length < 200 ? '' : ` AWS said: ${aws}.`;
    message =
      `${PREFIX}: Not authorized to perform sts:AssumeRoleWithWebIdentity on ${options.roleArn}${requestId}.${said} ` +
      trustPolicyHint(options.roleArn, claims);
  } else if (f.code === 'ExpiredToken') {
    message =
      `${PREFIX}: the OIDC token had expired when STS checked it${requestId} (${aws}). ` +
      'Request the token immediately before assuming the role (do not reuse one from an earlier step), and check the ' +
      "runner's clock if it is self-hosted.";
  } else if (f.code === 'InvalidIdentityToken') {
    message = isVerificationKeyFailure(f)
      ? `${PREFIX}: STS could not fetch GitHub's signing keys${tries}${requestId} (${aws}). This is usually transient ` +
        '(many matrix jobs at once); re-run the job or stagger the matrix.'
      : `${PREFIX}: STS rejected the OIDC token itself${requestId} (${aws}). The account of ${options.roleArn} needs an IAM ` +
        'OIDC identity provider for https://token.actions.githubusercontent.com whose audience list includes ' +
        `${audienceText(claims)}; and the token must be passed unmodified.`;
  } else if (f.code === 'IDPRejectedClaim') {
    message = `${PREFIX}: the identity provider rejected the token's claims${requestId} (${aws}). ${trustPolicyHint(options.roleArn, claims)}`;
  } else if (f.code === 'ValidationError' || f.code === 'Validation') {
    const requested = options.durationSeconds ?? 3600;
    message = /duration/i.test(aws)
      ? `${PREFIX}: the session duration of ${requested} s is longer than the role allows${requestId} (${aws}). Lower the ` +
        "duration, or raise the role's MaxSessionDuration (aws iam update-role --role-name <name> --max-session-duration " +
        `${Math.min(Math.max(requested, MIN_DURATION_SECONDS), MAX_DURATION_SECONDS)}); AWS allows ${MIN_DURATION_SECONDS}..${MAX_DURATION_SECONDS} s.`
      : `${PREFIX}: STS rejected the request${requestId}: ${aws}. Check the role ARN, the session name and the duration.`;
  } else if (f.code === 'RegionDisabled') {
    message = `${PREFIX}: STS is not activated in region ${options.region}${requestId} (${aws}). Activate it in IAM account settings, or use another region.`;
  } else if (f.code === 'PackedPolicyTooLarge' || f.code === 'MalformedPolicyDocument') {
    message = `${PREFIX}: ${f.rawCode}${requestId}: ${aws}`;
  } else if ((f.code !== undefined && THROTTLING.has(f.code)) || f.status === 429) {
    message =
      `${PREFIX}: STS kept throttling the request${tries}${requestId} (${aws}). Too many jobs assume roles at once: ` +
      'stagger matrix jobs (max-parallel) or re-run.';
  } else if (f.code === 'IDPCommunicationError') {
    message = `${PREFIX}: STS could not reach GitHub's OIDC provider${tries}${requestId} (${aws}). This is usually transient; re-run the job.`;
  } else if (f.network) {
    message = `${PREFIX}: could not reach STS at ${options.endpoint ?? `the ${options.region} regional endpoint`}${tries}: ${aws}`;
  } else if (f.status !== undefined && f.status >= 500) {
    message = `${PREFIX}: STS failed with HTTP ${f.status}${tries}${requestId}: ${f.rawCode ? `${f.rawCode}: ` : ''}${aws}`;
  } else {
    message = `${PREFIX}: ${f.rawCode ? `${f.rawCode}: ` : ''}${aws}${tries}${requestId}`;
  }
  return new AssumeRoleError(scrub(message, options.webIdentityToken), {
    ...(f.rawCode !== undefined ? { code: f.rawCode } : {}),
    attempts,
    ...(f.requestId !== undefined ? { requestId: f.requestId } : {}),
  });
}

interface Claims {
  readonly sub?: string;
  readonly aud?: string;
}

function trustPolicyHint(roleArn: string, claims: Claims): string {
  const arn = /^arn:(aws[-a-z]*):iam::(\d{12}):/.exec(roleArn);
  const provider = arn
    ? `arn:${arn[1]}:iam::${arn[2]}:oidc-provider/token.actions.githubusercontent.com`
    : 'the token.actions.githubusercontent.com OIDC provider';
  const actual = claims.sub !== undefined || claims.aud !== undefined ? ` This job's token has sub "${claims.sub ?? '?'}" and aud "${claims.aud ?? '?'}".` : '';
  return (
    `The role's trust policy does not accept this workflow's token. It must allow sts:AssumeRoleWithWebIdentity for the ` +
    `federated principal ${provider}, with conditions: token.actions.githubusercontent.com:aud equal to "sts.amazonaws.com" ` +
    "(the audience requested), and token.actions.githubusercontent.com:sub (StringLike) matching this workflow's claim, " +
    'whose shape depends on how the job runs: "repo:OWNER/REPO:environment:NAME" whenever the job uses `environment:` ' +
    '(this shape wins over the others), "repo:OWNER/REPO:pull_request" for pull_request events, ' +
    '"repo:OWNER/REPO:ref:refs/heads/BRANCH" (or refs/tags/TAG) otherwise; repositories created or renamed on or after ' +
    '2026-07-15 (or opted in) get immutable claims "repo:OWNER@<owner id>/REPO@<repo id>:…". Owner and repository ' +
    `casing must match, and do not use ForAllValues: on these conditions.${actual}`
  );
}

function audienceText(claims: Claims): string {
  return claims.aud !== undefined ? `the token's aud "${claims.aud}" (normally sts.amazonaws.com)` : 'sts.amazonaws.com';
}

/** The `sub` and `aud` claims of a JWT (not secret; printed to explain trust-policy mismatches). */
function tokenClaims(token: string): Claims {
  const parts = token.split('.');
  if (parts.length !== 3) return {};
  try {
    const payload = JSON.parse(Buffer.from(parts[1]!, 'base64url').toString('utf8')) as { sub?: unknown; aud?: unknown };
    const aud = Array.isArray(payload.aud) ? payload.aud.filter((a) => typeof a === 'string').join(',') : payload.aud;
    return {
      ...(typeof payload.sub === 'string' ? { sub: printable(payload.sub).slice(0, 300) } : {}),
      ...(typeof aud === 'string' ? { aud: printable(aud).slice(0, 200) } : {}),
    };
  } catch {
    return {};
  }
}

/** Removes the token (and its signature on its own) from text that may end up in a log. */
function scrub(text: string, token: string): string {
  let out = text;
  const signature = token.split('.')[2];
  for (const secret of [token, signature]) {
    if (secret && secret.length >= 8) out = out.split(secret).join('***');
  }
  return out;
}

function printable(text: string): string {
  return text.replace(/[\x00-\x1f\x7f]/g, '?');
}

function defaultSleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
