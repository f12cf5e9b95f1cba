/**
 * The App on AWS Lambda (dist/lambda.js, `export handler`), behind a function URL or an
 * API Gateway HTTP API (payload 2.0) or REST API (proxy integration, payload 1.0).
 *
 * A thin handler of our own: @probot/adapter-aws-lambda-serverless 4.x depends on probot
 * 13 and would bring a second probot beside our probot 14. What it does is small: verify
 * the signature and hand the delivery to probot. Configuration is the server's: APP_ID,
 * PRIVATE_KEY, WEBHOOK_SECRET and APIGW_SYNC_SIGNING_KEY (from the function's environment or
 * a secrets extension); without them the invocation fails with the list of what is missing.
 */
import { createProbot, type Probot } from 'probot';
import { checkAppEnvironment } from './app-env.js';
import { createApp } from './app.js';
import { hmacSealer } from './comment-seal.js';
import { clientsForRepo, createEngineServices } from './engine-services.js';
import { HEALTHZ_PATH, healthBody, prepareAppRuntime } from './runtime.js';

export interface LambdaHttpEvent {
  headers?: Record<string, string | undefined> | null;
  body?: string | null;
  isBase64Encoded?: boolean;
  /** Payload 1.0 (REST API). */
  httpMethod?: string;
  path?: string;
  /** Payload 2.0 (HTTP API, function URL). */
  rawPath?: string;
  requestContext?: { http?: { method?: string; path?: string } };
}

export interface LambdaHttpResult {
  statusCode: number;
  headers: Record<string, string>;
  body: string;
}

export interface HandlerOptions {
  /** Default: a probot from the environment running the App. */
  probot?: () => Promise<Probot>;
}

/** Made on the first invocation and kept while the execution environment lives. */
let shared: Promise<Probot> | undefined;

async function probotFromEnv(): Promise<Probot> {
  prepareAppRuntime();
  // The same checks as the server: no webhook secret or signing key, no App (app-env.ts).
  const env = checkAppEnvironment(process.env);
  for (const w of env.warnings) console.warn(`apigw-sync: WARNING: ${w}`);
  const probot = createProbot();
  await probot.load(
    createApp({
      services: (config, repo) =>
        createEngineServices({ clients: clientsForRepo({ config, repo }), region: config.region }),
      sealer: hmacSealer(env.signingKey),
    }),
  );
  return probot;
}

export function createHandler(o: HandlerOptions = {}) {
  const load = o.probot ?? (() => (shared ??= probotFromEnv()));
  return async (event: LambdaHttpEvent): Promise<LambdaHttpResult> => {
    const method = (event.requestContext?.http?.method ?? event.httpMethod ?? 'POST').toUpperCase();
    const path = event.rawPath ?? event.requestContext?.http?.path ?? event.path ?? '/';
    if (method === 'GET' && path.endsWith(HEALTHZ_PATH)) return json(200, healthBody());
    if (method !== 'POST') return json(405, JSON.stringify({ error: 'POST GitHub webhooks here' }));
    const headers = Object.fromEntries(Object.entries(event.headers ?? {}).map(([k, v]) => [k.toLowerCase(), v ?? '']));
    const payload = event.isBase64Encoded
      ? Buffer.from(event.body ?? '', 'base64').toString('utf8')
      : (event.body ?? '');
    const id = headers['x-github-delivery'];
    const name = headers['x-github-event'];
    const signature = headers['x-hub-signature-256'];
    if (!id || !name || !signature)
      return json(
        400,
        JSON.stringify({
          error: 'not a GitHub webhook: x-github-delivery, x-github-event and x-hub-signature-256 are required',
        }),
      );
    const probot = await load();
    try {
      await probot.webhooks.verifyAndReceive({ id, name: name as never, signature, payload });
      return json(200, JSON.stringify({ ok: true }));
    } catch (e) {
      // A bad signature is the sender's fault (400); a failing handler is ours (500), already logged by probot.
      const status = (e as { status?: number }).status;
      const bad = /signature/i.test(String((e as Error)?.message)) || status === 400;
      return json(
        bad ? 400 : 500,
        JSON.stringify({
          error: bad ? 'signature does not match' : 'the App failed to handle this delivery; see its logs',
        }),
      );
    }
  };
}

export const handler = createHandler();

function json(statusCode: number, body: string): LambdaHttpResult {
  return { statusCode, headers: { 'content-type': 'application/json' }, body };
}
