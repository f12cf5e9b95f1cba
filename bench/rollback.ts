/**
 * Canary rollback latency: from the guarding alarm being in ALARM while the canary is live
 * (the later of its StateUpdatedTimestamp in CloudWatch and the canary's CreateDeployment) to the canary removed from the stage (the UpdateStage call in the endpoint's
 * call log). Target: ≤ pollSeconds + 2 s. Runs RUNS rollouts whose canary backend starts
 * failing once the canary is live. Prints JSON.
 *
 *   npx tsx bench/rollback.ts
 */
import { DescribeAlarmsCommand } from '@aws-sdk/client-cloudwatch';
import { join } from 'node:path';
import { AwsCaller } from '../src/aws/apply/call.js';
import { findApi } from '../src/aws/apply/find-api.js';
import { createAwsClients } from '../src/aws/clients.js';
import { RateLimiter } from '../src/aws/rate-limit.js';
import { putCanaryAlarm } from '../src/aws/rollout/index.js';
import { rolloutDeployerFor } from '../src/engine/rollout-deployer.js';
import { copyStateDir, editYamlFile } from '../src/demo/edit-state.js';
import { setBackendHealth, startTrafficPump } from '../src/demo/traffic-pump.js';
import { startEmulator } from '../src/emulator/index.js';
import { runApply } from '../src/engine/index.js';
import { systemClock } from '../src/rollout/port.js';

const RUNS = 3;
const POLL_SECONDS = 1;
const SCALE = 10;

const emu = await startEmulator({ port: 0, quotas: true, quotaScale: SCALE });
const clients = createAwsClients({
  region: 'ap-northeast-2',
  endpoint: emu.url,
  credentials: { accessKeyId: 'b', secretAccessKey: 'b' },
  limiter: new RateLimiter({ scale: SCALE }),
});
const dir = copyStateDir(join(import.meta.dirname, '..', 'gateway-state'));
editYamlFile(dir, 'apis/shop/api.yaml', (doc) => {
  for (const [k, v] of Object.entries({
    steps: [10, 50, 100],
    bakeSeconds: 30,
    pollSeconds: POLL_SECONDS,
    minRequests: 0,
    timeoutSeconds: 120,
  })) {
    doc.setIn(['rollout', k], v);
  }
});
await runApply({ dir, clients, yes: true });
const [shop] = await findApi(clients, new AwsCaller(), 'shop-api');
const pump = startTrafficPump({
  endpoint: emu.url,
  apiId: shop.apiId,
  stage: 'prod',
  requestsPerBatch: 100,
  everyMs: 100,
});

const latenciesMs: number[] = [];
for (let run = 0; run < RUNS; run++) {
  // A fresh alarm per run: the previous run's errors are still inside a 1-minute window.
  const alarmName = `bench-5xx-${run}`;
  await putCanaryAlarm(clients.cloudwatch, {
    name: alarmName,
    kind: 'RestApi',
    apiId: shop.apiId,
    apiName: 'shop-api',
    stage: 'prod',
    alarm: {
      name: '5xx',
      metric: '5XXError',
      statistic: 'Sum',
      threshold: 5,
      periodSeconds: 60,
      evaluationPeriods: 1,
      comparison: 'GreaterThanThreshold',
    },
  });
  // Wait for the new alarm to see the (healthy) data of the current minute.
  await new Promise((r) => setTimeout(r, 1_500));
  editYamlFile(dir, 'apis/shop/api.yaml', (doc) => {
    doc.setIn(['rollout', 'alarms'], [alarmName]);
    doc.setIn(['openapi', 0, 'integration', 'timeoutInMillis'], 9000 - run * 100);
  });
  const since = emu.control.calls().at(-1)?.seq ?? 0;
  await runApply({
    dir,
    clients,
    yes: true,
    deployerFor: rolloutDeployerFor({
      aws: () => clients,
      clock: systemClock,
      onEvent: (e) => {
        if (e.type === 'rollout.started')
          void setBackendHealth(emu.url, { deploymentId: e.deploymentId, errorRate: 1 });
      },
    }),
  });
  const alarm = (await clients.cloudwatch.send(new DescribeAlarmsCommand({ AlarmNames: [alarmName] })))
    .MetricAlarms![0];
  const removed = emu.control
    .calls({ since, operation: 'UpdateStage' })
    .find((c) => JSON.stringify(c.params).includes('/canarySettings') && JSON.stringify(c.params).includes('remove'));
  const canaryLive = emu.control.calls({ since, operation: 'CreateDeployment' }).at(-1);
  if (alarm.StateValue !== 'ALARM' || !removed || !canaryLive)
    throw new Error(`run ${run}: no alarm-driven rollback (alarm ${alarm.StateValue})`);
  // Consecutive canaries share the canary metric series, so an alarm may already be in ALARM
  // from the previous run's errors when this canary goes live: count from the later of the two.
  const alarmWhileLive = Math.max(alarm.StateUpdatedTimestamp!.getTime(), Date.parse(canaryLive.time));
  latenciesMs.push(Date.parse(removed.time) - alarmWhileLive);
}
await pump.stop();
await emu.stop();

const maxMs = Math.max(...latenciesMs);
console.log(
  JSON.stringify({
    scenario: 'canary rollback latency',
    runs: RUNS,
    pollSeconds: POLL_SECONDS,
    latenciesMs,
    maxMs,
    targetMs: (POLL_SECONDS + 2) * 1000,
    met: maxMs <= (POLL_SECONDS + 2) * 1000,
    peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024),
  }),
);
