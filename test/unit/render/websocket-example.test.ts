/**
 * The example WebSocket API of gateway-state/ (chat: $connect behind a REQUEST Lambda
 * authorizer, $disconnect, a two-way $default, sendmessage), as `npm start` shows it: created,
 * then changed (sendmessage's integration timeout, the demo's edit). Golden files for its plan
 * text, its plan in Markdown, its section of the PR comment and its cost lines.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { EMBEDDED_PRICES, costDelta, shouldShowCost, usageMap, type MeasuredUsage } from '../../../src/cost/index.js';
import { copyStateDir, editYamlFile } from '../../../src/demo/edit-state.js';
import type { GatewayModel } from '../../../src/model/api.js';
import { buildPlan } from '../../../src/plan/build.js';
import { desiredStateDigest } from '../../../src/plan/fingerprint.js';
import { renderPlanComment } from '../../../src/render/comment.js';
import { renderCostMarkdown } from '../../../src/render/cost-markdown.js';
import { renderCostText } from '../../../src/render/cost-text.js';
import { renderPlanMarkdown } from '../../../src/render/plan-markdown.js';
import { renderPlanText } from '../../../src/render/plan-text.js';
import { loadState } from '../../../src/state/index.js';
import { expectGolden } from '../../helpers/golden.js';
import { snapshot } from '../../helpers/model-builders.js';
import { HEAD_SHA } from '../github/comment-fixture.js';
import { FIXTURE_NOW } from './plan-fixture.js';

const EXAMPLE = join(import.meta.dirname, '..', '..', '..', 'gateway-state');

/** The example state with only its WebSocket API (optionally edited first, as a pull request would). */
async function chatOnly(edit?: (dir: string) => void): Promise<GatewayModel> {
  let dir = EXAMPLE;
  if (edit) {
    dir = copyStateDir(EXAMPLE);
    edit(dir);
  }
  const { model, issues } = await loadState(dir);
  expect(issues.filter((i) => i.severity === 'error')).toEqual([]);
  return { ...model, apis: { chat: model.apis.chat } };
}

const before = () => chatOnly();
const after = () =>
  chatOnly((dir) =>
    editYamlFile(dir, 'apis/chat/routes.yaml', (doc) =>
      doc.setIn(['routes', 'sendmessage', 'integration', 'timeoutInMillis'], 9000),
    ),
  );

/** 30 days of CloudWatch on chat-api/live: 2.16M messages (MessageCount) and 36K connections (ConnectCount). */
const MEASURED: MeasuredUsage = { windowDays: 30, stages: { live: { requests: 2_160_000, connections: 36_000 } } };

describe('the example WebSocket API (golden)', () => {
  it('created: plan text and Markdown show every route, the $connect authorizer and the two-way $default', async () => {
    const desired = await before();
    const plan = buildPlan({ desired, live: snapshot([], { region: desired.region }), now: FIXTURE_NOW });
    const text = renderPlanText(plan, { color: false });
    expect(text).toContain('+ chat · WebSocket API');
    expect(text).toContain('authorization: CUSTOM (connect-token)');
    expectGolden('plan/websocket-create.txt', text);
    expectGolden('plan/websocket-create.md', renderPlanMarkdown(plan));
  });

  it("changed: the demo's edit plans one integration change and a redeploy, in text and in the PR comment", async () => {
    const live = await before();
    const desired = await after();
    const plan = buildPlan({ desired, live: snapshot([live.apis.chat], { region: live.region }), now: FIXTURE_NOW });
    expect(plan.steps.map((s) => s.change.id)).toEqual(['chat/integration/sendmessage']);
    expectGolden('plan/websocket-change.txt', renderPlanText(plan, { color: false }));

    // Its cost does not move (same stages, same traffic), so the comment leaves the cost out, as the engine would.
    const cost = costDelta({
      desired,
      live: snapshot([live.apis.chat], { region: live.region }),
      usage: usageMap({ desired, live: { apis: { chat: {} } }, measured: new Map([['chat', MEASURED]]) }),
      prices: EMBEDDED_PRICES,
    });
    expect(shouldShowCost(cost, undefined)).toBe(false);
    const { body } = renderPlanComment({
      headSha: HEAD_SHA,
      plan,
      issues: [],
      cost: { show: false, markdown: renderCostMarkdown(cost), monthlyDeltaUsd: 0 },
      desired: desiredStateDigest(desired),
      approvals: [],
      requiredApprovals: 1,
    });
    expect(body).toContain('chat · WebSocket API');
    expectGolden('comment/websocket-comment.md', body);
  });

  it.each([
    // As it stands: a new API has no CloudWatch history and the example declares only the mean
    // connection duration, so the estimate says it assumes no traffic (Seoul's notes have no
    // WebSocket prices either; nothing is guessed).
    { name: 'websocket-example-seoul', region: undefined, declare: false },
    // A team launching it declares the traffic it expects; in us-east-1 every part is priced:
    // messages tiered, connection minutes = connections × the declared 12 min.
    { name: 'websocket-example', region: 'us-east-1', declare: true },
  ])('cost lines of creating it: $name', async ({ name, region, declare }) => {
    const desired = await chatOnly((dir) => {
      if (region) editYamlFile(dir, 'gateway.yaml', (doc) => doc.set('region', region));
      if (declare)
        editYamlFile(dir, 'apis/chat/api.yaml', (doc) => {
          doc.setIn(['usage', 'monthlyMessages'], 50_000_000);
          doc.setIn(['usage', 'monthlyConnections'], 200_000);
        });
    });
    const report = costDelta({
      desired,
      live: snapshot([], { region: desired.region }),
      usage: usageMap({ desired, live: { apis: {} } }),
      prices: EMBEDDED_PRICES,
    });
    expect(report.apis.find((l) => l.apiKey === 'chat')!.after?.connections?.avgMinutes).toBe(12);
    expectGolden(`cost/${name}.md`, renderCostMarkdown(report));
    expectGolden(`cost/${name}.txt`, renderCostText(report));
  });
});
