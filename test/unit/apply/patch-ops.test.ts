import { describe, expect, it } from 'vitest';
import { escapePointer, mapOps, scalarOps, setOps } from '../../../src/kinds/patch.js';
import { byStatus } from '../../../src/aws/apply/rest-executor.js';
import { patchOps, updateInput, type WriteContext } from '../../../src/kinds/field.js';
import { integrationFields } from '../../../src/kinds/integration/fields.js';
import { stageFields } from '../../../src/kinds/stage/fields.js';
import type { IntegrationModel, StageModel } from '../../../src/model/api.js';

// The kinds' field tables are the one source of the patch operations apply sends.
const ctx: WriteContext = { apiId: 'a1', ids: { idOf: () => undefined, requireId: (_t, n) => n } };
const integrationOps = (c: IntegrationModel, d: IntegrationModel) => patchOps(integrationFields, c, d, ctx);
const stageOps = (c: StageModel, d: StageModel) => patchOps(stageFields, c, d, ctx);
const stageUpdate = (c: StageModel, d: StageModel) => updateInput(stageFields, c, d);

describe('patch operations', () => {
  it.each([
    ['application/json', 'application~1json'],
    ['a~b', 'a~0b'],
    ['plain', 'plain'],
  ])('escapes %s as %s', (key, escaped) => expect(escapePointer(key)).toBe(escaped));

  it.each([
    { before: 'a', after: 'a', ops: [] },
    { before: 'a', after: 'b', ops: [{ op: 'replace', path: '/x', value: 'b' }] },
    { before: undefined, after: 5, ops: [{ op: 'replace', path: '/x', value: '5' }] },
    { before: 'a', after: undefined, ops: [{ op: 'replace', path: '/x', value: '' }] },
  ])('scalar $before → $after', ({ before, after, ops }) => expect(scalarOps('/x', before, after)).toEqual(ops));

  it('map ops add, replace and remove single keys', () => {
    expect(
      mapOps(
        '/requestTemplates',
        { 'application/json': 'a', 'text/plain': 'x' },
        { 'application/json': 'b', 'application/xml': 'c' },
      ),
    ).toEqual([
      { op: 'replace', path: '/requestTemplates/application~1json', value: 'b' },
      { op: 'add', path: '/requestTemplates/application~1xml', value: 'c' },
      { op: 'remove', path: '/requestTemplates/text~1plain' },
    ]);
  });

  it('set ops add and remove members', () => {
    expect(setOps('/binaryMediaTypes', ['image/png'], ['image/jpeg'])).toEqual([
      { op: 'add', path: '/binaryMediaTypes/image~1jpeg' },
      { op: 'remove', path: '/binaryMediaTypes/image~1png' },
    ]);
  });
});

const integration = (over: Partial<IntegrationModel> = {}): IntegrationModel => ({
  type: 'HTTP_PROXY',
  uri: 'https://a.example.com/x',
  httpMethod: 'GET',
  passthroughBehavior: 'WHEN_NO_MATCH',
  requestParameters: {},
  requestTemplates: {},
  responses: {},
  timeoutInMillis: 29000,
  connectionType: 'INTERNET',
  cacheKeyParameters: [],
  ...over,
});

describe('REST integration and stage updates', () => {
  it('an integration URI edit is one replace', () => {
    expect(integrationOps(integration(), integration({ uri: 'https://b.example.com/x' }))).toEqual([
      { op: 'replace', path: '/uri', value: 'https://b.example.com/x' },
    ]);
  });

  it('integration responses are keyed by status code, the default pattern has none', () => {
    const r = byStatus({
      default: { statusCode: '200', responseParameters: {}, responseTemplates: {} },
      '4\\d{2}': { statusCode: '400', responseParameters: {}, responseTemplates: {} },
    });
    expect(r['200'].selectionPattern).toBeUndefined();
    expect(r['400'].selectionPattern).toBe('4\\d{2}');
  });

  const stage = (over: Partial<StageModel> = {}): StageModel => ({ name: 'prod', variables: {}, ...over });
  it.each([
    {
      name: 'variable changed',
      c: stage({ variables: { v: '1' } }),
      d: stage({ variables: { v: '2' } }),
      ops: [{ op: 'replace', path: '/variables/v', value: '2' }],
    },
    {
      name: 'throttling set',
      c: stage(),
      d: stage({ throttling: { rateLimit: 100, burstLimit: 200 } }),
      ops: [
        { op: 'replace', path: '/*/*/throttling/rateLimit', value: '100' },
        { op: 'replace', path: '/*/*/throttling/burstLimit', value: '200' },
      ],
    },
    {
      name: 'access log removed',
      c: stage({ accessLog: { destinationArn: 'arn:x', format: 'f' } }),
      d: stage(),
      ops: [{ op: 'remove', path: '/accessLogSettings' }],
    },
    { name: 'nothing', c: stage({ variables: { a: 'b' } }), d: stage({ variables: { a: 'b' } }), ops: [] },
  ])('stage: $name', ({ c, d, ops }) => expect(stageOps(c, d)).toEqual(ops));

  it('HTTP stage: a removed variable is sent as "" (how v2 deletes one)', () => {
    expect(stageUpdate(stage({ variables: { a: '1', b: '2' } }), stage({ variables: { a: '1' } }))).toEqual({
      StageVariables: { b: '' },
    });
  });
});
