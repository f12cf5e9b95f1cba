/**
 * WebSocket: one integration response (how a non-proxy integration's answer is selected and
 * transformed), keyed by its integration response key: `$default` or a `/regular expression/`.
 */
export interface WsIntegrationResponseModel {
  templateSelectionExpression?: string;
  /** Template selection value → mapping template. */
  responseTemplates: Record<string, string>;
  contentHandling?: 'CONVERT_TO_BINARY' | 'CONVERT_TO_TEXT';
  responseParameters: Record<string, string>;
}
