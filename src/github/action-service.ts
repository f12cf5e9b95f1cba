/**
 * The Action's commands for a service repository: `propose` (open or update the gateway
 * repository's pull request for the service's spec) and `check-service` (what the gateway
 * would change, for the service's own pull request). Returns values like
 * runActionCommand; writes to GitHub only through the given client.
 */
import { hasAwsCredentials } from '../aws/has-credentials.js';
import { againstLabel, runCheckService } from '../engine/check-service.js';
import { clientsFromEnvironment } from './engine-services.js';
import { renderServiceCheckMarkdown } from '../render/service-check-markdown.js';
import { renderServiceCheckText, errorCount } from '../render/service-check-text.js';
import { renderProposalText } from '../render/proposal-text.js';
import { codeSpan } from '../render/escape.js';
import { parseRepoSlug, type ProposalSource } from '../service/proposal.js';
import type { ServiceSpec } from '../service/index.js';
import type { GitHubClient } from './client.js';
import { readGatewayFiles } from './gateway-files.js';
import { proposeServiceSpec } from './propose.js';

export interface ServiceActionInputs {
  command: 'propose' | 'check-service';
  spec: ServiceSpec;
  api: string;
  service?: string;
  /** The gateway repository, `owner/name`. */
  gatewayRepository: string;
  /** gateway-state directory in the gateway repository. */
  path: string;
  base?: string;
  /** check-service: compare with Git even when AWS credentials are present. */
  offline?: boolean;
}

export interface ServiceActionResult {
  outputs: Record<string, string>;
  summary: string;
  failed?: string;
  log: string[];
}

export async function runServiceActionCommand(
  inputs: ServiceActionInputs,
  source: ProposalSource,
  gh: GitHubClient | undefined,
  env: NodeJS.ProcessEnv,
): Promise<ServiceActionResult> {
  const to = parseRepoSlug(inputs.gatewayRepository);
  if (!to)
    return {
      outputs: {},
      summary: '',
      failed: `input "gateway-repository" must be owner/name; got "${inputs.gatewayRepository}"`,
      log: [],
    };
  if (!gh)
    return {
      outputs: {},
      summary: '',
      failed: `input "github-token" is empty: ${inputs.command} reads ${inputs.gatewayRepository} through the GitHub API`,
      log: [],
    };
  const target = { apiKey: inputs.api, ...(inputs.service ? { service: inputs.service } : {}) };

  if (inputs.command === 'propose') {
    const o = await proposeServiceSpec(gh, {
      to,
      path: inputs.path,
      base: inputs.base,
      target,
      spec: inputs.spec,
      source,
    });
    const pull = 'pull' in o ? o.pull : 'closed' in o ? o.closed : undefined;
    const text = renderProposalText({
      check: o.check,
      rows: o.rows,
      gateway: { repo: inputs.gatewayRepository, branch: o.gateway.branch, commitSha: o.gateway.commitSha },
      branch: o.branch,
      status: o.status,
      ...(pull ? { pull } : {}),
    });
    const md = renderServiceCheckMarkdown({
      check: o.check,
      rows: o.rows,
      against: `${codeSpan(inputs.gatewayRepository)} at ${codeSpan(o.gateway.commitSha.slice(0, 7))}`,
      heading: `## apigw-sync propose: ${codeSpan(o.check.service)} → API ${codeSpan(o.check.apiKey)}`,
    });
    const outcome =
      o.status === 'invalid'
        ? '❌ No pull request was opened or updated.'
        : pull
          ? `Pull request [#${pull.number}](${pull.url}): ${o.status}.`
          : `${codeSpan(o.gateway.branch)} already has this spec: nothing to propose.`;
    const outputs: Record<string, string> = {
      'has-changes': String(o.status === 'opened' || o.status === 'updated'),
      'pull-request': pull ? String(pull.number) : '',
      'pull-request-url': pull?.url ?? '',
    };
    return {
      outputs,
      summary: `${md.trimEnd()}\n\n${outcome}\n`,
      ...(o.status === 'invalid'
        ? {
            failed: `${inputs.spec.displayPath}: ${errorCount(o.check.problems)} against ${inputs.gatewayRepository}; no pull request opened`,
          }
        : {}),
      log: text.trimEnd().split('\n'),
    };
  }

  const files = (await readGatewayFiles(gh, to, { path: inputs.path, apiKey: inputs.api, branch: inputs.base })).files;
  const clients = !inputs.offline && hasAwsCredentials(env) ? clientsFromEnvironment(env) : undefined;
  const r = await runCheckService({
    files,
    target,
    spec: inputs.spec,
    clients,
    withoutAwsBecause: inputs.offline ? 'offline: true' : 'no AWS credentials in this job',
  });
  const x = { check: r.check, rows: r.rows, against: againstLabel(r), ...(r.plan ? { plan: r.plan } : {}) };
  return {
    outputs: { 'has-changes': String(r.hasChanges), 'plan-fingerprint': r.plan?.fingerprint ?? '' },
    summary: renderServiceCheckMarkdown(x),
    ...(r.exitCode === 1
      ? { failed: `${inputs.spec.displayPath}: ${errorCount(r.check.problems)} against ${inputs.gatewayRepository}` }
      : {}),
    log: renderServiceCheckText(x).trimEnd().split('\n'),
  };
}
