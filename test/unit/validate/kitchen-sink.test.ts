/**
 * The kitchen sink (every extension API Gateway documents for REST and HTTP APIs, written as
 * its own exports write them) is valid: every extension in it is managed (issue 12). Its
 * trip through plan, apply, drift and import is test/integration/cli/kitchen-sink.test.ts.
 */
import { describe, expect, it } from 'vitest';
import { runValidate } from '../../../src/cli/validate.js';
import { expectGolden } from '../../helpers/golden.js';

describe('validate test/fixtures/state/kitchen-sink', () => {
  it('is valid: no extension of it is refused or reported as not managed', async () => {
    const out = await runValidate('test/fixtures/state/kitchen-sink');
    expectGolden('validate/kitchen-sink.txt', out.stdout);
    const json = JSON.parse((await runValidate('test/fixtures/state/kitchen-sink', { format: 'json' })).stdout) as {
      valid: boolean;
      issues: unknown[];
    };
    expect(json).toMatchObject({ valid: true, issues: [] });
    expect(out.code).toBe(0);
  });
});
