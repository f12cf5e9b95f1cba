/**
 * check-service: a service's spec against the gateway, from the service's own pull request.
 * The spec is checked against gateway-state (conflicts, authorizers), then planned: against
 * the live API when AWS can be read, else against gateway-state in Git (a desired-only
 * diff). Returns values; prints nothing.
 */
import type { GatewayModel } from '../model/api.js';
import { emptyIds, type LiveSnapshot } from '../model/live.js';
import type { Plan } from '../model/plan.js';
import { buildPlan } from '../plan/index.js';
import { readLive } from '../aws/read/index.js';
import { awsErrorCode } from '../aws/errors.js';
import { isNoAccessError } from '../aws/has-credentials.js';
import { readStateDir, type StateFiles } from '../state/index.js';
import {
  checkServiceSpec,
  serviceRoutes,
  type ServiceCheck,
  type ServiceRouteRow,
  type ServiceSpec,
  type ServiceTarget,
} from '../service/index.js';
import { resolveClients, type EngineClients } from './clients.js';

export interface CheckServiceOptions {
  /** The gateway's gateway-state directory on disk, or its files already read. */
  dir?: string;
  files?: StateFiles;
  target: ServiceTarget;
  spec: ServiceSpec;
  /** Absent: no AWS access, plan against gateway-state in Git. */
  clients?: EngineClients;
  /** Why there are no clients (shown with the result), e.g. `--offline`. */
  withoutAwsBecause?: string;
  now?: Date;
}

export interface CheckServiceResult {
  check: ServiceCheck;
  rows: ServiceRouteRow[];
  /** What the plan compares with: the live API, or gateway-state in Git. */
  against: 'live' | 'git';
  /** Why the live API was not used (no clients, or AWS refused the credentials). */
  liveUnavailable?: string;
  /** The gateway's change (absent when the spec has errors). */
  plan?: Plan;
  hasChanges: boolean;
  /** Like `plan`: 0 no changes, 2 changes, 1 problems. */
  exitCode: 0 | 1 | 2;
}

export async function runCheckService(o: CheckServiceOptions): Promise<CheckServiceResult> {
  const files = o.files ?? (await readStateDir(o.dir ?? 'gateway-state'));
  const check = checkServiceSpec({ files, target: o.target, spec: o.spec });
  if (!check.valid)
    return {
      check,
      rows: serviceRoutes(check),
      against: 'git',
      liveUnavailable: 'the spec has errors',
      hasChanges: false,
      exitCode: 1,
    };

  const desired = onlyApi(check.after, check.apiKey);
  let live: LiveSnapshot | undefined;
  let liveUnavailable = o.clients ? undefined : (o.withoutAwsBecause ?? 'no AWS access');
  if (o.clients) {
    try {
      // The account is read so the API's VPC link and certificate ids read back as names; the
      // check plans the one API only (the account's records are the whole state's business).
      const read = await readLive({
        clients: resolveClients(o.clients, desired.region),
        desired,
        region: desired.region,
      });
      live = { ...read, account: undefined };
    } catch (e) {
      if (!isNoAccessError(awsErrorCode(e))) throw e;
      liveUnavailable = `no AWS access: ${awsErrorCode(e)}: ${String((e as Error)?.message ?? e).split('\n')[0]}`;
    }
  }
  const against = live ? 'live' : 'git';
  const snapshot = live ?? gitAsLive(check.before, check.apiKey);
  const plan = buildPlan({ desired, live: snapshot, now: o.now ?? new Date() });
  const hasChanges = plan.steps.length > 0 || Object.keys(plan.deployments).length > 0;
  const servedNow = snapshot.apis[check.apiKey]?.model.routes ?? {};
  return {
    check,
    rows: serviceRoutes(check, { servedNow }),
    against,
    ...(liveUnavailable ? { liveUnavailable } : {}),
    plan,
    hasChanges,
    exitCode: hasChanges ? 2 : 0,
  };
}

function onlyApi(model: GatewayModel, apiKey: string): GatewayModel {
  return { ...model, apis: model.apis[apiKey] ? { [apiKey]: model.apis[apiKey] } : {} };
}

/**
 * gateway-state in Git standing in for AWS: the API as Git declares it today is the
 * "live" side, so the plan is exactly what the service's change does to the declaration.
 */
export function gitAsLive(model: GatewayModel, apiKey: string): LiveSnapshot {
  const api = model.apis[apiKey];
  if (!api) return { region: model.region, apis: {}, unmanaged: [] };
  const ids = emptyIds();
  // REST resources are implied by the route paths; renames must see them as existing.
  for (const r of Object.values(api.routes)) {
    const segs = r.path.split('/').filter(Boolean);
    ids.resourceIds['/'] = '';
    segs.forEach((_, i) => (ids.resourceIds[`/${segs.slice(0, i + 1).join('/')}`] = ''));
  }
  return { region: model.region, apis: { [apiKey]: { model: api, ids } }, unmanaged: [] };
}

/** What the result was compared with, for people. */
export function againstLabel(r: CheckServiceResult): string {
  return r.against === 'live'
    ? `the live API in AWS (${r.plan?.region ?? ''})`
    : `gateway-state in Git (${r.liveUnavailable ?? 'no AWS access'})`;
}
