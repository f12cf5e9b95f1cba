import { describe, expect, it } from 'vitest';
import { fieldChanges, joinPath, splitPath } from '../../../src/diff/fields.js';

describe('fieldChanges', () => {
  it.each([
    ['scalar change', { a: 1 }, { a: 2 }, [{ path: 'a', before: 1, after: 2 }]],
    [
      'added and removed keys',
      { a: 1 },
      { b: 2 },
      [
        { path: 'a', before: 1 },
        { path: 'b', after: 2 },
      ],
    ],
    [
      'nested objects give dotted paths',
      { s: { t: { u: 'x' } } },
      { s: { t: { u: 'y' } } },
      [{ path: 's.t.u', before: 'x', after: 'y' }],
    ],
    [
      'keys with dots or slashes are bracketed',
      { m: { 'method.request.path.id': true } },
      { m: { 'method.request.path.id': false } },
      [{ path: 'm["method.request.path.id"]', before: true, after: false }],
    ],
    [
      'content types are bracketed',
      { t: { 'application/json': 'A' } },
      { t: {} },
      [{ path: 't["application/json"]', before: 'A' }],
    ],
    [
      'arrays are compared whole',
      { l: ['a', 'b'] },
      { l: ['a', 'c', 'd'] },
      [{ path: 'l', before: ['a', 'b'], after: ['a', 'c', 'd'] }],
    ],
    [
      'an added object is flattened to its leaves',
      { x: 1 },
      { x: 1, cache: { sizeGb: 0.5, ttl: 300 } },
      [
        { path: 'cache.sizeGb', after: 0.5 },
        { path: 'cache.ttl', after: 300 },
      ],
    ],
    ['a removed object too', { cache: { sizeGb: 0.5 } }, {}, [{ path: 'cache.sizeGb', before: 0.5 }]],
    [
      'scalar replaced by an object',
      { v: 'x' },
      { v: { a: 1 } },
      [
        { path: 'v', before: 'x' },
        { path: 'v.a', after: 1 },
      ],
    ],
    ['undefined equals absent', { a: 1, b: undefined }, { a: 1 }, []],
    ['identical', { a: [1, { b: 2 }] }, { a: [1, { b: 2 }] }, []],
  ])('%s', (_name, before, after, expected) => {
    expect(fieldChanges(before, after)).toEqual(expected);
  });

  it('is sorted by path', () => {
    const paths = fieldChanges({ z: 1, a: 1, m: { b: 1 } }, { z: 2, a: 2, m: { b: 2 } }).map((f) => f.path);
    expect(paths).toEqual(['a', 'm.b', 'z']);
  });
});

describe('joinPath / splitPath', () => {
  it.each([
    [['variables', 'backendVersion'], 'variables.backendVersion'],
    [['requestParameters', 'method.request.path.id'], 'requestParameters["method.request.path.id"]'],
    [
      ['responses', 'default', 'responseTemplates', 'application/json'],
      'responses.default.responseTemplates["application/json"]',
    ],
    [['t', 'has "quotes"'], 't["has \\"quotes\\""]'],
    [['X-Api-Key'], 'X-Api-Key'],
    [['200'], '["200"]'],
  ])('%j ⇄ %s', (keys, path) => {
    expect(keys.reduce((p, k) => joinPath(p, k), '')).toBe(path);
    expect(splitPath(path)).toEqual(keys);
  });
});
