// A test double of AwsCall for unit tests of native chaosaws functions: clients are real SDK
// clients (pair with aws-sdk-client-mock's mockClient), mutate() is recorded, and a test can make
// it refuse (a guardrail) or stop (a dry run) to check that no mutating command follows.
import { confirmFault } from '../../src/aws/confirm.js';
import { ActivityFailed, type FaultConfirmation } from '../../src/contract/provider.js';
import { PlanOnly, type AwsCall, type AwsClientClass, type AwsTarget } from '../../src/aws/functions/types.js';
import { prng } from './prng.js';

export interface FakeCallOptions {
  readonly configuration?: Record<string, unknown>;
  readonly secrets?: Record<string, unknown>;
  /** 'refuse': mutate() throws ActivityFailed; 'plan': mutate() throws PlanOnly. */
  readonly mode?: 'run' | 'refuse' | 'plan';
  readonly seed?: number;
  /** How long confirm() keeps looking, on a fake clock that each 5 s sleep advances (default 0: one look). */
  readonly confirmTimeoutMs?: number;
}

export interface FakeCall extends AwsCall {
  readonly mutations: { operation: string; targets: AwsTarget[] }[];
  readonly confirmations: FaultConfirmation[];
}

/** A clock that only moves when slept on: confirmations poll without waiting. */
export function fakeClock(): { now(): number; sleep(ms: number): Promise<void> } {
  let now = 0;
  return {
    now: () => now,
    sleep: async (ms: number) => {
      now += ms;
    },
  };
}

export function fakeCall(options: FakeCallOptions = {}): FakeCall {
  const mutations: { operation: string; targets: AwsTarget[] }[] = [];
  const random = prng(options.seed ?? 1);
  const confirmations: FaultConfirmation[] = [];
  const signal = new AbortController().signal;
  return {
    configuration: options.configuration ?? { aws_region: 'us-east-1' },
    secrets: options.secrets ?? {},
    signal,
    mutations,
    confirmations,
    async client<C>(clientClass: AwsClientClass<C>): Promise<C> {
      return new clientClass({ region: 'us-east-1', credentials: { accessKeyId: 'AKIDTEST', secretAccessKey: 'test' } });
    },
    async mutate(operation: string, targets: readonly AwsTarget[]): Promise<void> {
      mutations.push({ operation, targets: [...targets] });
      if (options.mode === 'refuse') throw new ActivityFailed(`refused by a test guardrail: ${operation}`);
      if (options.mode === 'plan') throw new PlanOnly(operation);
    },
    random,
    async confirm(fault, check) {
      const outcome = await confirmFault(fault, check, { timeoutMs: options.confirmTimeoutMs ?? 0, intervalMs: 5_000, clock: fakeClock(), signal });
      confirmations.push(outcome);
      return outcome;
    },
  };
}
