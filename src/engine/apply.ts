/**
 * runApply: plan afresh, check the plan is the one reviewed, then apply it — each API's
 * steps by one writer, different APIs at the same time. Returns what was done and exactly
 * what is left; prints nothing and never exits the process.
 *
 * A plan file is not replayed blindly: the live state may have moved since it was written.
 * The plan is rebuilt from gateway-state and AWS, and applied only if its fingerprint is the
 * file's (or `--plan-fingerprint`'s) — so what is applied is exactly what was reviewed.
 */
import { assertCloudWatchRole } from '../aws/apply/logging-role.js';
import { readFile } from 'node:fs/promises';
import { FingerprintMismatchError, UnreviewedStateError, UsageError } from '../model/errors.js';
import type { ValidationIssue } from '../model/issue.js';
import type { Plan, PlanStep } from '../model/plan.js';
import { canonicalJson } from '../model/canonical.js';
import { fingerprintMatches, parsePlan, shortFingerprint, type DeploymentTask } from '../plan/index.js';
import { checkApprovedState, type ApprovedDesiredState } from '../plan/approved-state.js';
import { desiredStateDigest, type DesiredStateDigest } from '../plan/fingerprint.js';
import { AwsCaller, ApiTags, type DeployerFactory } from '../aws/apply/index.js';
import type { AwsClients } from '../aws/clients.js';
import { TAG_OWNER, type LiveSnapshot } from '../model/live.js';
import type { GatewayModel } from '../model/api.js';
import type { EngineClients } from './clients.js';
import { applyApiUnit, message, type ApiUnitResult } from './apply-api.js';
import { accountParts, startAccountApply } from './apply-account.js';
import type { AccountWaitOptions } from '../aws/account/writer.js';
import { accountNameLookup } from '../aws/account/read.js';
import { ACCOUNT_KEY } from '../model/account.js';
import { accountPhaseOf } from '../kinds/registry.js';
import { noEvents, type EventSink } from './events.js';
import { desiredAccountHash, desiredApiHash, type PendingFound } from './pending.js';
import { runPlan } from './plan.js';
import { subPlan } from './sub-plan.js';

export interface ApplyOptions {
  /** gateway-state directory (default `gateway-state`). */
  dir?: string;
  /** A plan written by `plan --out`: applied only if a fresh plan has the same fingerprint. */
  planFile?: string;
  clients: EngineClients;
  region?: string;
  /** Apply this environment (environments/<name>.yaml over the base); absent: the base as it is. */
  environment?: string;
  /** Apply without asking. Without it, `confirm` must say yes. */
  yes?: boolean;
  /** Asked with the plan when `yes` is not set (the CLI asks on a terminal). */
  confirm?: (plan: Plan) => Promise<boolean>;
  /** The plan fingerprint that was approved (full, or the 12+ characters shown to reviewers): this exact plan or nothing. */
  fingerprint?: string;
  /**
   * The desired state reviewers approved (GitHub: the approved commit's). AWS is re-read and
   * re-planned; the apply proceeds when every API the fresh plan changes is declared as
   * approved (plan/approved-state.ts), whatever happened in AWS since the review.
   */
  approvedDesired?: ApprovedDesiredState;
  /**
   * Continue an interrupted apply of the approved plan: the fresh plan's fingerprint differs
   * (part of it was applied), so accept it when every API with work left carries the pending
   * tag of the approved plan and its desired state is unchanged.
   */
  resume?: boolean;
  /** Who holds the apply lock (default: this process). Not the owner id: see `ownerId`. */
  owner?: string;
  /** The directory's owner id when gateway.yaml declares none (the repository and path; engine/owner.ts). */
  ownerId?: string;
  lockTtlSeconds?: number;
  deployerFor?: DeployerFactory;
  /** How apply waits for account records that take time (a new VPC link: PENDING → AVAILABLE). */
  accountWait?: AccountWaitOptions;
  events?: EventSink;
  now?: Date;
}

export interface ApplyFailure {
  apiKey: string;
  message: string;
  error: unknown;
}

export interface ApplyResult {
  status: 'invalid' | 'no-changes' | 'declined' | 'applied' | 'failed';
  plan?: Plan;
  issues: ValidationIssue[];
  issuesText: string;
  /** Interrupted applies this run found (and finished, if status is `applied`). */
  resumed: PendingFound[];
  done: PlanStep[];
  deployed: DeploymentTask[];
  /** What is still to do when status is `failed`: the next apply starts from here. */
  remaining: { steps: PlanStep[]; deployments: DeploymentTask[] };
  failures: ApplyFailure[];
  /** Successful AWS writes made by this run. */
  writes: number;
  /** The desired state applied (what `approvedDesired` was checked against); absent when invalid. */
  desiredDigest?: DesiredStateDigest;
}

export async function runApply(opts: ApplyOptions): Promise<ApplyResult> {
  const events = opts.events ?? noEvents;
  const reviewed = opts.planFile
    ? parsePlan(await readFile(opts.planFile, 'utf8'), { file: opts.planFile })
    : undefined;
  const planned = await runPlan({
    dir: opts.dir,
    clients: opts.clients,
    region: opts.region,
    environment: opts.environment,
    ownerId: opts.ownerId,
    now: opts.now,
    events,
  });
  const base = {
    resumed: [],
    done: [],
    deployed: [],
    remaining: { steps: [], deployments: [] },
    failures: [],
    writes: 0,
  };
  if (planned.status === 'invalid')
    return { status: 'invalid', issues: planned.issues, issuesText: planned.issuesText, ...base };

  const { plan, desired, live, pending, clients } = planned;
  const approved = opts.fingerprint ?? reviewed?.fingerprint;
  if (opts.fingerprint && reviewed && !fingerprintMatches(opts.fingerprint, reviewed.fingerprint)) {
    throw new UsageError(
      `--plan-fingerprint ${opts.fingerprint} does not name the plan in ${opts.planFile} (${shortFingerprint(reviewed.fingerprint)})`,
      'pass the fingerprint of that plan file, or leave --plan-fingerprint out',
    );
  }
  if (approved && !fingerprintMatches(approved, plan.fingerprint)) {
    const check = opts.resume
      ? resumeCheck(
          approved,
          plan,
          pending,
          (k) => (k === ACCOUNT_KEY ? desiredAccountHash(desired) : desiredApiHash(desired.apis[k])),
          reviewed,
        )
      : undefined;
    if (!check?.ok) throw mismatch(approved, plan.fingerprint, check?.why);
  }
  const approvedState = opts.approvedDesired ? checkApprovedState(plan, desired, opts.approvedDesired) : undefined;
  if (approvedState && !approvedState.ok) throw new UnreviewedStateError(approvedState.why, approvedState.unreviewed);

  const result = (status: ApplyResult['status'], rest: Partial<ApplyResult> = {}): ApplyResult => ({
    status,
    plan,
    issues: planned.issues,
    issuesText: planned.issuesText,
    ...base,
    resumed: pending,
    desiredDigest: approvedState?.digest ?? desiredStateDigest(desired),
    ...rest,
  });
  if (!planned.hasChanges) return result('no-changes');
  refuseWithoutOwner(desired, live);
  if (!opts.yes) {
    if (!opts.confirm) {
      throw new UsageError(
        'refusing to apply without confirmation: there is no terminal to ask on',
        'review `apigw-sync plan`, then run apply with --yes',
      );
    }
    if (!(await opts.confirm(plan))) return result('declined');
  }

  // Refused before the first write: logging without the account's CloudWatch Logs role would fail half-way.
  await assertCloudWatchRole(plan, desired.apis, clients.apigw);
  const adopted = await adoptApis(plan, live, clients);
  // Account-scope steps run around the APIs: the part APIs need first, the part that needs them last.
  const apiIds = new Map<string, string>(Object.entries(live.apis).map(([k, a]) => [k, a.ids.apiId]));
  const account = startAccountApply({
    plan,
    desired,
    live,
    clients,
    apiIdOf: (k) => apiIds.get(k),
    wait: opts.accountWait,
    events,
  });
  const parts = accountParts(plan);
  const accountNameOf = accountNameLookup(live.account, desired.account);
  const adoptedAccount = plan.adoptAccount?.length ? await account.executor.adopt(plan.adoptAccount) : 0;
  const apiSteps = plan.steps.slice(parts.before.length, plan.steps.length - parts.after.length);
  const failures: ApplyFailure[] = [];
  const outcome = {
    done: [] as PlanStep[],
    deployed: [] as DeploymentTask[],
    steps: [] as PlanStep[],
    deployments: [] as DeploymentTask[],
  };
  const writes = () => adopted + adoptedAccount + account.writes + units.reduce((n, u) => n + u.writes, 0);
  const accountFailed = (walk: Awaited<ReturnType<typeof account.run>>) => {
    failures.push({ apiKey: ACCOUNT_KEY, message: message(walk.failed?.error), error: walk.failed?.error });
  };
  let units: ApiUnitResult[] = [];

  const first = await account.run(parts.before);
  outcome.done.push(...first.done);
  if (!first.ok) {
    accountFailed(first);
    outcome.steps.push(...first.remainingSteps, ...apiSteps, ...parts.after);
    outcome.deployments.push(...Object.entries(plan.deployments).map(([apiKey, stages]) => ({ apiKey, stages })));
    return result('failed', {
      ...outcome,
      remaining: { steps: outcome.steps, deployments: outcome.deployments },
      failures,
      writes: writes(),
    });
  }

  const apiKeys = [...new Set([...apiSteps.map((s) => s.change.apiKey), ...Object.keys(plan.deployments)])].sort();
  units = await Promise.all(
    apiKeys.map((apiKey) =>
      applyApiUnit({
        apiKey,
        desired: desired.apis[apiKey],
        live: live.apis[apiKey],
        plan: subPlan(plan, apiKey),
        clients,
        // The clients' region (asserted equal to the state's by runPlan): every ARN names it.
        region: clients.region,
        desiredHash: desiredApiHash(desired.apis[apiKey]),
        ...(parts.before.length + parts.after.length > 0 ? { accountHash: desiredAccountHash(desired) } : {}),
        owner: opts.owner,
        ownerId: desired.owner,
        lockTtlSeconds: opts.lockTtlSeconds,
        deployerFor: opts.deployerFor,
        accountIds: account.executor.ids,
        accountNameOf,
        events,
      }),
    ),
  );
  for (const u of units) {
    const error = u.error ?? u.walk.failed?.error;
    if (error !== undefined) failures.push({ apiKey: u.apiKey, message: message(error), error });
    if (u.apiId) apiIds.set(u.apiKey, u.apiId);
    else apiIds.delete(u.apiKey);
    outcome.done.push(...u.walk.done);
    outcome.deployed.push(...u.walk.deployed);
    if (!u.walk.ok) {
      outcome.steps.push(...u.walk.remainingSteps);
      outcome.deployments.push(...u.walk.remainingDeployments);
    }
  }

  // What needs the APIs (mappings to their stages) waits until every API unit succeeded.
  if (failures.length === 0) {
    const last = await account.run(parts.after);
    outcome.done.push(...last.done);
    if (!last.ok) {
      accountFailed(last);
      outcome.steps.push(...last.remainingSteps);
    } else {
      // Records replaced make-before-break go once nothing uses them (else the next plan deletes them).
      await account.executor
        .finish()
        .catch((error: unknown) => failures.push({ apiKey: ACCOUNT_KEY, message: message(error), error }));
    }
  } else {
    outcome.steps.push(...parts.after);
  }
  return result(failures.length ? 'failed' : 'applied', {
    done: outcome.done,
    deployed: outcome.deployed,
    remaining: { steps: outcome.steps, deployments: outcome.deployments },
    failures,
    writes: writes(),
  });
}

/**
 * `--resume`: the approved plan was partly applied, so the fresh plan differs. Accept it when
 * every API with work left is either carrying the approved plan's pending tag with an
 * unchanged desired state, or (not created yet) has exactly the steps the reviewed plan file
 * had for it.
 */
function resumeCheck(
  approved: string,
  plan: Plan,
  pending: PendingFound[],
  hashOf: (apiKey: string) => string,
  reviewed: Plan | undefined,
): { ok: boolean; why?: string } {
  const keys = new Set([...plan.steps.map((s) => s.change.apiKey), ...Object.keys(plan.deployments)]);
  const short = approved.toLowerCase();
  for (const key of keys) {
    // The account scope has no tag of its own: the API units' pending tags carry its hash.
    const p = key === ACCOUNT_KEY ? accountPending(pending, short) : pending.find((x) => x.apiKey === key);
    if (p) {
      const sameFingerprint =
        p.fingerprint.length > 0 && (short.startsWith(p.fingerprint) || p.fingerprint.startsWith(short));
      if (!sameFingerprint) return { ok: false, why: `${key} was being changed by another plan (${p.fingerprint})` };
      if (!hashOf(key).startsWith(p.desiredHash))
        return { ok: false, why: `gateway-state for ${key} changed since the interrupted apply` };
      continue;
    }
    if (!reviewed && key === ACCOUNT_KEY && afterPartOfInterrupted(plan, pending, short)) continue;
    if (!reviewed) return { ok: false, why: `${key} has changes but no interrupted apply of the approved plan` };
    const was = reviewed.steps.filter((s) => s.change.apiKey === key).map((s) => canonicalJson(s.change));
    const now = plan.steps.filter((s) => s.change.apiKey === key).map((s) => canonicalJson(s.change));
    if (was.join('\n') !== now.join('\n')) return { ok: false, why: `${key}'s changes differ from the reviewed plan` };
  }
  return { ok: true };
}

/** An interrupted apply of the approved plan that also changed the account scope: its hash, as a PendingFound of the account. */
function accountPending(pending: PendingFound[], short: string): PendingFound | undefined {
  const p = pending.find(
    (x) =>
      x.accountHash && x.fingerprint.length > 0 && (short.startsWith(x.fingerprint) || x.fingerprint.startsWith(short)),
  );
  return p ? { ...p, apiKey: ACCOUNT_KEY, desiredHash: p.accountHash! } : undefined;
}

/**
 * The account part after the APIs (mappings, usage plans) runs only when every API unit
 * succeeded: an apply of the approved plan interrupted in an API leaves exactly those steps.
 * They are resumable when an API carries the approved plan's pending marker and every account
 * step left is of that part.
 */
function afterPartOfInterrupted(plan: Plan, pending: PendingFound[], approved: string): boolean {
  const interrupted = pending.some(
    (p) => p.fingerprint.length > 0 && (approved.startsWith(p.fingerprint) || p.fingerprint.startsWith(approved)),
  );
  const account = plan.steps.filter((s) => s.change.apiKey === ACCOUNT_KEY).map((s) => s.change);
  return interrupted && account.every((c) => accountPhaseOf(c, account) === 'after');
}

function mismatch(approved: string, actual: string, why?: string): FingerprintMismatchError {
  const e = new FingerprintMismatchError(approved, shortFingerprint(actual));
  if (why) e.message += ` (cannot resume: ${why})`;
  return e;
}

/**
 * A directory without an owner id cannot tell its APIs from other directories': it may
 * plan, but it never writes while AWS holds APIs of other owners.
 */
function refuseWithoutOwner(desired: GatewayModel, live: LiveSnapshot): void {
  if (desired.owner || !live.elsewhere?.length) return;
  const owners = [...new Set(live.elsewhere.map((e) => e.owner))].sort();
  throw new UsageError(
    `refusing to apply: gateway-state declares no owner id, and ${live.region} already holds APIs of other owners (${owners.join(', ')})`,
    'add `owner: <repository>:<path>` to gateway.yaml (or apply from GitHub Actions or a git checkout, where it is derived), so its APIs are told from theirs',
  );
}

/** Tags the plan's adopted APIs (no owner id yet) with the owner id: one TagResource each. Returns the writes made. */
async function adoptApis(plan: Plan, live: LiveSnapshot, clients: AwsClients): Promise<number> {
  if (!plan.adopt?.length || !plan.owner) return 0;
  const tags = new ApiTags(clients, new AwsCaller(), clients.region);
  for (const key of plan.adopt) {
    const api = live.apis[key];
    await tags.set({ kind: api.model.kind, apiId: api.ids.apiId, name: api.model.name }, { [TAG_OWNER]: plan.owner });
  }
  return plan.adopt.length;
}
