/** WebSocket routes: a route key ($connect, $disconnect, $default or a custom one) with its integration and responses. */
import type { IntegrationModel } from '../integration/model.js';
import type { RouteResponseModel } from '../route-response/model.js';
import type { WsIntegrationResponseModel } from '../ws-integration-response/model.js';

/** The route keys API Gateway gives a meaning; any other key starting with `$` is refused. */
export const PREDEFINED_ROUTE_KEYS = ['$connect', '$disconnect', '$default'] as const;

export interface WsAuthorizationModel {
  /** NONE, AWS_IAM, or CUSTOM (a REQUEST authorizer). Only `$connect` can have any but NONE. */
  type: 'NONE' | 'AWS_IAM' | 'CUSTOM';
  /** CUSTOM: the authorizer's name (a key of ApiModel.authorizers). */
  authorizer?: string;
}

export interface WebSocketRouteModel {
  authorization: WsAuthorizationModel;
  /** Checked when a client connects (`$connect`). */
  apiKeyRequired: boolean;
  operationName?: string;
  /** `$connect`: `route.request.header.<name>` / `route.request.querystring.<name>` → required. */
  requestParameters: Record<string, boolean>;
  /** Model selection value (e.g. `$default`) → model name. */
  requestModels: Record<string, string>;
  modelSelectionExpression?: string;
  /** `$default` makes the route two-way: API Gateway sends the route response back to the client. */
  routeResponseSelectionExpression?: string;
  /** Route responses by key (only `$default` exists): their own change (kinds/route-response). */
  responses: Record<string, RouteResponseModel>;
  integration: IntegrationModel;
  /** The integration's responses by key: their own change (kinds/ws-integration-response). */
  integrationResponses: Record<string, WsIntegrationResponseModel>;
}

/** The `wsRoute` change's before/after: the route's own fields (its integration and responses are changes of their own). */
export type WsRouteLevel = Omit<WebSocketRouteModel, 'integration' | 'responses' | 'integrationResponses'>;
