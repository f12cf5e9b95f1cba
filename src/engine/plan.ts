/**
 * runPlan: load and validate gateway-state, read the live APIs, diff, plan — the first half
 * of every command (plan, apply, the GitHub comment). Returns values; prints nothing.
 */
import type { GatewayModel } from '../model/api.js';
import type { ValidationIssue } from '../model/issue.js';
import type { LiveSnapshot } from '../model/live.js';
import type { Plan } from '../model/plan.js';
import { buildPlan } from '../plan/index.js';
import { readLive } from '../aws/read/index.js';
import { settleKeyValues } from '../aws/key-values/settle.js';
import type { AwsClients } from '../aws/clients.js';
import { resolveClients, type EngineClients } from './clients.js';
import { noEvents, type EventSink } from './events.js';
import { assertClientRegion, loadDesired, targetOf } from './load.js';
import type { EnvironmentSettings } from '../model/environment.js';
import { withOwner } from './owner.js';
import { renderPlanAs } from './render.js';
import { pendingApplies, withPendingDeployments, type PendingFound } from './pending.js';

export interface PlanOptions {
  /** gateway-state directory (default `gateway-state`). */
  dir?: string;
  clients: EngineClients;
  /** The region for a state whose gateway.yaml declares none; a state that declares another is an error. With `environment`: which of its regions. */
  region?: string;
  /** Plan this environment (environments/<name>.yaml over the base); absent: the base as it is. */
  environment?: string;
  /** The directory's owner id when gateway.yaml declares none: the repository and path (engine/owner.ts `ownerIdFor`). */
  ownerId?: string;
  now?: Date;
  events?: EventSink;
}

export type PlanResult =
  | { status: 'invalid'; issues: ValidationIssue[]; issuesText: string }
  | {
      status: 'ok';
      plan: Plan;
      desired: GatewayModel;
      live: LiveSnapshot;
      /** Warnings from validation (errors make the result `invalid`). */
      issues: ValidationIssue[];
      issuesText: string;
      /** Interrupted applies found in AWS; their stages are in plan.deployments. */
      pending: PendingFound[];
      /** Steps to run, stages to deploy, or APIs and account records to adopt (tag with the owner id). */
      hasChanges: boolean;
      /** The clients used (made for the state's region when a factory was given). */
      clients: AwsClients;
      /** The environment planned (`environment`). */
      environment?: EnvironmentSettings;
      /** The plan as the CLI (no colour), a PR comment and a machine would read it; secrets masked. Rendered on first use. */
      renderings: { text: string; markdown: string; json: string };
    };

export async function runPlan(opts: PlanOptions): Promise<PlanResult> {
  const events = opts.events ?? noEvents;
  const dir = opts.dir ?? 'gateway-state';
  const state = await loadDesired(dir, events, { region: opts.region, environment: opts.environment });
  if (state.invalid) return { status: 'invalid', issues: state.issues, issuesText: state.issuesText };
  const desired = withOwner(state.model, opts.ownerId);
  const clients = resolveClients(opts.clients, desired.region, targetOf(state));
  assertClientRegion(clients, desired.region, dir);
  const live = await readLive({ clients, desired, region: desired.region });
  for (const u of await settleKeyValues({ desired, live: live.account, clients }))
    events({ type: 'key-value.uncompared', key: u.key, why: u.why });
  events({ type: 'live.read', apis: Object.keys(live.apis).length, unmanaged: live.unmanaged.length });
  const pending = pendingApplies(live);
  for (const p of pending)
    events({ type: 'pending.found', apiKey: p.apiKey, stages: p.stages, fingerprint: p.fingerprint });
  const plan = withPendingDeployments(buildPlan({ desired, live, now: opts.now ?? new Date() }), desired, pending);
  const hasChanges =
    plan.steps.length > 0 ||
    Object.keys(plan.deployments).length > 0 ||
    (plan.adopt?.length ?? 0) > 0 ||
    (plan.adoptAccount?.length ?? 0) > 0;
  const renderings = lazyRenderings(plan);
  return {
    status: 'ok',
    plan,
    desired,
    live,
    issues: state.issues,
    issuesText: state.issuesText,
    pending,
    hasChanges,
    clients,
    renderings,
    ...(state.environment ? { environment: state.environment } : {}),
  };
}

/** Renders each format on first access only: apply never needs them, and Markdown of a big plan is not free. */
function lazyRenderings(plan: Plan): { text: string; markdown: string; json: string } {
  const cache: Partial<Record<'text' | 'markdown' | 'json', string>> = {};
  const get = (f: 'text' | 'markdown' | 'json') => (cache[f] ??= renderPlanAs(plan, f, { color: false }));
  return {
    get text() {
      return get('text');
    },
    get markdown() {
      return get('markdown');
    },
    get json() {
      return get('json');
    },
  };
}
