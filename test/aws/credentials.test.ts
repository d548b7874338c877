import {
  AssumeRoleWithWebIdentityCommand,
  ExpiredTokenException,
  IDPCommunicationErrorException,
  IDPRejectedClaimException,
  InvalidIdentityTokenException,
  STSClient,
} from '@aws-sdk/client-sts';
import { mockClient } from 'aws-sdk-client-mock';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  AssumeRoleError,
  type AssumeRoleOptions,
  assumeRoleWithWebIdentity,
  defaultSessionName,
  stsEndpointFromEnv,
  validateRoleInputs,
} from '../../src/aws/credentials.js';
import { fakeJwt, startFakeSts } from '../support/fake-oidc.js';

const ROLE = 'arn:aws:iam::123456789012:role/chaos-staging';
const SIGNATURE = 'c2VjcmV0LXNpZ25hdHVyZS1ieXRlcy10aGF0LW11c3QtbmV2ZXItbGVhaw';
const TOKEN = fakeJwt(
  { iss: 'https://token.actions.githubusercontent.com', aud: 'sts.amazonaws.com', sub: 'repo:octo-org/octo-repo:environment:staging' },
  SIGNATURE,
);
const EXPIRATION = new Date('2031-01-02T03:04:05Z');
const STS_OK = {
  Credentials: { AccessKeyId: 'ASIAMOCK', SecretAccessKey: 'mock-secret', SessionToken: 'mock-session', Expiration: EXPIRATION },
  AssumedRoleUser: { Arn: 'arn:aws:sts::123456789012:assumed-role/chaos-staging/chaos-action-42-1', AssumedRoleId: 'AROAX:chaos-action-42-1' },
};

/** An error shaped like the SDK's unmodeled service exceptions (e.g. AccessDenied, Throttling). */
function awsError(name: string, message: string, status: number, fault: 'client' | 'server' = 'client'): Error {
  return Object.assign(new Error(message), { name, $fault: fault, $metadata: { httpStatusCode: status, requestId: `req-${name}` } });
}

function mockSts() {
  return mockClient(STSClient);
}

function networkError(code: string): Error {
  return Object.assign(new Error(`socket hang up (${code})`), { code });
}

describe('assumeRoleWithWebIdentity with a mocked STSClient', () => {
  // mockClient stubs STSClient.prototype.send for every instance: restored after this block so that
  // the real-client test below talks to its local endpoint.
  let stsMock: ReturnType<typeof mockSts>;
  beforeAll(() => {
    stsMock = mockSts();
  });
  afterAll(() => {
    stsMock.restore();
  });
  let sleeps: number[];
  const base = (): AssumeRoleOptions => ({
    roleArn: ROLE,
    sessionName: 'chaos-action-42-1',
    durationSeconds: 1800,
    region: 'eu-west-1',
    webIdentityToken: TOKEN,
    sleep: async (ms) => {
      sleeps.push(ms);
    },
    random: () => 0.5,
  });
  const failure = (options: AssumeRoleOptions = base()) =>
    assumeRoleWithWebIdentity(options).then(
      () => {
        throw new Error('expected a failure');
      },
      (error: unknown) => {
        expect(error).toBeInstanceOf(AssumeRoleError);
        return error as AssumeRoleError;
      },
    );

  beforeEach(() => {
    stsMock.reset();
    sleeps = [];
  });
  afterEach(() => {
    stsMock.reset();
  });

  it('returns the credentials and sends exactly RoleArn, RoleSessionName, WebIdentityToken and DurationSeconds', async () => {
    stsMock.on(AssumeRoleWithWebIdentityCommand).resolves(STS_OK);
    const credentials = await assumeRoleWithWebIdentity(base());
    expect(credentials).toEqual({
      accessKeyId: 'ASIAMOCK',
      secretAccessKey: 'mock-secret',
      sessionToken: 'mock-session',
      expiration: EXPIRATION,
      assumedRoleArn: STS_OK.AssumedRoleUser.Arn,
    });
    const calls = stsMock.commandCalls(AssumeRoleWithWebIdentityCommand);
    expect(calls).toHaveLength(1);
    expect(calls[0]!.args[0].input).toStrictEqual({
      RoleArn: ROLE,
      RoleSessionName: 'chaos-action-42-1',
      WebIdentityToken: TOKEN,
      DurationSeconds: 1800,
    });
    expect(stsMock.calls()).toHaveLength(1);
    expect(sleeps).toEqual([]);
  });

  it('leaves DurationSeconds out when none is given (STS default)', async () => {
    stsMock.on(AssumeRoleWithWebIdentityCommand).resolves(STS_OK);
    await assumeRoleWithWebIdentity({ ...base(), durationSeconds: undefined });
    expect(stsMock.commandCalls(AssumeRoleWithWebIdentityCommand)[0]!.args[0].input).toStrictEqual({
      RoleArn: ROLE,
      RoleSessionName: 'chaos-action-42-1',
      WebIdentityToken: TOKEN,
    });
  });

  it('retries throttling with full-jitter backoff, then succeeds', async () => {
    stsMock
      .on(AssumeRoleWithWebIdentityCommand)
      .rejectsOnce(awsError('Throttling', 'Rate exceeded', 400))
      .rejectsOnce(awsError('ThrottlingException', 'Rate exceeded', 400))
      .rejectsOnce(awsError('TooManyRequestsException', 'slow down', 429))
      .resolves(STS_OK);
    const credentials = await assumeRoleWithWebIdentity(base());
    expect(credentials.accessKeyId).toBe('ASIAMOCK');
    expect(stsMock.commandCalls(AssumeRoleWithWebIdentityCommand)).toHaveLength(4);
    // random() = 0.5: 0.5 * 2^n * 50 ms before attempt n + 1.
    expect(sleeps).toEqual([50, 100, 200]);
  });

  it('stops after maxAttempts when STS keeps throttling', async () => {
    stsMock.on(AssumeRoleWithWebIdentityCommand).rejects(awsError('RequestLimitExceeded', 'Rate exceeded', 400));
    const error = await failure({ ...base(), maxAttempts: 3 });
    expect(stsMock.commandCalls(AssumeRoleWithWebIdentityCommand)).toHaveLength(3);
    expect(error.attempts).toBe(3);
    expect(error.code).toBe('RequestLimitExceeded');
    expect(error.message).toContain('kept throttling the request after 3 attempts');
    expect(sleeps).toHaveLength(2);
  });

  it('defaults to 6 attempts', async () => {
    stsMock.on(AssumeRoleWithWebIdentityCommand).rejects(awsError('Throttling', 'Rate exceeded', 400));
    await failure();
    expect(stsMock.commandCalls(AssumeRoleWithWebIdentityCommand)).toHaveLength(6);
    expect(sleeps).toEqual([50, 100, 200, 400, 800]);
  });

  it('retries IDPCommunicationError, the verification-key InvalidIdentityToken, 5xx and network errors', async () => {
    stsMock
      .on(AssumeRoleWithWebIdentityCommand)
      .rejectsOnce(new IDPCommunicationErrorException({ message: 'Could not contact the IdP', $metadata: { httpStatusCode: 400 } }))
      .rejectsOnce(
        new InvalidIdentityTokenException({
          message: "Couldn't retrieve verification key from your identity provider,  please reference AssumeRoleWithWebIdentity documentation for requirements",
          $metadata: { httpStatusCode: 400 },
        }),
      )
      .rejectsOnce(awsError('InternalFailure', 'internal', 500, 'server'))
      .rejectsOnce(awsError('ServiceUnavailable', 'unavailable', 503, 'server'))
      .rejectsOnce(networkError('ECONNRESET'))
      .resolves(STS_OK);
    await assumeRoleWithWebIdentity(base());
    expect(stsMock.commandCalls(AssumeRoleWithWebIdentityCommand)).toHaveLength(6);
    expect(sleeps).toHaveLength(5);
  });

  it.each([['AccessDenied'], ['AccessDeniedException']])('%s: one attempt and the trust-policy hint', async (code) => {
    stsMock.on(AssumeRoleWithWebIdentityCommand).rejects(awsError(code, 'Not authorized to perform sts:AssumeRoleWithWebIdentity', 403));
    const error = await failure();
    expect(stsMock.commandCalls(AssumeRoleWithWebIdentityCommand)).toHaveLength(1);
    expect(sleeps).toEqual([]);
    expect(error.code).toBe(code);
    expect(error.attempts).toBe(1);
    expect(error.requestId).toBe(`req-${code}`);
    const m = error.message;
    expect(m.startsWith('Could not assume role with OIDC: Not authorized to perform sts:AssumeRoleWithWebIdentity on ' + ROLE)).toBe(true);
    expect(m).toContain('trust policy');
    expect(m).toContain('arn:aws:iam::123456789012:oidc-provider/token.actions.githubusercontent.com');
    expect(m).toContain('token.actions.githubusercontent.com:aud equal to "sts.amazonaws.com"');
    expect(m).toContain('"repo:OWNER/REPO:pull_request"');
    expect(m).toContain('"repo:OWNER/REPO:environment:NAME" whenever the job uses `environment:`');
    expect(m).toContain('wins over the others');
    expect(m).toContain('"repo:OWNER/REPO:ref:refs/heads/BRANCH"');
    expect(m).toContain('repo:OWNER@<owner id>/REPO@<repo id>');
    // The claims of this job's token are shown, the token itself is not.
    expect(m).toContain('sub "repo:octo-org/octo-repo:environment:staging" and aud "sts.amazonaws.com"');
    expect(m).not.toContain(TOKEN);
    expect(m).not.toContain(SIGNATURE);
  });

  it('does not retry other 4xx errors', async () => {
    stsMock.on(AssumeRoleWithWebIdentityCommand).rejects(new IDPRejectedClaimException({ message: 'Claims rejected', $metadata: { httpStatusCode: 403 } }));
    const error = await failure();
    expect(stsMock.commandCalls(AssumeRoleWithWebIdentityCommand)).toHaveLength(1);
    expect(error.code).toBe('IDPRejectedClaimException');
    expect(error.message).toContain('rejected the token');
    expect(error.message).toContain('trust policy');

    stsMock.reset();
    stsMock.on(AssumeRoleWithWebIdentityCommand).rejects(awsError('SomethingNew', 'bad request', 400));
    const other = await failure();
    expect(stsMock.commandCalls(AssumeRoleWithWebIdentityCommand)).toHaveLength(1);
    expect(other.message).toBe('Could not assume role with OIDC: SomethingNew: bad request (request id req-SomethingNew)');
  });

  it('ValidationError about the duration: one attempt and the MaxSessionDuration hint', async () => {
    stsMock
      .on(AssumeRoleWithWebIdentityCommand)
      .rejects(awsError('ValidationError', 'The requested DurationSeconds exceeds the MaxSessionDuration set for this role.', 400));
    const error = await failure({ ...base(), durationSeconds: 7200 });
    expect(stsMock.commandCalls(AssumeRoleWithWebIdentityCommand)).toHaveLength(1);
    expect(error.code).toBe('ValidationError');
    expect(error.message).toContain('session duration of 7200 s is longer than the role allows');
    expect(error.message).toContain('MaxSessionDuration');
    expect(error.message).toContain('--max-session-duration 7200');
  });

  it('ExpiredToken and a plain InvalidIdentityToken: one attempt each, with their own hints', async () => {
    stsMock
      .on(AssumeRoleWithWebIdentityCommand)
      .rejects(new ExpiredTokenException({ message: 'Token expired: current date/time 1 must be before the expiration date/time 0', $metadata: {} }));
    const expired = await failure();
    expect(stsMock.commandCalls(AssumeRoleWithWebIdentityCommand)).toHaveLength(1);
    expect(expired.code).toBe('ExpiredTokenException');
    expect(expired.message).toContain('had expired');

    stsMock.reset();
    stsMock.on(AssumeRoleWithWebIdentityCommand).rejects(
      new InvalidIdentityTokenException({
        message: 'No OpenIDConnect provider found in your account for https://token.actions.githubusercontent.com',
        $metadata: {},
      }),
    );
    const invalid = await failure();
    expect(stsMock.commandCalls(AssumeRoleWithWebIdentityCommand)).toHaveLength(1);
    expect(invalid.message).toContain('IAM OIDC identity provider');
    expect(invalid.message).toContain('aud "sts.amazonaws.com"');
  });

  it('never puts the token in an error, even when AWS echoes it', async () => {
    stsMock.on(AssumeRoleWithWebIdentityCommand).rejects(awsError('InvalidParameterValue', `bad token ${TOKEN} (signature ${SIGNATURE})`, 400));
    const error = await failure();
    expect(error.message).not.toContain(TOKEN);
    expect(error.message).not.toContain(SIGNATURE);
    expect(error.message).toContain('***');
    expect(JSON.stringify(error)).not.toContain(SIGNATURE);
    expect(String(error.stack)).not.toContain(SIGNATURE);
  });

  it('rejects bad inputs before calling STS', async () => {
    stsMock.on(AssumeRoleWithWebIdentityCommand).resolves(STS_OK);
    const error = await failure({ ...base(), roleArn: 'chaos-staging', sessionName: 'x', durationSeconds: 60, region: 'EU West' });
    expect(error.code).toBe('InvalidInput');
    expect(error.attempts).toBe(0);
    expect(error.message).toContain('bare role name');
    expect(error.message).toContain('session name "x" is invalid');
    expect(error.message).toContain('session duration 60 is invalid');
    expect(error.message).toContain('region "EU West" is invalid');
    expect(stsMock.calls()).toHaveLength(0);
  });

  it('fails clearly when STS answers without credentials', async () => {
    stsMock.on(AssumeRoleWithWebIdentityCommand).resolves({});
    const error = await failure();
    expect(error.code).toBe('IncompleteResponse');
  });

  it('uses an injected client', async () => {
    const sent: unknown[] = [];
    const credentials = await assumeRoleWithWebIdentity({
      ...base(),
      client: {
        send: async (command) => {
          sent.push(command);
          return STS_OK;
        },
      },
    });
    expect(credentials.sessionToken).toBe('mock-session');
    expect(sent).toHaveLength(1);
    expect(sent[0]).toBeInstanceOf(AssumeRoleWithWebIdentityCommand);
    expect(stsMock.calls()).toHaveLength(0);
  });
});

describe('assumeRoleWithWebIdentity with a real STSClient and a local STS endpoint', () => {
  it('parses the Query-protocol XML answer and the AccessDenied error through the endpoint override', async () => {
    const sts = await startFakeSts();
    try {
      const options: AssumeRoleOptions = {
        roleArn: ROLE,
        sessionName: 'chaos-action-42-1',
        durationSeconds: 900,
        region: 'us-east-1',
        webIdentityToken: TOKEN,
        endpoint: sts.endpoint,
        sleep: async () => {},
      };
      const credentials = await assumeRoleWithWebIdentity(options);
      expect(credentials).toEqual({
        accessKeyId: 'ASIAFAKEACCESSKEY000',
        secretAccessKey: 'fake/secret+access/key',
        sessionToken: 'FwoGZXIvYXdzEFAKE//session+token==',
        expiration: new Date('2031-01-02T03:04:05Z'),
        assumedRoleArn: 'arn:aws:sts::123456789012:assumed-role/chaos/session',
      });
      expect(sts.requests).toHaveLength(1);
      const [request] = sts.requests;
      expect(request!.method).toBe('POST');
      expect(request!.contentType).toMatch(/^application\/x-www-form-urlencoded/);
      expect(request!.signed).toBe(false);
      expect(request!.params).toEqual({
        Action: 'AssumeRoleWithWebIdentity',
        Version: '2011-06-15',
        RoleArn: ROLE,
        RoleSessionName: 'chaos-action-42-1',
        WebIdentityToken: TOKEN,
        DurationSeconds: '900',
      });

      sts.answer({ kind: 'error', status: 403, code: 'AccessDenied', message: 'Not authorized to perform sts:AssumeRoleWithWebIdentity' });
      const error = await assumeRoleWithWebIdentity(options).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(AssumeRoleError);
      expect((error as AssumeRoleError).code).toBe('AccessDenied');
      expect((error as AssumeRoleError).attempts).toBe(1);
      expect((error as AssumeRoleError).requestId).toBe('00000000-0000-4000-8000-000000000002');
      expect((error as Error).message).toMatch(/^Could not assume role with OIDC: Not authorized/);
      expect((error as Error).message).not.toContain(SIGNATURE);
      // Neither this code nor the SDK retried the 403.
      expect(sts.requests).toHaveLength(2);

      sts.answer({ kind: 'error', status: 400, code: 'Throttling', message: 'Rate exceeded' });
      const throttled = await assumeRoleWithWebIdentity({ ...options, maxAttempts: 2 }).catch((e: unknown) => e);
      expect((throttled as AssumeRoleError).code).toBe('Throttling');
      // Two attempts from this code, none added by the SDK's own retry strategy.
      expect(sts.requests).toHaveLength(4);
    } finally {
      await sts.close();
    }
  });
});

describe('defaultSessionName', () => {
  it.each([
    [{ GITHUB_RUN_ID: '9876543210', GITHUB_RUN_ATTEMPT: '2' }, 'chaos-action-9876543210-2'],
    [{ GITHUB_RUN_ID: '42' }, 'chaos-action-42-1'],
    [{}, 'chaos-action'],
    [{ GITHUB_RUN_ID: '4 2/x', GITHUB_RUN_ATTEMPT: '1' }, 'chaos-action-4-2-x-1'],
    [{ GITHUB_RUN_ID: 'a'.repeat(100), GITHUB_RUN_ATTEMPT: '1' }, `chaos-action-${'a'.repeat(51)}`],
  ])('%j → %s', (env, expected) => {
    const name = defaultSessionName(env);
    expect(name).toBe(expected);
    expect(name).toMatch(/^[\w+=,.@-]{2,64}$/);
    expect(validateRoleInputs(ROLE, name, undefined)).toEqual([]);
  });
});

describe('validateRoleInputs', () => {
  it.each([[ROLE], ['arn:aws-us-gov:iam::123456789012:role/chaos'], ['arn:aws-cn:iam::123456789012:role/service-role/chaos+runner=x,y.z@w-1']])(
    'accepts %s',
    (arn) => {
      expect(validateRoleInputs(arn, 'chaos-action-1-1', 3600)).toEqual([]);
    },
  );

  it.each([
    ['chaos-staging', /bare role name.*arn:aws:iam::<12-digit account>:role\/chaos-staging/],
    ['arn:aws:iam::12345678901:role/x', /not a full IAM role ARN/],
    ['arn:aws:iam::123456789012:user/x', /not a full IAM role ARN/],
    ['arn:aws:sts::123456789012:assumed-role/x/y', /not a full IAM role ARN/],
    [' arn:aws:iam::123456789012:role/x', /whitespace/],
    ['', /not a full IAM role ARN/],
  ])('rejects the role %j', (arn, pattern) => {
    const problems = validateRoleInputs(arn, 'chaos-action-1-1', undefined);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(pattern);
  });

  it.each([['x'], ['a'.repeat(65)], ['has space'], ['slash/no'], ['']])('rejects the session name %j', (name) => {
    const problems = validateRoleInputs(ROLE, name, undefined);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/session name .* 2 to 64 characters/);
  });

  it('accepts session names of 2 and 64 characters from the full set', () => {
    expect(validateRoleInputs(ROLE, 'ab', undefined)).toEqual([]);
    expect(validateRoleInputs(ROLE, `_+=,.@-${'a'.repeat(57)}`, undefined)).toEqual([]);
  });

  it.each([[900], [3600], [43_200], [undefined]])('accepts the duration %j', (duration) => {
    expect(validateRoleInputs(ROLE, 'ab', duration)).toEqual([]);
  });

  it.each([[899], [43_201], [0], [1800.5], [Number.NaN]])('rejects the duration %j', (duration) => {
    const problems = validateRoleInputs(ROLE, 'ab', duration);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/from 900 .* to 43200/);
  });

  it('lists every problem at once', () => {
    expect(validateRoleInputs('nope:nope', 'x', 10)).toHaveLength(3);
  });
});

describe('stsEndpointFromEnv', () => {
  it('prefers AWS_ENDPOINT_URL_STS, then AWS_ENDPOINT_URL, and honours the ignore switch', () => {
    expect(stsEndpointFromEnv({})).toBeUndefined();
    expect(stsEndpointFromEnv({ AWS_ENDPOINT_URL: 'http://a' })).toBe('http://a');
    expect(stsEndpointFromEnv({ AWS_ENDPOINT_URL: 'http://a', AWS_ENDPOINT_URL_STS: 'http://s' })).toBe('http://s');
    expect(stsEndpointFromEnv({ AWS_ENDPOINT_URL_STS: 'http://s', AWS_IGNORE_CONFIGURED_ENDPOINT_URLS: 'true' })).toBeUndefined();
  });
});
