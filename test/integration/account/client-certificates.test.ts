/**
 * Client certificates end to end against the local endpoint: create, change, rename (the
 * same certificate re-tagged, never a new key pair), drift after an AWS CLI edit (exit 2,
 * apply heals), delete, and import round trip (plan 0 after import).
 */
import {
  GenerateClientCertificateCommand,
  GetClientCertificatesCommand,
  GetRestApisCommand,
  GetStageCommand,
  UpdateClientCertificateCommand,
} from '@aws-sdk/client-api-gateway';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningEmulator } from '../../../src/emulator/index.js';
import { importAccountRecord } from '../../../src/engine/import-account.js';
import {
  applyAndConverge,
  awsCliEdit,
  drift,
  OWNER,
  plan,
  sdkClients,
  startTestEmulator,
  stateDir,
  steps,
  writeFiles,
} from './helpers.js';

let emu: RunningEmulator;
let clients: ReturnType<typeof sdkClients>;
let dir: string;

beforeAll(async () => {
  emu = await startTestEmulator();
  clients = sdkClients(emu.url);
  dir = stateDir({
    'client-certificates/backend.yaml': 'description: orders backend mTLS\ntags: { team: platform }\n',
  });
});
afterAll(async () => emu?.stop());

async function liveCerts() {
  return (await clients.apigw.send(new GetClientCertificatesCommand({}))).items ?? [];
}

describe('client certificates (account scope)', () => {
  it('creates one from its file, tagged with its name and the owner; a fresh plan is empty', async () => {
    const p = await plan(dir, clients);
    expect(steps(p)).toEqual(['create clientCertificate backend']);
    expect(p.renderings.text).toContain('+ client certificate backend');
    await applyAndConverge(dir, clients);
    const [cert] = await liveCerts();
    expect(cert.description).toBe('orders backend mTLS');
    expect(cert.tags).toMatchObject({
      team: 'platform',
      'apigw-sync:id': 'backend',
      'apigw-sync:owner': OWNER,
      'apigw-sync:managed': 'true',
    });
  });

  it('changes the description and tags in place', async () => {
    writeFiles(dir, {
      'client-certificates/backend.yaml': 'description: orders backend (mutual TLS)\ntags: { team: payments }\n',
    });
    const p = await plan(dir, clients);
    expect(steps(p)).toEqual(['update clientCertificate backend']);
    expect(p.plan.steps[0].change.fields.map((f) => f.path).sort()).toEqual(['description', 'tags.team']);
    await applyAndConverge(dir, clients);
    const [cert] = await liveCerts();
    expect(cert.description).toBe('orders backend (mutual TLS)');
    expect(cert.tags?.team).toBe('payments');
  });

  it('renames in place: the same certificate answers to its new name', async () => {
    const [before] = await liveCerts();
    writeFiles(dir, {
      'client-certificates/backend.yaml': null,
      'client-certificates/orders-backend.yaml': 'description: orders backend (mutual TLS)\ntags: { team: payments }\n',
    });
    const p = await plan(dir, clients);
    expect(steps(p)).toEqual(['update clientCertificate orders-backend']);
    await applyAndConverge(dir, clients);
    const after = await liveCerts();
    expect(after.map((c) => c.clientCertificateId)).toEqual([before.clientCertificateId]);
    expect(after[0].tags?.['apigw-sync:id']).toBe('orders-backend');
  });

  it('a REST stage presents it by name: apply resolves the id, the plan reads it back as the name; removing it is flagged', async () => {
    const [cert] = await liveCerts();
    const api = (stage: string) =>
      `kind: RestApi\nname: backend-api\nroutes:\n  GET /ping:\n    integration: { type: mock }\nstages:\n  prod: ${stage}\n`;
    writeFiles(dir, { 'apis/backend/api.yaml': api('{ clientCertificate: orders-backend }') });
    await applyAndConverge(dir, clients);
    const restId = (await clients.apigw.send(new GetRestApisCommand({}))).items!.find(
      (a) => a.name === 'backend-api',
    )!.id!;
    expect(
      (await clients.apigw.send(new GetStageCommand({ restApiId: restId, stageName: 'prod' }))).clientCertificateId,
    ).toBe(cert.clientCertificateId);
    writeFiles(dir, { 'apis/backend/api.yaml': api('{}') });
    const p = await plan(dir, clients);
    expect(steps(p)).toEqual(['update stage prod']);
    expect(p.plan.steps[0].change.flags.breaking).toBe(true);
    await applyAndConverge(dir, clients);
    expect(
      (await clients.apigw.send(new GetStageCommand({ restApiId: restId, stageName: 'prod' }))).clientCertificateId ??
        '',
    ).toBe('');
  });

  it('sees an AWS CLI edit as drift (exit 2); apply heals it', async () => {
    const [cert] = await liveCerts();
    await awsCliEdit(
      emu,
      [
        'apigateway',
        'update-client-certificate',
        '--client-certificate-id',
        cert.clientCertificateId!,
        '--patch-operations',
        'op=replace,path=/description,value=edited in the console',
      ],
      () =>
        clients.apigw.send(
          new UpdateClientCertificateCommand({
            clientCertificateId: cert.clientCertificateId,
            patchOperations: [{ op: 'replace', path: '/description', value: 'edited in the console' }],
          }),
        ),
    );
    const d = await drift(dir, clients);
    expect(d.exitCode).toBe(2);
    expect(
      d.report.items.map(
        (i) =>
          `${i.apiKey} ${i.change.target} ${i.change.name} ${i.change.fields.map((f) => `${f.path}: ${String(f.before)} → ${String(f.after)}`).join()}`,
      ),
    ).toEqual([
      '(account) clientCertificate orders-backend description: orders backend (mutual TLS) → edited in the console',
    ]);
    await applyAndConverge(dir, clients);
    expect((await drift(dir, clients)).exitCode).toBe(0);
  });

  it('deletes the certificate when its file goes', async () => {
    // Another one stays: a state that declares nothing at all is refused (a mis-pointed directory must not delete everything).
    writeFiles(dir, { 'client-certificates/orders-backend.yaml': null, 'client-certificates/spare.yaml': '{}\n' });
    const p = await plan(dir, clients);
    expect(steps(p)).toEqual(['create clientCertificate spare', 'delete clientCertificate orders-backend']);
    await applyAndConverge(dir, clients);
    expect((await liveCerts()).map((c) => c.tags?.['apigw-sync:id'])).toEqual(['spare']);
  });

  it('import round trip: a certificate made outside apigw-sync is written to its file and tagged; plan shows nothing to do', async () => {
    const made = await clients.apigw.send(
      new GenerateClientCertificateCommand({ description: 'legacy backend', tags: { team: 'legacy' } }),
    );
    const out = join(mkdtempSync(join(tmpdir(), 'apigw-import-')), 'gateway-state');
    const owner = 'acme/legacy:gateway-state';
    writeFiles(out, { 'gateway.yaml': `region: ap-northeast-2\nowner: ${owner}\n` });
    await expect(
      importAccountRecord({
        clients,
        target: 'clientCertificate',
        record: made.clientCertificateId!,
        outDir: out,
        ownerId: owner,
      }),
    ).rejects.toThrow(/has no name/);
    const r = await importAccountRecord({
      clients,
      target: 'clientCertificate',
      record: made.clientCertificateId!,
      outDir: out,
      ownerId: owner,
      key: 'legacy-backend',
    });
    expect(r.written).toEqual(['client-certificates/legacy-backend.yaml']);
    expect(readFileSync(join(out, 'client-certificates/legacy-backend.yaml'), 'utf8')).toContain(
      'description: legacy backend',
    );
    const p = await plan(out, clients);
    expect(steps(p)).toEqual([]);
    expect(p.hasChanges).toBe(false);
    // The first directory's certificate is not this one's: listed, never planned here.
    expect(p.live.account?.elsewhere.map((e) => `${e.key} ${e.owner}`)).toEqual([`spare ${OWNER}`]);
    // Nor is this one the first directory's.
    expect(steps(await plan(dir, clients))).toEqual([]);
  });
});
