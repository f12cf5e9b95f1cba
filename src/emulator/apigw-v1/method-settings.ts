/**
 * A REST stage's method settings through UpdateStage patch operations, as AWS takes them:
 * `/{resourcePath}/{httpMethod}/{group}/{setting}` sets one value, `remove /{resourcePath}/{httpMethod}`
 * drops the override. `{resourcePath}/{httpMethod}` is `*\/*` for every method, or a method's
 * resource path spelled escaped (`~1pets/GET`, the AWS CLI reference's spelling) or plain
 * (`pets/GET`, `pets/{id}/GET`, Terraform's); GetStage's `methodSettings` is keyed by that
 * spelling. A new override starts as a copy of `*\/*` when there is one (the CLI reference's
 * get-stage example shows the method inheriting the stage's values), else from AWS's defaults,
 * where throttling -1 means "not set" (what Terraform's provider reads back and writes to unset).
 */
import { badRequest } from '../core/types.js';
import { convert, splitPath, type FieldKind, type PatchOp } from './patch.js';
import type { MethodSetting, Stage } from './types.js';

const PATHS: Record<string, [keyof MethodSetting, FieldKind]> = {
  'metrics/enabled': ['metricsEnabled', 'bool'],
  'logging/loglevel': ['loggingLevel', 'string'],
  'logging/dataTrace': ['dataTraceEnabled', 'bool'],
  'throttling/burstLimit': ['throttlingBurstLimit', 'int'],
  'throttling/rateLimit': ['throttlingRateLimit', 'number'],
  'caching/enabled': ['cachingEnabled', 'bool'],
  'caching/ttlInSeconds': ['cacheTtlInSeconds', 'int'],
  'caching/dataEncrypted': ['cacheDataEncrypted', 'bool'],
  'caching/requireAuthorizationForCacheControl': ['requireAuthorizationForCacheControl', 'bool'],
  'caching/unauthorizedCacheControlHeaderStrategy': ['unauthorizedCacheControlHeaderStrategy', 'string'],
};

export const METHOD_SETTING_DEFAULTS: MethodSetting = {
  metricsEnabled: false,
  loggingLevel: 'OFF',
  dataTraceEnabled: false,
  throttlingBurstLimit: -1,
  throttlingRateLimit: -1,
  cachingEnabled: false,
  cacheTtlInSeconds: 300,
  cacheDataEncrypted: false,
  requireAuthorizationForCacheControl: true,
  unauthorizedCacheControlHeaderStrategy: 'SUCCEED_WITH_RESPONSE_HEADER',
};

const STAGE_MEMBERS = new Set(['variables', 'canarySettings', 'accessLogSettings']);
const METHODS = new Set(['*', 'GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS', 'ANY']);
const LOG_LEVELS = ['OFF', 'ERROR', 'INFO'];
const CACHE_CONTROL_STRATEGIES = ['FAIL_WITH_403', 'SUCCEED_WITH_RESPONSE_HEADER', 'SUCCEED_WITHOUT_RESPONSE_HEADER'];

/** The method-settings key a patch path addresses (with the setting it sets), or undefined when it is another stage path. */
function parse(path: string): { key: string; setting?: [keyof MethodSetting, FieldKind] } | undefined {
  const segs = splitPath(path);
  if (STAGE_MEMBERS.has(segs[0])) return undefined; // `/variables/GET` is a stage variable named GET
  if (segs.length >= 4) {
    const setting = PATHS[`${segs[segs.length - 2]}/${segs[segs.length - 1]}`];
    const method = segs[segs.length - 3];
    if (setting && METHODS.has(method)) return { key: [...segs.slice(0, -3), method].join('/'), setting };
  }
  if (segs.length >= 2 && METHODS.has(segs[segs.length - 1]) && segs.slice(0, -1).join('/') !== '')
    return { key: segs.join('/') };
  return undefined;
}

function checkValue(field: keyof MethodSetting, v: unknown, path: string): void {
  if (field === 'loggingLevel' && !LOG_LEVELS.includes(v as string))
    throw badRequest(`Invalid logging level '${String(v)}' for ${path}. Valid values are: ${LOG_LEVELS.join(', ')}`);
  if ((field === 'throttlingRateLimit' || field === 'throttlingBurstLimit') && (v as number) < -1)
    throw badRequest(`Invalid throttling value ${String(v)} for ${path}: a limit is 0 or more (-1 unsets it)`);
  if (field === 'cacheTtlInSeconds' && ((v as number) < 0 || (v as number) > 3600))
    throw badRequest(`Invalid cache TTL ${String(v)} for ${path}: between 0 and 3600 seconds`);
  if (field === 'unauthorizedCacheControlHeaderStrategy' && !CACHE_CONTROL_STRATEGIES.includes(v as string)) {
    throw badRequest(
      `Invalid unauthorizedCacheControlHeaderStrategy '${String(v)}'. Valid values are: ${CACHE_CONTROL_STRATEGIES.join(', ')}`,
    );
  }
}

/** Applies the op when it addresses a method setting; false when the path is another stage path. */
export function applyMethodSetting(s: Stage, op: PatchOp): boolean {
  const target = parse(op.path);
  if (!target) return false;
  if (!target.setting) {
    if (op.op !== 'remove') return false;
    if (!s.methodSettings[target.key])
      throw badRequest(`Cannot remove method setting ${target.key} because there is no method setting for this method`);
    delete s.methodSettings[target.key];
    return true;
  }
  if (op.op !== 'replace' && op.op !== 'add')
    throw badRequest(`Invalid patch operation '${op.op}' for ${op.path}; use replace`);
  const [field, kind] = target.setting;
  const value = convert(kind, op.value, op.path);
  checkValue(field, value, op.path);
  const entry = (s.methodSettings[target.key] ??= {
    ...(target.key !== '*/*' && s.methodSettings['*/*'] ? s.methodSettings['*/*'] : METHOD_SETTING_DEFAULTS),
  });
  (entry as unknown as Record<string, unknown>)[field] = value;
  return true;
}

/** Whether any method setting writes execution logs to CloudWatch (needs the account's CloudWatch role). */
export const logsExecution = (s: Stage): boolean =>
  Object.values(s.methodSettings).some((m) => m.loggingLevel !== 'OFF' || m.dataTraceEnabled);
