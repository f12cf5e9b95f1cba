/**
 * The Action's entry: read inputs, call the library, set outputs, write the job summary,
 * fail with a clear message. No logic of its own beyond parsing inputs.
 */
import { readFileSync } from 'node:fs';
import { relative, resolve } from 'node:path';
import * as core from '@actions/core';
import {
  ACTION_COMMANDS,
  runActionCommand,
  type ActionCommand,
  type ActionContext,
  type ActionInputs,
} from '../github/action-command.js';
import { actionGitHubClient } from '../github/action-client.js';
import { createEngineServices } from '../github/engine-services.js';
import { runServiceActionCommand } from '../github/action-service.js';
import { runDocsActionCommand } from '../github/action-docs.js';
import { readServiceSpec } from '../engine/read-spec.js';
import { sourceFromEnv } from '../service/proposal.js';
import type { EngineServices } from '../github/ports.js';
import type { CommentMode } from '../github/sticky-comment.js';
import { ownerIdFor } from '../engine/owner.js';
import { declaredSettings } from '../state/region.js';
import { declaredEnvironments, promotionOrder, readStateDir, unknownEnvironmentMessage } from '../state/index.js';

export interface RunDeps {
  services?: EngineServices;
  env?: NodeJS.ProcessEnv;
}

export async function run(deps: RunDeps = {}): Promise<void> {
  const env = deps.env ?? process.env;
  try {
    const command = core.getInput('command', { required: true });
    if (command === 'propose' || command === 'check-service') return await runServiceCommand(command, env);
    if (command === 'docs')
      return await report(
        await runDocsActionCommand(
          {
            path: core.getInput('path') || 'gateway-state',
            out: core.getInput('out') || 'site',
            offline: core.getInput('offline') === 'true',
          },
          env,
        ),
        env,
      );
    const inputs = readInputs();
    const token = core.getInput('github-token');
    const region = core.getInput('region') || undefined;
    // The state's own region and owner, for the steps that follow (the AWS credentials step takes `region`).
    const declared = await declaredSettings(inputs.path);
    const ownerId =
      declared.owner ??
      (env.GITHUB_REPOSITORY
        ? ownerIdFor(env.GITHUB_REPOSITORY, relative(env.GITHUB_WORKSPACE ?? process.cwd(), resolve(inputs.path)))
        : undefined);
    // A state with environments: their promotion order (a matrix), and the environment's own region and role.
    const environments = declaredEnvironments(await readStateDir(inputs.path));
    core.setOutput('environments', JSON.stringify(promotionOrder(environments)));
    const environment = inputs.environment ? environments.byName[inputs.environment] : undefined;
    if (inputs.environment && !environment)
      throw new Error(unknownEnvironmentMessage(inputs.environment, environments.names).message);
    core.setOutput('role-arn', environment?.account.roleArn ?? '');
    core.setOutput(
      'region',
      environment ? (inputs.region ?? environment.regions[0] ?? '') : (declared.region ?? region ?? ''),
    );
    core.setOutput('owner', ownerId ?? '');
    const services =
      deps.services ?? createEngineServices({ region, ownerId, pricesFile: core.getInput('prices') || undefined });
    const result = await runActionCommand(
      inputs,
      readContext(env),
      services,
      token ? actionGitHubClient(token, env) : undefined,
    );
    core.setOutput('has-changes', String(result.outputs['has-changes']));
    core.setOutput('plan-fingerprint', result.outputs['plan-fingerprint']);
    core.setOutput('desired-fingerprint', result.outputs['desired-fingerprint']);
    core.setOutput('cost-delta', result.outputs['cost-delta']);
    for (const line of result.log) core.info(line);
    if (env.GITHUB_STEP_SUMMARY) await core.summary.addRaw(result.summary, true).write();
    if (result.failed) core.setFailed(result.failed);
  } catch (e) {
    const err = e as { describe?: () => string; message?: string };
    core.setFailed(typeof err?.describe === 'function' ? err.describe() : (err?.message ?? String(e)));
  }
}

/** propose / check-service: a service repository's workflow and the gateway repository it names. */
async function runServiceCommand(command: 'propose' | 'check-service', env: NodeJS.ProcessEnv): Promise<void> {
  const token = core.getInput('github-token');
  const inputs = {
    command,
    spec: await readServiceSpec(core.getInput('file', { required: true })),
    api: core.getInput('api', { required: true }),
    service: core.getInput('service') || undefined,
    gatewayRepository: core.getInput('gateway-repository', { required: true }),
    path: core.getInput('path') || 'gateway-state',
    base: core.getInput('base') || undefined,
    offline: core.getInput('offline') === 'true',
  };
  await report(
    await runServiceActionCommand(inputs, sourceFromEnv(env), token ? actionGitHubClient(token, env) : undefined, env),
    env,
  );
}

async function report(
  result: { outputs: Record<string, string>; summary: string; failed?: string; log: string[] },
  env: NodeJS.ProcessEnv,
): Promise<void> {
  for (const [name, value] of Object.entries(result.outputs)) core.setOutput(name, value);
  for (const line of result.log) core.info(line);
  if (env.GITHUB_STEP_SUMMARY && result.summary) await core.summary.addRaw(result.summary, true).write();
  if (result.failed) core.setFailed(result.failed);
}

function readInputs(): ActionInputs {
  const command = core.getInput('command', { required: true }) as ActionCommand;
  if (!ACTION_COMMANDS.includes(command))
    throw new Error(`input "command" must be one of ${ACTION_COMMANDS.join(', ')}; got "${command}"`);
  const comment = (core.getInput('comment') || 'update') as CommentMode;
  if (!['update', 'new', 'off'].includes(comment))
    throw new Error(`input "comment" must be update, new or off; got "${comment}"`);
  return {
    command,
    path: core.getInput('path') || 'gateway-state',
    comment,
    costThreshold: threshold(),
    planFingerprint: core.getInput('plan-fingerprint') || undefined,
    desiredFingerprint: core.getInput('desired-fingerprint') || undefined,
    pullRequest: pullRequestInput(),
    sha: core.getInput('sha') || undefined,
    offline: (core.getInput('offline') || 'false') === 'true',
    requiredApprovals: number('required-approvals') ?? 1,
    driftIssues: (core.getInput('drift-issues') || 'true') === 'true',
    environment: core.getInput('environment') || undefined,
    region: core.getInput('region') || undefined,
  };
}

function pullRequestInput(): number | undefined {
  const raw = core.getInput('pull-request');
  if (raw === '') return undefined;
  if (!/^[1-9]\d{0,9}$/.test(raw)) throw new Error(`input "pull-request" must be a pull request number; got "${raw}"`);
  return Number(raw);
}

function threshold(): ActionInputs['costThreshold'] {
  const usd = number('cost-threshold-usd');
  const percent = number('cost-threshold-percent');
  return usd === undefined && percent === undefined ? undefined : { usd, percent };
}

function number(name: string): number | undefined {
  const raw = core.getInput(name);
  if (raw === '') return undefined;
  const n = Number(raw);
  if (!Number.isFinite(n) || n < 0) throw new Error(`input "${name}" must be a non-negative number; got "${raw}"`);
  return n;
}

/** What the runner tells every step about the event (the documented GITHUB_* variables). */
function readContext(env: NodeJS.ProcessEnv): ActionContext {
  const event = env.GITHUB_EVENT_PATH
    ? (JSON.parse(readFileSync(env.GITHUB_EVENT_PATH, 'utf8')) as Record<string, unknown>)
    : {};
  const [owner, repo] = (env.GITHUB_REPOSITORY ?? '').split('/');
  const server = env.GITHUB_SERVER_URL ?? 'https://github.com';
  return {
    repo: owner && repo ? { owner, repo } : undefined,
    eventName: env.GITHUB_EVENT_NAME,
    event,
    sha: env.GITHUB_SHA,
    actor: env.GITHUB_ACTOR,
    runUrl:
      env.GITHUB_RUN_ID && env.GITHUB_REPOSITORY
        ? `${server}/${env.GITHUB_REPOSITORY}/actions/runs/${env.GITHUB_RUN_ID}`
        : undefined,
  };
}
