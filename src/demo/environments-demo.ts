/**
 * The demo's environments part (issue 17): the example's `dev` and `prod` environments —
 * two accounts (the local endpoint keeps accounts apart by access key id) in two regions —
 * created from one base; a healthy change promoted dev → prod (canary in each, prod after a
 * soak and an approval); a bad change rolled back in dev that never reaches prod.
 */
import { createAwsClients, type AwsClients } from '../aws/clients.js';
import { RateLimiter } from '../aws/rate-limit.js';
import { AwsCaller } from '../aws/apply/call.js';
import { findApi } from '../aws/apply/find-api.js';
import { runApply, runDrift, runPlan, type ApplyResult } from '../engine/index.js';
import { runPromotion, type PromotionResult, type PromotionTarget } from '../engine/promote.js';
import { rolloutDeployerFor } from '../engine/rollout-deployer.js';
import type { EnvironmentTarget } from '../model/environment.js';
import { RolloutProgress } from '../render/rollout-text.js';
import { systemClock } from '../rollout/port.js';
import { declaredEnvironments, promotionOrder, readStateDir } from '../state/index.js';
import { editYamlFile } from './edit-state.js';
import { createExampleAlarms } from './example-alarms.js';
import { setBackendHealth, startTrafficPump, type TrafficPump } from './traffic-pump.js';

export interface EnvironmentsDemoContext {
  endpoint: string;
  /** The demo's private copy of gateway-state (already created and edited by the earlier parts). */
  dir: string;
  quotaScale: number;
  out: (line: string) => void;
  section: (title: string, why: string) => void;
  dim: (s: string) => string;
  /** Runs one scenario and records its row in the summary. */
  timed: (scenario: string, fn: () => Promise<{ outcome: string }>) => Promise<void>;
}

/** The outcomes the summary expects of this part, in order. */
export const ENVIRONMENT_OUTCOMES = ['promoted', 'promoted', 'stopped in dev', 'clean'];

export async function runEnvironmentsDemo(c: EnvironmentsDemoContext): Promise<void> {
  const pumps: TrafficPump[] = [];
  const limiter = new RateLimiter({ scale: c.quotaScale });
  const made = new Map<string, AwsClients>();
  // The local endpoint's accounts: a 12-digit access key id is that account.
  const clientsFor = (region: string, target?: EnvironmentTarget): AwsClients => {
    const account = target?.account.id ?? '000000000000';
    const key = `${account}/${region}`;
    if (!made.has(key))
      made.set(
        key,
        createAwsClients({
          region,
          endpoint: c.endpoint,
          credentials: { accessKeyId: account, secretAccessKey: 'demo' },
          limiter,
        }),
      );
    return made.get(key)!;
  };
  // Seconds instead of minutes: dev's own canary policy, and prod's soak after dev.
  editYamlFile(c.dir, 'environments/dev.yaml', (doc) => {
    for (const [k, v] of Object.entries({
      steps: [50, 100],
      bakeSeconds: 3,
      pollSeconds: 1,
      minRequests: 0,
      timeoutSeconds: 40,
    }))
      doc.setIn(['apis', 'shop', 'rollout', k], v);
  });
  // prod's canary is the base's (already shortened above).
  editYamlFile(c.dir, 'environments/prod.yaml', (doc) => doc.setIn(['promotion', 'soakSeconds'], 2));
  const declared = declaredEnvironments(await readStateDir(c.dir));
  const order = promotionOrder(declared);
  const targets: PromotionTarget[] = order.flatMap((name) =>
    declared.byName[name].regions.map((region) => ({
      environment: name,
      region,
      label: name,
      gate: declared.byName[name].gate,
    })),
  );
  const where = (t: PromotionTarget) => `${t.region}, account ${declared.byName[t.environment].account.id}`;

  try {
    c.section(
      'Environments: dev and prod from one base',
      `gateway.yaml says promotion: [${order.join(', ')}]. ${targets.map((t) => `${t.label} lives in ${where(t)}`).join('; ')}. dev overrides throttling, the orders backend, the user pool and a faster canary; prod is the base as written, entered only after a soak and an approval.`,
    );
    await c.timed('create dev and prod', async () => {
      for (const t of targets) {
        const p = await runPlan({ dir: c.dir, clients: clientsFor, environment: t.environment, region: t.region });
        if (p.status === 'ok') c.out(`${t.label.padEnd(5)} ${summaryLine(p.renderings.text)}`);
      }
      const r = await runPromotion({
        targets,
        apply: (t) =>
          runApply({ dir: c.dir, clients: clientsFor, environment: t.environment, region: t.region, yes: true }),
        sleep: noWait,
        approve: autoApprove(c),
      });
      return { outcome: outcome(r) };
    });
    for (const t of targets) {
      const clients = clientsFor(t.region!, {
        environment: t.environment,
        region: t.region!,
        account: declared.byName[t.environment].account,
      });
      const [shop] = await findApi(clients, new AwsCaller(), 'shop-api');
      await createExampleAlarms(clients, { shopId: shop.apiId });
      pumps.push(
        startTrafficPump({
          endpoint: c.endpoint,
          apiId: shop.apiId,
          stage: 'prod',
          requestsPerBatch: 100,
          everyMs: 250,
        }),
      );
    }
    c.out(
      c.dim('Each environment has its own alarms (shop-api-5xx in its own account) and its own simulated clients.'),
    );

    c.section(
      'One change, promoted dev → prod',
      'The users service integration gets an 8 s timeout, in the base: both environments change. dev rolls it out as a canary first; prod starts only when dev promoted, after its soak time and an approval (in GitHub: a required reviewer of the prod environment).',
    );
    editYamlFile(c.dir, 'apis/shop/api.yaml', (doc) =>
      doc.setIn(['openapi', 0, 'integration', 'timeoutInMillis'], 8000),
    );
    await c.timed('promote dev → prod', async () => ({ outcome: outcome(await promote()) }));

    c.section(
      'A bad change stops in dev',
      "The users service moves to a backend that answers 5xx to 60% of requests. dev's canary fires its alarm and is rolled back; the promotion stops there, and prod is never touched.",
    );
    await setBackendHealth(c.endpoint, { uri: 'https://users-v2.internal.example.com', errorRate: 0.6 });
    editYamlFile(c.dir, 'apis/shop/api.yaml', (doc) =>
      doc.setIn(['openapi', 0, 'integration', 'baseUri'], 'https://users-v2.internal.example.com'),
    );
    await c.timed('bad change (dev → prod)', async () => {
      const r = await promote();
      const prod = targets.at(-1)!;
      const untouched = await runPlan({
        dir: c.dir,
        clients: clientsFor,
        environment: prod.environment,
        region: prod.region,
      });
      if (untouched.status === 'ok')
        c.out(
          `${prod.label}: still serves the previous backend (its plan still shows the change: ${untouched.plan.summary.change} to change)`,
        );
      return {
        outcome:
          r.status === 'stopped' && r.stoppedAt === targets[0].label && r.steps[0].status === 'rolled-back'
            ? `stopped in ${targets[0].label}`
            : outcome(r),
      };
    });

    c.section(
      'Git catches up, in every environment',
      'The revert pull request puts the base back; each environment checks its own drift.',
    );
    editYamlFile(c.dir, 'apis/shop/api.yaml', (doc) =>
      doc.setIn(['openapi', 0, 'integration', 'baseUri'], 'https://users.internal.example.com'),
    );
    await c.timed('drift check, every environment', async () => {
      let clean = true;
      for (const t of targets) {
        const d = await runDrift({ dir: c.dir, clients: clientsFor, environment: t.environment, region: t.region });
        const ok = d.status === 'ok' && d.exitCode === 0;
        clean &&= ok;
        c.out(ok ? `✓ ${t.label}: no drift` : `✗ ${t.label}: drift remains`);
      }
      return { outcome: clean ? 'clean' : 'DRIFT' };
    });
  } finally {
    await Promise.all(pumps.map((p) => p.stop()));
  }

  async function promote(): Promise<PromotionResult> {
    const r = await runPromotion({
      targets,
      apply: (t) => applyWithRollout(t),
      sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
      approve: autoApprove(c),
      onEvent: (e) => {
        if (e.type === 'promotion.start') c.out(`── ${e.target} (${where(targets[e.index])})`);
        if (e.type === 'promotion.soak') c.out(`… ${e.target}: soaking ${e.seconds} s after ${e.after} promoted`);
        if (e.type === 'promotion.stopped')
          c.out(`✗ promotion stopped at ${e.at} (${e.status}); not started: ${e.skipped.join(', ') || 'none'}`);
      },
    });
    return r;
  }

  async function applyWithRollout(t: PromotionTarget): Promise<ApplyResult> {
    const progress = new RolloutProgress();
    const target = { environment: t.environment, region: t.region!, account: declared.byName[t.environment].account };
    const result = await runApply({
      dir: c.dir,
      clients: clientsFor,
      environment: t.environment,
      region: t.region,
      yes: true,
      deployerFor: rolloutDeployerFor({
        aws: () => clientsFor(t.region!, target),
        clock: systemClock,
        onEvent: (e) => progress.lines(e).forEach((l) => c.out(`  ${l}`)),
      }),
    });
    for (const f of result.failures) c.out(`  ${f.message.split('\n')[0]}`);
    return result;
  }
}

const noWait = async () => {};

function autoApprove(c: EnvironmentsDemoContext) {
  return async (t: PromotionTarget, after: string) => {
    c.out(`? ${t.label} needs an approval after ${after}: approved (the demo answers for the reviewer)`);
    return true;
  };
}

function outcome(r: PromotionResult): string {
  return r.status === 'promoted' ? 'promoted' : `stopped at ${r.stoppedAt}`;
}

function summaryLine(planText: string): string {
  return (
    planText
      .trimEnd()
      .split('\n')
      .filter((l) => /^Plan:|^No changes/.test(l.trim()))
      .join(' ') || planText.trimEnd()
  );
}
