/**
 * The ports (ports.ts) implemented with the real engine: runPlan/runApply/runDrift/runUnlock
 * over AWS clients (the emulator when AWS_ENDPOINT_URL or `endpoint` says so), cost by
 * src/engine/cost.ts (as `apigw-sync cost`), and the canary rollout in apply's deploy seam.
 */
import type { ValidationIssue } from '../model/issue.js';
import { validateState } from '../validate/index.js';
import { runApply, runDrift, runPlan, runUnlock, type EngineClients, type EngineEvent } from '../engine/index.js';
import { loadDesired } from '../engine/load.js';
import { resolveClients } from '../engine/clients.js';
import { withOwner } from '../engine/owner.js';
import { createAwsClients, type AwsClients } from '../aws/clients.js';
import { assumeRoleCredentials } from '../aws/assume-role.js';
import { rolloutDeployerFor, RolledBackError } from '../engine/rollout-deployer.js';
import { systemClock } from '../rollout/port.js';
import type { RolloutEvent } from '../rollout/events.js';
import { shouldShowCost, type CostReport } from '../cost/index.js';
import { estimateCost } from '../engine/cost.js';
import { renderCostMarkdown } from '../render/cost-markdown.js';
import type { ApplyProgress, CostSection } from '../render/comment.js';
import type { GatewayModel } from '../model/api.js';
import { desiredStateDigest } from '../plan/fingerprint.js';
import type { LiveSnapshot } from '../model/live.js';
import type { ApplyReport, EngineServices, PlanInput, StateInput } from './ports.js';
import type { RepoConfig } from './config.js';
import type { RepoRef } from './client.js';
import type { EnvironmentTarget } from '../model/environment.js';
import { declaredEnvironments, readStateDir } from '../state/index.js';
import { describeEnvironments, promoteEnvironments } from './environment-plans.js';

export interface EngineServicesOptions {
  /** Given clients, or a factory for the state's region (default: from the environment). */
  clients?: EngineClients;
  /** Region for states whose gateway.yaml declares none (repository config / Action input); never overrides a declared one. */
  region?: string;
  /** The owner id of the repository's gateway-state when its gateway.yaml declares none (`<owner>/<repo>:<path>`). */
  ownerId?: string;
  /** Turn the canary rollout off (deploy directly). */
  directDeploy?: boolean;
  onEvent?: (e: EngineEvent | RolloutEvent) => void;
  /** A price file from `prices refresh` (default: the state's prices.json, else the embedded tables). */
  pricesFile?: string;
}

/**
 * The App's clients: always in the region the state declares. The App's own AWS_REGION is
 * where the App runs, not where a repository's APIs live, so it never overrides a state.
 */
export function clientsFromEnvironment(env: NodeJS.ProcessEnv = process.env): EngineClients {
  return (stateRegion: string, target?: EnvironmentTarget) => {
    // An environment in another account: its role (environments/<name>.yaml `account.roleArn`).
    const roleArn = target?.account.roleArn;
    if (!roleArn) return createAwsClients({ region: stateRegion, endpoint: env.AWS_ENDPOINT_URL });
    const credentials = assumeRoleCredentials({
      roleArn,
      sessionName: `apigw-sync-${target.environment}`,
      region: stateRegion,
      endpoint: env.AWS_ENDPOINT_URL,
    });
    return createAwsClients({ region: stateRegion, endpoint: env.AWS_ENDPOINT_URL, credentials });
  };
}

export interface RepoClientsOptions {
  config: RepoConfig;
  repo: RepoRef;
  env?: NodeJS.ProcessEnv;
}

/**
 * The App's clients for one repository: with `roleArn` in its config every AWS call is made
 * as that role (assumed with the App's own credentials); without it, as the App itself.
 */
export function clientsForRepo(o: RepoClientsOptions): EngineClients {
  const env = o.env ?? process.env;
  return (stateRegion: string, target?: EnvironmentTarget) => {
    // An environment's own role wins over the repository's: each environment is its own account.
    const roleArn = target?.account.roleArn ?? o.config.roleArn;
    if (!roleArn) return resolveClients(clientsFromEnvironment(env), stateRegion);
    const region = stateRegion;
    const endpoint = env.AWS_ENDPOINT_URL;
    const session = `apigw-sync-${o.repo.owner}-${o.repo.repo}${target ? `-${target.environment}` : ''}`.slice(0, 64);
    const credentials = assumeRoleCredentials({ roleArn, sessionName: session, region, endpoint });
    return createAwsClients({ region, endpoint, credentials });
  };
}

export function createEngineServices(o: EngineServicesOptions = {}): EngineServices {
  const given = o.clients ?? clientsFromEnvironment();
  // Remember the clients the engine makes for the state's region, so the rollout watches CloudWatch there too.
  let made: AwsClients | undefined;
  const clients: EngineClients =
    typeof given === 'function'
      ? (region: string, target?: EnvironmentTarget) => (made = given(region, target))
      : (made = given);
  // The base takes the configured region; an environment declares its own (the input picks one of several).
  const where = (input: StateInput) =>
    input.environment ? { environment: input.environment, region: input.region } : { region: o.region };
  const events = o.onEvent ?? (() => {});
  const services: EngineServices = {
    planner: {
      async describe(input: PlanInput) {
        // A state with environments: what a review approves is every environment (environment-plans.ts).
        if (!input.environment) {
          const declared = declaredEnvironments(await readStateDir(input.dir));
          if (declared.names.length > 0) return describeEnvironments(services, input, declared);
        }
        const state = await loadDesired(input.dir, events, input.environment ? where(input) : {});
        if (state.invalid) return { status: 'invalid', issues: relabel(state.issues, input) };
        // With its owner id, as plan and apply see it: the digest approved is the one apply checks.
        const model = withOwner(state.model, o.ownerId);
        const desired = o.region && !input.environment ? { ...model, region: o.region } : model;
        const nothingLive: LiveSnapshot = { region: desired.region, apis: {}, unmanaged: [] };
        const apis = Object.entries(desired.apis)
          .sort(([a], [b]) => a.localeCompare(b))
          .map(([key, a]) => ({
            key,
            kind: a.kind,
            name: a.name,
            routes: Object.keys(a.routes).length,
            stages: Object.keys(a.stages).sort(),
          }));
        const { report } = await estimateCost({
          dir: input.dir,
          desired,
          live: nothingLive,
          usage: false,
          pricesFile: o.pricesFile,
        });
        return {
          status: 'ok',
          issues: relabel(state.issues, input),
          desired: desiredStateDigest(desired),
          apis,
          cost: costSection(report, desired, input.costThreshold),
        };
      },
      async plan(input: PlanInput) {
        const r = await runPlan({ dir: input.dir, clients, ...where(input), ownerId: o.ownerId, events });
        if (r.status === 'invalid') return { status: 'invalid', issues: relabel(r.issues, input) };
        const { report } = await estimateCost({
          dir: input.dir,
          desired: r.desired,
          live: r.live,
          clients: r.clients,
          pricesFile: o.pricesFile,
        });
        const cost = costSection(report, r.desired, input.costThreshold);
        return {
          status: 'ok',
          plan: r.plan,
          issues: relabel(r.issues, input),
          hasChanges: r.hasChanges,
          cost,
          desired: desiredStateDigest(r.desired),
        };
      },
    },
    applier: {
      async apply(input) {
        // A state with environments: promoted environment by environment (engine/promote.ts).
        if (!input.environment) {
          const declared = declaredEnvironments(await readStateDir(input.dir));
          if (declared.names.length > 0) return promoteEnvironments(services, input, declared);
        }
        const progress = new Map<string, ApplyProgress>();
        const set = (p: ApplyProgress) => {
          progress.set(`${p.apiKey}\u0000${p.stage}`, p);
          input.onProgress?.(p);
        };
        const onEngine = (e: EngineEvent) => {
          events(e);
          if (e.type === 'deploy.start')
            for (const stage of e.stages) set({ apiKey: e.apiKey, stage, state: 'in_progress', detail: 'deploying' });
          if (e.type === 'deploy.done')
            for (const stage of e.stages)
              set({
                apiKey: e.apiKey,
                stage,
                state: 'success',
                detail: e.deploymentId ? `serving ${e.deploymentId}` : 'deployed',
              });
          if (e.type === 'deploy.failed')
            for (const stage of e.stages)
              set({ apiKey: e.apiKey, stage, state: 'failure', detail: firstLine(e.error) });
          if (e.type === 'step.failed')
            set({ apiKey: e.apiKey, stage: '(changes)', state: 'failure', detail: firstLine(e.error) });
        };
        const onRollout = (e: RolloutEvent) => {
          events(e);
          for (const p of progress.values()) {
            if (p.state !== 'in_progress' || !e.target.endsWith(`/${p.stage}`)) continue;
            if (e.type === 'rollout.step' || e.type === 'rollout.started')
              set({
                ...p,
                detail:
                  e.type === 'rollout.step' ? `canary at ${e.percent}%` : `canary starting (${e.steps.join(' → ')}%)`,
              });
            if (e.type === 'rollout.rolled-back') set({ ...p, state: 'rolled_back', detail: firstLine(e.message) });
          }
        };
        const r = await runApply({
          dir: input.dir,
          clients,
          ...where(input),
          ownerId: o.ownerId,
          yes: true,
          fingerprint: input.fingerprint,
          approvedDesired: input.approvedDesired,
          owner: input.owner,
          events: onEngine,
          deployerFor: o.directDeploy
            ? undefined
            : rolloutDeployerFor({ aws: () => made!, clock: systemClock, onEvent: onRollout }),
        });
        const failures = r.failures.map((f) => ({ apiKey: f.apiKey, message: f.message }));
        const rolledBack = r.failures.filter((f) => isRolledBack(f.error)).map((f) => f.apiKey);
        for (const k of rolledBack)
          for (const p of progress.values())
            if (p.apiKey === k && p.state !== 'success') set({ ...p, state: 'rolled_back' });
        const status: ApplyReport['status'] = r.status === 'declined' ? 'failed' : r.status;
        return {
          status,
          plan: r.plan,
          issues: relabel(r.issues, input),
          progress: [...progress.values()],
          failures,
          rolledBack,
          desired: r.desiredDigest,
        };
      },
    },
    drifter: {
      async drift(input: StateInput) {
        const r = await runDrift({ dir: input.dir, clients, ...where(input), ownerId: o.ownerId, events });
        if (r.status === 'invalid') return { status: 'invalid', issues: relabel(r.issues, input) };
        // The live names (what `import --api` accepts) are the declared ones for matched APIs.
        const declared = await validateState(input.dir, input.environment ? where(input) : {});
        const apiNames = Object.fromEntries(Object.entries(declared.model.apis).map(([k, a]) => [k, a.name]));
        return { status: 'ok', report: r.report, apiNames };
      },
    },
    unlocker: {
      async unlock({ api }) {
        const region = o.region ?? process.env.AWS_REGION ?? process.env.AWS_DEFAULT_REGION;
        if (!region) throw new Error('no AWS region for unlock: set `region` in .github/apigw-sync.yml or AWS_REGION');
        const c = typeof clients === 'function' ? clients(region) : clients;
        const r = await runUnlock({ api, clients: c, region });
        return { apiId: r.apiId, name: r.name, removed: r.removed !== undefined };
      },
    },
  };
  return services;
}

function isRolledBack(e: unknown): boolean {
  for (let x = e as { cause?: unknown } | undefined, i = 0; x && i < 5; x = x.cause as typeof x, i++)
    if (x instanceof RolledBackError) return true;
  return false;
}

/** The comment's cost section: shown when the delta passes the threshold (the Action input, else gateway.yaml's). */
function costSection(report: CostReport, desired: GatewayModel, threshold: PlanInput['costThreshold']): CostSection {
  const thresholds = threshold ? { commentThreshold: threshold } : desired.defaults.cost;
  return {
    markdown: renderCostMarkdown(report),
    show: shouldShowCost(report, thresholds),
    monthlyDeltaUsd: report.total.deltaUsd ?? undefined,
  };
}

/** Issues name files under the directory the engine read; reports show the repository path. */
function relabel(issues: ValidationIssue[], input: StateInput): ValidationIssue[] {
  if (!input.displayDir || input.displayDir === input.dir) return issues;
  const from = input.dir.replace(/\/+$/, '');
  const fix = (f: string) => (f.startsWith(from) ? `${input.displayDir}${f.slice(from.length)}` : f);
  return issues.map((i) => ({
    ...i,
    location: { ...i.location, file: fix(i.location.file) },
    related: i.related?.map((l) => ({ ...l, file: fix(l.file) })),
  }));
}

function firstLine(s: string): string {
  return s.split('\n')[0];
}
