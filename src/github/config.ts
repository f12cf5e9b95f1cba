/**
 * Per-repository configuration, `.github/apigw-sync.yml`, validated with zod. Everything is
 * optional; defaults make a repository with only `gateway-state/` work.
 */
import { parse } from 'yaml';
import { z } from 'zod';
import { ApigwSyncError } from '../model/errors.js';

export const CONFIG_PATH = '.github/apigw-sync.yml';

export const RepoConfigSchema = z
  .object({
    /** AWS region for a gateway-state whose gateway.yaml declares none; a state that declares another region is an error. */
    region: z.string().regex(/^[a-z]{2}(-[a-z]+)+-\d$/, 'an AWS region such as ap-northeast-2').optional(),
    /** IAM role the App assumes for this repository. */
    roleArn: z.string().regex(/^arn:aws[a-z-]*:iam::\d{12}:role\/.+$/, 'an IAM role ARN').optional(),
    /** The gateway-state directory in the repository. */
    path: z.string().min(1).default('gateway-state'),
    cost: z
      .object({ commentThreshold: z.object({ usd: z.number().nonnegative().optional(), percent: z.number().nonnegative().optional() }).strict() })
      .strict()
      .optional(),
    /** Approvals of the current plan needed before `/apigw-sync apply`. */
    requiredApprovals: z.number().int().min(0).max(10).default(1),
  })
  .strict();

export type RepoConfig = z.infer<typeof RepoConfigSchema>;

export const DEFAULT_CONFIG: RepoConfig = RepoConfigSchema.parse({});

export class ConfigError extends ApigwSyncError {
  constructor(message: string) {
    super('BAD_CONFIG', `${CONFIG_PATH}: ${message}`, { hint: 'fix the file; every key is optional (region, roleArn, path, cost, requiredApprovals)' });
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
  if (!r.success) throw new ConfigError(r.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; '));
  return { ...r.data, path: r.data.path.replace(/\/+$/, '') };
}
