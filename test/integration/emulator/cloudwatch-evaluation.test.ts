/**
 * Alarm evaluation against a controlled clock: the pure evaluator table-driven, and the
 * CloudWatch module over HTTP with an injected `now`, so "time passing" is exact: data ages out
 * of the evaluation window, DescribeAlarms re-evaluates once a minute has passed, and a
 * SetAlarmState holds until then.
 */
import {
  CloudWatchClient,
  DescribeAlarmsCommand,
  PutMetricAlarmCommand,
  PutMetricDataCommand,
  SetAlarmStateCommand,
} from '@aws-sdk/client-cloudwatch';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type RunningEmulator } from '../../../src/emulator/index.js';
import { createCloudWatchModule } from '../../../src/emulator/cloudwatch/index.js';
import { evaluateAlarm, javaDouble, reasonDate } from '../../../src/emulator/cloudwatch/alarm-evaluation.js';
import type { Datum, MetricAlarm } from '../../../src/emulator/cloudwatch/types.js';

const MIN = 60_000;
const NOW = Date.UTC(2026, 10, 23, 9, 1, 30);

const base: MetricAlarm = {
  AlarmName: 'a',
  AlarmArn: 'arn',
  AlarmConfigurationUpdatedTimestamp: 0,
  ActionsEnabled: true,
  OKActions: [],
  AlarmActions: [],
  InsufficientDataActions: [],
  StateValue: 'INSUFFICIENT_DATA',
  StateReason: '',
  StateUpdatedTimestamp: 0,
  StateTransitionedTimestamp: 0,
  Namespace: 'N',
  MetricName: 'M',
  Dimensions: [],
  Statistic: 'Sum',
  Period: 60,
  EvaluationPeriods: 1,
  Threshold: 5,
  ComparisonOperator: 'GreaterThanThreshold',
  Tags: [],
};
const at = (minutesAgo: number, value: number): Datum => ({
  t: NOW - minutesAgo * MIN,
  sampleCount: 1,
  sum: value,
  min: value,
  max: value,
  values: [value],
  counts: [1],
});

describe('evaluateAlarm', () => {
  it.each([
    [
      'breach in the current minute',
      {},
      [at(0, 12)],
      'ALARM',
      'Threshold Crossed: 1 datapoint [12.0 (23/11/26 09:01:00)] was greater than the threshold (5.0).',
    ],
    [
      'equal is not greater',
      {},
      [at(0, 5)],
      'OK',
      'Threshold Crossed: 1 datapoint [5.0 (23/11/26 09:01:00)] was not greater than the threshold (5.0).',
    ],
    [
      'equal is greater-or-equal',
      { ComparisonOperator: 'GreaterThanOrEqualToThreshold' },
      [at(0, 5)],
      'ALARM',
      'Threshold Crossed: 1 datapoint [5.0 (23/11/26 09:01:00)] was greater than or equal to the threshold (5.0).',
    ],
    [
      'less than',
      { ComparisonOperator: 'LessThanThreshold', Threshold: 0.5 },
      [at(0, 0.25)],
      'ALARM',
      'Threshold Crossed: 1 datapoint [0.25 (23/11/26 09:01:00)] was less than the threshold (0.5).',
    ],
    [
      'data older than the window is missing',
      {},
      [at(1, 12)],
      'INSUFFICIENT_DATA',
      'Insufficient Data: 1 datapoint was unknown.',
    ],
    [
      'sum within the period',
      {},
      [at(0, 3), at(0, 3)],
      'ALARM',
      'Threshold Crossed: 1 datapoint [6.0 (23/11/26 09:01:00)] was greater than the threshold (5.0).',
    ],
    [
      'average within the period',
      { Statistic: 'Average' },
      [at(0, 3), at(0, 3)],
      'OK',
      'Threshold Crossed: 1 datapoint [3.0 (23/11/26 09:01:00)] was not greater than the threshold (5.0).',
    ],
    [
      '3 of 3 needed, 2 breach',
      { EvaluationPeriods: 3 },
      [at(0, 9), at(1, 9), at(2, 1)],
      'OK',
      'Threshold Crossed: 1 datapoint [1.0 (23/11/26 08:59:00)] was not greater than the threshold (5.0).',
    ],
    [
      '2 of 3 needed, 2 breach',
      { EvaluationPeriods: 3, DatapointsToAlarm: 2 },
      [at(0, 9), at(1, 8), at(2, 1)],
      'ALARM',
      'Threshold Crossed: 2 out of the last 3 datapoints [9.0 (23/11/26 09:01:00), 8.0 (23/11/26 09:00:00)] were greater than the threshold (5.0) (minimum 2 datapoints for OK -> ALARM transition).',
    ],
    [
      'missing as breaching completes M of N',
      { EvaluationPeriods: 2, TreatMissingData: 'breaching' },
      [at(0, 9)],
      'ALARM',
      'Threshold Crossed: 2 out of the last 2 datapoints [9.0 (23/11/26 09:01:00)] were greater than the threshold (5.0) (minimum 2 datapoints for OK -> ALARM transition).',
    ],
    [
      'no data, notBreaching',
      { TreatMissingData: 'notBreaching' },
      [],
      'OK',
      'Threshold Crossed: 1 datapoint was not greater than the threshold (5.0).',
    ],
    [
      'p90 of a distribution',
      { Statistic: undefined, ExtendedStatistic: 'p90', Threshold: 100 },
      [{ t: NOW, sampleCount: 10, sum: 0, min: 10, max: 900, values: [10, 900], counts: [8, 2] }],
      'ALARM',
      'Threshold Crossed: 1 datapoint [900.0 (23/11/26 09:01:00)] was greater than the threshold (100.0).',
    ],
  ] as const)('%s', (_l, over, points, state, reason) => {
    const r = evaluateAlarm({ ...base, ...over } as MetricAlarm, [...points] as Datum[], NOW);
    expect(r).toMatchObject({ state, reason });
  });

  it('keeps the state under TreatMissingData ignore when there is no data', () => {
    expect(evaluateAlarm({ ...base, TreatMissingData: 'ignore' }, [], NOW)).toBeUndefined();
  });

  it('writes StateReasonData with chronological recentDatapoints', () => {
    const r = evaluateAlarm({ ...base, EvaluationPeriods: 2 }, [at(1, 7), at(0, 9)], NOW)!;
    expect(JSON.parse(r.reasonData!)).toEqual({
      version: '1.0',
      queryDate: '2026-11-23T09:01:30.000+0000',
      startDate: '2026-11-23T09:00:00.000+0000',
      statistic: 'Sum',
      period: 60,
      recentDatapoints: [7, 9],
      threshold: 5,
      evaluatedDatapoints: [
        { timestamp: '2026-11-23T09:01:00.000+0000', sampleCount: 1, value: 9 },
        { timestamp: '2026-11-23T09:00:00.000+0000', sampleCount: 1, value: 7 },
      ],
    });
  });

  it.each([
    [12, '12.0'],
    [0.05, '0.05'],
    [-3, '-3.0'],
    [1.5, '1.5'],
  ])('prints %d as %s', (v, s) => expect(javaDouble(v)).toBe(s));
  it('formats reason dates as dd/MM/yy HH:mm:ss UTC', () =>
    expect(reasonDate(Date.UTC(2026, 0, 2, 3, 4, 5))).toBe('02/01/26 03:04:05'));
});

describe('alarm evaluation as time passes (emulator with a controlled clock)', () => {
  let emu: RunningEmulator;
  let cw: CloudWatchClient;
  let clock = NOW;

  beforeAll(async () => {
    emu = await startEmulator({ quotas: false, modules: [(ctx) => createCloudWatchModule(ctx, { now: () => clock })] });
    cw = new CloudWatchClient({
      endpoint: emu.url,
      region: 'us-east-1',
      credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
      maxAttempts: 1,
    });
  });
  afterAll(async () => {
    cw.destroy();
    await emu.stop();
  });

  const state = async (name: string) =>
    (await cw.send(new DescribeAlarmsCommand({ AlarmNames: [name] }))).MetricAlarms![0];

  it('lets data age out of the window (ALARM → INSUFFICIENT_DATA) and holds SetAlarmState until the next minute', async () => {
    clock = NOW;
    await cw.send(
      new PutMetricAlarmCommand({
        AlarmName: 'aging',
        Namespace: 'App',
        MetricName: 'Err',
        Statistic: 'Sum',
        Period: 60,
        EvaluationPeriods: 2,
        DatapointsToAlarm: 1,
        Threshold: 5,
        ComparisonOperator: 'GreaterThanThreshold',
      }),
    );
    await cw.send(
      new PutMetricDataCommand({
        Namespace: 'App',
        MetricData: [{ MetricName: 'Err', Value: 10, Timestamp: new Date(clock) }],
      }),
    );
    expect((await state('aging')).StateValue).toBe('ALARM');

    clock = NOW + MIN; // the breaching minute is still in the 2-period window
    expect((await state('aging')).StateValue).toBe('ALARM');
    await cw.send(new SetAlarmStateCommand({ AlarmName: 'aging', StateValue: 'OK', StateReason: 'manual' }));
    expect(await state('aging')).toMatchObject({ StateValue: 'OK', StateReason: 'manual' });

    clock = NOW + 2 * MIN; // next evaluation: the data has left the window
    const a = await state('aging');
    expect(a).toMatchObject({
      StateValue: 'INSUFFICIENT_DATA',
      StateReason: 'Insufficient Data: 2 datapoints were unknown.',
    });
    expect(a.StateUpdatedTimestamp!.getTime()).toBe(NOW + 2 * MIN);
    expect(a.StateTransitionedTimestamp!.getTime()).toBe(NOW + 2 * MIN);
  });
});
