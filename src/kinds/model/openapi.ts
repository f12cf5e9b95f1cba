/** REST models as OpenAPI component schemas, both ways (`components.schemas`, Swagger `definitions`). */
import type { ModelSchema } from './model.js';

/** In: a component schema → the model AWS's import makes of it (JSON, its own description). */
export function modelFromSchema(schema: unknown): ModelSchema {
  const d = typeof schema === 'object' && schema !== null ? (schema as { description?: unknown }) : {};
  return {
    contentType: 'application/json',
    schema,
    ...(typeof d.description === 'string' && d.description ? { description: d.description } : {}),
  };
}

/** Out: the component schemas, and what the OpenAPI form cannot carry (reported, never dropped silently). */
export function modelsToSchemas(models: Record<string, ModelSchema>): {
  schemas: Record<string, unknown>;
  warnings: string[];
} {
  const warnings: string[] = [];
  for (const [n, m] of Object.entries(models)) {
    if (m.contentType !== 'application/json')
      warnings.push(`model ${n}: content type ${m.contentType} becomes application/json (OpenAPI schemas carry none)`);
    const own = (m.schema as { description?: unknown } | null)?.description;
    if (m.description !== undefined && own !== m.description)
      warnings.push(
        `model ${n}: its AWS description differs from the schema's own "description"; the schema's is kept`,
      );
  }
  return { schemas: Object.fromEntries(Object.entries(models).map(([n, m]) => [n, m.schema])), warnings };
}
