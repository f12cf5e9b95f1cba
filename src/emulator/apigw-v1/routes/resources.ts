/**
 * Resources: create under a parent, get one, list (limit ≤ 500, position, embed=methods with
 * each method's integration inlined, as AWS does), update pathPart/parentId, delete (cascades).
 */
import { badRequest, conflict, type EmuRequest, type RouteDef } from '../../core/types.js';
import { ID_LENGTH, newId } from '../ids.js';
import { parsePatchOps } from '../patch.js';
import { API, RES, route } from '../route.js';
import type { V1Store } from '../store.js';
import type { ApiState, Resource } from '../types.js';
import { bodyOf, compact, ok, page, reqStr } from '../wire.js';
import { checkLimit, V1_LIMITS } from '../limits.js';

/** `embed=methods` (possibly comma-joined or repeated) asks for the full methods. */
function embedsMethods(req: EmuRequest): boolean {
  return req.query
    .getAll('embed')
    .flatMap((v) => v.split(','))
    .some((v) => v.trim() === 'methods');
}

/** Without embed AWS lists a resource's verbs only; with embed=methods, the whole Method incl. its integration. */
export function resourceView(r: Resource, embed: boolean): Resource {
  const methods = r.resourceMethods;
  if (!methods || Object.keys(methods).length === 0)
    return compact({ id: r.id, parentId: r.parentId, pathPart: r.pathPart, path: r.path });
  const resourceMethods = embed
    ? methods
    : (Object.fromEntries(Object.keys(methods).map((k) => [k, {}])) as Resource['resourceMethods']);
  return compact({ id: r.id, parentId: r.parentId, pathPart: r.pathPart, path: r.path, resourceMethods });
}

const PATH_PART = /^(\{[A-Za-z0-9._-]+\+?\}|[A-Za-z0-9._:@~$&'()*,;=!-]+)$/;

function checkPathPart(st: ApiState, parentId: string, pathPart: string, selfId?: string): void {
  if (!PATH_PART.test(pathPart)) {
    throw badRequest(
      `Resource's path part only allow a-zA-Z0-9._- and curly braces at the beginning and the end and an optional plus sign before the closing brace.`,
    );
  }
  const sibling = st.resources.find((r) => r.parentId === parentId && r.pathPart === pathPart && r.id !== selfId);
  if (sibling) throw conflict(`Another resource with the same parent already has this name: ${pathPart}`);
  const parent = st.resources.find((r) => r.id === parentId);
  if (parent?.pathPart?.endsWith('+}'))
    throw badRequest('A greedy path variable must be the last path part: cannot add a child under ' + parent.path);
}

export function resourceRoutes(store: V1Store): RouteDef[] {
  return [
    route('POST', `${API}/resources/{parentId}`, 'CreateResource', true, (req, p) => {
      const st = store.api(p.restApiId);
      const parent = store.resource(st, p.parentId);
      const pathPart = reqStr(bodyOf(req), 'pathPart');
      checkPathPart(st, parent.id, pathPart);
      checkLimit(st.resources.length, V1_LIMITS.resourcesPerApi, 'resources per API');
      const r: Resource = {
        id: newId(ID_LENGTH.resource),
        parentId: parent.id,
        pathPart,
        path: parent.path === '/' ? `/${pathPart}` : `${parent.path}/${pathPart}`,
      };
      st.resources.push(r);
      return ok(resourceView(r, false), 201);
    }),
    route('GET', `${API}/resources`, 'GetResources', false, (req, p) => {
      const st = store.api(p.restApiId);
      const embed = embedsMethods(req);
      return ok(
        page(
          st.resources.map((r) => resourceView(r, embed)),
          req,
        ),
      );
    }),
    route('GET', RES, 'GetResource', false, (req, p) => {
      const st = store.api(p.restApiId);
      return ok(resourceView(store.resource(st, p.resourceId), embedsMethods(req)));
    }),
    route('PATCH', RES, 'UpdateResource', true, (req, p) => {
      const st = store.api(p.restApiId);
      const r = store.resource(st, p.resourceId);
      if (!r.parentId) throw badRequest('The root resource cannot be modified');
      let { pathPart, parentId } = r;
      for (const op of parsePatchOps(bodyOf(req).patchOperations)) {
        if (op.op !== 'replace' || op.value === undefined)
          throw badRequest(`Invalid patch operation '${op.op}' for ${op.path}; use replace`);
        if (op.path === '/pathPart') pathPart = op.value;
        else if (op.path === '/parentId') parentId = store.resource(st, op.value).id;
        else
          throw badRequest(
            `Invalid patch path '${op.path}' specified for op 'replace'. Must be one of: /pathPart, /parentId`,
          );
      }
      if (store.subtree(st, r.id).has(parentId!)) throw badRequest('A resource cannot be moved under itself');
      checkPathPart(st, parentId!, pathPart!, r.id);
      r.pathPart = pathPart;
      r.parentId = parentId;
      store.repath(st);
      return ok(resourceView(r, false));
    }),
    route('DELETE', RES, 'DeleteResource', true, (_req, p) => {
      const st = store.api(p.restApiId);
      const r = store.resource(st, p.resourceId);
      if (!r.parentId) throw badRequest('Cannot delete the root resource');
      const gone = store.subtree(st, r.id);
      st.resources = st.resources.filter((x) => !gone.has(x.id));
      return ok(undefined, 202);
    }),
  ];
}
