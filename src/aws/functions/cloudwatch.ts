// chaosaws.cloudwatch natively: the alarm state and metric probes, and put_metric_data (the one
// action of chaosaws.cloudwatch.actions that uses CloudWatch; its rule actions use EventBridge).
// Metric windows end `offset` seconds before now, as in chaosaws.
import {
  CloudWatchClient,
  DescribeAlarmsCommand,
  GetMetricDataCommand,
  GetMetricStatisticsCommand,
  PutMetricDataCommand,
  type Datapoint,
  type Dimension,
  type MetricDatum,
  type StandardUnit,
  type Statistic,
} from '@aws-sdk/client-cloudwatch';
import { isMapping, pythonRepr } from '../../python/values.js';
import { ActivityFailed } from '../../contract/provider.js';
import { awsMessage, boto } from './boto-error.js';
import { botoResponse } from './boto-shape.js';
import { PyArgs } from './py-args.js';
import type { AwsCall } from './types.js';

type Args = Readonly<Record<string, unknown>>;

function intArg(a: PyArgs, name: string, fallback: number): number {
  return a.int(name) ?? fallback;
}

/** [{"Name": "...", "Value": "..."}, …] as CloudWatch takes dimensions. */
function dimensionsArg(a: PyArgs): Dimension[] | undefined {
  const v = a.raw('dimensions');
  if (v === undefined) return undefined;
  const ok = Array.isArray(v) && v.every((d) => isMapping(d) && typeof d.Name === 'string' && typeof d.Value === 'string');
  if (ok) return v as Dimension[];
  return a.fail('dimensions', 'a list of {"Name": "...", "Value": "..."} mappings');
}

/** The single dimension given as dimension_name and dimension_value, which only work as a pair. */
function singleDimension(a: PyArgs): Dimension[] {
  const name = a.str('dimension_name');
  const value = a.str('dimension_value');
  if (name === undefined || value === undefined) {
    const missing = name === undefined ? 'dimension_name' : 'dimension_value';
    throw new ActivityFailed(`${a.fn}: ${missing} is missing: give both dimension_name and dimension_value, or a list in dimensions`);
  }
  return [{ Name: name, Value: value }];
}

function requireSomeDimension(a: PyArgs): void {
  if (a.raw('dimensions') === undefined && a.raw('dimension_name') === undefined && a.raw('dimension_value') === undefined) {
    throw new ActivityFailed('You must supply argument for dimensions');
  }
}

/**
 * The state of a CloudWatch alarm: "OK", "ALARM" or "INSUFFICIENT_DATA". chaosaws asks for metric
 * alarms only (DescribeAlarms' default) and so reports a composite alarm as not found; here both
 * kinds are asked for, and a metric alarm wins when both share the name.
 */
export async function get_alarm_state_value(args: Args, call: AwsCall): Promise<unknown> {
  const a = new PyArgs('chaosaws.cloudwatch.probes.get_alarm_state_value', args);
  const cloudwatch = await call.client(CloudWatchClient);
  const name = a.requiredStr('alarm_name');
  const command = new DescribeAlarmsCommand({ AlarmNames: [name], AlarmTypes: ['MetricAlarm', 'CompositeAlarm'] });
  const out = await boto('DescribeAlarms', cloudwatch.send(command, { abortSignal: call.signal }));
  const alarm = out.MetricAlarms?.[0] ?? out.CompositeAlarms?.[0];
  if (!alarm) throw new ActivityFailed(`CloudWatch alarm name ${name} not found`);
  return alarm.StateValue ?? null;
}

/**
 * One statistic of a metric over [now - offset - duration, now - offset], with one period covering
 * the window. No datapoint gives 0, as in chaosaws (indistinguishable from a measured 0).
 */
export async function get_metric_statistics(args: Args, call: AwsCall): Promise<unknown> {
  const a = new PyArgs('chaosaws.cloudwatch.probes.get_metric_statistics', args);
  const cloudwatch = await call.client(CloudWatchClient);
  const statistic = a.str('statistic');
  const extended = a.str('extended_statistic');
  if (statistic === undefined && extended === undefined) {
    throw new ActivityFailed('You must supply argument for statistic or extended_statistic');
  }
  requireSomeDimension(a);
  const duration = intArg(a, 'duration', 60);
  const offset = a.num('offset') ?? 0;
  const dimensions = dimensionsArg(a);
  const unit = a.str('unit');
  const end = new Date(Date.now() - offset * 1000);
  const command = new GetMetricStatisticsCommand({
    Namespace: a.requiredStr('namespace'),
    MetricName: a.requiredStr('metric_name'),
    StartTime: new Date(end.getTime() - duration * 1000),
    EndTime: end,
    Period: duration,
    Dimensions: dimensions?.length ? dimensions : singleDimension(a),
    ...(statistic ? { Statistics: [statistic as Statistic] } : {}),
    ...(extended ? { ExtendedStatistics: [extended] } : {}),
    ...(unit ? { Unit: unit as StandardUnit } : {}),
  });
  const out = await boto('GetMetricStatistics', cloudwatch.send(command, { abortSignal: call.signal }));
  const datapoint: Datapoint | undefined = out.Datapoints?.[0];
  if (!datapoint) return 0;
  const key = statistic || undefined;
  const value = key ? (datapoint as Record<string, unknown>)[key] : extended ? datapoint.ExtendedStatistics?.[extended] : null;
  if (value === undefined) {
    // chaosaws's message ends with the KeyError: the key that was missing, "ExtendedStatistics"
    // itself when the datapoint has none (as moto answers a percentile).
    const missing = key ?? (datapoint.ExtendedStatistics === undefined ? 'ExtendedStatistics' : extended);
    throw new ActivityFailed(`Unable to parse response '${pythonRepr(botoResponse(out))}': '${pythonRepr(missing)}'`);
  }
  return value;
}

/** Python's round(x, 2): the nearest hundredth of the exact binary value, ties to even. */
export function pythonRound2(x: number): number {
  if (!Number.isFinite(x) || Math.abs(x) >= 1e15) return x;
  // A binary float lies exactly halfway between two hundredths only when it is an odd multiple of
  // 1/8 (0.125, 0.375, …); toFixed breaks such ties away from zero, Python breaks them to even.
  if (Number.isInteger(x * 8) && !Number.isInteger(x * 4)) {
    const lower = Math.floor(x * 100);
    return (lower % 2 === 0 ? lower : lower + 1) / 100;
  }
  return Number(x.toFixed(2));
}

/** statistics.mean computes the exact mean; a compensated sum comes within rounding of it. */
function mean(values: readonly number[]): number {
  let sum = 0;
  let compensation = 0;
  for (const v of values) {
    const t = sum + v;
    compensation += Math.abs(sum) >= Math.abs(v) ? sum - t + v : v - t + sum;
    sum = t;
  }
  return (sum + compensation) / values.length;
}

function aggregate(statistic: string, values: readonly number[]): number {
  if (statistic === 'Sum') return values.reduce((s, v) => s + v, 0);
  if (statistic === 'Minimum') return values.reduce((m, v) => Math.min(m, v), Infinity);
  if (statistic === 'Maximum') return values.reduce((m, v) => Math.max(m, v), -Infinity);
  return mean(values);
}

/**
 * The values of one metric over [now - duration, now - offset], each a `period` long, reduced by
 * `statistic` (Sum, Minimum, Maximum, else the mean) and rounded to 2 decimals; 0 when there are
 * none. chaosaws sends Stat=None when no statistic is given, which boto3 rejects; here the query
 * then asks for "Average", which is what its mean of the values implies.
 */
export async function get_metric_data(args: Args, call: AwsCall): Promise<unknown> {
  const a = new PyArgs('chaosaws.cloudwatch.probes.get_metric_data', args);
  requireSomeDimension(a);
  const metricName = a.requiredStr('metric_name');
  const statistic = a.str('statistic') ?? 'Average';
  const duration = intArg(a, 'duration', 300);
  const period = intArg(a, 'period', 60);
  const offset = a.num('offset') ?? 0;
  const dimensions = dimensionsArg(a);
  const unit = a.str('unit');
  // As chaosaws: a non-empty list wins, then the name/value pair; an explicit empty list asks for
  // the metric without dimensions.
  let chosen: Dimension[] | undefined;
  if (dimensions?.length) chosen = dimensions;
  else if (dimensions === undefined || a.raw('dimension_name') !== undefined || a.raw('dimension_value') !== undefined) chosen = singleDimension(a);
  const now = Date.now();
  const command = new GetMetricDataCommand({
    MetricDataQueries: [
      {
        Id: 'm1',
        MetricStat: {
          Metric: {
            Namespace: a.requiredStr('namespace'),
            MetricName: metricName,
            ...(chosen ? { Dimensions: chosen } : {}),
          },
          Period: period,
          Stat: statistic,
          ...(unit ? { Unit: unit as StandardUnit } : {}),
        },
        Label: metricName,
      },
    ],
    StartTime: new Date(now - duration * 1000),
    EndTime: new Date(now - offset * 1000),
  });
  const cloudwatch = await call.client(CloudWatchClient);
  const out = await boto('GetMetricData', cloudwatch.send(command, { abortSignal: call.signal }));
  const byLabel = new Map<string | undefined, number[]>();
  for (const r of out.MetricDataResults ?? []) {
    const values = byLabel.get(r.Label) ?? [];
    values.push(...(r.Values ?? []));
    byLabel.set(r.Label, values);
  }
  let result = 0;
  for (const values of byLabel.values()) if (values.length > 0) result = aggregate(statistic, values);
  return pythonRound2(result);
}

/** A datum's Timestamp as botocore accepts it (ISO 8601 text or epoch seconds), as a Date. */
function datum(a: PyArgs, raw: unknown, index: number): MetricDatum {
  if (!isMapping(raw)) return a.fail('metric_data', `a list of mappings (item ${index} is not one)`);
  const ts = raw.Timestamp;
  if (ts === undefined || ts === null) return raw as unknown as MetricDatum;
  const date = typeof ts === 'number' ? new Date(ts * 1000) : typeof ts === 'string' ? new Date(ts) : undefined;
  if (!date || Number.isNaN(date.getTime())) {
    throw new ActivityFailed(
      `${a.fn}: metric_data item ${index} has Timestamp ${pythonRepr(ts)}: give an ISO 8601 time such as "2024-05-01T12:00:00Z" or epoch seconds`,
    );
  }
  return { ...(raw as unknown as MetricDatum), Timestamp: date };
}

/** Publishes metric data points; returns None, as chaosaws does. */
export async function put_metric_data(args: Args, call: AwsCall): Promise<unknown> {
  const a = new PyArgs('chaosaws.cloudwatch.actions.put_metric_data', args);
  const namespace = a.requiredStr('namespace');
  const list = a.raw('metric_data');
  if (!Array.isArray(list)) return a.fail('metric_data', 'a list of metric datum mappings');
  const data = list.map((d, i) => datum(a, d, i));
  const cloudwatch = await call.client(CloudWatchClient);
  await call.mutate('cloudwatch:PutMetricData', [{ kind: 'cloudwatch:namespace', id: namespace }]);
  try {
    await boto('PutMetricData', cloudwatch.send(new PutMetricDataCommand({ Namespace: namespace, MetricData: data }), { abortSignal: call.signal }));
  } catch (err) {
    throw new ActivityFailed(awsMessage(err));
  }
  return null;
}
