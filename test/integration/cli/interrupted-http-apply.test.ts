/**
 * An HTTP apply killed between CreateIntegration and CreateRoute (issue 16 §5): the
 * integration it made is left with no route using it. The next plan lists it as an unused
 * integration to delete (apigw-sync marks the integrations it makes in their description:
 * AWS v2 integrations carry no tags), the next apply deletes it, and an integration someone
 * else made is never touched. RELIABILITY.md states the guarantee.
 */
import { spawn } from 'node:child_process';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { CreateIntegrationCommand, GetIntegrationsCommand, GetRoutesCommand } from '@aws-sdk/client-apigatewayv2';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BIN, runBin } from '../../helpers/bin.js';
import type { RunningEmulator } from '../../../src/emulator/index.js';
import { copyState, liveApis, sdkClients, startTestEmulator, writesSince } from '../apply/helpers.js';

let emu: RunningEmulator;
let env: NodeJS.ProcessEnv;

beforeAll(async () => {
  emu = await startTestEmulator();
  env = {
    ...process.env,
    AWS_ENDPOINT_URL: emu.url,
    AWS_ACCESS_KEY_ID: 'test',
    AWS_SECRET_ACCESS_KEY: 'test',
    AWS_REGION: 'ap-northeast-2',
    NO_COLOR: '1',
  };
});
afterAll(async () => emu?.stop());

const cli = (...args: string[]) => runBin(env, ...args);

/** Integrations of the HTTP API that no route targets. */
async function unused(apiId: string): Promise<Array<{ IntegrationId?: string; Description?: string }>> {
  const c = sdkClients(emu.url).apigwv2;
  const routes = (await c.send(new GetRoutesCommand({ ApiId: apiId }))).Items ?? [];
  const integrations = (await c.send(new GetIntegrationsCommand({ ApiId: apiId }))).Items ?? [];
  return integrations.filter((i) => !routes.some((r) => r.Target === `integrations/${i.IntegrationId}`));
}

describe('an HTTP apply killed between CreateIntegration and CreateRoute', () => {
  it("leaves an unused integration that the next plan shows and the next apply deletes; others' integrations stay", async () => {
    const dir = copyState();
    // Only the HTTP API: the WebSocket API (chat) calls CreateRoute too, and the account part (domain, usage plan) names the others.
    for (const f of ['apis/shop', 'apis/chat', 'domains', 'usage-plans', 'api-keys'])
      rmSync(join(dir, f), { recursive: true, force: true });
    // Every CreateRoute is throttled (the SDK keeps retrying): the process is killed while it waits.
    emu.control.addFault({ operation: 'CreateRoute', kind: 'throttle', count: 1_000 });
    const since = emu.control.lastSeq();
    const child = spawn(process.execPath, [BIN, 'apply', dir, '--yes'], { env, stdio: 'ignore' });
    const exited = new Promise<void>((resolve) => child.on('exit', () => resolve()));
    while (!emu.control.calls({ operation: 'CreateRoute', since }).length) {
      if (child.exitCode !== null) throw new Error('apply finished before it reached CreateRoute');
      await new Promise((r) => setTimeout(r, 5));
    }
    child.kill('SIGKILL');
    await exited;
    emu.control.clearFaults();
    expect(writesSince(emu, since).map((c) => c.operation)).toContain('CreateIntegration');

    const events = (await liveApis(sdkClients(emu.url))).find((a) => a.name === 'events-api')!;
    const left = await unused(events.id);
    expect(left).toHaveLength(1);
    expect(left[0].Description).toMatch(/^apigw-sync: integration of /);
    // An integration apigw-sync did not make (no marker), used by no route: not ours to delete.
    const foreign = await sdkClients(emu.url).apigwv2.send(
      new CreateIntegrationCommand({
        ApiId: events.id,
        IntegrationType: 'HTTP_PROXY',
        IntegrationMethod: 'GET',
        IntegrationUri: 'https://other-team.example.com',
        PayloadFormatVersion: '1.0',
      }),
    );

    const plan = await cli('plan', dir);
    expect(plan.code).toBe(2);
    expect(plan.stdout).toContain(`- unused integration ${left[0].IntegrationId}  [destroy]`);
    expect(plan.stdout).toMatch(/! made for route .* by an apply that did not finish; no route uses it/);
    expect(plan.stdout).not.toContain(foreign.IntegrationId!);

    const again = await cli('apply', dir, '--yes');
    expect(again.code).toBe(0);
    expect((await unused(events.id)).map((i) => i.IntegrationId)).toEqual([foreign.IntegrationId]);
    expect((await cli('plan', dir)).code).toBe(0);
  }, 180_000);
});
