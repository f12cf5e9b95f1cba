/**
 * `apigw-sync demo` (what `npm start` runs): the whole life of a change against the local
 * AWS endpoint, in under a minute, explaining itself as it goes.
 *
 *   1. start the local AWS endpoint in-process (quotas on, refilled 10× faster)
 *   2. create the example APIs from gateway-state/ (plan, then apply)
 *   3. a healthy change: plan, then a canary that steps up while the alarms stay OK → promoted
 *   4. a WebSocket change: no traffic split exists, so deploy to the whole stage and bake → kept
 *   5. a bad change: the new backend answers 5xx → the alarm fires → automatic rollback
 *   6. Git is reverted (as the revert pull request would) → drift check is clean
 */
import { createAwsClients } from '../aws/clients.js';
import { RateLimiter } from '../aws/rate-limit.js';
import { AwsCaller } from '../aws/apply/call.js';
import { findApi } from '../aws/apply/find-api.js';
import { rolloutDeployerFor } from '../engine/rollout-deployer.js';
import { startEmulator } from '../emulator/index.js';
import { runApply, runDrift, runPlan, type ApplyResult } from '../engine/index.js';
import { renderDriftAs } from '../engine/render.js';
import { RolloutProgress } from '../render/rollout-text.js';
import type { RolloutEvent } from '../rollout/events.js';
import { systemClock } from '../rollout/port.js';
import { copyStateDir, editYamlFile } from './edit-state.js';
import { ENVIRONMENT_OUTCOMES, runEnvironmentsDemo } from './environments-demo.js';
import { createExampleAlarms } from './example-alarms.js';
import { setBackendHealth, startTrafficPump, type TrafficPump } from './traffic-pump.js';

const QUOTA_SCALE = 10;

export interface DemoOptions {
  stateDir: string;
  out: (line: string) => void;
  color: boolean;
}

interface ScenarioRow {
  scenario: string;
  outcome: string;
  seconds: number;
  writes: number;
}

export async function runDemo(o: DemoOptions): Promise<number> {
  const bold = (s: string) => (o.color ? `\x1b[1m${s}\x1b[0m` : s);
  const dim = (s: string) => (o.color ? `\x1b[2m${s}\x1b[0m` : s);
  const section = (n: number, title: string, why: string) => {
    o.out('');
    o.out(bold(`── ${n}. ${title}`));
    o.out(dim(why));
  };
  const rows: ScenarioRow[] = [];
  const pumps: TrafficPump[] = [];
  const emu = await startEmulator({ port: 0, quotas: true, quotaScale: QUOTA_SCALE });
  try {
    section(1, 'Local AWS endpoint', `API Gateway v1 + v2, CloudWatch and AWS WAF on ${emu.url}, with AWS's control-plane quotas on (refilled ${QUOTA_SCALE}× faster so the demo is quick). It starts with the web ACL the example names. No AWS account, no network.`);
    const clients = createAwsClients({
      region: 'ap-northeast-2',
      endpoint: emu.url,
      credentials: { accessKeyId: 'demo', secretAccessKey: 'demo' },
      limiter: new RateLimiter({ scale: QUOTA_SCALE }),
    });
    const dir = copyStateDir(o.stateDir);
    // Minutes of baking are right for production and wrong for a demo. minRequests is off:
    // canary requests count only from the first whole CloudWatch minute of each step, which a
    // 3-second step never reaches.
    for (const api of ['shop', 'events', 'chat']) {
      editYamlFile(dir, `apis/${api}/api.yaml`, (doc) => {
        for (const [k, v] of Object.entries({ steps: [10, 50, 100], bakeSeconds: 3, pollSeconds: 1, minRequests: 0, timeoutSeconds: 40 })) {
          if (api !== 'shop' && k === 'steps') continue;
          doc.setIn(['rollout', k], v);
        }
      });
    }
    o.out(dim(`Working on a copy of ${o.stateDir} in ${dir} (bake times shortened to 3 s; minRequests off, since canary requests count in whole CloudWatch minutes).`));

    section(
      2,
      'Create the example APIs',
      'gateway-state/ declares a REST API (shop: two service OpenAPI files, Cognito authorizer, cache, per-method settings, an AWS WAF web ACL, canary policy), an HTTP API (events: JWT authorizer, route settings) and a WebSocket API (chat: $connect behind a REQUEST Lambda authorizer, $disconnect, a two-way $default, sendmessage). Nothing exists yet, so the plan creates everything; here is the WebSocket part of it.',
    );
    const first = await runPlan({ dir, clients });
    if (first.status !== 'ok') {
      o.out(first.issuesText);
      return 1;
    }
    o.out(apiBlock(first.renderings.text, 'chat'));
    o.out(summaryLine(first.renderings.text));
    rows.push(await timed('create the three APIs', async () => report(await runApply({ dir, clients, yes: true }), undefined)));

    const [shop] = await findApi(clients, new AwsCaller(), 'shop-api');
    const shopId = shop.apiId;
    await createExampleAlarms(clients, { shopId });
    o.out(dim('Created the CloudWatch alarms the rollout policy names (shop-api-5xx: more than 5 errors a minute on the canary; shop-api-p99-latency).'));
    pumps.push(startTrafficPump({ endpoint: emu.url, apiId: shopId, stage: 'prod', requestsPerBatch: 100, everyMs: 250 }));
    o.out(dim('Simulated clients now send ~400 requests/s to shop-api/prod; the canary gets its share.'));

    section(3, 'A healthy change, rolled out as a canary', 'The users service integration gets a 9 s timeout. Resource changes reach clients only through a new deployment, so it goes out as a canary: 10% → 50% → 100%, each step baked while the alarms stay OK.');
    editYamlFile(dir, 'apis/shop/api.yaml', (doc) => doc.setIn(['openapi', 0, 'integration', 'timeoutInMillis'], 9000));
    await showPlan(dir);
    rows.push(await timed('healthy change (canary)', async () => report(...(await applyWithRollout(dir)))));

    section(
      4,
      'A WebSocket change, deployed and baked',
      "chat's sendmessage integration gets a 9 s timeout. A WebSocket stage cannot split traffic (or connections) between deployments, so there is no canary: the new deployment takes the whole stage, and the managed IntegrationError alarm is watched for the bake time; had it fired, the stage would go back to the previous deployment.",
    );
    const [chat] = await findApi(clients, new AwsCaller(), 'chat-api');
    pumps.push(startTrafficPump({ endpoint: emu.url, apiId: chat.apiId, stage: 'live', requestsPerBatch: 40, connectionsPerBatch: 4, everyMs: 250 }));
    o.out(dim('Simulated chat clients now connect (~16/s) and send ~160 messages/s to chat-api/live.'));
    editYamlFile(dir, 'apis/chat/routes.yaml', (doc) => doc.setIn(['routes', 'sendmessage', 'integration', 'timeoutInMillis'], 9000));
    await showPlan(dir);
    rows.push(await timed('WebSocket change (deploy and bake)', async () => report(...(await applyWithRollout(dir)))));

    section(5, 'A bad change, rolled back automatically', 'The users service moves to a new backend that answers 5xx to 60% of requests. The canary takes 10% of traffic, its 5XXError alarm fires, and apigw-sync removes the canary and restores the API to what the stable deployment serves.');
    await setBackendHealth(emu.url, { uri: 'https://users-v2.internal.example.com', errorRate: 0.6 });
    editYamlFile(dir, 'apis/shop/api.yaml', (doc) => doc.setIn(['openapi', 0, 'integration', 'baseUri'], 'https://users-v2.internal.example.com'));
    await showPlan(dir);
    rows.push(await timed('bad change (canary)', async () => report(...(await applyWithRollout(dir)))));

    section(6, 'Git catches up', 'After a rollback the GitHub App opens a revert pull request so Git matches production again. Here we revert the file and check for drift: nothing differs.');
    editYamlFile(dir, 'apis/shop/api.yaml', (doc) => doc.setIn(['openapi', 0, 'integration', 'baseUri'], 'https://users.internal.example.com'));
    const drift = await runDrift({ dir, clients });
    const clean = drift.status === 'ok' && drift.exitCode === 0;
    o.out(clean ? '✓ no drift: AWS matches gateway-state' : `✗ drift remains:\n${drift.status === 'ok' ? renderDriftAs(drift.report, 'text', { color: false }) : drift.issuesText}`);
    rows.push({ scenario: 'drift check after revert', outcome: clean ? 'clean' : 'DRIFT', seconds: 0, writes: 0 });

    let part = 6; // after the base demo's six parts
    await runEnvironmentsDemo({
      endpoint: emu.url,
      dir,
      quotaScale: QUOTA_SCALE,
      out: o.out,
      dim,
      section: (title, why) => section(++part, title, why),
      timed: async (scenario, fn) => void rows.push(await timed(scenario, fn)),
    });

    o.out('');
    o.out(bold('── Summary'));
    o.out(table(rows));
    o.out(dim(`AWS calls sent to the local endpoint: ${clients.calls.total} (throttled and retried: ${clients.calls.throttled}).`));
    o.out('Next: `npx apigw-sync plan gateway-state` against your own account, or read README.md.');
    const expected = ['applied', 'promoted', 'promoted', 'rolled back', 'clean', ...ENVIRONMENT_OUTCOMES];
    return rows.every((r, i) => r.outcome === expected[i]) ? 0 : 1;

    async function showPlan(d: string): Promise<void> {
      const p = await runPlan({ dir: d, clients });
      if (p.status === 'ok') o.out(p.renderings.text.trimEnd());
    }

    /** Applies with the canary rollout; returns the result and how the rollout ended. */
    async function applyWithRollout(d: string): Promise<[ApplyResult, RolloutEvent['type'] | undefined]> {
      const progress = new RolloutProgress();
      let last: RolloutEvent['type'] | undefined;
      const result = await runApply({
        dir: d,
        clients,
        yes: true,
        deployerFor: rolloutDeployerFor({
          aws: () => clients,
          clock: systemClock,
          onEvent: (e: RolloutEvent) => {
            last = e.type;
            progress.lines(e).forEach((l) => o.out(l));
          },
        }),
      });
      return [result, last];
    }
  } finally {
    await Promise.all(pumps.map((p) => p.stop()));
    await emu.stop();
  }

  function report(r: ApplyResult, rollout: RolloutEvent['type'] | undefined): { outcome: string } {
    for (const f of r.failures) o.out(`  ${f.message.split('\n')[0]}`);
    const outcome =
      rollout === 'rollout.rolled-back' ? 'rolled back' : rollout === 'rollout.promoted' && r.status === 'applied' ? 'promoted' : r.status;
    return { outcome };
  }

  /** Runs a scenario; its writes are counted from the endpoint's call log (rollout calls included). */
  async function timed(scenario: string, fn: () => Promise<{ outcome: string }>): Promise<ScenarioRow> {
    const start = Date.now();
    const since = emu.control.calls().at(-1)?.seq ?? 0;
    const { outcome } = await fn();
    const writes = emu.control.calls({ write: true, since }).filter((c) => c.status < 400 && c.service !== 'control').length;
    return { scenario, outcome, seconds: Math.round((Date.now() - start) / 100) / 10, writes };
  }
}

function summaryLine(planText: string): string {
  return planText.trimEnd().split('\n').filter((l) => /^Plan:|^No changes/.test(l.trim())).join('\n') || planText.trimEnd();
}

/** One API's block of the plan text: from its header line (`+ chat · …`) to the next API's. */
function apiBlock(planText: string, key: string): string {
  const lines = planText.trimEnd().split('\n');
  const start = lines.findIndex((l) => new RegExp(`^[-+~±] ${key} · `).test(l));
  if (start < 0) return '';
  const end = lines.findIndex((l, i) => i > start && (/^[-+~±] \S+ · /.test(l) || /^Plan:/.test(l)));
  return lines.slice(start, end < 0 ? undefined : end).join('\n').trimEnd();
}

function table(rows: ScenarioRow[]): string {
  const head = ['scenario', 'outcome', 'seconds', 'AWS writes'];
  const body = rows.map((r) => [r.scenario, r.outcome, r.seconds.toFixed(1), String(r.writes)]);
  const widths = head.map((h, i) => Math.max(h.length, ...body.map((b) => b[i].length)));
  const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i])).join('  ');
  return [line(head), widths.map((w) => '─'.repeat(w)).join('  '), ...body.map(line)].join('\n');
}
