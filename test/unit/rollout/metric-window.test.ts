import { describe, expect, it } from 'vitest';
import { countingWindowStart, countingWindowText } from '../../../src/rollout/metric-window.js';

describe('counting window: whole CloudWatch minutes from the step start', () => {
  it.each([
    ['10:42:20 counts from 10:43:00', '2026-11-23T10:42:20.000Z', '2026-11-23T10:43:00.000Z'],
    ['a step starting on the minute counts that minute', '2026-11-23T10:42:00.000Z', '2026-11-23T10:42:00.000Z'],
    ['one millisecond past the minute waits for the next', '2026-11-23T10:42:00.001Z', '2026-11-23T10:43:00.000Z'],
  ])('%s', (_name, start, from) => {
    expect(new Date(countingWindowStart(Date.parse(start))).toISOString()).toBe(from);
  });
  it('says how the count is meant', () => {
    expect(countingWindowText(Date.parse('2026-11-23T10:43:00Z'))).toBe(
      "since 10:43:00Z (whole CloudWatch minutes from the step's start)",
    );
  });
});
