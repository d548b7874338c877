// A test double of AwsCall for unit tests of native chaosaws functions: clients are real SDK
// clients (pair with aws-sdk-client-mock's mockClient), mutate() is recorded, and a test can make
// it refuse (a guardrail) or stop (a dry run) to check that no mutating command follows.
import { ActivityFailed } from '../../src/contract/provider.js';
import { PlanOnly, type AwsCall, type AwsClientClass, type AwsTarget } from '../../src/aws/functions/types.js';
import { prng } from './prng.js';

export interface FakeCallOptions {
  readonly configuration?: Record<string, unknown>;
  readonly secrets?: Record<string, unknown>;
  /** 'refuse': mutate() throws ActivityFailed; 'plan': mutate() throws PlanOnly. */
  readonly mode?: 'run' | 'refuse' | 'plan';
  readonly seed?: number;
}

export interface FakeCall extends AwsCall {
  readonly mutations: { operation: string; targets: AwsTarget[] }[];
}

export function fakeCall(options: FakeCallOptions = {}): FakeCall {
  const mutations: { operation: string; targets: AwsTarget[] }[] = [];
  const random = prng(options.seed ?? 1);
  return {
    configuration: options.configuration ?? { aws_region: 'us-east-1' },
    secrets: options.secrets ?? {},
    signal: new AbortController().signal,
    mutations,
    async client<C>(clientClass: AwsClientClass<C>): Promise<C> {
      return new clientClass({ region: 'us-east-1', credentials: { accessKeyId: 'AKIDTEST', secretAccessKey: 'test' } });
    },
    async mutate(operation: string, targets: readonly AwsTarget[]): Promise<void> {
      mutations.push({ operation, targets: [...targets] });
      if (options.mode === 'refuse') throw new ActivityFailed(`refused by a test guardrail: ${operation}`);
      if (options.mode === 'plan') throw new PlanOnly(operation);
    },
    random,
  };
}
