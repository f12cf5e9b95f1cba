export { diffApi } from './api.js';
export { diffGateway } from './gateway.js';
export { detectDrift, type DriftOptions } from './drift.js';
export { fieldChanges, joinPath, splitPath } from './fields.js';
export { canonicalJson, deepEqual } from '../model/canonical.js';
export { apiHeader } from '../kinds/api/index.js';
export { routeMethod } from '../kinds/route/index.js';
export type { ApiHeaderModel as ApiHeader, RouteMethod } from '../model/api.js';
