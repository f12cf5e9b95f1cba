/**
 * A VPC link that stays PENDING longer than apply waits: apply stops with a clear error
 * before touching the APIs that use it, and the next apply (once AWS shows it AVAILABLE)
 * finishes. The wait's progress arrives as account.waiting events.
 */
import { GetVpcLinksCommand } from '@aws-sdk/client-api-gateway';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningEmulator } from '../../../src/emulator/index.js';
import { runApply } from '../../../src/engine/index.js';
import type { EngineEvent } from '../../../src/engine/events.js';
import { liveApis } from '../apply/helpers.js';
import { applyAndConverge, REGION, sdkClients, startTestEmulator, stateDir } from './helpers.js';

const NLB = `arn:aws:elasticloadbalancing:${REGION}:000000000000:loadbalancer/net/slow/0123456789abcdef`;

let emu: RunningEmulator;
let clients: ReturnType<typeof sdkClients>;
let dir: string;

beforeAll(async () => {
  emu = await startTestEmulator();
  clients = sdkClients(emu.url);
  dir = stateDir({
    'vpc-links/slow.yaml': `for: RestApi\ntargetArns: [${NLB}]\n`,
    'apis/shop/api.yaml':
      'kind: RestApi\nname: shop-api\nroutes:\n  GET /stock:\n    integration: { type: http_proxy, uri: http://stock.internal.example.com/stock, vpcLink: slow }\nstages:\n  prod: {}\n',
  });
});
afterAll(async () => emu?.stop());

describe('waiting for a VPC link', () => {
  it('times out with a clear error before the APIs; the next apply finishes once the link is AVAILABLE', async () => {
    // Long enough that apply's 30 ms patience always runs out first, short enough to wait out below.
    emu.control.setSettings({ vpcLinkPendingMs: 5_000 });
    const seen: EngineEvent[] = [];
    const r = await runApply({
      dir,
      clients,
      yes: true,
      accountWait: { pollMs: 5, timeoutMs: 30 },
      events: (e) => seen.push(e),
    });
    expect(r.status).toBe('failed');
    expect(r.failures.map((f) => f.message)).toEqual([
      expect.stringMatching(
        /^VPC link slow \(\w+\) is still PENDING after \d+ s\n {2}fix: AWS can take several minutes: run apply again once AWS shows the VPC link AVAILABLE/,
      ),
    ]);
    expect(
      seen
        .filter((e) => e.type === 'account.waiting')
        .every((e) => e.type === 'account.waiting' && e.status === 'PENDING' && e.name === 'slow'),
    ).toBe(true);
    expect(seen.some((e) => e.type === 'account.waiting')).toBe(true);
    // Nothing of the API was written: it would name a link that is not ready.
    expect((await liveApis(clients)).map((a) => a.name)).toEqual([]);

    // AWS finishes provisioning (the local endpoint: after 5 s); the next apply does the rest.
    await waitFor(
      async () => ((await clients.apigw.send(new GetVpcLinksCommand({}))).items ?? [])[0]?.status === 'AVAILABLE',
    );
    await applyAndConverge(dir, clients);
    expect((await liveApis(clients)).map((a) => a.name)).toEqual(['shop-api']);
  });
});

async function waitFor(ok: () => Promise<boolean>): Promise<void> {
  while (!(await ok())) await new Promise((r) => setTimeout(r, 20));
}
