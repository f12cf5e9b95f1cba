/** Matching desired APIs to live ones: tag first, then unique name of the same kind; never a guess. */
import { describe, expect, it } from 'vitest';
import { DuplicateApiIdTagError, findByIdOrName, matchApis, type LiveApiSummary } from '../../../../src/aws/match.js';
import { AmbiguousApiError } from '../../../../src/model/errors.js';

const live = (
  apiId: string,
  name: string,
  tags: Record<string, string> = {},
  kind: 'RestApi' | 'HttpApi' = 'RestApi',
): LiveApiSummary => ({ apiId, name, tags, kind });
const rest = (name: string) => ({ kind: 'RestApi' as const, name });

describe('matchApis', () => {
  it.each([
    {
      name: 'the id tag wins over the name',
      desired: { shop: rest('shop-api') },
      live: [live('a', 'shop-api'), live('b', 'renamed', { 'apigw-sync:id': 'shop' })],
      matched: { shop: 'b' },
      unmanaged: ['a'],
    },
    {
      name: 'a unique name of the same kind matches',
      desired: { shop: rest('shop-api') },
      live: [live('a', 'shop-api'), live('h', 'shop-api', {}, 'HttpApi')],
      matched: { shop: 'a' },
      unmanaged: ['h'],
    },
    {
      name: 'an API tagged for another key is never claimed by name',
      desired: { shop: rest('shop-api') },
      live: [live('a', 'shop-api', { 'apigw-sync:id': 'old-shop', 'apigw-sync:managed': 'true' })],
      matched: {},
      unmanaged: ['a'],
    },
    {
      name: 'two names, one tagged for this key: the tag decides, no ambiguity',
      desired: { shop: rest('shop-api') },
      live: [live('a', 'shop-api'), live('b', 'shop-api', { 'apigw-sync:id': 'shop' })],
      matched: { shop: 'b' },
      unmanaged: ['a'],
    },
    {
      name: 'nothing live yet',
      desired: { shop: rest('shop-api') },
      live: [],
      matched: {},
      unmanaged: [],
    },
  ])('$name', ({ desired, live: l, matched, unmanaged }) => {
    const m = matchApis(desired, l);
    expect(Object.fromEntries(Object.entries(m.matched).map(([k, v]) => [k, v.apiId]))).toEqual(matched);
    expect(m.unmanaged.map((u) => u.apiId)).toEqual(unmanaged);
  });

  it('marks unmanaged APIs as managed only with apigw-sync:managed=true', () => {
    const m = matchApis({}, [
      live('a', 'x', { 'apigw-sync:managed': 'true' }),
      live('b', 'y', { 'apigw-sync:managed': 'false' }),
      live('c', 'z'),
    ]);
    expect(m.unmanaged).toEqual([
      { apiId: 'a', kind: 'RestApi', name: 'x', managed: true },
      { apiId: 'b', kind: 'RestApi', name: 'y', managed: false },
      { apiId: 'c', kind: 'RestApi', name: 'z', managed: false },
    ]);
  });

  it('refuses two untagged APIs of one name', () => {
    expect(() => matchApis({ shop: rest('shop-api') }, [live('a', 'shop-api'), live('b', 'shop-api')])).toThrow(
      AmbiguousApiError,
    );
    expect(() => matchApis({ shop: rest('shop-api') }, [live('a', 'shop-api'), live('b', 'shop-api')])).toThrow(
      /\(a, b\)/,
    );
  });

  it('refuses two APIs carrying the same id tag', () => {
    const tag = { 'apigw-sync:id': 'shop' };
    expect(() => matchApis({ shop: rest('x') }, [live('a', 'x', tag), live('b', 'y', tag)])).toThrow(
      DuplicateApiIdTagError,
    );
  });
});

describe('findByIdOrName', () => {
  const all = [
    live('abc123', 'shop'),
    live('def456', 'twin'),
    live('ghi789', 'twin'),
    live('shop', 'named-like-an-id'),
  ];
  it.each([
    ['abc123', 'abc123'],
    ['shop', 'shop'], // an id wins over a name
    ['named-like-an-id', 'shop'],
    ['missing', undefined],
  ])('%s → %s', (q, id) => {
    expect(findByIdOrName(all, q)?.apiId).toBe(id);
  });
  it('refuses an ambiguous name', () => {
    expect(() => findByIdOrName(all, 'twin')).toThrow(AmbiguousApiError);
  });
});
