/**
 * Applies plan steps to one HTTP API (API Gateway v2). Like the REST executor, each step
 * converges one record from live to desired by comparing models, so repeating a step after
 * a crash does only what is left. v2 updates take whole attributes, not patch operations.
 * WebSocket APIs are v2 too: their executor (websocket-executor.ts) is this one with the
 * WebSocket columns of the field tables and routes of its own.
 */
import {
  ApiGatewayV2Client,
  CreateApiCommand,
  CreateAuthorizerCommand,
  CreateIntegrationCommand,
  CreateRouteCommand,
  CreateStageCommand,
  DeleteApiCommand,
  DeleteAuthorizerCommand,
  DeleteAccessLogSettingsCommand,
  DeleteCorsConfigurationCommand,
  DeleteIntegrationCommand,
  DeleteRouteCommand,
  DeleteRouteSettingsCommand,
  DeleteStageCommand,
  TagResourceCommand,
  UntagResourceCommand,
  UpdateApiCommand,
  UpdateAuthorizerCommand,
  UpdateIntegrationCommand,
  UpdateRouteCommand,
  UpdateStageCommand,
  type CreateAuthorizerCommandInput,
} from '@aws-sdk/client-apigatewayv2';
import type { ApiModel, RouteModel } from '../../model/api.js';
import { createInput, fieldsDiffer, rowsOf, updateInput, type WriteContext } from '../../kinds/field.js';
import { apiFields, type ApiFieldsModel } from '../../kinds/api/fields.js';
import { authorizerFields } from '../../kinds/authorizer/fields.js';
import { integrationFields } from '../../kinds/integration/fields.js';
import { routeFields } from '../../kinds/route/fields.js';
import { stageFields } from '../../kinds/stage/fields.js';
import { droppedRouteSettings } from '../../kinds/stage/route-settings.js';
import { ApigwSyncError } from '../../model/errors.js';
import type { LiveIds } from '../../model/live.js';
import type { PlanStep, StepExecutor } from '../../model/plan.js';
import { kindOf } from '../../kinds/registry.js';
import { syncRecord } from './record-writer.js';
import { isAwsError } from './call.js';
import { same } from '../../kinds/patch.js';
import { moveAuthorizer } from './rest-executor.js';
import { integrationMarker } from '../../kinds/integration/unused.js';
import {
  apiArn,
  keyOf,
  ownHandlers,
  routeRenames,
  startingPoint,
  tagDelta,
  writeContext,
  type ExecutorOptions,
  type Handlers,
  type OwnWrites,
} from './shared.js';

export interface HttpExecutorOptions extends ExecutorOptions {
  client: ApiGatewayV2Client;
}

type V2Flavour = 'HttpApi' | 'WebSocketApi';
const PROTOCOL: Record<V2Flavour, 'HTTP' | 'WEBSOCKET'> = { HttpApi: 'HTTP', WebSocketApi: 'WEBSOCKET' };
const LABEL: Record<V2Flavour, string> = { HttpApi: 'HTTP', WebSocketApi: 'WebSocket' };

export class HttpApiExecutor implements StepExecutor, OwnWrites {
  protected readonly cur: ApiModel;
  readonly ids: LiveIds;
  /** Stage → deployment this run made it serve (recorded for drift, see deployed-tag.ts). */
  readonly served: Record<string, string> = {};
  /** Stages created in this run: they serve nothing until deployed. */
  private readonly freshStages = new Set<string>();
  private readonly renames: Map<string, string>;

  /** Names → ids for the kinds' wire builders (reads the ids as they stand at each call). */
  protected readonly wire: WriteContext;

  constructor(
    protected readonly o: HttpExecutorOptions,
    /** Which v2 API: the field tables' `http` or `ws` column, and CreateApi's protocol. */
    protected readonly flavour: V2Flavour = 'HttpApi',
  ) {
    const start = startingPoint(o);
    this.cur = start.cur;
    this.ids = start.ids;
    this.renames = routeRenames(o.steps);
    this.wire = writeContext(this.ids, o.desired.name, o.accountIds);
  }

  get apiId(): string {
    return this.ids.apiId;
  }

  private readonly handlers: Handlers = {
    ...ownHandlers(this),
    // Left by an apply that died before CreateRoute (kinds/unused-integration): named by its id.
    unusedIntegration: (c) =>
      ignoreNotFound(
        this.call('DeleteIntegration', (cl) =>
          cl.send(new DeleteIntegrationCommand({ ApiId: this.ApiId, IntegrationId: keyOf(c) })),
        ),
      ),
  };

  async execute(step: PlanStep): Promise<void> {
    const c = step.change;
    const handler = this.handlers[c.target];
    if (handler) return handler(c);
    // Every other kind is written from its write spec (one HTTP APIs lack, like request validators, is refused by name).
    await syncRecord(kindOf(c.target), keyOf(c), {
      flavour: this.flavour,
      send: (op, command) =>
        this.call(op, (cl) => cl.send(command as never) as unknown as Promise<Record<string, unknown>>),
      apiRef: () => ({ ApiId: this.ApiId }),
      cur: this.cur,
      desired: this.o.desired,
      ids: this.ids,
      wire: this.wire,
    });
  }

  async deploy(_apiKey: string, stages: string[]): Promise<void> {
    const todo = [...new Set([...stages, ...this.freshStages])].filter(
      (s) => this.cur.stages[s] && !this.cur.stages[s].autoDeploy,
    );
    if (todo.length === 0 || !this.ids.apiId) return;
    const { deploymentId } = await this.o.deployer.deploy({
      api: this.o.desired,
      apiId: this.ids.apiId,
      stages: todo,
      description: this.o.description,
    });
    for (const s of todo) this.served[s] = deploymentId;
    this.freshStages.clear();
  }

  protected call<T>(operation: string, fn: (client: ApiGatewayV2Client) => Promise<T>) {
    return this.o.caller.run(operation, () => fn(this.o.client));
  }

  protected get ApiId(): string {
    if (!this.ids.apiId) {
      throw new ApigwSyncError('NO_API', `${LABEL[this.flavour]} API ${this.o.desired.name} does not exist yet`, {
        hint: 'the plan must create the API before its other steps; run `apigw-sync plan` again',
      });
    }
    return this.ids.apiId;
  }

  async syncApi(): Promise<void> {
    const d = this.o.desired;
    if (!this.ids.apiId) {
      const out = await this.call('CreateApi', (c) =>
        c.send(
          new CreateApiCommand({
            ...createInput<ApiFieldsModel>(apiFields, this.flavour, d, this.wire),
            Name: d.name,
            ProtocolType: PROTOCOL[this.flavour],
            Tags: { ...d.tags, ...this.o.toolTagsAtCreate() },
          }),
        ),
      );
      if (!out.ApiId) throw new ApigwSyncError('AWS_NO_ID', `CreateApi for ${d.name} returned no id`);
      this.ids.apiId = out.ApiId;
    } else {
      const c = this.cur;
      const input = updateInput<ApiFieldsModel>(apiFields, c, d, this.flavour);
      if (input) await this.call('UpdateApi', (cl) => cl.send(new UpdateApiCommand({ ...input, ApiId: this.ApiId })));
      if (c.cors && !d.cors)
        await this.call('DeleteCorsConfiguration', (cl) =>
          cl.send(new DeleteCorsConfigurationCommand({ ApiId: this.ApiId })),
        );
    }
    // Every field of the api table is now as desired; tags are their own step.
    for (const [key] of rowsOf<ApiFieldsModel>(apiFields))
      (this.cur as unknown as Record<string, unknown>)[key] = structuredClone(d[key]);
    if (!this.o.live) this.cur.tags = { ...d.tags };
  }

  async deleteApi(): Promise<void> {
    if (!this.ids.apiId) return;
    await this.call('DeleteApi', (c) => c.send(new DeleteApiCommand({ ApiId: this.ids.apiId })));
    this.ids.apiId = '';
  }

  async syncTags(): Promise<void> {
    const { set, remove } = tagDelta(this.cur.tags, this.o.desired.tags);
    const ResourceArn = apiArn(this.o.region, this.flavour, this.ApiId);
    if (Object.keys(set).length)
      await this.call('TagResource', (c) => c.send(new TagResourceCommand({ ResourceArn, Tags: set })));
    if (remove.length)
      await this.call('UntagResource', (c) => c.send(new UntagResourceCommand({ ResourceArn, TagKeys: remove })));
    this.cur.tags = { ...this.o.desired.tags };
  }

  async syncAuthorizer(name: string, oldName?: string): Promise<void> {
    const d = this.o.desired.authorizers[name];
    if (
      d &&
      oldName &&
      !this.cur.authorizers[name] &&
      this.cur.authorizers[oldName] &&
      this.ids.authorizerIds[oldName]
    ) {
      // Renamed in place: the id (and every route's link to it) stays.
      const AuthorizerId = this.ids.authorizerIds[oldName];
      await this.call('UpdateAuthorizer', (cl) =>
        cl.send(new UpdateAuthorizerCommand({ ...this.authorizerInput(d), ApiId: this.ApiId, AuthorizerId })),
      );
      moveAuthorizer(this.cur, this.ids, oldName, name);
      this.cur.authorizers[name] = structuredClone(d);
      return;
    }
    const c = this.cur.authorizers[name];
    const id = this.ids.authorizerIds[name];
    if (!d) {
      if (c && id)
        await this.call('DeleteAuthorizer', (cl) =>
          cl.send(new DeleteAuthorizerCommand({ ApiId: this.ApiId, AuthorizerId: id })),
        );
      delete this.cur.authorizers[name];
      delete this.ids.authorizerIds[name];
      return;
    }
    if (!c || !id) {
      const out = await this.call('CreateAuthorizer', (cl) =>
        cl.send(new CreateAuthorizerCommand({ ...this.authorizerInput(d), ApiId: this.ApiId })),
      );
      if (!out.AuthorizerId) throw new ApigwSyncError('AWS_NO_ID', `CreateAuthorizer ${name} returned no id`);
      this.ids.authorizerIds[name] = out.AuthorizerId;
    } else if (!same(c, d)) {
      await this.call('UpdateAuthorizer', (cl) =>
        cl.send(new UpdateAuthorizerCommand({ ...this.authorizerInput(d), ApiId: this.ApiId, AuthorizerId: id })),
      );
    }
    this.cur.authorizers[name] = structuredClone(d);
  }

  async syncRoute(key: string): Promise<void> {
    const d = this.o.desired.routes[key];
    const ApiId = this.ApiId;
    const oldKey = this.renames.get(key);
    if (
      d &&
      oldKey &&
      !this.cur.routes[key] &&
      this.cur.routes[oldKey] &&
      this.ids.routeIds[oldKey] &&
      !this.o.desired.routes[oldKey]
    ) {
      // Renamed: UpdateRoute with the new RouteKey keeps the route id and its integration.
      const RouteId = this.ids.routeIds[oldKey];
      await this.call('UpdateRoute', (cl) =>
        cl.send(new UpdateRouteCommand({ ...this.routeInput(d), ApiId, RouteId, RouteKey: key })),
      );
      this.ids.routeIds[key] = RouteId;
      this.ids.integrationIds[key] = this.ids.integrationIds[oldKey];
      delete this.ids.routeIds[oldKey];
      delete this.ids.integrationIds[oldKey];
      this.cur.routes[key] = { ...d, integration: this.cur.routes[oldKey].integration };
      delete this.cur.routes[oldKey];
    }
    const c = this.cur.routes[key];
    if (!d) {
      const routeId = this.ids.routeIds[key];
      const integrationId = this.ids.integrationIds[key];
      // The route refers to the integration: it goes first.
      if (routeId)
        await ignoreNotFound(
          this.call('DeleteRoute', (cl) => cl.send(new DeleteRouteCommand({ ApiId, RouteId: routeId }))),
        );
      if (integrationId && !this.integrationShared(key, integrationId)) {
        await ignoreNotFound(
          this.call('DeleteIntegration', (cl) =>
            cl.send(new DeleteIntegrationCommand({ ApiId, IntegrationId: integrationId })),
          ),
        );
      }
      delete this.cur.routes[key];
      delete this.ids.routeIds[key];
      delete this.ids.integrationIds[key];
      return;
    }
    let integrationId = this.ids.integrationIds[key];
    if (!integrationId) {
      // The marker names it as ours: if the run dies before CreateRoute, the next apply deletes it (unused-integrations.ts).
      const out = await this.call('CreateIntegration', (cl) =>
        cl.send(
          new CreateIntegrationCommand({ ...this.integrationInput(d), Description: integrationMarker(key), ApiId }),
        ),
      );
      if (!out.IntegrationId) throw new ApigwSyncError('AWS_NO_ID', `CreateIntegration for ${key} returned no id`);
      integrationId = out.IntegrationId;
      this.ids.integrationIds[key] = integrationId;
    } else if (!c || !same(c.integration, d.integration)) {
      const IntegrationId = integrationId;
      // Whole attributes, except the parameter maps AWS merges: their removed keys are sent as removals.
      const merged = c ? updateInput(integrationFields, c.integration, d.integration) : undefined;
      await this.call('UpdateIntegration', (cl) =>
        cl.send(new UpdateIntegrationCommand({ ...this.integrationInput(d), ...merged, ApiId, IntegrationId })),
      );
    }
    const routeInput = { ...this.routeInput(d), RouteKey: key, Target: `integrations/${integrationId}` };
    const routeId = this.ids.routeIds[key];
    if (!routeId) {
      const out = await this.call('CreateRoute', (cl) => cl.send(new CreateRouteCommand({ ApiId, ...routeInput })));
      if (!out.RouteId) throw new ApigwSyncError('AWS_NO_ID', `CreateRoute ${key} returned no id`);
      this.ids.routeIds[key] = out.RouteId;
    } else if (!c || fieldsDiffer(routeFields, 'HttpApi', c, d)) {
      await this.call('UpdateRoute', (cl) =>
        cl.send(new UpdateRouteCommand({ ApiId, RouteId: routeId, ...routeInput })),
      );
    }
    this.cur.routes[key] = structuredClone(d);
  }

  /** Imported APIs may point several routes at one integration: never delete it from under them. */
  private integrationShared(key: string, integrationId: string): boolean {
    return Object.entries(this.ids.integrationIds).some(([k, id]) => k !== key && id === integrationId);
  }

  // v2 Create*/Update* take whole attributes: one input from each kind's field table serves both.
  private routeInput(d: RouteModel) {
    return createInput(routeFields, 'HttpApi', d, this.wire);
  }

  private integrationInput(d: RouteModel) {
    return {
      ...createInput(integrationFields, 'HttpApi', d.integration, this.wire),
      IntegrationType: d.integration.type,
    };
  }

  private authorizerInput(d: ApiModel['authorizers'][string]) {
    // The field table builds every member (IdentitySource included); the SDK's type is asserted here, at the edge.
    return createInput(authorizerFields, this.flavour, d, this.wire) as Omit<CreateAuthorizerCommandInput, 'ApiId'>;
  }

  async syncStage(name: string): Promise<void> {
    const d = this.o.desired.stages[name];
    const c = this.cur.stages[name];
    const ApiId = this.ApiId;
    if (!d) {
      if (c)
        await ignoreNotFound(
          this.call('DeleteStage', (cl) => cl.send(new DeleteStageCommand({ ApiId, StageName: name }))),
        );
      delete this.cur.stages[name];
      return;
    }
    if (!c) {
      await this.call('CreateStage', (cl) =>
        cl.send(
          new CreateStageCommand({ ...createInput(stageFields, this.flavour, d, this.wire), ApiId, StageName: name }),
        ),
      );
      this.freshStages.add(name);
    } else {
      // UpdateStage merges and removes nothing: a dropped route's settings and access logging
      // go with their own calls, first (UpdateStage fails on settings of a route that is gone).
      for (const routeKey of droppedRouteSettings(c, d)) {
        await ignoreNotFound(
          this.call('DeleteRouteSettings', (cl) =>
            cl.send(new DeleteRouteSettingsCommand({ ApiId, StageName: name, RouteKey: routeKey })),
          ),
        );
      }
      if (c.accessLog && !d.accessLog)
        await ignoreNotFound(
          this.call('DeleteAccessLogSettings', (cl) =>
            cl.send(new DeleteAccessLogSettingsCommand({ ApiId, StageName: name })),
          ),
        );
      const input = updateInput(stageFields, c, d, this.flavour);
      if (input)
        await this.call('UpdateStage', (cl) => cl.send(new UpdateStageCommand({ ApiId, StageName: name, ...input })));
    }
    this.cur.stages[name] = structuredClone(d);
  }
}

export async function ignoreNotFound(p: Promise<unknown>): Promise<void> {
  try {
    await p;
  } catch (e) {
    if (!isAwsError(e, 'NotFoundException')) throw e;
  }
}
