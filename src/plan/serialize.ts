/**
 * Plan ⇄ JSON (`plan --out plan.json`, `apply plan.json`). The file keeps real values:
 * apply needs them (masking is for displays, see render/mask.ts). Reading checks that the
 * file is an apigw-sync plan of a version this build understands and that its summary
 * still matches its steps (a hand-edited plan is refused, not applied).
 */
import { z } from 'zod';
import type { Plan } from '../model/plan.js';
import { TARGETS } from '../kinds/registry.js';
import { summarize } from './build.js';
import { PlanFileError } from './errors.js';

export const PLAN_FILE_KIND = 'apigw-sync/plan';
export const PLAN_FILE_VERSION = 1;

const fieldChange = z.object({ path: z.string(), before: z.unknown().optional(), after: z.unknown().optional() });
const change = z.object({
  id: z.string(),
  apiKey: z.string().min(1),
  apiKind: z.enum(['RestApi', 'HttpApi', 'WebSocketApi']),
  target: z.enum(TARGETS),
  action: z.enum(['create', 'update', 'delete']),
  name: z.string(),
  before: z.unknown().optional(),
  after: z.unknown().optional(),
  fields: z.array(fieldChange),
  flags: z.object({
    redeploy: z.boolean(),
    breaking: z.boolean(),
    destructive: z.boolean(),
    movesTraffic: z.boolean().optional(),
    security: z.boolean().optional(),
    reasons: z.array(z.string()),
  }),
});
const planSchema = z.object({
  kind: z.literal(PLAN_FILE_KIND),
  version: z.literal(PLAN_FILE_VERSION),
  fingerprint: z.string().regex(/^[0-9a-f]{64}$/, 'a sha256 in hex'),
  createdAt: z.string(),
  region: z.string(),
  steps: z.array(z.object({ seq: z.number().int().positive(), change })),
  summary: z.object({
    add: z.number().int(),
    change: z.number().int(),
    destroy: z.number().int(),
    redeploys: z.number().int(),
    breaking: z.number().int(),
    security: z.number().int().optional(),
  }),
  deployments: z.record(z.string(), z.array(z.string())),
  secrets: z.record(z.string(), z.array(z.string())).optional(),
  adopt: z.array(z.string()).optional(),
  owner: z.string().optional(),
  adoptAccount: z.array(z.object({ target: z.enum(TARGETS), key: z.string(), id: z.string() })).optional(),
  environment: z.string().optional(),
});

export function serializePlan(plan: Plan): string {
  return `${JSON.stringify({ kind: PLAN_FILE_KIND, ...plan }, null, 2)}\n`;
}

export function parsePlan(text: string, opts: { file?: string } = {}): Plan {
  const file = opts.file;
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (cause) {
    throw new PlanFileError('is not JSON, so it is not an apigw-sync plan', { file, cause });
  }
  const obj = (data ?? {}) as Record<string, unknown>;
  if (typeof data !== 'object' || Array.isArray(data) || obj.kind !== PLAN_FILE_KIND) {
    throw new PlanFileError(`is not an apigw-sync plan (expected "kind": "${PLAN_FILE_KIND}")`, { file });
  }
  if (obj.version !== PLAN_FILE_VERSION) {
    throw new PlanFileError(
      `is a plan of format version ${JSON.stringify(obj.version)}; this apigw-sync reads version ${PLAN_FILE_VERSION}`,
      {
        file,
        hint: 'plan again with this apigw-sync version, or apply with the version that wrote the plan',
      },
    );
  }
  const parsed = planSchema.safeParse(data);
  if (!parsed.success) {
    const first = parsed.error.issues[0];
    throw new PlanFileError(`is not a valid plan: ${first.path.join('.') || '(root)'}: ${first.message}`, { file });
  }
  const { kind: _kind, ...rest } = parsed.data;
  const plan = rest as Plan;
  plan.steps.forEach((s, i) => {
    if (s.seq !== i + 1)
      throw new PlanFileError(`step ${i + 1} has seq ${s.seq}: steps must be numbered 1, 2, 3… in order`, { file });
  });
  const expected = summarize(
    plan.steps.map((s) => s.change),
    plan.deployments,
  );
  if (JSON.stringify(expected) !== JSON.stringify(plan.summary)) {
    throw new PlanFileError('summary does not match its steps: the file was edited after `apigw-sync plan` wrote it', {
      file,
    });
  }
  return plan;
}
