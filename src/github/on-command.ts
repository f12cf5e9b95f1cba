/**
 * `/apigw-sync plan|apply|unlock` in a pull-request comment. Only users with write access
 * may run them (checked with GitHub, not trusted from the payload); every command gets a
 * reaction (+1 accepted, confused refused) and a reply.
 */
import { currentApprovals } from '../render/comment-data.js';
import { renderPlanComment } from '../render/comment.js';
import { codeSpan, escapeMarkdownText } from '../render/escape.js';
import { shortFingerprint } from '../plan/fingerprint.js';
import type { AppDeps, RepoCtx } from './app-context.js';
import { parseSlashCommand, WRITE_PERMISSIONS } from './commands.js';
import type { RepoConfig } from './config.js';
import { errorText, planPullRequest } from './pr-plan.js';
import { fetchState } from './state-fetch.js';
import { findStickyComment } from './sticky-comment.js';

export interface CommentEvent {
  prNumber: number;
  commentId: number;
  login: string;
  body: string;
}

export async function handleCommand(r: RepoCtx, ev: CommentEvent, config: RepoConfig, deps: AppDeps): Promise<string | undefined> {
  const cmd = parseSlashCommand(ev.body);
  if (!cmd) return undefined;
  const repo = { owner: r.owner, repo: r.repo };
  const react = (content: '+1' | 'confused') => r.gh.rest.reactions.createForIssueComment({ ...repo, comment_id: ev.commentId, content });
  const reply = (body: string) => r.gh.rest.issues.createComment({ ...repo, issue_number: ev.prNumber, body });
  const who = codeSpan(ev.login);

  if (cmd.name === 'unknown') {
    await react('confused');
    await reply(`${who}: unknown command ${codeSpan(cmd.text)}. Use \`/apigw-sync plan\`, \`/apigw-sync apply\` or \`/apigw-sync unlock <api>\`.`);
    return 'unknown';
  }
  const { data: perm } = await r.gh.rest.repos.getCollaboratorPermissionLevel({ ...repo, username: ev.login });
  if (!WRITE_PERMISSIONS.has(perm.role_name ?? '') && !WRITE_PERMISSIONS.has(perm.permission)) {
    await react('confused');
    await reply(`${who} has ${codeSpan(perm.permission)} access: \`/apigw-sync ${cmd.name}\` needs write access to this repository. Nothing was done.`);
    return 'refused';
  }
  await react('+1');
  const { data: pull } = await r.gh.rest.pulls.get({ ...repo, pull_number: ev.prNumber });
  const pr = { number: ev.prNumber, headSha: pull.head.sha, baseSha: pull.base.sha };

  try {
    if (cmd.name === 'plan') {
      const res = await planPullRequest(r, pr, config, deps);
      await reply(`${who}: planned again for ${codeSpan(pr.headSha.slice(0, 7))}${res.fingerprint ? ` — plan ${codeSpan(shortFingerprint(res.fingerprint))}` : ' — gateway-state is invalid'}; the comment above is up to date.`);
      return 'plan';
    }
    if (cmd.name === 'unlock') {
      if (!cmd.api) {
        await reply(`${who}: say which API, e.g. \`/apigw-sync unlock shop-api\`.`);
        return 'unlock-usage';
      }
      const res = await deps.services(config, { owner: r.owner, repo: r.repo }).unlocker.unlock({ api: cmd.api });
      await reply(`${who}: ${res.removed ? 'removed the apply lock from' : 'there was no lock on'} ${codeSpan(res.name)} (${codeSpan(res.apiId)}).`);
      return 'unlock';
    }
    return await applyFromComment(r, pr, ev, config, deps, reply);
  } catch (e) {
    await reply(`${who}: \`/apigw-sync ${cmd.name}\` failed:\n\n${'```'}\n${errorText(e).replace(/`{3,}/g, '``')}\n${'```'}`);
    return 'error';
  }
}

async function applyFromComment(
  r: RepoCtx,
  pr: { number: number; headSha: string; baseSha: string },
  ev: CommentEvent,
  config: RepoConfig,
  deps: AppDeps,
  reply: (b: string) => Promise<unknown>,
): Promise<string> {
  const who = codeSpan(ev.login);
  const comment = await findStickyComment(r.gh, { owner: r.owner, repo: r.repo, issue_number: pr.number });
  const data = comment?.data;
  if (!comment || !data?.fingerprint || data.headSha !== pr.headSha) {
    await reply(`${who}: there is no plan for the current commit ${codeSpan(pr.headSha.slice(0, 7))} yet. Run \`/apigw-sync plan\`, get it approved, then apply.`);
    return 'apply-no-plan';
  }
  const approved = currentApprovals(data.approvals, data.fingerprint, pr.headSha);
  if (approved.length < config.requiredApprovals) {
    await reply(`${who}: plan ${codeSpan(shortFingerprint(data.fingerprint))} has ${approved.length} of ${config.requiredApprovals} required approvals. Nothing was applied.`);
    return 'apply-unapproved';
  }
  const state = await fetchState(r.gh, { owner: r.owner, repo: r.repo }, { sha: pr.headSha, path: config.path });
  try {
    const res = await deps.services(config, { owner: r.owner, repo: r.repo }).applier.apply({ dir: state.dir, displayDir: config.path, fingerprint: data.fingerprint, owner: `github:${ev.login}` });
    const status = res.status === 'applied' || res.status === 'no-changes' ? 'applied' : res.rolledBack.length ? 'rolled-back' : 'failed';
    if (res.plan) {
      const { body } = renderPlanComment({ headSha: pr.headSha, plan: res.plan, issues: res.issues, approvals: data.approvals, requiredApprovals: config.requiredApprovals, status, progress: res.progress });
      await r.gh.rest.issues.updateComment({ owner: r.owner, repo: r.repo, comment_id: comment.id, body });
    }
    const failures = res.failures.map((f) => `- ${escapeMarkdownText(f.apiKey)}: ${escapeMarkdownText(f.message)}`).join('\n');
    await reply(`${who}: apply of plan ${codeSpan(shortFingerprint(data.fingerprint))} ${status === 'applied' ? 'finished' : status === 'rolled-back' ? 'was rolled back' : 'failed'}.${failures ? `\n\n${failures}` : ''}`);
    return `apply-${status}`;
  } finally {
    await state.cleanup();
  }
}
