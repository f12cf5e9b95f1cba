import type { ApiKind } from './api.js';

/**
 * A Change is one difference between desired and live, always with both sides.
 * `diff/` produces them; `plan/` orders them; `render/` shows them; `aws/apply` executes them.
 */
export type ChangeAction = 'create' | 'update' | 'delete';

/** What a change touches. Order of application is defined in plan/, not here. */
export type ChangeTarget =
  | 'api'
  | 'tags'
  | 'authorizer'
  | 'requestValidator'
  | 'model'
  | 'gatewayResponse'
  | 'route'
  | 'integration'
  | 'unusedIntegration'
  | 'stage'
  | 'deployment'
  | 'wsRoute'
  | 'routeResponse'
  | 'integrationResponse';

export interface FieldChange {
  /** Dotted path inside the changed object, e.g. `integration.uri`, `variables.backendVersion`. */
  path: string;
  before?: unknown;
  after?: unknown;
}

export interface ChangeFlags {
  /** REST: only reaches clients through a new deployment. */
  redeploy: boolean;
  /** Clients may break: route removed, auth added, required parameter added. */
  breaking: boolean;
  /** Deletes or replaces something. */
  destructive: boolean;
  /** Weakens protection or auditing (AWS WAF web ACL removed, access logging turned off); present only when set. */
  security?: boolean;
  /** One short phrase per flag that is set, e.g. "route removed". */
  reasons: string[];
}

export interface Change {
  /** Stable id: `${apiKey}/${target}/${name}`. */
  id: string;
  apiKey: string;
  apiKind: ApiKind;
  target: ChangeTarget;
  action: ChangeAction;
  /** Human name: `GET /users/{id}`, `prod`, `cognito`. */
  name: string;
  before?: unknown;
  after?: unknown;
  /** For updates: each changed field. For create/delete: empty. */
  fields: FieldChange[];
  flags: ChangeFlags;
}

/** Drift: a difference found in AWS that Git does not explain (live ≠ last applied). */
export interface DriftItem {
  apiKey: string;
  change: Change;
}
