/** Shared set-up for apply/engine/cli integration tests: an emulator with quotas on, real SDK clients. */
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createAwsClients, type AwsClients } from '../../../src/aws/clients.js';
import { RateLimiter } from '../../../src/aws/rate-limit.js';
import { startEmulator, type RunningEmulator } from '../../../src/emulator/index.js';

export const REGION = 'ap-northeast-2';
/** Quotas stay on, refilled 20× faster than AWS so tests run in seconds. */
export const QUOTA_SCALE = 20;

export async function startTestEmulator(): Promise<RunningEmulator> {
  return startEmulator({ port: 0, quotas: true, quotaScale: QUOTA_SCALE });
}

/** The real client stack (rate limiter at the emulator's scale, retry decider) against the emulator. */
export function sdkClients(url: string): AwsClients {
  return createAwsClients({
    region: REGION,
    endpoint: url,
    credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
    limiter: new RateLimiter({ scale: QUOTA_SCALE }),
  });
}

/** A private copy of the example gateway-state that a test may edit. */
export function copyState(from = join(import.meta.dirname, '..', '..', '..', 'gateway-state')): string {
  const dir = join(mkdtempSync(join(tmpdir(), 'apigw-sync-')), 'gateway-state');
  cpSync(from, dir, { recursive: true });
  return dir;
}

/** A copy of the example without its environments (environments/, gateway.yaml `promotion:`): a state as before environments existed. */
export function copyBaseState(): string {
  const dir = copyState();
  rmSync(join(dir, 'environments'), { recursive: true, force: true });
  writeFileSync(
    join(dir, 'gateway.yaml'),
    readFileSync(join(dir, 'gateway.yaml'), 'utf8').replace(/^promotion:.*\n/m, ''),
  );
  return dir;
}

/** Successful writes the emulator answered since `since` (throttled or failed calls wrote nothing). */
export function writesSince(emu: RunningEmulator, since: number) {
  return emu.control.calls({ write: true, since }).filter((c) => c.status < 400);
}

import { readFileSync, writeFileSync } from 'node:fs';
import { parseDocument, type Document } from 'yaml';
import { GetRestApisCommand } from '@aws-sdk/client-api-gateway';
import { GetApisCommand } from '@aws-sdk/client-apigatewayv2';

/** Edits one YAML file of a state copy in place (comments and layout kept). */
export function editYaml(dir: string, file: string, edit: (doc: Document) => void): void {
  const path = join(dir, file);
  const doc = parseDocument(readFileSync(path, 'utf8'));
  edit(doc);
  writeFileSync(path, doc.toString());
}

/** Every live API by name, with its id and tags. */
export async function liveApis(clients: ReturnType<typeof sdkClients>) {
  const rest = (await clients.apigw.send(new GetRestApisCommand({ limit: 500 }))).items ?? [];
  const http = (await clients.apigwv2.send(new GetApisCommand({}))).Items ?? [];
  return [
    ...rest.map((a) => ({ kind: 'RestApi' as const, id: a.id!, name: a.name!, tags: a.tags ?? {} })),
    ...http.map((a) => ({ kind: 'HttpApi' as const, id: a.ApiId!, name: a.Name!, tags: a.Tags ?? {} })),
  ];
}
