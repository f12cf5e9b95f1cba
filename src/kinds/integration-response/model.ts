/** REST: one integration response, keyed in IntegrationModel.responses by selection pattern (`default` for the catch-all). */
export interface IntegrationResponseModel {
  statusCode: string;
  responseParameters: Record<string, string>;
  responseTemplates: Record<string, string>;
  contentHandling?: 'CONVERT_TO_BINARY' | 'CONVERT_TO_TEXT';
}
