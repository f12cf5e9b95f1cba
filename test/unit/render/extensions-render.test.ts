/**
 * The plan, drift and PR comment lines of issue 12's settings (golden): the kitchen-sink
 * state against a live twin that a console user changed — a policy without its Deny, a VPC
 * endpoint removed, gateway responses changed / customized / reset, HTTP CORS opened to
 * another origin, an HTTP integration's response mapping added — plus an integration left by
 * an interrupted HTTP apply; and the plan that creates the kitchen sink from nothing.
 */
import { describe, expect, it } from 'vitest';
import { buildPlan } from '../../../src/plan/build.js';
import { detectDrift } from '../../../src/diff/drift.js';
import { renderPlanText } from '../../../src/render/plan-text.js';
import { renderPlanMarkdown } from '../../../src/render/plan-markdown.js';
import { renderDriftText } from '../../../src/render/drift-text.js';
import { renderDriftMarkdown } from '../../../src/render/drift-markdown.js';
import { renderPlanComment } from '../../../src/render/comment.js';
import { desiredStateDigest } from '../../../src/plan/fingerprint.js';
import { loadState } from '../../../src/state/index.js';
import { policyText } from '../../../src/kinds/api/policy.js';
import type { GatewayModel } from '../../../src/model/api.js';
import type { LiveSnapshot } from '../../../src/model/live.js';
import { expectGolden } from '../../helpers/golden.js';
import { clone, liveApi } from '../../helpers/model-builders.js';
import { FIXTURE_NOW } from './plan-fixture.js';
import { HEAD_SHA } from '../github/comment-fixture.js';

async function kitchenSink(): Promise<GatewayModel> {
  const { model, issues } = await loadState('test/fixtures/state/kitchen-sink');
  expect(issues).toEqual([]);
  return model;
}

/** AWS after the console edits (the desired state is the kitchen sink as in Git). */
function editedLive(desired: GatewayModel): LiveSnapshot {
  const rest = clone(desired.apis.storefront);
  rest.policy = policyText({
    Version: '2012-10-17',
    Statement: [{ Effect: 'Allow', Principal: '*', Action: 'execute-api:Invoke', Resource: 'execute-api:/*' }],
  });
  delete rest.vpcEndpointIds;
  rest.minimumCompressionSize = 2048;
  rest.gatewayResponses.UNAUTHORIZED.statusCode = '403';
  delete rest.gatewayResponses.THROTTLED;
  rest.gatewayResponses.MISSING_AUTHENTICATION_TOKEN = {
    responseType: 'MISSING_AUTHENTICATION_TOKEN',
    statusCode: '404',
    responseParameters: {},
    responseTemplates: {},
  };
  const http = clone(desired.apis.events);
  http.cors = { ...http.cors!, allowOrigins: ['https://shop.example.com', 'https://evil.example.com'] };
  http.routes['GET /items/{id}'].integration.responseParameters = {
    ...http.routes['GET /items/{id}'].integration.responseParameters,
    '500': { 'overwrite:statuscode': '200' },
  };
  const live: LiveSnapshot = {
    region: desired.region,
    apis: { storefront: liveApi(rest), events: liveApi(http) },
    unmanaged: [],
  };
  live.apis.events.ids.unusedIntegrations = {
    i9k2m4x: { routeKey: 'POST /events', integration: clone(http.routes['POST /events'].integration) },
  };
  return live;
}

describe('issue 12 settings in the plan, the drift report and the PR comment', () => {
  it('plan text and Markdown: what the apply puts back (golden)', async () => {
    const desired = await kitchenSink();
    const plan = buildPlan({ desired, live: editedLive(desired), now: FIXTURE_NOW });
    expectGolden('plan/extensions.txt', renderPlanText(plan, { color: false }));
    expectGolden('plan/extensions.md', renderPlanMarkdown(plan));
  });

  it('drift text and Markdown: what AWS has that Git does not say (golden)', async () => {
    const desired = await kitchenSink();
    const report = detectDrift(desired, editedLive(desired));
    expectGolden('drift/extensions.txt', renderDriftText(report, { color: false }));
    expectGolden('drift/extensions.md', renderDriftMarkdown(report));
  });

  it('the PR comment (golden)', async () => {
    const desired = await kitchenSink();
    const live = editedLive(desired);
    const plan = buildPlan({ desired, live, now: FIXTURE_NOW });
    const { body } = renderPlanComment({
      headSha: HEAD_SHA,
      plan,
      issues: [],
      drift: detectDrift(desired, live),
      desired: desiredStateDigest(desired),
      approvals: [],
      requiredApprovals: 1,
    });
    expectGolden('comment/extensions.md', body);
  });

  it('the plan that creates the kitchen sink shows what a reviewer needs of each new setting (golden)', async () => {
    const desired = await kitchenSink();
    const plan = buildPlan({ desired, live: { region: desired.region, apis: {}, unmanaged: [] }, now: FIXTURE_NOW });
    expectGolden('plan/kitchen-sink-create.txt', renderPlanText(plan, { color: false }));
  });
});
