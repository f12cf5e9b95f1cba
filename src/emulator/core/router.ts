/**
 * Matching a request to a service module's route. rest-json routes match on method + path
 * pattern (`{param}` is one segment, `{param+}` the rest of the path) and optional query
 * constraints in the pattern (`/restapis?mode=import`); json-1.0/1.1 routes match on X-Amz-Target.
 *
 * The raw path is split on `/` BEFORE percent-decoding, because the SDK encodes a slash
 * inside a label (a tag ARN in `/tags/{resourceArn}`) as %2F.
 */
import { isJsonProtocol, type RouteDef } from './types.js';

type Segment = { literal: string } | { param: string; greedy: boolean };

export interface CompiledRoute {
  def: RouteDef;
  module: string;
  /** The route's position in its module's `routes` (the engine runs that route of the request's partition's instance). */
  index: number;
  segments: Segment[];
  queryConstraints: Array<[string, string]>;
  /** Higher wins when several patterns match (query constraints, then literal segments). */
  specificity: number;
}

export interface RouteMatch {
  route: CompiledRoute;
  params: Record<string, string>;
}

export function compileRoute(def: RouteDef, module: string, index = -1): CompiledRoute {
  const [pathPart, queryPart] = def.pattern.split('?', 2);
  const segments: Segment[] = pathPart
    .split('/')
    .filter((s) => s !== '')
    .map((s) => {
      const m = /^\{([A-Za-z0-9_]+)(\+?)\}$/.exec(s);
      return m ? { param: m[1], greedy: m[2] === '+' } : { literal: s };
    });
  const queryConstraints = queryPart ? [...new URLSearchParams(queryPart).entries()] : [];
  const literals = segments.filter((s) => 'literal' in s).length;
  return { def, module, index, segments, queryConstraints, specificity: queryConstraints.length * 1000 + literals };
}

function decodeSegment(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

/** Matches already-decoded segments (decoded once per request, not once per route tried). */
function matchPath(route: CompiledRoute, segments: string[]): Record<string, string> | undefined {
  const params: Record<string, string> = {};
  const segs = route.segments;
  for (let i = 0; i < segs.length; i++) {
    const seg = segs[i];
    if ('literal' in seg) {
      if (segments[i] !== seg.literal) return undefined;
      continue;
    }
    if (seg.greedy) {
      if (i >= segments.length) return undefined;
      params[seg.param] = segments.slice(i).join('/');
      return params;
    }
    if (segments[i] === undefined || segments[i] === '') return undefined;
    params[seg.param] = segments[i];
  }
  return segments.length === segs.length ? params : undefined;
}

export class Router {
  /** rest-json and control routes by HTTP method. */
  private readonly rest = new Map<string, CompiledRoute[]>();
  private readonly byTarget = new Map<string, CompiledRoute>();

  add(def: RouteDef, module: string, index = -1): void {
    const compiled = compileRoute(def, module, index);
    if (isJsonProtocol(def.protocol)) {
      if (!def.target) throw new Error(`json-1.0 route ${def.operation} of ${module} has no target`);
      this.byTarget.set(def.target, compiled);
    } else {
      const list = this.rest.get(def.method) ?? [];
      list.push(compiled);
      this.rest.set(def.method, list);
    }
  }

  /** The X-Amz-Target routes: POST / with the header set. */
  matchTarget(target: string): RouteMatch | undefined {
    const route = this.byTarget.get(target);
    return route ? { route, params: {} } : undefined;
  }

  match(method: string, rawPath: string, query: URLSearchParams): RouteMatch | undefined {
    const rawSegments = rawPath.split('/');
    if (rawSegments[0] === '') rawSegments.shift();
    if (rawSegments.length > 0 && rawSegments[rawSegments.length - 1] === '') rawSegments.pop();
    const segments = rawSegments.map(decodeSegment);
    let best: RouteMatch | undefined;
    for (const route of this.rest.get(method) ?? []) {
      if (best && best.route.specificity >= route.specificity) continue;
      if (!route.queryConstraints.every(([k, v]) => query.get(k) === v)) continue;
      const params = matchPath(route, segments);
      if (params) best = { route, params };
    }
    return best;
  }
}
