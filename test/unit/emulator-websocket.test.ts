/**
 * The WebSocket pieces of the emulator that need no server: route selection expression
 * checks, state saved before WebSocket support, and the traffic simulation's accounting
 * (determinism, two-way responses, MOCK latency suppression, disconnect timing, minutes).
 */
import { describe, expect, it } from 'vitest';
import { V2Store } from '../../src/emulator/apigw-v2/store.js';
import {
  checkApiKeySelectionExpression,
  checkRouteSelectionExpression,
} from '../../src/emulator/apigw-v2/websocket-api.js';
import { Backends } from '../../src/emulator/traffic/backends.js';
import { Rng } from '../../src/emulator/traffic/rng.js';
import { simulateWebSocket, type WebSocketSimulationOptions } from '../../src/emulator/traffic/websocket.js';
import type { WsRouteTarget, WsStageTarget } from '../../src/emulator/traffic/websocket-target.js';

describe('WebSocket selection expressions', () => {
  it.each([
    '$request.body.action',
    '${request.body.action}',
    '${request.body.service}/${request.body.action}',
    'static',
    '\\$default',
    '$request.body.a[0]',
  ])('accepts %s', (e) => {
    expect(() => checkRouteSelectionExpression(e)).not.toThrow();
  });
  it.each(['$request.method $request.path', '${request.header.x}', '$request.querystring.q'])('refuses %s', (e) => {
    expect(() => checkRouteSelectionExpression(e)).toThrow(/select routes on the message body/);
  });
  it('takes only the two API key selection expressions AWS supports', () => {
    expect(() => checkApiKeySelectionExpression('$request.header.x-api-key')).not.toThrow();
    expect(() => checkApiKeySelectionExpression('$context.authorizer.usageIdentifierKey')).not.toThrow();
    expect(() => checkApiKeySelectionExpression('$request.header.authorization')).toThrow(/supported values/);
  });
});

describe('V2Store.restore', () => {
  it('fills the WebSocket collections of state saved before WebSocket support', () => {
    const store = new V2Store();
    const api = {
      apiId: 'a1',
      name: 'old',
      protocolType: 'HTTP',
      apiEndpoint: 'https://a1',
      apiKeySelectionExpression: '',
      routeSelectionExpression: '',
      createdDate: '',
      disableExecuteApiEndpoint: false,
      ipAddressType: 'ipv4',
      tags: {},
    };
    store.restore({ apis: [{ api, routes: [], integrations: [], authorizers: [], stages: [], deployments: [] }] });
    const st = store.api('a1');
    expect(st.models).toEqual([]);
    expect(st.routeResponses).toEqual({});
    expect(st.integrationResponses).toEqual({});
  });
});

const route = (routeKey: string, extra: Partial<WsRouteTarget> = {}): WsRouteTarget => ({
  routeKey,
  integration: { type: 'AWS_PROXY', uri: `lambda:${routeKey}` },
  twoWay: false,
  authorized: false,
  detailedMetrics: false,
  ...extra,
});

const target = (routes: WsRouteTarget[]): WsStageTarget => ({
  kind: 'WebSocketApi',
  apiId: 'ws1',
  apiName: 'chat',
  stage: 'prod',
  deploymentId: 'd1',
  routes,
});

const NOW = Date.UTC(2026, 0, 1, 12, 0, 0);
const opts = (o: Partial<WebSocketSimulationOptions>): WebSocketSimulationOptions => ({
  connections: 0,
  messages: 0,
  deniedConnectionRate: 0,
  connectionSeconds: 60,
  startMs: NOW,
  spreadSeconds: 0,
  nowMs: NOW,
  ...o,
});

function total(
  r: ReturnType<typeof simulateWebSocket>,
  metric: string,
  dims: string,
  field: 'sum' | 'sampleCount' = 'sum',
): number {
  return r.data
    .filter(
      (d) =>
        d.metric.MetricName === metric &&
        d.metric.Dimensions.map((x) => x.Name)
          .sort()
          .join(',') === dims,
    )
    .reduce((s, d) => s + d.datum[field], 0);
}

describe('simulateWebSocket', () => {
  const chat = target([
    route('$connect', { authorized: true }),
    route('$disconnect'),
    route('sendmessage', { twoWay: true, detailedMetrics: true }),
    route('$default', { integration: { type: 'MOCK' } }),
  ]);

  it('is deterministic for a seed', () => {
    const run = (seed: number) =>
      simulateWebSocket(
        chat,
        new Backends(),
        new Rng(seed),
        opts({ connections: 50, messages: 200, deniedConnectionRate: 0.1 }),
      );
    const [a, b, c] = [run(1), run(1), run(2)];
    expect(a.connections).toEqual(b.connections);
    expect(a.messages).toEqual(b.messages);
    expect(a.connectionMinutes).toBe(b.connectionMinutes);
    expect(c.messages.responses).not.toBe(a.messages.responses);
  });

  it('counts two-way responses into MessageCount, suppresses MOCK latency, and keeps per-route series for detailed routes only', () => {
    const r = simulateWebSocket(chat, new Backends(), new Rng(9), opts({ messages: 100 }));
    expect(total(r, 'MessageCount', 'ApiId,Stage')).toBe(100 + r.messages.responses);
    expect(total(r, 'IntegrationLatency', 'ApiId,Stage', 'sampleCount')).toBe(r.messages.responses);
    expect(total(r, 'MessageCount', 'ApiId,Route,Stage')).toBe(2 * r.messages.responses);
    expect(r.data.some((d) => d.metric.Dimensions.some((x) => x.Value === '$default'))).toBe(false);
  });

  it('puts the disconnects inside the simulated window and reports the open minutes', () => {
    const r = simulateWebSocket(
      chat,
      new Backends(),
      new Rng(4),
      opts({ connections: 10, connectionSeconds: 3600, spreadSeconds: 120 }),
    );
    const times = r.data.map((d) => d.datum.t);
    expect(Math.max(...times)).toBeLessThanOrEqual(NOW + 120_000);
    expect(r.connectionMinutes).toBeGreaterThanOrEqual(10 * 60 * 0.8);
    expect(r.connectionMinutes).toBeLessThanOrEqual(10 * 60 * 1.2);
  });

  it('treats a route without integration as an execution error, and an unauthorized $connect cannot deny', () => {
    const bare = target([route('$default', { integration: undefined })]);
    const r = simulateWebSocket(bare, new Backends(), new Rng(1), opts({ messages: 5 }));
    expect(r.messages.executionErrors).toBe(5);
    expect(total(r, 'ExecutionError', 'ApiId,Stage')).toBe(5);
    expect(() =>
      simulateWebSocket(bare, new Backends(), new Rng(1), opts({ connections: 1, deniedConnectionRate: 0.5 })),
    ).toThrow(/needs a \$connect route/);
  });

  it('fails connections whose $connect integration errs, and never fails a MOCK', () => {
    const backends = new Backends();
    backends.put({ deploymentId: 'd1', errorRate: 1, clientErrorRate: 0, latencyMs: 5 });
    const failing = simulateWebSocket(
      chat,
      backends,
      new Rng(1),
      opts({ connections: 10, messages: 10, routeKey: '$default' }),
    );
    expect(failing.connections).toMatchObject({ established: 0, failed: 10 });
    expect(failing.messages).toMatchObject({ delivered: 10, integrationErrors: 0 });
  });
});
