/**
 * `x-amazon-apigateway-integration` both ways. In: the extension (or a service file's
 * integration defaults) → the normalized IntegrationModel: AWS enum spellings, explicit AWS
 * defaults, maps present. Out: the model → the extension as API Gateway exports it.
 */
import type { ApiKind } from '../api/model.js';
import { emitObject, fieldsFromDocument } from '../field.js';
import { integrationResponseFields } from '../integration-response/fields.js';
import type { IntegrationResponseModel } from '../integration-response/model.js';
import { DEFAULT_PASSTHROUGH, DEFAULT_TIMEOUT_MS, defaultPayloadFormat, integrationFields } from './fields.js';
import type { IntegrationModel } from './model.js';
import { obj } from './values.js';

type Obj = Record<string, unknown>;

/**
 * In: an integration object in the extension's shape → the model. The field table reads each
 * member (`state` column); what is left is AWS's defaults, some of which follow the type.
 * `routeMethod` fills the backend method of proxy integrations that omit it (API Gateway needs one).
 */
export function normalizeIntegration(raw: unknown, opts: { kind: ApiKind; routeMethod: string }): IntegrationModel {
  const x = obj(raw);
  const rest = opts.kind === 'RestApi';
  const read = fieldsFromDocument<IntegrationModel>(
    integrationFields,
    { ...x, httpMethod: x.httpMethod ?? x.integrationMethod },
    opts.kind,
  );
  const type = read.type ?? 'HTTP_PROXY';
  const m: IntegrationModel = {
    ...read,
    type,
    requestParameters: read.requestParameters ?? {},
    // Kept for HTTP APIs too, so the validator can reject them there with a useful message.
    requestTemplates: read.requestTemplates ?? {},
    responses: {},
    timeoutInMillis: read.timeoutInMillis ?? DEFAULT_TIMEOUT_MS[opts.kind],
    // Naming a VPC link makes the connection one, unless the state says otherwise (then validate refuses it).
    connectionType: read.connectionType ?? (read.vpcLink ? 'VPC_LINK' : 'INTERNET'),
    cacheKeyParameters: read.cacheKeyParameters ?? [],
  };
  if (!m.httpMethod) {
    if (type === 'AWS_PROXY' || type === 'AWS') m.httpMethod = 'POST';
    else if (type !== 'MOCK') m.httpMethod = opts.routeMethod;
  }
  if (rest && type !== 'HTTP_PROXY' && type !== 'AWS_PROXY') m.passthroughBehavior ??= DEFAULT_PASSTHROUGH;
  if (!rest) m.payloadFormatVersion ??= defaultPayloadFormat(type);
  if (rest) {
    for (const [pattern, r] of Object.entries(obj(x.responses))) {
      const ir = fieldsFromDocument<IntegrationResponseModel>(integrationResponseFields, obj(r));
      m.responses[pattern] = {
        ...ir,
        statusCode: ir.statusCode ?? '200',
        responseParameters: ir.responseParameters ?? {},
        responseTemplates: ir.responseTemplates ?? {},
      };
    }
  }
  return m;
}

/** Out: the model → `x-amazon-apigateway-integration` as API Gateway exports it (loads back to the same model). */
export function emitIntegration(i: IntegrationModel, opts: { rest: boolean }): Obj {
  const x = emitObject<IntegrationModel>(integrationFields, opts.rest ? 'RestApi' : 'HttpApi', i);
  if (!opts.rest) delete x.passthroughBehavior;
  if (Object.keys(i.responses).length) {
    // `responses` sits where the table has it (after the templates): the order API Gateway exports.
    const responses = Object.fromEntries(
      Object.entries(i.responses).map(([pattern, r]) => [
        pattern,
        emitObject<IntegrationResponseModel>(integrationResponseFields, 'RestApi', r),
      ]),
    );
    return Object.fromEntries(
      Object.entries({ ...x, responses }).sort(([a], [b]) => EMIT_ORDER.indexOf(a) - EMIT_ORDER.indexOf(b)),
    );
  }
  return x;
}

/** Member order of the extension object: the table's rows (responses among them). */
const EMIT_ORDER = Object.keys(integrationFields);
