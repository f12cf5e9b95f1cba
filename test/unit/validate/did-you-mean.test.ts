import { describe, expect, it } from 'vitest';
import { didYouMean, editDistance } from '../../../src/state/did-you-mean.js';

const KEYS = ['kind', 'name', 'stages', 'rollout', 'endpointType', 'throttling', 'requestValidators'];

describe('didYouMean', () => {
  it.each([
    ['stagse', 'stages'],
    ['nam', 'name'],
    ['throtling', 'throttling'],
    ['endpoint', 'endpointType'],
    ['Rollout', 'rollout'],
    ['requestValidator', 'requestValidators'],
    ['zzzzzz', undefined],
    ['x', undefined],
  ])('%s → %s', (word, expected) => {
    expect(didYouMean(word, KEYS)).toBe(expected);
  });

  it('computes edit distance', () => {
    expect(editDistance('kitten', 'sitting')).toBe(3);
    expect(editDistance('', 'abc')).toBe(3);
    expect(editDistance('same', 'same')).toBe(0);
  });
});
