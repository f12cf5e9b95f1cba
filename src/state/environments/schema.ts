/**
 * The structural schema of `environments/<name>.yaml` (zod 4, strict like api.yaml, exported
 * as schema/environment.schema.json). Its per-API overrides are composed from the sections
 * registry (sections.ts), gateway-level ones from gateway.yaml's own fragments.
 */
import { z } from 'zod';
import { costSchema, gatewayDefaultsSchema, REGION_CODE } from '../schema.js';
import { OVERRIDE_SECTIONS } from './sections.js';
import { overrideOf } from './override-schema.js';

/** An environment's name: its file name, part of owner ids and GitHub Environment names. */
export const ENVIRONMENT_NAME = /^[a-z0-9][a-z0-9-]{0,31}$/;
const API_KEY = /^[a-z0-9][a-z0-9-]{0,62}$/;

const region = z.string().regex(REGION_CODE, 'must be an AWS region code such as ap-northeast-2');

export const apiOverrideSchema = z
  .strictObject(Object.fromEntries(OVERRIDE_SECTIONS.map((s) => [s.key, s.schema.optional()])))
  .describe('Overrides of one API of the base (apis/<api>/api.yaml), section by section.');

export const environmentSchema = z
  .strictObject({
    account: z
      .strictObject({
        id: z
          .string()
          .regex(/^\d{12}$/, 'must be a 12-digit AWS account id')
          .describe('The AWS account this environment lives in.'),
        roleArn: z
          .string()
          .regex(
            /^arn:aws[a-z-]*:iam::\d{12}:role\/[\w+=,.@/-]+$/,
            'must be an IAM role ARN such as arn:aws:iam::123456789012:role/apigw-sync',
          )
          .optional()
          .describe(
            'The role the GitHub App assumes (STS AssumeRole) and the Action uses (OIDC) for this environment.',
          ),
        profile: z
          .string()
          .regex(/^[\w.@+-]{1,64}$/, 'must be an AWS profile name')
          .optional()
          .describe('The AWS profile the CLI uses for this environment (~/.aws/config and credentials).'),
      })
      .describe('Where this environment lives and how each runner reaches it.'),
    region: region.optional().describe('The region of this environment (or `regions` for several).'),
    regions: z
      .array(region)
      .min(1)
      .optional()
      .describe('The regions of this environment: each is planned and applied on its own.'),
    owner: z
      .string()
      .regex(
        /^[A-Za-z0-9_.:/=+@-]{1,128}$/,
        'must be 1–128 letters, digits or _ . : / = + - @ (it is kept in an AWS tag)',
      )
      .optional()
      .describe("Owner id of this environment's APIs. Default: the directory's owner id followed by @<environment>."),
    include: z
      .array(z.string().regex(API_KEY, 'must be an API folder name under apis/'))
      .min(1)
      .optional()
      .describe('The APIs of the base this environment has (folder names under apis/). Default: every API.'),
    accountScope: z
      .boolean()
      .optional()
      .describe(
        "false: this environment has none of the account-scope records (domains/, vpc-links/, usage-plans/, …), as if their folders were empty (records its owner id made there are deleted; others are never touched). Default true: the base's folders, or the environment's own under environments/<name>/<folder>/.",
      ),
    promotion: z
      .strictObject({
        soakSeconds: z
          .number()
          .int()
          .min(0)
          .max(86_400)
          .optional()
          .describe('Wait this long after the previous environment in `promotion:` promoted, before this one starts.'),
        approval: z
          .boolean()
          .optional()
          .describe(
            'A person approves before this environment starts (GitHub: required reviewers on its GitHub Environment; CLI: asked on a terminal).',
          ),
      })
      .optional()
      .describe('How a change reaches this environment after the one before it in gateway.yaml `promotion:`.'),
    defaults: overrideOf(gatewayDefaultsSchema)
      .optional()
      .describe("Over gateway.yaml's defaults (rollout policy, cost thresholds)."),
    cost: overrideOf(costSchema).optional().describe("Over gateway.yaml's cost thresholds."),
    apis: z
      .record(z.string().regex(API_KEY, 'must be an API folder name under apis/'), apiOverrideSchema)
      .optional()
      .describe('Per-API overrides, keyed by the folder name under apis/.'),
  })
  .describe('gateway-state/environments/<name>.yaml');

export type EnvironmentFile = z.infer<typeof environmentSchema>;
