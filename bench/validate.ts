/**
 * `apigw-sync validate` of a 5,000-route gateway-state, as a user runs it: the compiled CLI
 * (bin/apigw-sync.js → dist/cli.js) in a fresh process each time, so wall time includes
 * start-up and peak RSS is the command's own (targets: < 2 s; ≤ 150 MB). Also the same
 * validation in this process (warm, no start-up) for the CPU cost of validation alone.
 *
 * The state is what a large organisation has: one RestApi built from 10 generated service
 * files (400 routes each, path parameters, $refs, security) plus an HttpApi with 1,000
 * inline routes.
 *
 *   npx tsx bench/validate.ts          # prints JSON
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { validateState } from '../src/validate/index.js';
import { buildCli, runMeasured } from './lib/run-cli.js';

const SERVICES = 10;
const RESOURCES_PER_SERVICE = 100; // × 4 operations = 400 routes per service file
const HTTP_ROUTES = 1000;

function serviceFile(s: number): string {
  const lines = ['openapi: 3.0.1', `info: { title: svc${s}, version: "1" }`, 'paths:'];
  for (let r = 0; r < RESOURCES_PER_SERVICE; r++) {
    lines.push(
      `  /res${r}:`,
      '    get:',
      `      operationId: list${s}_${r}`,
      '      parameters: [ { name: limit, in: query, schema: { type: integer } } ]',
      "      responses: { '200': { description: ok, content: { application/json: { schema: { $ref: '#/components/schemas/Item' } } } } }",
      '    post:',
      "      requestBody: { content: { application/json: { schema: { $ref: '#/components/schemas/Item' } } } }",
      "      responses: { '201': { description: created } }",
      `  /res${r}/{id}:`,
      "    parameters: [ { $ref: '#/components/parameters/Id' } ]",
      '    get:',
      "      responses: { '200': { description: ok } }",
      '    delete:',
      '      security: [ { iam: [] } ]',
      "      responses: { '204': { description: deleted } }",
    );
  }
  lines.push(
    'components:',
    '  parameters:',
    '    Id: { name: id, in: path, required: true, schema: { type: string } }',
    '  schemas:',
    '    Item: { type: object, properties: { id: { type: string }, name: { type: string } } }',
    '  securitySchemes:',
    '    iam: { type: apiKey, name: Authorization, in: header, x-amazon-apigateway-authtype: awsSigv4 }',
  );
  return `${lines.join('\n')}\n`;
}

function writeState(dir: string): number {
  mkdirSync(join(dir, 'apis', 'big'), { recursive: true });
  mkdirSync(join(dir, 'apis', 'events'), { recursive: true });
  writeFileSync(
    join(dir, 'gateway.yaml'),
    'region: ap-northeast-2\ndefaults:\n  rollout: { steps: [10, 50, 100], alarms: [big-5xx] }\n',
  );
  const entries = [];
  for (let s = 0; s < SERVICES; s++) {
    writeFileSync(join(dir, 'apis', 'big', `svc${s}.openapi.yaml`), serviceFile(s));
    entries.push(
      `  - file: svc${s}.openapi.yaml`,
      `    pathPrefix: /svc${s}`,
      `    integration: { type: http_proxy, baseUri: "https://svc${s}.internal.example.com" }`,
    );
  }
  writeFileSync(
    join(dir, 'apis', 'big', 'api.yaml'),
    [
      'kind: RestApi',
      'name: big',
      'openapi:',
      ...entries,
      'stages:',
      '  prod:',
      '    cache: { sizeGb: 0.5, ttlSeconds: 300 }',
      '',
    ].join('\n'),
  );
  const routes = ['kind: HttpApi', 'name: events', 'stages: { live: {} }', 'routes:'];
  for (let i = 0; i < HTTP_ROUTES; i++) {
    routes.push(
      `  GET /e${i}/{id}:`,
      `    integration: { type: http_proxy, uri: "https://events.example.com/e${i}/{id}" }`,
    );
  }
  writeFileSync(join(dir, 'apis', 'events', 'api.yaml'), `${routes.join('\n')}\n`);
  return SERVICES * RESOURCES_PER_SERVICE * 4 + HTTP_ROUTES;
}

const dir = mkdtempSync(join(tmpdir(), 'apigw-bench-validate-'));
try {
  const declared = writeState(dir);
  buildCli();
  const cli = [0, 1, 2].map(() => runMeasured(['validate', dir]));
  for (const r of cli)
    if (r.status !== 0 || !r.stdout.includes(': valid')) throw new Error(`validate failed: ${r.stderr || r.stdout}`);

  // In this process: validation alone, warm (no start-up, modules loaded).
  const cpuRuns: number[] = [];
  let routes = 0;
  for (let i = 0; i < 3; i++) {
    const c0 = process.cpuUsage();
    const r = await validateState(dir);
    const c = process.cpuUsage(c0);
    cpuRuns.push(Math.round((c.user + c.system) / 1000));
    routes = Object.values(r.model.apis).reduce((n, a) => n + Object.keys(a.routes).length, 0);
    if (!r.valid) throw new Error(`bench state is invalid: ${JSON.stringify(r.issues.slice(0, 3))}`);
  }
  console.log(
    JSON.stringify(
      {
        bench: 'validate',
        declaredRoutes: declared,
        routes,
        cliRunsMs: cli.map((r) => r.wallMs),
        cliPeakRssMb: Math.max(...cli.map((r) => r.peakRssMb)),
        inProcessWarmCpuMs: cpuRuns.slice(1),
        loadAverage1m: Number((await import('node:os')).loadavg()[0].toFixed(1)),
        targets: { ms: 2000, mb: 150 },
      },
      null,
      2,
    ),
  );
} finally {
  rmSync(dir, { recursive: true, force: true });
}
