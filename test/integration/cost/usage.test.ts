/**
 * Real traffic → CloudWatch → usage → cost: the example state applied to the local AWS
 * endpoint, 30 days of simulated traffic backfilled (plus older traffic that must not count),
 * then readUsage over the real SDK client. Proves the counts the estimate prices are the
 * emulator's AWS/ApiGateway metrics, read in exactly one GetMetricData call for all APIs.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readUsage, usageTargets } from '../../../src/aws/usage.js';
import { EMBEDDED_PRICES, costDelta, resolveUsage } from '../../../src/cost/index.js';
import type { RunningEmulator } from '../../../src/emulator/index.js';
import { runApply, runPlan } from '../../../src/engine/index.js';
import type { GatewayModel } from '../../../src/model/api.js';
import type { LiveSnapshot } from '../../../src/model/live.js';
import { copyState, sdkClients, startTestEmulator } from '../apply/helpers.js';

const DAY = 86_400_000;
const KB = 1024;
let emu: RunningEmulator;
let clients: ReturnType<typeof sdkClients>;
let desired: GatewayModel;
let live: LiveSnapshot;
const now = new Date();

let chatBilledMinutes = 0;

async function traffic(body: Record<string, unknown>): Promise<{ connectionMinutes?: number }> {
  const res = await fetch(`${emu.url}/_emulator/traffic`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  if (res.status !== 200) throw new Error(`traffic: ${res.status} ${await res.text()}`);
  return (await res.json()) as { connectionMinutes?: number };
}

beforeAll(async () => {
  emu = await startTestEmulator();
  emu.control.setQuotas(false);
  clients = sdkClients(emu.url);
  const dir = copyState();
  const applied = await runApply({ dir, clients, yes: true });
  if (applied.status !== 'applied') throw new Error(JSON.stringify(applied));
  const planned = await runPlan({ dir, clients });
  if (planned.status !== 'ok') throw new Error(planned.issuesText);
  ({ desired, live } = planned);

  const shopId = live.apis.shop.ids.apiId;
  const eventsId = live.apis.events.ids.apiId;
  const chatId = live.apis.chat.ids.apiId;
  // One batch a day for the last 30 days: shop 2,400/day (72,000), events 1,200/day of 600 KB (36,000),
  // chat 120 connections of ~12 min (3,600) sending 2,000 messages/day to sendmessage (60,000).
  for (let d = 0; d < 30; d++) {
    const timestamp = now.getTime() - d * DAY - 3_600_000;
    await traffic({ apiId: shopId, stage: 'prod', requests: 2400, timestamp, seed: d + 1 });
    await traffic({
      apiId: eventsId,
      stage: 'live',
      requests: 1200,
      timestamp,
      bytesPerRequest: 600 * KB,
      seed: d + 101,
    });
    const chat = await traffic({
      apiId: chatId,
      stage: 'live',
      connections: 120,
      messages: 2000,
      routeKey: 'sendmessage',
      connectionSeconds: 720,
      timestamp,
      seed: d + 201,
    });
    chatBilledMinutes += chat.connectionMinutes ?? 0;
  }
  // Older than the window: must not count.
  await traffic({ apiId: shopId, stage: 'prod', requests: 99_999, timestamp: now.getTime() - 40 * DAY });
}, 180_000);
afterAll(async () => emu?.stop());

describe('usage from CloudWatch on the local endpoint', () => {
  it('reads every API and stage in one GetMetricData call and sums the last 30 days', async () => {
    const since = emu.control.lastSeq();
    const measured = await readUsage(clients.cloudwatch, usageTargets(live), { now });
    const calls = emu.control.calls({ since }).map((c) => c.operation);
    expect(calls).toEqual(['GetMetricData']);

    expect(measured.get('shop')).toEqual({ windowDays: 30, stages: { prod: { requests: 72_000 } } });
    expect(measured.get('events')).toEqual({
      windowDays: 30,
      stages: { live: { requests: 36_000, bytes: 36_000 * 600 * KB } },
    });
    // WebSocket: MessageCount (sendmessage is one-way, so no responses) and ConnectCount on {ApiId, Stage}.
    expect(measured.get('chat')).toEqual({
      windowDays: 30,
      stages: { live: { requests: 60_000, connections: 3_600 } },
    });
  });

  it('feeds the estimate: monthly counts, 512 KB metering from DataProcessed, Seoul prices', async () => {
    const measured = await readUsage(clients.cloudwatch, usageTargets(live), { now });
    const usage = new Map(
      Object.keys(desired.apis).map((k) => [k, resolveUsage(desired.apis[k].usage, measured.get(k))]),
    );
    // shop: 72,000 × 730/720 = 73,000 a month; events: 36,000 × 730/720 = 36,500 of 600 KB (→ 2 units each)
    expect(usage.get('shop')).toMatchObject({ source: 'cloudwatch', monthlyRequests: 73_000 });
    expect(usage.get('events')?.monthlyRequests).toBeCloseTo(36_500, 6);
    expect(usage.get('events')?.avgResponseKb).toBeCloseTo(600, 6);

    const report = costDelta({ desired, live, usage, prices: EMBEDDED_PRICES });
    const shop = report.apis.find((l) => l.apiKey === 'shop')!;
    const events = report.apis.find((l) => l.apiKey === 'events')!;
    expect(shop.after?.requestUsd).toBeCloseTo(0.27813, 9); // 0.073M × 3.81
    expect(events.after?.billedRequests).toBeCloseTo(73_000, 6);
    expect(events.after?.requestUsd).toBeCloseTo(0.09271, 9); // 0.073M × 1.27
    // Nothing changes, so nothing moves; shop's 0.5 GB cache has no Seoul price in the team notes.
    expect(report.apis.map((l) => l.change)).toEqual(['unchanged', 'unchanged', 'unchanged']);
    expect(shop.after?.cacheUsd).toBeNull();
  });

  it('prices a WebSocket API from MessageCount and ConnectCount × the declared 12 min (AWS has no connection-minutes metric)', async () => {
    const measured = await readUsage(clients.cloudwatch, usageTargets(live), { now });
    const usage = new Map(
      Object.keys(desired.apis).map((k) => [k, resolveUsage(desired.apis[k].usage, measured.get(k))]),
    );
    // 60,000 messages and 3,600 connections in 30 days → × 730/720 a month.
    expect(usage.get('chat')).toMatchObject({ source: 'cloudwatch', avgConnectionMinutes: 12 });
    expect(usage.get('chat')?.monthlyRequests).toBeCloseTo(60_833.33, 1);
    expect(usage.get('chat')?.monthlyConnections).toBeCloseTo(3_650, 6);

    // The team notes have no Seoul WebSocket prices: without a row the messages are unpriced, never guessed…
    const seoul = costDelta({ desired, live, usage, prices: EMBEDDED_PRICES }).apis.find((l) => l.apiKey === 'chat')!;
    expect(seoul.after?.requestUsd).toBeNull();
    expect(seoul.after?.unknown).toContain('no WebSocket message prices for ap-northeast-2');
    // …with one (test figures: us-east-1's rates) every part is priced.
    const ws = { ...EMBEDDED_PRICES['us-east-1'].webSocket!, region: 'ap-northeast-2', source: 'test figures' };
    const priced = costDelta({
      desired,
      live,
      usage,
      prices: { ...EMBEDDED_PRICES, 'ap-northeast-2': { ...EMBEDDED_PRICES['ap-northeast-2'], webSocket: ws } },
    });
    const chat = priced.apis.find((l) => l.apiKey === 'chat')!.after!;
    expect(chat.requestUsd).toBeCloseTo(0.060833, 5); // 0.0608M messages × 1.00
    expect(chat.connections).toMatchObject({ connections: 3_650, avgMinutes: 12, minutes: 43_800 });
    expect(chat.connections?.usd).toBeCloseTo(0.01095, 9); // 43,800 min × 0.25/M
    // The estimate against what the simulated clients were billed (their durations vary ±20% around 12 min).
    const billedMonthly = (chatBilledMinutes * 730) / 720;
    expect(Math.abs(chat.connections!.minutes! - billedMonthly) / billedMonthly).toBeLessThan(0.05);
  });
});
