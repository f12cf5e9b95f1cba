/**
 * CloudWatch alarms over HTTP with the real SDK client (AWS JSON 1.0): PutMetricAlarm,
 * DescribeAlarms filters and paging, SetAlarmState, DeleteAlarms, and state transitions driven
 * by PutMetricData. Alarms here use one-day periods so a minute (or hour) boundary passing
 * mid-test cannot move the evaluation window.
 */
import {
  CloudWatchClient,
  DeleteAlarmsCommand,
  DescribeAlarmsCommand,
  PutMetricAlarmCommand,
  PutMetricDataCommand,
  SetAlarmStateCommand,
  type PutMetricAlarmCommandInput,
} from '@aws-sdk/client-cloudwatch';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type RunningEmulator } from '../../../src/emulator/index.js';
import { reasonDate } from '../../../src/emulator/cloudwatch/alarm-evaluation.js';

let emu: RunningEmulator;
let cw: CloudWatchClient;
const DAY = 86_400_000;

beforeAll(async () => {
  emu = await startEmulator({ quotas: false });
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

let n = 0;
/** A fresh metric per test so data never leaks between tests. */
const metricName = () => `Errors${++n}`;

function alarm(
  name: string,
  metric: string,
  over: Partial<PutMetricAlarmCommandInput> = {},
): PutMetricAlarmCommandInput {
  return {
    AlarmName: name,
    Namespace: 'Shop',
    MetricName: metric,
    Dimensions: [{ Name: 'Service', Value: 'cart' }],
    Statistic: 'Sum',
    Period: 86400,
    EvaluationPeriods: 1,
    Threshold: 5,
    ComparisonOperator: 'GreaterThanThreshold',
    ...over,
  };
}

const put = (metric: string, Value: number, Timestamp = new Date()) =>
  cw.send(
    new PutMetricDataCommand({
      Namespace: 'Shop',
      MetricData: [{ MetricName: metric, Dimensions: [{ Name: 'Service', Value: 'cart' }], Value, Timestamp }],
    }),
  );

const describeOne = async (name: string) =>
  (await cw.send(new DescribeAlarmsCommand({ AlarmNames: [name] }))).MetricAlarms![0];

const dayStart = (ms: number) => Math.floor(ms / DAY) * DAY;

describe('CloudWatch alarms', () => {
  it('starts INSUFFICIENT_DATA without data and round-trips its configuration', async () => {
    const m = metricName();
    await cw.send(
      new PutMetricAlarmCommand(
        alarm('cart-errors', m, {
          AlarmDescription: 'too many',
          TreatMissingData: 'missing',
          Tags: [{ Key: 'team', Value: 'shop' }],
        }),
      ),
    );
    const a = await describeOne('cart-errors');
    expect(a).toMatchObject({
      AlarmName: 'cart-errors',
      AlarmArn: 'arn:aws:cloudwatch:us-east-1:000000000000:alarm:cart-errors',
      AlarmDescription: 'too many',
      Namespace: 'Shop',
      MetricName: m,
      Dimensions: [{ Name: 'Service', Value: 'cart' }],
      Statistic: 'Sum',
      Period: 86400,
      EvaluationPeriods: 1,
      Threshold: 5,
      ComparisonOperator: 'GreaterThanThreshold',
      TreatMissingData: 'missing',
      ActionsEnabled: true,
      StateValue: 'INSUFFICIENT_DATA',
      StateReason: 'Insufficient Data: 1 datapoint was unknown.',
    });
    expect(a.StateUpdatedTimestamp).toBeInstanceOf(Date);
    expect(Math.abs(a.StateUpdatedTimestamp!.getTime() - Date.now())).toBeLessThan(DAY);
  });

  it('goes OK → ALARM → OK as data arrives, with AWS-worded reasons and reason data', async () => {
    const m = metricName();
    await cw.send(new PutMetricAlarmCommand(alarm('flip', m, { Statistic: 'Maximum' })));
    const t = new Date();
    const bucket = reasonDate(dayStart(t.getTime()));

    await put(m, 1, t);
    let a = await describeOne('flip');
    expect(a.StateValue).toBe('OK');
    expect(a.StateReason).toBe(
      `Threshold Crossed: 1 datapoint [1.0 (${bucket})] was not greater than the threshold (5.0).`,
    );

    await put(m, 12, t);
    a = await describeOne('flip');
    expect(a.StateValue).toBe('ALARM');
    expect(a.StateReason).toBe(
      `Threshold Crossed: 1 datapoint [12.0 (${bucket})] was greater than the threshold (5.0).`,
    );
    expect(JSON.parse(a.StateReasonData!)).toMatchObject({
      version: '1.0',
      statistic: 'Maximum',
      period: 86400,
      threshold: 5,
      recentDatapoints: [12],
    });
    expect(a.StateTransitionedTimestamp!.getTime()).toBeGreaterThanOrEqual(a.StateUpdatedTimestamp!.getTime() - 1);

    await cw.send(new PutMetricAlarmCommand(alarm('flip', m, { Statistic: 'Minimum' })));
    a = await describeOne('flip');
    expect(a.StateValue).toBe('OK');
    expect(a.Statistic).toBe('Minimum');
  });

  it('needs DatapointsToAlarm of EvaluationPeriods breaching (M of N), reasons name the datapoints', async () => {
    const m = metricName();
    await cw.send(
      new PutMetricAlarmCommand(alarm('m-of-n', m, { EvaluationPeriods: 3, DatapointsToAlarm: 2, Period: 86400 })),
    );
    const now = Date.now();
    await put(m, 9, new Date(now - 2 * DAY));
    expect((await describeOne('m-of-n')).StateValue).toBe('OK');
    await put(m, 7, new Date(now));
    const a = await describeOne('m-of-n');
    expect(a.StateValue).toBe('ALARM');
    expect(a.StateReason).toBe(
      `Threshold Crossed: 2 out of the last 3 datapoints [7.0 (${reasonDate(dayStart(now))}), 9.0 (${reasonDate(dayStart(now - 2 * DAY))})] were greater than the threshold (5.0) (minimum 2 datapoints for OK -> ALARM transition).`,
    );
  });

  it.each([
    ['breaching', 'ALARM'],
    ['notBreaching', 'OK'],
    ['missing', 'INSUFFICIENT_DATA'],
  ] as const)('TreatMissingData %s turns no data into %s', async (treat, state) => {
    await cw.send(new PutMetricAlarmCommand(alarm(`missing-${treat}`, metricName(), { TreatMissingData: treat })));
    expect((await describeOne(`missing-${treat}`)).StateValue).toBe(state);
  });

  it('evaluates percentiles (ExtendedStatistic) from published distributions', async () => {
    const m = metricName();
    await cw.send(
      new PutMetricAlarmCommand(alarm('p99', m, { Statistic: undefined, ExtendedStatistic: 'p99', Threshold: 500 })),
    );
    await cw.send(
      new PutMetricDataCommand({
        Namespace: 'Shop',
        MetricData: [
          {
            MetricName: m,
            Dimensions: [{ Name: 'Service', Value: 'cart' }],
            Values: [100, 900],
            Counts: [98, 2],
            Unit: 'Milliseconds',
          },
        ],
      }),
    );
    const a = await describeOne('p99');
    expect(a).toMatchObject({ ExtendedStatistic: 'p99', StateValue: 'ALARM' });
    expect(a.Statistic).toBeUndefined();
  });

  it('SetAlarmState holds until the next evaluation (new data), and fails for an unknown alarm', async () => {
    const m = metricName();
    await cw.send(new PutMetricAlarmCommand(alarm('manual', m)));
    await cw.send(
      new SetAlarmStateCommand({
        AlarmName: 'manual',
        StateValue: 'ALARM',
        StateReason: 'testing actions',
        StateReasonData: '{"by":"test"}',
      }),
    );
    let a = await describeOne('manual');
    expect(a).toMatchObject({ StateValue: 'ALARM', StateReason: 'testing actions', StateReasonData: '{"by":"test"}' });
    await put(m, 0);
    a = await describeOne('manual');
    expect(a.StateValue).toBe('OK');
    await expect(
      cw.send(new SetAlarmStateCommand({ AlarmName: 'ghost', StateValue: 'OK', StateReason: 'x' })),
    ).rejects.toMatchObject({
      name: 'ResourceNotFound',
      $metadata: { httpStatusCode: 404 },
    });
    await expect(
      cw.send(
        new SetAlarmStateCommand({ AlarmName: 'manual', StateValue: 'OK', StateReason: 'x', StateReasonData: '{no' }),
      ),
    ).rejects.toMatchObject({
      name: 'InvalidFormatFault',
    });
  });

  it('filters by names, prefix and state, and pages with MaxRecords/NextToken in name order', async () => {
    for (const name of ['pg-c', 'pg-a', 'pg-b', 'pg-e', 'pg-d']) {
      await cw.send(
        new PutMetricAlarmCommand(
          alarm(name, metricName(), { TreatMissingData: name === 'pg-b' ? 'breaching' : 'missing' }),
        ),
      );
    }
    const names: string[] = [];
    let NextToken: string | undefined;
    let pages = 0;
    do {
      const page = await cw.send(new DescribeAlarmsCommand({ AlarmNamePrefix: 'pg-', MaxRecords: 2, NextToken }));
      names.push(...page.MetricAlarms!.map((x) => x.AlarmName!));
      NextToken = page.NextToken;
      pages++;
    } while (NextToken);
    expect(names).toEqual(['pg-a', 'pg-b', 'pg-c', 'pg-d', 'pg-e']);
    expect(pages).toBe(3);

    const inAlarm = await cw.send(new DescribeAlarmsCommand({ AlarmNamePrefix: 'pg-', StateValue: 'ALARM' }));
    expect(inAlarm.MetricAlarms!.map((x) => x.AlarmName)).toEqual(['pg-b']);
    const byName = await cw.send(new DescribeAlarmsCommand({ AlarmNames: ['pg-d', 'pg-a', 'nope'] }));
    expect(byName.MetricAlarms!.map((x) => x.AlarmName)).toEqual(['pg-a', 'pg-d']);
    const composite = await cw.send(
      new DescribeAlarmsCommand({ AlarmNamePrefix: 'pg-', AlarmTypes: ['CompositeAlarm'] }),
    );
    expect(composite.MetricAlarms).toEqual([]);

    // DescribeAlarms' model lists only InvalidNextToken: other refusals are CloudWatch's generic ValidationError.
    await expect(cw.send(new DescribeAlarmsCommand({ AlarmNames: ['a'], AlarmNamePrefix: 'a' }))).rejects.toMatchObject(
      { name: 'ValidationException' },
    );
    // An enum value outside the model is CloudWatch's generic ValidationError (the SDK's ValidationException).
    await expect(cw.send(new DescribeAlarmsCommand({ StateValue: 'RED' as never }))).rejects.toMatchObject({
      name: 'ValidationException',
    });
    await expect(cw.send(new DescribeAlarmsCommand({ NextToken: 'bogus' }))).rejects.toMatchObject({
      name: 'InvalidNextToken',
    });
  });

  it('deletes alarms, and deletes none when one name is unknown', async () => {
    await cw.send(new PutMetricAlarmCommand(alarm('del-1', metricName())));
    await cw.send(new PutMetricAlarmCommand(alarm('del-2', metricName())));
    await expect(cw.send(new DeleteAlarmsCommand({ AlarmNames: ['del-1', 'ghost'] }))).rejects.toMatchObject({
      name: 'ResourceNotFound',
    });
    expect((await cw.send(new DescribeAlarmsCommand({ AlarmNamePrefix: 'del-' }))).MetricAlarms).toHaveLength(2);
    await cw.send(new DeleteAlarmsCommand({ AlarmNames: ['del-1', 'del-2'] }));
    expect((await cw.send(new DescribeAlarmsCommand({ AlarmNamePrefix: 'del-' }))).MetricAlarms).toEqual([]);
  });

  // PutMetricAlarm's model lists only LimitExceeded: AWS reports bad alarm input as ValidationError (the SDK's ValidationException).
  it.each([
    ['no statistic', { Statistic: undefined }, 'ValidationException'],
    ['both statistics', { ExtendedStatistic: 'p90' }, 'ValidationException'],
    ['a period of 45 s', { Period: 45 }, 'ValidationException'],
    [
      'DatapointsToAlarm above EvaluationPeriods',
      { DatapointsToAlarm: 3, EvaluationPeriods: 2 },
      'ValidationException',
    ],
    ['an unknown operator', { ComparisonOperator: 'Bigger' as never }, 'ValidationException'],
    ['no threshold', { Threshold: undefined }, 'ValidationException'],
  ])('refuses PutMetricAlarm with %s', async (_l, over, error) => {
    await expect(cw.send(new PutMetricAlarmCommand(alarm('bad', 'X', over)))).rejects.toMatchObject({ name: error });
  });

  it('accepts an alarm on a single MetricStat query (Metrics) and evaluates it', async () => {
    const m = metricName();
    await cw.send(
      new PutMetricAlarmCommand({
        AlarmName: 'metrics-form',
        EvaluationPeriods: 1,
        Threshold: 5,
        ComparisonOperator: 'GreaterThanOrEqualToThreshold',
        Metrics: [
          {
            Id: 'm1',
            ReturnData: true,
            MetricStat: {
              Metric: { Namespace: 'Shop', MetricName: m, Dimensions: [{ Name: 'Service', Value: 'cart' }] },
              Period: 86400,
              Stat: 'Sum',
            },
          },
        ],
      }),
    );
    await put(m, 5);
    const a = await describeOne('metrics-form');
    expect(a.StateValue).toBe('ALARM');
    expect(a.Metrics![0].MetricStat!.Metric!.MetricName).toBe(m);
    expect(a.MetricName).toBeUndefined();
    await expect(
      cw.send(
        new PutMetricAlarmCommand({
          AlarmName: 'math',
          EvaluationPeriods: 1,
          Threshold: 1,
          ComparisonOperator: 'GreaterThanThreshold',
          Metrics: [{ Id: 'e1', Expression: 'm1 * 2' }],
        }),
      ),
    ).rejects.toMatchObject({ name: 'ValidationException' });
  });
});
