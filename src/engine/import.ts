/**
 * importApi: adopt a live API. Finds it by id or unique name, reads it with the same
 * reader plan uses, and writes apis/<key>/api.yaml + openapi.yaml (and gateway.yaml with
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
import { TAG_ID } from '../model/live.js';
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
}

export interface ImportResult {
  key: string;
  live: LiveApi;
  /** Paths written, relative to outDir. */
  written: string[];
  warnings: string[];
}

export async function importApi(opts: ImportOptions): Promise<ImportResult> {
  const outDir = opts.outDir ?? 'gateway-state';
  const listed = await listApis(opts.clients);
  const found = findByIdOrName(listed, opts.api);
  if (!found) throw new UsageError(`no REST or HTTP API with id or name "${opts.api}" in ${opts.clients.region}`, 'check the id/name with `aws apigateway get-rest-apis` / `aws apigatewayv2 get-apis`, and AWS_REGION');
  const key = opts.key ?? found.tags[TAG_ID] ?? apiKeyFor(found.name);
  if (existsSync(join(outDir, 'apis', key))) {
    throw new UsageError(`${join(outDir, 'apis', key)} already exists`, 'import never overwrites: remove the folder, or pass --key with another folder name');
  }
  const live = await readApi(opts.clients, found, key);
  const { files, warnings } = emitApi(key, live.model);
  if (!existsSync(join(outDir, 'gateway.yaml'))) files['gateway.yaml'] = emitGatewayYaml(opts.clients.region);
  const written: string[] = [];
  for (const [rel, text] of Object.entries(files)) {
    const path = join(outDir, rel);
    await mkdir(dirname(path), { recursive: true });
    await writeFile(path, text, { flag: 'wx' });
    written.push(rel);
  }
  return { key, live, written, warnings };
}
