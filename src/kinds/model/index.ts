/** REST request/response models (OpenAPI component schemas) and WebSocket models (the routes file's `models:`), keyed by name. */
import { defineKind } from '../kind.js';
import { modelFields } from './fields.js';
import { dropBuiltinModels } from './normalize.js';
import type { ModelSchema } from './model.js';

export const modelKind = defineKind<ModelSchema>({
  target: 'model',
  label: 'model',
  section: 'definition',
  rank: { RestApi: 2, HttpApi: 2, WebSocketApi: 2 },
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
    WebSocketApi: {
      create: { op: 'CreateModel', id: 'ModelId', key: 'Name' },
      update: { op: 'UpdateModel' },
      delete: { op: 'DeleteModel' },
      address: { member: 'ModelId', by: 'id' },
      idsKey: 'modelIds',
    },
  },
  read: {
    RestApi: { op: 'GetModels', paging: 'position', key: 'name' },
    WebSocketApi: { op: 'GetModels', paging: 'nextToken', key: 'Name', id: 'ModelId', idsKey: 'modelIds' },
  },
  // AWS puts `Empty` and `Error` into every new REST API only.
  settle: (api, declared) =>
    api.kind === 'RestApi' ? dropBuiltinModels(api.models, api.routes, declared?.models) : undefined,
  facts: (a) => [['contentType', a.contentType]],
});
