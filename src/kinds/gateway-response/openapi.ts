/** `x-amazon-apigateway-gateway-responses` both ways (a document-level map of response type → response). */
import type { GatewayResponseModel } from './model.js';
import { GATEWAY_RESPONSE_TYPES, GATEWAY_RESPONSES_EXT } from './types.js';

type Obj = Record<string, unknown>;
const obj = (v: unknown): Obj => (typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Obj) : {});
const strMap = (v: unknown): Record<string, string> =>
  Object.fromEntries(
    Object.entries(obj(v))
      .filter(([, x]) => x !== null && x !== undefined)
      .map(([k, x]) => [k, String(x)]),
  );

/** One response as the extension (or api.yaml `gatewayResponses:`) writes it; the status code may be a number. */
export function gatewayResponseOf(responseType: string, v: unknown): GatewayResponseModel {
  const o = obj(v);
  const r: GatewayResponseModel = {
    responseType,
    responseParameters: strMap(o.responseParameters),
    responseTemplates: strMap(o.responseTemplates),
  };
  if (o.statusCode !== undefined && o.statusCode !== null) r.statusCode = String(o.statusCode);
  return r;
}

/** In: the document's gateway responses of known types (an unknown type is validate's error). */
export function gatewayResponsesFromDocument(doc: Obj): GatewayResponseModel[] {
  return Object.entries(obj(doc[GATEWAY_RESPONSES_EXT]))
    .filter(([type]) => GATEWAY_RESPONSE_TYPES.includes(type))
    .map(([type, v]) => gatewayResponseOf(type, v));
}

/** Out: the extension's value as GetExport writes it (status code as a number, empty maps left out), or undefined. */
export function gatewayResponsesToDocument(responses: Record<string, GatewayResponseModel>): Obj | undefined {
  const list = Object.values(responses);
  if (list.length === 0) return undefined;
  return Object.fromEntries(
    list.map((r) => {
      const o: Obj = {};
      if (r.statusCode !== undefined) o.statusCode = Number(r.statusCode);
      if (Object.keys(r.responseParameters).length) o.responseParameters = { ...r.responseParameters };
      if (Object.keys(r.responseTemplates).length) o.responseTemplates = { ...r.responseTemplates };
      return [r.responseType, o];
    }),
  );
}
