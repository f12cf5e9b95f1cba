import type { FieldTable } from '../field.js';
import type { ModelSchema } from './model.js';
import { modelRefsFromAws, modelRefsToAws } from './refs.js';

/** JSON text → the parsed schema (text that is not JSON is compared as text). */
function parsedSchema(text: unknown, fromAws: (s: unknown) => unknown = (s) => s): unknown {
  if (typeof text !== 'string') return text;
  try {
    return fromAws(JSON.parse(text));
  } catch {
    return text;
  }
}

/**
 * REST and WebSocket. AWS stores the schema as JSON text; REST `$ref`s are AWS model URLs,
 * which the model holds as OpenAPI refs (refs.ts). A new REST content type cannot be
 * patched: the write recreates the model (see `recreateOn` in kinds/model/index.ts).
 * WebSocket (v2) models: CreateModel / UpdateModel with Name, Schema, ContentType, Description.
 */
export const modelFields: FieldTable<ModelSchema> = {
  contentType: {
    rest: { wire: 'contentType', default: 'application/json' },
    ws: { wire: 'ContentType', default: 'application/json' },
  },
  schema: {
    rest: {
      wire: 'schema',
      read: (w) => parsedSchema(w.schema, modelRefsFromAws),
      create: (v, _m, ctx) => ({ schema: JSON.stringify(modelRefsToAws(v, ctx.apiId)) }),
      patch: (_b, a, ctx) => [{ op: 'replace', path: '/schema', value: JSON.stringify(modelRefsToAws(a, ctx.apiId)) }],
    },
    ws: {
      read: (w) => parsedSchema(w.Schema),
      create: (v) => ({ Schema: typeof v === 'string' ? v : JSON.stringify(v) }),
      update: (_b, a) => ({ Schema: typeof a === 'string' ? a : JSON.stringify(a) }),
    },
    breaking: (b, a) => {
      const added = addedRequired(b, a);
      return added.length > 0 ? `model requires ${added.join(', ')}` : undefined;
    },
  },
  description: {
    rest: { wire: 'description', omitEmpty: true, path: '/description' },
    ws: { wire: 'Description', omitEmpty: true, clear: '' },
  },
};

function addedRequired(before: ModelSchema, after: ModelSchema): string[] {
  const req = (m: ModelSchema): string[] => {
    const s = m.schema as { required?: unknown } | undefined;
    return Array.isArray(s?.required) ? (s.required as string[]) : [];
  };
  const b = req(before);
  return req(after).filter((r) => !b.includes(r));
}
