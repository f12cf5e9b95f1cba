/**
 * The region a gateway-state declares is the region that changes (issue 16 §3), checked on
 * the tool's side: an AWS_REGION or region setting that names another region is an error
 * naming both, before any AWS call; `--region` only fills in a state without one; and every
 * ARN the tool sends names the region of the client that sends it (the emulator's call log).
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiArn } from '../../../src/aws/apply/shared.js';
import { apigatewayArn, partitionOf } from '../../../src/aws/arn.js';
import { createAwsClients } from '../../../src/aws/clients.js';
import { RateLimiter } from '../../../src/aws/rate-limit.js';
import { tagTarget } from '../../../src/aws/rollout/record-tag.js';
import { clientsFromEnv, commandRegion } from '../../../src/cli/aws-env.js';
import type { RunningEmulator } from '../../../src/emulator/index.js';
import { runApply, runDrift, runPlan } from '../../../src/engine/index.js';
import { RegionMismatchError } from '../../../src/model/errors.js';
import { copyState, editYaml, QUOTA_SCALE, REGION, sdkClients, startTestEmulator } from '../apply/helpers.js';

const BIN = join(import.meta.dirname, '..', '..', '..', 'bin', 'apigw-sync.js');
let emu: RunningEmulator;
let clients: ReturnType<typeof sdkClients>;

beforeAll(async () => {
  emu = await startTestEmulator();
  clients = sdkClients(emu.url);
});
afterAll(async () => emu?.stop());

const creds = { accessKeyId: 'test', secretAccessKey: 'test' };
const lastSeq = () => emu.control.calls({}).at(-1)?.seq ?? 0;

describe('the state region against the environment', () => {
  it('an AWS_REGION naming another region is refused before any call, naming both', async () => {
    const dir = copyState();
    const since = lastSeq();
    const envClients = clientsFromEnv({
      AWS_REGION: 'us-east-1',
      AWS_ENDPOINT_URL: emu.url,
      AWS_ACCESS_KEY_ID: 'test',
      AWS_SECRET_ACCESS_KEY: 'test',
    });
    const error = await runPlan({ dir, clients: envClients }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RegionMismatchError);
    expect((error as RegionMismatchError).describe()).toMatch(
      /gateway\.yaml says region ap-northeast-2, but AWS_REGION says us-east-1\n {2}fix: .*set AWS_REGION to ap-northeast-2/,
    );
    await expect(runApply({ dir, clients: envClients, yes: true })).rejects.toThrow(RegionMismatchError);
    await expect(runDrift({ dir, clients: envClients })).rejects.toThrow(RegionMismatchError);
    expect(emu.control.calls({ since })).toEqual([]);
  });

  it('the CLI exits 1 with both regions named, and nothing reaches AWS', () => {
    const dir = copyState();
    const since = lastSeq();
    const r = spawnSync(process.execPath, [BIN, 'plan', dir], {
      env: {
        ...process.env,
        AWS_ENDPOINT_URL: emu.url,
        AWS_REGION: 'eu-west-1',
        AWS_ACCESS_KEY_ID: 'test',
        AWS_SECRET_ACCESS_KEY: 'test',
        AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
      },
      encoding: 'utf8',
    });
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('error: ');
    expect(r.stderr).toContain('gateway.yaml says region ap-northeast-2, but AWS_REGION says eu-west-1');
    expect(emu.control.calls({ since })).toEqual([]);
  });

  it('a region setting (--region, the App or Action `region`) never overrides a declared region', async () => {
    await expect(runPlan({ dir: copyState(), clients, region: 'us-west-2' })).rejects.toThrow(
      /says region ap-northeast-2, but the region setting .* says us-west-2/,
    );
  });

  it('it fills in a state that declares none (and without it such a state is invalid)', async () => {
    const dir = copyState();
    editYaml(dir, 'gateway.yaml', (doc) => doc.delete('region'));
    const missing = await runPlan({ dir, clients });
    expect(missing.status === 'invalid' && missing.issuesText).toMatch(/region is required in gateway\.yaml/);
    const planned = await runPlan({ dir, clients, region: REGION });
    expect(planned.status === 'ok' && planned.plan.region).toBe(REGION);
  });

  it('clients made for another region than the state declares are refused', async () => {
    const other = createAwsClients({
      region: 'us-east-1',
      endpoint: emu.url,
      credentials: creds,
      limiter: new RateLimiter({ scale: QUOTA_SCALE }),
    });
    await expect(runPlan({ dir: copyState(), clients: other })).rejects.toThrow(
      /gateway\.yaml says region ap-northeast-2, but the AWS clients says us-east-1/,
    );
  });
});

describe('ARNs name the region of the client that sends them', () => {
  it('every tag call of an apply (API and stage ARNs) names the state region the clients use', async () => {
    const since = lastSeq();
    const r = await runApply({ dir: copyState(), clients, yes: true });
    expect(r.failures).toEqual([]);
    const arns = emu.control
      .calls({ since })
      .filter((c) => /Tag/.test(c.operation))
      .map((c) => String(c.params.resourceArn ?? c.params.resource_arn ?? ''));
    expect(arns.length).toBeGreaterThan(3);
    for (const arn of arns) expect(arn).toMatch(/^arn:aws:apigateway:ap-northeast-2::\/(restapis|apis)\//);
  });

  it('a tag target takes the region from its client, whatever region it was created for', async () => {
    const eu = createAwsClients({ region: 'eu-central-1', endpoint: emu.url, credentials: creds });
    const since = lastSeq();
    await tagTarget(eu, 'RestApi', '/restapis/doesnotexist')
      .read()
      .catch(() => undefined);
    const [call] = emu.control.calls({ since, operation: 'GetTags' });
    expect(call.params.resourceArn).toBe('arn:aws:apigateway:eu-central-1::/restapis/doesnotexist');
  });

  it.each([
    ['us-east-1', 'aws'],
    ['cn-north-1', 'aws-cn'],
    ['us-gov-west-1', 'aws-us-gov'],
  ])('%s is in the %s partition', (region, partition) => {
    expect(partitionOf(region)).toBe(partition);
    expect(apigatewayArn(region, '/restapis/a1')).toBe(`arn:${partition}:apigateway:${region}::/restapis/a1`);
    expect(apiArn(region, 'HttpApi', 'h1')).toBe(`arn:${partition}:apigateway:${region}::/apis/h1`);
  });
});

describe('commands without a state directory (rollouts, rollback, unlock, import)', () => {
  it('--region wins; else the state region; else AWS_REGION; a state and an AWS_REGION that disagree are an error', async () => {
    const dir = copyState();
    expect(await commandRegion({ flag: 'eu-west-1', dir, env: { AWS_REGION: 'us-east-1' } })).toBe('eu-west-1');
    expect(await commandRegion({ dir, env: {} })).toBe('ap-northeast-2');
    expect(await commandRegion({ dir: '/nonexistent', env: { AWS_DEFAULT_REGION: 'us-west-2' } })).toBe('us-west-2');
    await expect(commandRegion({ dir, env: { AWS_REGION: 'us-east-1' } })).rejects.toThrow(
      /gateway\.yaml says region ap-northeast-2, but AWS_REGION says us-east-1/,
    );
    await expect(commandRegion({ dir: '/nonexistent', env: {} })).rejects.toThrow(/no AWS region/);
  });
});
