// A local AWS: moto's server (pinned in the oracle virtualenv), started on 127.0.0.1 on a free
// port. Both our native chaosaws functions (through AWS_ENDPOINT_URL) and the real chaostoolkit-aws
// (boto3 honours the same variable) talk to it, so the two can be compared on the same state.
import { type ChildProcess, spawn } from 'node:child_process';
import { createServer } from 'node:net';
import path from 'node:path';
import { oracleVenv, requireOracle } from './oracle.js';

export interface Moto {
  readonly url: string;
  /** Variables that point an AWS SDK (ours or boto3) at this server, with fake credentials. */
  readonly env: Record<string, string>;
  /** Forgets every resource (moto's reset API). */
  reset(): Promise<void>;
  stop(): Promise<void>;
}

export const MOTO_REGION = 'us-east-1';

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/**
 * Starts moto_server on a free loopback port and waits (bounded) until it answers.
 * `iamManagedPolicies` loads AWS's managed IAM policies (e.g. AWSFaultInjectionSimulatorEC2Access)
 * so they can be attached; it makes start-up slower, so it is off unless a test needs it.
 */
export async function startMoto(options: { iamManagedPolicies?: boolean } = {}): Promise<Moto> {
  requireOracle();
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const env = { PATH: process.env.PATH ?? '', MOTO_IAM_LOAD_MANAGED_POLICIES: options.iamManagedPolicies ? 'true' : 'false' };
  const child: ChildProcess = spawn(path.join(oracleVenv, 'bin', 'moto_server'), ['-H', '127.0.0.1', '-p', String(port)], {
    stdio: ['ignore', 'ignore', 'pipe'],
    env,
  });
  let stderr = '';
  child.stderr?.on('data', (d: Buffer) => {
    stderr = (stderr + d.toString()).slice(-4000);
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  // Bounded wait for the server to answer (it imports every moto backend first: a few seconds).
  for (let attempt = 0; ; attempt++) {
    if (child.exitCode !== null) throw new Error(`moto_server exited (${child.exitCode}): ${stderr}`);
    try {
      const r = await fetch(`${url}/moto-api/data.json`);
      if (r.ok) break;
    } catch {
      // not listening yet
    }
    if (attempt >= 300) {
      child.kill('SIGKILL');
      throw new Error(`moto_server did not answer on ${url} within 30 s: ${stderr}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    url,
    env: {
      AWS_ENDPOINT_URL: url,
      AWS_ACCESS_KEY_ID: 'testing',
      AWS_SECRET_ACCESS_KEY: 'testing',
      AWS_SESSION_TOKEN: 'testing',
      AWS_REGION: MOTO_REGION,
      AWS_DEFAULT_REGION: MOTO_REGION,
      // Never read the developer's own AWS files.
      AWS_CONFIG_FILE: '/dev/null',
      AWS_SHARED_CREDENTIALS_FILE: '/dev/null',
      AWS_EC2_METADATA_DISABLED: 'true',
    },
    async reset() {
      const r = await fetch(`${url}/moto-api/reset`, { method: 'POST' });
      if (!r.ok) throw new Error(`moto reset answered ${r.status}`);
    },
    async stop() {
      if (child.exitCode === null) {
        child.kill('SIGTERM');
        const timer = setTimeout(() => child.kill('SIGKILL'), 3000);
        await exited;
        clearTimeout(timer);
      }
    },
  };
}
