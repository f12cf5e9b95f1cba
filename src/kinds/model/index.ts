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
  write: {
    RestApi: {
      create: { op: 'CreateModel', key: 'name' },
      update: { op: 'UpdateModel' },
      delete: { op: 'DeleteModel' },
      address: { member: 'modelName', by: 'name' },
      // AWS cannot change a model's content type in place.
      recreateOn: ['contentType'],
    },
  },
  read: { RestApi: { op: 'GetModels', paging: 'position', key: 'name' } },
  settle: (api, declared) => dropBuiltinModels(api.models, api.routes, declared?.models),
  facts: (a) => [['contentType', a.contentType]],
});
