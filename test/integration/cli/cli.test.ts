/**
 * The CLI against the emulator: the real `apigw-sync` binary in child processes
 * (AWS_ENDPOINT_URL) for exit codes, the no-terminal refusal and an apply killed after K
 * writes; the command functions in-process for the rest (the plan text of a realistic
 * change set is a golden file).
 */
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { TagResourceCommand } from '@aws-sdk/client-api-gateway';
import { UpdateStageCommand } from '@aws-sdk/client-apigatewayv2';
import { applyCommand } from '../../../src/cli/apply.js';
import { driftCommand } from '../../../src/cli/drift.js';
import { planCommand } from '../../../src/cli/plan.js';
import { unlockCommand } from '../../../src/cli/unlock.js';
import { UsageError } from '../../../src/model/errors.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BIN, runBin } from '../../helpers/bin.js';
import type { RunningEmulator } from '../../../src/emulator/index.js';
import { expectGolden } from '../../helpers/golden.js';
import { copyState, editYaml, liveApis, sdkClients, startTestEmulator, writesSince } from '../apply/helpers.js';

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

describe('apigw-sync plan / apply / drift', () => {
  const dir = copyState();

  it('plan exits 2 when there are changes, apply without --yes and without a terminal refuses', async () => {
    expect((await cli('plan', dir)).code).toBe(2);
    const since = emu.control.lastSeq();
    const refused = await cli('apply', dir);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/without confirmation.*no terminal/);
    expect(writesSince(emu, since)).toEqual([]);
  }, 60_000);

  it('apply --yes exits 0; then plan exits 0 and drift exits 0', async () => {
    const r = await cli('apply', dir, '--yes');
    expect(r.stderr).not.toMatch(/error/);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(
      /^Apply complete: \d+ step\(s\), 3 deployment\(s\) \(chat: live; events: live; shop: prod\)/,
    );
    const plan = await cli('plan', dir);
    expect(plan.code).toBe(0);
    expect(plan.stdout).toContain('No changes.');
    expect((await driftCommand(dir, { clients: sdkClients(emu.url) })).code).toBe(0);
  }, 120_000);

  it('plan text of a realistic change set (golden); --out writes a plan that apply accepts', async () => {
    editYaml(dir, 'apis/shop/api.yaml', (d) => {
      d.setIn(['stages', 'prod', 'variables', 'backendVersion'], 'v2');
      d.setIn(['stages', 'prod', 'throttling', 'rateLimit'], 800);
      d.setIn(['openapi', 1, 'integration', 'baseUri'], 'https://orders-v2.internal.example.com');
    });
    editYaml(dir, 'apis/shop/users.openapi.yaml', (d) => d.deleteIn(['paths', '/users/{user_id}/addresses']));
    editYaml(dir, 'apis/events/events.openapi.yaml', (d) => {
      d.setIn(['paths', '/events/{event_id}', 'get', 'x-amazon-apigateway-integration', 'timeoutInMillis'], 20000);
    });
    editYaml(dir, 'apis/events/api.yaml', (d) =>
      d.setIn(['stages', 'live', 'variables', 'ingestQueue'], 'events-ingest-v2'),
    );

    const clients = sdkClients(emu.url);
    const planFile = join(dir, '..', 'plan.json');
    const r = await planCommand(dir, { out: planFile, clients });
    expect(r.code).toBe(2);
    // The fingerprint covers the live state, which here includes API keys created by this run (their value
    // hash is salted per key): pinned as a shape, checked for equality with the plan file below.
    expect(r.stdout).toMatch(/^apigw-sync plan · ap-northeast-2 · fingerprint [0-9a-f]{12}\n/);
    expectGolden('cli/plan-change.txt', r.stdout.replace(/fingerprint [0-9a-f]{12}/, 'fingerprint <live>'));
    const { readFileSync } = await import('node:fs');
    const fingerprint = (JSON.parse(readFileSync(planFile, 'utf8')) as { fingerprint: string }).fingerprint;
    expect(r.stdout).toContain(`fingerprint ${fingerprint.slice(0, 12)}`);
    expect((await planCommand(dir, { format: 'markdown', clients })).stdout).toContain('|');
    expect(JSON.parse((await planCommand(dir, { format: 'json', clients })).stdout)).toBeTruthy();

    const applied = await applyCommand(planFile, { dir, yes: true, clients });
    expect(applied.result.failures).toEqual([]);
    expect(applied.code).toBe(0);
    expect((await planCommand(dir, { clients })).code).toBe(0);
  }, 120_000);

  it('drift exits 2 after a console edit', async () => {
    const events = (await liveApis(sdkClients(emu.url))).find((a) => a.name === 'events-api')!;
    await sdkClients(emu.url).apigwv2.send(
      new UpdateStageCommand({
        ApiId: events.id,
        StageName: 'live',
        StageVariables: { ingestQueue: 'something-else' },
      }),
    );
    const r = await driftCommand(dir, { clients: sdkClients(emu.url) });
    expect(r.code).toBe(2);
    expect(r.stdout).toContain('ingestQueue');
  }, 60_000);

  it('an unknown format is a usage error', async () => {
    await expect(planCommand(dir, { format: 'xml', clients: sdkClients(emu.url) })).rejects.toBeInstanceOf(UsageError);
  });

  it('unlock clears a lock left behind, and says so', async () => {
    const shop = (await liveApis(sdkClients(emu.url))).find((a) => a.name === 'shop-api')!;
    await sdkClients(emu.url).apigw.send(
      new TagResourceCommand({
        resourceArn: `arn:aws:apigateway:ap-northeast-2::/restapis/${shop.id}`,
        tags: { 'apigw-sync:lock': 'someone@ci/1/x 2026-01-01T00:00:00.000Z 2999-01-01T00:00:00.000Z' },
      }),
    );
    const r = await unlockCommand('shop-api', { clients: sdkClients(emu.url), region: 'ap-northeast-2' });
    expect(r.stdout).toMatch(/^Removed the lock on shop-api .* held by someone@ci\/1\/x/);
    expect(
      (await liveApis(sdkClients(emu.url))).find((a) => a.id === shop.id)!.tags['apigw-sync:lock'],
    ).toBeUndefined();
    expect((await unlockCommand(shop.id, { clients: sdkClients(emu.url), region: 'ap-northeast-2' })).stdout).toMatch(
      /was not locked/,
    );
  }, 60_000);
});

describe('an apply killed after K writes', () => {
  it.each([3, 20])(
    "K=%i: the re-run takes over the dead process's lock and converges",
    async (k) => {
      emu.control.reset();
      const dir = copyState();
      const since = emu.control.lastSeq();
      const child = spawn(process.execPath, [BIN, 'apply', dir, '--yes'], { env, stdio: 'ignore' });
      const exited = new Promise<void>((resolve) => child.on('exit', () => resolve()));
      while (writesSince(emu, since).length < k) {
        if (child.exitCode !== null) throw new Error(`apply finished before ${k} writes`);
        await new Promise((r) => setTimeout(r, 2));
      }
      child.kill('SIGKILL');
      await exited;

      const again = await cli('apply', dir, '--yes');
      expect(again.stdout + again.stderr).not.toMatch(/locked by/);
      expect(again.code).toBe(0);
      expect((await planCommand(dir, { clients: sdkClients(emu.url) })).code).toBe(0);
      for (const a of await liveApis(sdkClients(emu.url))) {
        expect(a.tags['apigw-sync:pending']).toBeUndefined();
        expect(a.tags['apigw-sync:lock']).toBeUndefined();
      }
    },
    120_000,
  );
});
