/**
 * Environments against the local AWS endpoint (issue 17): the example's dev (account
 * 111111111111, us-east-1) and prod (222222222222, ap-northeast-2) — the endpoint keeps
 * accounts apart by access key id. Plan, apply (promotion, gated), drift per environment,
 * each with its own owner id; drift in one environment only; import --env writes only what
 * differs from the base; the CLI reaches each environment through its AWS profile; the region
 * rules of the state hold for environments.
 */
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { UpdateStageCommand } from '@aws-sdk/client-api-gateway';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAwsClients, type AwsClients } from '../../../src/aws/clients.js';
import { RateLimiter } from '../../../src/aws/rate-limit.js';
import { applyCommand } from '../../../src/cli/apply.js';
import { clientsFromEnv } from '../../../src/cli/aws-env.js';
import { driftCommand } from '../../../src/cli/drift.js';
import { commandTargets } from '../../../src/cli/environments.js';
import { planCommand } from '../../../src/cli/plan.js';
import type { RunningEmulator } from '../../../src/emulator/index.js';
import { runPlan } from '../../../src/engine/index.js';
import { importEnvironment } from '../../../src/engine/import-environment.js';
import type { EnvironmentTarget } from '../../../src/model/environment.js';
import { TAG_OWNER } from '../../../src/model/live.js';
import { expectGolden } from '../../helpers/golden.js';
import { copyState, editYaml, liveApis, QUOTA_SCALE, startTestEmulator, writesSince } from '../apply/helpers.js';

const exec = promisify(execFile);
const BIN = join(import.meta.dirname, '..', '..', '..', 'bin', 'apigw-sync.js');
const OWNER = 'acme/gateway:gateway-state';

let emu: RunningEmulator;
let dir: string;
const limiter = new RateLimiter({ scale: QUOTA_SCALE });
const made = new Map<string, AwsClients>();
/** What the CLI does with a profile, the App with a role: the environment's account, here by its access key id. */
const clients = (region: string, target?: EnvironmentTarget): AwsClients => {
  const account = target?.account.id ?? 'test';
  const key = `${account}/${region}`;
  if (!made.has(key))
    made.set(
      key,
      createAwsClients({
        region,
        endpoint: emu.url,
        credentials: { accessKeyId: account, secretAccessKey: 'test' },
        limiter,
      }),
    );
  return made.get(key)!;
};
const account = (id: string, region: string) => clients(region, { environment: id, region, account: { id } });
const DEV = () => account('111111111111', 'us-east-1');
const PROD = () => account('222222222222', 'ap-northeast-2');
const owners = async (c: AwsClients) =>
  Object.fromEntries((await liveApis(c as never)).map((a) => [a.name, a.tags[TAG_OWNER]]));

beforeAll(async () => {
  emu = await startTestEmulator();
  dir = copyState();
  editYaml(dir, 'gateway.yaml', (doc) => doc.set('owner', OWNER));
});
afterAll(async () => emu?.stop());

describe('plan, apply and drift per environment', () => {
  it('plan --all-envs: one section per environment, in promotion order (golden)', async () => {
    const r = await planCommand(dir, { allEnvs: true, clients });
    expect(r.code).toBe(2);
    expect(r.stdout.match(/^── environment .*/gm)).toEqual([
      '── environment dev · us-east-1 · account 111111111111',
      '── environment prod · ap-northeast-2 · account 222222222222',
    ]);
    // The layout (headings, each environment's plan header and summary); the plans themselves are the example's.
    const layout = r.stdout.split('\n').filter((l) => /^(── environment|apigw-sync plan|Plan:|No changes)/.test(l));
    expectGolden(
      'environments/plan-all-envs.txt',
      `${layout.join('\n').replaceAll(/fingerprint [0-9a-f]{12}/g, 'fingerprint <fp>')}\n`,
    );
  });

  it('apply --all-envs applies dev, then stops before prod: it needs an approval and nobody can give one here', async () => {
    const since = emu.control.lastSeq();
    const r = await applyCommand(dir, { allEnvs: true, yes: true, clients });
    expect(r.code).toBe(1);
    expect(r.promotion?.steps.map((s) => `${s.target.label}:${s.status}`)).toEqual([
      'dev:applied',
      'prod:not-approved',
    ]);
    expect(r.stdout).toMatch(/Promotion stopped at prod: dev ✓ applied → prod ⏸ not approved\./);
    expect(await owners(DEV())).toEqual({
      'chat-api': `${OWNER}@dev`,
      'shop-api': `${OWNER}@dev`,
      'events-api': `${OWNER}@dev`,
    });
    expect(await owners(PROD())).toEqual({});
    // Every write went to the dev account in us-east-1.
    const writes = writesSince(emu, since).filter((c) => c.service !== 'control');
    expect(writes.length).toBeGreaterThan(30);
    expect(new Set(writes.map((c) => `${c.accountId}/${c.region}`))).toEqual(new Set(['111111111111/us-east-1']));
  });

  it('approved, prod follows (no soak: dev had nothing new to prove); each environment plans clean with its own owner id', async () => {
    const asked: string[] = [];
    const slept: number[] = [];
    const r = await applyCommand(dir, {
      allEnvs: true,
      yes: true,
      clients,
      approve: async (t, after) => (asked.push(`${after} → ${t.label}`), true),
      sleep: async (ms) => void slept.push(ms),
    });
    expect(r.code).toBe(0);
    expect(r.promotion?.steps.map((s) => `${s.target.label}:${s.status}`)).toEqual(['dev:no-changes', 'prod:applied']);
    expect(asked).toEqual(['dev → prod']);
    expect(slept).toEqual([]);
    expect(await owners(PROD())).toEqual({
      'chat-api': `${OWNER}@prod`,
      'shop-api': `${OWNER}@prod`,
      'events-api': `${OWNER}@prod`,
    });
    // The base's own account and region hold nothing: environments never touch it.
    expect(await liveApis(account('000000000000', 'ap-northeast-2') as never)).toEqual([]);
    const plan = await planCommand(dir, { allEnvs: true, clients });
    expect(plan.code).toBe(0);
    expect(plan.stdout.match(/No changes\./g)).toHaveLength(2);
  });

  it('a change to the base reaches both environments; to an overlay alone, only its environment', async () => {
    editYaml(dir, 'environments/dev.yaml', (doc) =>
      doc.setIn(['apis', 'shop', 'stages', 'prod', 'variables', 'logLevel'], 'TRACE'),
    );
    const one = await planCommand(dir, { allEnvs: true, clients, format: 'json' });
    const parsed = JSON.parse(one.stdout) as {
      environments: Array<{ environment: string; plan: { summary: { change: number } } }>;
    };
    expect(parsed.environments.map((e) => [e.environment, e.plan.summary.change])).toEqual([
      ['dev', 1],
      ['prod', 0],
    ]);
    const applied = await applyCommand(dir, { env: 'dev', yes: true, clients });
    expect(applied.code).toBe(0);
    expect(applied.stdout).toMatch(/^── environment dev\nApply complete: 1 step\(s\)/);
  });

  it('drift in one environment only: its section shows it, the other is clean (golden)', async () => {
    const dev = DEV();
    const shop = (await liveApis(dev as never)).find((a) => a.name === 'shop-api')!;
    await dev.apigw.send(
      new UpdateStageCommand({
        restApiId: shop.id,
        stageName: 'prod',
        patchOperations: [{ op: 'replace', path: '/variables/logLevel', value: 'WARN' }],
      }),
    );
    const r = await driftCommand(dir, { allEnvs: true, clients });
    expect(r.code).toBe(2);
    const [devPart, prodPart] = r.stdout.split('── environment prod');
    expect(devPart).toContain('logLevel');
    expect(prodPart).not.toContain('logLevel');
    expectGolden('environments/drift-one-env.txt', r.stdout);
    expect((await driftCommand(dir, { env: 'prod', clients })).code).toBe(0);
    expect((await driftCommand(dir, { env: 'dev', clients })).code).toBe(2);
  });

  it('an environment with two regions is planned and applied in each', async () => {
    writeFileSync(
      join(dir, 'environments', 'dr.yaml'),
      'account: { id: "444444444444" }\nregions: [eu-west-1, eu-central-1]\ninclude: [events]\naccountScope: false\n',
    );
    const r = await applyCommand(dir, { env: 'dr', yes: true, clients });
    expect(r.code).toBe(0);
    expect(r.stdout.match(/^── environment .*/gm)).toEqual([
      '── environment dr/eu-west-1',
      '── environment dr/eu-central-1',
    ]);
    for (const region of ['eu-west-1', 'eu-central-1'])
      expect(await owners(account('444444444444', region))).toEqual({ 'events-api': `${OWNER}@dr` });
    rmSync(join(dir, 'environments', 'dr.yaml'));
  });
});

describe('import --env: an existing environment as an overlay', () => {
  it('writes only what differs from the base; the plan right after is clean', async () => {
    const copy = copyState(dir);
    rmSync(join(copy, 'environments', 'dev.yaml'));
    // dev is live (the tests above), in its account: import it again from AWS.
    const r = await importEnvironment({
      dir: copy,
      environment: 'dev',
      clients,
      region: 'us-east-1',
      account: { id: '111111111111', profile: 'apigw-sync-dev' },
    });
    expect(r).toMatchObject({ file: 'environments/dev.yaml', created: true, missing: [], remaining: 0 });
    expect(r.adopted.map((a) => a.key)).toEqual(['chat', 'events', 'shop']);
    expectGolden('environments/imported-dev.yaml', readFileSync(join(copy, 'environments', 'dev.yaml'), 'utf8'));
    const plan = await runPlan({ dir: copy, clients, environment: 'dev' });
    expect(plan.status === 'ok' && plan.hasChanges).toBe(false);
  });

  it('refuses to overwrite overrides, and needs the account and region of a new file', async () => {
    await expect(importEnvironment({ dir, environment: 'dev', clients })).rejects.toThrow(/already declares overrides/);
    await expect(importEnvironment({ dir, environment: 'qa', clients })).rejects.toThrow(
      /there is no .*environments\/qa\.yaml yet/,
    );
    expect(existsSync(join(dir, 'environments', 'qa.yaml'))).toBe(false);
  });
});

describe('the region and the account of an environment', () => {
  it('AWS_REGION naming another region than the environment file is an error, before any AWS call', async () => {
    const since = emu.control.lastSeq();
    const fromEnv = clientsFromEnv({ AWS_REGION: 'eu-west-1', AWS_ENDPOINT_URL: emu.url });
    await expect(runPlan({ dir, clients: fromEnv, environment: 'dev' })).rejects.toThrow(
      'environments/dev.yaml says region us-east-1, but AWS_REGION says eu-west-1',
    );
    expect(emu.control.calls({ since })).toEqual([]);
  });

  it('an environment with several regions takes --region when AWS_REGION is set (one job per region)', async () => {
    const fixture = 'test/fixtures/state/environments';
    await expect(commandTargets(fixture, { env: 'staging' }, { AWS_REGION: 'eu-west-1' })).rejects.toThrow(
      /spans eu-west-1, eu-central-1, but AWS_REGION is set to eu-west-1/,
    );
    expect(await commandTargets(fixture, { env: 'staging', region: 'eu-west-1' }, { AWS_REGION: 'eu-west-1' })).toEqual(
      [{ environment: 'staging', region: 'eu-west-1', label: 'staging' }],
    );
    expect((await commandTargets(fixture, { allEnvs: true }, {})).map((t) => t.label)).toEqual([
      'dev',
      'staging/eu-west-1',
      'staging/eu-central-1',
      'prod',
    ]);
    await expect(commandTargets(fixture, { env: 'stagng' }, {})).rejects.toThrow(
      'no environment "stagng" — did you mean "staging"?',
    );
  });

  it('the command line reaches each environment through its AWS profile', async () => {
    const home = mkdtempSync(join(tmpdir(), 'apigw-sync-aws-'));
    writeFileSync(
      join(home, 'credentials'),
      '[apigw-sync-dev]\naws_access_key_id = 111111111111\naws_secret_access_key = x\n\n[apigw-sync-prod]\naws_access_key_id = 222222222222\naws_secret_access_key = x\n',
    );
    writeFileSync(join(home, 'config'), '');
    const env: NodeJS.ProcessEnv = {
      PATH: process.env.PATH,
      HOME: home,
      AWS_ENDPOINT_URL: emu.url,
      AWS_SHARED_CREDENTIALS_FILE: join(home, 'credentials'),
      AWS_CONFIG_FILE: join(home, 'config'),
      NO_COLOR: '1',
    };
    const cli = async (...args: string[]) => {
      try {
        const { stdout, stderr } = await exec(process.execPath, [BIN, ...args], { env });
        return { code: 0, stdout, stderr };
      } catch (e) {
        const err = e as { code: number; stdout: string; stderr: string };
        return { code: err.code, stdout: err.stdout, stderr: err.stderr };
      }
    };
    // Both environments are live in their own accounts: clean plans prove each profile reached its account.
    const prod = await cli('plan', dir, '--env', 'prod');
    expect(prod).toMatchObject({ code: 0 });
    expect(prod.stdout).toContain('No changes.');
    const dev = await cli('drift', dir, '--env', 'dev');
    expect(dev.code).toBe(2);
    const wrong = await cli('plan', dir, '--env', 'prod', '--region', 'us-east-1');
    expect(wrong.code).toBe(1);
    expect(wrong.stderr).toContain('environment prod has no region us-east-1');
  });
});
