/** readUsage against a mocked CloudWatch client: query shape, paging, batching, young-API windows. */
import { CloudWatchClient, GetMetricDataCommand, type GetMetricDataCommandInput } from '@aws-sdk/client-cloudwatch';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, describe, expect, it } from 'vitest';
import { MAX_QUERIES_PER_CALL, readUsage, type UsageTarget } from '../../../src/aws/usage.js';

const cw = mockClient(CloudWatchClient);
afterEach(() => cw.reset());
const client = new CloudWatchClient({ region: 'us-east-1', credentials: { accessKeyId: 'x', secretAccessKey: 'x' } });

const DAY = 86_400_000;
const now = new Date('2026-11-23T12:00:00Z');
const rest: UsageTarget = { apiKey: 'shop', kind: 'RestApi', apiId: 'r1', apiName: 'shop-api', stages: ['prod'] };
const http: UsageTarget = { apiKey: 'events', kind: 'HttpApi', apiId: 'h1', apiName: 'events-api', stages: ['live'] };
const ws: UsageTarget = { apiKey: 'chat', kind: 'WebSocketApi', apiId: 'w1', apiName: 'chat-api', stages: ['live'] };

describe('readUsage', () => {
  it('asks for REST Count by ApiName+Stage and HTTP Count+DataProcessed by ApiId+Stage, daily sums over 30 days', async () => {
    cw.on(GetMetricDataCommand).resolves({ MetricDataResults: [] });
    await readUsage(client, [rest, http], { now });
    const input = cw.commandCalls(GetMetricDataCommand)[0].args[0].input as GetMetricDataCommandInput;
    expect(input.StartTime).toEqual(new Date(now.getTime() - 30 * DAY));
    expect(input.EndTime).toEqual(now);
    expect(
      input.MetricDataQueries!.map((q) => [
        q.Id,
        q.MetricStat!.Metric!.MetricName,
        q.MetricStat!.Metric!.Dimensions,
        q.MetricStat!.Period,
        q.MetricStat!.Stat,
      ]),
    ).toEqual([
      [
        'q0',
        'Count',
        [
          { Name: 'ApiName', Value: 'shop-api' },
          { Name: 'Stage', Value: 'prod' },
        ],
        86400,
        'Sum',
      ],
      [
        'q1',
        'Count',
        [
          { Name: 'ApiId', Value: 'h1' },
          { Name: 'Stage', Value: 'live' },
        ],
        86400,
        'Sum',
      ],
      [
        'q2',
        'DataProcessed',
        [
          { Name: 'ApiId', Value: 'h1' },
          { Name: 'Stage', Value: 'live' },
        ],
        86400,
        'Sum',
      ],
    ]);
  });

  it('asks a WebSocket API for MessageCount and ConnectCount by ApiId+Stage: messages are its requests, connections kept apart', async () => {
    cw.on(GetMetricDataCommand).resolves({
      MetricDataResults: [
        {
          Id: 'q0',
          Values: [700, 300],
          Timestamps: [new Date(now.getTime() - 29 * DAY), new Date(now.getTime() - DAY)],
        },
        { Id: 'q1', Values: [40, 10], Timestamps: [new Date(now.getTime() - 29 * DAY), new Date(now.getTime() - DAY)] },
      ],
    });
    const m = await readUsage(client, [ws], { now });
    const input = cw.commandCalls(GetMetricDataCommand)[0].args[0].input as GetMetricDataCommandInput;
    expect(
      input.MetricDataQueries!.map((q) => [q.Id, q.MetricStat!.Metric!.MetricName, q.MetricStat!.Metric!.Dimensions]),
    ).toEqual([
      [
        'q0',
        'MessageCount',
        [
          { Name: 'ApiId', Value: 'w1' },
          { Name: 'Stage', Value: 'live' },
        ],
      ],
      [
        'q1',
        'ConnectCount',
        [
          { Name: 'ApiId', Value: 'w1' },
          { Name: 'Stage', Value: 'live' },
        ],
      ],
    ]);
    expect(m.get('chat')!.stages).toEqual({ live: { requests: 1000, connections: 50 } });
  });

  it('follows NextToken and adds the pages up', async () => {
    const t = (d: number) => new Date(now.getTime() - d * DAY);
    cw.on(GetMetricDataCommand)
      .resolvesOnce({
        MetricDataResults: [{ Id: 'q0', Values: [100, 200], Timestamps: [t(29.5), t(20)] }],
        NextToken: 'more',
      })
      .resolvesOnce({ MetricDataResults: [{ Id: 'q0', Values: [300], Timestamps: [t(1)] }] });
    const m = await readUsage(client, [rest], { now });
    expect(cw.commandCalls(GetMetricDataCommand).map((c) => c.args[0].input.NextToken)).toEqual([undefined, 'more']);
    expect(m.get('shop')).toEqual({ windowDays: 30, stages: { prod: { requests: 600 } } });
  });

  it('measures a young API over its own life, not the whole window', async () => {
    cw.on(GetMetricDataCommand).resolves({
      MetricDataResults: [
        {
          Id: 'q0',
          Values: [500, 500],
          Timestamps: [new Date(now.getTime() - 10 * DAY), new Date(now.getTime() - 5 * DAY)],
        },
      ],
    });
    const m = await readUsage(client, [rest], { now });
    expect(m.get('shop')!.windowDays).toBe(10);
  });

  it(`splits more than ${MAX_QUERIES_PER_CALL} queries into several calls`, async () => {
    cw.on(GetMetricDataCommand).resolves({ MetricDataResults: [] });
    const many: UsageTarget = { ...rest, stages: Array.from({ length: MAX_QUERIES_PER_CALL + 1 }, (_, i) => `s${i}`) };
    await readUsage(client, [many], { now });
    expect(cw.commandCalls(GetMetricDataCommand).map((c) => c.args[0].input.MetricDataQueries!.length)).toEqual([
      MAX_QUERIES_PER_CALL,
      1,
    ]);
  });
});
