import { describe, expect, it } from 'vitest';
import { RolloutProgress, renderRolloutEventJson } from '../../../src/render/rollout-text.js';
import type { RolloutEvent } from '../../../src/rollout/events.js';
import { HTTP_NO_CANARY_NOTE, WEBSOCKET_NO_CANARY_NOTE } from '../../../src/rollout/driver.js';
import { expectGolden } from '../../helpers/golden.js';

const at = '2026-11-23T09:00:00.000Z';
const poll = (
  percent: number,
  waiting: string | undefined,
  state: 'OK' | 'ALARM' | 'INSUFFICIENT_DATA' = 'OK',
  req = 120,
): RolloutEvent => ({
  type: 'rollout.poll',
  at,
  target: 'shop-api/prod',
  step: 0,
  percent,
  canaryRequests: req,
  waiting,
  alarms: [
    { name: 'shop-api-5xx', state },
    { name: 'shop-api-p99-latency', state: 'OK' },
  ],
});

const session: RolloutEvent[] = [
  {
    type: 'rollout.phase',
    at,
    target: 'shop-api/prod',
    phase: 'baking',
    step: 0,
    driver: 'cli:alice@laptop/4242/x1y2z3',
    leaseUntil: at,
  },
  {
    type: 'rollout.started',
    at,
    target: 'shop-api/prod',
    kind: 'canary',
    steps: [5, 25, 100],
    deploymentId: 'new111',
    previousDeploymentId: 'old000',
    onAlarmReadError: 'rollback',
  },
  poll(5, 'baking 5/30 s'),
  poll(5, 'baking 5/30 s'),
  poll(5, 'baking 10/30 s'),
  { type: 'rollout.step', at, target: 'shop-api/prod', step: 1, percent: 25 },
  poll(25, 'no data yet from shop-api-5xx (never counted as a pass)', 'INSUFFICIENT_DATA', 0),
  {
    ...poll(
      25,
      "canary served 40/100 requests since 09:01:00Z (whole CloudWatch minutes from the step's start)",
      'OK',
      40,
    ),
    countedFrom: '2026-11-23T09:01:00.000Z',
  } as RolloutEvent,
  poll(25, undefined, 'ALARM', 250),
  {
    type: 'rollout.rolled-back',
    at,
    target: 'shop-api/prod',
    reason: { kind: 'alarm', alarm: 'shop-api-5xx', value: 12, threshold: 5 },
    message: 'alarm shop-api-5xx is in ALARM (value 12, threshold 5)',
    restoredDeploymentId: 'old000',
    seconds: 47,
  },
  {
    type: 'rollout.started',
    at,
    target: 'events-api/$default',
    kind: 'deploy-and-bake',
    steps: [100],
    deploymentId: 'd2',
    previousDeploymentId: 'd1',
    onAlarmReadError: 'wait 60',
    note: HTTP_NO_CANARY_NOTE,
  },
  { type: 'rollout.promoted', at, target: 'events-api/$default', deploymentId: 'd2', seconds: 30 },
  {
    type: 'rollout.started',
    at,
    target: 'chat-api/live',
    kind: 'deploy-and-bake',
    steps: [100],
    deploymentId: 'w2',
    previousDeploymentId: 'w1',
    onAlarmReadError: 'rollback',
    note: WEBSOCKET_NO_CANARY_NOTE,
  },
  {
    type: 'rollout.poll',
    at,
    target: 'chat-api/live',
    step: 0,
    percent: 100,
    canaryRequests: 840,
    counts: 'stage-ws',
    countedFrom: '2026-11-23T09:00:00.000Z',
    waiting: 'baking 10/180 s',
    alarms: [{ name: 'apigw-sync-chat-live-integration-errors', state: 'OK' }],
  },
  { type: 'rollout.promoted', at, target: 'chat-api/live', deploymentId: 'w2', seconds: 180 },
  { type: 'rollout.resumed', at, target: 'shop-api/prod', phase: 'rolling-back', step: 1 },
  {
    type: 'rollout.resumed',
    at,
    target: 'shop-api/prod',
    phase: 'baking',
    step: 0,
    previousDriver: 'cli:alice@laptop/4242/x1y2z3',
    why: 'its lease expired at 2026-11-23T08:59:30.000Z',
  },
  {
    type: 'rollout.not-driven',
    at,
    target: 'events-api/$default',
    reason: 'busy',
    driver: 'app:replica-2/77/abc',
    message: 'events-api/$default is being driven by app:replica-2/77/abc (lease until 2026-11-23T09:01:00.000Z)',
  },
  {
    type: 'rollout.deployed-directly',
    at,
    target: 'new-api/prod',
    reason: 'the stage serves no deployment yet, so there is no traffic to protect',
  },
];

describe('rollout progress', () => {
  it('prints one line per change (golden)', () => {
    const progress = new RolloutProgress();
    const out = session.flatMap((e) => progress.lines(e)).join('\n') + '\n';
    expectGolden('rollout/progress.txt', out);
    expect(out.match(/baking 5\/30 s/g)).toHaveLength(1);
  });
  it('emits one parseable JSON object per event', () => {
    for (const e of session) expect(JSON.parse(renderRolloutEventJson(e))).toEqual(e);
  });
});
