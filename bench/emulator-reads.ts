/**
 * 10,000 reads against the emulator with quotas off (target: under 5 s). Reads mix what
 * apigw-sync's reader does: GetRestApis, GetResources with embed=methods, GetStages,
 * GetRestApi. The emulator runs as `apigw-sync emulator` in its own process (as users run
 * it), so client and server do not share one event loop; `--in-process` uses startEmulator().
 *
 * `--client http` (default) sends the SDK's exact wire requests over keep-alive HTTP, so the
 * number measures the emulator; `--client sdk` goes through @aws-sdk/client-api-gateway and
 * adds the SDK's own per-call cost (signing, middleware, parsing). Either way every answer is
 * checked (status 200, JSON) and the emulator's call log must show exactly `reads` reads.
 * Prints JSON: {reads, ms, readsPerSecond, emulatorCpuMs, client, concurrency, inProcess, loadavg1m};
 * emulatorCpuMs (the emulator process's own CPU time) stays meaningful on a busy machine.
 *
 *   npx tsx bench/emulator-reads.ts [--reads 10000] [--concurrency 16] [--client http|sdk] [--in-process]
 */
import {
  APIGatewayClient,
  CreateDeploymentCommand,
  CreateResourceCommand,
  CreateRestApiCommand,
  GetResourcesCommand,
  GetRestApiCommand,
  GetRestApisCommand,
  GetStagesCommand,
  PutIntegrationCommand,
  PutMethodCommand,
} from '@aws-sdk/client-api-gateway';
import { NodeHttpHandler } from '@smithy/node-http-handler';
import { Agent, request } from 'node:http';
import { parseArgs } from 'node:util';
import { spawnEmulator } from './lib/spawn-emulator.js';
import { loadavg } from 'node:os';
import { startEmulator } from '../src/emulator/index.js';
import { EmulatorClient } from '../src/emulator/control/client.js';

const { values } = parseArgs({
  options: {
    reads: { type: 'string', default: '10000' },
    concurrency: { type: 'string', default: '16' },
    client: { type: 'string', default: 'http' },
    'in-process': { type: 'boolean', default: false },
  },
});
if (values.client !== 'http' && values.client !== 'sdk') throw new Error('--client must be http or sdk');
const reads = Number(values.reads);
const concurrency = Number(values.concurrency);

const emu = values['in-process']
  ? { ...(await startEmulator({ port: 0, quotas: false })), cpuMs: () => undefined }
  : await spawnEmulator();
const control = new EmulatorClient(emu.url);
const client = new APIGatewayClient({
  endpoint: emu.url,
  region: 'us-east-1',
  credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
  requestHandler: new NodeHttpHandler({ httpAgent: new Agent({ keepAlive: true, maxSockets: concurrency }) }),
});

// A realistic API to read: 20 resources with a method and an integration each, deployed to a stage.
const api = await client.send(new CreateRestApiCommand({ name: 'bench' }));
const restApiId = api.id!;
for (let i = 0; i < 20; i++) {
  const r = await client.send(
    new CreateResourceCommand({ restApiId, parentId: api.rootResourceId!, pathPart: `r${i}` }),
  );
  await client.send(
    new PutMethodCommand({ restApiId, resourceId: r.id!, httpMethod: 'GET', authorizationType: 'NONE' }),
  );
  await client.send(
    new PutIntegrationCommand({
      restApiId,
      resourceId: r.id!,
      httpMethod: 'GET',
      type: 'HTTP_PROXY',
      integrationHttpMethod: 'GET',
      uri: `https://b.example.com/r${i}`,
    }),
  );
}
await client.send(new CreateDeploymentCommand({ restApiId, stageName: 'prod' }));

const agent = new Agent({ keepAlive: true, maxSockets: concurrency });
/** One raw GET, as the SDK would send it; fails on anything but 200 + JSON. */
const get = (path: string) =>
  new Promise<void>((resolve, reject) => {
    const req = request(
      `${emu.url}${path}`,
      {
        agent,
        headers: { authorization: 'AWS4-HMAC-SHA256 Credential=test/20260101/us-east-1/apigateway/aws4_request' },
      },
      (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (d: string) => (body += d));
        res.on('end', () => {
          if (res.statusCode !== 200) return reject(new Error(`GET ${path}: HTTP ${res.statusCode} ${body}`));
          JSON.parse(body);
          resolve();
        });
      },
    );
    req.on('error', reject);
    req.end();
  });

const kinds: Array<() => Promise<unknown>> =
  values.client === 'sdk'
    ? [
        () => client.send(new GetRestApisCommand({ limit: 500 })),
        () => client.send(new GetResourcesCommand({ restApiId, limit: 500, embed: ['methods'] })),
        () => client.send(new GetStagesCommand({ restApiId })),
        () => client.send(new GetRestApiCommand({ restApiId })),
      ]
    : [
        () => get('/restapis?limit=500'),
        () => get(`/restapis/${restApiId}/resources?limit=500&embed=methods`),
        () => get(`/restapis/${restApiId}/stages`),
        () => get(`/restapis/${restApiId}`),
      ];

const before = await control.lastSeq();
const cpuBefore = emu.cpuMs();
let next = 0;
const started = performance.now();
await Promise.all(
  Array.from({ length: concurrency }, async () => {
    while (next < reads) {
      const i = next++;
      await kinds[i % kinds.length]();
    }
  }),
);
const ms = Math.round(performance.now() - started);
const cpuAfter = emu.cpuMs();
const emulatorCpuMs = cpuBefore !== undefined && cpuAfter !== undefined ? cpuAfter - cpuBefore : undefined;
const served = await control.calls({ since: before });
await emu.stop();

if (served.length !== reads || served.some((c) => c.write || c.status !== 200)) {
  throw new Error(
    `expected ${reads} successful reads, the call log shows ${served.length} (${served.filter((c) => c.status !== 200).length} failed)`,
  );
}
process.stdout.write(
  JSON.stringify({
    reads,
    ms,
    readsPerSecond: Math.round((reads / ms) * 1000),
    emulatorCpuMs,
    client: values.client,
    concurrency,
    inProcess: values['in-process'],
    loadavg1m: loadavg()[0],
  }) + '\n',
);
