/**
 * What the App's hosts (the container's server, the Lambda handler) share: JSON log lines
 * unless a person is watching a terminal, the Node.js support check, and `/healthz`.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { checkNodeVersion } from '../node-support.js';

export const HEALTHZ_PATH = '/healthz';

/** Probot's LOG_FORMAT: `json` (one object per line, for log collectors) unless stdout is a terminal or the operator chose. */
export function prepareAppRuntime(
  env: NodeJS.ProcessEnv = process.env,
  stdout: { isTTY?: boolean } = process.stdout,
): void {
  if (env.LOG_FORMAT === undefined) env.LOG_FORMAT = stdout.isTTY ? 'pretty' : 'json';
  checkNodeVersion({
    version: process.versions.node,
    env,
    // The same JSON shape as probot's own lines (pino: level 40 = warn).
    warn: (line) =>
      process.stderr.write(
        env.LOG_FORMAT === 'json'
          ? `${JSON.stringify({ level: 40, time: Date.now(), name: 'apigw-sync', msg: line.trim() })}\n`
          : line,
      ),
  });
}

export function healthBody(): string {
  return JSON.stringify({ status: 'ok', uptimeSeconds: Math.round(process.uptime()) });
}

/** A probot server handler: answers GET /healthz, leaves every other request to the next handler. */
export function healthzHandler(req: IncomingMessage, res: ServerResponse): boolean {
  if (req.method !== 'GET' || (req.url ?? '').split('?')[0] !== HEALTHZ_PATH) return false;
  res.writeHead(200, { 'content-type': 'application/json', 'cache-control': 'no-store' }).end(healthBody());
  return true;
}
