/** REST: one method response, keyed in RouteModel.methodResponses by status code. */
export interface MethodResponseModel {
  /** `method.response.header.X` → required. */
  responseParameters: Record<string, boolean>;
  /** content type → model name. */
  responseModels: Record<string, string>;
}
