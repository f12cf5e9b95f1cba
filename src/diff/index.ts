export { diffApi, apiHeader, routeMethod } from './api.js';
export { diffGateway } from './gateway.js';
export { detectDrift, type DriftOptions } from './drift.js';
export { fieldChanges, joinPath, splitPath } from './fields.js';
export { canonicalJson, deepEqual } from './canonical.js';
export type { ApiHeader, RouteMethod } from './flags.js';
