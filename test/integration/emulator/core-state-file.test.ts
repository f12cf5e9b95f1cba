/** --state-file: live state survives a restart; writes are debounced and atomic; a broken file is refused clearly. */
import { CreateDeploymentCommand, CreateResourceCommand, CreateRestApiCommand, GetStageCommand, GetRestApisCommand, PutIntegrationCommand, PutMethodCommand } from '@aws-sdk/client-api-gateway';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startEmulator } from '../../../src/emulator/index.js';
import { startTestEmulator, v1Client } from './core-setup.js';

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
    const r = await c.send(new CreateResourceCommand({ restApiId: api.id!, parentId: api.rootResourceId!, pathPart: 'p' }));
    await c.send(new PutMethodCommand({ restApiId: api.id!, resourceId: r.id!, httpMethod: 'GET', authorizationType: 'NONE' }));
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
    expect(saved.version).toBe(1);
    expect(saved.modules.apigateway.apis[0].api.name).toBe('soon');
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

  it.each([
    ['not JSON', '{oops', /not valid JSON/],
    ['not a state file', '{"hello":1}', /not an emulator state file/],
  ])('refuses a state file that is %s', async (_name, content, message) => {
    const file = join(dir, 'state.json');
    writeFileSync(file, content);
    await expect(startEmulator({ port: 0, stateFile: file })).rejects.toThrow(message);
  });
});
