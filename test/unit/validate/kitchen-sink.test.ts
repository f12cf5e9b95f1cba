/**
 * The kitchen sink (every extension of issue 12 §2) as `validate` sees it today: its golden
 * lists exactly the extensions whose tool side does not exist yet. As each kind module lands
 * the golden shrinks, until `validate` says "valid" (exit 0) — issue 12's acceptance.
 */
import { describe, expect, it } from 'vitest';
import { runValidate } from '../../../src/cli/validate.js';
import { expectGolden } from '../../helpers/golden.js';

describe('validate test/fixtures/state/kitchen-sink', () => {
  it('reports only the extensions that are not managed yet, each at file:line:col', async () => {
    const out = await runValidate('test/fixtures/state/kitchen-sink');
    expectGolden('validate/kitchen-sink.txt', out.stdout);
    const json = JSON.parse((await runValidate('test/fixtures/state/kitchen-sink', { format: 'json' })).stdout) as { issues: Array<{ code: string }> };
    expect(new Set(json.issues.map((i) => i.code))).toEqual(new Set(['extension-not-managed']));
    expect(out.code).toBe(1);
  });
});
