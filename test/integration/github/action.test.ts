/**
 * The Action's entry (src/action/main.ts `run()`) under a simulated runner: inputs as INPUT_*
 * variables, the event from GITHUB_EVENT_PATH, outputs and job summary in their files, the
 * real engine against the local emulator, and GitHub's REST API answered by nock.
 */
import nock from 'nock';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { UpdateStageCommand } from '@aws-sdk/client-api-gateway';
import { run } from '../../../src/action/main.js';
import { createAwsClients } from '../../../src/aws/clients.js';
import { RateLimiter } from '../../../src/aws/rate-limit.js';
import { startEmulator, type RunningEmulator } from '../../../src/emulator/index.js';
import { createEngineServices } from '../../../src/github/engine-services.js';
import { COMMENT_MARKER, encodeCommentData, parseCommentData } from '../../../src/render/comment-data.js';
import { copyBaseState as copyState, copyState as copyExample, liveApis } from '../apply/helpers.js';
import { simulateRunner, type Runner } from './runner-env.js';
import { BASE, HEAD, MERGE, official } from '../../unit/github/app-harness.js';

/** GitHub's example push to master, made a push from BASE to MERGE (the example creates the branch). */
function mergePush(): Record<string, unknown> {
  const p = official('push', undefined, (x) => x.ref === 'refs/heads/master');
  Object.assign(p, { before: BASE, after: MERGE, created: false });
  return p;
}

const REGION = 'ap-northeast-2';
let emu: RunningEmulator;
let runner: Runner | undefined;
let dir: string;

beforeAll(async () => {
  emu = await startEmulator({ port: 0 });
  dir = copyState();
  nock.disableNetConnect();
  nock.enableNetConnect('127.0.0.1');
});
afterEach(() => {
  runner?.restore();
  runner = undefined;
  expect(nock.pendingMocks()).toEqual([]);
  nock.cleanAll();
});
afterAll(async () => {
  nock.enableNetConnect();
  await emu?.stop();
});

const awsEnv = () => ({
  AWS_ENDPOINT_URL: emu.url,
  AWS_REGION: REGION,
  AWS_ACCESS_KEY_ID: 'test',
  AWS_SECRET_ACCESS_KEY: 'test',
});
/** Services with a rate limiter at 20× AWS's quota (the emulator runs without quotas here). */
const fastServices = () =>
  createEngineServices({
    clients: createAwsClients({
      region: REGION,
      endpoint: emu.url,
      credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
      limiter: new RateLimiter({ scale: 20 }),
    }),
    directDeploy: true,
  });

describe('GitHub Action entry', () => {
  it('plan on a pull request: outputs, job summary and one sticky comment (created)', async () => {
    let posted = '';
    const gh = nock('https://api.github.com')
      .get('/repos/Codertocat/Hello-World/issues/2/comments')
      .query(true)
      .reply(200, [{ id: 1, body: 'LGTM', user: { login: 'alice' } }])
      .post('/repos/Codertocat/Hello-World/issues/2/comments', (b: { body: string }) => ((posted = b.body), true))
      .reply(201, { id: 901 });
    runner = simulateRunner({
      inputs: { command: 'plan', path: dir, 'github-token': 'ghs_test', comment: 'update' },
      eventName: 'pull_request',
      event: official('pull_request', 'opened'),
      env: awsEnv(),
    });
    await run();
    gh.done();
    const out = runner.outputs();
    expect(out['has-changes']).toBe('true');
    expect(out['plan-fingerprint']).toMatch(/^[0-9a-f]{64}$/);
    expect(process.exitCode ?? 0).toBe(0);
    expect(runner.summary()).toContain('## apigw-sync plan');
    expect(runner.summary()).toContain('#### 🟢 shop · REST API');
    expect(posted.startsWith(COMMENT_MARKER)).toBe(true);
    expect(parseCommentData(posted)).toMatchObject({
      status: 'planned',
      fingerprint: out['plan-fingerprint'],
      headSha: HEAD,
    });
  });

  it('plan again: updates its own comment (github-actions[bot]) in place, never a look-alike, and carries no approvals it cannot verify', async () => {
    const old = `${COMMENT_MARKER}\nold\n${encodeCommentData({ v: 1, status: 'planned', fingerprint: 'a'.repeat(64), headSha: 'x', approvals: [{ login: 'alice', headSha: 'x', at: 't' }] })}`;
    let patched = '';
    const gh = nock('https://api.github.com')
      .get('/repos/Codertocat/Hello-World/issues/2/comments')
      .query(true)
      .reply(200, [
        { id: 54, body: old, user: { login: 'mallory', type: 'User' } },
        { id: 55, body: old, user: { login: 'github-actions[bot]', type: 'Bot' } },
      ])
      .patch('/repos/Codertocat/Hello-World/issues/comments/55', (b: { body: string }) => ((patched = b.body), true))
      .reply(200, { id: 55 });
    runner = simulateRunner({
      inputs: { command: 'plan', path: dir, 'github-token': 'ghs_test' },
      eventName: 'pull_request',
      event: official('pull_request', 'opened'),
      env: awsEnv(),
    });
    await run();
    gh.done();
    expect(parseCommentData(patched)?.approvals).toEqual([]);
    expect(parseCommentData(patched)?.desired?.fingerprint).toMatch(/^[0-9a-f]{64}$/);
  });

  it('apply, then plan says no changes; drift after a console edit opens one issue', async () => {
    runner = simulateRunner({
      inputs: { command: 'apply', path: dir },
      eventName: 'push',
      event: mergePush(),
      env: awsEnv(),
    });
    await run({ services: fastServices() });
    expect(runner.outputs()['has-changes']).toBe('true');
    expect(runner.summary()).toContain('## apigw-sync apply: applied');
    expect(process.exitCode ?? 0).toBe(0);
    runner.restore();

    runner = simulateRunner({
      inputs: { command: 'plan', path: dir, comment: 'off' },
      eventName: 'push',
      event: mergePush(),
      env: awsEnv(),
    });
    await run({ services: fastServices() });
    expect(runner.outputs()['has-changes']).toBe('false');
    runner.restore();

    // Someone raises prod throttling on the shop API in the console.
    const shop = (
      await liveApis(
        createAwsClients({
          region: REGION,
          endpoint: emu.url,
          credentials: { accessKeyId: 't', secretAccessKey: 't' },
        }),
      )
    ).find((a) => a.name === 'shop-api')!;
    const c = createAwsClients({
      region: REGION,
      endpoint: emu.url,
      credentials: { accessKeyId: 't', secretAccessKey: 't' },
    });
    await c.apigw.send(
      new UpdateStageCommand({
        restApiId: shop.id,
        stageName: 'prod',
        patchOperations: [{ op: 'replace', path: '/*/*/throttling/rateLimit', value: '4321' }],
      }),
    );

    let issue: { title: string; body: string; labels: string[] } | undefined;
    const gh = nock('https://api.github.com')
      .get('/repos/Codertocat/Hello-World/issues')
      .query((q) => q.labels === 'apigw-sync:drift' && q.state === 'all')
      .reply(200, [])
      .post('/repos/Codertocat/Hello-World/issues', (b) => ((issue = b), true))
      .reply(201, { number: 12 });
    runner = simulateRunner({
      inputs: { command: 'drift', path: dir, 'github-token': 'ghs_test' },
      eventName: 'schedule',
      event: {},
      env: awsEnv(),
    });
    await run({ services: fastServices() });
    gh.done();
    expect(runner.outputs()['has-changes']).toBe('true');
    expect(issue?.title).toBe('Drift: API shop differs from gateway-state');
    expect(issue?.labels).toEqual(['apigw-sync:drift']);
    expect(issue?.body).toContain('throttling.rateLimit: 4321');
    expect(issue?.body).toContain('npx apigw-sync import --api shop-api');
    expect(runner.summary()).toContain('- #12 opened (shop)');
  });

  it('validate fails the step with file:line when gateway-state is invalid', async () => {
    const bad = copyState();
    const { writeFileSync, readFileSync } = await import('node:fs');
    const file = `${bad}/apis/shop/api.yaml`;
    writeFileSync(file, readFileSync(file, 'utf8').replace(/^kind: RestApi$/m, 'kind: SoapApi'));
    runner = simulateRunner({
      inputs: { command: 'validate', path: bad },
      eventName: 'pull_request',
      event: official('pull_request', 'opened'),
    });
    await run();
    expect(process.exitCode).toBe(1);
    expect(runner.summary()).toMatch(/apis\/shop\/api\.yaml:\d+:\d+/);
  });

  it('outputs the region and the owner id the state declares (validate needs no AWS access), for the credentials step', async () => {
    const { dirname } = await import('node:path');
    runner = simulateRunner({
      inputs: { command: 'validate', path: dir },
      eventName: 'push',
      event: {},
      env: { GITHUB_WORKSPACE: dirname(dir), GITHUB_REPOSITORY: 'acme/gateway' },
    });
    await run();
    expect(process.exitCode ?? 0).toBe(0);
    expect(runner.outputs()).toMatchObject({ region: 'ap-northeast-2', owner: 'acme/gateway:gateway-state' });
  });

  it('a state with environments: validate lists them in promotion order (a matrix), and with `environment` outputs its region and role', async () => {
    const withEnvs = copyExample();
    runner = simulateRunner({ inputs: { command: 'validate', path: withEnvs }, eventName: 'push', event: {} });
    await run();
    expect(process.exitCode ?? 0).toBe(0);
    expect(runner.outputs()).toMatchObject({
      environments: '["dev","prod"]',
      'role-arn': '',
      region: 'ap-northeast-2',
    });
    runner.restore();
    runner = simulateRunner({
      inputs: { command: 'validate', path: withEnvs, environment: 'dev' },
      eventName: 'push',
      event: {},
    });
    await run();
    expect(process.exitCode ?? 0).toBe(0);
    expect(runner.outputs()).toMatchObject({
      environments: '["dev","prod"]',
      'role-arn': 'arn:aws:iam::111111111111:role/apigw-sync',
      region: 'us-east-1',
    });
    runner.restore();
    runner = simulateRunner({
      inputs: { command: 'validate', path: withEnvs, environment: 'prd' },
      eventName: 'push',
      event: {},
    });
    await run();
    expect(process.exitCode).toBe(1);
  });

  it('refuses an unknown command clearly', async () => {
    runner = simulateRunner({ inputs: { command: 'destroy-everything', path: dir }, eventName: 'push', event: {} });
    await run();
    expect(process.exitCode).toBe(1);
  });
});

describe('GitHub Action apply after an automatic rollback', () => {
  it('fails the step and opens a revert pull request', async () => {
    const { fakeServices } = await import('../../unit/github/fake-services.js');
    const { services } = fakeServices({
      apply: () => ({
        status: 'failed',
        issues: [],
        progress: [{ apiKey: 'shop', stage: 'prod', state: 'rolled_back', detail: 'alarm shop-api-5xx fired' }],
        failures: [{ apiKey: 'shop', message: 'rolled back: alarm shop-api-5xx fired' }],
        rolledBack: ['shop'],
      }),
    });
    const push = mergePush() as { before: string; after: string };
    const gh = nock('https://api.github.com')
      .get(`/repos/Codertocat/Hello-World/git/commits/${push.before}`)
      .reply(200, { tree: { sha: 'tb' } })
      .get('/repos/Codertocat/Hello-World/git/trees/tb')
      .query({ recursive: 'true' })
      .reply(200, { tree: [{ path: dir.split('/').pop(), type: 'tree', sha: 'old-state' }] })
      .get(`/repos/Codertocat/Hello-World/git/commits/${push.after}`)
      .reply(200, { tree: { sha: 'ta' } })
      .post('/repos/Codertocat/Hello-World/git/trees')
      .reply(201, { sha: 'tr' })
      .post('/repos/Codertocat/Hello-World/git/commits')
      .reply(201, { sha: 'cr' })
      .post('/repos/Codertocat/Hello-World/git/refs')
      .reply(201, {})
      .post(
        '/repos/Codertocat/Hello-World/pulls',
        (b) => b.base === 'master' && b.head === `apigw-sync/revert-${push.after.slice(0, 7)}`,
      )
      .reply(201, { number: 44 });
    runner = simulateRunner({
      inputs: { command: 'apply', path: dir.split('/').pop()!, 'github-token': 'ghs_test' },
      eventName: 'push',
      event: push as unknown as Record<string, unknown>,
    });
    await run({ services });
    gh.done();
    expect(process.exitCode).toBe(1);
    expect(runner.summary()).toContain('| ↩️ | shop | `prod` | alarm shop-api-5xx fired |');
    expect(runner.summary()).toContain('Revert pull request #44 opened so that Git matches production again.');
  });
});
