/**
 * runDrift: what changed in AWS that gateway-state does not explain. Exit semantics for the
 * CLI: 0 no drift, 2 drift, 1 error. `prune` deletes live APIs that no folder describes —
 * only those carrying the tool's managed tag; others are listed and never touched.
 */
import type { GatewayModel } from '../model/api.js';
import { UsageError } from '../model/errors.js';
import type { ValidationIssue } from '../model/issue.js';
import type { LiveSnapshot, UnmanagedLiveApi } from '../model/live.js';
import { detectDrift } from '../diff/index.js';
import type { DriftReport } from '../model/drift.js';
import { readLive } from '../aws/read/index.js';
import { settleKeyValues } from '../aws/key-values/settle.js';
import { resolveClients, type EngineClients } from './clients.js';
import { AwsCaller, decodeDeployed, deleteApi, TAG_DEPLOYED } from '../aws/apply/index.js';
import { noEvents, type EventSink } from './events.js';
import { assertClientRegion, loadDesired, targetOf } from './load.js';
import { withOwner } from './owner.js';

export interface DriftOptions {
  dir?: string;
  clients: EngineClients;
  region?: string;
  /** Drift of this environment (environments/<name>.yaml over the base); absent: the base as it is. */
  environment?: string;
  /** The directory's owner id when gateway.yaml declares none (the repository and path). */
  ownerId?: string;
  /**
   * Delete the live APIs of this directory's owner that no folder describes: at once
   * (`yes`), or when `confirm` — shown exactly what would go — says so. Refused without an
   * owner id, and for a directory with no APIs at all (an emptied or mis-pointed directory
   * must not wipe the account).
   */
  prune?:
    | { yes: true }
    | { confirm: (apis: UnmanagedLiveApi[], context: { report: DriftReport; owner: string }) => Promise<boolean> };
  events?: EventSink;
}

export type DriftResult =
  | { status: 'invalid'; issues: ValidationIssue[]; issuesText: string; exitCode: 1 }
  | {
      status: 'ok';
      report: DriftReport;
      /** The owner id the directory was drifted as (gateway.yaml's, else the derived one). */
      owner?: string;
      /** Managed APIs deleted by `prune`. */
      pruned: UnmanagedLiveApi[];
      /** What `prune` would delete (and did, unless declined). */
      pruneCandidates: UnmanagedLiveApi[];
      /** `prune`'s confirmation said no: nothing was deleted. */
      pruneDeclined?: boolean;
      /** 0 no drift, 2 drift (items, or managed APIs only in AWS that were not pruned). */
      exitCode: 0 | 2;
    };

export async function runDrift(opts: DriftOptions): Promise<DriftResult> {
  const events = opts.events ?? noEvents;
  const dir = opts.dir ?? 'gateway-state';
  const state = await loadDesired(dir, events, { region: opts.region, environment: opts.environment });
  if (state.invalid) return { status: 'invalid', issues: state.issues, issuesText: state.issuesText, exitCode: 1 };
  const desired = withOwner(state.model, opts.ownerId);
  const clients = resolveClients(opts.clients, desired.region, targetOf(state));
  assertClientRegion(clients, desired.region, dir);
  const live = await readLive({ clients, desired, region: desired.region });
  for (const u of await settleKeyValues({ desired, live: live.account, clients }))
    events({ type: 'key-value.uncompared', key: u.key, why: u.why });
  events({ type: 'live.read', apis: Object.keys(live.apis).length, unmanaged: live.unmanaged.length });
  const report = detectDrift(desired, live, { appliedDeployments: appliedDeployments(live) });

  const pruned: UnmanagedLiveApi[] = [];
  const pruneCandidates = report.onlyInAws.filter((a) => a.managed);
  let pruneDeclined: boolean | undefined;
  if (opts.prune) {
    refuseUnsafePrune(desired, dir);
    if (pruneCandidates.length > 0 && 'confirm' in opts.prune)
      pruneDeclined = !(await opts.prune.confirm(pruneCandidates, { report, owner: desired.owner! }));
    if (!pruneDeclined) {
      const caller = new AwsCaller({
        onCall: (i) => events({ type: 'aws.call', operation: i.operation, write: i.write }),
      });
      for (const api of pruneCandidates) {
        await deleteApi(clients, caller, { kind: api.kind, apiId: api.apiId, name: api.name });
        events({ type: 'prune.deleted', apiId: api.apiId, name: api.name });
        pruned.push(api);
      }
    }
  }
  const managedLeft = pruneCandidates.filter((a) => !pruned.includes(a));
  return {
    status: 'ok',
    report,
    ...(desired.owner ? { owner: desired.owner } : {}),
    pruned,
    pruneCandidates,
    ...(pruneDeclined ? { pruneDeclined } : {}),
    exitCode: report.items.length > 0 || managedLeft.length > 0 ? 2 : 0,
  };
}

/** Prune deletes whole APIs: only with an owner id to tell ours from others', and never for a directory that declares nothing. */
function refuseUnsafePrune(desired: GatewayModel, dir: string): void {
  if (Object.keys(desired.apis).length === 0) {
    throw new UsageError(
      `refusing to prune: ${dir} declares no APIs, so every API it ever managed would be deleted`,
      'check the directory path; to delete all its APIs, delete them one by one in AWS',
    );
  }
  if (!desired.owner) {
    throw new UsageError(
      `refusing to prune: ${dir} has no owner id, so its APIs cannot be told from other directories' in this account`,
      'add `owner: <your-repo>:<path>` to gateway.yaml (or run where the repository is known: GitHub Actions, a git checkout), apply once, then prune',
    );
  }
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
