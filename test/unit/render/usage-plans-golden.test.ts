/**
 * How usage plans and API keys read in the plan (text, Markdown) and the PR comment: a plan
 * created with its per-method throttle, one whose quota is lowered (breaking), a key disabled
 * while in use, a key whose value rotates (recreated, breaking, its hash masked both sides), a
 * key and a plan deleted while in use. Golden files, and no value hash in any of them.
 */
import { describe, expect, it } from 'vitest';
import type { ApiKeyModel } from '../../../src/kinds/api-key/model.js';
import type { UsagePlanModel } from '../../../src/kinds/usage-plan/model.js';
import { emptyAccount } from '../../../src/kinds/registry.js';
import type { AccountModel } from '../../../src/model/account.js';
import { buildPlan } from '../../../src/plan/build.js';
import { renderPlanComment } from '../../../src/render/comment.js';
import { renderPlanJson } from '../../../src/render/plan-json.js';
import { renderPlanMarkdown } from '../../../src/render/plan-markdown.js';
import { renderPlanText } from '../../../src/render/plan-text.js';
import { expectGolden } from '../../helpers/golden.js';
import { api, gateway, route, snapshot, stage } from '../../helpers/model-builders.js';
import { FIXTURE_NOW } from './plan-fixture.js';

const OLD_HASH = 'oLdHaSh0000000000000000000000000000000000AA';
const NEW_HASH = 'nEwHaSh0000000000000000000000000000000000BB';

const shop = api('shop', 'RestApi', {
  routes: [route('RestApi', 'GET', '/orders'), route('RestApi', 'POST', '/orders')],
  stages: { prod: stage('prod'), beta: stage('beta') },
});

const plan = (over: Partial<UsagePlanModel> & { name: string }): UsagePlanModel => ({
  apiStages: {},
  tags: {},
  ...over,
});
const key = (over: Partial<ApiKeyModel> & { name: string }): ApiKeyModel => ({
  enabled: true,
  usagePlans: [],
  tags: {},
  ...over,
});

function account(records: { usagePlans: UsagePlanModel[]; apiKeys: ApiKeyModel[] }): AccountModel {
  return {
    ...emptyAccount(),
    usagePlans: Object.fromEntries(records.usagePlans.map((p) => [p.name, p])),
    apiKeys: Object.fromEntries(records.apiKeys.map((k) => [k.name, k])),
  };
}

const partners = plan({
  name: 'partners',
  description: 'Partner access',
  throttle: { rateLimit: 100, burstLimit: 200 },
  quota: { limit: 100000, period: 'MONTH', offset: 0 },
  apiStages: {
    'shop/prod': { api: 'shop', stage: 'prod', methodThrottles: { 'POST /orders': { rateLimit: 10, burstLimit: 20 } } },
  },
});

function fixture() {
  const desired = gateway([shop]);
  desired.account = account({
    usagePlans: [
      { ...partners, quota: { limit: 50000, period: 'MONTH', offset: 0 } },
      plan({
        name: 'beta-testers',
        throttle: { rateLimit: 5, burstLimit: 10 },
        quota: { limit: 1000, period: 'DAY', offset: 0 },
        apiStages: { 'shop/beta': { api: 'shop', stage: 'beta', methodThrottles: {} } },
      }),
    ],
    apiKeys: [
      key({
        name: 'partner-acme',
        customerId: 'acme',
        usagePlans: ['partners'],
        valueFrom: { env: 'ACME_API_KEY' },
        valueHash: NEW_HASH,
      }),
      key({ name: 'mobile-app', enabled: false, usagePlans: ['partners'] }),
      key({
        name: 'beta-tester',
        usagePlans: ['beta-testers'],
        valueFrom: { secretsManager: 'prod/keys/beta', jsonKey: 'apiKey' },
      }),
    ],
  });
  const live = snapshot([shop]);
  live.account = {
    model: account({
      usagePlans: [
        partners,
        plan({ name: 'legacy', apiStages: { 'shop/prod': { api: 'shop', stage: 'prod', methodThrottles: {} } } }),
      ],
      apiKeys: [
        key({
          name: 'partner-acme',
          customerId: 'acme',
          usagePlans: ['partners'],
          valueFrom: { env: 'ACME_API_KEY' },
          valueHash: OLD_HASH,
        }),
        key({ name: 'mobile-app', usagePlans: ['partners'] }),
        key({ name: 'legacy-client', usagePlans: ['legacy'] }),
      ],
    }),
    ids: {},
    adopt: [],
    elsewhere: [],
    facts: {},
  };
  return buildPlan({ desired, live, now: FIXTURE_NOW });
}

describe('usage plans and API keys in the plan and the PR comment', () => {
  const p = fixture();
  const text = renderPlanText(p, { color: false });
  const markdown = renderPlanMarkdown(p);
  const comment = renderPlanComment({ headSha: 'abc1234', plan: p, issues: [], approvals: [], requiredApprovals: 1 });

  it('plan text (golden)', () => {
    expectGolden('plan/usage-plans.txt', text);
    expect(text).toMatch(/quota lowered or its period changed/);
    expect(text).toMatch(/key disabled while in usage plan partners/);
    expect(text).toMatch(/key value changes/);
    expect(text).toMatch(/key deleted while in usage plan legacy/);
  });

  it('plan Markdown and the PR comment (golden)', () => {
    expectGolden('plan/usage-plans.md', markdown);
    expectGolden('comment/usage-plans-comment.md', comment.body);
  });

  it('no value hash in any output (the plan itself carries them: apply needs them)', () => {
    expect(JSON.stringify(p)).toContain(NEW_HASH);
    for (const out of [text, markdown, renderPlanJson(p), comment.body, JSON.stringify(comment.data)]) {
      expect(out).not.toContain(OLD_HASH);
      expect(out).not.toContain(NEW_HASH);
      expect(out).not.toContain('HaSh0000');
    }
  });
});
