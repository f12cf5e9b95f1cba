/** `x-amazon-apigateway-request-validators` both ways (a document-level map of name → validator). */
import type { RequestValidatorModel } from './model.js';

export const REQUEST_VALIDATORS_EXT = 'x-amazon-apigateway-request-validators';

type Obj = Record<string, unknown>;
const obj = (v: unknown): Obj => (typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Obj) : {});

/** In: the document's validators, by name. */
export function validatorsFromDocument(doc: Obj): Array<[string, RequestValidatorModel]> {
  return Object.entries(obj(doc[REQUEST_VALIDATORS_EXT])).map(([name, v]) => {
    const vv = obj(v);
    return [
      name,
      {
        name,
        validateRequestBody: vv.validateRequestBody === true,
        validateRequestParameters: vv.validateRequestParameters === true,
      },
    ];
  });
}

/** Out: the extension's value, or undefined when there are none. */
export function validatorsToDocument(validators: Record<string, RequestValidatorModel>): Obj | undefined {
  const list = Object.values(validators);
  if (list.length === 0) return undefined;
  return Object.fromEntries(
    list.map((v) => [
      v.name,
      { validateRequestBody: v.validateRequestBody, validateRequestParameters: v.validateRequestParameters },
    ]),
  );
}
