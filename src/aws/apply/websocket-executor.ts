/**
 * Applies plan steps to one WebSocket API (API Gateway v2, protocol WEBSOCKET). The API,
 * tags, authorizers, models and stages are written as for HTTP APIs with the field tables'
 * `ws` columns (http-executor.ts); a route is converged whole here: its integration, the
 * integration's responses, the route (request parameters AWS merges, so a removed one is a
 * DeleteRouteRequestParameter call) and its route responses. A stage's route settings for
 * a route key that went are DeleteRouteSettings calls. Each step compares models, so
 * repeating it after a crash does only what is left.
 */
import {
  CreateIntegrationCommand,
  CreateIntegrationResponseCommand,
  CreateRouteCommand,
  CreateRouteResponseCommand,
  DeleteIntegrationCommand,
  DeleteIntegrationResponseCommand,
  DeleteRouteCommand,
  DeleteRouteRequestParameterCommand,
  DeleteRouteResponseCommand,
  UpdateIntegrationCommand,
  UpdateIntegrationResponseCommand,
  UpdateRouteCommand,
  UpdateRouteResponseCommand,
} from '@aws-sdk/client-apigatewayv2';
import { createInput, updateInput, type FieldTable, type Obj } from '../../kinds/field.js';
import { integrationFields } from '../../kinds/integration/fields.js';
import { same } from '../../kinds/patch.js';
import { routeResponseFields } from '../../kinds/route-response/fields.js';
import { wsIntegrationResponseFields } from '../../kinds/ws-integration-response/fields.js';
import { wsRouteFields } from '../../kinds/ws-route/fields.js';
import { wsRouteLevel } from '../../kinds/ws-route/diff.js';
import type { IntegrationModel } from '../../model/api.js';
import { ApigwSyncError } from '../../model/errors.js';
import { HttpApiExecutor, ignoreNotFound, type HttpExecutorOptions } from './http-executor.js';

const FLAVOUR = 'WebSocketApi';

/** Create* members of a record, and on update also the members that clear what the record no longer has. */
function inputOf<R>(
  table: Partial<FieldTable<R>>,
  before: R | undefined,
  after: R,
  ctx: Parameters<typeof createInput>[3],
): Obj {
  const whole = createInput(table, FLAVOUR, after, ctx);
  return before ? { ...whole, ...(updateInput(table, before, after, FLAVOUR) ?? {}) } : whole;
}

/** The responses of one route or integration: how their keys and ids are addressed. */
interface ResponseOps<R> {
  table: Partial<FieldTable<R>>;
  keyMember: string;
  idMember: string;
  create: (input: Obj) => Promise<Obj>;
  update: (id: string, input: Obj) => Promise<unknown>;
  remove: (id: string) => Promise<void>;
}

export class WebSocketApiExecutor extends HttpApiExecutor {
  constructor(o: HttpExecutorOptions) {
    super(o, FLAVOUR);
  }

  override async syncRoute(key: string): Promise<void> {
    const d = this.o.desired.wsRoutes[key];
    const c = this.cur.wsRoutes[key];
    const ApiId = this.ApiId;
    if (!d) {
      const routeId = this.ids.routeIds[key];
      const integrationId = this.ids.integrationIds[key];
      // The route refers to the integration: it goes first (its route responses and stage route settings with it).
      if (routeId)
        await ignoreNotFound(
          this.call('DeleteRoute', (cl) => cl.send(new DeleteRouteCommand({ ApiId, RouteId: routeId }))),
        );
      if (
        integrationId &&
        !Object.entries(this.ids.integrationIds).some(([k, id]) => k !== key && id === integrationId)
      ) {
        await ignoreNotFound(
          this.call('DeleteIntegration', (cl) =>
            cl.send(new DeleteIntegrationCommand({ ApiId, IntegrationId: integrationId })),
          ),
        );
      }
      delete this.cur.wsRoutes[key];
      for (const m of [
        this.ids.routeIds,
        this.ids.integrationIds,
        this.ids.routeResponseIds,
        this.ids.integrationResponseIds,
      ])
        delete m[key];
      return;
    }

    const integrationId = await this.syncIntegration(key, c?.integration, d.integration);
    await this.syncResponses(
      key,
      c?.integrationResponses ?? {},
      d.integrationResponses,
      this.ids.integrationResponseIds,
      {
        table: wsIntegrationResponseFields,
        keyMember: 'IntegrationResponseKey',
        idMember: 'IntegrationResponseId',
        create: (input) =>
          this.call('CreateIntegrationResponse', (cl) =>
            cl.send(new CreateIntegrationResponseCommand({ ApiId, IntegrationId: integrationId, ...input } as never)),
          ) as unknown as Promise<Obj>,
        update: (id, input) =>
          this.call('UpdateIntegrationResponse', (cl) =>
            cl.send(
              new UpdateIntegrationResponseCommand({
                ApiId,
                IntegrationId: integrationId,
                IntegrationResponseId: id,
                ...input,
              }),
            ),
          ),
        remove: (id) =>
          ignoreNotFound(
            this.call('DeleteIntegrationResponse', (cl) =>
              cl.send(
                new DeleteIntegrationResponseCommand({
                  ApiId,
                  IntegrationId: integrationId,
                  IntegrationResponseId: id,
                }),
              ),
            ),
          ),
      },
    );

    const routeInput = {
      ...inputOf(wsRouteFields, c, d, this.wire),
      RouteKey: key,
      Target: `integrations/${integrationId}`,
    };
    let routeId = this.ids.routeIds[key];
    if (!routeId) {
      const out = await this.call('CreateRoute', (cl) =>
        cl.send(new CreateRouteCommand({ ApiId, ...routeInput } as never)),
      );
      if (!out.RouteId) throw new ApigwSyncError('AWS_NO_ID', `CreateRoute ${key} returned no id`);
      routeId = this.ids.routeIds[key] = out.RouteId;
    } else if (!c || !same(wsRouteLevel(c), wsRouteLevel(d))) {
      const RouteId = routeId;
      await this.call('UpdateRoute', (cl) => cl.send(new UpdateRouteCommand({ ApiId, RouteId, ...routeInput })));
      // UpdateRoute merges request parameters: one that went is deleted on its own.
      for (const p of Object.keys(c?.requestParameters ?? {}).filter((k) => !(k in d.requestParameters))) {
        await ignoreNotFound(
          this.call('DeleteRouteRequestParameter', (cl) =>
            cl.send(new DeleteRouteRequestParameterCommand({ ApiId, RouteId, RequestParameterKey: p })),
          ),
        );
      }
    }
    const RouteId = routeId;
    await this.syncResponses(key, c?.responses ?? {}, d.responses, this.ids.routeResponseIds, {
      table: routeResponseFields,
      keyMember: 'RouteResponseKey',
      idMember: 'RouteResponseId',
      create: (input) =>
        this.call('CreateRouteResponse', (cl) =>
          cl.send(new CreateRouteResponseCommand({ ApiId, RouteId, ...input } as never)),
        ) as unknown as Promise<Obj>,
      update: (id, input) =>
        this.call('UpdateRouteResponse', (cl) =>
          cl.send(new UpdateRouteResponseCommand({ ApiId, RouteId, RouteResponseId: id, ...input })),
        ),
      remove: (id) =>
        ignoreNotFound(
          this.call('DeleteRouteResponse', (cl) =>
            cl.send(new DeleteRouteResponseCommand({ ApiId, RouteId, RouteResponseId: id })),
          ),
        ),
    });
    this.cur.wsRoutes[key] = structuredClone(d);
  }

  /** Creates or updates the route's integration; returns its id. */
  private async syncIntegration(key: string, c: IntegrationModel | undefined, d: IntegrationModel): Promise<string> {
    const ApiId = this.ApiId;
    const existing = this.ids.integrationIds[key];
    // A live route without an integration reads as a MOCK with timeout 0 (nothing to update from).
    const before = c && c.timeoutInMillis > 0 ? c : undefined;
    const input = { ...inputOf(integrationFields, before, d, this.wire), IntegrationType: d.type };
    if (!existing) {
      const out = await this.call('CreateIntegration', (cl) =>
        cl.send(new CreateIntegrationCommand({ ApiId, ...input } as never)),
      );
      if (!out.IntegrationId) throw new ApigwSyncError('AWS_NO_ID', `CreateIntegration for ${key} returned no id`);
      return (this.ids.integrationIds[key] = out.IntegrationId);
    }
    if (!c || !same(c, d))
      await this.call('UpdateIntegration', (cl) =>
        cl.send(new UpdateIntegrationCommand({ ApiId, IntegrationId: existing, ...input })),
      );
    return existing;
  }

  /** Converges a route's (or its integration's) responses, key by key. */
  private async syncResponses<R>(
    key: string,
    cur: Record<string, R>,
    want: Record<string, R>,
    idsOf: Record<string, Record<string, string>>,
    ops: ResponseOps<R>,
  ): Promise<void> {
    const ids = (idsOf[key] ??= {});
    for (const [k, r] of Object.entries(want)) {
      const id = ids[k];
      if (!id) {
        const out = await ops.create({ ...inputOf(ops.table, undefined, r, this.wire), [ops.keyMember]: k });
        const newId = out[ops.idMember] as string | undefined;
        if (!newId) throw new ApigwSyncError('AWS_NO_ID', `creating response ${k} of ${key} returned no id`);
        ids[k] = newId;
      } else if (!same(cur[k], r)) {
        await ops.update(id, inputOf(ops.table, cur[k], r, this.wire));
      }
    }
    for (const k of Object.keys(ids)) {
      if (k in want) continue;
      await ops.remove(ids[k]);
      delete ids[k];
    }
  }
}
