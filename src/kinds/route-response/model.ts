/** WebSocket: one route response (what API Gateway sends back on a two-way route), keyed by its route response key (`$default`). */
export interface RouteResponseModel {
  modelSelectionExpression?: string;
  /** Model selection value (e.g. `$default`) → model name. */
  responseModels: Record<string, string>;
  /** Response parameter → required. */
  responseParameters: Record<string, boolean>;
}
