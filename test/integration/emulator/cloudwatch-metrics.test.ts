/**
 * CloudWatch metric data over HTTP with the real SDK client: PutMetricData in its three forms,
 * GetMetricData (several queries, every statistic, ordering, paging), GetMetricStatistics and
 * ListMetrics. Data is published at fixed past minutes so the expected buckets are exact.
 */
import {
  CloudWatchClient,
  GetMetricDataCommand,
  GetMetricStatisticsCommand,
  ListMetricsCommand,
  PutMetricDataCommand,
} from '@aws-sdk/client-cloudwatch';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type RunningEmulator } from '../../../src/emulator/index.js';

let emu: RunningEmulator;
let cw: CloudWatchClient;
const MIN = 60_000;
/** Three whole minutes in the past: t0, t0+1m, t0+2m. */
const t0 = Math.floor(Date.now() / MIN) * MIN - 10 * MIN;
const dims = [{ Name: 'Service', Value: 'api' }];

beforeAll(async () => {
  emu = await startEmulator({ quotas: false });
  cw = new CloudWatchClient({
    endpoint: emu.url,
    region: 'us-east-1',
    credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
    maxAttempts: 1,
  });
  await cw.send(
    new PutMetricDataCommand({
      Namespace: 'App',
      MetricData: [
        { MetricName: 'Latency', Dimensions: dims, Timestamp: new Date(t0 + 1_000), Value: 10, Unit: 'Milliseconds' },
        { MetricName: 'Latency', Dimensions: dims, Timestamp: new Date(t0 + 2_000), Value: 30, Unit: 'Milliseconds' },
        {
          MetricName: 'Latency',
          Dimensions: dims,
          Timestamp: new Date(t0 + MIN),
          Values: [5, 50, 500],
          Counts: [90, 9, 1],
          Unit: 'Milliseconds',
        },
        {
          MetricName: 'Latency',
          Dimensions: dims,
          Timestamp: new Date(t0 + 2 * MIN),
          StatisticValues: { SampleCount: 4, Sum: 40, Minimum: 1, Maximum: 20 },
          Unit: 'Milliseconds',
        },
        { MetricName: 'Requests', Dimensions: dims, Timestamp: new Date(t0), Value: 7, Unit: 'Count' },
        {
          MetricName: 'Requests',
          Dimensions: [...dims, { Name: 'Route', Value: 'GET /' }],
          Timestamp: new Date(t0),
          Value: 3,
          Unit: 'Count',
        },
      ],
    }),
  );
  await cw.send(new PutMetricDataCommand({ Namespace: 'Other', MetricData: [{ MetricName: 'Requests', Value: 1 }] }));
});
afterAll(async () => {
  cw.destroy();
  await emu.stop();
});

const latency = (Id: string, Stat: string, Period = 60) => ({
  Id,
  MetricStat: { Metric: { Namespace: 'App', MetricName: 'Latency', Dimensions: dims }, Period, Stat },
});

describe('CloudWatch metric data', () => {
  it('answers several GetMetricData queries at once, every statistic, newest first', async () => {
    const res = await cw.send(
      new GetMetricDataCommand({
        StartTime: new Date(t0),
        EndTime: new Date(t0 + 3 * MIN),
        MetricDataQueries: [
          latency('sum', 'Sum'),
          latency('avg', 'Average'),
          latency('min', 'Minimum'),
          latency('max', 'Maximum'),
          latency('n', 'SampleCount'),
          latency('p50', 'p50'),
          { ...latency('p99', 'p99'), Label: 'tail' },
        ],
      }),
    );
    const byId = Object.fromEntries(res.MetricDataResults!.map((r) => [r.Id, r]));
    expect(byId.sum.Timestamps!.map((d: Date) => d.getTime())).toEqual([t0 + 2 * MIN, t0 + MIN, t0]);
    expect(byId.sum.Values).toEqual([40, 5 * 90 + 50 * 9 + 500, 40]);
    expect(byId.avg.Values).toEqual([10, (450 + 450 + 500) / 100, 20]);
    expect(byId.min.Values).toEqual([1, 5, 10]);
    expect(byId.max.Values).toEqual([20, 500, 30]);
    expect(byId.n.Values).toEqual([4, 100, 2]);
    // Percentiles need the distribution: the StatisticValues minute (t0+2m) has none, as on AWS.
    expect(byId.p50.Timestamps!.map((d: Date) => d.getTime())).toEqual([t0 + MIN, t0]);
    expect(byId.p50.Values).toEqual([5, 10]);
    expect(byId.p99).toMatchObject({ Label: 'tail', Values: [50, 30], StatusCode: 'Complete' });
    expect(byId.sum.Label).toBe('Latency');
  });

  it('buckets by Period, orders ascending on request and pages with MaxDatapoints/NextToken', async () => {
    const wide = await cw.send(
      new GetMetricDataCommand({
        StartTime: new Date(t0 - 60 * MIN),
        EndTime: new Date(t0 + 60 * MIN),
        MetricDataQueries: [latency('n', 'SampleCount', 3600)],
      }),
    );
    expect(wide.MetricDataResults![0].Values!.reduce((s, v) => s + v, 0)).toBe(106);

    const asc = await cw.send(
      new GetMetricDataCommand({
        StartTime: new Date(t0),
        EndTime: new Date(t0 + 3 * MIN),
        ScanBy: 'TimestampAscending',
        MetricDataQueries: [latency('n', 'SampleCount')],
      }),
    );
    expect(asc.MetricDataResults![0].Values).toEqual([2, 100, 4]);

    const seen: number[] = [];
    let NextToken: string | undefined;
    let calls = 0;
    do {
      const page = await cw.send(
        new GetMetricDataCommand({
          StartTime: new Date(t0),
          EndTime: new Date(t0 + 3 * MIN),
          MaxDatapoints: 2,
          NextToken,
          MetricDataQueries: [latency('n', 'SampleCount')],
        }),
      );
      seen.push(...page.MetricDataResults![0].Values!);
      NextToken = page.NextToken;
      calls++;
    } while (NextToken);
    expect(seen).toEqual([4, 100, 2]);
    expect(calls).toBe(2);
  });

  it('counts periods from StartTime rounded down to the minute, as CloudWatch does', async () => {
    const res = await cw.send(
      new GetMetricDataCommand({
        StartTime: new Date(t0 + 30_000),
        EndTime: new Date(t0 + 4 * MIN),
        ScanBy: 'TimestampAscending',
        MetricDataQueries: [latency('n', 'SampleCount', 120)],
      }),
    );
    expect(res.MetricDataResults![0].Timestamps!.map((d: Date) => d.getTime())).toEqual([t0, t0 + 2 * MIN]);
    expect(res.MetricDataResults![0].Values).toEqual([102, 4]);
  });

  it('matches a metric by its exact dimension set', async () => {
    const q = (Dimensions: typeof dims) => ({
      Id: 'r',
      MetricStat: { Metric: { Namespace: 'App', MetricName: 'Requests', Dimensions }, Period: 60, Stat: 'Sum' },
    });
    const res = await cw.send(
      new GetMetricDataCommand({
        StartTime: new Date(t0),
        EndTime: new Date(t0 + MIN),
        MetricDataQueries: [
          q(dims),
          { ...q([{ Name: 'Route', Value: 'GET /' }, ...dims]), Id: 'route' },
          { ...q([]), Id: 'none' },
        ],
      }),
    );
    expect(res.MetricDataResults!.map((r) => r.Values)).toEqual([[7], [3], []]);
  });

  it('GetMetricStatistics returns the requested statistics per period', async () => {
    const res = await cw.send(
      new GetMetricStatisticsCommand({
        Namespace: 'App',
        MetricName: 'Latency',
        Dimensions: dims,
        StartTime: new Date(t0),
        EndTime: new Date(t0 + 2 * MIN),
        Period: 60,
        Statistics: ['Sum', 'SampleCount', 'Maximum'],
      }),
    );
    const points = [...res.Datapoints!].sort((a, b) => a.Timestamp!.getTime() - b.Timestamp!.getTime());
    expect(points).toEqual([
      { Timestamp: new Date(t0), Sum: 40, SampleCount: 2, Maximum: 30, Unit: 'Milliseconds' },
      { Timestamp: new Date(t0 + MIN), Sum: 1400, SampleCount: 100, Maximum: 500, Unit: 'Milliseconds' },
    ]);
    const ext = await cw.send(
      new GetMetricStatisticsCommand({
        Namespace: 'App',
        MetricName: 'Latency',
        Dimensions: dims,
        StartTime: new Date(t0 + MIN),
        EndTime: new Date(t0 + 2 * MIN),
        Period: 60,
        ExtendedStatistics: ['p90', 'p99.9'],
      }),
    );
    expect(ext.Datapoints![0].ExtendedStatistics).toEqual({ p90: 5, 'p99.9': 500 });
    await expect(
      cw.send(
        new GetMetricStatisticsCommand({
          Namespace: 'App',
          MetricName: 'Latency',
          StartTime: new Date(t0 - 2 * 86_400_000),
          EndTime: new Date(t0),
          Period: 60,
          Statistics: ['Sum'],
        }),
      ),
    ).rejects.toMatchObject({
      name: 'InvalidParameterCombinationException',
      message: expect.stringContaining('1,440'),
    });
  });

  it('ListMetrics filters by namespace, name and dimensions', async () => {
    const all = await cw.send(new ListMetricsCommand({ Namespace: 'App' }));
    expect(all.Metrics!.map((m) => m.MetricName).sort()).toEqual(['Latency', 'Requests', 'Requests']);
    const route = await cw.send(new ListMetricsCommand({ MetricName: 'Requests', Dimensions: [{ Name: 'Route' }] }));
    expect(route.Metrics).toEqual([
      {
        Namespace: 'App',
        MetricName: 'Requests',
        Dimensions: [
          { Name: 'Route', Value: 'GET /' },
          { Name: 'Service', Value: 'api' },
        ],
      },
    ]);
    const recent = await cw.send(new ListMetricsCommand({ Namespace: 'Other', RecentlyActive: 'PT3H' }));
    expect(recent.Metrics).toHaveLength(1);
  });

  it.each([
    [
      'an AWS/ namespace',
      { Namespace: 'AWS/ApiGateway', MetricData: [{ MetricName: 'Count', Value: 1 }] },
      'InvalidParameterValueException',
    ],
    [
      'a timestamp three weeks old',
      {
        Namespace: 'App',
        MetricData: [{ MetricName: 'X', Value: 1, Timestamp: new Date(Date.now() - 21 * 86_400_000) }],
      },
      'InvalidParameterValueException',
    ],
    [
      'both Value and Values',
      { Namespace: 'App', MetricData: [{ MetricName: 'X', Value: 1, Values: [1] }] },
      'InvalidParameterCombinationException',
    ],
    ['no data', { Namespace: 'App', MetricData: [] }, 'MissingRequiredParameterException'],
  ])('refuses PutMetricData with %s', async (_l, input, error) => {
    await expect(cw.send(new PutMetricDataCommand(input))).rejects.toMatchObject({
      name: error,
      $metadata: { httpStatusCode: 400 },
    });
  });

  it.each([
    ['StartTime after EndTime', { StartTime: new Date(t0 + MIN), EndTime: new Date(t0) }],
    ['a metric math expression', { MetricDataQueries: [{ Id: 'e', Expression: 'SUM(METRICS())' }] }],
    ['an Id starting upper-case', { MetricDataQueries: [{ ...latency('x', 'Sum'), Id: 'Bad' }] }],
    ['an unknown statistic', { MetricDataQueries: [latency('x', 'Median')] }],
  ])('refuses GetMetricData with %s', async (_l, over) => {
    // GetMetricData's model lists only InvalidNextToken: bad queries are CloudWatch's generic ValidationError.
    await expect(
      cw.send(
        new GetMetricDataCommand({
          StartTime: new Date(t0),
          EndTime: new Date(t0 + MIN),
          MetricDataQueries: [latency('x', 'Sum')],
          ...over,
        }),
      ),
    ).rejects.toMatchObject({ name: 'ValidationException' });
  });
});
