// The AwsCall a native chaosaws function gets: region, credentials and endpoint resolved as
// chaosaws's aws_client resolves them, clients cached for the run, and the guardrails (or the
// dry-run plan) in front of every mutating call.
//
// Region: configuration aws_region, else AWS_REGION, else AWS_DEFAULT_REGION (the run's env).
// Credentials: the provider's secrets (aws_access_key_id, aws_secret_access_key,
// aws_session_token), else configuration aws_profile_name, else the keys in the run's env (in the
// action, those of the role assumed through OIDC), else the SDK's default chain; then, with
// configuration aws_assume_role_arn, STS AssumeRole (session aws_assume_role_session_name, default
// "ChaosToolkit"). SDK code is imported on first use: a run without AWS never loads it.
import type { Guardrails } from '../experiment/guardrails.js';
import { ActivityFailed, type AwsScopeHandle, type FaultConfirmation, type PlannedChange } from '../contract/provider.js';
import { CONFIRM_INTERVAL_MS, type ConfirmClock, confirmFault, DEFAULT_CONFIRM_TIMEOUT_MS } from './confirm.js';
import { endpointFromEnv } from './endpoints.js';
import { keepHttpHeaders } from './http-headers.js';
import { checkGuardrails, refusalMessage } from './guardrails.js';
import { PlanOnly, type AwsCall, type AwsClientClass, type AwsTarget } from './functions/types.js';

type Env = Readonly<Record<string, string | undefined>>;

/** What SDK clients accept as `credentials`: static keys, or a function that resolves them. */
interface Identity {
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
  readonly sessionToken?: string;
  readonly expiration?: Date;
}
type IdentitySource = Identity | (() => Promise<Identity>);

/** Credentials for a client, and a key that tells them apart without holding a secret. */
interface ResolvedCredentials {
  readonly key: string;
  readonly source: IdentitySource;
}

export interface AwsRuntimeOptions {
  /** Uniform in [0, 1) for every random pick; Math.random unless a test seeds it. */
  readonly random?: () => number;
  /** The clock fault confirmations wait on (Date.now and a real sleep unless a test fakes them). */
  readonly clock?: ConfirmClock;
  /** Between two looks of a fault confirmation; CONFIRM_INTERVAL_MS by default. */
  readonly confirmIntervalMs?: number;
}

export interface ScopeOptions {
  readonly dry?: boolean;
  /** How long a fault confirmation may wait for AWS to show the fault; DEFAULT_CONFIRM_TIMEOUT_MS by default. */
  readonly confirmTimeoutMs?: number;
}

/** What the built-ins need from the run, handed to them in ProviderContext.aws. */
export interface AwsScope extends AwsScopeHandle {
  readonly runtime: AwsRuntime;
  readonly guardrails: Guardrails;
  /** The run injects nothing (--dry actions or activities): no mutating call is sent, whatever the activity. */
  readonly dry?: boolean;
  readonly confirmTimeoutMs: number;
  /** Every fault confirmation of the experiment, in order; the run takes them activity by activity. */
  readonly confirmations: FaultConfirmation[];
}

export interface CallInput {
  readonly configuration: Readonly<Record<string, unknown>>;
  /** The provider's secrets, flat-merged. */
  readonly secrets: Readonly<Record<string, unknown>>;
  /** The run's environment (region, keys, endpoint overrides). */
  readonly env: Env;
  readonly signal: AbortSignal;
  /** 'plan': mutate() records the change in `changes` and stops the function. */
  readonly mode: 'run' | 'plan';
  /** The run is dry: mutate() refuses even where the activity itself runs (e.g. a chaosaws action used as a probe). */
  readonly dryRun?: boolean;
  readonly changes?: PlannedChange[];
  /** Where confirm() records its outcomes (none: they are only returned). */
  readonly confirmations?: FaultConfirmation[];
  readonly confirmTimeoutMs?: number;
}

/** Commands that only read: the only ones a client sends before mutate() approved the call. */
const READ_ONLY = /^(Describe|List|Get|Test|Search|Lookup|BatchGet)[A-Z]/;

/**
 * The client, whose send() refuses a mutating command until the call's mutate() let one through:
 * a function that forgot to ask the guardrails cannot change anything.
 */
function guarded<C>(client: C, approved: () => boolean): C {
  const target = client as unknown as { send: (command: object, ...rest: unknown[]) => Promise<unknown> };
  return new Proxy(target, {
    get(obj, key, receiver) {
      if (key !== 'send') return Reflect.get(obj, key, receiver);
      return (command: object, ...rest: unknown[]) => {
        const name = command.constructor.name.replace(/Command$/, '');
        if (!READ_ONLY.test(name) && !approved()) {
          return Promise.reject(
            new ActivityFailed(`${name} was not sent: a mutating AWS call must pass the guardrails first (a defect in chaos-action; please report it)`),
          );
        }
        return obj.send(command, ...rest);
      };
    },
  }) as unknown as C;
}

/** Assumed-role credentials are renewed when they have less than this left. */
const RENEW_BEFORE_MS = 5 * 60_000;
const asString = (v: unknown): string | undefined => (typeof v === 'string' && v !== '' ? v : undefined);
// node:crypto is loaded on first use: loading it costs every run's start ~5 ms, and most runs never call AWS.
const digest = (...parts: (string | undefined)[]): string =>
  process
    .getBuiltinModule('node:crypto')
    .createHash('sha256')
    .update(parts.map((p) => p ?? '').join('\0'))
    .digest('hex')
    .slice(0, 16);

/** chaosaws's region: configuration aws_region, else AWS_REGION, else AWS_DEFAULT_REGION. */
function resolveRegion(configuration: Readonly<Record<string, unknown>>, env: Env): string {
  const region = asString(configuration.aws_region) ?? asString(env.AWS_REGION) ?? asString(env.AWS_DEFAULT_REGION);
  if (!region) throw new ActivityFailed('AWS requires a region to be set!');
  return region;
}

/**
 * Keys whose expiry the environment states (AWS_CREDENTIAL_EXPIRATION, as the AWS CLI's
 * `configure export-credentials` and the SDKs write it) are refused once expired, with the time.
 */
function checkNotExpired(accessKeyId: string, expiration: string | undefined): void {
  if (!expiration) return;
  const at = new Date(expiration);
  if (Number.isNaN(at.getTime()) || at.getTime() > Date.now()) return;
  throw new ActivityFailed(
    `The AWS credentials in the run's environment (AWS_ACCESS_KEY_ID ${accessKeyId}) expired at ${at.toISOString()} (AWS_CREDENTIAL_EXPIRATION); get fresh ones (re-assume the role, aws sso login, aws configure export-credentials)`,
  );
}

export class AwsRuntime {
  readonly random: () => number;
  private readonly clock: ConfirmClock;
  private readonly confirmIntervalMs: number;
  private readonly clients = new Map<unknown, Map<string, unknown>>();
  private readonly serviceIds = new Map<unknown, string>();
  private readonly profiles = new Map<string, () => Promise<Identity>>();
  private readonly roles = new Map<string, Identity>();
  private readonly accounts = new Map<string, Promise<string>>();
  private defaultChain: (() => Promise<Identity>) | undefined;

  constructor(options: AwsRuntimeOptions = {}) {
    this.random = options.random ?? Math.random;
    // The functions' sleep loads with them: a run without AWS loads no function code.
    this.clock = options.clock ?? { now: Date.now, sleep: async (ms, signal) => (await import('./functions/py-args.js')).sleep(ms, signal) };
    this.confirmIntervalMs = options.confirmIntervalMs ?? CONFIRM_INTERVAL_MS;
  }

  /** The scope of one experiment: this run's caches with that experiment's guardrails. */
  scope(guardrails: Guardrails, options: ScopeOptions = {}): AwsScope {
    return {
      runtime: this,
      guardrails,
      ...(options.dry ? { dry: true } : {}),
      confirmTimeoutMs: options.confirmTimeoutMs ?? DEFAULT_CONFIRM_TIMEOUT_MS,
      confirmations: [],
    };
  }

  call(guardrails: Guardrails, input: CallInput): AwsCall {
    // Set once a mutating call passed the guardrails: until then, the clients refuse to send one.
    let approved = false;
    return {
      configuration: input.configuration,
      secrets: input.secrets,
      signal: input.signal,
      client: async (clientClass) => guarded(await this.client(clientClass, input), () => approved),
      mutate: async (operation: string, targets: readonly AwsTarget[]) => {
        const verdict = await checkGuardrails(guardrails, targets, () => this.account(input));
        if (input.mode === 'plan') {
          input.changes?.push({
            operation,
            targets: targets.map((t) => ({ ...t, ...(t.tags ? { tags: { ...t.tags } } : {}) })),
            allowed: verdict.allowed,
            refusals: verdict.refusals,
          });
          throw new PlanOnly(operation);
        }
        if (!verdict.allowed) throw new ActivityFailed(refusalMessage(operation, targets, verdict));
        if (input.dryRun) throw new ActivityFailed(`${operation} was not sent: the run is dry (--dry actions or activities), so no AWS resource is changed`);
        approved = true;
      },
      random: this.random,
      confirm: async (fault, check) => {
        const options = {
          timeoutMs: input.confirmTimeoutMs ?? DEFAULT_CONFIRM_TIMEOUT_MS,
          intervalMs: this.confirmIntervalMs,
          clock: this.clock,
          signal: input.signal,
        };
        const outcome = await confirmFault(fault, check, options);
        input.confirmations?.push(outcome);
        return outcome;
      },
    };
  }

  /** A client with the call's region, credentials and endpoint; one per (class, region, credentials). */
  async client<C>(clientClass: AwsClientClass<C>, input: CallInput): Promise<C> {
    const region = resolveRegion(input.configuration, input.env);
    const credentials = await this.credentials(input, region);
    return this.clientWith(clientClass, region, credentials, input.env);
  }

  private clientWith<C>(clientClass: AwsClientClass<C>, region: string, credentials: ResolvedCredentials, env: Env): C {
    const endpoint = endpointFromEnv(this.serviceId(clientClass), env);
    const key = `${region}\0${credentials.key}\0${endpoint ?? ''}`;
    let byKey = this.clients.get(clientClass);
    if (!byKey) this.clients.set(clientClass, (byKey = new Map()));
    let client = byKey.get(key) as C | undefined;
    if (!client) {
      // Without an override in the run's env, none from process.env or ~/.aws/config either.
      client = new clientClass({ region, credentials: credentials.source, ...(endpoint ? { endpoint } : { ignoreConfiguredEndpointUrls: true }) });
      keepHttpHeaders(client);
      byKey.set(key, client);
    }
    return client;
  }

  /** The SDK's service id of a client class ("EC2", "Route 53", …), which names its endpoint variable. */
  private serviceId(clientClass: AwsClientClass<unknown>): string {
    let id = this.serviceIds.get(clientClass);
    if (id === undefined) {
      const probe = new clientClass({ region: 'us-east-1' }) as { config?: { serviceId?: string }; destroy?: () => void };
      id = probe.config?.serviceId ?? '';
      probe.destroy?.();
      this.serviceIds.set(clientClass, id);
    }
    return id;
  }

  /** The account of the call's credentials (STS GetCallerIdentity, once per credentials). */
  private async account(input: CallInput): Promise<string> {
    const region = resolveRegion(input.configuration, input.env);
    const credentials = await this.credentials(input, region);
    let pending = this.accounts.get(credentials.key);
    if (!pending) {
      pending = (async () => {
        const { STSClient, GetCallerIdentityCommand } = await import('@aws-sdk/client-sts');
        const sts = this.clientWith(STSClient, region, credentials, input.env);
        const out = await sts.send(new GetCallerIdentityCommand({}), { abortSignal: input.signal });
        if (!out.Account) throw new Error('STS answered without an account');
        return out.Account;
      })();
      // A failure is not cached: the next mutating call asks again.
      pending.catch(() => this.accounts.delete(credentials.key));
      this.accounts.set(credentials.key, pending);
    }
    return pending;
  }

  private async credentials(input: CallInput, region: string): Promise<ResolvedCredentials> {
    const base = await this.baseCredentials(input);
    const roleArn = input.configuration.aws_assume_role_arn;
    if (roleArn === undefined || roleArn === null || roleArn === '') return base;
    if (typeof roleArn !== 'string')
      throw new ActivityFailed(`configuration aws_assume_role_arn must be a role ARN (a string), got ${JSON.stringify(roleArn)}`);
    const sessionName = asString(input.configuration.aws_assume_role_session_name) ?? 'ChaosToolkit';
    const key = `${base.key}|role:${roleArn}|${sessionName}|${region}`;
    const cached = this.roles.get(key);
    if (cached && (!cached.expiration || cached.expiration.getTime() - Date.now() > RENEW_BEFORE_MS)) return { key, source: cached };
    const { STSClient, AssumeRoleCommand } = await import('@aws-sdk/client-sts');
    const sts = this.clientWith(STSClient, region, base, input.env);
    let out;
    try {
      out = await sts.send(new AssumeRoleCommand({ RoleArn: roleArn, RoleSessionName: sessionName }), { abortSignal: input.signal });
    } catch (e) {
      if (input.signal.aborted) throw e;
      throw new ActivityFailed(
        `could not assume role ${roleArn} (aws_assume_role_arn) with session name ${sessionName}: ${e instanceof Error ? e.message : String(e)}`,
      );
    }
    const c = out.Credentials;
    if (!c?.AccessKeyId || !c.SecretAccessKey) throw new ActivityFailed(`STS AssumeRole answered without credentials for ${roleArn}`);
    const identity: Identity = {
      accessKeyId: c.AccessKeyId,
      secretAccessKey: c.SecretAccessKey,
      ...(c.SessionToken ? { sessionToken: c.SessionToken } : {}),
      ...(c.Expiration ? { expiration: c.Expiration } : {}),
    };
    this.roles.set(key, identity);
    return { key, source: identity };
  }

  /** The credentials before any role is assumed, in chaosaws's order of precedence. */
  private async baseCredentials(input: CallInput): Promise<ResolvedCredentials> {
    const { secrets, configuration, env } = input;
    const id = secrets.aws_access_key_id;
    const secret = secrets.aws_secret_access_key;
    if ((id !== undefined && id !== null) || (secret !== undefined && secret !== null)) {
      // boto3's words for half a key pair.
      if (typeof id !== 'string' || !id)
        throw new ActivityFailed("Partial credentials found in explicit, missing: aws_access_key_id (the provider's secrets set aws_secret_access_key only)");
      if (typeof secret !== 'string' || !secret)
        throw new ActivityFailed("Partial credentials found in explicit, missing: aws_secret_access_key (the provider's secrets set aws_access_key_id only)");
      const token = asString(secrets.aws_session_token);
      return { key: `secrets:${digest(id, secret, token)}`, source: { accessKeyId: id, secretAccessKey: secret, ...(token ? { sessionToken: token } : {}) } };
    }
    const profile = configuration.aws_profile_name;
    if (profile !== undefined && profile !== null && profile !== '') {
      if (typeof profile !== 'string')
        throw new ActivityFailed(`configuration aws_profile_name must be a profile name (a string), got ${JSON.stringify(profile)}`);
      return { key: `profile:${profile}`, source: await this.profile(profile, env) };
    }
    const envId = asString(env.AWS_ACCESS_KEY_ID);
    const envSecret = asString(env.AWS_SECRET_ACCESS_KEY);
    // Half a key pair would otherwise fall through to the SDK's chain, which says only "Could not
    // load credentials from any providers".
    if (envId && !envSecret)
      throw new ActivityFailed(
        `Partial credentials in the run's environment: AWS_ACCESS_KEY_ID is set (${envId}) but AWS_SECRET_ACCESS_KEY is missing; set both, or neither to use a profile or the SDK's default chain`,
      );
    if (envSecret && !envId)
      throw new ActivityFailed(
        "Partial credentials in the run's environment: AWS_SECRET_ACCESS_KEY is set but AWS_ACCESS_KEY_ID is missing; set both, or neither to use a profile or the SDK's default chain",
      );
    if (envId && envSecret) {
      checkNotExpired(envId, env.AWS_CREDENTIAL_EXPIRATION);
      const token = asString(env.AWS_SESSION_TOKEN);
      return {
        key: `env:${digest(envId, envSecret, token)}`,
        source: { accessKeyId: envId, secretAccessKey: envSecret, ...(token ? { sessionToken: token } : {}) },
      };
    }
    if (!this.defaultChain) {
      const { fromNodeProviderChain } = await import('@aws-sdk/credential-providers');
      const profile = asString(env.AWS_PROFILE);
      const chain = fromNodeProviderChain(profile ? { profile } : {});
      this.defaultChain = async () => {
        try {
          return await chain();
        } catch (e) {
          throw new ActivityFailed(
            `no AWS credentials: none in the provider's secrets (aws_access_key_id), no configuration aws_profile_name, no AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY in the run's environment, ` +
              `and the SDK's default chain (${profile ? `profile "${profile}" (AWS_PROFILE)` : 'the default profile'} in the shared files, SSO, credential_process, a web identity token, container or instance metadata) found none: ${e instanceof Error ? e.message : String(e)}`,
          );
        }
      };
    }
    return { key: 'default', source: this.defaultChain };
  }

  private async profile(name: string, env: Env): Promise<() => Promise<Identity>> {
    let provider = this.profiles.get(name);
    if (!provider) {
      const { fromIni } = await import('@aws-sdk/credential-providers');
      const files = {
        ...(env.AWS_SHARED_CREDENTIALS_FILE ? { filepath: env.AWS_SHARED_CREDENTIALS_FILE } : {}),
        ...(env.AWS_CONFIG_FILE ? { configFilepath: env.AWS_CONFIG_FILE } : {}),
      };
      const load = fromIni({ profile: name, ...files });
      provider = async () => {
        try {
          return await load();
        } catch (e) {
          throw new ActivityFailed(`AWS profile "${name}" (configuration aws_profile_name) could not be loaded: ${e instanceof Error ? e.message : String(e)}`);
        }
      };
      this.profiles.set(name, provider);
    }
    return provider;
  }
}
