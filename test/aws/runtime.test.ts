// The AwsCall runtime: region, credentials (secrets, profile, the run's session, env), assumed
// roles, endpoint overrides from the run's environment, and clients cached for the run.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { DescribeInstancesCommand, EC2Client, StopInstancesCommand } from '@aws-sdk/client-ec2';
import { RDSClient } from '@aws-sdk/client-rds';
import { ElasticLoadBalancingV2Client } from '@aws-sdk/client-elastic-load-balancing-v2';
import { AssumeRoleCommand, STSClient } from '@aws-sdk/client-sts';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AwsRuntime, type CallInput } from '../../src/aws/runtime.js';
import { substitutionScope } from '../../src/experiment/substitution.js';
import { pythonBridge } from '../../src/providers/python-bridge.js';
import { ActivityFailed, type ProviderContext } from '../../src/contract/provider.js';
import { oraclePython, repoRoot } from '../support/oracle.js';

const input = (over: Partial<CallInput> = {}): CallInput => ({
  configuration: {},
  secrets: {},
  env: {},
  signal: new AbortController().signal,
  mode: 'run',
  ...over,
});
const ENV_KEYS = { AWS_ACCESS_KEY_ID: 'AKIAENV', AWS_SECRET_ACCESS_KEY: 'env-secret', AWS_REGION: 'eu-west-1' };
const BASE = { accessKeyId: 'ASIABASE', secretAccessKey: 'base-secret', sessionToken: 'base-token' };

async function identityOf(client: { config: { credentials: () => Promise<{ accessKeyId: string; sessionToken?: string }> } }): Promise<string> {
  return (await client.config.credentials()).accessKeyId;
}

describe('region', () => {
  const runtime = new AwsRuntime();
  it('comes from configuration aws_region first', async () => {
    const ec2 = await runtime.client(EC2Client, input({ configuration: { aws_region: 'ap-south-1' }, env: { ...ENV_KEYS, AWS_DEFAULT_REGION: 'us-west-2' } }));
    expect(await ec2.config.region()).toBe('ap-south-1');
  });

  it('then from AWS_REGION, then from AWS_DEFAULT_REGION, of the run environment', async () => {
    expect(
      await (await runtime.client(EC2Client, input({ env: { ...ENV_KEYS, AWS_REGION: 'eu-west-3', AWS_DEFAULT_REGION: 'us-west-2' } }))).config.region(),
    ).toBe('eu-west-3');
    const { AWS_REGION: _, ...noRegion } = ENV_KEYS;
    expect(await (await runtime.client(EC2Client, input({ env: { ...noRegion, AWS_DEFAULT_REGION: 'us-west-2' } }))).config.region()).toBe('us-west-2');
  });

  it("fails with chaosaws's message when there is none", async () => {
    const { AWS_REGION: _, ...noRegion } = ENV_KEYS;
    const pending = runtime.client(EC2Client, input({ env: noRegion }));
    await expect(pending).rejects.toBeInstanceOf(ActivityFailed);
    await expect(pending).rejects.toThrow('AWS requires a region to be set!');
  });
});

describe('credentials', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'chaos-aws-profile-'));
    writeFileSync(path.join(dir, 'credentials'), '[chaos]\naws_access_key_id = AKIAPROFILE\naws_secret_access_key = profile-secret\n');
    writeFileSync(path.join(dir, 'config'), '');
  });
  const files = () => ({ AWS_SHARED_CREDENTIALS_FILE: path.join(dir, 'credentials'), AWS_CONFIG_FILE: path.join(dir, 'config') });

  it("are the provider's secrets first, over a profile and the env", async () => {
    const runtime = new AwsRuntime();
    const ec2 = await runtime.client(
      EC2Client,
      input({
        secrets: { aws_access_key_id: 'AKIASECRET', aws_secret_access_key: 's', aws_session_token: 't' },
        configuration: { aws_profile_name: 'chaos' },
        env: { ...ENV_KEYS, ...files() },
      }),
    );
    expect(await ec2.config.credentials()).toMatchObject({ accessKeyId: 'AKIASECRET', secretAccessKey: 's', sessionToken: 't' });
  });

  it('refuse half a key pair in the secrets, as boto3 does', async () => {
    const runtime = new AwsRuntime();
    await expect(runtime.client(EC2Client, input({ secrets: { aws_access_key_id: 'AKIAONLY' }, env: ENV_KEYS }))).rejects.toThrow(
      'Partial credentials found in explicit, missing: aws_secret_access_key',
    );
  });

  it("then the profile named by aws_profile_name, read from the run's credentials file", async () => {
    const runtime = new AwsRuntime();
    const ec2 = await runtime.client(EC2Client, input({ configuration: { aws_profile_name: 'chaos' }, env: { ...ENV_KEYS, ...files() } }));
    expect(await identityOf(ec2)).toBe('AKIAPROFILE');
  });

  it('say which profile could not be loaded', async () => {
    const runtime = new AwsRuntime();
    const ec2 = await runtime.client(EC2Client, input({ configuration: { aws_profile_name: 'nope' }, env: { ...ENV_KEYS, ...files() } }));
    await expect(ec2.config.credentials()).rejects.toThrow(/AWS profile "nope" \(configuration aws_profile_name\) could not be loaded/);
  });

  it("say which half of a key pair in the run's environment is missing, instead of the SDK's 'Could not load credentials from any providers'", async () => {
    const runtime = new AwsRuntime();
    await expect(runtime.client(EC2Client, input({ env: { AWS_ACCESS_KEY_ID: 'AKIAHALF', AWS_REGION: 'eu-west-1' } }))).rejects.toThrow(
      "Partial credentials in the run's environment: AWS_ACCESS_KEY_ID is set (AKIAHALF) but AWS_SECRET_ACCESS_KEY is missing; set both, or neither to use a profile or the SDK's default chain",
    );
    await expect(runtime.client(EC2Client, input({ env: { AWS_SECRET_ACCESS_KEY: 'half-secret', AWS_REGION: 'eu-west-1' } }))).rejects.toThrow(
      "Partial credentials in the run's environment: AWS_SECRET_ACCESS_KEY is set but AWS_ACCESS_KEY_ID is missing",
    );
  });

  it("say when the keys in the run's environment expired (AWS_CREDENTIAL_EXPIRATION), and when", async () => {
    const runtime = new AwsRuntime();
    const expired = { ...ENV_KEYS, AWS_SESSION_TOKEN: 'env-token', AWS_CREDENTIAL_EXPIRATION: '2024-05-01T12:00:00Z' };
    await expect(runtime.client(EC2Client, input({ env: expired }))).rejects.toThrow(
      "The AWS credentials in the run's environment (AWS_ACCESS_KEY_ID AKIAENV) expired at 2024-05-01T12:00:00.000Z (AWS_CREDENTIAL_EXPIRATION); get fresh ones",
    );
    const fresh = { ...expired, AWS_CREDENTIAL_EXPIRATION: new Date(Date.now() + 3600_000).toISOString() };
    expect(await identityOf(await runtime.client(EC2Client, input({ env: fresh })))).toBe('AKIAENV');
  });

  it("say which sources were tried when the SDK's default chain finds nothing", async () => {
    const empty = mkdtempSync(path.join(tmpdir(), 'chaos-no-credentials-'));
    writeFileSync(path.join(empty, 'credentials'), '');
    writeFileSync(path.join(empty, 'config'), '');
    // The chain reads the process's environment: nothing there, no files, no instance metadata.
    const saved = { ...process.env };
    for (const k of Object.keys(process.env)) if (k.startsWith('AWS_')) delete process.env[k];
    Object.assign(process.env, {
      AWS_SHARED_CREDENTIALS_FILE: path.join(empty, 'credentials'),
      AWS_CONFIG_FILE: path.join(empty, 'config'),
      AWS_EC2_METADATA_DISABLED: 'true',
    });
    try {
      const ec2 = await new AwsRuntime().client(EC2Client, input({ env: { AWS_REGION: 'eu-west-1', AWS_PROFILE: 'staging' } }));
      await expect(ec2.config.credentials()).rejects.toThrow(
        /^no AWS credentials: none in the provider's secrets \(aws_access_key_id\), no configuration aws_profile_name, no AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY in the run's environment, and the SDK's default chain \(profile "staging" \(AWS_PROFILE\) in the shared files, SSO, credential_process, a web identity token, container or instance metadata\) found none: /,
      );
    } finally {
      for (const k of Object.keys(process.env)) if (!(k in saved)) delete process.env[k];
      Object.assign(process.env, saved);
    }
  });

  it("then the keys in the run's environment (not process.env; in the action, the role's session)", async () => {
    const ec2 = await new AwsRuntime().client(EC2Client, input({ env: { ...ENV_KEYS, AWS_SESSION_TOKEN: 'env-token' } }));
    expect(await ec2.config.credentials()).toMatchObject({ accessKeyId: 'AKIAENV', secretAccessKey: 'env-secret', sessionToken: 'env-token' });
  });
});

describe('an assumed role (configuration aws_assume_role_arn)', () => {
  let sts: ReturnType<typeof mockClient>;
  beforeEach(() => {
    sts = mockClient(STSClient);
    sts.on(AssumeRoleCommand).resolves({
      Credentials: { AccessKeyId: 'ASIAROLE', SecretAccessKey: 'role-secret', SessionToken: 'role-token', Expiration: new Date(Date.now() + 3600_000) },
    });
  });
  afterEach(() => sts.restore());
  const ROLE = 'arn:aws:iam::111122223333:role/chaos';

  it('is assumed with the credentials before it, session name ChaosToolkit by default, once per run', async () => {
    const runtime = new AwsRuntime();
    const call = input({ configuration: { aws_assume_role_arn: ROLE }, env: ENV_KEYS });
    const ec2 = await runtime.client(EC2Client, call);
    const rds = await runtime.client(RDSClient, call);
    expect(await ec2.config.credentials()).toMatchObject({ accessKeyId: 'ASIAROLE', sessionToken: 'role-token' });
    expect(await identityOf(rds)).toBe('ASIAROLE');
    const calls = sts.commandCalls(AssumeRoleCommand);
    expect(calls).toHaveLength(1);
    expect(calls[0]?.args[0].input).toEqual({ RoleArn: ROLE, RoleSessionName: 'ChaosToolkit' });
    expect(await identityOf(calls[0]?.thisValue as STSClient)).toBe('AKIAENV');
  });

  it('uses aws_assume_role_session_name when given', async () => {
    await new AwsRuntime().client(EC2Client, input({ configuration: { aws_assume_role_arn: ROLE, aws_assume_role_session_name: 'gate-42' }, env: ENV_KEYS }));
    expect(sts.commandCalls(AssumeRoleCommand)[0]?.args[0].input).toEqual({ RoleArn: ROLE, RoleSessionName: 'gate-42' });
  });

  it('fails the activity with the role and the reason when STS refuses', async () => {
    sts
      .on(AssumeRoleCommand)
      .rejects(Object.assign(new Error('User is not authorized to perform: sts:AssumeRole'), { name: 'AccessDenied', $fault: 'client' }));
    const pending = new AwsRuntime().client(EC2Client, input({ configuration: { aws_assume_role_arn: ROLE }, env: ENV_KEYS }));
    await expect(pending).rejects.toBeInstanceOf(ActivityFailed);
    await expect(pending).rejects.toThrow(
      `could not assume role ${ROLE} (aws_assume_role_arn) with session name ChaosToolkit: User is not authorized to perform: sts:AssumeRole`,
    );
  });
});

describe('endpoint overrides', () => {
  /** Where the client would send a request: the request is stopped once built, before any network. */
  async function destination(client: EC2Client): Promise<string> {
    client.middlewareStack.add(
      () => async (args) => {
        const r = (args as { request: { protocol: string; hostname: string; port?: number } }).request;
        throw Object.assign(new Error('captured'), { destination: `${r.protocol}//${r.hostname}${r.port ? `:${r.port}` : ''}` });
      },
      { step: 'build', name: 'captureDestination' },
    );
    try {
      await client.send(new DescribeInstancesCommand({}));
    } catch (e) {
      if ((e as { destination?: string }).destination) return (e as { destination: string }).destination;
      throw e;
    }
    throw new Error('the request was sent');
  }

  it("honour the service's own variable first, then AWS_ENDPOINT_URL", async () => {
    const runtime = new AwsRuntime();
    const env = { ...ENV_KEYS, AWS_ENDPOINT_URL: 'http://127.0.0.1:4566', AWS_ENDPOINT_URL_EC2: 'http://127.0.0.1:5000' };
    expect(await destination(await runtime.client(EC2Client, input({ env })))).toBe('http://127.0.0.1:5000');
    const elb = await runtime.client(
      ElasticLoadBalancingV2Client,
      input({ env: { ...env, AWS_ENDPOINT_URL_ELASTIC_LOAD_BALANCING_V2: 'http://127.0.0.1:5001' } }),
    );
    expect(await elb.config.endpoint?.()).toMatchObject({ hostname: '127.0.0.1', port: 5001 });
    const rds = await runtime.client(RDSClient, input({ env }));
    expect(await rds.config.endpoint?.()).toMatchObject({ hostname: '127.0.0.1', port: 4566 });
  });

  it('are ignored with AWS_IGNORE_CONFIGURED_ENDPOINT_URLS=true', async () => {
    const env = { ...ENV_KEYS, AWS_ENDPOINT_URL: 'http://127.0.0.1:4566', AWS_IGNORE_CONFIGURED_ENDPOINT_URLS: 'true' };
    expect(await destination(await new AwsRuntime().client(EC2Client, input({ env })))).toBe('https://ec2.eu-west-1.amazonaws.com');
  });

  it("come from the run's environment only, not from this process's", async () => {
    const saved = process.env.AWS_ENDPOINT_URL;
    process.env.AWS_ENDPOINT_URL = 'http://127.0.0.1:4566';
    try {
      expect(await destination(await new AwsRuntime().client(EC2Client, input({ env: ENV_KEYS })))).toBe('https://ec2.eu-west-1.amazonaws.com');
    } finally {
      if (saved === undefined) delete process.env.AWS_ENDPOINT_URL;
      else process.env.AWS_ENDPOINT_URL = saved;
    }
  });
});

describe('clients', () => {
  it('are cached per class, region and credentials for the run', async () => {
    const runtime = new AwsRuntime();
    const a = await runtime.client(EC2Client, input({ env: ENV_KEYS }));
    expect(await runtime.client(EC2Client, input({ env: ENV_KEYS }))).toBe(a);
    expect(await runtime.client(EC2Client, input({ env: ENV_KEYS, configuration: { aws_region: 'us-east-2' } }))).not.toBe(a);
    expect(await runtime.client(EC2Client, input({ env: ENV_KEYS, secrets: { aws_access_key_id: 'AKIAOTHER', aws_secret_access_key: 'x' } }))).not.toBe(a);
    expect(await runtime.client(EC2Client, input({ env: { ...ENV_KEYS, AWS_SECRET_ACCESS_KEY: 'rotated' } }))).not.toBe(a);
    expect(await new AwsRuntime().client(EC2Client, input({ env: ENV_KEYS }))).not.toBe(a);
  });
});

describe('the python3 bridge, for chaosaws functions that are not built in', () => {
  it("gets the run's AWS credentials in its environment", async () => {
    const modules = mkdtempSync(path.join(tmpdir(), 'chaos-aws-bridge-'));
    // Answers whether the keys arrived, never the keys themselves.
    writeFileSync(
      path.join(modules, 'awsenvcheck.py'),
      'import os\ndef seen():\n    return {"key": os.environ.get("AWS_ACCESS_KEY_ID") == "ASIABASE", "secret": os.environ.get("AWS_SECRET_ACCESS_KEY") == "base-secret", "token": os.environ.get("AWS_SESSION_TOKEN") == "base-token"}\n',
    );
    const ctx: ProviderContext = {
      scope: substitutionScope({}, {}),
      hasVariables: false,
      configuration: {},
      secrets: {},
      signal: new AbortController().signal,
      env: {
        PATH: process.env.PATH ?? '',
        PYTHONPATH: modules,
        AWS_ACCESS_KEY_ID: BASE.accessKeyId,
        AWS_SECRET_ACCESS_KEY: BASE.secretAccessKey,
        AWS_SESSION_TOKEN: BASE.sessionToken,
      },
      cwd: repoRoot,
      aws: new AwsRuntime().scope({}),
    };
    const bridge = pythonBridge({ python: oraclePython });
    expect(await bridge({ type: 'python', module: 'awsenvcheck', func: 'seen' }, ctx)).toEqual({ key: true, secret: true, token: true });
  });
});

describe('the safety net around every client a function gets', () => {
  let ec2Mock: ReturnType<typeof mockClient>;
  beforeEach(() => {
    ec2Mock = mockClient(EC2Client);
  });
  afterEach(() => ec2Mock.restore());
  const target = [{ kind: 'ec2:instance', id: 'i-1', tags: {} }];
  const call = (over: Partial<CallInput> = {}) => new AwsRuntime().call({}, input({ env: ENV_KEYS, ...over }));

  it('sends read-only commands at once, and refuses a mutating one that did not pass mutate()', async () => {
    ec2Mock.on(DescribeInstancesCommand).resolves({ Reservations: [] });
    ec2Mock.on(StopInstancesCommand).resolves({ StoppingInstances: [] });
    const aws = call();
    const ec2 = await aws.client(EC2Client);
    await expect(ec2.send(new DescribeInstancesCommand({}))).resolves.toEqual({ Reservations: [] });
    const refused = ec2.send(new StopInstancesCommand({ InstanceIds: ['i-1'] }));
    await expect(refused).rejects.toBeInstanceOf(ActivityFailed);
    await expect(refused).rejects.toThrow('StopInstances was not sent: a mutating AWS call must pass the guardrails first');
    expect(ec2Mock.commandCalls(StopInstancesCommand)).toHaveLength(0);
    await aws.mutate('ec2:StopInstances', target);
    await expect(ec2.send(new StopInstancesCommand({ InstanceIds: ['i-1'] }))).resolves.toEqual({ StoppingInstances: [] });
    expect(ec2Mock.commandCalls(StopInstancesCommand)).toHaveLength(1);
  });

  it('lets nothing change in a dry run, even where the activity itself runs (a chaosaws action used as a probe)', async () => {
    const aws = call({ dryRun: true });
    const ec2 = await aws.client(EC2Client);
    await expect(aws.mutate('ec2:StopInstances', target)).rejects.toThrow(
      'ec2:StopInstances was not sent: the run is dry (--dry actions or activities), so no AWS resource is changed',
    );
    await expect(ec2.send(new StopInstancesCommand({ InstanceIds: ['i-1'] }))).rejects.toBeInstanceOf(ActivityFailed);
    expect(ec2Mock.commandCalls(StopInstancesCommand)).toHaveLength(0);
  });

  it('keeps a refusal a refusal: a call the guardrails refused cannot send afterwards', async () => {
    const aws = call();
    await expect(aws.mutate('ec2:StopInstances', [...target, { kind: 'ec2:instance', id: 'i-2', tags: {} }])).rejects.toThrow(/max-targets is 1/);
    await expect((await aws.client(EC2Client)).send(new StopInstancesCommand({ InstanceIds: ['i-1', 'i-2'] }))).rejects.toBeInstanceOf(ActivityFailed);
    expect(ec2Mock.commandCalls(StopInstancesCommand)).toHaveLength(0);
  });
});
