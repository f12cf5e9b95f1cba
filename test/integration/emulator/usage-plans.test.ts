/**
 * Usage plans, API keys and usage-plan keys over HTTP with the real SDK client: AWS's patch
 * paths (plan throttle, quota, API stages, per-method throttles), key values (given or
 * generated; shown only when asked), and the refusals: a stage that does not exist, a value
 * shorter than 20 characters, a duplicate value, a key reaching one stage through two plans,
 * deleting a plan that still has stages or a stage a plan names.
 */
import * as v1 from '@aws-sdk/client-api-gateway';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { deployMockRestApi, sdkConfig, sdkError, startTestEmulator, type Emu } from './core-setup.js';

const REGION = 'eu-west-1';
let emu: Emu;
let c: v1.APIGatewayClient;
let restApiId: string;

beforeAll(async () => {
  emu = await startTestEmulator();
  c = new v1.APIGatewayClient(sdkConfig(emu, REGION));
});
afterAll(async () => emu.stop());

beforeEach(async () => {
  emu.control.reset();
  ({ restApiId } = await deployMockRestApi(c, { path: 'pets', apiKeyRequired: true }));
  const d = (await c.send(new v1.GetStageCommand({ restApiId, stageName: 'prod' }))).deploymentId;
  await c.send(new v1.CreateStageCommand({ restApiId, stageName: 'beta', deploymentId: d }));
});

const plan = (input: Partial<v1.CreateUsagePlanRequest> = {}) =>
  c.send(new v1.CreateUsagePlanCommand({ name: 'gold', ...input }));
const update = (usagePlanId: string, patchOperations: v1.PatchOperation[]) =>
  c.send(new v1.UpdateUsagePlanCommand({ usagePlanId, patchOperations }));

describe('API keys', () => {
  it('generates a 40-character value, shown on create and only with includeValue(s) afterwards', async () => {
    const k = await c.send(new v1.CreateApiKeyCommand({ name: 'generated', enabled: true, tags: { team: 'shop' } }));
    expect(k.value).toMatch(/^[A-Za-z0-9]{40}$/);
    expect(k).toMatchObject({ name: 'generated', enabled: true, tags: { team: 'shop' }, stageKeys: [] });
    expect(k.id).toMatch(/^[a-z0-9]{10}$/);
    expect((await c.send(new v1.GetApiKeyCommand({ apiKey: k.id }))).value).toBeUndefined();
    expect((await c.send(new v1.GetApiKeyCommand({ apiKey: k.id, includeValue: true }))).value).toBe(k.value);
    expect((await c.send(new v1.GetApiKeysCommand({}))).items?.[0].value).toBeUndefined();
    expect((await c.send(new v1.GetApiKeysCommand({ includeValues: true }))).items?.[0].value).toBe(k.value);
  });

  it('takes a given value, defaults enabled to false, filters by name prefix and customer', async () => {
    const value = 'abcdefghij0123456789ABCDEFGHIJ';
    const k = await c.send(new v1.CreateApiKeyCommand({ name: 'partner-a', value, customerId: 'acme' }));
    expect(k).toMatchObject({ value, enabled: false, customerId: 'acme' });
    await c.send(new v1.CreateApiKeyCommand({ name: 'internal' }));
    expect((await c.send(new v1.GetApiKeysCommand({ nameQuery: 'partner' }))).items?.map((x) => x.name)).toEqual([
      'partner-a',
    ]);
    expect((await c.send(new v1.GetApiKeysCommand({ customerId: 'acme' }))).items?.map((x) => x.name)).toEqual([
      'partner-a',
    ]);
  });

  it.each([
    [
      'a value shorter than 20 characters',
      { value: 'short' },
      'BadRequestException',
      'API Key value should be at least 20 characters',
    ],
    [
      'a value with other than letters and digits',
      { value: 'abcdefghij-0123456789' },
      'BadRequestException',
      'alphanumeric',
    ],
  ])('refuses %s', async (_label, input, name, message) => {
    expect(await sdkError(() => c.send(new v1.CreateApiKeyCommand({ name: 'k', ...input })))).toMatchObject({
      name,
      message: expect.stringContaining(message),
    });
  });

  it('refuses a value another key has (ConflictException "API Key already exists")', async () => {
    const value = 'abcdefghij0123456789ABCDEFGHIJ';
    await c.send(new v1.CreateApiKeyCommand({ name: 'a', value }));
    expect(await sdkError(() => c.send(new v1.CreateApiKeyCommand({ name: 'b', value })))).toMatchObject({
      name: 'ConflictException',
      message: 'API Key already exists',
    });
  });

  it('patches name, description, enabled and customerId; the value cannot be patched', async () => {
    const k = await c.send(new v1.CreateApiKeyCommand({ name: 'a' }));
    const u = await c.send(
      new v1.UpdateApiKeyCommand({
        apiKey: k.id,
        patchOperations: [
          { op: 'replace', path: '/name', value: 'b' },
          { op: 'replace', path: '/enabled', value: 'true' },
          { op: 'replace', path: '/description', value: 'partner' },
          { op: 'replace', path: '/customerId', value: 'acme' },
        ],
      }),
    );
    expect(u).toMatchObject({ name: 'b', enabled: true, description: 'partner', customerId: 'acme' });
    expect(u.value).toBeUndefined();
    const e = await sdkError(() =>
      c.send(
        new v1.UpdateApiKeyCommand({
          apiKey: k.id,
          patchOperations: [{ op: 'replace', path: '/value', value: 'abcdefghij0123456789ABCDEFGHIJ' }],
        }),
      ),
    );
    expect(e).toMatchObject({ name: 'BadRequestException', message: expect.stringContaining('cannot be changed') });
    expect((await c.send(new v1.GetApiKeyCommand({ apiKey: k.id, includeValue: true }))).value).toBe(k.value);
  });
});

describe('usage plans', () => {
  it('creates a plan with API stages, per-method throttles, a throttle and a quota', async () => {
    const p = await plan({
      description: 'paying customers',
      apiStages: [{ apiId: restApiId, stage: 'prod', throttle: { '/pets/GET': { rateLimit: 5, burstLimit: 10 } } }],
      throttle: { rateLimit: 100, burstLimit: 200 },
      quota: { limit: 10000, period: 'MONTH', offset: 3 },
      tags: { team: 'shop' },
    });
    expect(p).toMatchObject({
      name: 'gold',
      apiStages: [{ apiId: restApiId, stage: 'prod', throttle: { '/pets/GET': { rateLimit: 5, burstLimit: 10 } } }],
      throttle: { rateLimit: 100, burstLimit: 200 },
      quota: { limit: 10000, period: 'MONTH', offset: 3 },
    });
    expect(p.id).toMatch(/^[a-z0-9]{6}$/);
    expect(await c.send(new v1.GetUsagePlanCommand({ usagePlanId: p.id }))).toMatchObject({ name: 'gold' });
  });

  it.each([
    [
      'a stage that does not exist',
      { apiStages: [{ apiId: 'REST', stage: 'nope' }] },
      `Invalid API Stage {api: REST, stage: nope} specified for usageplan gold`,
    ],
    [
      'an API that does not exist',
      { apiStages: [{ apiId: 'nope000000', stage: 'prod' }] },
      'Invalid API Stage {api: nope000000, stage: prod} specified for usageplan gold',
    ],
    [
      'a quota offset in a DAY period',
      { quota: { limit: 1, period: 'DAY', offset: 1 } },
      'Usage Plan quota offset must be zero in the DAY period',
    ],
    ['a WEEK offset over 6', { quota: { limit: 1, period: 'WEEK', offset: 7 } }, 'between 0 and 6'],
    ['a MONTH offset over 27', { quota: { limit: 1, period: 'MONTH', offset: 28 } }, 'between 0 and 27'],
    [
      'a per-method throttle key without a method',
      { apiStages: [{ apiId: 'REST', stage: 'prod', throttle: { '/pets': { rateLimit: 1 } } }] },
      'Invalid method throttle key',
    ],
  ])('refuses %s (BadRequestException)', async (_label, input, message) => {
    const withApi = JSON.parse(
      JSON.stringify(input).replaceAll('"REST"', JSON.stringify(restApiId)),
    ) as Partial<v1.CreateUsagePlanRequest>;
    const e = await sdkError(() => plan(withApi));
    expect(e.name).toBe('BadRequestException');
    expect(e.message).toContain(message.replace('REST', restApiId));
  });

  it('applies every patch path AWS documents', async () => {
    const p = await plan({ apiStages: [{ apiId: restApiId, stage: 'prod' }] });
    const id = p.id!;
    const stage = `${restApiId}:prod`;
    let u = await update(id, [
      { op: 'replace', path: '/name', value: 'platinum' },
      { op: 'replace', path: '/description', value: 'top tier' },
      { op: 'add', path: '/productCode', value: 'prod-code' },
      { op: 'add', path: '/throttle/rateLimit', value: '50' },
      { op: 'add', path: '/throttle/burstLimit', value: '100' },
      { op: 'add', path: '/quota/limit', value: '500' },
      { op: 'add', path: '/quota/period', value: 'WEEK' },
      { op: 'add', path: '/quota/offset', value: '2' },
      { op: 'add', path: '/apiStages', value: `${restApiId}:beta` },
      { op: 'replace', path: `/apiStages/${stage}/throttle//pets/GET/rateLimit`, value: '0.5' },
      { op: 'replace', path: `/apiStages/${stage}/throttle/~1pets/GET/burstLimit`, value: '2' },
    ]);
    expect(u).toMatchObject({
      name: 'platinum',
      description: 'top tier',
      productCode: 'prod-code',
      throttle: { rateLimit: 50, burstLimit: 100 },
      quota: { limit: 500, period: 'WEEK', offset: 2 },
      apiStages: [
        { apiId: restApiId, stage: 'prod', throttle: { '/pets/GET': { rateLimit: 0.5, burstLimit: 2 } } },
        { apiId: restApiId, stage: 'beta' },
      ],
    });
    u = await update(id, [
      {
        op: 'replace',
        path: `/apiStages/${stage}/throttle`,
        value: JSON.stringify({ '//GET': { rateLimit: 1, burstLimit: 1 } }),
      },
    ]);
    expect(u.apiStages?.[0].throttle).toEqual({ '//GET': { rateLimit: 1, burstLimit: 1 } });
    u = await update(id, [{ op: 'remove', path: `/apiStages/${stage}/throttle//GET` }]);
    expect(u.apiStages?.[0].throttle).toBeUndefined();
    u = await update(id, [
      { op: 'remove', path: '/throttle' },
      { op: 'remove', path: '/quota' },
      { op: 'remove', path: '/productCode' },
      { op: 'remove', path: '/apiStages', value: `${restApiId}:beta` },
    ]);
    expect(u.throttle).toBeUndefined();
    expect(u.quota).toBeUndefined();
    expect(u.productCode).toBeUndefined();
    expect(u.apiStages).toEqual([{ apiId: restApiId, stage: 'prod' }]);
  });

  it('refuses what AWS refuses on update and leaves the plan as it was', async () => {
    const p = await plan({ apiStages: [{ apiId: restApiId, stage: 'prod' }] });
    for (const [ops, message] of [
      [
        [{ op: 'remove', path: `/apiStages/${restApiId}:prod` }],
        `Invalid patch path '/apiStages/${restApiId}:prod' specified for op 'remove'. Must be one of: [/apiStages, /quota, /throttle, /productCode`,
      ],
      [[{ op: 'remove', path: '/apiStages', value: `${restApiId}:beta` }], 'Invalid API Stage specified'],
      [[{ op: 'add', path: '/apiStages', value: `${restApiId}:nope` }], 'Invalid API Stage'],
      [
        [
          { op: 'add', path: '/quota/offset', value: '3' },
          { op: 'add', path: '/quota/period', value: 'DAY' },
          { op: 'add', path: '/quota/limit', value: '5' },
        ],
        'DAY period',
      ],
    ] as Array<[v1.PatchOperation[], string]>) {
      const e = await sdkError(() => update(p.id!, ops));
      expect(e.name).toBe('BadRequestException');
      expect(e.message).toContain(message);
    }
    expect(await c.send(new v1.GetUsagePlanCommand({ usagePlanId: p.id }))).toMatchObject({
      name: 'gold',
      apiStages: [{ apiId: restApiId, stage: 'prod' }],
    });
  });

  it("refuses to delete a plan that still has API stages (AWS's message), and deletes it once they are gone", async () => {
    const p = await plan({ apiStages: [{ apiId: restApiId, stage: 'prod' }] });
    expect((await sdkError(() => c.send(new v1.DeleteUsagePlanCommand({ usagePlanId: p.id })))).message).toBe(
      `Cannot delete Usage Plan ${p.id} because there are API Stages associated with it, including ${restApiId}:prod`,
    );
    await update(p.id!, [{ op: 'remove', path: '/apiStages', value: `${restApiId}:prod` }]);
    await c.send(new v1.DeleteUsagePlanCommand({ usagePlanId: p.id }));
    expect((await sdkError(() => c.send(new v1.GetUsagePlanCommand({ usagePlanId: p.id })))).name).toBe(
      'NotFoundException',
    );
  });

  it('refuses to delete a stage or an API a plan names', async () => {
    const p = await plan({ apiStages: [{ apiId: restApiId, stage: 'beta' }] });
    expect(
      (await sdkError(() => c.send(new v1.DeleteStageCommand({ restApiId, stageName: 'beta' })))).message,
    ).toContain(p.id!);
    expect((await sdkError(() => c.send(new v1.DeleteRestApiCommand({ restApiId })))).message).toContain(p.id!);
    await c.send(new v1.DeleteStageCommand({ restApiId, stageName: 'prod' }));
  });

  it('tags plans and keys by ARN', async () => {
    const p = await plan();
    const k = await c.send(new v1.CreateApiKeyCommand({ name: 'k' }));
    for (const arn of [
      `arn:aws:apigateway:${REGION}::/usageplans/${p.id}`,
      `arn:aws:apigateway:${REGION}::/apikeys/${k.id}`,
    ]) {
      await c.send(new v1.TagResourceCommand({ resourceArn: arn, tags: { owner: 'shop' } }));
      expect((await c.send(new v1.GetTagsCommand({ resourceArn: arn }))).tags).toEqual({ owner: 'shop' });
      await c.send(new v1.UntagResourceCommand({ resourceArn: arn, tagKeys: ['owner'] }));
      expect((await c.send(new v1.GetTagsCommand({ resourceArn: arn }))).tags).toEqual({});
    }
  });
});

describe('usage-plan keys', () => {
  it('adds a key to a plan, shows its value, lists plans by key, and removes it', async () => {
    const p = await plan({ apiStages: [{ apiId: restApiId, stage: 'prod' }] });
    const k = await c.send(new v1.CreateApiKeyCommand({ name: 'partner', enabled: true }));
    const pk = await c.send(new v1.CreateUsagePlanKeyCommand({ usagePlanId: p.id, keyId: k.id, keyType: 'API_KEY' }));
    expect(pk).toMatchObject({ id: k.id, type: 'API_KEY', name: 'partner', value: k.value });
    expect((await c.send(new v1.GetUsagePlanKeysCommand({ usagePlanId: p.id }))).items?.map((x) => x.id)).toEqual([
      k.id,
    ]);
    expect(await c.send(new v1.GetUsagePlanKeyCommand({ usagePlanId: p.id, keyId: k.id }))).toMatchObject({ id: k.id });
    expect((await c.send(new v1.GetUsagePlansCommand({ keyId: k.id }))).items?.map((x) => x.id)).toEqual([p.id]);
    await c.send(new v1.DeleteUsagePlanKeyCommand({ usagePlanId: p.id, keyId: k.id }));
    expect((await c.send(new v1.GetUsagePlanKeysCommand({ usagePlanId: p.id }))).items ?? []).toEqual([]);
  });

  it('refuses a key in two plans that share an API stage, a key twice, an unknown key, a key type other than API_KEY', async () => {
    const gold = await plan({ apiStages: [{ apiId: restApiId, stage: 'prod' }] });
    const silver = await plan({ name: 'silver', apiStages: [{ apiId: restApiId, stage: 'prod' }] });
    const beta = await plan({ name: 'beta', apiStages: [{ apiId: restApiId, stage: 'beta' }] });
    const k = await c.send(new v1.CreateApiKeyCommand({ name: 'k' }));
    await c.send(new v1.CreateUsagePlanKeyCommand({ usagePlanId: gold.id, keyId: k.id, keyType: 'API_KEY' }));
    const shared = await sdkError(() =>
      c.send(new v1.CreateUsagePlanKeyCommand({ usagePlanId: silver.id, keyId: k.id, keyType: 'API_KEY' })),
    );
    expect(shared).toMatchObject({
      name: 'BadRequestException',
      message: expect.stringContaining(
        `cannot reference multiple Usage Plans with the same API Stage: ${restApiId}:prod`,
      ),
    });
    await c.send(new v1.CreateUsagePlanKeyCommand({ usagePlanId: beta.id, keyId: k.id, keyType: 'API_KEY' }));
    expect(
      (
        await sdkError(() =>
          c.send(new v1.CreateUsagePlanKeyCommand({ usagePlanId: gold.id, keyId: k.id, keyType: 'API_KEY' })),
        )
      ).name,
    ).toBe('ConflictException');
    expect(
      (
        await sdkError(() =>
          c.send(new v1.CreateUsagePlanKeyCommand({ usagePlanId: gold.id, keyId: 'nope000000', keyType: 'API_KEY' })),
        )
      ).name,
    ).toBe('NotFoundException');
    expect(
      (
        await sdkError(() =>
          c.send(new v1.CreateUsagePlanKeyCommand({ usagePlanId: silver.id, keyId: k.id, keyType: 'OTHER' })),
        )
      ).name,
    ).toBe('BadRequestException');
    // Adding the shared stage to a plan the key is already in is refused the same way.
    expect(
      (await sdkError(() => update(beta.id!, [{ op: 'add', path: '/apiStages', value: `${restApiId}:prod` }]))).message,
    ).toContain('cannot reference multiple Usage Plans');
  });

  it('a deleted key leaves every plan', async () => {
    const p = await plan();
    const k = await c.send(new v1.CreateApiKeyCommand({ name: 'k' }));
    await c.send(new v1.CreateUsagePlanKeyCommand({ usagePlanId: p.id, keyId: k.id, keyType: 'API_KEY' }));
    await c.send(new v1.DeleteApiKeyCommand({ apiKey: k.id }));
    expect((await c.send(new v1.GetUsagePlanKeysCommand({ usagePlanId: p.id }))).items ?? []).toEqual([]);
  });
});
