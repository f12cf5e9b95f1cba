/**
 * UpdateUsagePlan patch operations, the paths AWS accepts:
 * - `replace /name`, `/description`; `add|replace|remove /productCode`;
 * - `add|replace /throttle/rateLimit`, `/throttle/burstLimit`; `remove /throttle`;
 * - `add|replace /quota/limit`, `/quota/offset`, `/quota/period`; `remove /quota`;
 * - `add|remove /apiStages` with value `{apiId}:{stage}` (remove of a stage not in the plan:
 *   "Invalid API Stage specified");
 * - `replace /apiStages/{apiId}:{stage}/throttle` with a JSON map `{"/pets/GET":{"rateLimit":1,"burstLimit":1}}`,
 *   `remove /apiStages/{apiId}:{stage}/throttle`;
 * - `replace /apiStages/{apiId}:{stage}/throttle/{resourcePath}/{httpMethod}/rateLimit|burstLimit`
 *   (the resource path as is, `/pets`, or escaped, `~1pets`: the key is `/pets/GET`),
 *   `remove /apiStages/{apiId}:{stage}/throttle/{resourcePath}/{httpMethod}`.
 * Anything else: AWS's "Invalid patch path … Must be one of: [...]".
 */
import type { PatchOp } from '../apigw-v1/patch.js';
import { badRequest } from '../core/types.js';
import type { ApiStage, UsagePlan } from './types.js';

const VALID: Record<string, string[]> = {
  add: [
    '/apiStages',
    '/productCode',
    '/throttle/burstLimit',
    '/throttle/rateLimit',
    '/quota/limit',
    '/quota/offset',
    '/quota/period',
  ],
  replace: [
    '/name',
    '/description',
    '/productCode',
    '/throttle/burstLimit',
    '/throttle/rateLimit',
    '/quota/limit',
    '/quota/offset',
    '/quota/period',
    '/apiStages/<apidId:stageName>/throttle',
    '/apiStages/<apidId:stageName>/throttle/<resourcePath>/<httpMethod>/rateLimit',
    '/apiStages/<apidId:stageName>/throttle/<resourcePath>/<httpMethod>/burstLimit',
  ],
  remove: [
    '/apiStages',
    '/quota',
    '/throttle',
    '/productCode',
    '/apiStages/<apidId:stageName>/throttle/<resourcePath>/<httpMethod>',
    '/apiStages/<apidId:stageName>/throttle',
  ],
};

function invalid(op: PatchOp): never {
  throw badRequest(
    `Invalid patch path '${op.path}' specified for op '${op.op}'. Must be one of: [${(VALID[op.op] ?? []).join(', ')}]`,
  );
}

function required(op: PatchOp): string {
  if (op.value === undefined || op.value === '')
    throw badRequest(`Invalid patch operation: value is required for ${op.op} ${op.path}`);
  return op.value;
}

function int(op: PatchOp): number {
  const n = Number(required(op));
  if (!Number.isInteger(n)) throw badRequest(`Invalid integer value '${op.value}' for ${op.path}`);
  return n;
}

function num(op: PatchOp): number {
  const n = Number(required(op));
  if (!Number.isFinite(n)) throw badRequest(`Invalid number value '${op.value}' for ${op.path}`);
  return n;
}

const unescape = (s: string) => s.replace(/~1/g, '/').replace(/~0/g, '~');

function stageOf(plan: UsagePlan, id: string): ApiStage {
  const s = plan.apiStages.find((x) => `${x.apiId}:${x.stage}` === id);
  if (!s) throw badRequest('Invalid API Stage specified');
  return s;
}

/** Per-method throttle key from the rest of the path after `/throttle/`: `{resourcePath}/{httpMethod}`. */
function methodKey(rest: string): string {
  const resource = unescape(rest.slice(0, rest.lastIndexOf('/')));
  const method = rest.slice(rest.lastIndexOf('/') + 1);
  const path = resource.startsWith('/') ? resource : `/${resource}`;
  return `${path}/${method}`;
}

/** Applies the ops to a copy the caller owns; the caller validates the result as a whole. */
export function applyUsagePlanPatch(plan: UsagePlan, ops: PatchOp[]): void {
  for (const op of ops) {
    if (!['add', 'replace', 'remove'].includes(op.op)) invalid(op);
    const p = op.path;
    if (p === '/name' || p === '/description') {
      if (op.op !== 'replace') invalid(op);
      if (p === '/name') plan.name = required(op);
      else if (op.value) plan.description = op.value;
      else delete plan.description;
    } else if (p === '/productCode') {
      if (op.op === 'remove') delete plan.productCode;
      else plan.productCode = required(op);
    } else if (p === '/throttle') {
      if (op.op !== 'remove') invalid(op);
      delete plan.throttle;
    } else if (p === '/throttle/rateLimit' || p === '/throttle/burstLimit') {
      if (op.op === 'remove') invalid(op);
      plan.throttle ??= {};
      if (p === '/throttle/rateLimit') plan.throttle.rateLimit = num(op);
      else plan.throttle.burstLimit = int(op);
    } else if (p === '/quota') {
      if (op.op !== 'remove') invalid(op);
      delete plan.quota;
    } else if (p === '/quota/limit' || p === '/quota/offset' || p === '/quota/period') {
      if (op.op === 'remove') invalid(op);
      const q = (plan.quota ??= { limit: 0, offset: 0, period: 'MONTH' });
      if (p === '/quota/limit') q.limit = int(op);
      else if (p === '/quota/offset') q.offset = int(op);
      else q.period = required(op) as typeof q.period;
    } else if (p === '/apiStages') {
      if (op.op === 'replace') invalid(op);
      const value = op.value ?? '';
      const [apiId, stage] = [value.slice(0, value.indexOf(':')), value.slice(value.indexOf(':') + 1)];
      if (op.op === 'add') {
        if (!value.includes(':')) throw badRequest(`Invalid API Stage ${value}: give {apiId}:{stage}`);
        plan.apiStages.push({ apiId, stage });
      } else {
        stageOf(plan, value);
        plan.apiStages = plan.apiStages.filter((s) => `${s.apiId}:${s.stage}` !== value);
      }
    } else {
      const m = /^\/apiStages\/([^/]+:[^/]+)\/throttle(?:\/(.+))?$/.exec(p.trim());
      if (!m || op.op === 'add') invalid(op);
      const s = stageOf(plan, m[1]);
      const rest = m[2];
      if (rest === undefined) {
        if (op.op === 'remove') delete s.throttle;
        else s.throttle = parseThrottleMap(required(op));
        continue;
      }
      const leaf = /\/(rateLimit|burstLimit)$/.exec(rest);
      if (op.op === 'remove') {
        if (leaf) invalid(op);
        const key = methodKey(rest);
        if (!s.throttle?.[key]) throw badRequest(`Invalid method throttle ${key}: the stage has no throttle for it`);
        delete s.throttle[key];
        if (Object.keys(s.throttle).length === 0) delete s.throttle;
        continue;
      }
      if (!leaf) invalid(op);
      const key = methodKey(rest.slice(0, -leaf[0].length));
      const t = ((s.throttle ??= {})[key] ??= {});
      if (leaf[1] === 'rateLimit') t.rateLimit = num(op);
      else t.burstLimit = int(op);
    }
  }
}

function parseThrottleMap(text: string): Record<string, { burstLimit?: number; rateLimit?: number }> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw badRequest(
      `Invalid throttle map ${text}: a JSON object such as {"/pets/GET":{"rateLimit":1.0,"burstLimit":1}}`,
    );
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed))
    throw badRequest(`Invalid throttle map ${text}`);
  const out: Record<string, { burstLimit?: number; rateLimit?: number }> = {};
  for (const [k, v] of Object.entries(parsed as Record<string, Record<string, unknown>>)) {
    const t: { burstLimit?: number; rateLimit?: number } = {};
    if (typeof v?.burstLimit === 'number') t.burstLimit = v.burstLimit;
    if (typeof v?.rateLimit === 'number') t.rateLimit = v.rateLimit;
    out[k] = t;
  }
  return out;
}
