/**
 * AWS WAF (wafv2) over HTTP with the real SDK client: web ACLs (created, or seeded when the
 * emulator starts), their association with REST API stages (mirrored in GetStage's webAclArn),
 * and WAF's refusals — an HTTP API stage, another region, an unknown ACL. The client reaches the
 * emulator through AWS_ENDPOINT_URL_WAFV2, as the tool's will.
 */
import * as v1 from '@aws-sdk/client-api-gateway';
import * as v2 from '@aws-sdk/client-apigatewayv2';
import * as waf from '@aws-sdk/client-wafv2';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { deployMockRestApi, sdkConfig, sdkError, startTestEmulator, TEST_CREDENTIALS, type Emu } from './core-setup.js';

const REGION = 'eu-west-1';
const SEED_ID = '3f2a9c1e-7b4d-4e8f-9a0b-1c2d3e4f5a6b';
const visibility = { SampledRequestsEnabled: true, CloudWatchMetricsEnabled: true, MetricName: 'shop' };

let emu: Emu;
let w: waf.WAFV2Client;
let savedEndpoint: string | undefined;
let c1: v1.APIGatewayClient;
let stageArn: string;
let restApiId: string;

beforeAll(async () => {
  emu = await startTestEmulator({
    webAcls: [{ name: 'shop-protection', id: SEED_ID, description: 'seeded', rules: [] }],
  });
  // The SDK reads the variable per request: it stays set for this file (restored in afterAll).
  savedEndpoint = process.env.AWS_ENDPOINT_URL_WAFV2;
  process.env.AWS_ENDPOINT_URL_WAFV2 = emu.url;
  w = new waf.WAFV2Client({ region: REGION, credentials: TEST_CREDENTIALS, maxAttempts: 1 });
  c1 = new v1.APIGatewayClient(sdkConfig(emu, REGION));
});
afterAll(async () => {
  if (savedEndpoint === undefined) delete process.env.AWS_ENDPOINT_URL_WAFV2;
  else process.env.AWS_ENDPOINT_URL_WAFV2 = savedEndpoint;
  await emu.stop();
});

beforeEach(async () => {
  emu.control.reset();
  ({ restApiId } = await deployMockRestApi(c1));
  stageArn = `arn:aws:apigateway:${REGION}::/restapis/${restApiId}/stages/prod`;
});

const createAcl = (Name: string, extra: Partial<waf.CreateWebACLRequest> = {}) =>
  w.send(
    new waf.CreateWebACLCommand({
      Name,
      Scope: 'REGIONAL',
      DefaultAction: { Allow: {} },
      VisibilityConfig: visibility,
      ...extra,
    }),
  );

describe('web ACLs', () => {
  it('has the seeded ACL at the ARN the state names, in every region, and after a reset', async () => {
    const arn = `arn:aws:wafv2:${REGION}:000000000000:regional/webacl/shop-protection/${SEED_ID}`;
    const got = await w.send(new waf.GetWebACLCommand({ Name: 'shop-protection', Scope: 'REGIONAL', Id: SEED_ID }));
    expect(got.WebACL).toMatchObject({
      Name: 'shop-protection',
      Id: SEED_ID,
      ARN: arn,
      Description: 'seeded',
      DefaultAction: { Allow: {} },
      Rules: [],
    });
    expect(got.LockToken).toMatch(/^[0-9a-f-]{36}$/);
    expect((await w.send(new waf.GetWebACLCommand({ ARN: arn }))).WebACL?.Id).toBe(SEED_ID);
  });

  it('creates an ACL with rules and lists it; names are unique per scope', async () => {
    const rules: waf.Rule[] = [
      {
        Name: 'rate',
        Priority: 1,
        Action: { Block: {} },
        Statement: { RateBasedStatement: { Limit: 1000, AggregateKeyType: 'IP' } },
        VisibilityConfig: visibility,
      },
      {
        Name: 'common',
        Priority: 2,
        OverrideAction: { None: {} },
        Statement: { ManagedRuleGroupStatement: { VendorName: 'AWS', Name: 'AWSManagedRulesCommonRuleSet' } },
        VisibilityConfig: visibility,
      },
    ];
    const created = await createAcl('shop-waf', {
      Description: 'shop',
      Rules: rules,
      Tags: [{ Key: 'team', Value: 'shop' }],
    });
    expect(created.Summary).toMatchObject({
      Name: 'shop-waf',
      Description: 'shop',
      ARN: `arn:aws:wafv2:${REGION}:000000000000:regional/webacl/shop-waf/${created.Summary!.Id}`,
    });
    const got = await w.send(
      new waf.GetWebACLCommand({ Name: 'shop-waf', Scope: 'REGIONAL', Id: created.Summary!.Id }),
    );
    expect(got.WebACL?.Rules).toEqual(rules);
    expect(got.WebACL?.LabelNamespace).toBe('awswaf:000000000000:webacl:shop-waf:');
    expect((await w.send(new waf.ListWebACLsCommand({ Scope: 'REGIONAL' }))).WebACLs?.map((x) => x.Name)).toEqual([
      'shop-protection',
      'shop-waf',
    ]);
    const first = await w.send(new waf.ListWebACLsCommand({ Scope: 'REGIONAL', Limit: 1 }));
    expect(
      (
        await w.send(new waf.ListWebACLsCommand({ Scope: 'REGIONAL', Limit: 1, NextMarker: first.NextMarker }))
      ).WebACLs?.map((x) => x.Name),
    ).toEqual(['shop-waf']);
    expect((await sdkError(() => createAcl('shop-waf'))).name).toBe('WAFDuplicateItemException');
  });

  it.each([
    ['a default action of two kinds', { DefaultAction: { Allow: {}, Block: {} } }],
    [
      'a rule with two statements',
      {
        Rules: [
          {
            Name: 'r',
            Priority: 1,
            Action: { Block: {} },
            Statement: {
              GeoMatchStatement: { CountryCodes: ['FR'] },
              LabelMatchStatement: { Scope: 'LABEL', Key: 'x' },
            },
            VisibilityConfig: visibility,
          },
        ],
      },
    ],
    [
      'an override action on a plain rule',
      {
        Rules: [
          {
            Name: 'r',
            Priority: 1,
            OverrideAction: { None: {} },
            Statement: { GeoMatchStatement: { CountryCodes: ['FR'] } },
            VisibilityConfig: visibility,
          },
        ],
      },
    ],
    [
      'two rules with one priority',
      {
        Rules: ['a', 'b'].map((Name) => ({
          Name,
          Priority: 1,
          Action: { Block: {} },
          Statement: { GeoMatchStatement: { CountryCodes: ['FR'] } },
          VisibilityConfig: visibility,
        })),
      },
    ],
  ])('refuses %s (WAFInvalidParameterException)', async (_label, extra) => {
    const e = await sdkError(() => createAcl('bad', extra as Partial<waf.CreateWebACLRequest>));
    expect(e.name).toBe('WAFInvalidParameterException');
    expect((e as unknown as { Field?: string }).Field).toBeDefined();
  });

  it('keeps CLOUDFRONT ACLs in us-east-1 only', async () => {
    expect(await sdkError(() => createAcl('cf', { Scope: 'CLOUDFRONT' }))).toMatchObject({
      name: 'WAFInvalidParameterException',
      Field: 'SCOPE_VALUE',
    });
  });

  it('deletes an ACL with its lock token; a stale token or an association refuses', async () => {
    const a = await createAcl('temp');
    const id = { Name: 'temp', Scope: 'REGIONAL' as const, Id: a.Summary!.Id };
    expect(
      (
        await sdkError(() =>
          w.send(new waf.DeleteWebACLCommand({ ...id, LockToken: '00000000-0000-0000-0000-000000000000' })),
        )
      ).name,
    ).toBe('WAFOptimisticLockException');
    await w.send(new waf.AssociateWebACLCommand({ WebACLArn: a.Summary!.ARN, ResourceArn: stageArn }));
    expect(
      (await sdkError(() => w.send(new waf.DeleteWebACLCommand({ ...id, LockToken: a.Summary!.LockToken })))).name,
    ).toBe('WAFAssociatedItemException');
    await w.send(new waf.DisassociateWebACLCommand({ ResourceArn: stageArn }));
    await w.send(new waf.DeleteWebACLCommand({ ...id, LockToken: a.Summary!.LockToken }));
    expect((await sdkError(() => w.send(new waf.GetWebACLCommand(id)))).name).toBe('WAFNonexistentItemException');
  });
});

describe('associations with REST stages', () => {
  const seeded = `arn:aws:wafv2:${REGION}:000000000000:regional/webacl/shop-protection/${SEED_ID}`;

  it('associates a stage, shows it in GetStage, GetWebACLForResource and ListResourcesForWebACL (API_GATEWAY), and disassociates', async () => {
    await w.send(new waf.AssociateWebACLCommand({ WebACLArn: seeded, ResourceArn: stageArn }));
    expect((await c1.send(new v1.GetStageCommand({ restApiId, stageName: 'prod' }))).webAclArn).toBe(seeded);
    expect((await w.send(new waf.GetWebACLForResourceCommand({ ResourceArn: stageArn }))).WebACL?.ARN).toBe(seeded);
    expect(
      (await w.send(new waf.ListResourcesForWebACLCommand({ WebACLArn: seeded, ResourceType: 'API_GATEWAY' })))
        .ResourceArns,
    ).toEqual([stageArn]);
    // Without a ResourceType AWS lists Application Load Balancers.
    expect((await w.send(new waf.ListResourcesForWebACLCommand({ WebACLArn: seeded }))).ResourceArns).toEqual([]);
    // Another ACL replaces the association.
    const other = await createAcl('other');
    await w.send(new waf.AssociateWebACLCommand({ WebACLArn: other.Summary!.ARN, ResourceArn: stageArn }));
    expect((await c1.send(new v1.GetStageCommand({ restApiId, stageName: 'prod' }))).webAclArn).toBe(
      other.Summary!.ARN,
    );
    await w.send(new waf.DisassociateWebACLCommand({ ResourceArn: stageArn }));
    expect((await c1.send(new v1.GetStageCommand({ restApiId, stageName: 'prod' }))).webAclArn).toBeUndefined();
    expect((await w.send(new waf.GetWebACLForResourceCommand({ ResourceArn: stageArn }))).WebACL).toBeUndefined();
  });

  it('refuses an HTTP API stage, a stage of another region, a stage or ACL that does not exist', async () => {
    const c2 = new v2.ApiGatewayV2Client(sdkConfig(emu, REGION));
    const http = await c2.send(new v2.CreateApiCommand({ Name: 'events', ProtocolType: 'HTTP' }));
    await c2.send(new v2.CreateStageCommand({ ApiId: http.ApiId, StageName: 'prod' }));
    const httpStage = await sdkError(() =>
      w.send(
        new waf.AssociateWebACLCommand({
          WebACLArn: seeded,
          ResourceArn: `arn:aws:apigateway:${REGION}::/apis/${http.ApiId}/stages/prod`,
        }),
      ),
    );
    expect(httpStage).toMatchObject({
      name: 'WAFInvalidParameterException',
      Field: 'RESOURCE_ARN',
      message: expect.stringContaining('REST API stages, not HTTP API stages'),
    });
    expect(
      await sdkError(() =>
        w.send(
          new waf.AssociateWebACLCommand({ WebACLArn: seeded, ResourceArn: stageArn.replace(REGION, 'us-east-1') }),
        ),
      ),
    ).toMatchObject({ name: 'WAFInvalidParameterException', Field: 'RESOURCE_ARN' });
    expect(
      (
        await sdkError(() =>
          w.send(
            new waf.AssociateWebACLCommand({ WebACLArn: seeded, ResourceArn: stageArn.replace('/prod', '/nope') }),
          ),
        )
      ).name,
    ).toBe('WAFNonexistentItemException');
    expect(
      (
        await sdkError(() =>
          w.send(
            new waf.AssociateWebACLCommand({
              WebACLArn: seeded.replace(SEED_ID, '00000000-0000-0000-0000-000000000000'),
              ResourceArn: stageArn,
            }),
          ),
        )
      ).name,
    ).toBe('WAFNonexistentItemException');
  });

  it('a deleted stage loses its association', async () => {
    await w.send(new waf.AssociateWebACLCommand({ WebACLArn: seeded, ResourceArn: stageArn }));
    await c1.send(new v1.DeleteStageCommand({ restApiId, stageName: 'prod' }));
    expect(
      (await w.send(new waf.ListResourcesForWebACLCommand({ WebACLArn: seeded, ResourceType: 'API_GATEWAY' })))
        .ResourceArns,
    ).toEqual([]);
  });
});
