// The native chaosaws.ec2 functions against the real chaostoolkit-aws, on the same moto: the same
// results (ids aside) and the same failure messages.
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import * as instanceActions from '../../src/aws/functions/ec2-actions.js';
import * as volumeActions from '../../src/aws/functions/ec2-volumes.js';
import * as probes from '../../src/aws/functions/ec2-probes.js';
import { AwsRuntime } from '../../src/aws/runtime.js';
import type { AwsCall } from '../../src/aws/functions/types.js';
import { oraclePython } from '../support/oracle.js';
import { launch, useMotoEc2 } from './support/ec2-seed.js';

const actions = { ...instanceActions, ...volumeActions };

const aws = useMotoEc2();

const SCRIPT = String.raw`
import datetime, importlib, json, sys
req = json.load(sys.stdin)
try:
    out = {"ok": getattr(importlib.import_module(req["module"]), req["func"])(**req["args"])}
except Exception as x:
    out = {"error": type(x).__name__, "message": str(x)}
json.dump(out, sys.stdout, default=lambda o: o.isoformat() if isinstance(o, datetime.datetime) else str(o))
`;

/** Calls the real chaosaws function in the oracle virtualenv, against moto. */
function chaosaws(module: string, func: string, args: Record<string, unknown>): { ok?: unknown; error?: string; message?: string } {
  const run = spawnSync(oraclePython, ['-c', SCRIPT], {
    input: JSON.stringify({ module, func, args }),
    env: { ...process.env, ...aws.moto.env },
    encoding: 'utf8',
  });
  if (run.status !== 0) throw new Error(run.stderr);
  return JSON.parse(run.stdout);
}

const ours = (): AwsCall =>
  new AwsRuntime().call({ maxTargets: 100 }, { configuration: {}, secrets: {}, env: aws.moto.env, signal: new AbortController().signal, mode: 'run' });
/** Without what differs from one request to the next (request ids, dates of the request). */
const comparable = (v: unknown, ids: readonly string[] = []): unknown => {
  let text = JSON.stringify(v, (k, value) => (k === 'ResponseMetadata' ? undefined : value));
  for (const [i, id] of ids.entries()) text = text.replaceAll(id, `<instance ${i}>`);
  return JSON.parse(text);
};
const byTag = (value: string) => [{ Name: 'tag:app', Values: [value] }];

describe('chaosaws.ec2 compared with chaostoolkit-aws on moto', () => {
  it('the probes return the same values', async () => {
    await launch(aws.ec2, 2, { app: 'web' });
    await launch(aws.ec2, 1, { app: 'web' });
    for (const [func, args] of [
      ['describe_instances', { filters: byTag('web') }],
      ['count_instances', { filters: byTag('web') }],
      ['count_min_instances', { filters: byTag('web'), min_count: 2 }],
      ['instance_state', { state: 'running', filters: byTag('web') }],
    ] as const) {
      const python = chaosaws('chaosaws.ec2.probes', func, args);
      expect(python.error, python.message).toBeUndefined();
      expect(comparable(await (probes[func] as (a: unknown, c: AwsCall) => Promise<unknown>)(args, ours())), func).toEqual(comparable(python.ok));
    }
  });

  it('stop_instances and start_instances return the same responses', async () => {
    const py = await launch(aws.ec2, 2, { app: 'py' });
    const ts = await launch(aws.ec2, 2, { app: 'ts' });
    const stoppedByPython = chaosaws('chaosaws.ec2.actions', 'stop_instances', { filters: byTag('py') });
    expect(stoppedByPython.error, stoppedByPython.message).toBeUndefined();
    expect(comparable(await actions.stop_instances({ filters: byTag('ts') }, ours()), ts)).toEqual(comparable(stoppedByPython.ok, py));
    const startedByPython = chaosaws('chaosaws.ec2.actions', 'start_instances', { instance_ids: py });
    expect(comparable(await actions.start_instances({ instance_ids: ts }, ours()), ts)).toEqual(comparable(startedByPython.ok, py));
    const restartedByPython = chaosaws('chaosaws.ec2.actions', 'restart_instances', { az: 'us-east-1a', filters: byTag('py') });
    expect(await actions.restart_instances({ az: 'us-east-1a', filters: byTag('ts') }, ours())).toEqual(restartedByPython.ok);
  });

  it('the failures read the same', async () => {
    for (const [func, args] of [
      ['stop_instance', {}],
      ['stop_instance', { az: 'us-east-1a', filters: byTag('none') }],
      ['terminate_instances', { az: 'us-east-1a', filters: byTag('none') }],
      ['start_instances', {}],
      ['detach_random_volume', {}],
      ['terminate_instance', { instance_id: 'i-0123456789abcdef0' }],
    ] as const) {
      const python = chaosaws('chaosaws.ec2.actions', func, args);
      expect(python.error, `${func}: ${String(python.ok)}`).toBeDefined();
      await expect((actions[func] as (a: unknown, c: AwsCall) => Promise<unknown>)(args, ours()), func).rejects.toThrow(python.message as string);
    }
  });
});
