import type { FieldTable } from '../field.js';
import type { ModelSchema } from './model.js';
import { modelRefsFromAws, modelRefsToAws } from './refs.js';

/**
 * REST only. AWS stores the schema as JSON text whose `$ref`s are AWS model URLs; the
 * model holds the parsed schema with OpenAPI refs (refs.ts). A new content type cannot be
 * patched: the write recreates the model (see `recreateOn` in kinds/model/index.ts).
 */
export const modelFields: FieldTable<ModelSchema> = {
  contentType: { rest: { wire: 'contentType', default: 'application/json' } },
  schema: {
    rest: {
      wire: 'schema',
      read: (w) => {
        if (typeof w.schema !== 'string') return w.schema;
        try {
          return modelRefsFromAws(JSON.parse(w.schema));
        } catch {
          return w.schema; // not JSON: compared as text
        }
      },
      create: (v, _m, ctx) => ({ schema: JSON.stringify(modelRefsToAws(v, ctx.apiId)) }),
      patch: (_b, a, ctx) => [{ op: 'replace', path: '/schema', value: JSON.stringify(modelRefsToAws(a, ctx.apiId)) }],
    },
    breaking: (b, a) => {
      const added = addedRequired(b, a);
      return added.length > 0 ? `model requires ${added.join(', ')}` : undefined;
    },
  },
  description: { rest: { wire: 'description', omitEmpty: true, path: '/description' } },
};

function addedRequired(before: ModelSchema, after: ModelSchema): string[] {
  const req = (m: ModelSchema): string[] => {
    const s = m.schema as { required?: unknown } | undefined;
    return Array.isArray(s?.required) ? (s.required as string[]) : [];
  };
  const b = req(before);
  return req(after).filter((r) => !b.includes(r));
}
