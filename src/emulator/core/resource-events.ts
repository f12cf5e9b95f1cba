/**
 * Announcing a ResourceEvent to the other modules of a partition: `guard` first (any module
 * may refuse with AWS's error, before anything changed), `cascade` after the change. A module
 * built without a context (unit tests) announces to nobody.
 */
import type { ForeignTags, ModuleContext, ResourceEvent } from './types.js';

export interface ResourceEvents {
  guard(event: ResourceEvent): void;
  cascade(event: ResourceEvent): void;
  /** The tags of a resource another module keeps, by its ARN (undefined: nobody keeps it). */
  taggable(service: 'apigateway' | 'apigatewayv2', arn: string): ForeignTags | undefined;
}

export const NO_RESOURCE_EVENTS: ResourceEvents = { guard: () => {}, cascade: () => {}, taggable: () => undefined };

export function resourceEvents(ctx: ModuleContext | undefined, self: string): ResourceEvents {
  if (!ctx?.siblings) return NO_RESOURCE_EVENTS;
  const others = () => ctx.siblings!().filter((m) => m.name !== self);
  return {
    guard: (event) => {
      for (const m of others()) m.guard?.(event);
    },
    cascade: (event) => {
      for (const m of others()) m.cascade?.(event);
    },
    taggable: (service, arn) => {
      for (const m of others()) {
        const t = m.taggable?.(service, arn);
        if (t) return t;
      }
      return undefined;
    },
  };
}
