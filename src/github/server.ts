/**
 * `npm run app`: the App as a probot server (APP_ID, PRIVATE_KEY or PRIVATE_KEY_PATH,
 * WEBHOOK_SECRET, optionally PORT / WEBHOOK_PROXY_URL — probot's usual variables). AWS
 * access comes from the environment (role, region, or AWS_ENDPOINT_URL for the emulator).
 */
import { run } from 'probot';
import { createApp } from './app.js';
import { clientsFromEnvironment, createEngineServices } from './engine-services.js';

await run(createApp({ services: (config) => createEngineServices({ clients: clientsFromEnvironment(), region: config.region }) }));
