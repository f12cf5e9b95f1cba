/** Reader error paths with a mocked SDK: an SDK error reaches the caller once wrapped, naming the call. */
import {
  APIGatewayClient,
  GetAuthorizersCommand,
  GetGatewayResponsesCommand,
  GetModelsCommand,
  GetRequestValidatorsCommand,
  GetResourcesCommand,
  GetStagesCommand,
} from '@aws-sdk/client-api-gateway';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, describe, expect, it } from 'vitest';
import { readRestApi } from '../../../../src/aws/read/kinds.js';
import { AwsCallError } from '../../../../src/model/errors.js';

const apigw = mockClient(APIGatewayClient);
afterEach(() => apigw.reset());

function notFound(): Error {
  return Object.assign(new Error('Invalid API identifier specified'), {
    name: 'NotFoundException',
    $metadata: { httpStatusCode: 404 },
  });
}

describe('readRestApi errors', () => {
  it('wraps the failing call once, with operation, code and a hint', async () => {
    apigw.on(GetResourcesCommand).rejects(notFound());
    apigw.on(GetAuthorizersCommand).resolves({ items: [] });
    apigw.on(GetRequestValidatorsCommand).resolves({ items: [] });
    apigw.on(GetModelsCommand).resolves({ items: [] });
    apigw.on(GetStagesCommand).resolves({ item: [] });
    apigw.on(GetGatewayResponsesCommand).resolves({ items: [] });
    const err = await readRestApi(new APIGatewayClient({ region: 'us-east-1' }), { id: 'abc', name: 'x' }, 'x').catch(
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(AwsCallError);
    const e = err as AwsCallError;
    expect([e.operation, e.awsCode, e.code]).toEqual(['GetResources', 'NotFoundException', 'AWS_NotFoundException']);
    expect(e.hint).toMatch(/apigw-sync plan/);
    expect(e.cause).toBeInstanceOf(Error);
  });

  it('follows position across pages', async () => {
    apigw
      .on(GetResourcesCommand, { position: undefined })
      .resolves({ items: [{ id: 'r', path: '/' }], position: 'p2' });
    apigw.on(GetResourcesCommand, { position: 'p2' }).resolves({
      items: [
        {
          id: 'a',
          path: '/a',
          resourceMethods: {
            GET: { httpMethod: 'GET', authorizationType: 'NONE', methodIntegration: { type: 'MOCK' } },
          },
        },
      ],
    });
    apigw.on(GetAuthorizersCommand).resolves({ items: [] });
    apigw.on(GetRequestValidatorsCommand).resolves({ items: [] });
    apigw.on(GetModelsCommand).resolves({ items: [] });
    apigw.on(GetStagesCommand).resolves({ item: [] });
    apigw.on(GetGatewayResponsesCommand).resolves({ items: [] });
    const live = await readRestApi(new APIGatewayClient({ region: 'us-east-1' }), { id: 'abc', name: 'x' }, 'x');
    expect(live.ids.resourceIds).toEqual({ '/': 'r', '/a': 'a' });
    expect(Object.keys(live.model.routes)).toEqual(['GET /a']);
    expect(apigw.commandCalls(GetResourcesCommand).map((c) => c.args[0].input.position)).toEqual([undefined, 'p2']);
    expect(apigw.commandCalls(GetResourcesCommand)[0].args[0].input).toMatchObject({ limit: 500, embed: ['methods'] });
  });
});

describe('paging guard', () => {
  it('stops when AWS hands back the same position again, instead of looping forever', async () => {
    apigw.on(GetResourcesCommand).resolves({ items: [{ id: 'r', path: '/' }], position: 'same' });
    apigw.on(GetAuthorizersCommand).resolves({ items: [] });
    apigw.on(GetRequestValidatorsCommand).resolves({ items: [] });
    apigw.on(GetModelsCommand).resolves({ items: [] });
    apigw.on(GetStagesCommand).resolves({ item: [] });
    apigw.on(GetGatewayResponsesCommand).resolves({ items: [] });
    await expect(
      readRestApi(new APIGatewayClient({ region: 'us-east-1' }), { id: 'abc', name: 'x' }, 'x'),
    ).rejects.toThrow(/GetResources returned the same position twice/);
    expect(apigw.commandCalls(GetResourcesCommand)).toHaveLength(2);
  });
});
