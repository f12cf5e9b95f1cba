/** A service's OpenAPI file against the gateway that serves it (pure; used by propose and check-service). */
export {
  checkServiceSpec,
  type ServiceCheck,
  type ServiceProblem,
  type ProblemKind,
  type CheckInput,
} from './check.js';
export {
  serviceRoutes,
  countRoutes,
  notExposed,
  type ServiceRouteRow,
  type RouteStatus,
  type RouteCounts,
} from './routes.js';
export { filesOfApi, findServiceEntry, serviceNameFor, type ServiceSpec, type ServiceTarget } from './swap.js';
export { UnknownApiError, UnknownServiceError, BadServiceNameError } from './errors.js';
