/** Tags on REST APIs and stages, addressed by ARN (`arn:aws:apigateway:<region>::/restapis/<id>[/stages/<name>]`). */
import { checkTags } from '../../core/tags.js';
import { badRequest, type RouteDef } from '../../core/types.js';
import { route } from '../route.js';
import type { V1Store } from '../store.js';
import { bodyOf, ok, strMap } from '../wire.js';

export function tagRoutes(store: V1Store): RouteDef[] {
  return [
    route('PUT', '/tags/{resourceArn}', 'TagResource', true, (req, p) => {
      const t = store.taggable(p.resourceArn);
      const tags = checkTags(strMap(bodyOf(req), 'tags'));
      if (!tags) throw badRequest('tags must be provided');
      const merged = { ...(t.tags ?? {}), ...tags };
      if (Object.keys(merged).length > 50) throw badRequest('A resource can have at most 50 tags');
      t.set(merged);
      return ok(undefined, 204);
    }),
    route('DELETE', '/tags/{resourceArn}', 'UntagResource', true, (req, p) => {
      const t = store.taggable(p.resourceArn);
      const keys = req.query.getAll('tagKeys');
      if (keys.length === 0) throw badRequest('tagKeys must be provided');
      const left = Object.fromEntries(Object.entries(t.tags ?? {}).filter(([k]) => !keys.includes(k)));
      t.set(Object.keys(left).length > 0 ? left : undefined);
      return ok(undefined, 204);
    }),
    route('GET', '/tags/{resourceArn}', 'GetTags', false, (_req, p) =>
      ok({ tags: { ...(store.taggable(p.resourceArn).tags ?? {}) } }),
    ),
  ];
}
