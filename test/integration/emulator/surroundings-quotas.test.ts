/**
 * The per-operation quotas AWS publishes for issue 13's operations, as the SDK meets them:
 * UpdateUsagePlan (1 per 20 s), CreateDomainName / UpdateDomainName / DeleteDomainName (1 per
 * 30 s), CreateApiKey / DeleteApiKey (5 per s), UpdateAccount (1 per 20 s), v2 CreateVpcLink
 * (1 per 15 s) and DeleteVpcLink (1 per 30 s) — on top of API Gateway's account-wide bucket —
 * and SSM's PutParameter (3 per s), which throttles with SSM's ThrottlingException.
 */
import * as v1 from '@aws-sdk/client-api-gateway';
import * as v2 from '@aws-sdk/client-apigatewayv2';
import * as ssm from '@aws-sdk/client-ssm';
import { afterEach, describe, expect, it } from 'vitest';
import { Quotas, SERVICE_OPERATION_QUOTAS } from '../../../src/emulator/core/quotas.js';
import { sdkConfig, sdkError, startTestEmulator, type Emu } from './core-setup.js';

let emu: Emu | undefined;
afterEach(async () => {
  await emu?.stop();
  emu = undefined;
});

const cfg = (e: Emu) => sdkConfig(e, 'eu-west-1');

describe('issue 13 operation quotas over HTTP', () => {
  it('UpdateUsagePlan: the second call within 20 s is TooManyRequestsException with Retry-After', async () => {
    emu = await startTestEmulator({ quotas: true, quotaScale: 0.0001 });
    const c = new v1.APIGatewayClient(cfg(emu));
    const plan = await c.send(new v1.CreateUsagePlanCommand({ name: 'p' }));
    await c.send(
      new v1.UpdateUsagePlanCommand({
        usagePlanId: plan.id,
        patchOperations: [{ op: 'replace', path: '/description', value: 'a' }],
      }),
    );
    const e = await sdkError(() =>
      c.send(
        new v1.UpdateUsagePlanCommand({
          usagePlanId: plan.id,
          patchOperations: [{ op: 'replace', path: '/description', value: 'b' }],
        }),
      ),
    );
    expect(e).toBeInstanceOf(v1.TooManyRequestsException);
    expect(Number((e as v1.TooManyRequestsException).retryAfterSeconds)).toBeGreaterThanOrEqual(1);
  });

  it('v2 CreateVpcLink: one per 15 s', async () => {
    emu = await startTestEmulator({ quotas: true, quotaScale: 0.0001 });
    const c = new v2.ApiGatewayV2Client(cfg(emu));
    await c.send(new v2.CreateVpcLinkCommand({ Name: 'a', SubnetIds: ['subnet-0123456789abcdef0'] }));
    expect(
      (
        await sdkError(() =>
          c.send(new v2.CreateVpcLinkCommand({ Name: 'b', SubnetIds: ['subnet-0123456789abcdef0'] })),
        )
      ).name,
    ).toBe('TooManyRequestsException');
  });

  it('SSM PutParameter: 3 per second, then ThrottlingException; the API Gateway bucket is not drawn from', async () => {
    emu = await startTestEmulator({ quotas: true, quotaScale: 0.0001 });
    const c = new ssm.SSMClient(cfg(emu));
    for (let i = 0; i < 3; i++)
      await c.send(new ssm.PutParameterCommand({ Name: `/p${i}`, Value: 'v', Type: 'String' }));
    const e = await sdkError(() => c.send(new ssm.PutParameterCommand({ Name: '/p9', Value: 'v', Type: 'String' })));
    expect(e.name).toBe('ThrottlingException');
    expect(e.$metadata.httpStatusCode).toBe(400);
  });
});

describe('issue 13 quota table', () => {
  it.each([
    ['apigateway', 'CreateDomainName', 1 / 30],
    ['apigateway', 'UpdateDomainName', 1 / 30],
    ['apigateway', 'DeleteDomainName', 1 / 30],
    ['apigateway', 'UpdateUsagePlan', 1 / 20],
    ['apigateway', 'UpdateAccount', 1 / 20],
    ['apigateway', 'CreateApiKey', 5],
    ['apigateway', 'DeleteApiKey', 5],
    ['apigatewayv2', 'CreateVpcLink', 1 / 15],
    ['apigatewayv2', 'DeleteVpcLink', 1 / 30],
  ] as const)('%s %s: %f per second', (service, op, rate) => {
    expect(SERVICE_OPERATION_QUOTAS[service]?.[op]?.ratePerSecond).toBeCloseTo(rate);
  });

  it('per-operation buckets of v1 and v2 are apart (CreateDomainName through v1 leaves v2 CreateVpcLink alone)', () => {
    let now = 0;
    const q = new Quotas({ now: () => now });
    expect(q.admit('apigateway', 'CreateDomainName').ok).toBe(true);
    expect(q.admit('apigateway', 'CreateDomainName')).toEqual({
      ok: false,
      bucket: 'CreateDomainName',
      retryAfterSeconds: 30,
    });
    expect(q.admit('apigatewayv2', 'CreateVpcLink').ok).toBe(true);
    now = 30_000;
    expect(q.admit('apigateway', 'CreateDomainName').ok).toBe(true);
  });
});
