import { describe, expect, it } from 'vitest';
import { EMBEDDED_PRICES, webSocketMonthlyCost } from '../../../src/cost/index.js';

const ws = EMBEDDED_PRICES['us-east-1'].webSocket!;

describe('webSocketMonthlyCost (us-east-1: 1.00/M messages in 32 KB steps, 0.25/M connection minutes)', () => {
  it.each([
    // 10M messages of ≤ 32 KB = 10.00; 100M minutes × 0.25/M = 25.00
    { messages: 10e6, kb: 20, minutes: 100e6, usd: 35 },
    // 10M messages of 33 KB = 20M billed = 20.00; no minutes
    { messages: 10e6, kb: 33, minutes: 0, usd: 20 },
    // exactly 32 KB is one step
    { messages: 10e6, kb: 32, minutes: 0, usd: 10 },
  ])('$messages messages of $kb KB and $minutes minutes → $usd', ({ messages, kb, minutes, usd }) => {
    expect(webSocketMonthlyCost(ws, { messages, avgMessageKb: kb, connectionMinutes: minutes }).totalUsd).toBeCloseTo(usd, 9);
  });

  it('leaves messages past the known 1B band unpriced', () => {
    const r = webSocketMonthlyCost(ws, { messages: 1.5e9, connectionMinutes: 0 });
    expect(r.totalUsd).toBeNull();
    expect(r.messages.unpricedUnits).toBe(0.5e9);
  });
});
