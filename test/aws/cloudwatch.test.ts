import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { mockClient, type AwsClientStub } from 'aws-sdk-client-mock';
import {
  CloudWatchClient,
  CloudWatchServiceException,
  DescribeAlarmsCommand,
  GetMetricDataCommand,
  GetMetricStatisticsCommand,
  PutMetricAlarmCommand,
  PutMetricDataCommand,
} from '@aws-sdk/client-cloudwatch';
import * as cloudwatch from '../../src/aws/functions/cloudwatch.js';
import { catalog } from '../../src/aws/catalog/cloudwatch.js';
import { fakeCall } from '../support/aws-call.js';
import { runPythonOracle } from '../support/oracle.js';
import { prng } from '../support/prng.js';
import { motoCall, motoClientConfig, runChaosaws, startMoto, type Moto } from './moto-compare.js';

const NOW = new Date('2024-05-01T12:00:00Z');
const at = (secondsBefore: number) => new Date(NOW.getTime() - secondsBefore * 1000);
const cpu = { namespace: 'AWS/EC2', metric_name: 'CPUUtilization', dimension_name: 'InstanceId', dimension_value: 'i-1' };

describe('chaosaws.cloudwatch natively (mocked AWS)', () => {
  let client: AwsClientStub<CloudWatchClient>;
  beforeAll(() => {
    client = mockClient(CloudWatchClient);
  });
  beforeEach(() => {
    client.reset();
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(NOW);
  });
  afterEach(() => vi.useRealTimers());
  afterAll(() => client.restore());

  const inputs = (command: Parameters<AwsClientStub<CloudWatchClient>['commandCalls']>[0]) => client.commandCalls(command).map((c) => c.args[0].input);

  it('declares put_metric_data as mutating and the three probes as read-only', async () => {
    expect(catalog.map((e) => `${e.module}.${e.func}:${e.mutating}`)).toEqual([
      'chaosaws.cloudwatch.actions.put_metric_data:true',
      'chaosaws.cloudwatch.probes.get_alarm_state_value:false',
      'chaosaws.cloudwatch.probes.get_metric_statistics:false',
      'chaosaws.cloudwatch.probes.get_metric_data:false',
    ]);
    expect(catalog[2]!.params.filter((p) => !p.hasDefault).map((p) => p.name)).toEqual(['namespace', 'metric_name']);
    for (const entry of catalog) expect(typeof (await entry.load())).toBe('function');
  });

  describe('get_alarm_state_value', () => {
    it('returns the state of a metric alarm', async () => {
      client.on(DescribeAlarmsCommand).resolves({ MetricAlarms: [{ AlarmName: 'p99', StateValue: 'ALARM' }], CompositeAlarms: [] });
      expect(await cloudwatch.get_alarm_state_value({ alarm_name: 'p99' }, fakeCall())).toBe('ALARM');
      expect(inputs(DescribeAlarmsCommand)).toEqual([{ AlarmNames: ['p99'], AlarmTypes: ['MetricAlarm', 'CompositeAlarm'] }]);
    });

    it('returns the state of a composite alarm (chaosaws reported it as not found)', async () => {
      client.on(DescribeAlarmsCommand).resolves({ MetricAlarms: [], CompositeAlarms: [{ AlarmName: 'service-health', StateValue: 'OK' }] });
      expect(await cloudwatch.get_alarm_state_value({ alarm_name: 'service-health' }, fakeCall())).toBe('OK');
    });

    it('fails on an unknown alarm with chaosaws message', async () => {
      client.on(DescribeAlarmsCommand).resolves({ MetricAlarms: [], CompositeAlarms: [] });
      await expect(cloudwatch.get_alarm_state_value({ alarm_name: 'nope' }, fakeCall())).rejects.toThrow('CloudWatch alarm name nope not found');
    });

    it('reports an AWS error with botocore text', async () => {
      client
        .on(DescribeAlarmsCommand)
        .rejects(new CloudWatchServiceException({ name: 'AccessDenied', $fault: 'client', $metadata: {}, message: 'not allowed' }));
      await expect(cloudwatch.get_alarm_state_value({ alarm_name: 'p99' }, fakeCall())).rejects.toThrow(
        'An error occurred (AccessDenied) when calling the DescribeAlarms operation: not allowed',
      );
    });
  });

  describe('get_metric_statistics', () => {
    it('asks for one period covering [now - offset - duration, now - offset] and returns the statistic', async () => {
      client.on(GetMetricStatisticsCommand).resolves({ Label: 'CPUUtilization', Datapoints: [{ Timestamp: at(90), Average: 42.5, Unit: 'Percent' }] });
      expect(await cloudwatch.get_metric_statistics({ ...cpu, duration: 60, offset: 30, statistic: 'Average', unit: 'Percent' }, fakeCall())).toBe(42.5);
      expect(inputs(GetMetricStatisticsCommand)).toEqual([
        {
          Namespace: 'AWS/EC2',
          MetricName: 'CPUUtilization',
          StartTime: at(90),
          EndTime: at(30),
          Period: 60,
          Dimensions: [{ Name: 'InstanceId', Value: 'i-1' }],
          Statistics: ['Average'],
          Unit: 'Percent',
        },
      ]);
    });

    it('uses a list of dimensions and an extended statistic, with the defaults', async () => {
      client.on(GetMetricStatisticsCommand).resolves({ Datapoints: [{ ExtendedStatistics: { p99: 812.3 } }] });
      const dimensions = [
        { Name: 'LoadBalancer', Value: 'app/web/1' },
        { Name: 'TargetGroup', Value: 'tg/1' },
      ];
      expect(
        await cloudwatch.get_metric_statistics(
          { namespace: 'AWS/ApplicationELB', metric_name: 'TargetResponseTime', dimensions, extended_statistic: 'p99' },
          fakeCall(),
        ),
      ).toBe(812.3);
      expect(inputs(GetMetricStatisticsCommand)).toEqual([
        {
          Namespace: 'AWS/ApplicationELB',
          MetricName: 'TargetResponseTime',
          StartTime: at(60),
          EndTime: at(0),
          Period: 60,
          Dimensions: dimensions,
          ExtendedStatistics: ['p99'],
        },
      ]);
    });

    it('returns 0 when there is no datapoint, as chaosaws does', async () => {
      client.on(GetMetricStatisticsCommand).resolves({ Datapoints: [] });
      expect(await cloudwatch.get_metric_statistics({ ...cpu, statistic: 'Sum' }, fakeCall())).toBe(0);
    });

    it('fails when the datapoint lacks the statistic', async () => {
      client.on(GetMetricStatisticsCommand).resolves({ Datapoints: [{ Maximum: 3 }] });
      await expect(cloudwatch.get_metric_statistics({ ...cpu, statistic: 'Average' }, fakeCall())).rejects.toThrow(
        "Unable to parse response '{'Datapoints': [{'Maximum': 3}], 'ResponseMetadata': ",
      );
    });

    it('names the missing key as a Python KeyError does: ExtendedStatistics, or the percentile', async () => {
      client.on(GetMetricStatisticsCommand).resolves({ Datapoints: [{ Unit: 'Seconds' }] });
      await expect(cloudwatch.get_metric_statistics({ ...cpu, extended_statistic: 'p95' }, fakeCall())).rejects.toThrow(/\}\}': ''ExtendedStatistics''$/);
      client.on(GetMetricStatisticsCommand).resolves({ Datapoints: [{ ExtendedStatistics: { p99: 0.4 } }] });
      await expect(cloudwatch.get_metric_statistics({ ...cpu, extended_statistic: 'p95' }, fakeCall())).rejects.toThrow(/\}\}': ''p95''$/);
    });

    it('needs a statistic and a dimension, before calling AWS', async () => {
      await expect(cloudwatch.get_metric_statistics(cpu, fakeCall())).rejects.toThrow('You must supply argument for statistic or extended_statistic');
      await expect(cloudwatch.get_metric_statistics({ namespace: 'N', metric_name: 'M', statistic: 'Sum' }, fakeCall())).rejects.toThrow(
        'You must supply argument for dimensions',
      );
      await expect(
        cloudwatch.get_metric_statistics({ namespace: 'N', metric_name: 'M', statistic: 'Sum', dimension_name: 'InstanceId' }, fakeCall()),
      ).rejects.toThrow(
        'chaosaws.cloudwatch.probes.get_metric_statistics: dimension_value is missing: give both dimension_name and dimension_value, or a list in dimensions',
      );
      await expect(cloudwatch.get_metric_statistics({ ...cpu, statistic: 'Sum', duration: '60' }, fakeCall())).rejects.toThrow(
        "argument 'duration' must be an integer, got str '60'",
      );
      expect(client.calls()).toHaveLength(0);
    });
  });

  describe('get_metric_data', () => {
    const values = (...v: number[]) => ({ MetricDataResults: [{ Id: 'm1', Label: 'CPUUtilization', Values: v, Timestamps: v.map(() => NOW) }] });

    it('sends one query m1 over [now - duration, now - offset] and reduces the values by the statistic', async () => {
      client.on(GetMetricDataCommand).resolves(values(1, 2.5, 4));
      expect(await cloudwatch.get_metric_data({ ...cpu, statistic: 'Sum', duration: 600, period: 120, offset: 60, unit: 'Percent' }, fakeCall())).toBe(7.5);
      expect(inputs(GetMetricDataCommand)).toEqual([
        {
          MetricDataQueries: [
            {
              Id: 'm1',
              MetricStat: {
                Metric: { Namespace: 'AWS/EC2', MetricName: 'CPUUtilization', Dimensions: [{ Name: 'InstanceId', Value: 'i-1' }] },
                Period: 120,
                Stat: 'Sum',
                Unit: 'Percent',
              },
              Label: 'CPUUtilization',
            },
          ],
          StartTime: at(600),
          EndTime: at(60),
        },
      ]);
      expect(await cloudwatch.get_metric_data({ ...cpu, statistic: 'Minimum' }, fakeCall())).toBe(1);
      expect(await cloudwatch.get_metric_data({ ...cpu, statistic: 'Maximum' }, fakeCall())).toBe(4);
      expect(await cloudwatch.get_metric_data({ ...cpu, statistic: 'Average' }, fakeCall())).toBe(2.5);
    });

    it('asks for the Average without a statistic (chaosaws sent Stat=None, which boto3 rejects)', async () => {
      client.on(GetMetricDataCommand).resolves(values(0.1, 0.2, 0.3));
      expect(await cloudwatch.get_metric_data(cpu, fakeCall())).toBe(0.2);
      expect(inputs(GetMetricDataCommand)[0]!.MetricDataQueries![0]!.MetricStat!.Stat).toBe('Average');
    });

    it("rounds to 2 decimals as Python's round does, ties to even", async () => {
      client.on(GetMetricDataCommand).resolves(values(0.125, 0.375, 2.675));
      expect(await cloudwatch.get_metric_data({ ...cpu, statistic: 'Minimum' }, fakeCall())).toBe(0.12);
      expect(await cloudwatch.get_metric_data({ ...cpu, statistic: 'Maximum' }, fakeCall())).toBe(2.67);
    });

    it('returns 0 without values, and asks for a dimensionless metric given an empty list', async () => {
      client.on(GetMetricDataCommand).resolves({ MetricDataResults: [{ Id: 'm1', Label: 'Invocations', Values: [] }] });
      expect(await cloudwatch.get_metric_data({ namespace: 'AWS/Lambda', metric_name: 'Invocations', dimensions: [], statistic: 'Sum' }, fakeCall())).toBe(0);
      expect(inputs(GetMetricDataCommand)[0]!.MetricDataQueries![0]!.MetricStat!.Metric).toEqual({ Namespace: 'AWS/Lambda', MetricName: 'Invocations' });
    });

    it('needs a dimension argument', async () => {
      await expect(cloudwatch.get_metric_data({ namespace: 'N', metric_name: 'M' }, fakeCall())).rejects.toThrow('You must supply argument for dimensions');
      expect(client.calls()).toHaveLength(0);
    });
  });

  describe('put_metric_data', () => {
    it('publishes the data, timestamps read as botocore reads them, and returns None', async () => {
      client.on(PutMetricDataCommand).resolves({});
      const call = fakeCall();
      const data = [
        { MetricName: 'Orders', Value: 3, Unit: 'Count', Timestamp: '2024-05-01T11:59:00Z', Dimensions: [{ Name: 'Shop', Value: 'eu' }] },
        { MetricName: 'Orders', Value: 4, Timestamp: 1714564800 },
        { MetricName: 'Orders', Value: 5 },
      ];
      expect(await cloudwatch.put_metric_data({ namespace: 'Shop', metric_data: data }, call)).toBeNull();
      expect(inputs(PutMetricDataCommand)).toEqual([
        {
          Namespace: 'Shop',
          MetricData: [{ ...data[0], Timestamp: new Date('2024-05-01T11:59:00Z') }, { ...data[1], Timestamp: new Date('2024-05-01T12:00:00Z') }, data[2]],
        },
      ]);
      expect(call.mutations).toEqual([{ operation: 'cloudwatch:PutMetricData', targets: [{ kind: 'cloudwatch:namespace', id: 'Shop' }] }]);
    });

    it('explains a timestamp it cannot read', async () => {
      await expect(
        cloudwatch.put_metric_data({ namespace: 'Shop', metric_data: [{ MetricName: 'Orders', Value: 1, Timestamp: 'yesterday' }] }, fakeCall()),
      ).rejects.toThrow(
        `chaosaws.cloudwatch.actions.put_metric_data: metric_data item 0 has Timestamp 'yesterday': give an ISO 8601 time such as "2024-05-01T12:00:00Z" or epoch seconds`,
      );
      expect(client.calls()).toHaveLength(0);
    });

    for (const mode of ['refuse', 'plan'] as const) {
      it(`publishes nothing when the guardrails ${mode === 'refuse' ? 'refuse' : 'only plan'}`, async () => {
        const call = fakeCall({ mode });
        await expect(cloudwatch.put_metric_data({ namespace: 'Shop', metric_data: [{ MetricName: 'Orders', Value: 1 }] }, call)).rejects.toThrow();
        expect(call.mutations).toHaveLength(1);
        expect(client.commandCalls(PutMetricDataCommand)).toHaveLength(0);
      });
    }
  });
});

describe("Python's round(x, 2) and statistics.mean, against Python", () => {
  it('agree on seeded values, ties included', async () => {
    const random = prng(7);
    const singles: number[] = [0.125, -0.125, 0.375, 2.675, 1.005, 0.5, -2.5, 1e15 + 0.25];
    for (let i = 0; i < 300; i += 1) singles.push(Math.round((random() - 0.5) * 2_000_000) / 1000, (random() - 0.5) * 1000, Math.floor(random() * 8000) / 8);
    const lists: number[][] = [];
    for (let i = 0; i < 100; i += 1) lists.push(Array.from({ length: 1 + Math.floor(random() * 20) }, () => Math.round(random() * 100_000) / 1000));
    const python = runPythonOracle<{ rounded: number[]; means: number[] }>(
      'import json, sys, statistics\nd = json.load(sys.stdin)\nprint(json.dumps({"rounded": [round(x, 2) for x in d["singles"]], "means": [round(statistics.mean(v), 2) for v in d["lists"]]}))',
      { singles, lists },
    );
    expect(singles.map(cloudwatch.pythonRound2)).toEqual(python.rounded);
    const client = mockClient(CloudWatchClient);
    try {
      const ours: number[] = [];
      for (const v of lists) {
        client.on(GetMetricDataCommand).resolves({ MetricDataResults: [{ Id: 'm1', Label: 'M', Values: v }] });
        ours.push((await cloudwatch.get_metric_data({ namespace: 'N', metric_name: 'M', dimensions: [] }, fakeCall())) as number);
      }
      expect(ours).toEqual(python.means);
    } finally {
      client.restore();
    }
  });
});

describe('chaosaws.cloudwatch against the real chaosaws, on moto', () => {
  let moto: Moto;
  beforeAll(async () => {
    moto = await startMoto();
    const client = new CloudWatchClient(motoClientConfig(moto.url));
    await client.send(
      new PutMetricAlarmCommand({
        AlarmName: 'high-cpu',
        Namespace: 'AWS/EC2',
        MetricName: 'CPUUtilization',
        Statistic: 'Average',
        Period: 60,
        EvaluationPeriods: 1,
        Threshold: 80,
        ComparisonOperator: 'GreaterThanThreshold',
      }),
    );
  }, 60_000);
  afterAll(async () => moto?.stop());

  it('reads the same alarm state, and fails the same way on an unknown alarm', async () => {
    const python = runChaosaws(moto.url, 'chaosaws.cloudwatch.probes', 'get_alarm_state_value', { alarm_name: 'high-cpu' });
    expect(['OK', 'ALARM', 'INSUFFICIENT_DATA']).toContain(python.ok);
    expect(await cloudwatch.get_alarm_state_value({ alarm_name: 'high-cpu' }, motoCall(moto.url))).toBe(python.ok);
    const missing = runChaosaws(moto.url, 'chaosaws.cloudwatch.probes', 'get_alarm_state_value', { alarm_name: 'nope' });
    await expect(cloudwatch.get_alarm_state_value({ alarm_name: 'nope' }, motoCall(moto.url))).rejects.toThrow(missing.message!);
  });

  it('publishes data as chaosaws does, then reads the same statistics back', async () => {
    // Stamped two minutes back: moto drops the fractional second of the window's end, so a point
    // stamped in the very second of the query would fall outside it.
    const stamp = new Date(Date.now() - 120_000).toISOString();
    const datum = (shop: string, value: number) => ({
      MetricName: 'Orders',
      Value: value,
      Unit: 'Count',
      Timestamp: stamp,
      Dimensions: [{ Name: 'Shop', Value: shop }],
    });
    const python = runChaosaws(moto.url, 'chaosaws.cloudwatch.actions', 'put_metric_data', {
      namespace: 'Shop',
      metric_data: [datum('py', 3), datum('py', 4)],
    });
    expect(python).toEqual({ ok: null });
    expect(await cloudwatch.put_metric_data({ namespace: 'Shop', metric_data: [datum('ts', 3), datum('ts', 4)] }, motoCall(moto.url))).toBeNull();
    const query = (shop: string) => ({
      namespace: 'Shop',
      metric_name: 'Orders',
      dimension_name: 'Shop',
      dimension_value: shop,
      duration: 600,
      statistic: 'Sum',
    });
    const pythonStats = runChaosaws(moto.url, 'chaosaws.cloudwatch.probes', 'get_metric_statistics', query('py'));
    expect(pythonStats.ok).toBe(7);
    expect(await cloudwatch.get_metric_statistics(query('ts'), motoCall(moto.url))).toBe(pythonStats.ok);
    const pythonData = runChaosaws(moto.url, 'chaosaws.cloudwatch.probes', 'get_metric_data', { ...query('py'), period: 60 });
    expect(pythonData.ok).toBe(7);
    expect(await cloudwatch.get_metric_data({ ...query('ts'), period: 60 }, motoCall(moto.url))).toBe(pythonData.ok);
  });
});
