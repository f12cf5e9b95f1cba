/** --state-file: live state survives a restart; writes are debounced and atomic; a broken file is refused clearly. */
import {
  APIGatewayClient,
  CreateDeploymentCommand,
  CreateResourceCommand,
  CreateRestApiCommand,
  GetStageCommand,
  GetRestApisCommand,
  PutIntegrationCommand,
  PutMethodCommand,
} from '@aws-sdk/client-api-gateway';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startEmulator } from '../../../src/emulator/index.js';
import { startTestEmulator, v1Client, type Emu } from './core-setup.js';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'emu-state-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

async function until(check: () => boolean): Promise<void> {
  while (!check()) await new Promise((r) => setTimeout(r, 20));
}

describe('state file', () => {
  it('keeps APIs, deployments and stages across a restart', async () => {
    const file = join(dir, 'state.json');
    const first = await startTestEmulator({ stateFile: file });
    const c = v1Client(first);
    const api = await c.send(new CreateRestApiCommand({ name: 'persisted' }));
    const r = await c.send(
      new CreateResourceCommand({ restApiId: api.id!, parentId: api.rootResourceId!, pathPart: 'p' }),
    );
    await c.send(
      new PutMethodCommand({ restApiId: api.id!, resourceId: r.id!, httpMethod: 'GET', authorizationType: 'NONE' }),
    );
    await c.send(new PutIntegrationCommand({ restApiId: api.id!, resourceId: r.id!, httpMethod: 'GET', type: 'MOCK' }));
    const d = await c.send(new CreateDeploymentCommand({ restApiId: api.id!, stageName: 'prod' }));
    await first.stop();

    const second = await startTestEmulator({ stateFile: file });
    const c2 = v1Client(second);
    expect((await c2.send(new GetRestApisCommand({}))).items!.map((a) => a.id)).toEqual([api.id]);
    expect((await c2.send(new GetStageCommand({ restApiId: api.id!, stageName: 'prod' }))).deploymentId).toBe(d.id);
    await second.stop();
  });

  it('writes after a change without waiting for stop, and leaves no temp file behind', async () => {
    const file = join(dir, 'state.json');
    const emu = await startTestEmulator({ stateFile: file });
    expect(existsSync(file)).toBe(false);
    await v1Client(emu).send(new CreateRestApiCommand({ name: 'soon' }));
    await until(() => existsSync(file));
    const saved = JSON.parse(readFileSync(file, 'utf8'));
    expect(saved.version).toBe(2);
    expect(saved.partitions['000000000000/us-east-1'].apigateway.apis[0].api.name).toBe('soon');
    expect(readdirSync(dir)).toEqual(['state.json']);
    await emu.stop();
  });

  it('reads nothing and writes nothing for reads only', async () => {
    const file = join(dir, 'state.json');
    const emu = await startTestEmulator({ stateFile: file });
    await v1Client(emu).send(new GetRestApisCommand({}));
    await emu.stop();
    expect(existsSync(file)).toBe(false);
  });

  it('keeps each account and region apart across a restart', async () => {
    const file = join(dir, 'state.json');
    const client = (emu: Emu, region: string, accessKeyId: string) =>
      new APIGatewayClient({
        endpoint: emu.url,
        region,
        credentials: { accessKeyId, secretAccessKey: 'x' },
        maxAttempts: 1,
      });
    const first = await startTestEmulator({ stateFile: file });
    await client(first, 'eu-west-1', 'test').send(new CreateRestApiCommand({ name: 'eu-default' }));
    await client(first, 'eu-west-1', '111111111111').send(new CreateRestApiCommand({ name: 'eu-111' }));
    await client(first, 'ap-southeast-1', '111111111111').send(new CreateRestApiCommand({ name: 'ap-111' }));
    await first.stop();
    const saved = JSON.parse(readFileSync(file, 'utf8'));
    expect(Object.keys(saved.partitions).sort()).toEqual([
      '000000000000/eu-west-1',
      '000000000000/us-east-1',
      '111111111111/ap-southeast-1',
      '111111111111/eu-west-1',
    ]);

    const second = await startTestEmulator({ stateFile: file });
    const names = async (region: string, key: string) =>
      ((await client(second, region, key).send(new GetRestApisCommand({}))).items ?? []).map((a) => a.name);
    expect(await names('eu-west-1', 'test')).toEqual(['eu-default']);
    expect(await names('eu-west-1', '111111111111')).toEqual(['eu-111']);
    expect(await names('ap-southeast-1', '111111111111')).toEqual(['ap-111']);
    expect(await names('us-east-1', 'test')).toEqual([]);
    await second.stop();
  });

  it.each([
    ['not JSON', '{oops', /not valid JSON/],
    ['not a state file', '{"hello":1}', /not an emulator state file/],
    [
      'written by the old format (version 1, every region together)',
      '{"version":1,"modules":{"apigateway":{"apis":[]}}}',
      /older emulator \(version 1\).*Delete the file/,
    ],
    [
      'keyed by something other than account/region',
      '{"version":2,"partitions":{"eu-west-1":{}},"global":{}}',
      /not an account\/region key/,
    ],
  ])('refuses a state file that is %s', async (_name, content, message) => {
    const file = join(dir, 'state.json');
    writeFileSync(file, content);
    await expect(startEmulator({ port: 0, stateFile: file })).rejects.toThrow(message);
  });
});
