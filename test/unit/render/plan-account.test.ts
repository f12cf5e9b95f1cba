/**
 * The account part of a plan as people read it (golden): a custom domain changed, a mapping
 * moved to another stage (traffic-moving), one renamed, one created and one deleted, a VPC
 * link created before the API that uses it.
 */
import { describe, expect, it } from 'vitest';
import type { AccountModel, LiveAccount } from '../../../src/model/account.js';
import { buildPlan } from '../../../src/plan/build.js';
import { renderPlanMarkdown } from '../../../src/render/plan-markdown.js';
import { renderPlanText } from '../../../src/render/plan-text.js';
import { emptyAccount } from '../../../src/kinds/registry.js';
import { expectGolden } from '../../helpers/golden.js';
import { api, clone, gateway, route, snapshot } from '../../helpers/model-builders.js';
import { FIXTURE_NOW } from './plan-fixture.js';

const CERT = 'arn:aws:acm:ap-northeast-2:123456789012:certificate/5f0e9a1c-7b2d-4e8f-9a3b-1c2d3e4f5a6b';
const m = (domain: string, path: string, api: string, stage: string) => ({
  name: `${domain}/${path}`,
  domain,
  api,
  stage,
});

function accounts(): { live: AccountModel; desired: AccountModel } {
  const live: AccountModel = {
    ...emptyAccount(),
    domains: {
      'api.example.com': { endpointType: 'REGIONAL', certificateArn: CERT, securityPolicy: 'TLS_1_0', tags: {} },
    },
    basePathMappings: {
      'api.example.com/shop': m('api.example.com', 'shop', 'shop', 'prod'),
      'api.example.com/v1': m('api.example.com', 'v1', 'shop', 'prod'),
      'api.example.com/old': m('api.example.com', 'old', 'shop', 'beta'),
    },
  };
  const desired = clone(live);
  desired.domains['api.example.com'] = {
    ...desired.domains['api.example.com'],
    securityPolicy: 'TLS_1_2',
    mutualTls: { truststoreUri: 's3://acme-truststores/api.pem' },
  };
  desired.basePathMappings = {
    'api.example.com/shop': m('api.example.com', 'shop', 'shop', 'canary'),
    'api.example.com/store': m('api.example.com', 'store', 'shop', 'prod'),
  };
  desired.apiMappings = { 'api.example.com/events/v1': m('api.example.com', 'events/v1', 'events', 'live') };
  desired.vpcLinks = {
    'inventory-nlb': {
      name: 'inventory-nlb',
      for: 'RestApi',
      targetArns: [
        'arn:aws:elasticloadbalancing:ap-northeast-2:123456789012:loadbalancer/net/inventory/50dc6c495c0c9188',
      ],
      tags: {},
    },
  };
  return { live, desired };
}

function plan() {
  const shop = api('shop', 'RestApi', { routes: [route('RestApi', 'GET', '/a')] });
  const events = api('events', 'HttpApi', { routes: [route('HttpApi', 'GET', '/b')] });
  const { live, desired } = accounts();
  const g = { ...gateway([shop, events]), account: desired };
  const liveAccount: LiveAccount = {
    model: live,
    ids: {},
    adopt: [],
    elsewhere: [],
    facts: { domain: { 'api.example.com': { dnsTarget: 'd-abc123.execute-api.ap-northeast-2.amazonaws.com' } } },
  };
  return buildPlan({ desired: g, live: { ...snapshot([shop, events]), account: liveAccount }, now: FIXTURE_NOW });
}

describe('the account part of a plan', () => {
  it('renders domains, mappings and VPC links (golden text and Markdown)', () => {
    const p = plan();
    expect(p.steps.map((s) => `${s.change.action} ${s.change.target} ${s.change.name}`)).toEqual([
      'delete basePathMapping api.example.com/old',
      'create vpcLink inventory-nlb',
      'update domain api.example.com',
      'update basePathMapping api.example.com/shop',
      'update basePathMapping api.example.com/store',
      'create apiMapping api.example.com/events/v1',
    ]);
    expectGolden('plan/account.txt', renderPlanText(p, { color: false }));
    expectGolden('plan/account.md', renderPlanMarkdown(p));
  });
});
