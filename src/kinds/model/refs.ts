/**
 * REST API models reference each other differently in AWS and in OpenAPI files:
 * AWS stores `https://apigateway.amazonaws.com/restapis/{apiId}/models/{Name}` (and insists
 * on it in CreateModel); exports and gateway-state use `#/components/schemas/{Name}`.
 * The model (src/model) always holds the OpenAPI form: the reader converts on the way in,
 * the executor on the way out, so the same schema never shows up as a change.
 */
const AWS_MODEL_URL = /^https:\/\/apigateway\.amazonaws\.com\/restapis\/[^/]+\/models\/([^/#]+)$/;
const OPENAPI_REF = /^#\/(?:components\/schemas|definitions)\/([^/]+)$/;

function mapRefs(value: unknown, map: (ref: string) => string): unknown {
  if (Array.isArray(value)) return value.map((v) => mapRefs(v, map));
  if (value === null || typeof value !== 'object') return value;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) out[k] = k === '$ref' && typeof v === 'string' ? map(v) : mapRefs(v, map);
  return out;
}

/** AWS → model: `https://apigateway.amazonaws.com/restapis/x/models/User` → `#/components/schemas/User`. */
export function modelRefsFromAws(schema: unknown): unknown {
  return mapRefs(schema, (ref) => {
    const m = AWS_MODEL_URL.exec(ref);
    return m ? `#/components/schemas/${m[1]}` : ref;
  });
}

/** model → AWS, for CreateModel/UpdateModel on API `apiId`. */
export function modelRefsToAws(schema: unknown, apiId: string): unknown {
  return mapRefs(schema, (ref) => {
    const m = OPENAPI_REF.exec(ref);
    return m ? `https://apigateway.amazonaws.com/restapis/${apiId}/models/${m[1]}` : ref;
  });
}
