/**
 * Applies plan steps to one REST API (API Gateway v1).
 *
 * Each step converges one record (route, stage, authorizer...) from what is live to what is
 * desired, comparing the two models itself rather than trusting the change's field list: a
 * resumed apply may repeat a step that half-happened, and it must then do only what is left.
 * The executor keeps its own picture of the live API current as it writes, so a second step
 * on the same record (a route change and its integration change) costs no extra call.
 */
import {
  APIGatewayClient,
  CreateAuthorizerCommand,
  CreateDeploymentCommand,
  CreateResourceCommand,
  CreateRestApiCommand,
  CreateStageCommand,
  DeleteAuthorizerCommand,
  DeleteIntegrationResponseCommand,
  DeleteMethodCommand,
  DeleteMethodResponseCommand,
  DeleteResourceCommand,
  DeleteRestApiCommand,
  DeleteStageCommand,
  GetResourcesCommand,
  PutIntegrationCommand,
  PutIntegrationResponseCommand,
  PutMethodCommand,
  PutMethodResponseCommand,
  TagResourceCommand,
  UntagResourceCommand,
  UpdateAuthorizerCommand,
  UpdateIntegrationCommand,
  UpdateMethodCommand,
  UpdateResourceCommand,
  UpdateRestApiCommand,
  UpdateStageCommand,
} from '@aws-sdk/client-api-gateway';
import type { ApiModel, IntegrationResponseModel, RouteModel } from '../../model/api.js';
import { afterCreate, createInput, patchOps, rowsOf, type WriteContext } from '../../kinds/field.js';
import { apiFields, type ApiFieldsModel } from '../../kinds/api/fields.js';
import { authorizerFields } from '../../kinds/authorizer/fields.js';
import { INTEGRATION_RECREATE_ON, integrationFields } from '../../kinds/integration/fields.js';
import { DEFAULT_PATTERN, integrationResponseFields } from '../../kinds/integration-response/fields.js';
import { methodResponseFields } from '../../kinds/method-response/fields.js';
import { routeFields } from '../../kinds/route/fields.js';
import { stageFields } from '../../kinds/stage/fields.js';
import { ApigwSyncError } from '../../model/errors.js';
import type { LiveIds } from '../../model/live.js';
import type { PlanStep, StepExecutor } from '../../model/plan.js';
import { kindOf } from '../../kinds/registry.js';
import { syncRecord, type RecordWriter } from './record-writer.js';
import type { WAFV2Client } from '@aws-sdk/client-wafv2';
import { isAwsError } from './call.js';
import { same } from '../../kinds/patch.js';
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

export interface RestExecutorOptions extends ExecutorOptions {
  client: APIGatewayClient;
  /** AWS WAF, asked for only when a stage's web ACL changes. */
  waf?: () => WAFV2Client | undefined;
}

export class RestApiExecutor implements StepExecutor, OwnWrites {
  private readonly cur: ApiModel;
  readonly ids: LiveIds;
  /** Stage → deployment this run made it serve (recorded for drift, see deployed-tag.ts). */
  readonly served: Record<string, string> = {};
  /** Bumped by every write that a deployment snapshots (resources, methods, integrations...). */
  private snapshotWrites = 0;
  /** Stages created in this run, and the snapshot counter their deployment saw. */
  private readonly freshStages = new Map<string, number>();
  private stageCreationDeployment?: { id: string; atWrites: number };
  private readonly renames: Map<string, string>;

  /** Names → ids for the kinds' wire builders (reads the ids as they stand at each call). */
  private readonly wire: WriteContext;

  constructor(private readonly o: RestExecutorOptions) {
    const start = startingPoint(o);
    this.cur = start.cur;
    this.ids = start.ids;
    this.renames = routeRenames(o.steps);
    this.wire = writeContext(this.ids, o.desired.name, o.accountIds);
  }

  get apiId(): string {
    return this.ids.apiId;
  }

  private readonly handlers: Handlers = ownHandlers(this);

  async execute(step: PlanStep): Promise<void> {
    const c = step.change;
    const handler = this.handlers[c.target];
    if (handler) return handler(c);
    // Every other kind is written from its write spec and field table (request validators, models, …).
    if (await syncRecord(kindOf(c.target), keyOf(c), this.records)) this.snapshotWrites++;
  }

  private get records(): RecordWriter {
    return {
      flavour: 'RestApi',
      send: (op, command) =>
        this.call(op, (cl) => cl.send(command as never) as unknown as Promise<Record<string, unknown>>),
      apiRef: () => ({ restApiId: this.restApiId }),
      cur: this.cur,
      desired: this.o.desired,
      ids: this.ids,
      wire: this.wire,
    };
  }

  async deploy(_apiKey: string, stages: string[]): Promise<void> {
    // A stage created in this run already serves a deployment taken after the last
    // snapshotted write: deploying it again would spend a CreateDeployment for nothing.
    const todo = stages.filter((s) => {
      if (!this.cur.stages[s]) return false;
      const at = this.freshStages.get(s);
      return at === undefined || at < this.snapshotWrites;
    });
    if (todo.length === 0 || !this.ids.apiId) return;
    const { deploymentId } = await this.o.deployer.deploy({
      api: this.o.desired,
      apiId: this.ids.apiId,
      stages: todo,
      description: this.o.description,
    });
    for (const s of todo) this.served[s] = deploymentId;
  }

  // ── API ────────────────────────────────────────────────────────────────────────────────

  private call<T>(operation: string, fn: (client: APIGatewayClient) => Promise<T>, opts: { write?: boolean } = {}) {
    return this.o.caller.run(operation, () => fn(this.o.client), opts);
  }

  private get restApiId(): string {
    if (!this.ids.apiId) {
      throw new ApigwSyncError('NO_API', `REST API ${this.o.desired.name} does not exist yet`, {
        hint: 'the plan must create the API before its other steps; run `apigw-sync plan` again',
      });
    }
    return this.ids.apiId;
  }

  async syncApi(): Promise<void> {
    const d = this.o.desired;
    if (!this.ids.apiId) {
      const out = await this.call('CreateRestApi', (c) =>
        c.send(
          new CreateRestApiCommand({
            ...createInput<ApiFieldsModel>(apiFields, 'RestApi', d, this.wire),
            name: d.name,
            tags: { ...d.tags, ...this.o.toolTagsAtCreate() },
          }),
        ),
      );
      if (!out.id) throw new ApigwSyncError('AWS_NO_ID', `CreateRestApi for ${d.name} returned no id`);
      this.ids.apiId = out.id;
      if (out.rootResourceId) this.ids.resourceIds['/'] = out.rootResourceId;
      Object.assign(this.cur, apiFieldsOf(d), {
        endpointType: d.endpointType ?? out.endpointConfiguration?.types?.[0],
        tags: { ...d.tags },
      });
      if (!this.ids.resourceIds['/']) await this.refreshResources();
      return;
    }
    const c = this.cur;
    const ops = patchOps<ApiFieldsModel>(apiFields, c, d, this.wire);
    if (ops.length === 0) return;
    await this.call('UpdateRestApi', (cl) =>
      cl.send(new UpdateRestApiCommand({ restApiId: this.restApiId, patchOperations: ops })),
    );
    Object.assign(c, apiFieldsOf(d), { endpointType: d.endpointType ?? c.endpointType });
  }

  async deleteApi(): Promise<void> {
    if (!this.ids.apiId) return;
    await this.call('DeleteRestApi', (c) => c.send(new DeleteRestApiCommand({ restApiId: this.ids.apiId })));
    this.ids.apiId = '';
  }

  async syncTags(): Promise<void> {
    const { set, remove } = tagDelta(this.cur.tags, this.o.desired.tags);
    const resourceArn = apiArn(this.o.region, 'RestApi', this.restApiId);
    if (Object.keys(set).length)
      await this.call('TagResource', (c) => c.send(new TagResourceCommand({ resourceArn, tags: set })));
    if (remove.length)
      await this.call('UntagResource', (c) => c.send(new UntagResourceCommand({ resourceArn, tagKeys: remove })));
    this.cur.tags = { ...this.o.desired.tags };
  }

  // ── authorizers ────────────────────────────────────────────────────

  async syncAuthorizer(name: string, oldName?: string): Promise<void> {
    const d = this.o.desired.authorizers[name];
    const restApiId = this.restApiId;
    if (
      d &&
      oldName &&
      !this.cur.authorizers[name] &&
      this.cur.authorizers[oldName] &&
      this.ids.authorizerIds[oldName]
    ) {
      // Renamed: UpdateAuthorizer keeps the id, so methods that use it stay linked.
      const authorizerId = this.ids.authorizerIds[oldName];
      // The name row patches `/name` first, then every other field that differs.
      const patchOperations = patchOps(authorizerFields, this.cur.authorizers[oldName], d, this.wire);
      await this.call('UpdateAuthorizer', (cl) =>
        cl.send(new UpdateAuthorizerCommand({ restApiId, authorizerId, patchOperations })),
      );
      moveAuthorizer(this.cur, this.ids, oldName, name);
      this.cur.authorizers[name] = structuredClone(d);
      this.snapshotWrites++;
      return;
    }
    const c = this.cur.authorizers[name];
    if (!d) {
      const id = this.ids.authorizerIds[name];
      if (c && id)
        await this.call('DeleteAuthorizer', (cl) =>
          cl.send(new DeleteAuthorizerCommand({ restApiId, authorizerId: id })),
        );
      delete this.cur.authorizers[name];
      delete this.ids.authorizerIds[name];
      return;
    }
    if (!c || !this.ids.authorizerIds[name]) {
      const out = await this.call('CreateAuthorizer', (cl) =>
        cl.send(
          new CreateAuthorizerCommand({
            ...createInput(authorizerFields, 'RestApi', d, this.wire),
            restApiId,
            name,
            type: d.type === 'JWT' ? 'TOKEN' : d.type,
          }),
        ),
      );
      if (!out.id) throw new ApigwSyncError('AWS_NO_ID', `CreateAuthorizer ${name} returned no id`);
      this.ids.authorizerIds[name] = out.id;
    } else {
      const ops = patchOps(authorizerFields, c, d, this.wire);
      if (ops.length) {
        const authorizerId = this.ids.authorizerIds[name];
        await this.call('UpdateAuthorizer', (cl) =>
          cl.send(new UpdateAuthorizerCommand({ restApiId, authorizerId, patchOperations: ops })),
        );
      }
    }
    this.cur.authorizers[name] = structuredClone(d);
    this.snapshotWrites++;
  }

  // ── resources, methods, integrations ───────────────────────────────────────────────────

  async syncRoute(key: string): Promise<void> {
    const d = this.o.desired.routes[key];
    const oldKey = this.renames.get(key);
    if (d && oldKey && !this.cur.routes[key] && this.cur.routes[oldKey] && !this.o.desired.routes[oldKey]) {
      await this.renameRoute(oldKey, key);
    }
    const c = this.cur.routes[key];
    if (!d) {
      if (c) await this.deleteRoute(key, c);
      return;
    }
    const resourceId = await this.ensurePath(d.path);
    const restApiId = this.restApiId;
    const httpMethod = d.method;
    const target = { restApiId, resourceId, httpMethod };

    if (!c) {
      await this.call('PutMethod', (cl) =>
        cl.send(
          new PutMethodCommand({
            ...target,
            ...createInput(routeFields, 'RestApi', d, this.wire),
            authorizationType: d.authorization.type,
          }),
        ),
      );
      await this.putIntegration(target, d);
      for (const [statusCode, r] of Object.entries(d.methodResponses))
        await this.putMethodResponse(target, statusCode, r);
      for (const r of Object.values(byStatus(d.integration.responses))) await this.putIntegrationResponse(target, r);
    } else {
      const mOps = patchOps(routeFields, c, d, this.wire);
      if (mOps.length)
        await this.call('UpdateMethod', (cl) => cl.send(new UpdateMethodCommand({ ...target, patchOperations: mOps })));

      // Integration responses refer to method responses: drop theirs first, add ours after.
      const liveResponses = byStatus(c.integration.responses);
      const wantResponses = byStatus(d.integration.responses);
      for (const statusCode of Object.keys(liveResponses)) {
        if (!wantResponses[statusCode]) {
          await this.call('DeleteIntegrationResponse', (cl) =>
            cl.send(new DeleteIntegrationResponseCommand({ ...target, statusCode })),
          );
        }
      }
      for (const [statusCode, r] of Object.entries(d.methodResponses)) {
        const was = c.methodResponses[statusCode];
        if (was && same(was, r)) continue;
        if (was)
          await this.call('DeleteMethodResponse', (cl) =>
            cl.send(new DeleteMethodResponseCommand({ ...target, statusCode })),
          );
        await this.putMethodResponse(target, statusCode, r);
      }

      let rePutResponses = false;
      if (INTEGRATION_RECREATE_ON.some((k) => !same(c.integration[k], d.integration[k]))) {
        // A different integration type is a different integration: replace it whole.
        await this.putIntegration(target, d);
        rePutResponses = true;
      } else {
        const iOps = patchOps(integrationFields, c.integration, d.integration, this.wire);
        if (iOps.length)
          await this.call('UpdateIntegration', (cl) =>
            cl.send(new UpdateIntegrationCommand({ ...target, patchOperations: iOps })),
          );
      }
      for (const [statusCode, r] of Object.entries(wantResponses)) {
        if (!rePutResponses && liveResponses[statusCode] && same(liveResponses[statusCode], r)) continue;
        await this.putIntegrationResponse(target, r);
      }
      for (const statusCode of Object.keys(c.methodResponses)) {
        if (!d.methodResponses[statusCode]) {
          await this.call('DeleteMethodResponse', (cl) =>
            cl.send(new DeleteMethodResponseCommand({ ...target, statusCode })),
          );
        }
      }
    }
    this.cur.routes[key] = structuredClone(d);
    this.snapshotWrites++;
  }

  /**
   * The plan pairs a deleted and a created route whose paths differ in one segment, and only
   * when the old resource serves nothing else (diff/renames.ts): rename that resource in
   * place (UpdateResource `replace /pathPart`), keeping its id, method and integration.
   */
  private async renameRoute(oldKey: string, newKey: string): Promise<void> {
    const old = this.cur.routes[oldKey];
    const newPath = this.o.desired.routes[newKey].path;
    const a = old.path.split('/');
    const b = newPath.split('/');
    const i = a.findIndex((seg, n) => seg !== b[n]);
    const oldPrefix = a.slice(0, i + 1).join('/');
    const newPrefix = b.slice(0, i + 1).join('/');
    const resourceId = this.ids.resourceIds[oldPrefix];
    if (a.length !== b.length || i < 1 || !resourceId || this.ids.resourceIds[newPrefix]) return; // not a one-segment rename: create + delete
    await this.call('UpdateResource', (cl) =>
      cl.send(
        new UpdateResourceCommand({
          restApiId: this.restApiId,
          resourceId,
          patchOperations: [{ op: 'replace', path: '/pathPart', value: b[i] }],
        }),
      ),
    );
    for (const p of Object.keys(this.ids.resourceIds)) {
      if (p === oldPrefix || p.startsWith(`${oldPrefix}/`)) {
        this.ids.resourceIds[newPrefix + p.slice(oldPrefix.length)] = this.ids.resourceIds[p];
        delete this.ids.resourceIds[p];
      }
    }
    delete this.cur.routes[oldKey];
    this.cur.routes[newKey] = { ...old, path: newPath };
    this.snapshotWrites++;
  }

  private putIntegration(target: MethodTarget, d: RouteModel) {
    const input = createInput(integrationFields, 'RestApi', d.integration, this.wire);
    return this.call('PutIntegration', (cl) =>
      cl.send(new PutIntegrationCommand({ ...target, ...input, type: d.integration.type })),
    );
  }

  private putMethodResponse(target: MethodTarget, statusCode: string, r: RouteModel['methodResponses'][string]) {
    const input = createInput(methodResponseFields, 'RestApi', r, this.wire);
    return this.call('PutMethodResponse', (cl) =>
      cl.send(new PutMethodResponseCommand({ ...target, ...input, statusCode })),
    );
  }

  private putIntegrationResponse(target: MethodTarget, r: IntegrationResponseModel & { selectionPattern?: string }) {
    const input = createInput(integrationResponseFields, 'RestApi', r, this.wire);
    return this.call('PutIntegrationResponse', (cl) =>
      cl.send(
        new PutIntegrationResponseCommand({
          ...target,
          ...input,
          statusCode: r.statusCode,
          selectionPattern: r.selectionPattern,
        }),
      ),
    );
  }

  private async deleteRoute(key: string, c: RouteModel): Promise<void> {
    const resourceId = this.ids.resourceIds[c.path];
    if (resourceId) {
      try {
        await this.call('DeleteMethod', (cl) =>
          cl.send(new DeleteMethodCommand({ restApiId: this.restApiId, resourceId, httpMethod: c.method })),
        );
      } catch (e) {
        if (!isAwsError(e, 'NotFoundException')) throw e; // already gone: a resumed run
      }
    }
    delete this.cur.routes[key];
    this.snapshotWrites++;
    await this.pruneResources(c.path);
  }

  /** Creates the missing resources of `path`, parents first, reusing every one that exists. */
  private async ensurePath(path: string): Promise<string> {
    if (!this.ids.resourceIds['/']) await this.refreshResources();
    let parent = this.ids.resourceIds['/'];
    let soFar = '';
    for (const part of path.split('/').filter(Boolean)) {
      soFar += `/${part}`;
      const known = this.ids.resourceIds[soFar];
      if (known) {
        parent = known;
        continue;
      }
      const parentId = parent;
      try {
        const out = await this.call('CreateResource', (cl) =>
          cl.send(new CreateResourceCommand({ restApiId: this.restApiId, parentId, pathPart: part })),
        );
        if (!out.id) throw new ApigwSyncError('AWS_NO_ID', `CreateResource ${soFar} returned no id`);
        this.ids.resourceIds[soFar] = out.id;
        this.snapshotWrites++;
      } catch (e) {
        // Created by a run that died before it could remember the id: look it up.
        if (!isAwsError(e, 'ConflictException')) throw e;
        await this.refreshResources();
        if (!this.ids.resourceIds[soFar]) throw e;
      }
      parent = this.ids.resourceIds[soFar];
    }
    return parent;
  }

  /** Deletes the highest resource on `path` under which no route (live or desired) remains. */
  private async pruneResources(path: string): Promise<void> {
    const inUse = (p: string) =>
      [...Object.values(this.cur.routes), ...Object.values(this.o.desired.routes)].some(
        (r) => r.path === p || r.path.startsWith(p === '/' ? '/' : `${p}/`),
      );
    const parts = path.split('/').filter(Boolean);
    let victim: string | undefined;
    for (let n = parts.length; n >= 1; n--) {
      const p = `/${parts.slice(0, n).join('/')}`;
      if (inUse(p)) break;
      victim = p;
    }
    if (!victim) return;
    const resourceId = this.ids.resourceIds[victim];
    if (resourceId) {
      try {
        await this.call('DeleteResource', (cl) =>
          cl.send(new DeleteResourceCommand({ restApiId: this.restApiId, resourceId })),
        );
      } catch (e) {
        if (!isAwsError(e, 'NotFoundException')) throw e;
      }
      this.snapshotWrites++;
    }
    for (const p of Object.keys(this.ids.resourceIds)) {
      if (p === victim || p.startsWith(`${victim}/`)) delete this.ids.resourceIds[p];
    }
  }

  private async refreshResources(): Promise<void> {
    let position: string | undefined;
    do {
      const page = await this.call(
        'GetResources',
        (cl) => cl.send(new GetResourcesCommand({ restApiId: this.restApiId, limit: 500, position })),
        { write: false },
      );
      for (const r of page.items ?? []) if (r.path && r.id) this.ids.resourceIds[r.path] = r.id;
      position = page.position;
    } while (position);
  }

  // ── stages ─────────────────────────────────────────────────────────────────────────────

  async syncStage(name: string): Promise<void> {
    const d = this.o.desired.stages[name];
    const c = this.cur.stages[name];
    const restApiId = this.restApiId;
    if (!d) {
      if (c) {
        try {
          await this.call('DeleteStage', (cl) => cl.send(new DeleteStageCommand({ restApiId, stageName: name })));
        } catch (e) {
          if (!isAwsError(e, 'NotFoundException')) throw e;
        }
      }
      delete this.cur.stages[name];
      return;
    }
    if (!c) {
      // A REST stage needs a deployment to exist: one deployment serves every stage this run creates.
      if (!this.stageCreationDeployment || this.stageCreationDeployment.atWrites < this.snapshotWrites) {
        const dep = await this.call('CreateDeployment', (cl) =>
          cl.send(new CreateDeploymentCommand({ restApiId, description: this.o.description })),
        );
        if (!dep.id) throw new ApigwSyncError('AWS_NO_ID', 'CreateDeployment returned no id');
        this.stageCreationDeployment = { id: dep.id, atWrites: this.snapshotWrites };
      }
      const { id: deploymentId, atWrites } = this.stageCreationDeployment;
      await this.call('CreateStage', (cl) =>
        cl.send(
          new CreateStageCommand({
            ...createInput(stageFields, 'RestApi', d, this.wire),
            restApiId,
            stageName: name,
            deploymentId,
          }),
        ),
      );
      this.freshStages.set(name, atWrites);
      this.served[name] = deploymentId;
      this.ids.stageDeployments[name] = { deploymentId };
      // Cache, throttling and logs are method settings: one UpdateStage after the create.
      const ops = patchOps(stageFields, afterCreate(stageFields, 'RestApi', d), d, this.wire);
      if (ops.length)
        await this.call('UpdateStage', (cl) =>
          cl.send(new UpdateStageCommand({ restApiId, stageName: name, patchOperations: ops })),
        );
    } else {
      const ops = patchOps(stageFields, c, d, this.wire);
      if (ops.length)
        await this.call('UpdateStage', (cl) =>
          cl.send(new UpdateStageCommand({ restApiId, stageName: name, patchOperations: ops })),
        );
    }
    // The web ACL is WAF's, not the stage's to write: AssociateWebACL / DisassociateWebACL.
    if ((c?.webAclArn ?? undefined) !== d.webAclArn && (c?.webAclArn || d.webAclArn))
      await this.setWebAcl(name, d.webAclArn);
    this.cur.stages[name] = structuredClone(d);
  }

  private async setWebAcl(stage: string, webAclArn: string | undefined): Promise<void> {
    const waf = this.o.waf?.();
    if (!waf)
      throw new ApigwSyncError(
        'NO_WAF_CLIENT',
        `stage ${stage}: the web ACL changes, but apply was given no AWS WAF client`,
        { hint: 'pass clients made by createAwsClients (they include wafv2)' },
      );
    // Loaded on first use: a plan's module graph carries no WAF SDK.
    const { setStageWebAcl } = await import('../web-acl.js');
    await setStageWebAcl(waf, {
      region: this.o.region,
      restApiId: this.restApiId,
      stage,
      webAclArn,
      call: (op, fn) => this.o.caller.run(op, fn),
    });
  }
}

// ── pure helpers (exported for unit tests) ───────────────────────────────────────────────

/** Moves an authorizer's id and every route's reference to it from `from` to `to`. */
export function moveAuthorizer(cur: ApiModel, ids: LiveIds, from: string, to: string): void {
  ids.authorizerIds[to] = ids.authorizerIds[from];
  delete ids.authorizerIds[from];
  delete cur.authorizers[from];
  for (const r of Object.values(cur.routes)) {
    if (r.authorization.authorizer === from) r.authorization = { ...r.authorization, authorizer: to };
  }
}

/** The model keys integration responses by selection pattern; AWS keys them by status code. */
export function byStatus(
  responses: Record<string, IntegrationResponseModel>,
): Record<string, IntegrationResponseModel & { selectionPattern?: string }> {
  const out: Record<string, IntegrationResponseModel & { selectionPattern?: string }> = {};
  for (const [pattern, r] of Object.entries(responses)) {
    out[r.statusCode] = { ...r, selectionPattern: pattern === DEFAULT_PATTERN ? undefined : pattern };
  }
  return out;
}

type MethodTarget = { restApiId: string; resourceId: string; httpMethod: string };

/** The API-level fields of a model (every row of the api field table). */
function apiFieldsOf(d: ApiModel): Partial<ApiFieldsModel> {
  const out: Record<string, unknown> = {};
  for (const [key] of rowsOf<ApiFieldsModel>(apiFields)) out[key] = structuredClone(d[key]);
  return out;
}
