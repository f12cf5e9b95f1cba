/**
 * Per-repository configuration, `.github/apigw-sync.yml`, validated with zod. Everything is
 * optional; defaults make a repository with only `gateway-state/` work.
 */
import { parse } from 'yaml';
import { z } from 'zod';
import { ApigwSyncError } from '../model/errors.js';
import type { GitHubClient, RepoRef } from './client.js';

export const CONFIG_PATH = '.github/apigw-sync.yml';

export const RepoConfigSchema = z
  .object({
    /** AWS region for a gateway-state whose gateway.yaml declares none; a state that declares another region is an error. */
    region: z
      .string()
      .regex(/^[a-z]{2}(-[a-z]+)+-\d$/, 'an AWS region such as ap-northeast-2')
      .optional(),
    /** IAM role the App assumes for this repository. */
    roleArn: z
      .string()
      .regex(/^arn:aws[a-z-]*:iam::\d{12}:role\/.+$/, 'an IAM role ARN')
      .optional(),
    /** The gateway-state directory in the repository. */
    path: z.string().min(1).default('gateway-state'),
    cost: z
      .object({
        commentThreshold: z
          .object({ usd: z.number().nonnegative().optional(), percent: z.number().nonnegative().optional() })
          .strict(),
      })
      .strict()
      .optional(),
    /** Approvals of the current commit's plan needed before `/apigw-sync apply` and the merge apply. */
    requiredApprovals: z.number().int().min(0).max(10).default(1),
    approvals: z
      .object({
        /** The least repository permission an approving reviewer must have (checked with GitHub when counting). */
        minPermission: z.enum(['write', 'maintain', 'admin']).default('write'),
        /** When the repository has a CODEOWNERS file: every changed file under `path` needs an approval by one of its owners. */
        codeowners: z.boolean().default(false),
      })
      .strict()
      .default({ minPermission: 'write', codeowners: false }),
    /** The branch pull requests merge into to be applied (default: the repository's default branch). */
    branch: z.string().min(1).optional(),
    /**
     * Who runs an apply: `actions` (default) dispatches the repository's apply workflow, so AWS
     * credentials stay in its OIDC role and the runner does the waiting; `in-process` applies
     * inside the App (self-hosted App with its own AWS access).
     */
    executor: z.enum(['actions', 'in-process']).default('actions'),
    /** The workflow file (under .github/workflows) the `actions` executor dispatches. */
    applyWorkflow: z
      .string()
      .regex(/^[\w.-]+\.ya?ml$/, 'a workflow file name such as gateway-apply.yml')
      .default('gateway-apply.yml'),
  })
  .strict();

export type RepoConfig = z.infer<typeof RepoConfigSchema>;

export const DEFAULT_CONFIG: RepoConfig = RepoConfigSchema.parse({});

export class ConfigError extends ApigwSyncError {
  constructor(message: string) {
    super('BAD_CONFIG', `${CONFIG_PATH}: ${message}`, {
      hint: 'fix the file; every key is optional (region, roleArn, path, cost, requiredApprovals, approvals, branch, executor, applyWorkflow)',
    });
  }
}

/** Parses the file's text (absent file = defaults). Throws ConfigError naming the bad key. */
export function parseRepoConfig(text: string | undefined): RepoConfig {
  if (text === undefined || text.trim() === '') return DEFAULT_CONFIG;
  let raw: unknown;
  try {
    raw = parse(text);
  } catch (e) {
    throw new ConfigError(`not valid YAML: ${(e as Error).message}`);
  }
  const r = RepoConfigSchema.safeParse(raw ?? {});
  if (!r.success)
    throw new ConfigError(r.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; '));
  return { ...r.data, path: r.data.path.replace(/\/+$/, '') };
}

/** The file from `ref` (the default branch: a pull request must not change its own rules); absent = defaults. */
export async function fetchRepoConfig(gh: GitHubClient, repo: RepoRef, ref: string): Promise<RepoConfig> {
  try {
    const { data } = await gh.rest.repos.getContent({ ...repo, path: CONFIG_PATH, ref });
    if (Array.isArray(data) || data.type !== 'file' || !('content' in data)) return parseRepoConfig(undefined);
    return parseRepoConfig(Buffer.from(data.content, 'base64').toString('utf8'));
  } catch (e) {
    if ((e as { status?: number }).status === 404) return parseRepoConfig(undefined);
    throw e;
  }
}
