/**
 * v1 BasePathMapping operations on a domain: Create (`basePath` absent, "" or "(none)" is the
 * empty base path; `stage` absent, "" or "(none)" leaves the stage to the caller's URL), Get
 * (`(none)` addresses the empty base path), GetBasePathMappings (paged), Update (patch
 * `replace` of `/basePath`, `/restapiId`, `/stage`) and Delete. They are the same records v2
 * reads as API mappings.
 */
import { parsePatchOps } from '../apigw-v1/patch.js';
import { route } from '../apigw-v1/route.js';
import { bodyOf, compact, ok, page, reqStr, str } from '../apigw-v1/wire.js';
import { badRequest, notFound, type RouteDef } from '../core/types.js';
import type { DomainsStore } from './store.js';
import type { ApiMapping, DomainState } from './types.js';

export const NONE = '(none)';
const keyOf = (basePath: string | undefined) =>
  basePath === undefined || basePath === '' || basePath === NONE ? '' : basePath;
const stageOf = (stage: string | undefined) =>
  stage === undefined || stage === '' || stage === NONE ? undefined : stage;

export const v1MappingView = (m: ApiMapping) =>
  compact({ basePath: m.key === '' ? NONE : m.key, restApiId: m.apiId, stage: m.stage });

const PATCH_PATHS = ['/basePath', '/restapiId', '/stage'];

function mappingAt(ds: DomainState, basePath: string): ApiMapping {
  const key = keyOf(basePath);
  const m = ds.mappings.find((x) => x.key === key);
  if (!m) throw notFound('Invalid base path mapping identifier specified');
  return m;
}

export function basePathMappingRoutes(store: DomainsStore): RouteDef[] {
  const at = '/domainnames/{domainName}/basepathmappings';
  return [
    route('POST', at, 'CreateBasePathMapping', true, (req, p) => {
      const ds = store.get(p.domainName, 'v1');
      const b = bodyOf(req);
      const m = { apiId: reqStr(b, 'restApiId'), stage: stageOf(str(b, 'stage')), key: keyOf(str(b, 'basePath')) };
      store.checkMapping(ds, m, 'v1');
      const mapping: ApiMapping = compact({ apiMappingId: store.newMappingId(), ...m });
      ds.mappings.push(mapping);
      return ok(v1MappingView(mapping), 201);
    }),
    route('GET', at, 'GetBasePathMappings', false, (req, p) =>
      ok(page(store.get(p.domainName, 'v1').mappings.map(v1MappingView), req)),
    ),
    route('GET', `${at}/{basePath}`, 'GetBasePathMapping', false, (_req, p) =>
      ok(v1MappingView(mappingAt(store.get(p.domainName, 'v1'), p.basePath))),
    ),
    route('PATCH', `${at}/{basePath}`, 'UpdateBasePathMapping', true, (req, p) => {
      const ds = store.get(p.domainName, 'v1');
      const current = mappingAt(ds, p.basePath);
      const next = { ...current };
      for (const op of parsePatchOps(bodyOf(req).patchOperations)) {
        if (op.op !== 'replace' || !PATCH_PATHS.includes(op.path)) {
          throw badRequest(
            `Invalid patch path '${op.path}' specified for op '${op.op}'. Must be one of: [${PATCH_PATHS.join(', ')}] with op replace`,
          );
        }
        if (op.path === '/basePath') next.key = keyOf(op.value);
        else if (op.path === '/restapiId') {
          if (!op.value) throw badRequest('restapiId must be non-empty');
          next.apiId = op.value;
        } else next.stage = stageOf(op.value);
      }
      if (next.stage === undefined) delete next.stage;
      store.checkMapping(ds, next, 'v1', current);
      ds.mappings[ds.mappings.indexOf(current)] = next;
      return ok(v1MappingView(next));
    }),
    route('DELETE', `${at}/{basePath}`, 'DeleteBasePathMapping', true, (_req, p) => {
      const ds = store.get(p.domainName, 'v1');
      const m = mappingAt(ds, p.basePath);
      ds.mappings = ds.mappings.filter((x) => x !== m);
      return ok(undefined, 202);
    }),
  ];
}
