/**
 * runDrift: what changed in AWS that gateway-state does not explain. Exit semantics for the
 * CLI: 0 no drift, 2 drift, 1 error. `prune` deletes live APIs that no folder describes —
 * only those carrying the tool's managed tag; others are listed and never touched.
 */
import type { ValidationIssue } from '../model/issue.js';
import type { LiveSnapshot, UnmanagedLiveApi } from '../model/live.js';
import { detectDrift, type DriftReport } from '../diff/index.js';
import { readLive } from '../aws/read/index.js';
import { resolveClients, type EngineClients } from './clients.js';
import { AwsCaller, decodeDeployed, deleteApi, TAG_DEPLOYED } from '../aws/apply/index.js';
import { noEvents, type EventSink } from './events.js';
import { assertClientRegion, loadDesired } from './load.js';

export interface DriftOptions {
  dir?: string;
  clients: EngineClients;
  region?: string;
  /** Delete live APIs with the managed tag that no folder describes. */
  prune?: boolean;
  events?: EventSink;
}

export type DriftResult =
  | { status: 'invalid'; issues: ValidationIssue[]; issuesText: string; exitCode: 1 }
  | {
      status: 'ok';
      report: DriftReport;
      /** Managed APIs deleted by `prune`. */
      pruned: UnmanagedLiveApi[];
      /** 0 no drift, 2 drift (items, or managed APIs only in AWS that were not pruned). */
      exitCode: 0 | 2;
    };

export async function runDrift(opts: DriftOptions): Promise<DriftResult> {
  const events = opts.events ?? noEvents;
  const dir = opts.dir ?? 'gateway-state';
  const state = await loadDesired(dir, events, { region: opts.region });
  if (state.invalid) return { status: 'invalid', issues: state.issues, issuesText: state.issuesText, exitCode: 1 };
  const desired = state.model;
  const clients = resolveClients(opts.clients, desired.region);
  assertClientRegion(clients, desired.region, dir);
  const live = await readLive({ clients, desired, region: desired.region });
  events({ type: 'live.read', apis: Object.keys(live.apis).length, unmanaged: live.unmanaged.length });
  const report = detectDrift(desired, live, { appliedDeployments: appliedDeployments(live) });

  const pruned: UnmanagedLiveApi[] = [];
  if (opts.prune) {
    const caller = new AwsCaller({ onCall: (i) => events({ type: 'aws.call', operation: i.operation, write: i.write }) });
    for (const api of report.onlyInAws.filter((a) => a.managed)) {
      await deleteApi(clients, caller, { kind: api.kind, apiId: api.apiId, name: api.name });
      events({ type: 'prune.deleted', apiId: api.apiId, name: api.name });
      pruned.push(api);
    }
  }
  const managedLeft = report.onlyInAws.filter((a) => a.managed && !pruned.includes(a));
  return { status: 'ok', report, pruned, exitCode: report.items.length > 0 || managedLeft.length > 0 ? 2 : 0 };
}

/** What each stage served after the last apply, from the `apigw-sync:deployed` tag apply writes. */
export function appliedDeployments(live: LiveSnapshot): Record<string, Record<string, string>> {
  const out: Record<string, Record<string, string>> = {};
  for (const [key, api] of Object.entries(live.apis)) {
    const map = decodeDeployed(api.ids.toolTags[TAG_DEPLOYED]);
    if (Object.keys(map).length > 0) out[key] = map;
  }
  return out;
}
