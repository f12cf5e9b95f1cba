/** The API's user tags: one map, changed as a whole (TagResource / UntagResource). */
import { defineKind } from '../kind.js';
import type { TagsModel } from './model.js';
import { deepEqual } from '../../model/canonical.js';

export const tagsKind = defineKind<TagsModel>({
  target: 'tags',
  label: 'tags',
  section: 'api',
  rank: { RestApi: 1, HttpApi: 1, WebSocketApi: 1 },
  snapshot: false,
  userKeyed: true,
  diff(ctx) {
    const spec = { target: 'tags' as const, name: 'tags', after: ctx.desired.tags };
    if (ctx.creating)
      return Object.keys(ctx.desired.tags).length > 0 ? [ctx.change({ ...spec, action: 'create' })] : [];
    return deepEqual(ctx.live.tags, ctx.desired.tags)
      ? []
      : [ctx.change({ ...spec, action: 'update', before: ctx.live.tags })];
  },
  facts: (a) => Object.entries(a).map(([k, v]): [string, unknown] => [k, v]),
});
