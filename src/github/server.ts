/**
 * `npm run app` (dist/app.js, the container's entry): the App as a probot server. Required:
 * APP_ID, PRIVATE_KEY or PRIVATE_KEY_PATH, WEBHOOK_SECRET (probot's variables) and
 * APIGW_SYNC_SIGNING_KEY (seals the plan comment's data); it refuses to start without them
 * (app-env.ts). Optional: PORT, HOST, WEBHOOK_PROXY_URL. AWS access (in-process executor)
 * comes from the environment (role, region, or AWS_ENDPOINT_URL for the emulator); a
 * repository whose .github/apigw-sync.yml names `roleArn` is served as that role. GET /healthz
 * answers 200 once the server listens; logs are JSON lines unless stdout is a terminal
 * (runtime.ts). Every replica also runs the rollout sweeper (rollout-sweeper.ts:
 * APIGW_SYNC_SWEEP_*), on start and every few minutes.
 */
import { run } from 'probot';
import { checkAppEnvironment } from './app-env.js';
import { createApp } from './app.js';
import { hmacSealer } from './comment-seal.js';
import { clientsForRepo, createEngineServices } from './engine-services.js';
import { sweeperFromEnv } from './rollout-sweeper.js';
import { ownerIdFor } from '../engine/owner.js';
import { healthzHandler, prepareAppRuntime } from './runtime.js';

prepareAppRuntime();
let signingKey: string;
try {
  const env = checkAppEnvironment(process.env);
  for (const w of env.warnings) console.warn(`apigw-sync: WARNING: ${w}`);
  signingKey = env.signingKey;
} catch (e) {
  console.error(`apigw-sync: ${(e as { describe?: () => string }).describe?.() ?? String(e)}`);
  process.exit(1);
}

const app = createApp({
  services: (config, repo) =>
    createEngineServices({
      clients: clientsForRepo({ config, repo }),
      region: config.region,
      ownerId: ownerIdFor(`${repo.owner}/${repo.repo}`, config.path),
    }),
  sealer: hmacSealer(signingKey),
});
await run((probot, options) => {
  options.addHandler?.(healthzHandler);
  sweeperFromEnv(process.env, { info: (m) => probot.log.info(m), warn: (m) => probot.log.warn(m) });
  return app(probot);
});
