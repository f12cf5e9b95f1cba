/**
 * Errors as AWS's models and protocols say they travel: a code the model lists for the
 * operation (or one of AWS's common errors), the HTTP status of that error shape, and the
 * body the protocol requires (restJson1: `x-amzn-ErrorType` + `{"message"}`; awsJson1_0 with
 * awsQueryCompatible: `{"__type":"ns#Shape","message"}` + `x-amzn-query-error: Code;Sender`;
 * awsJson1_1: `{"__type":"Shape", …the shape's own members}`).
 */
import type { ServiceModel } from '../../scripts/aws-models/models.js';
import type { Exchange } from './capture.js';

/** AWS's common errors (API Gateway and CloudWatch API references, "Common Errors"). */
export const COMMON_ERRORS: Record<string, number> = {
  AccessDeniedException: 400,
  IncompleteSignature: 400,
  InternalFailure: 500,
  InvalidAction: 400,
  InvalidClientTokenId: 403,
  NotAuthorized: 400,
  OptInRequired: 403,
  RequestExpired: 400,
  ServiceUnavailable: 503,
  ThrottlingException: 400,
  ValidationError: 400,
  // The AWS JSON services answer model-constraint violations with ValidationException (WAFv2, SSM, Secrets Manager).
  ValidationException: 400,
};

/** rest-json error bodies: the message, plus the members API Gateway v2's error shapes add. */
const REST_ERROR_MEMBERS = new Set(['message', 'resourceType', 'limitType']);

export function errorCode(model: ServiceModel, ex: Exchange): string | undefined {
  if (model.metadata.protocol === 'rest-json') return ex.headers['x-amzn-errortype']?.split(':')[0];
  try {
    const t = (JSON.parse(ex.body) as { __type?: string }).__type;
    return t?.split('#').pop();
  } catch {
    return undefined;
  }
}

export function errorProblems(model: ServiceModel, operation: string, ex: Exchange): string[] {
  const out: string[] = [];
  const facts = model.facts;
  const listed = new Set(facts.operations[operation]?.errors ?? []);
  let body: Record<string, unknown> | undefined;
  try {
    body = JSON.parse(ex.body) as Record<string, unknown>;
  } catch {
    out.push(`error body is not JSON: ${ex.body.slice(0, 200)}`);
  }
  if (model.metadata.protocol === 'rest-json') {
    const code = errorCode(model, ex);
    if (!code) return [...out, `HTTP ${ex.status} without x-amzn-ErrorType`];
    if (!listed.has(code) && !(code in COMMON_ERRORS))
      out.push(`${code} is not an error of ${operation} in the model (${[...listed].join(', ')}) nor a common error`);
    const status = facts.errors[code]?.status ?? COMMON_ERRORS[code];
    if (status !== undefined && status !== ex.status) out.push(`${code} travels as HTTP ${status}, got ${ex.status}`);
    if (body && typeof body.message !== 'string') out.push(`${code}: body has no "message"`);
    for (const k of Object.keys(body ?? {}))
      if (!REST_ERROR_MEMBERS.has(k)) out.push(`${code}: body member "${k}" is not in the error shape`);
    return out;
  }
  if (!model.facts.awsQueryCompatible) return [...out, ...jsonErrorProblems(model, operation, ex, body)];
  // awsJson1_0, awsQueryCompatible (CloudWatch)
  const shape = errorCode(model, ex);
  if (!shape) return [...out, `HTTP ${ex.status} without __type`];
  const queryError = ex.headers['x-amzn-query-error'];
  const modelled = facts.errors[shape];
  if (modelled) {
    if (!listed.has(shape))
      out.push(`${shape} is not an error of ${operation} in the model (${[...listed].join(', ')})`);
    if (modelled.status !== ex.status) out.push(`${shape} travels as HTTP ${modelled.status}, got ${ex.status}`);
    const expected = `${modelled.code};${modelled.fault === 'server' ? 'Receiver' : 'Sender'}`;
    if (queryError !== expected) out.push(`${shape}: x-amzn-query-error should be "${expected}", got "${queryError}"`);
  } else if (shape in COMMON_ERRORS) {
    if (COMMON_ERRORS[shape] !== ex.status)
      out.push(`${shape} travels as HTTP ${COMMON_ERRORS[shape]}, got ${ex.status}`);
    if (queryError?.split(';')[0] !== shape)
      out.push(`${shape}: x-amzn-query-error should name ${shape}, got "${queryError}"`);
  } else {
    const byCode = Object.entries(facts.errors).find(([, e]) => e.code === shape)?.[0];
    out.push(
      `__type names "${shape}", which is no error shape of the model${byCode ? ` (it is the query code of ${byCode}: __type carries the shape name)` : ''} nor a common error`,
    );
  }
  for (const k of Object.keys(body ?? {}))
    if (k !== '__type' && k !== 'message') out.push(`${shape}: body member "${k}" is not in the error shape`);
  return out;
}

/** awsJson1_1 (WAFv2, SSM, Secrets Manager): `__type` names a listed or common error; the body holds that shape's members. */
function jsonErrorProblems(
  model: ServiceModel,
  operation: string,
  ex: Exchange,
  body: Record<string, unknown> | undefined,
): string[] {
  const out: string[] = [];
  const shape = errorCode(model, ex);
  if (!shape) return [`HTTP ${ex.status} without __type`];
  const modelled = model.facts.errors[shape];
  const listed = new Set(model.facts.operations[operation]?.errors ?? []);
  if (modelled && !(shape in COMMON_ERRORS)) {
    if (!listed.has(shape))
      out.push(`${shape} is not an error of ${operation} in the model (${[...listed].join(', ')})`);
    if (modelled.status !== ex.status) out.push(`${shape} travels as HTTP ${modelled.status}, got ${ex.status}`);
  } else if (shape in COMMON_ERRORS) {
    if (COMMON_ERRORS[shape] !== ex.status)
      out.push(`${shape} travels as HTTP ${COMMON_ERRORS[shape]}, got ${ex.status}`);
  } else {
    out.push(`__type names "${shape}", which is no error shape of the model nor a common error`);
  }
  const members = new Set(['__type', ...(modelled?.members ?? ['message'])]);
  for (const k of Object.keys(body ?? {}))
    if (!members.has(k))
      out.push(`${shape}: body member "${k}" is not in the error shape (${[...members].join(', ')})`);
  return out;
}
