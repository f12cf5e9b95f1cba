/**
 * Back-to-back canaries share CloudWatch's per-minute canary series: the minute in which a
 * new canary starts already holds the previous canary's requests. A step counts only the
 * whole minutes that began at or after its start (src/rollout/metric-window.ts), so the new
 * canary's first polls see 0 requests — where summing from the start of that minute would
 * have passed `minRequests` at once — and it is credited from its first whole minute on.
 */
import { GetMetricDataCommand } from '@aws-sdk/client-cloudwatch';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { canaryDimensions } from '../../../src/aws/rollout/alarms.js';
import type { RolloutEvent } from '../../../src/rollout/events.js';
import { editYaml } from '../apply/helpers.js';
import { applyWithRollout, startRolloutWorld, type RolloutWorld } from './setup.js';

const MIN_REQUESTS = 10;
let world: RolloutWorld;
let clients: RolloutWorld['clients'];
let dir: string;
let shopId: string;

beforeAll(async () => {
  world = await startRolloutWorld(
    { steps: [10, 100], bakeSeconds: 1, timeoutSeconds: 150 },
    { requestsPerBatch: 100, everyMs: 200 },
  );
  ({ clients, dir, shopId } = world);
});
afterAll(async () => world?.stop());

let edits = 0;
/** A change to roll out; the second canary runs as a single step, so it waits for one whole minute only. */
const change = (minRequests: number, steps: number[]) =>
  editYaml(dir, 'apis/shop/api.yaml', (doc) => {
    doc.setIn(['openapi', 0, 'integration', 'timeoutInMillis'], 9000 - ++edits);
    doc.setIn(['rollout', 'minRequests'], minRequests);
    doc.setIn(['rollout', 'steps'], steps);
  });
const minuteOf = (iso: string) => Math.floor(Date.parse(iso) / 60_000) * 60_000;

/** What the canary series holds for one minute (the previous canary's requests, when it ran then). */
async function canaryCountIn(minute: number): Promise<number> {
  const res = await clients.cloudwatch.send(
    new GetMetricDataCommand({
      StartTime: new Date(minute),
      EndTime: new Date(minute + 60_000),
      MetricDataQueries: [
        {
          Id: 'c',
          MetricStat: {
            Metric: {
              Namespace: 'AWS/ApiGateway',
              MetricName: 'Count',
              Dimensions: canaryDimensions('RestApi', { apiId: shopId, apiName: 'shop-api', stage: 'prod' }),
            },
            Period: 60,
            Stat: 'Sum',
          },
        },
      ],
    }),
  );
  return (res.MetricDataResults?.[0]?.Values ?? []).reduce((a, b) => a + b, 0);
}

describe('back-to-back rollouts', () => {
  it("the second canary is not credited with the first one's requests, and counts from its first whole minute", async () => {
    for (let attempt = 1; ; attempt++) {
      change(0, [10, 100]);
      const first = await applyWithRollout(dir, clients);
      expect(first.result.failures.map((f) => f.message)).toEqual([]);
      const promoted = first.events.find((e) => e.type === 'rollout.promoted');
      expect(promoted, first.events.map((e) => e.type).join(', ')).toBeDefined();
      // The first canary must have served enough in the minute it ended for the test to tell the two ways of counting apart.
      if ((await canaryCountIn(minuteOf(promoted!.at))) < MIN_REQUESTS) {
        expect(attempt, 'three first canaries in a row served too little in their last minute').toBeLessThan(3);
        continue;
      }

      change(MIN_REQUESTS, [100]);
      const abort = new AbortController();
      let sameMinute: boolean | undefined;
      const { result, events } = await applyWithRollout(dir, clients, {
        signal: abort.signal,
        onEvent: (e) => {
          if (e.type !== 'rollout.started') return;
          sameMinute = minuteOf(e.at) === minuteOf(promoted!.at);
          // Only a start in the first canary's minute tells the two ways of counting apart: try again.
          if (!sameMinute) abort.abort();
        },
      });
      if (!sameMinute) {
        expect(attempt, 'three rollouts in a row started across a minute boundary').toBeLessThan(3);
        continue;
      }

      const started = events.find((e) => e.type === 'rollout.started')!;
      const polls = events.filter(
        (e): e is Extract<RolloutEvent, { type: 'rollout.poll' }> => e.type === 'rollout.poll',
      );
      const startMinute = minuteOf(started.at);
      // The minute the second canary started in holds enough of the first canary's requests
      // to pass minRequests at once, had they been counted...
      expect(await canaryCountIn(startMinute)).toBeGreaterThanOrEqual(MIN_REQUESTS);
      // ...but the second canary's step counts from the next whole minute, so until then it waits.
      const early = polls.filter((p) => Date.parse(p.at) < startMinute + 60_000);
      expect(early.length).toBeGreaterThan(0);
      for (const p of early) {
        expect(p.countedFrom).toBe(new Date(startMinute + 60_000).toISOString());
        expect(p.canaryRequests).toBe(0);
        expect(p.waiting).toBe(
          `canary served 0/${MIN_REQUESTS} requests since ${p.countedFrom!.slice(11, 19)}Z (whole CloudWatch minutes from the step's start)`,
        );
      }
      // From that minute on its own requests count: the step passes and the canary is promoted.
      expect(result.failures.map((f) => f.message)).toEqual([]);
      const passed = polls.find((p) => p.step === 0 && !p.waiting)!;
      expect(passed.canaryRequests).toBeGreaterThanOrEqual(MIN_REQUESTS);
      expect(Date.parse(passed.at)).toBeGreaterThanOrEqual(startMinute + 60_000);
      expect(events.at(-1)).toMatchObject({ type: 'rollout.promoted' });
      return;
    }
  }, 240_000);
});
