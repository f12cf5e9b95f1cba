import type { RouteModel } from '../route/model.js';
import type { ModelSchema } from './model.js';

/** The two models AWS puts into every new REST API (console and CreateRestApi alike). */
const BUILTIN_MODEL_TITLES: Record<string, string> = { Empty: 'Empty Schema', Error: 'Error Schema' };

/**
 * AWS's own `Empty` and `Error` models are defaults, not configuration: dropped unless the
 * state declares them or (no state: import) a route refers to them.
 */
export function dropBuiltinModels(
  models: Record<string, ModelSchema>,
  routes: Record<string, RouteModel>,
  declared?: Record<string, ModelSchema>,
): void {
  for (const [name, title] of Object.entries(BUILTIN_MODEL_TITLES)) {
    const m = models[name];
    if (!m || (m.schema as { title?: unknown } | null)?.title !== title) continue;
    if (declared ? name in declared : isReferenced(name, routes)) continue;
    delete models[name];
  }
}

function isReferenced(model: string, routes: Record<string, RouteModel>): boolean {
  return Object.values(routes).some(
    (r) =>
      Object.values(r.requestModels).includes(model) ||
      Object.values(r.methodResponses).some((mr) => Object.values(mr.responseModels).includes(model)),
  );
}
