/** Authorizers: REST TOKEN/REQUEST/Cognito, HTTP JWT/REQUEST (security schemes in OpenAPI), WebSocket REQUEST (api.yaml), keyed by name. */
import { defineKind } from '../kind.js';
import { authorizerFields } from './fields.js';
import type { AuthorizerModel } from './model.js';
import { findAuthorizerRenames } from './renames.js';

export const authorizerKind = defineKind<AuthorizerModel>({
  target: 'authorizer',
  label: 'authorizer',
  section: 'definition',
  rank: { RestApi: 2, HttpApi: 2, WebSocketApi: 2 },
  snapshot: true,
  fields: authorizerFields,
  modelKey: 'authorizers',
  read: {
    RestApi: { op: 'GetAuthorizers', paging: 'position', key: 'name', id: 'id', idsKey: 'authorizerIds' },
    HttpApi: { op: 'GetAuthorizers', paging: 'nextToken', key: 'Name', id: 'AuthorizerId', idsKey: 'authorizerIds' },
    WebSocketApi: {
      op: 'GetAuthorizers',
      paging: 'nextToken',
      key: 'Name',
      id: 'AuthorizerId',
      idsKey: 'authorizerIds',
    },
  },
  renames: (live, desired) => findAuthorizerRenames(live.authorizers, desired.authorizers),
  facts: (a) => [
    ['type', a.type],
    ['identitySource', a.identitySource],
    ...(a.jwt ? [['jwt', a.jwt] as [string, unknown]] : []),
  ],
});
