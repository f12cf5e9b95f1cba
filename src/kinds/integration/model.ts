import type { IntegrationResponseModel } from '../integration-response/model.js';

export type IntegrationType = 'HTTP' | 'HTTP_PROXY' | 'AWS' | 'AWS_PROXY' | 'MOCK';

export interface IntegrationModel {
  type: IntegrationType;
  uri?: string;
  /** Backend HTTP method (REST `httpMethod`, HTTP API `integrationMethod`). */
  httpMethod?: string;
  /** REST only; default WHEN_NO_MATCH. */
  passthroughBehavior?: 'WHEN_NO_MATCH' | 'WHEN_NO_TEMPLATES' | 'NEVER';
  requestParameters: Record<string, string>;
  /** REST and WebSocket. */
  requestTemplates: Record<string, string>;
  /** REST only: keyed by selection pattern (`default` for the catch-all). WebSocket integration responses are a kind of their own. */
  responses: Record<string, IntegrationResponseModel>;
  timeoutInMillis: number;
  connectionType: 'INTERNET' | 'VPC_LINK';
  connectionId?: string;
  contentHandling?: 'CONVERT_TO_BINARY' | 'CONVERT_TO_TEXT';
  credentials?: string;
  cacheKeyParameters: string[];
  /** HTTP API only: '1.0' or '2.0'. */
  payloadFormatVersion?: string;
  /** WebSocket only: which request template a message selects (e.g. `\$default`, `$request.body.action`). */
  templateSelectionExpression?: string;
  /** HTTP API only: backend status code → response mappings (`overwrite:header.x`, `overwrite:statuscode`, …); absent = none. */
  responseParameters?: Record<string, Record<string, string>>;
  /** REST: skip verifying the backend's certificate; HTTP (private integrations): the server name to verify. Absent = AWS's defaults. */
  tlsConfig?: TlsConfigModel;
}

export interface TlsConfigModel {
  insecureSkipVerification?: boolean;
  serverNameToVerify?: string;
}
