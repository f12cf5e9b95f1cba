/**
 * API keys: Create (a given value of 20–128 letters and digits, unique in the region — "API Key
 * already exists" — or one API Gateway generates: 40 letters and digits; `enabled` defaults to
 * false, as in the API), Get/GetApiKeys (the value only with `includeValue(s)=true`; `name`
 * filters by prefix, `customerId` exactly), Update (patch: /name, /description, /enabled,
 * /customerId, and the legacy /stages; the value cannot be changed) and Delete (the key leaves
 * every plan).
 */
import { randomInt } from 'node:crypto';
import { parsePatchOps } from '../apigw-v1/patch.js';
import { route } from '../apigw-v1/route.js';
import { bodyOf, bool, compact, nowSeconds, ok, page, str, strMap } from '../apigw-v1/wire.js';
import { newId } from '../apigw-v1/ids.js';
import type { ApigwV1Module } from '../apigw-v1/index.js';
import { checkTags } from '../core/tags.js';
import { badRequest, conflict, limitExceeded, type ModuleContext, type RouteDef } from '../core/types.js';
import { USAGE_LIMITS, type UsagePlansStore } from './store.js';
import type { ApiKey } from './types.js';

const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
const generatedValue = () => Array.from({ length: 40 }, () => ALNUM[randomInt(ALNUM.length)]).join('');

export const apiKeyView = (k: ApiKey, withValue: boolean) =>
  compact({
    ...k,
    value: withValue ? k.value : undefined,
    tags: k.tags && Object.keys(k.tags).length > 0 ? k.tags : undefined,
  });

const PATCH_PATHS = ['/name', '/description', '/enabled', '/customerId', '/stages'];

function checkValue(value: string): void {
  if (value.length < 20) throw badRequest('API Key value should be at least 20 characters');
  if (value.length > 128 || !/^[A-Za-z0-9]+$/.test(value))
    throw badRequest('API Key value must be an alphanumeric string of 20 to 128 characters');
}

export function apiKeyRoutes(store: UsagePlansStore, ctx?: ModuleContext): RouteDef[] {
  /** Legacy stage keys name an existing REST API stage as `restApiId/stageName`. */
  const stageKey = (restApiId: string | undefined, stageName: string | undefined): string => {
    const st = ctx?.module<ApigwV1Module>('apigateway')?.store.state.apis.find((a) => a.api.id === restApiId);
    if (!restApiId || !stageName || !st?.stages.some((s) => s.stageName === stageName))
      throw badRequest('Invalid stage identifier specified');
    return `${restApiId}/${stageName}`;
  };
  return [
    route('POST', '/apikeys', 'CreateApiKey', true, (req) => {
      const b = bodyOf(req);
      if (store.state.apiKeys.length >= USAGE_LIMITS.apiKeysPerRegion)
        throw limitExceeded(`Maximum number of API keys reached (${USAGE_LIMITS.apiKeysPerRegion})`);
      const given = str(b, 'value');
      if (given !== undefined) {
        checkValue(given);
        if (store.state.apiKeys.some((k) => k.value === given)) throw conflict('API Key already exists');
      }
      const stageKeys = Array.isArray(b.stageKeys)
        ? (b.stageKeys as Array<Record<string, unknown>>).map((s) => stageKey(str(s, 'restApiId'), str(s, 'stageName')))
        : [];
      const now = nowSeconds();
      const key: ApiKey = compact({
        id: newId(10),
        value: given ?? generatedValue(),
        name: str(b, 'name'),
        customerId: str(b, 'customerId'),
        description: str(b, 'description'),
        enabled: bool(b, 'enabled') ?? false,
        createdDate: now,
        lastUpdatedDate: now,
        stageKeys,
        tags: checkTags(strMap(b, 'tags')),
      });
      store.state.apiKeys.push(key);
      return ok(apiKeyView(key, true), 201);
    }),
    route('GET', '/apikeys', 'GetApiKeys', false, (req) => {
      const name = req.query.get('name');
      const customerId = req.query.get('customerId');
      const withValues = req.query.get('includeValues') === 'true';
      const keys = store.state.apiKeys.filter(
        (k) =>
          (name === null || (k.name ?? '').startsWith(name)) && (customerId === null || k.customerId === customerId),
      );
      return ok(
        page(
          keys.map((k) => apiKeyView(k, withValues)),
          req,
        ),
      );
    }),
    route('GET', '/apikeys/{apiKeyId}', 'GetApiKey', false, (req, p) =>
      ok(apiKeyView(store.apiKey(p.apiKeyId), req.query.get('includeValue') === 'true')),
    ),
    route('PATCH', '/apikeys/{apiKeyId}', 'UpdateApiKey', true, (req, p) => {
      const current = store.apiKey(p.apiKeyId);
      const next: ApiKey = structuredClone(current);
      for (const op of parsePatchOps(bodyOf(req).patchOperations)) {
        const path = PATCH_PATHS.find((x) => x === op.path);
        if (!path)
          throw badRequest(
            `Invalid patch path '${op.path}' specified for op '${op.op}'. Must be one of: [${PATCH_PATHS.join(', ')}]${op.path === '/value' ? '. An API key value cannot be changed: create a new key' : ''}`,
          );
        if (path === '/stages') {
          if (op.op !== 'add' && op.op !== 'remove')
            throw badRequest(`Invalid patch operation '${op.op}' for /stages: add or remove restApiId/stageName`);
          const [restApiId, stageName] = (op.value ?? '').split('/');
          if (op.op === 'add') next.stageKeys = [...new Set([...next.stageKeys, stageKey(restApiId, stageName)])];
          else next.stageKeys = next.stageKeys.filter((s) => s !== op.value);
          continue;
        }
        if (op.op !== 'replace' && op.op !== 'add' && op.op !== 'remove')
          throw badRequest(`Invalid patch operation '${op.op}' for ${path}`);
        const field = path.slice(1) as 'name' | 'description' | 'enabled' | 'customerId';
        if (field === 'enabled') {
          if (op.value !== 'true' && op.value !== 'false')
            throw badRequest(`Invalid boolean value '${op.value}' for /enabled`);
          next.enabled = op.value === 'true';
        } else if (op.op === 'remove' || op.value === undefined || op.value === '') delete next[field];
        else next[field] = op.value;
      }
      next.lastUpdatedDate = nowSeconds();
      store.state.apiKeys[store.state.apiKeys.indexOf(current)] = next;
      return ok(apiKeyView(next, false));
    }),
    route('DELETE', '/apikeys/{apiKeyId}', 'DeleteApiKey', true, (_req, p) => {
      const key = store.apiKey(p.apiKeyId);
      store.state.apiKeys = store.state.apiKeys.filter((k) => k !== key);
      store.state.usagePlanKeys = store.state.usagePlanKeys.filter((k) => k.keyId !== key.id);
      return ok(undefined, 202);
    }),
  ];
}
