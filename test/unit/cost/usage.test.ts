import { describe, expect, it } from 'vitest';
import {
  connectionsFor,
  extrapolateToMonth,
  fromMeasured,
  requestsFor,
  resolveUsage,
} from '../../../src/cost/index.js';

describe('usage', () => {
  it.each([
    { count: 720, days: 30, monthly: 730 }, // 30 days = 720 h → × 730/720
    { count: 168, days: 7, monthly: 730 }, // one request an hour
    { count: 0, days: 30, monthly: 0 },
    { count: 5, days: 0, monthly: 0 },
  ])('extrapolates $count over $days days to $monthly a month', ({ count, days, monthly }) => {
    expect(extrapolateToMonth(count, days)).toBeCloseTo(monthly, 9);
  });

  it('derives the average size from DataProcessed over Count', () => {
    // 1000 requests carrying 600 KB each: 1000 × 600 × 1024 bytes
    const u = fromMeasured({ windowDays: 30, stages: { prod: { requests: 1000, bytes: 1000 * 600 * 1024 } } });
    expect(u.avgResponseKb).toBeCloseTo(600, 9);
    expect(u).toMatchObject({ source: 'cloudwatch', avgResponseKbSource: 'cloudwatch', windowDays: 30 });
  });

  it.each([
    { what: 'nothing known', declared: undefined, measured: undefined, source: 'none', monthly: 0 },
    {
      what: 'measured only',
      declared: undefined,
      measured: { windowDays: 30, stages: { prod: { requests: 720 } } },
      source: 'cloudwatch',
      monthly: 730,
    },
    {
      what: 'declared only',
      declared: { monthlyRequests: 5000 },
      measured: undefined,
      source: 'declared',
      monthly: 5000,
    },
    {
      what: 'declared overrides measured',
      declared: { monthlyRequests: 5000 },
      measured: { windowDays: 30, stages: { prod: { requests: 720 } } },
      source: 'declared',
      monthly: 5000,
    },
    {
      what: 'declared size only keeps measured counts',
      declared: { avgResponseKb: 700 },
      measured: { windowDays: 30, stages: { prod: { requests: 720 } } },
      source: 'cloudwatch',
      monthly: 730,
    },
  ])('$what → $source $monthly', ({ declared, measured, source, monthly }) => {
    const u = resolveUsage(declared, measured);
    expect(u.source).toBe(source);
    expect(u.monthlyRequests).toBeCloseTo(monthly, 9);
  });

  it('counts only the stages a configuration keeps when measured per stage', () => {
    const u = fromMeasured({ windowDays: 30, stages: { prod: { requests: 720 }, dev: { requests: 72 } } });
    expect(requestsFor(['prod', 'dev'], u)).toBeCloseTo(803, 9);
    expect(requestsFor(['prod'], u)).toBeCloseTo(730, 9);
    expect(requestsFor(['new'], u)).toBe(0);
    expect(requestsFor(['anything'], { source: 'declared', monthlyRequests: 42 })).toBe(42);
  });
});

describe('usageMap', () => {
  it('covers APIs on either side; declared comes from the desired side', async () => {
    const { usageMap } = await import('../../../src/cost/index.js');
    const m = usageMap({
      desired: { apis: { a: { usage: { monthlyRequests: 9 } }, b: {} } },
      live: { apis: { b: {}, gone: {} } },
      measured: new Map([['gone', { windowDays: 30, stages: { prod: { requests: 720 } } }]]),
    });
    expect([...m.keys()]).toEqual(['a', 'b', 'gone']);
    expect(m.get('a')).toMatchObject({ source: 'declared', monthlyRequests: 9 });
    expect(m.get('b')).toMatchObject({ source: 'none', monthlyRequests: 0 });
    expect(m.get('gone')).toMatchObject({ source: 'cloudwatch', monthlyRequests: 730 });
  });
});

describe('WebSocket usage', () => {
  it('measured ConnectCount per stage, declared messages/connections override, the duration only ever declared', () => {
    const measured = {
      windowDays: 30,
      stages: { live: { requests: 720, connections: 72 }, beta: { requests: 0, connections: 0 } },
    };
    const m = fromMeasured(measured);
    expect(m.monthlyConnections).toBeCloseTo(73, 9);
    expect(connectionsFor(['live'], m)).toBeCloseTo(73, 9);
    expect(connectionsFor(['new'], m)).toBe(0);
    expect(m.avgConnectionMinutes).toBeUndefined();

    const d = resolveUsage(
      { monthlyMessages: 9000, monthlyConnections: 300, avgConnectionMinutes: 5, avgMessageKb: 40 },
      measured,
    );
    expect(d).toMatchObject({
      source: 'declared',
      monthlyRequests: 9000,
      monthlyConnections: 300,
      avgConnectionMinutes: 5,
      avgMessageKb: 40,
    });
    expect(connectionsFor(['live', 'beta'], d)).toBe(300);

    const kept = resolveUsage({ avgConnectionMinutes: 3 }, measured);
    expect(kept).toMatchObject({ source: 'cloudwatch', avgConnectionMinutes: 3 });
    expect(connectionsFor(['live'], kept)).toBeCloseTo(73, 9);
  });
});
