/**
 * The App ready to run, compiled as shipped: the container's entry point (dist/app.js) as a
 * process — JSON log lines, GET /healthz, the HEALTHCHECK script, a signed webhook accepted
 * and a forged one refused — and the Lambda handler (dist/lambda.js) with API Gateway's
 * payloads 1.0 and 2.0. Docker itself is not needed: the Dockerfile runs exactly these files.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createHmac, generateKeyPairSync } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..', '..', '..');
const SECRET = 'webhook-secret-for-tests';
/** The key that seals the plan comment's data (app-env.ts wants 32+ characters). */
const SIGNING_KEY = 'signing-key-for-tests-0123456789abcdef';
const PRIVATE_KEY = generateKeyPairSync('rsa', { modulusLength: 2048 })
  .privateKey.export({ type: 'pkcs1', format: 'pem' })
  .toString();
const PING = JSON.stringify({
  zen: 'Keep it logically awesome.',
  hook_id: 1,
  hook: { type: 'App', id: 1, events: [] },
});
const sign = (body: string, secret = SECRET) => `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;
const appEnv = (port: number) => ({
  PATH: process.env.PATH,
  APP_ID: '12345',
  PRIVATE_KEY,
  WEBHOOK_SECRET: SECRET,
  APIGW_SYNC_SIGNING_KEY: SIGNING_KEY,
  PORT: String(port),
  HOST: '127.0.0.1',
  LOG_LEVEL: 'info' as const,
});

async function freePort(): Promise<number> {
  const srv = createServer();
  await new Promise<void>((r) => srv.listen(0, '127.0.0.1', r));
  const port = (srv.address() as { port: number }).port;
  await new Promise((r) => srv.close(r));
  return port;
}

interface Started {
  child: ChildProcess;
  port: number;
  lines: () => string[];
}

const children: ChildProcess[] = [];
afterAll(() => {
  for (const c of children) if (c.exitCode === null) c.kill('SIGKILL');
});

/** Starts `node dist/app.js` and waits for probot's "Listening" log line (another port if this one was taken meanwhile). */
async function startApp(): Promise<Started> {
  for (let attempt = 0; ; attempt++) {
    const port = await freePort();
    const child = spawn(process.execPath, [join(root, 'dist', 'app.js')], {
      env: appEnv(port),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    children.push(child);
    let out = '';
    let err = '';
    child.stdout!.on('data', (d) => (out += d));
    child.stderr!.on('data', (d) => (err += d));
    const listening = await new Promise<boolean>((resolve) => {
      child.stdout!.on('data', () => out.includes('Listening on') && resolve(true));
      child.on('exit', () => resolve(false));
    });
    if (listening) return { child, port, lines: () => out.split('\n').filter(Boolean) };
    if (!/EADDRINUSE/.test(out + err) || attempt >= 3) throw new Error(`dist/app.js did not start:\n${out}\n${err}`);
  }
}

describe('the container entry point (dist/app.js) as a process', () => {
  it('logs JSON lines, answers /healthz and the HEALTHCHECK script, accepts a signed webhook and refuses a forged one', async () => {
    const app = await startApp();
    const base = `http://127.0.0.1:${app.port}`;

    const health = await fetch(`${base}/healthz`);
    expect(health.status).toBe(200);
    expect(await health.json()).toMatchObject({ status: 'ok' });

    const check = spawn(process.execPath, [join(root, 'dist', 'healthcheck.js')], {
      env: { PATH: process.env.PATH, PORT: String(app.port) },
      stdio: 'ignore',
    });
    expect(await new Promise((r) => check.on('exit', r))).toBe(0);

    const headers = (signature: string) => ({
      'content-type': 'application/json',
      'x-github-event': 'ping',
      'x-github-delivery': 'd-1',
      'x-hub-signature-256': signature,
    });
    const ok = await fetch(`${base}/api/github/webhooks`, { method: 'POST', headers: headers(sign(PING)), body: PING });
    expect(ok.status).toBe(200);
    const forged = await fetch(`${base}/api/github/webhooks`, {
      method: 'POST',
      headers: headers(sign(PING, 'not-the-secret')),
      body: PING,
    });
    expect(forged.status).toBe(400);

    app.child.kill('SIGTERM');
    await new Promise((r) => (app.child.exitCode === null ? app.child.on('exit', r) : r(null)));
    // Structured logs: every line probot and the App wrote is one JSON object with a level and a message.
    const lines = app.lines();
    expect(lines.length).toBeGreaterThan(2);
    for (const line of lines)
      expect(JSON.parse(line)).toMatchObject({ level: expect.any(Number), msg: expect.any(String) });
    expect(
      lines.some((l) => JSON.parse(l).msg === 'GET /healthz 200' || /GET \/healthz 200/.test(JSON.parse(l).msg)),
    ).toBe(true);
  });

  it('once the server is gone, the HEALTHCHECK script exits 1', async () => {
    const port = await freePort();
    const check = spawn(process.execPath, [join(root, 'dist', 'healthcheck.js')], {
      env: { PATH: process.env.PATH, PORT: String(port) },
      stdio: 'ignore',
    });
    expect(await new Promise((r) => check.on('exit', r))).toBe(1);
  });

  it('the Dockerfile runs these files: its CMD and HEALTHCHECK name built entries, as the nonroot user', () => {
    const dockerfile = readFileSync(join(root, 'Dockerfile'), 'utf8');
    expect(dockerfile).toMatch(/^FROM gcr\.io\/distroless\/nodejs24-debian12:nonroot$/m);
    expect(dockerfile).toMatch(/^USER nonroot$/m);
    expect(dockerfile).toContain('CMD ["dist/app.js"]');
    expect(dockerfile).toContain('CMD ["/nodejs/bin/node", "dist/healthcheck.js"]');
    expect(dockerfile).toContain('RUN node scripts/build.mjs js');
  });
});

type LambdaModule = typeof import('../../../src/github/lambda.js');

describe('the Lambda handler (dist/lambda.js)', async () => {
  Object.assign(process.env, {
    APP_ID: '12345',
    PRIVATE_KEY,
    WEBHOOK_SECRET: SECRET,
    APIGW_SYNC_SIGNING_KEY: SIGNING_KEY,
    LOG_LEVEL: 'error',
  });
  const { handler } = (await import(pathToFileURL(join(root, 'dist', 'lambda.js')).href)) as LambdaModule;
  const v2 = (body: string, headers: Record<string, string>, method = 'POST', path = '/api/github/webhooks') => ({
    rawPath: path,
    requestContext: { http: { method, path } },
    headers,
    body: Buffer.from(body).toString('base64'),
    isBase64Encoded: true,
  });
  const ghHeaders = (signature: string) => ({
    'X-GitHub-Event': 'ping',
    'X-GitHub-Delivery': 'd-2',
    'X-Hub-Signature-256': signature,
    'Content-Type': 'application/json',
  });

  it.each([
    { name: 'GET /healthz (payload 2.0)', event: v2('', {}, 'GET', '/healthz'), status: 200 },
    {
      name: 'a signed ping, base64 body (HTTP API / function URL, payload 2.0)',
      event: v2(PING, ghHeaders(sign(PING))),
      status: 200,
    },
    {
      name: 'a signed ping (REST API proxy, payload 1.0)',
      event: {
        httpMethod: 'POST',
        path: '/webhooks',
        headers: ghHeaders(sign(PING)),
        body: PING,
        isBase64Encoded: false,
      },
      status: 200,
    },
    { name: 'a forged signature', event: v2(PING, ghHeaders(sign(PING, 'wrong'))), status: 400 },
    { name: 'not a GitHub delivery', event: v2(PING, { 'content-type': 'application/json' }), status: 400 },
    { name: 'GET on the webhook path', event: v2('', {}, 'GET'), status: 405 },
  ])('$name → $status', async ({ event, status }) => {
    const r = await handler(event);
    expect(r.statusCode).toBe(status);
    expect(() => JSON.parse(r.body)).not.toThrow();
  });
});
