/** `npm start` runs `apigw-sync demo`: it must reach the end, with each outcome it promises. */
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { runDemo } from '../../../src/demo/run-demo.js';

it('creates the APIs (the WebSocket one shown), promotes a healthy canary, deploys and bakes a WebSocket change, rolls back a failing canary, and ends with no drift', async () => {
  const lines: string[] = [];
  const code = await runDemo({
    stateDir: join(import.meta.dirname, '..', '..', '..', 'gateway-state'),
    out: (l) => lines.push(l),
    color: false,
  });
  const text = lines.join('\n');
  expect(code).toBe(0);
  expect(text).toMatch(/✓ shop-api\/prod: promoted deployment \w+/);
  expect(text).toMatch(
    /✗ shop-api\/prod: rolled back to deployment \w+ after \d+ s: alarm shop-api-5xx is in ALARM \(value \d+(\.\d+)?, threshold 5\)/,
  );
  expect(text).toMatch(/✓ no drift: AWS matches gateway-state/);
  expect(text).toMatch(/create the three APIs +applied/);
  // The WebSocket API: created with its four routes, $connect behind the REQUEST authorizer…
  expect(text).toMatch(/^\+ chat · WebSocket API$/m);
  for (const r of ['$connect', '$disconnect', '$default', 'sendmessage']) expect(text).toContain(`+ route ${r}`);
  expect(text).toMatch(/\+ route \$connect {2}\[redeploy\]\n {8}authorization: CUSTOM \(connect-token\)/);
  // …then changed with a deploy-and-bake that says there is no canary split, and kept.
  expect(text).toMatch(/~ chat · WebSocket API\n {4}~ route sendmessage/);
  expect(text).toMatch(/▶ chat-api\/live: deploy and bake \(100% at once\)/);
  expect(text).toMatch(/WebSocket APIs cannot split traffic/);
  expect(text).toMatch(/apigw-sync-chat-live-integration-errors OK · stage \d+ connections \+ messages/);
  expect(text).toMatch(/✓ chat-api\/live: promoted deployment \w+/);
  expect(text).toMatch(/WebSocket change \(deploy and bake\) +promoted/);
  expect(text).toMatch(/healthy change \(canary\) +promoted/);
  expect(text).toMatch(/bad change \(canary\) +rolled back/);
});
