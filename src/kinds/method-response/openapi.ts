/** REST method responses as OpenAPI responses (headers, content schemas), for import; the loader reads them back. */
import type { MethodResponseModel } from './model.js';

type Obj = Record<string, unknown>;

const ref = (model: string) => ({ $ref: `#/components/schemas/${model}` });

export function emitMethodResponses(
  key: string,
  responses: Record<string, MethodResponseModel>,
  warnings: string[],
): Obj {
  const out: Obj = {};
  for (const [code, resp] of Object.entries(responses)) {
    const o: Obj = { description: `${code} response` };
    const headers: Obj = {};
    for (const [p, required] of Object.entries(resp.responseParameters)) {
      const m = /^method\.response\.header\.(.+)$/.exec(p);
      if (!m) {
        warnings.push(`${key}: response parameter ${p} has no OpenAPI form; left out`);
        continue;
      }
      if (required)
        warnings.push(`${key}: response header ${m[1]} is required in AWS; OpenAPI import makes it optional`);
      headers[m[1]] = { schema: { type: 'string' } };
    }
    if (Object.keys(headers).length) o.headers = headers;
    if (Object.keys(resp.responseModels).length) {
      o.content = Object.fromEntries(Object.entries(resp.responseModels).map(([ct, m]) => [ct, { schema: ref(m) }]));
    }
    out[code] = o;
  }
  return out;
}
