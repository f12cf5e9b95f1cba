/**
 * importApi: adopt a live API. Finds it by id or unique name, reads it with the same
 * reader plan uses, and writes apis/<key>/api.yaml + openapi.yaml (a WebSocket API: + routes.yaml,
 * apigw-sync's own format, since AWS has no export of one) (and gateway.yaml with
 * the region when there is none). The key is the API's `apigw-sync:id` tag when it has
 * one, else its name made into a folder name. Existing folders are never overwritten.
 */
import { existsSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { AwsClients } from '../aws/clients.js';
import { findByIdOrName } from '../aws/match.js';
import { listApis, readApi } from '../aws/read/index.js';
import type { LiveApi } from '../model/live.js';
import { TAG_ID, TAG_OWNER } from '../model/live.js';
import { ApiTags, AwsCaller } from '../aws/apply/index.js';
import { UsageError } from '../model/errors.js';
import { apiKeyFor } from '../import/emit-api-yaml.js';
import { emitApi, emitGatewayYaml } from '../import/emit.js';

export interface ImportOptions {
  clients: Pick<AwsClients, 'apigw' | 'apigwv2' | 'region'>;
  /** Live API id or name. */
  api: string;
  /** gateway-state directory (default `gateway-state`). */
  outDir?: string;
  /** Folder name under apis/ (default: the id tag, else from the name). */
  key?: string;
  /** The importing directory's owner id (gateway.yaml's `owner:`, else the repository and path). */
  ownerId?: string;
  /**
   * Adopt an API another owner manages: tag it with `ownerId` (and this folder's key), so
   * from now on this directory plans, drifts and prunes it and the other one lists it as
   * managed elsewhere. Without it, importing another owner's API is refused.
   */
  takeOver?: boolean;
}

export interface ImportResult {
  key: string;
  live: LiveApi;
  /** Paths written, relative to outDir. */
  written: string[];
  warnings: string[];
  /** What the reader should know about the files (a WebSocket API's routes file is apigw-sync's own format). */
  notes: string[];
  /** The owner id the API was taken over from (`takeOver`). */
  tookOverFrom?: string;
}

export async function importApi(opts: ImportOptions): Promise<ImportResult> {
  const outDir = opts.outDir ?? 'gateway-state';
  const listed = await listApis(opts.clients);
  const found = findByIdOrName(listed, opts.api);
  if (!found)
    throw new UsageError(
      `no REST, HTTP or WebSocket API with id or name "${opts.api}" in ${opts.clients.region}`,
      'check the id/name with `aws apigateway get-rest-apis` / `aws apigatewayv2 get-apis`, and AWS_REGION',
    );
  const otherOwner =
    found.tags[TAG_OWNER] !== undefined && found.tags[TAG_OWNER] !== opts.ownerId ? found.tags[TAG_OWNER] : undefined;
  if (otherOwner && !opts.takeOver) {
    throw new UsageError(
      `${found.name} (${found.apiId}) is managed by another owner: ${otherOwner}`,
      `its directory plans and applies it; to move it to this one, pass --take-over (${otherOwner} will then list it as managed elsewhere, and should delete its folder)`,
    );
  }
  if (otherOwner && !opts.ownerId) {
    throw new UsageError(
      "--take-over needs this directory's owner id",
      'add `owner: <repository>:<path>` to gateway.yaml, or pass --owner',
    );
  }
  const key = opts.key ?? found.tags[TAG_ID] ?? apiKeyFor(found.name);
  if (existsSync(join(outDir, 'apis', key))) {
    throw new UsageError(
      `${join(outDir, 'apis', key)} already exists`,
      'import never overwrites: remove the folder, or pass --key with another folder name',
    );
  }
  const live = await readApi(opts.clients, found, key);
  const { files, warnings, notes } = emitApi(key, live.model);
  if (!existsSync(join(outDir, 'gateway.yaml')))
    files['gateway.yaml'] = emitGatewayYaml(opts.clients.region, opts.takeOver ? opts.ownerId : undefined);
  const written: string[] = [];
  for (const [rel, text] of Object.entries(files)) {
    const path = join(outDir, rel);
    await mkdir(dirname(path), { recursive: true });
    await writeFile(path, text, { flag: 'wx' });
    written.push(rel);
  }
  if (otherOwner && opts.ownerId) {
    // The files are written first: a failure here leaves them, and running import again needs no AWS change undone.
    await new ApiTags(opts.clients, new AwsCaller(), opts.clients.region).set(
      { kind: found.kind, apiId: found.apiId, name: found.name },
      { [TAG_OWNER]: opts.ownerId, [TAG_ID]: key },
    );
    return { key, live, written, warnings, notes, tookOverFrom: otherOwner };
  }
  return { key, live, written, warnings, notes };
}
