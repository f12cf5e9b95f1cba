/**
 * 10,000 reads against the emulator with quotas off, through the real SDK client over HTTP
 * (target: under 5 s). Reads mix what apigw-sync's reader does: GetRestApis, GetResources
 * with embed=methods, GetStages, GetRestApi. The emulator runs as `apigw-sync emulator` in
 * its own process (as users run it), so client and server do not share one event loop;
 * `--in-process` uses startEmulator() instead. Prints JSON: {reads, ms, readsPerSecond, ...}.
 *
 *   npx tsx bench/emulator-reads.ts [--reads 10000] [--concurrency 16] [--in-process]
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
import { Agent } from 'node:http';
import { parseArgs } from 'node:util';
import { spawn } from 'node:child_process';
import { loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import { startEmulator } from '../src/emulator/index.js';
import { EmulatorClient } from '../src/emulator/control/client.js';

const { values } = parseArgs({
  options: { reads: { type: 'string', default: '10000' }, concurrency: { type: 'string', default: '16' }, 'in-process': { type: 'boolean', default: false } },
});
const reads = Number(values.reads);
const concurrency = Number(values.concurrency);

/** The emulator as its own process: the CLI prints its URL on the first line. */
async function spawnEmulator(): Promise<{ url: string; stop(): Promise<void> }> {
  const cli = fileURLToPath(new URL('../src/cli.ts', import.meta.url));
  const child = spawn(process.execPath, [...process.execArgv, cli, 'emulator', '--port', '0', '--no-quotas'], { stdio: ['ignore', 'pipe', 'inherit'] });
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /listening on (http:\/\/\S+)/.exec(out);
      if (m) resolve(m[1]);
    });
    child.once('exit', (code) => reject(new Error(`emulator exited with ${code} before listening`)));
  });
  return {
    url,
    stop: () =>
      new Promise<void>((resolve) => {
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

const emu = values['in-process'] ? await startEmulator({ port: 0, quotas: false }) : await spawnEmulator();
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
  const r = await client.send(new CreateResourceCommand({ restApiId, parentId: api.rootResourceId!, pathPart: `r${i}` }));
  await client.send(new PutMethodCommand({ restApiId, resourceId: r.id!, httpMethod: 'GET', authorizationType: 'NONE' }));
  await client.send(new PutIntegrationCommand({ restApiId, resourceId: r.id!, httpMethod: 'GET', type: 'HTTP_PROXY', integrationHttpMethod: 'GET', uri: `https://b.example.com/r${i}` }));
}
await client.send(new CreateDeploymentCommand({ restApiId, stageName: 'prod' }));

const kinds = [
  () => client.send(new GetRestApisCommand({ limit: 500 })),
  () => client.send(new GetResourcesCommand({ restApiId, limit: 500, embed: ['methods'] })),
  () => client.send(new GetStagesCommand({ restApiId })),
  () => client.send(new GetRestApiCommand({ restApiId })),
];

const before = await control.lastSeq();
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
const served = await control.calls({ since: before });
await emu.stop();

if (served.length !== reads || served.some((c) => c.write || c.status !== 200)) {
  throw new Error(`expected ${reads} successful reads, the call log shows ${served.length} (${served.filter((c) => c.status !== 200).length} failed)`);
}
process.stdout.write(
  JSON.stringify({ reads, ms, readsPerSecond: Math.round((reads / ms) * 1000), concurrency, inProcess: values['in-process'], loadavg1m: loadavg()[0] }) + '\n',
);
