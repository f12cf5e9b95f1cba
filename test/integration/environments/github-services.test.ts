/**
 * Environments through the GitHub layer's engine services (what the App and the Action run),
 * against the local AWS endpoint: the review approves every environment under one digest; a
 * pull request plans only the environments it touches; the in-process executor promotes
 * environment by environment, each apply checked against its own part of the approval, and
 * stops before an environment that needs a person's approval.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAwsClients, type AwsClients } from '../../../src/aws/clients.js';
import { RateLimiter } from '../../../src/aws/rate-limit.js';
import type { RunningEmulator } from '../../../src/emulator/index.js';
import { createEngineServices } from '../../../src/github/engine-services.js';
import { planEnvironments } from '../../../src/github/environment-plans.js';
import { environmentCommentMarker, runActionCommand } from '../../../src/github/action-command.js';
import type { EnvironmentTarget } from '../../../src/model/environment.js';
import { exactApproval } from '../../../src/plan/approved-state.js';
import { declaredEnvironments, readStateDir, touchedEnvironments } from '../../../src/state/index.js';
import { copyState, editYaml, liveApis, QUOTA_SCALE, startTestEmulator } from '../apply/helpers.js';

let emu: RunningEmulator;
let dir: string;
const limiter = new RateLimiter({ scale: QUOTA_SCALE });
const made = new Map<string, AwsClients>();
/** Each environment's account by its access key id (the App assumes the environment's role; the endpoint keeps accounts apart by key). */
const clients = (region: string, target?: EnvironmentTarget): AwsClients => {
  const key = `${target?.account.id ?? 'test'}/${region}`;
  if (!made.has(key))
    made.set(
      key,
      createAwsClients({
        region,
        endpoint: emu.url,
        credentials: { accessKeyId: target?.account.id ?? 'test', secretAccessKey: 'test' },
        limiter,
      }),
    );
  return made.get(key)!;
};
const services = () => createEngineServices({ clients, directDeploy: true, ownerId: 'acme/gateway:gateway-state' });
const names = async (account: string, region: string) =>
  (await liveApis(clients(region, { environment: 'x', region, account: { id: account } }) as never))
    .map((a) => a.name)
    .sort();

beforeAll(async () => {
  emu = await startTestEmulator();
  dir = copyState();
});
afterAll(async () => emu?.stop());

describe('environments in the App and the Action', () => {
  it('describe: one desired-state digest over every environment, each with its own part', async () => {
    const d = await services().planner.describe({ dir });
    expect(d.status).toBe('ok');
    if (d.status !== 'ok') return;
    expect(Object.keys(d.desired.environments ?? {})).toEqual(['dev/us-east-1', 'prod/ap-northeast-2']);
    expect(d.desired.fingerprint).toMatch(/^[0-9a-f]{64}$/);
    expect(d.apis.map((a) => a.key)).toEqual([
      'dev/chat',
      'dev/events',
      'dev/shop',
      'prod/chat',
      'prod/events',
      'prod/shop',
    ]);
  });

  it('a pull request changing only the dev overlay plans dev alone: prod is neither planned nor read', async () => {
    const declared = declaredEnvironments(await readStateDir(dir));
    const touched = touchedEnvironments(['environments/dev.yaml'], declared.names);
    expect(touched).toEqual(['dev']);
    made.clear();
    const r = await planEnvironments(services(), { head: dir, displayDir: 'gateway-state', declared, touched });
    expect(r.sections.map((s) => [s.label, s.region, s.touched, s.plan?.summary.add ?? null])).toEqual([
      ['dev', 'us-east-1', true, expect.any(Number)],
      ['prod', 'ap-northeast-2', false, null],
    ]);
    expect([...made.keys()]).toEqual(['111111111111/us-east-1']);
    // The approval still covers both environments: the digest is the same as describe's.
    const d = await services().planner.describe({ dir });
    expect(d.status === 'ok' && d.desired.fingerprint).toBe(r.desired?.fingerprint);
  });

  it('the in-process apply promotes dev, then stops before prod, which needs a person (a GitHub Environment in Actions)', async () => {
    const d = await services().planner.describe({ dir });
    if (d.status !== 'ok') throw new Error('invalid');
    const r = await services().applier.apply({ dir, approvedDesired: exactApproval(d.desired), owner: 'github:alice' });
    expect(r.status).toBe('failed');
    expect(r.failures).toEqual([
      { apiKey: 'prod', message: expect.stringMatching(/^not-approved: prod needs a person's approval/) },
    ]);
    expect(r.progress.length).toBeGreaterThan(0);
    expect(r.progress.every((p) => p.apiKey.startsWith('dev/'))).toBe(true);
    expect(await names('111111111111', 'us-east-1')).toEqual(['chat-api', 'events-api', 'shop-api']);
    expect(await names('222222222222', 'ap-northeast-2')).toEqual([]);
  });

  it('without an approval gate prod follows dev; a state changed after the review is refused in every environment', async () => {
    editYaml(dir, 'environments/prod.yaml', (doc) => doc.deleteIn(['promotion']));
    const d = await services().planner.describe({ dir });
    if (d.status !== 'ok') throw new Error('invalid');
    const approved = exactApproval(d.desired);
    editYaml(dir, 'environments/prod.yaml', (doc) =>
      doc.setIn(['apis', 'shop', 'stages', 'prod', 'variables'], doc.createNode({ logLevel: 'TRACE' })),
    );
    // The executor reports the refusal (apply-executor.ts: UNREVIEWED_STATE); nothing reaches prod.
    await expect(services().applier.apply({ dir, approvedDesired: approved })).rejects.toMatchObject({
      code: 'UNREVIEWED_STATE',
    });
    expect(await names('222222222222', 'ap-northeast-2')).toEqual([]);
    editYaml(dir, 'environments/prod.yaml', (doc) => doc.deleteIn(['apis', 'shop', 'stages', 'prod', 'variables']));
    const r = await services().applier.apply({ dir, approvedDesired: approved });
    expect(r.failures).toEqual([]);
    expect(r.status).toBe('applied');
    expect(await names('222222222222', 'ap-northeast-2')).toEqual(['chat-api', 'events-api', 'shop-api']);
  });
});

describe('the Action, one job per environment', () => {
  it('plan with `environment` plans that environment in its region and account only', async () => {
    const fresh = copyState();
    made.clear();
    const r = await runActionCommand(
      { command: 'plan', path: fresh, comment: 'off', requiredApprovals: 1, driftIssues: false, environment: 'prod' },
      { event: {} },
      services(),
    );
    expect(r.failed).toBeUndefined();
    expect(r.outputs['has-changes']).toBe(false);
    expect([...made.keys()]).toEqual(['222222222222/ap-northeast-2']);
    expect(r.log.join('\n')).toMatch(/^plan [0-9a-f]{12}: no changes/);
  });

  it("each environment's plan comment is its own", () => {
    expect(environmentCommentMarker('prod')).toBe('<!-- apigw-sync:plan:prod -->');
  });
});

describe('touchedEnvironments', () => {
  const envs = ['dev', 'staging', 'prod'];
  it.each([
    [['environments/dev.yaml'], ['dev']],
    [
      ['environments/prod.yml', 'environments/dev.yaml'],
      ['dev', 'prod'],
    ],
    [['apis/shop/api.yaml'], envs],
    [['environments/dev.yaml', 'gateway.yaml'], envs],
    [[undefined], envs],
    [['environments/new.yaml'], []],
  ])('%j → %j', (changed, expected) => expect(touchedEnvironments(changed, envs)).toEqual(expected));
});
