/** REST request/response models (OpenAPI component schemas), keyed by name. */
import { defineKind } from '../kind.js';
import { modelFields } from './fields.js';
import { dropBuiltinModels } from './normalize.js';
import type { ModelSchema } from './model.js';

export const modelKind = defineKind<ModelSchema>({
  target: 'model',
  label: 'model',
  section: 'definition',
  rank: { RestApi: 2, HttpApi: 2 },
  snapshot: true,
  fields: modelFields,
  modelKey: 'models',
  read: { RestApi: { op: 'GetModels', paging: 'position', key: 'name' } },
  settle: (api, declared) => dropBuiltinModels(api.models, api.routes, declared?.models),
  facts: (a) => [['contentType', a.contentType]],
});

/** Fields AWS cannot change in place: a change of one recreates the model. */
export const MODEL_RECREATE_ON: ReadonlyArray<keyof ModelSchema> = ['contentType'];
