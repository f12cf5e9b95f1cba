/**
 * The apply workflow's gate (Action `apply` with `pull-request`): the workflow may be
 * dispatched by the App or by hand, so it trusts none of its inputs. It reads the repository
 * configuration from the default branch, counts the pull request's approvals and computes
 * its approved desired state from GitHub (reviewed-apply.ts, the same code the App runs),
 * checks the fingerprint it was given names that state, and checks the commit to apply is
 * the pull request's head (before merge) or on the apply branch (after merge).
 */
import { exactApproval, type ApprovedDesiredState } from '../plan/approved-state.js';
import type { GitHubClient, RepoRef } from './client.js';
import { CONFIG_PATH, fetchRepoConfig, type RepoConfig } from './config.js';
import type { EngineServices } from './ports.js';
import { checkReviewedApply, isOnBranch } from './reviewed-apply.js';
import { fetchState } from './state-fetch.js';
import { fingerprintMatches } from '../plan/fingerprint.js';

export interface ActionApplyRequest {
  /** The pull request whose review gates the apply (empty only when the configuration requires none). */
  prNumber?: number;
  /** The commit whose gateway-state is applied. */
  sha: string;
  /** The reviewed desired-state fingerprint (required). */
  desiredFingerprint: string;
  defaultBranch: string;
}

export type ActionApplyGate =
  { ok: true; approved: ApprovedDesiredState; config: RepoConfig; note: string } | { ok: false; reason: string };

export async function gateActionApply(
  gh: GitHubClient,
  repo: RepoRef,
  services: EngineServices,
  req: ActionApplyRequest,
): Promise<ActionApplyGate> {
  const config = await fetchRepoConfig(gh, repo, req.defaultBranch);
  const branch = config.branch ?? req.defaultBranch;
  if (req.prNumber === undefined) {
    if (config.requiredApprovals > 0 || config.approvals.codeowners)
      return {
        ok: false,
        reason: `${CONFIG_PATH} requires approvals: give the pull request whose review allows this apply (input pull-request)`,
      };
    if (!(await isOnBranch(gh, repo, req.sha, branch)))
      return { ok: false, reason: `${req.sha.slice(0, 7)} is not on ${branch}` };
    return {
      ok: true,
      approved: await unreviewedApproval(gh, repo, services, req, config),
      config,
      note: `no review required by ${CONFIG_PATH}`,
    };
  }
  const gate = await checkReviewedApply(gh, repo, services, {
    prNumber: req.prNumber,
    when: 'either',
    branch,
    defaultBranch: req.defaultBranch,
    config,
    expectFingerprint: req.desiredFingerprint,
  });
  if (!gate.ok) return { ok: false, reason: gate.reason };
  if (gate.merged) {
    if (!(await isOnBranch(gh, repo, req.sha, branch)))
      return { ok: false, reason: `${req.sha.slice(0, 7)} is not on ${branch}, where #${req.prNumber} was merged` };
    // After merge the state may hold other merged pull requests too: checked API by API.
    return {
      ok: true,
      approved: gate.approved,
      config,
      note: `#${req.prNumber} merged, approved by ${gate.verdict.counted.map((a) => a.login).join(', ') || 'nobody (none required)'}`,
    };
  }
  if (req.sha !== gate.headSha)
    return {
      ok: false,
      reason: `${req.sha.slice(0, 7)} is not the head of #${req.prNumber} (${gate.headSha.slice(0, 7)})`,
    };
  return {
    ok: true,
    approved: exactApproval(gate.approved),
    config,
    note: `#${req.prNumber} before merge, approved by ${gate.verdict.counted.map((a) => a.login).join(', ') || 'nobody (none required)'}`,
  };
}

/**
 * No review required: the fingerprint given is what may be applied. With environments, each
 * environment's apply checks its own part, so the commit's digest is computed here; it stands
 * only if its fingerprint is the one given (else the apply refuses as before).
 */
async function unreviewedApproval(
  gh: GitHubClient,
  repo: RepoRef,
  services: EngineServices,
  req: ActionApplyRequest,
  config: RepoConfig,
): Promise<ApprovedDesiredState> {
  const given = { fingerprint: req.desiredFingerprint };
  const state = await fetchState(gh, repo, { sha: req.sha, path: config.path });
  try {
    const d = await services.planner.describe({ dir: state.dir, displayDir: config.path });
    return d.status === 'ok' &&
      d.desired.environments &&
      fingerprintMatches(req.desiredFingerprint, d.desired.fingerprint)
      ? exactApproval(d.desired)
      : given;
  } finally {
    await state.cleanup();
  }
}
