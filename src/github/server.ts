/**
 * `npm run app` (dist/app.js, the container's entry): the App as a probot server (APP_ID,
 * PRIVATE_KEY or PRIVATE_KEY_PATH, WEBHOOK_SECRET, optionally PORT / HOST /
 * WEBHOOK_PROXY_URL — probot's usual variables). AWS access comes from the environment
 * (role, region, or AWS_ENDPOINT_URL for the emulator); a repository whose
 * .github/apigw-sync.yml names `roleArn` is served as that role. GET /healthz answers 200
 * once the server listens; logs are JSON lines unless stdout is a terminal (runtime.ts).
 */
import { run } from 'probot';
import { createApp } from './app.js';
import { clientsForRepo, createEngineServices } from './engine-services.js';
import { healthzHandler, prepareAppRuntime } from './runtime.js';

prepareAppRuntime();
const app = createApp({
  services: (config, repo) =>
    createEngineServices({ clients: clientsForRepo({ config, repo }), region: config.region }),
});
await run((probot, options) => {
  options.addHandler?.(healthzHandler);
  return app(probot);
});
