/** Tags on Apis and Stages, addressed by ARN (`arn:aws:apigateway:<region>::/apis/<id>[/stages/<name>]`). */
import { checkTags } from '../core/tags.js';
import { badRequest, type RouteDef } from '../core/types.js';
import { v2Route } from './route-def.js';
import type { V2Store } from './store.js';
import { bodyOf, json, optStrMap } from './wire.js';

const MAX_TAGS = 50;

export function tagRoutes(store: V2Store): RouteDef[] {
  return [
    v2Route('GetTags', 'GET', '/v2/tags/{resourceArn+}', false, (_req, p) =>
      json(200, { tags: { ...store.taggable(p.resourceArn).tags } }),
    ),
    v2Route('TagResource', 'POST', '/v2/tags/{resourceArn+}', true, (req, p) => {
      const target = store.taggable(p.resourceArn);
      const tags = checkTags(optStrMap(bodyOf(req), 'tags') ?? {});
      const merged = { ...target.tags, ...tags };
      if (Object.keys(merged).length > MAX_TAGS)
        throw badRequest(`Too many tags: a resource can have at most ${MAX_TAGS}`);
      for (const k of Object.keys(tags))
        if (k.startsWith('aws:')) throw badRequest(`Tag keys starting with aws: are reserved (${k})`);
      target.tags = merged;
      return json(201, {});
    }),
    v2Route('UntagResource', 'DELETE', '/v2/tags/{resourceArn+}', true, (req, p) => {
      const target = store.taggable(p.resourceArn);
      const keys = req.query.getAll('tagKeys');
      if (keys.length === 0) throw badRequest('tagKeys is required');
      for (const k of keys) delete target.tags[k];
      return json(204);
    }),
  ];
}
