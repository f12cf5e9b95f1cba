import { describe, expect, it } from 'vitest';
import { EMBEDDED_PRICES, connectionMinutes, webSocketMonthlyCost } from '../../../src/cost/index.js';

const ws = EMBEDDED_PRICES['us-east-1'].webSocket!;

describe('webSocketMonthlyCost (us-east-1: 1.00/M messages for the first 1B, 0.80/M after, in 32 KB steps; 0.25/M connection minutes)', () => {
  it.each([
    // 10M messages of ≤ 32 KB = 10.00; 100M minutes × 0.25/M = 25.00
    { messages: 10e6, kb: 20, minutes: 100e6, usd: 35 },
    // 10M messages of 33 KB = 20M billed = 20.00; no minutes
    { messages: 10e6, kb: 33, minutes: 0, usd: 20 },
    // exactly 32 KB is one step
    { messages: 10e6, kb: 32, minutes: 0, usd: 10 },
  ])('$messages messages of $kb KB and $minutes minutes → $usd', ({ messages, kb, minutes, usd }) => {
    expect(webSocketMonthlyCost(ws, { messages, avgMessageKb: kb, connectionMinutes: minutes }).totalUsd).toBeCloseTo(
      usd,
      9,
    );
  });

  it('prices messages past the first 1B at the next band', () => {
    // 1B × 1.00/M + 0.5B × 0.80/M = 1,000 + 400
    const r = webSocketMonthlyCost(ws, { messages: 1.5e9, connectionMinutes: 0 });
    expect(r.totalUsd).toBeCloseTo(1400, 9);
    expect(r.messages.unpricedUnits).toBe(0);
  });

  it('leaves messages past the last known band unpriced (a table that stops at 1B)', () => {
    const r = webSocketMonthlyCost(
      { ...ws, messageTiers: [ws.messageTiers[0]] },
      { messages: 1.5e9, connectionMinutes: 0 },
    );
    expect(r.totalUsd).toBeNull();
    expect(r.messages.unpricedUnits).toBe(0.5e9);
  });

  it.each([
    { connections: 30_000, avg: 12, minutes: 360_000 },
    { connections: 0, avg: undefined, minutes: 0 },
    { connections: 10, avg: undefined, minutes: undefined },
  ])(
    'connection minutes: $connections connections × $avg min → $minutes (no duration declared: unknown)',
    ({ connections, avg, minutes }) => {
      expect(connectionMinutes(connections, avg)).toBe(minutes);
    },
  );
});
