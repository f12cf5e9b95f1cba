/**
 * `npm run app`: the App as a probot server (APP_ID, PRIVATE_KEY or PRIVATE_KEY_PATH,
 * WEBHOOK_SECRET, optionally PORT / WEBHOOK_PROXY_URL — probot's usual variables). AWS
 * access comes from the environment (role, region, or AWS_ENDPOINT_URL for the emulator);
 * a repository whose .github/apigw-sync.yml names `roleArn` is served as that role.
 * Every replica also runs the rollout sweeper (rollout-sweeper.ts: APIGW_SYNC_SWEEP_*).
 */
import { run } from 'probot';
import { createApp } from './app.js';
import { clientsForRepo, createEngineServices } from './engine-services.js';
import { sweeperFromEnv } from './rollout-sweeper.js';
import { ownerIdFor } from '../engine/owner.js';

const app = createApp({
  services: (config, repo) =>
    createEngineServices({ clients: clientsForRepo({ config, repo }), region: config.region, ownerId: ownerIdFor(`${repo.owner}/${repo.repo}`, config.path) }),
});

await run((probot) => {
  app(probot);
  sweeperFromEnv(process.env, { info: (m) => probot.log.info(m), warn: (m) => probot.log.warn(m) });
});
