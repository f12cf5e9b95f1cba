/** `npm start` runs `apigw-sync demo`: it must reach the end, with each outcome it promises. */
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { runDemo } from '../../../src/demo/run-demo.js';

it('creates the APIs, promotes a healthy canary, rolls back a failing one, and ends with no drift', async () => {
  const lines: string[] = [];
  const code = await runDemo({ stateDir: join(import.meta.dirname, '..', '..', '..', 'gateway-state'), out: (l) => lines.push(l), color: false });
  const text = lines.join('\n');
  expect(code).toBe(0);
  expect(text).toMatch(/✓ shop-api\/prod: promoted deployment \w+/);
  expect(text).toMatch(/✗ shop-api\/prod: rolled back to deployment \w+ after \d+ s: alarm shop-api-5xx is in ALARM \(value \d+(\.\d+)?, threshold 5\)/);
  expect(text).toMatch(/✓ no drift: AWS matches gateway-state/);
  expect(text).toMatch(/create both APIs +applied/);
  expect(text).toMatch(/healthy change \(canary\) +promoted/);
  expect(text).toMatch(/bad change \(canary\) +rolled back/);
});
