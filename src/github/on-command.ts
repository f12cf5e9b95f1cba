/**
 * `/apigw-sync plan|apply|unlock` in a pull-request comment. Only users with write access
 * may run them (checked with GitHub, not trusted from the payload); every command gets a
 * reaction (+1 accepted, confused refused) and a reply.
 */
import { exactApproval } from '../plan/approved-state.js';
import { codeSpan, escapeMarkdownText } from '../render/escape.js';
import { shortFingerprint } from '../plan/fingerprint.js';
import { applyBranch, findAppComment, type AppDeps, type RepoCtx } from './app-context.js';
import { runApplyJob } from './apply-executor.js';
import { parseSlashCommand } from './commands.js';
import type { RepoConfig } from './config.js';
import { atLeast, userPermission } from './permissions.js';
import { errorText, planPullRequest } from './pr-plan.js';
import { checkReviewedApply } from './reviewed-apply.js';

export interface CommentEvent {
  prNumber: number;
  commentId: number;
  login: string;
  body: string;
}

export async function handleCommand(
  r: RepoCtx,
  ev: CommentEvent,
  config: RepoConfig,
  deps: AppDeps,
): Promise<string | undefined> {
  const cmd = parseSlashCommand(ev.body);
  if (!cmd) return undefined;
  const repo = { owner: r.owner, repo: r.repo };
  const react = (content: '+1' | 'confused') =>
    r.gh.rest.reactions.createForIssueComment({ ...repo, comment_id: ev.commentId, content });
  const reply = (body: string) => r.gh.rest.issues.createComment({ ...repo, issue_number: ev.prNumber, body });
  const who = codeSpan(ev.login);

  if (cmd.name === 'unknown') {
    await react('confused');
    await reply(
      `${who}: unknown command ${codeSpan(cmd.text)}. Use \`/apigw-sync plan\`, \`/apigw-sync apply\` or \`/apigw-sync unlock <api>\`.`,
    );
    return 'unknown';
  }
  const perm = await userPermission(r.gh, repo, ev.login);
  if (!atLeast(perm, 'write')) {
    await react('confused');
    await reply(
      `${who} has ${codeSpan(perm.role)} access: \`/apigw-sync ${cmd.name}\` needs write access to this repository. Nothing was done.`,
    );
    return 'refused';
  }
  await react('+1');
  const { data: pull } = await r.gh.rest.pulls.get({ ...repo, pull_number: ev.prNumber });
  const pr = { number: ev.prNumber, headSha: pull.head.sha, baseSha: pull.base.sha };

  try {
    if (cmd.name === 'plan') {
      const res = await planPullRequest(r, pr, config, deps);
      await reply(
        `${who}: planned again for ${codeSpan(pr.headSha.slice(0, 7))}${res.fingerprint ? ` — plan ${codeSpan(shortFingerprint(res.fingerprint))}` : ' — gateway-state is invalid'}; the comment above is up to date.`,
      );
      return 'plan';
    }
    if (cmd.name === 'unlock') {
      if (!cmd.api) {
        await reply(`${who}: say which API, e.g. \`/apigw-sync unlock shop-api\`.`);
        return 'unlock-usage';
      }
      const res = await deps.services(config, { owner: r.owner, repo: r.repo }).unlocker.unlock({ api: cmd.api });
      await reply(
        `${who}: ${res.removed ? 'removed the apply lock from' : 'there was no lock on'} ${codeSpan(res.name)} (${codeSpan(res.apiId)}).`,
      );
      return 'unlock';
    }
    return await applyFromComment(r, pr, ev, config, deps, reply);
  } catch (e) {
    await reply(
      `${who}: \`/apigw-sync ${cmd.name}\` failed:\n\n${'```'}\n${errorText(e).replace(/`{3,}/g, '``')}\n${'```'}`,
    );
    return 'error';
  }
}

/**
 * `/apigw-sync apply` before merge: only an open pull request into the apply branch, only
 * its current commit, only when that commit is approved (counted from GitHub) and our sealed
 * comment shows its plan. The engine applies the approved desired state exactly (the whole
 * state, not per API: nothing else is merged in).
 */
async function applyFromComment(
  r: RepoCtx,
  pr: { number: number; headSha: string; baseSha: string },
  ev: CommentEvent,
  config: RepoConfig,
  deps: AppDeps,
  reply: (b: string) => Promise<unknown>,
): Promise<string> {
  const who = codeSpan(ev.login);
  const repo = { owner: r.owner, repo: r.repo };
  const gate = await checkReviewedApply(r.gh, repo, deps.services(config, repo), {
    prNumber: pr.number,
    when: 'before-merge',
    branch: applyBranch(r, config),
    defaultBranch: r.defaultBranch,
    config,
  });
  if (!gate.ok) {
    await reply(`${who}: ${escapeMarkdownText(gate.reason)}. Nothing was applied.`);
    return gate.code === 'NOT_APPROVED' ? 'apply-unapproved' : 'apply-refused';
  }
  const data = (await findAppComment(r, deps, pr.number))?.data;
  if (data?.headSha !== gate.headSha || data.desired?.fingerprint !== gate.approved.fingerprint) {
    await reply(
      `${who}: there is no plan for the current commit ${codeSpan(gate.headSha.slice(0, 7))} yet. Run \`/apigw-sync plan\`, get it approved, then apply.`,
    );
    return 'apply-no-plan';
  }
  const fp = codeSpan(shortFingerprint(gate.approved.fingerprint));
  const res = await runApplyJob(r, deps, config, {
    kind: 'pull-request',
    prNumber: pr.number,
    sha: gate.headSha,
    approved: exactApproval(gate.approved),
    requestedBy: ev.login,
  });
  if (res.status === 'dispatched') {
    await reply(
      `${who}: the apply of desired state ${fp} runs in the ${codeSpan(config.applyWorkflow)} workflow; this pull request's comment and deployment show how it ends.`,
    );
    return 'apply-dispatched';
  }
  const o = res.outcome;
  const verb =
    o.kind === 'applied'
      ? 'finished'
      : o.kind === 'no-changes'
        ? 'had nothing to do: AWS already matches'
        : o.kind === 'rolled-back'
          ? 'was rolled back'
          : o.kind === 'refused'
            ? 'was refused'
            : 'failed';
  const detail =
    o.kind === 'failed' || o.kind === 'rolled-back' || o.kind === 'refused' || o.kind === 'error'
      ? `\n\n${o.reason
          .split('\n')
          .map((l) => `- ${escapeMarkdownText(l)}`)
          .join('\n')}`
      : '';
  await reply(`${who}: apply of desired state ${fp} ${verb}.${detail}`);
  return `apply-${o.kind}`;
}
