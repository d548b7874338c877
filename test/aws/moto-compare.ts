// Comparing the native chaosaws functions with the real chaosaws (Python, from the oracle
// virtualenv) against the same moto server (test/support/moto.ts).
import { spawnSync } from 'node:child_process';
import type { AwsCall, AwsClientClass, AwsTarget } from '../../src/aws/functions/types.js';
import { confirmFault } from '../../src/aws/confirm.js';
import type { FaultConfirmation } from '../../src/contract/provider.js';
import { fakeClock } from '../support/aws-call.js';
import { oraclePython } from '../support/oracle.js';
export { type Moto, startMoto } from '../support/moto.js';
import { prng } from '../support/prng.js';

const CREDENTIALS = { accessKeyId: 'testing', secretAccessKey: 'testing' };

/** An AwsCall whose clients talk to moto; mutations are recorded and always allowed. */
export function motoCall(
  endpoint: string,
  seed = 1,
): AwsCall & { mutations: { operation: string; targets: AwsTarget[] }[]; confirmations: FaultConfirmation[] } {
  const mutations: { operation: string; targets: AwsTarget[] }[] = [];
  const confirmations: FaultConfirmation[] = [];
  const signal = new AbortController().signal;
  return {
    configuration: { aws_region: 'us-east-1' },
    secrets: {},
    signal,
    mutations,
    confirmations,
    async client<C>(clientClass: AwsClientClass<C>): Promise<C> {
      return new clientClass({ region: 'us-east-1', endpoint, credentials: CREDENTIALS });
    },
    async mutate(operation: string, targets: readonly AwsTarget[]): Promise<void> {
      mutations.push({ operation, targets: [...targets] });
    },
    random: prng(seed),
    // One look: moto answers at once (and never shows what it does not model).
    async confirm(fault, check) {
      const outcome = await confirmFault(fault, check, { timeoutMs: 0, intervalMs: 5_000, clock: fakeClock(), signal });
      confirmations.push(outcome);
      return outcome;
    },
  };
}

/** Client settings for test fixtures created directly with the SDK against moto. */
export const motoClientConfig = (endpoint: string) => ({ region: 'us-east-1', endpoint, credentials: CREDENTIALS });

const RUNNER = `
import importlib, json, sys
from chaoslib.log import encoder
req = json.load(sys.stdin)
mod = importlib.import_module(req["module"])
try:
    out = {"ok": getattr(mod, req["func"])(**req["kwargs"])}
except Exception as e:
    out = {"error": type(e).__name__, "message": str(e)}
print(json.dumps(out, default=encoder))
`;

/** Calls the real chaosaws function against moto; its result as the journal would hold it. */
export function runChaosaws(
  endpoint: string,
  module: string,
  func: string,
  kwargs: Record<string, unknown>,
): { ok?: unknown; error?: string; message?: string } {
  const r = spawnSync(oraclePython, ['-c', RUNNER], {
    input: JSON.stringify({ module, func, kwargs }),
    encoding: 'utf8',
    timeout: 60_000,
    env: {
      PATH: process.env.PATH ?? '',
      AWS_ENDPOINT_URL: endpoint,
      AWS_DEFAULT_REGION: 'us-east-1',
      AWS_ACCESS_KEY_ID: CREDENTIALS.accessKeyId,
      AWS_SECRET_ACCESS_KEY: CREDENTIALS.secretAccessKey,
      TZ: 'UTC',
    },
  });
  if (r.status !== 0) throw new Error(`chaosaws ${module}.${func} crashed (${r.status ?? r.signal}): ${r.stderr}`);
  return JSON.parse(r.stdout) as { ok?: unknown; error?: string; message?: string };
}

/** Drops what differs between two calls by nature: request ids, HTTP headers, timestamps. */
export function comparable(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(comparable);
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) {
      if (k === 'ResponseMetadata') continue;
      out[k] = typeof v === 'string' && /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d/.test(v) ? '<time>' : comparable(v);
    }
    return out;
  }
  return value;
}
