import type { IntegrationModel } from '../integration/model.js';
import type { MethodResponseModel } from '../method-response/model.js';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE' | 'HEAD' | 'OPTIONS' | 'ANY';

export type AuthorizationType = 'NONE' | 'AWS_IAM' | 'CUSTOM' | 'COGNITO_USER_POOLS' | 'JWT';

export interface AuthorizationModel {
  type: AuthorizationType;
  /** Authorizer name (a key of ApiModel.authorizers) for CUSTOM, COGNITO_USER_POOLS, JWT. */
  authorizer?: string;
  scopes: string[];
}

/** A REST method (on its resource) or an HTTP route, with its integration. */
export interface RouteModel {
  method: HttpMethod;
  /** Full path, pathPrefix and basePath already applied; starts with `/` (or `$default`). */
  path: string;
  operationName?: string;
  authorization: AuthorizationModel;
  apiKeyRequired: boolean;
  /** REST only: name of a request validator. */
  requestValidator?: string;
  /** REST: `method.request.path.id` → required. HTTP: unused (empty). */
  requestParameters: Record<string, boolean>;
  /** REST: content type → model name. */
  requestModels: Record<string, string>;
  /** REST: status code → response declaration. */
  methodResponses: Record<string, MethodResponseModel>;
  integration: IntegrationModel;
}

/** The `route` change's before/after: the method-level fields (the integration is its own change). */
export type RouteMethod = Omit<RouteModel, 'integration'>;

/** The route key used in ApiModel.routes. */
export function routeKey(method: string, path: string): string {
  return path === '$default' ? '$default' : `${method.toUpperCase()} ${path}`;
}
