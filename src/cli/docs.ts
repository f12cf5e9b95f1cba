/**
 * `apigw-sync docs [dir] [--out site] [--offline]`: a static documentation site of every
 * API as the gateway serves it (Swagger UI, no network needed to view it). Exit 0 written,
 * 1 invalid state.
 */
import type { Command } from 'commander';
import { hasAwsCredentials } from '../aws/has-credentials.js';
import { writeSite } from '../docs/index.js';
import { runDocs, type EngineClients } from '../engine/index.js';
import { clientsFromEnv } from './aws-env.js';
import { action, EXIT } from './run.js';

export interface DocsCommandOptions {
  out?: string;
  offline?: boolean;
  env?: NodeJS.ProcessEnv;
  /** Default: from the environment, when it has AWS credentials. */
  clients?: EngineClients;
}

export async function docsCommand(
  dir: string,
  o: DocsCommandOptions = {},
): Promise<{ code: number; stdout: string; stderr: string }> {
  const env = o.env ?? process.env;
  const out = o.out ?? 'site';
  const clients = o.offline ? undefined : (o.clients ?? (hasAwsCredentials(env) ? clientsFromEnv(env) : undefined));
  const r = await runDocs({ dir, clients });
  if (r.status === 'invalid') return { code: EXIT.error, stdout: '', stderr: r.issuesText };
  await writeSite(out, r.files);
  const routes = (doc: Record<string, unknown>) =>
    Object.values(doc.paths as Record<string, object>).reduce((n, item) => n + Object.keys(item).length, 0);
  const lines = [
    `wrote ${out}/index.html: ${r.apis.length} API${r.apis.length === 1 ? '' : 's'}`,
    ...r.apis.map(
      (a) =>
        `  ${a.key}: ${String((a.doc.info as { title: string }).title)}, ${routes(a.doc)} operations, version ${String((a.doc.info as { version: string }).version)} (${out}/${a.key}.openapi.json)`,
    ),
  ];
  const why = o.offline
    ? 'stage addresses keep {apiId} (--offline)'
    : !clients
      ? 'stage addresses keep {apiId} (no AWS credentials in this environment)'
      : r.note;
  return { code: EXIT.ok, stdout: `${lines.join('\n')}\n`, stderr: why ? `note: ${why}\n` : '' };
}

export function register(program: Command): void {
  program
    .command('docs')
    .description('write a static documentation site of every API as the gateway serves it (Swagger UI, works offline)')
    .argument('[dir]', 'gateway-state directory', 'gateway-state')
    .option('--out <dir>', 'folder to write the site into (replaced if an earlier run made it)', 'site')
    .option('--offline', 'do not read AWS for the API ids in the stage addresses')
    .action(
      action(async (dir: string, opts: { out?: string; offline?: boolean }) => {
        const r = await docsCommand(dir, opts);
        process.stderr.write(r.stderr);
        process.stdout.write(r.stdout);
        return r.code;
      }),
    );
}
