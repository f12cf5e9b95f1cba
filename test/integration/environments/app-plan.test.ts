/**
 * The App planning a pull request on a state with environments, through `probot.receive`
 * with GitHub's example payload (every GitHub call declared with nock) and the real engine
 * against the local AWS endpoint: one comment, one section per environment; the pull request
 * changes only dev's overlay, so only dev is planned (prod is neither planned nor read).
 */
import nock from 'nock';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAwsClients, type AwsClients } from '../../../src/aws/clients.js';
import { RateLimiter } from '../../../src/aws/rate-limit.js';
import type { RunningEmulator } from '../../../src/emulator/index.js';
import { createEngineServices } from '../../../src/github/engine-services.js';
import type { EnvironmentTarget } from '../../../src/model/environment.js';
import {
  API,
  BASE,
  HEAD,
  PR,
  REPO,
  SEALER,
  deliver,
  installation,
  makeProbot,
  official,
  serveState,
  useNock,
} from '../../unit/github/app-harness.js';
import { copyState, editYaml, QUOTA_SCALE, startTestEmulator } from '../apply/helpers.js';

useNock();

let emu: RunningEmulator;
const limiter = new RateLimiter({ scale: QUOTA_SCALE });
const reached = new Set<string>();
const clients = (region: string, target?: EnvironmentTarget): AwsClients => {
  const account = target?.account.id ?? 'test';
  reached.add(`${account}/${region}`);
  return createAwsClients({
    region,
    endpoint: emu.url,
    credentials: { accessKeyId: account, secretAccessKey: 'test' },
    limiter,
  });
};

beforeAll(async () => {
  emu = await startTestEmulator();
});
afterAll(async () => emu?.stop());

describe('the App on a pull request of a state with environments', () => {
  it('one comment, a section per environment; a change to the dev overlay alone plans only dev', async () => {
    const base = copyState();
    const head = copyState();
    editYaml(head, 'environments/dev.yaml', (doc) =>
      doc.setIn(['apis', 'shop', 'stages', 'prod', 'variables', 'logLevel'], 'TRACE'),
    );
    const probot = await makeProbot({
      services: () =>
        createEngineServices({ clients, directDeploy: true, ownerId: 'Codertocat/Hello-World:gateway-state' }),
    });
    const bodies: Record<string, any> = {};
    const files = [{ filename: 'gateway-state/environments/dev.yaml', status: 'modified' }];
    const gh = installation(nock(API))
      .get(`${REPO}/pulls/${PR}/files`)
      .query(true)
      .times(2)
      .reply(200, files)
      .post(`${REPO}/check-runs`)
      .reply(201, { id: 77 });
    serveState(gh, { sha: HEAD, dir: head });
    serveState(gh, { sha: BASE, dir: base });
    gh.get(`${REPO}/issues/${PR}/comments`)
      .query(true)
      .reply(200, [])
      .get(`${REPO}/pulls/${PR}/reviews`)
      .query(true)
      .reply(200, [])
      .post(`${REPO}/issues/${PR}/comments`, (b) => ((bodies.comment = b.body), true))
      .reply(201, { id: 900 })
      .patch(`${REPO}/check-runs/77`, (b) => ((bodies.check = b), true))
      .reply(200, { id: 77 })
      .post(`${REPO}/statuses/${HEAD}`)
      .reply(201, {});
    await deliver(probot, 'pull_request', official('pull_request', 'opened'));
    gh.done();
    const body = bodies.comment as string;
    expect(body).toContain('This pull request changes **dev** — 🟡 **dev** changes · ⚪ prod not touched');
    expect(body).toMatch(/<details open><summary><b>dev<\/b> · region <code>us-east-1<\/code> · \d+ to add/);
    expect(body).toMatch(/<details><summary><b>prod<\/b> · region <code>ap-northeast-2<\/code> · not planned/);
    // Only dev's account and region were read.
    expect([...reached]).toEqual(['111111111111/us-east-1']);
    // The approval covers both environments.
    const data = SEALER.open(body, { owner: 'Codertocat', repo: 'Hello-World', issue_number: PR });
    expect(Object.keys(data?.desired?.environments ?? {})).toEqual(['dev/us-east-1', 'prod/ap-northeast-2']);
    expect(bodies.check).toMatchObject({ conclusion: 'success', output: { title: 'Planned dev' } });
  });
});
