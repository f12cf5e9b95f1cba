/**
 * The Action's `docs` command (the apply workflow, after an apply that changed an API):
 * write the documentation site and say where the workflow publishes it — the S3 bucket
 * gateway.yaml names, else GitHub Pages.
 */
import { hasAwsCredentials } from '../aws/has-credentials.js';
import { writeSite } from '../docs/index.js';
import { runDocs } from '../engine/docs.js';
import { codeSpan, escapeMarkdownText } from '../render/escape.js';
import { renderPlanSummary } from '../render/summary.js';
import { clientsFromEnvironment } from './engine-services.js';

export interface DocsActionResult {
  outputs: Record<string, string>;
  summary: string;
  failed?: string;
  log: string[];
}

export async function runDocsActionCommand(
  inputs: { path: string; out: string; offline?: boolean },
  env: NodeJS.ProcessEnv,
): Promise<DocsActionResult> {
  const clients = !inputs.offline && hasAwsCredentials(env) ? clientsFromEnvironment(env) : undefined;
  const r = await runDocs({ dir: inputs.path, clients });
  if (r.status === 'invalid')
    return {
      outputs: {},
      summary: renderPlanSummary({ issues: r.issues, heading: '## apigw-sync docs' }),
      failed: 'gateway-state is invalid',
      log: r.issuesText.trimEnd().split('\n'),
    };
  const written = await writeSite(inputs.out, r.files);
  const outputs = {
    'site-path': inputs.out,
    'docs-target': r.target.kind,
    's3-uri': r.target.kind === 's3' ? r.target.uri : '',
  };
  const rows = r.apis.map((a) => {
    const info = a.doc.info as { title: string; version: string };
    return `| ${escapeMarkdownText(info.title)} | ${codeSpan(info.version, { inTable: true })} | ${codeSpan(`${a.key}.openapi.json`, { inTable: true })} |`;
  });
  const where = r.target.kind === 's3' ? `published to ${codeSpan(r.target.uri)}` : 'published to GitHub Pages';
  const summary = [
    '## apigw-sync docs',
    '',
    `${r.apis.length} API${r.apis.length === 1 ? '' : 's'} documented in ${codeSpan(inputs.out)}, ${where} by the next steps.`,
    '',
    '| API | Version | OpenAPI document |',
    '|---|---|---|',
    ...rows,
    '',
  ];
  if (r.note) summary.push(`Note: ${escapeMarkdownText(r.note)}`, '');
  return {
    outputs,
    summary: summary.join('\n'),
    log: [`wrote ${written.length} files to ${inputs.out} (${r.target.kind === 's3' ? r.target.uri : 'GitHub Pages'})`],
  };
}
