/**
 * The emulator's route table as data: every AWS operation it serves, per service, read from
 * the service modules themselves (no server started). The coverage table and the contract
 * test walk this, so an operation added to a module is covered and checked without a list
 * to keep in step.
 */
import { Partitions } from './core/partitions.js';
import type { ModuleFactory, Protocol, ServiceName } from './core/types.js';
import { defaultModules } from './modules.js';

export interface RouteInfo {
  service: Exclude<ServiceName, 'control'>;
  operation: string;
  protocol: Protocol;
  method: string;
  pattern: string;
  write: boolean;
}

/** Routes that are not one AWS operation: the control API and CloudWatch's Query-protocol dispatcher. */
const NOT_AN_OPERATION = new Set(['QueryProtocol']);

export function routeTable(modules: ModuleFactory[] = defaultModules): RouteInfo[] {
  const partitions = new Partitions(modules, () => {});
  return partitions
    .prototypes()
    .flatMap((m) => m.routes)
    .filter((r) => r.service !== 'control' && !NOT_AN_OPERATION.has(r.operation))
    .map((r) => ({
      service: r.service as RouteInfo['service'],
      operation: r.operation,
      protocol: r.protocol,
      method: r.method,
      pattern: r.pattern,
      write: r.write,
    }));
}

/** Operation names per service. */
export function implementedOperations(modules?: ModuleFactory[]): Map<RouteInfo['service'], Set<string>> {
  const out = new Map<RouteInfo['service'], Set<string>>();
  for (const r of routeTable(modules)) {
    const set = out.get(r.service) ?? new Set<string>();
    set.add(r.operation);
    out.set(r.service, set);
  }
  return out;
}
