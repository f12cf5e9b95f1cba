/** v1 stage patches and the REST canary lifecycle (create in canary, step, promote, roll back), over HTTP. */
import {
  CreateDeploymentCommand,
  CreateResourceCommand,
  CreateRestApiCommand,
  DeleteDeploymentCommand,
  GetStageCommand,
  PutIntegrationCommand,
  PutMethodCommand,
  UpdateStageCommand,
  type APIGatewayClient,
} from '@aws-sdk/client-api-gateway';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { sdkError, startTestEmulator, v1Client, type Emu } from './core-setup.js';

let emu: Emu;
let c: APIGatewayClient;
let restApiId: string;
let baseDeployment: string;

beforeAll(async () => {
  emu = await startTestEmulator();
  c = v1Client(emu);
});
afterAll(async () => emu.stop());
beforeEach(async () => {
  emu.control.reset();
  const api = await c.send(new CreateRestApiCommand({ name: 'canary' }));
  restApiId = api.id!;
  const r = await c.send(new CreateResourceCommand({ restApiId, parentId: api.rootResourceId!, pathPart: 'x' }));
  await c.send(new PutMethodCommand({ restApiId, resourceId: r.id!, httpMethod: 'GET', authorizationType: 'NONE' }));
  await c.send(new PutIntegrationCommand({ restApiId, resourceId: r.id!, httpMethod: 'GET', type: 'MOCK' }));
  baseDeployment = (
    await c.send(new CreateDeploymentCommand({ restApiId, stageName: 'prod', variables: { backend: 'v1' } }))
  ).id!;
});

const patch = (patchOperations: Array<{ op: string; path: string; value?: string; from?: string }>) =>
  c.send(new UpdateStageCommand({ restApiId, stageName: 'prod', patchOperations: patchOperations as never }));

describe('UpdateStage patch operations', () => {
  it.each([
    [
      'a stage variable',
      [{ op: 'replace', path: '/variables/backend', value: 'v2' }],
      { variables: { backend: 'v2' } },
    ],
    ['removing a variable', [{ op: 'remove', path: '/variables/backend' }], { variables: {} }],
    [
      'throttling for all methods',
      [
        { op: 'replace', path: '/*/*/throttling/rateLimit', value: '100' },
        { op: 'replace', path: '/*/*/throttling/burstLimit', value: '200' },
      ],
      { methodSettings: { '*/*': { throttlingRateLimit: 100, throttlingBurstLimit: 200 } } },
    ],
    [
      'caching on one method',
      [
        { op: 'replace', path: '/~1x/GET/caching/enabled', value: 'true' },
        { op: 'replace', path: '/~1x/GET/caching/ttlInSeconds', value: '60' },
      ],
      { methodSettings: { '~1x/GET': { cachingEnabled: true, cacheTtlInSeconds: 60 } } },
    ],
    [
      'logging and metrics',
      [
        { op: 'replace', path: '/*/*/logging/loglevel', value: 'INFO' },
        { op: 'replace', path: '/*/*/metrics/enabled', value: 'true' },
      ],
      { methodSettings: { '*/*': { loggingLevel: 'INFO', metricsEnabled: true } } },
    ],
    [
      'the cache cluster',
      [
        { op: 'replace', path: '/cacheClusterEnabled', value: 'true' },
        { op: 'replace', path: '/cacheClusterSize', value: '1.6' },
      ],
      { cacheClusterEnabled: true, cacheClusterSize: '1.6', cacheClusterStatus: 'AVAILABLE' },
    ],
    [
      'access log settings',
      [
        {
          op: 'replace',
          path: '/accessLogSettings/destinationArn',
          value: 'arn:aws:logs:us-east-1:000000000000:log-group:x',
        },
        { op: 'replace', path: '/accessLogSettings/format', value: '$context.requestId' },
      ],
      {
        accessLogSettings: {
          destinationArn: 'arn:aws:logs:us-east-1:000000000000:log-group:x',
          format: '$context.requestId',
        },
      },
    ],
    [
      'tracing and description',
      [
        { op: 'replace', path: '/tracingEnabled', value: 'true' },
        { op: 'replace', path: '/description', value: 'live' },
      ],
      { tracingEnabled: true, description: 'live' },
    ],
  ])('applies %s', async (_name, ops, expected) => {
    const s = await patch(ops);
    expect(s).toMatchObject(expected);
    expect(await c.send(new GetStageCommand({ restApiId, stageName: 'prod' }))).toMatchObject(expected);
  });

  it.each([
    ['an unknown path', [{ op: 'replace', path: '/nope', value: 'x' }]],
    ['a bad boolean', [{ op: 'replace', path: '/tracingEnabled', value: 'yes' }]],
    ['a bad cache size', [{ op: 'replace', path: '/cacheClusterSize', value: '3' }]],
    ['a canary percentage over 100', [{ op: 'replace', path: '/canarySettings/percentTraffic', value: '101' }]],
  ])('refuses %s with BadRequestException and leaves the stage unchanged', async (_name, ops) => {
    const before = await c.send(new GetStageCommand({ restApiId, stageName: 'prod' }));
    expect((await sdkError(() => patch(ops))).name).toBe('BadRequestException');
    const after = await c.send(new GetStageCommand({ restApiId, stageName: 'prod' }));
    expect({ ...after, $metadata: undefined }).toEqual({ ...before, $metadata: undefined });
  });

  it('removes the access log settings and a method setting', async () => {
    await patch([
      { op: 'replace', path: '/accessLogSettings/format', value: '$context.requestId' },
      { op: 'replace', path: '/*/*/metrics/enabled', value: 'true' },
    ]);
    const s = await patch([
      { op: 'remove', path: '/accessLogSettings' },
      { op: 'remove', path: '/*/*' },
    ]);
    expect(s.accessLogSettings).toBeUndefined();
    expect(s.methodSettings).toEqual({});
  });

  it('points the stage at another deployment, and refuses an unknown one', async () => {
    const d2 = (await c.send(new CreateDeploymentCommand({ restApiId }))).id!;
    expect((await patch([{ op: 'replace', path: '/deploymentId', value: d2 }])).deploymentId).toBe(d2);
    expect((await sdkError(() => patch([{ op: 'replace', path: '/deploymentId', value: 'nope00' }]))).name).toBe(
      'NotFoundException',
    );
  });
});

describe('canary', () => {
  async function startCanary(percent: number) {
    const d = await c.send(
      new CreateDeploymentCommand({
        restApiId,
        stageName: 'prod',
        canarySettings: { percentTraffic: percent, stageVariableOverrides: { backend: 'v2' }, useStageCache: false },
      }),
    );
    return d.id!;
  }

  it('CreateDeployment with canarySettings puts the new deployment in the canary, not the stage', async () => {
    const canary = await startCanary(10);
    const s = await c.send(new GetStageCommand({ restApiId, stageName: 'prod' }));
    expect(s.deploymentId).toBe(baseDeployment);
    expect(s.canarySettings).toEqual({
      percentTraffic: 10,
      deploymentId: canary,
      stageVariableOverrides: { backend: 'v2' },
      useStageCache: false,
    });
    expect(s.variables).toEqual({ backend: 'v1' });
  });

  it('needs an existing stage for a canary deployment', async () => {
    const e = await sdkError(() =>
      c.send(new CreateDeploymentCommand({ restApiId, stageName: 'nostage', canarySettings: { percentTraffic: 10 } })),
    );
    expect(e.name).toBe('BadRequestException');
  });

  it('steps the canary and promotes it: copy deploymentId and overrides, then remove /canarySettings', async () => {
    const canary = await startCanary(5);
    expect(
      (await patch([{ op: 'replace', path: '/canarySettings/percentTraffic', value: '25.0' }])).canarySettings!
        .percentTraffic,
    ).toBe(25);
    const inUse = await sdkError(() => c.send(new DeleteDeploymentCommand({ restApiId, deploymentId: canary })));
    expect(inUse.name).toBe('BadRequestException');
    expect(inUse.message).toContain('canary');

    const promoted = await patch([
      { op: 'replace', path: '/canarySettings/percentTraffic', value: '0.0' },
      { op: 'copy', from: '/canarySettings/stageVariableOverrides', path: '/variables' },
      { op: 'copy', from: '/canarySettings/deploymentId', path: '/deploymentId' },
    ]);
    expect(promoted.deploymentId).toBe(canary);
    expect(promoted.variables).toEqual({ backend: 'v2' });
    expect(promoted.canarySettings!.percentTraffic).toBe(0);
    const done = await patch([{ op: 'remove', path: '/canarySettings' }]);
    expect(done.canarySettings).toBeUndefined();
    expect(done.deploymentId).toBe(canary);
    // The old base deployment is free now; the promoted one is in use by the stage.
    await c.send(new DeleteDeploymentCommand({ restApiId, deploymentId: baseDeployment }));
    expect((await sdkError(() => c.send(new DeleteDeploymentCommand({ restApiId, deploymentId: canary })))).name).toBe(
      'BadRequestException',
    );
  });

  it('rolls back with remove /canarySettings, leaving the stage exactly as before', async () => {
    const before = await c.send(new GetStageCommand({ restApiId, stageName: 'prod' }));
    const canary = await startCanary(10);
    await patch([{ op: 'replace', path: '/canarySettings/percentTraffic', value: '50' }]);
    const after = await patch([{ op: 'remove', path: '/canarySettings' }]);
    expect(after.deploymentId).toBe(before.deploymentId);
    expect(after.variables).toEqual(before.variables);
    expect(after.canarySettings).toBeUndefined();
    await c.send(new DeleteDeploymentCommand({ restApiId, deploymentId: canary }));
  });

  it('copying from a stage without a canary is refused', async () => {
    const e = await sdkError(() =>
      patch([{ op: 'copy', from: '/canarySettings/deploymentId', path: '/deploymentId' }]),
    );
    expect(e.name).toBe('BadRequestException');
  });
});
