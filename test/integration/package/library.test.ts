/**
 * The engine as a library, compiled as the package ships it (dist/index.js, built by
 * test/global-setup.ts): validate → plan → apply → plan → drift against the local endpoint.
 */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type RunningEmulator } from '../../../src/emulator/index.js';

type Library = typeof import('../../../src/index.js');
const lib = (await import(
  pathToFileURL(join(import.meta.dirname, '..', '..', '..', 'dist', 'index.js')).href
)) as Library;

let emu: RunningEmulator;
let dir: string;
beforeAll(async () => {
  emu = await startEmulator({ port: 0, quotas: false });
  dir = join(mkdtempSync(join(tmpdir(), 'apigw-lib-')), 'gateway-state');
  mkdirSync(join(dir, 'apis', 'ping'), { recursive: true });
  writeFileSync(join(dir, 'gateway.yaml'), 'region: us-east-1\n');
  writeFileSync(
    join(dir, 'apis', 'ping', 'api.yaml'),
    [
      'kind: HttpApi',
      'name: ping-api',
      'stages: { live: {} }',
      'routes:',
      '  GET /ping:',
      '    integration: { type: http_proxy, uri: "https://ping.example.com/ping" }',
      '',
    ].join('\n'),
  );
});
afterAll(async () => emu?.stop());

const aws = () => ({ dir, endpoint: emu.url, credentials: { accessKeyId: 'test', secretAccessKey: 'test' } });

describe("import { validate, plan, apply, drift } from 'apigw-sync'", () => {
  it('validate: valid, with the compiled model', async () => {
    const r = await lib.validate({ dir });
    expect(r.valid).toBe(true);
    expect(r.text).toContain('valid');
    expect(Object.keys(r.model.apis)).toEqual(['ping']);
  });

  it('plan, apply, plan again, drift: the engine end to end', async () => {
    const events: string[] = [];
    const first = await lib.plan({ ...aws(), onEvent: (e) => events.push(e.type) });
    if (first.status !== 'ok') throw new Error(first.issuesText);
    expect(first.hasChanges).toBe(true);
    expect(first.render('text')).toContain('ping-api');
    expect(JSON.parse(first.render('json'))).toMatchObject({ fingerprint: first.plan.fingerprint });
    expect(events).toContain('live.read');

    const applied = await lib.apply({ ...aws(), yes: true, fingerprint: first.plan.fingerprint, rollout: false });
    expect(applied.status).toBe('applied');
    expect(applied.writes).toBeGreaterThan(0);
    expect(applied.deployed).toEqual([{ apiKey: 'ping', stages: ['live'] }]);

    const second = await lib.plan(aws());
    expect(second.status === 'ok' && second.hasChanges).toBe(false);
    const drift = await lib.drift(aws());
    if (drift.status !== 'ok') throw new Error(drift.issuesText);
    expect(drift.exitCode).toBe(0);
    expect(drift.render('text')).toMatch(/no drift/i);
  });

  it('a fingerprint that is not the fresh plan is refused with a typed error, nothing written', async () => {
    const before = emu.control.calls({ write: true }).length;
    await expect(lib.apply({ ...aws(), yes: true, fingerprint: 'f'.repeat(64) })).rejects.toBeInstanceOf(
      lib.ApigwSyncError,
    );
    expect(emu.control.calls({ write: true }).length).toBe(before);
  });
});
