/** Shared set-up for the account-scope integration tests: a small state of its own, plan/apply/drift through the engine, AWS CLI edits. */
import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { expect } from 'vitest';
import type { RunningEmulator } from '../../../src/emulator/index.js';
import { runApply, runDrift, runPlan, type ApplyResult, type PlanResult } from '../../../src/engine/index.js';
import type { EngineEvent } from '../../../src/engine/events.js';
import type { AwsClients } from '../../../src/aws/clients.js';
import { REGION } from '../apply/helpers.js';

export { REGION, sdkClients, startTestEmulator, writesSince } from '../apply/helpers.js';

export const OWNER = 'acme/platform:gateway-state';

/** A fresh gateway-state directory with these files (path → YAML text); gateway.yaml names the region and owner. */
export function stateDir(files: Record<string, string>): string {
  const dir = join(mkdtempSync(join(tmpdir(), 'apigw-account-')), 'gateway-state');
  writeFiles(dir, { 'gateway.yaml': `region: ${REGION}\nowner: ${OWNER}\n`, ...files });
  return dir;
}

export function writeFiles(dir: string, files: Record<string, string | null>): void {
  for (const [rel, text] of Object.entries(files)) {
    const path = join(dir, rel);
    if (text === null) {
      rmSync(path, { force: true });
      continue;
    }
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, text);
  }
}

export type OkPlan = Extract<PlanResult, { status: 'ok' }>;

export async function plan(dir: string, clients: AwsClients): Promise<OkPlan> {
  const r = await runPlan({ dir, clients });
  if (r.status !== 'ok') throw new Error(r.issuesText);
  return r;
}

/** The plan's steps as `action target name`. */
export function steps(p: OkPlan): string[] {
  return p.plan.steps.map((s) => `${s.change.action} ${s.change.target} ${s.change.name}`);
}

export async function apply(dir: string, clients: AwsClients, events: EngineEvent[] = []): Promise<ApplyResult> {
  const r = await runApply({ dir, clients, yes: true, accountWait: { pollMs: 20 }, events: (e) => events.push(e) });
  expect(r.failures.map((f) => f.message)).toEqual([]);
  expect(r.status).toMatch(/applied|no-changes/);
  return r;
}

/** Apply, then a fresh plan must have nothing to do. */
export async function applyAndConverge(
  dir: string,
  clients: AwsClients,
  events: EngineEvent[] = [],
): Promise<ApplyResult> {
  const r = await apply(dir, clients, events);
  const after = await plan(dir, clients);
  expect(steps(after)).toEqual([]);
  expect(after.hasChanges).toBe(false);
  return r;
}

export async function drift(dir: string, clients: AwsClients) {
  const r = await runDrift({ dir, clients });
  if (r.status !== 'ok') throw new Error(r.issuesText);
  return r;
}

const exec = promisify(execFile);
let cliAvailable: boolean | undefined;

/**
 * An edit in AWS behind Git's back, made with the AWS CLI (`aws <args>` against the emulator)
 * when it is installed, else with the same operation through the SDK (`fallback`).
 */
export async function awsCliEdit(
  emu: RunningEmulator,
  args: string[],
  fallback: () => Promise<unknown>,
): Promise<'aws-cli' | 'sdk'> {
  cliAvailable ??= await exec('aws', ['--version']).then(
    () => true,
    () => false,
  );
  if (!cliAvailable) {
    await fallback();
    return 'sdk';
  }
  const env = {
    ...process.env,
    AWS_ACCESS_KEY_ID: 'test',
    AWS_SECRET_ACCESS_KEY: 'test',
    AWS_DEFAULT_REGION: REGION,
    AWS_REGION: REGION,
    AWS_PAGER: '',
    AWS_CONFIG_FILE: '/dev/null',
    AWS_SHARED_CREDENTIALS_FILE: '/dev/null',
  };
  await exec('aws', ['--endpoint-url', emu.url, ...args], { env });
  return 'aws-cli';
}
