/**
 * An apply workflow run the App dispatched: when it starts (`workflow_run` in_progress) the
 * deployment and the check link to it; when it ends (`completed`) the run's conclusion becomes the deployment status, the check run and the pull request comment, and
 * after a merge opens or closes the failure issues (apply-record.ts).
 *
 * The run is matched to its record by the deployment id in the run's name (the workflow's
 * `run-name`); that deployment is trusted only if our bot created it, for the same commit,
 * and only runs of the configured workflow on the default branch count.
 */
import type { AppDeps, RepoCtx } from './app-context.js';
import {
  closeApplyRecord,
  runningApplyRecord,
  type ApplyOutcome,
  type ApplyRecord,
  type DeploymentPayload,
} from './apply-record.js';
import type { RepoConfig } from './config.js';

export interface WorkflowRunEvent {
  /** `completed`, or `in_progress` when the run starts. */
  status: string;
  path: string;
  event: string;
  headBranch: string | null;
  conclusion: string | null;
  displayTitle: string;
  htmlUrl: string;
}

export type WorkflowRunResult = 'ignored' | 'unknown-deployment' | 'running' | ApplyOutcome['kind'];

/** `run-name` of the apply workflow: `apigw-sync apply <sha> · deployment <id>`. */
const DEPLOYMENT_IN_TITLE = /· deployment (\d{1,19})\b/;

export async function followApplyRun(
  r: RepoCtx,
  run: WorkflowRunEvent,
  config: RepoConfig,
  deps: AppDeps,
): Promise<WorkflowRunResult> {
  if (
    run.path.replace(/@.*$/, '') !== `.github/workflows/${config.applyWorkflow}` ||
    run.event !== 'workflow_dispatch' ||
    run.headBranch !== r.defaultBranch
  )
    return 'ignored';
  const id = DEPLOYMENT_IN_TITLE.exec(run.displayTitle)?.[1];
  if (!id) return 'ignored';
  const deployment = await r.gh.rest.repos
    .getDeployment({ owner: r.owner, repo: r.repo, deployment_id: Number(id) })
    .then((x) => x.data)
    .catch((e: { status?: number }) => {
      if (e.status === 404) return undefined;
      throw e;
    });
  const payload = (deployment?.payload ?? {}) as Partial<DeploymentPayload>;
  if (
    !deployment ||
    deployment.creator?.login !== r.botLogin ||
    payload.apigwSync !== 1 ||
    payload.sha !== deployment.sha ||
    typeof payload.checkRunId !== 'number'
  ) {
    r.log.warn(`workflow run "${run.displayTitle}" names deployment ${id}, which apigw-sync did not create: ignored`);
    return 'unknown-deployment';
  }
  if (!run.displayTitle.includes(deployment.sha.slice(0, 7))) return 'unknown-deployment';
  const record: ApplyRecord = {
    deploymentId: deployment.id,
    checkRunId: payload.checkRunId,
    job: {
      kind: payload.kind === 'pull-request' ? 'pull-request' : 'merge',
      prNumber: typeof payload.pr === 'number' ? payload.pr : undefined,
      sha: deployment.sha,
      before: payload.before,
      requestedBy: 'workflow',
    },
  };
  if (run.status !== 'completed') {
    await runningApplyRecord(r, record, run.htmlUrl);
    return 'running';
  }
  const outcome = outcomeOfRun(run);
  await closeApplyRecord(r, deps, config, record, outcome);
  return outcome.kind;
}

function outcomeOfRun(run: WorkflowRunEvent): ApplyOutcome {
  const runUrl = run.htmlUrl;
  switch (run.conclusion) {
    case 'success':
      return { kind: 'applied', runUrl };
    case 'cancelled':
      return {
        kind: 'error',
        code: 'WORKFLOW_CANCELLED',
        reason: 'the apply workflow run was cancelled (a newer apply may have replaced it in the queue); see the run',
        runUrl,
      };
    case 'timed_out':
      return {
        kind: 'failed',
        reason: 'the apply workflow run timed out; the next apply finishes or rolls back what it left',
        runUrl,
      };
    default:
      return {
        kind: 'failed',
        reason: `the apply workflow run ended with ${run.conclusion ?? 'no conclusion'}; its job summary says why`,
        runUrl,
      };
  }
}
