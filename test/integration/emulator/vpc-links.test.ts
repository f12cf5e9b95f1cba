/**
 * VPC links over HTTP with the real SDK clients: REST (v1, one Network Load Balancer) and HTTP
 * (v2, subnets) links turn from PENDING to AVAILABLE after the emulator's pending time (set per
 * test through the control API, so waiting is exercised without sleeping for minutes); the
 * integrations that name a link are checked; a link in use cannot be deleted.
 */
import * as v1 from '@aws-sdk/client-api-gateway';
import * as v2 from '@aws-sdk/client-apigatewayv2';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { EmulatorClient } from '../../../src/emulator/control/client.js';
import { sdkConfig, sdkError, startTestEmulator, type Emu } from './core-setup.js';

const REGION = 'eu-west-1';
const NLB = `arn:aws:elasticloadbalancing:${REGION}:000000000000:loadbalancer/net/private/0123456789abcdef`;
const LISTENER = `arn:aws:elasticloadbalancing:${REGION}:000000000000:listener/app/private/0123456789abcdef/fedcba9876543210`;

let emu: Emu;
let c1: v1.APIGatewayClient;
let c2: v2.ApiGatewayV2Client;

beforeAll(async () => {
  emu = await startTestEmulator({ vpcLinkPendingMs: 0 });
  const cfg = sdkConfig(emu, REGION);
  c1 = new v1.APIGatewayClient(cfg);
  c2 = new v2.ApiGatewayV2Client(cfg);
});
afterAll(async () => emu.stop());
beforeEach(() => {
  emu.control.reset();
  emu.control.setSettings({ vpcLinkPendingMs: 0 });
});

/** Polls until the condition holds (no fixed sleeps: the emulator decides when the link is ready). */
async function waitFor<T>(read: () => Promise<T>, done: (v: T) => boolean): Promise<T> {
  for (;;) {
    const v = await read();
    if (done(v)) return v;
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe('REST (v1) VPC links', () => {
  it('is PENDING, then AVAILABLE once the pending time has passed', async () => {
    emu.control.setSettings({ vpcLinkPendingMs: 300 });
    const l = await c1.send(
      new v1.CreateVpcLinkCommand({
        name: 'private',
        description: 'to the NLB',
        targetArns: [NLB],
        tags: { team: 'shop' },
      }),
    );
    expect(l).toMatchObject({ name: 'private', targetArns: [NLB], status: 'PENDING', tags: { team: 'shop' } });
    expect(l.$metadata.httpStatusCode).toBe(202);
    const ready = await waitFor(
      () => c1.send(new v1.GetVpcLinkCommand({ vpcLinkId: l.id })),
      (x) => x.status === 'AVAILABLE',
    );
    expect(ready.statusMessage).toBe('Your vpc link is ready for use');
    expect((await c1.send(new v1.GetVpcLinksCommand({}))).items?.map((x) => x.status)).toEqual(['AVAILABLE']);
  });

  it('a pending time set through the HTTP control API applies to links created afterwards', async () => {
    await new EmulatorClient(emu.url).setVpcLinkPendingMs(3_600_000);
    const l = await c1.send(new v1.CreateVpcLinkCommand({ name: 'slow', targetArns: [NLB] }));
    expect((await c1.send(new v1.GetVpcLinkCommand({ vpcLinkId: l.id }))).status).toBe('PENDING');
    expect((await new EmulatorClient(emu.url).settings()).vpcLinkPendingMs).toBe(3_600_000);
  });

  it.each([
    ['two target ARNs', [NLB, NLB], 'More than one target arn specified for vpc link.'],
    [
      'an Application Load Balancer',
      [`arn:aws:elasticloadbalancing:${REGION}:000000000000:loadbalancer/app/web/0123456789abcdef`],
      'Network Load Balancer',
    ],
    ['a load balancer in another region', [NLB.replace(REGION, 'us-east-1')], 'region'],
  ])('refuses %s', async (_label, targetArns, message) => {
    expect(await sdkError(() => c1.send(new v1.CreateVpcLinkCommand({ name: 'x', targetArns })))).toMatchObject({
      name: 'BadRequestException',
      message: expect.stringContaining(message),
    });
  });

  it('renames and describes a link; its targets cannot change', async () => {
    const l = await c1.send(new v1.CreateVpcLinkCommand({ name: 'a', targetArns: [NLB] }));
    expect(
      await c1.send(
        new v1.UpdateVpcLinkCommand({
          vpcLinkId: l.id,
          patchOperations: [
            { op: 'replace', path: '/name', value: 'b' },
            { op: 'replace', path: '/description', value: 'd' },
          ],
        }),
      ),
    ).toMatchObject({ name: 'b', description: 'd' });
    expect(
      (
        await sdkError(() =>
          c1.send(
            new v1.UpdateVpcLinkCommand({
              vpcLinkId: l.id,
              patchOperations: [{ op: 'add', path: '/targetArns', value: NLB }],
            }),
          ),
        )
      ).message,
    ).toBe('Target arns are not allowed to be changed/added.');
  });

  it('checks integrations that name a link, and refuses to delete a link a deployed stage uses', async () => {
    const l = await c1.send(new v1.CreateVpcLinkCommand({ name: 'private', targetArns: [NLB] }));
    const api = await c1.send(new v1.CreateRestApiCommand({ name: 'shop' }));
    const m = { restApiId: api.id, resourceId: api.rootResourceId, httpMethod: 'GET' };
    await c1.send(new v1.PutMethodCommand({ ...m, authorizationType: 'NONE' }));
    const base = {
      ...m,
      integrationHttpMethod: 'GET',
      uri: 'http://private.example.com',
      connectionType: 'VPC_LINK' as const,
    };
    expect(
      (
        await sdkError(() =>
          c1.send(new v1.PutIntegrationCommand({ ...base, type: 'HTTP_PROXY', connectionId: 'nope00' })),
        )
      ).message,
    ).toContain('Invalid VPC link identifier');
    expect(
      (
        await sdkError(() =>
          c1.send(
            new v1.PutIntegrationCommand({
              ...base,
              type: 'AWS_PROXY',
              uri: 'arn:aws:apigateway:eu-west-1:lambda:path/2015-03-31/functions/arn:aws:lambda:eu-west-1:000000000000:function:f/invocations',
              connectionId: l.id,
            }),
          ),
        )
      ).message,
    ).toContain('only supported for HTTP and HTTP_PROXY');
    // A stage variable is resolved per request: not checked here.
    await c1.send(
      new v1.PutIntegrationCommand({ ...base, type: 'HTTP_PROXY', connectionId: '${stageVariables.vpcLinkId}' }),
    );
    await c1.send(new v1.PutIntegrationCommand({ ...base, type: 'HTTP_PROXY', connectionId: l.id }));
    const undeployed = await c1.send(new v1.GetVpcLinkCommand({ vpcLinkId: l.id }));
    expect(undeployed.status).toBe('AVAILABLE');
    await c1.send(new v1.CreateDeploymentCommand({ restApiId: api.id, stageName: 'prod' }));
    const e = await sdkError(() => c1.send(new v1.DeleteVpcLinkCommand({ vpcLinkId: l.id })));
    expect(e.message).toBe(
      `Cannot delete vpc link. Vpc link '${l.id}', is referenced in [${api.id}:GET:${api.rootResourceId}:prod] in format of [RESTApiId:Method:Resource:Stage].`,
    );
    await c1.send(new v1.DeleteStageCommand({ restApiId: api.id, stageName: 'prod' }));
    await c1.send(new v1.DeleteVpcLinkCommand({ vpcLinkId: l.id }));
    expect((await sdkError(() => c1.send(new v1.GetVpcLinkCommand({ vpcLinkId: l.id })))).name).toBe(
      'NotFoundException',
    );
  });
});

describe('HTTP (v2) VPC links', () => {
  it('is PENDING while ENIs are provisioned, then AVAILABLE; only the name changes', async () => {
    emu.control.setSettings({ vpcLinkPendingMs: 300 });
    const l = await c2.send(
      new v2.CreateVpcLinkCommand({
        Name: 'private',
        SubnetIds: ['subnet-0123456789abcdef0', 'subnet-0fedcba9876543210'],
        SecurityGroupIds: ['sg-0123456789abcdef0'],
        Tags: { team: 'events' },
      }),
    );
    expect(l).toMatchObject({
      Name: 'private',
      VpcLinkStatus: 'PENDING',
      VpcLinkStatusMessage: 'VPC link is provisioning ENIs',
      VpcLinkVersion: 'V2',
      Tags: { team: 'events' },
    });
    expect(l.CreatedDate).toBeInstanceOf(Date);
    const ready = await waitFor(
      () => c2.send(new v2.GetVpcLinkCommand({ VpcLinkId: l.VpcLinkId })),
      (x) => x.VpcLinkStatus === 'AVAILABLE',
    );
    expect(ready.VpcLinkStatusMessage).toBe('VPC link is ready to route traffic');
    expect(await c2.send(new v2.UpdateVpcLinkCommand({ VpcLinkId: l.VpcLinkId, Name: 'renamed' }))).toMatchObject({
      Name: 'renamed',
      SubnetIds: ['subnet-0123456789abcdef0', 'subnet-0fedcba9876543210'],
    });
    expect((await c2.send(new v2.GetVpcLinksCommand({}))).Items?.map((x) => x.Name)).toEqual(['renamed']);
  });

  it('refuses a subnet id that is not one', async () => {
    expect((await sdkError(() => c2.send(new v2.CreateVpcLinkCommand({ Name: 'x', SubnetIds: ['net-1'] })))).name).toBe(
      'BadRequestException',
    );
  });

  it('checks private integrations (link, listener ARN, HTTP_PROXY) and refuses to delete a link in use', async () => {
    const l = await c2.send(new v2.CreateVpcLinkCommand({ Name: 'private', SubnetIds: ['subnet-0123456789abcdef0'] }));
    const api = await c2.send(new v2.CreateApiCommand({ Name: 'events', ProtocolType: 'HTTP' }));
    const base = {
      ApiId: api.ApiId,
      IntegrationType: 'HTTP_PROXY' as const,
      IntegrationMethod: 'ANY',
      ConnectionType: 'VPC_LINK' as const,
      PayloadFormatVersion: '1.0',
    };
    expect(
      (
        await sdkError(() =>
          c2.send(new v2.CreateIntegrationCommand({ ...base, IntegrationUri: LISTENER, ConnectionId: 'nope00' })),
        )
      ).message,
    ).toContain('Invalid VpcLink identifier');
    expect(
      (
        await sdkError(() =>
          c2.send(
            new v2.CreateIntegrationCommand({
              ...base,
              IntegrationUri: 'https://private.example.com',
              ConnectionId: l.VpcLinkId,
            }),
          ),
        )
      ).message,
    ).toContain('Load Balancer listener');
    const i = await c2.send(
      new v2.CreateIntegrationCommand({ ...base, IntegrationUri: LISTENER, ConnectionId: l.VpcLinkId }),
    );
    const r = await c2.send(
      new v2.CreateRouteCommand({
        ApiId: api.ApiId,
        RouteKey: 'ANY /private',
        Target: `integrations/${i.IntegrationId}`,
      }),
    );
    const e = await sdkError(() => c2.send(new v2.DeleteVpcLinkCommand({ VpcLinkId: l.VpcLinkId })));
    expect(e).toMatchObject({
      name: 'BadRequestException',
      message: `Cannot delete vpc link. Vpc link '${l.VpcLinkId}', is referenced in [ANY:${r.RouteId}] in format of [Method:Resource].`,
    });
    await c2.send(new v2.DeleteRouteCommand({ ApiId: api.ApiId, RouteId: r.RouteId }));
    await c2.send(new v2.DeleteIntegrationCommand({ ApiId: api.ApiId, IntegrationId: i.IntegrationId }));
    await c2.send(new v2.DeleteVpcLinkCommand({ VpcLinkId: l.VpcLinkId }));
  });

  it('WebSocket integrations reach private resources through REST (v1) links', async () => {
    const rest = await c1.send(new v1.CreateVpcLinkCommand({ name: 'rest', targetArns: [NLB] }));
    const http = await c2.send(new v2.CreateVpcLinkCommand({ Name: 'http', SubnetIds: ['subnet-0123456789abcdef0'] }));
    const ws = await c2.send(
      new v2.CreateApiCommand({
        Name: 'chat',
        ProtocolType: 'WEBSOCKET',
        RouteSelectionExpression: '$request.body.action',
      }),
    );
    const base = {
      ApiId: ws.ApiId,
      IntegrationType: 'HTTP_PROXY' as const,
      IntegrationMethod: 'POST',
      IntegrationUri: 'http://chat.internal.example.com',
      ConnectionType: 'VPC_LINK' as const,
    };
    expect(
      (await sdkError(() => c2.send(new v2.CreateIntegrationCommand({ ...base, ConnectionId: http.VpcLinkId }))))
        .message,
    ).toContain('WebSocket APIs use REST (v1) VPC links');
    const i = await c2.send(new v2.CreateIntegrationCommand({ ...base, ConnectionId: rest.id }));
    expect(i.ConnectionId).toBe(rest.id);
    expect((await sdkError(() => c1.send(new v1.DeleteVpcLinkCommand({ vpcLinkId: rest.id })))).message).toContain(
      `${ws.ApiId}:${i.IntegrationId}`,
    );
  });

  it('keeps REST and HTTP links apart, and tags each through its own API', async () => {
    const rest = await c1.send(new v1.CreateVpcLinkCommand({ name: 'rest', targetArns: [NLB] }));
    const http = await c2.send(new v2.CreateVpcLinkCommand({ Name: 'http', SubnetIds: ['subnet-0123456789abcdef0'] }));
    expect((await c1.send(new v1.GetVpcLinksCommand({}))).items?.map((x) => x.name)).toEqual(['rest']);
    expect((await c2.send(new v2.GetVpcLinksCommand({}))).Items?.map((x) => x.Name)).toEqual(['http']);
    await c1.send(
      new v1.TagResourceCommand({
        resourceArn: `arn:aws:apigateway:${REGION}::/vpclinks/${rest.id}`,
        tags: { a: 'rest' },
      }),
    );
    await c2.send(
      new v2.TagResourceCommand({
        ResourceArn: `arn:aws:apigateway:${REGION}::/vpclinks/${http.VpcLinkId}`,
        Tags: { a: 'http' },
      }),
    );
    expect((await c1.send(new v1.GetVpcLinkCommand({ vpcLinkId: rest.id }))).tags).toEqual({ a: 'rest' });
    expect((await c2.send(new v2.GetVpcLinkCommand({ VpcLinkId: http.VpcLinkId }))).Tags).toEqual({ a: 'http' });
  });
});
