// The FIS-style stop condition through the bundled CLI, against moto: the extension's stop condition
// reads a CloudWatch alarm (chaosaws.cloudwatch.probes.get_alarm_state_value, natively); when the
// alarm goes to ALARM one second into a ten second fault, the fault is stopped within the guard's
// frequency + 1 s, its rollback plays, and the verdict is stopped with the alarm state seen.
import { readFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { CloudWatchClient, PutMetricAlarmCommand, SetAlarmStateCommand } from '@aws-sdk/client-cloudwatch';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCliAsync } from '../support/cli.js';
import { writeCorpus } from '../support/corpus.js';
import { type Moto, startMoto } from '../support/moto.js';
import { motoClientConfig } from './moto-compare.js';

let moto: Moto;
let cloudwatch: CloudWatchClient;
beforeAll(async () => {
  moto = await startMoto();
  cloudwatch = new CloudWatchClient(motoClientConfig(moto.url));
}, 60_000);
afterAll(async () => moto?.stop());

const setAlarm = (state: 'OK' | 'ALARM') =>
  cloudwatch.send(new SetAlarmStateCommand({ AlarmName: 'p99-latency', StateValue: state, StateReason: `test sets ${state}` }));

/** The fault's trigger: GET /arm sets the alarm to ALARM one second later; GET /heal (the rollback) notes it was called. */
async function startTrigger(): Promise<{ url: string; hits: string[]; alarmAt: () => number | undefined; close: () => Promise<void> }> {
  const hits: string[] = [];
  let alarmAt: number | undefined;
  const server = http.createServer((req, res) => {
    hits.push(req.url ?? '');
    if (req.url === '/arm')
      setTimeout(() => {
        setAlarm('ALARM').then(
          () => {
            alarmAt = Date.now();
          },
          () => undefined, // the test already ended (its own assertions say why)
        );
      }, 1000);
    res.writeHead(200).end('ok');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    hits,
    alarmAt: () => alarmAt,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

describe('a CloudWatch alarm as a stop condition (moto)', () => {
  it('the alarm set to ALARM mid-fault stops the fault within the frequency + 1 s and plays the rollback', async () => {
    await cloudwatch.send(
      new PutMetricAlarmCommand({
        AlarmName: 'p99-latency',
        Namespace: 'App',
        MetricName: 'Latency',
        Statistic: 'Average',
        Period: 60,
        EvaluationPeriods: 1,
        Threshold: 1,
        ComparisonOperator: 'GreaterThanThreshold',
      }),
    );
    await setAlarm('OK');
    const trigger = await startTrigger();
    try {
      const frequency = 0.5;
      const experiment = {
        title: 'the alarm stops the fault',
        description: 'FIS-style stop condition',
        method: [
          { type: 'action', name: 'arm', provider: { type: 'http', url: `${trigger.url}/arm`, timeout: 3 } },
          { type: 'action', name: 'ten-second-fault', provider: { type: 'process', path: process.execPath, arguments: ['-e', 'setTimeout(() => {}, 10000)'] } },
        ],
        rollbacks: [{ type: 'action', name: 'heal', provider: { type: 'http', url: `${trigger.url}/heal`, timeout: 3 } }],
        extensions: [
          {
            name: 'chaos-action',
            'stop-conditions-frequency': frequency,
            'stop-conditions': [
              {
                type: 'probe',
                name: 'p99-alarm',
                provider: { type: 'python', module: 'chaosaws.cloudwatch.probes', func: 'get_alarm_state_value', arguments: { alarm_name: 'p99-latency' } },
                // Not ['OK', 'INSUFFICIENT_DATA']: Chaos Toolkit reads a list of two as a range.
                tolerance: { type: 'regex', pattern: '^(OK|INSUFFICIENT_DATA)$' },
              },
            ],
          },
        ],
      };
      const dir = writeCorpus([{ name: 'alarm.json', content: JSON.stringify(experiment) }]);
      const out = path.join(dir, 'results');
      const r = await runCliAsync(['run', '--journal-dir', out, dir], { env: moto.env });
      expect(r.code).toBe(1);
      const results = JSON.parse(readFileSync(path.join(out, 'results.json'), 'utf8')) as {
        experiments: { verdict: string; reasons: string[]; journal: string }[];
      };
      const [result] = results.experiments;
      expect(result?.verdict).toBe('stopped');
      expect(result?.reasons[0]).toMatch(/^stopped by stop condition "p99-alarm" at .*: returned "ALARM"; tolerance regex "\^\(OK\|INSUFFICIENT_DATA\)\$"$/);
      const journal = JSON.parse(readFileSync(path.join(out, result?.journal as string), 'utf8')) as {
        status: string;
        run: { activity: { name: string }; end: string }[];
        rollbacks: { activity: { name: string }; status: string }[];
        'chaos-action': { stopped: { guard: string; value: unknown; at: string } };
      };
      expect(journal.status).toBe('interrupted');
      expect(journal['chaos-action'].stopped).toMatchObject({ guard: 'p99-alarm', value: 'ALARM' });
      expect(journal.rollbacks.map((x) => [x.activity.name, x.status])).toEqual([['heal', 'succeeded']]);
      expect(trigger.hits).toEqual(['/arm', '/heal']);
      // The guard's first failing answer came after the alarm was set, and the fault ended within the bound of it.
      const seen = Date.parse(journal['chaos-action'].stopped.at);
      const faultEnd = Date.parse(journal.run.find((x) => x.activity.name === 'ten-second-fault')?.end as string);
      expect(seen).toBeGreaterThanOrEqual((trigger.alarmAt() as number) - 50);
      expect((faultEnd - seen) / 1000).toBeLessThanOrEqual(frequency + 1);
    } finally {
      await trigger.close();
    }
  }, 120_000);
});
