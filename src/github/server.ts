/**
 * `npm run app`: the App as a probot server. Required: APP_ID, PRIVATE_KEY or
 * PRIVATE_KEY_PATH, WEBHOOK_SECRET (probot's variables) and APIGW_SYNC_SIGNING_KEY (seals the
 * plan comment's data); it refuses to start without them (app-env.ts). Optional: PORT,
 * WEBHOOK_PROXY_URL. AWS access (in-process executor) comes from the environment (role,
 * region, or AWS_ENDPOINT_URL for the emulator); a repository whose .github/apigw-sync.yml
 * names `roleArn` is served as that role.
 */
import { run } from 'probot';
import { checkAppEnvironment } from './app-env.js';
import { createApp } from './app.js';
import { hmacSealer } from './comment-seal.js';
import { clientsForRepo, createEngineServices } from './engine-services.js';

let signingKey: string;
try {
  const env = checkAppEnvironment(process.env);
  for (const w of env.warnings) console.warn(`apigw-sync: WARNING: ${w}`);
  signingKey = env.signingKey;
} catch (e) {
  console.error(`apigw-sync: ${(e as { describe?: () => string }).describe?.() ?? String(e)}`);
  process.exit(1);
}

await run(
  createApp({
    services: (config, repo) => createEngineServices({ clients: clientsForRepo({ config, repo }), region: config.region }),
    sealer: hmacSealer(signingKey),
  }),
);
