/**
 * Applies plan steps to one REST API (API Gateway v1).
 *
 * Each step converges one record (route, stage, authorizer...) from what is live to what is
 * desired, comparing the two models itself rather than trusting the change's field list: a
 * resumed apply may repeat a step that half-happened, and it must then do only what is left.
 * The executor keeps its own picture of the live API current as it writes, so a second step
 * on the same record (a route change and its integration change) costs no extra call.
 */
import { modelRefsToAws } from '../../kinds/model/refs.js';
import {
  APIGatewayClient,
  CreateAuthorizerCommand,
  CreateDeploymentCommand,
  CreateModelCommand,
  CreateRequestValidatorCommand,
  CreateResourceCommand,
  CreateRestApiCommand,
  CreateStageCommand,
  DeleteAuthorizerCommand,
  DeleteIntegrationResponseCommand,
  DeleteMethodCommand,
  DeleteMethodResponseCommand,
  DeleteModelCommand,
  DeleteRequestValidatorCommand,
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
  UpdateModelCommand,
  UpdateRequestValidatorCommand,
  UpdateResourceCommand,
  UpdateRestApiCommand,
  UpdateStageCommand,
  type PatchOperation,
} from '@aws-sdk/client-api-gateway';
import type {
  ApiModel,
  AuthorizerModel,
  IntegrationModel,
  IntegrationResponseModel,
  ModelSchema,
  RequestValidatorModel,
  RouteModel,
  StageModel,
} from '../../model/api.js';
import { ApigwSyncError } from '../../model/errors.js';
import type { LiveIds } from '../../model/live.js';
import type { PlanStep, StepExecutor } from '../../model/plan.js';
import { isAwsError } from './call.js';
import { mapOps, same, scalarOps, setOps } from '../../kinds/patch.js';
import { apiArn, keyOf, renamedFrom, routeRenames, startingPoint, tagDelta, type ExecutorOptions } from './shared.js';

export interface RestExecutorOptions extends ExecutorOptions {
  client: APIGatewayClient;
}

export class RestApiExecutor implements StepExecutor {
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

  constructor(private readonly o: RestExecutorOptions) {
    const start = startingPoint(o);
    this.cur = start.cur;
    this.ids = start.ids;
    this.renames = routeRenames(o.steps);
  }

  get apiId(): string {
    return this.ids.apiId;
  }

  async execute(step: PlanStep): Promise<void> {
    const c = step.change;
    const key = keyOf(c);
    switch (c.target) {
      case 'api':
        return c.action === 'delete' ? this.deleteApi() : this.syncApi();
      case 'tags':
        return this.syncTags();
      case 'authorizer':
        return this.syncAuthorizer(key, renamedFrom(c));
      case 'requestValidator':
        return this.syncValidator(key);
      case 'model':
        return this.syncModel(key);
      case 'route':
      case 'integration':
        return this.syncRoute(key);
      case 'stage':
        return this.syncStage(key);
      case 'deployment':
        // Deployments are made in deploy(), once per API, after every other step.
        return;
    }
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
    const { deploymentId } = await this.o.deployer.deploy({ api: this.o.desired, apiId: this.ids.apiId, stages: todo, description: this.o.description });
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

  private async syncApi(): Promise<void> {
    const d = this.o.desired;
    if (!this.ids.apiId) {
      const out = await this.call('CreateRestApi', (c) =>
        c.send(
          new CreateRestApiCommand({
            name: d.name,
            description: d.description,
            endpointConfiguration: d.endpointType ? { types: [d.endpointType] } : undefined,
            binaryMediaTypes: d.binaryMediaTypes.length ? d.binaryMediaTypes : undefined,
            apiKeySource: d.apiKeySource,
            disableExecuteApiEndpoint: d.disableExecuteApiEndpoint,
            tags: { ...d.tags, ...this.o.toolTagsAtCreate() },
          }),
        ),
      );
      if (!out.id) throw new ApigwSyncError('AWS_NO_ID', `CreateRestApi for ${d.name} returned no id`);
      this.ids.apiId = out.id;
      if (out.rootResourceId) this.ids.resourceIds['/'] = out.rootResourceId;
      Object.assign(this.cur, {
        name: d.name,
        description: d.description,
        endpointType: d.endpointType ?? out.endpointConfiguration?.types?.[0],
        binaryMediaTypes: [...d.binaryMediaTypes],
        apiKeySource: d.apiKeySource,
        disableExecuteApiEndpoint: d.disableExecuteApiEndpoint,
        tags: { ...d.tags },
      });
      if (!this.ids.resourceIds['/']) await this.refreshResources();
      return;
    }
    const c = this.cur;
    const ops: PatchOperation[] = [
      ...scalarOps('/name', c.name, d.name),
      ...scalarOps('/description', c.description, d.description),
      ...scalarOps('/apiKeySource', c.apiKeySource, d.apiKeySource),
      ...scalarOps('/disableExecuteApiEndpoint', c.disableExecuteApiEndpoint, d.disableExecuteApiEndpoint),
      ...setOps('/binaryMediaTypes', c.binaryMediaTypes, d.binaryMediaTypes),
    ];
    if (d.endpointType && c.endpointType && c.endpointType !== d.endpointType) {
      ops.push({ op: 'replace', path: `/endpointConfiguration/types/${c.endpointType}`, value: d.endpointType });
    }
    if (ops.length === 0) return;
    await this.call('UpdateRestApi', (cl) => cl.send(new UpdateRestApiCommand({ restApiId: this.restApiId, patchOperations: ops })));
    Object.assign(c, {
      name: d.name,
      description: d.description,
      apiKeySource: d.apiKeySource,
      disableExecuteApiEndpoint: d.disableExecuteApiEndpoint,
      binaryMediaTypes: [...d.binaryMediaTypes],
      endpointType: d.endpointType ?? c.endpointType,
    });
  }

  private async deleteApi(): Promise<void> {
    if (!this.ids.apiId) return;
    await this.call('DeleteRestApi', (c) => c.send(new DeleteRestApiCommand({ restApiId: this.ids.apiId })));
    this.ids.apiId = '';
  }

  private async syncTags(): Promise<void> {
    const { set, remove } = tagDelta(this.cur.tags, this.o.desired.tags);
    const resourceArn = apiArn(this.o.region, 'RestApi', this.restApiId);
    if (Object.keys(set).length) await this.call('TagResource', (c) => c.send(new TagResourceCommand({ resourceArn, tags: set })));
    if (remove.length) await this.call('UntagResource', (c) => c.send(new UntagResourceCommand({ resourceArn, tagKeys: remove })));
    this.cur.tags = { ...this.o.desired.tags };
  }

  // ── authorizers, validators, models ────────────────────────────────────────────────────

  private async syncAuthorizer(name: string, oldName?: string): Promise<void> {
    const d = this.o.desired.authorizers[name];
    const restApiId = this.restApiId;
    if (d && oldName && !this.cur.authorizers[name] && this.cur.authorizers[oldName] && this.ids.authorizerIds[oldName]) {
      // Renamed: UpdateAuthorizer keeps the id, so methods that use it stay linked.
      const authorizerId = this.ids.authorizerIds[oldName];
      const patchOperations = [{ op: 'replace' as const, path: '/name', value: name }, ...authorizerOps(this.cur.authorizers[oldName], d)];
      await this.call('UpdateAuthorizer', (cl) => cl.send(new UpdateAuthorizerCommand({ restApiId, authorizerId, patchOperations })));
      moveAuthorizer(this.cur, this.ids, oldName, name);
      this.cur.authorizers[name] = structuredClone(d);
      this.snapshotWrites++;
      return;
    }
    const c = this.cur.authorizers[name];
    if (!d) {
      const id = this.ids.authorizerIds[name];
      if (c && id) await this.call('DeleteAuthorizer', (cl) => cl.send(new DeleteAuthorizerCommand({ restApiId, authorizerId: id })));
      delete this.cur.authorizers[name];
      delete this.ids.authorizerIds[name];
      return;
    }
    if (!c || !this.ids.authorizerIds[name]) {
      const out = await this.call('CreateAuthorizer', (cl) =>
        cl.send(
          new CreateAuthorizerCommand({
            restApiId,
            name,
            type: d.type === 'JWT' ? 'TOKEN' : d.type,
            authorizerUri: d.authorizerUri,
            authorizerCredentials: d.authorizerCredentials,
            identitySource: d.identitySource.join(','),
            identityValidationExpression: d.identityValidationExpression,
            authorizerResultTtlInSeconds: d.resultTtlSeconds,
            providerARNs: d.providerArns.length ? d.providerArns : undefined,
          }),
        ),
      );
      if (!out.id) throw new ApigwSyncError('AWS_NO_ID', `CreateAuthorizer ${name} returned no id`);
      this.ids.authorizerIds[name] = out.id;
    } else {
      const ops = authorizerOps(c, d);
      if (ops.length) {
        const authorizerId = this.ids.authorizerIds[name];
        await this.call('UpdateAuthorizer', (cl) => cl.send(new UpdateAuthorizerCommand({ restApiId, authorizerId, patchOperations: ops })));
      }
    }
    this.cur.authorizers[name] = structuredClone(d);
    this.snapshotWrites++;
  }

  private async syncValidator(name: string): Promise<void> {
    const d = this.o.desired.requestValidators[name];
    const c = this.cur.requestValidators[name];
    const restApiId = this.restApiId;
    const id = this.ids.requestValidatorIds[name];
    if (!d) {
      if (c && id) await this.call('DeleteRequestValidator', (cl) => cl.send(new DeleteRequestValidatorCommand({ restApiId, requestValidatorId: id })));
      delete this.cur.requestValidators[name];
      delete this.ids.requestValidatorIds[name];
      return;
    }
    if (!c || !id) {
      const out = await this.call('CreateRequestValidator', (cl) =>
        cl.send(
          new CreateRequestValidatorCommand({
            restApiId,
            name,
            validateRequestBody: d.validateRequestBody,
            validateRequestParameters: d.validateRequestParameters,
          }),
        ),
      );
      if (!out.id) throw new ApigwSyncError('AWS_NO_ID', `CreateRequestValidator ${name} returned no id`);
      this.ids.requestValidatorIds[name] = out.id;
    } else {
      const ops = validatorOps(c, d);
      if (ops.length) {
        await this.call('UpdateRequestValidator', (cl) =>
          cl.send(new UpdateRequestValidatorCommand({ restApiId, requestValidatorId: id, patchOperations: ops })),
        );
      }
    }
    this.cur.requestValidators[name] = structuredClone(d);
    this.snapshotWrites++;
  }

  private async syncModel(name: string): Promise<void> {
    const d = this.o.desired.models[name];
    const c = this.cur.models[name];
    const restApiId = this.restApiId;
    const create = (m: ModelSchema) =>
      this.call('CreateModel', (cl) =>
        cl.send(
          new CreateModelCommand({ restApiId, name, contentType: m.contentType, schema: JSON.stringify(modelRefsToAws(m.schema, restApiId)), description: m.description }),
        ),
      );
    const remove = () => this.call('DeleteModel', (cl) => cl.send(new DeleteModelCommand({ restApiId, modelName: name })));
    if (!d) {
      if (c) await remove();
      delete this.cur.models[name];
    } else if (!c) {
      await create(d);
    } else if (c.contentType !== d.contentType) {
      // AWS cannot change a model's content type in place.
      await remove();
      await create(d);
    } else {
      const ops: PatchOperation[] = [
        ...(same(c.schema, d.schema) ? [] : [{ op: 'replace' as const, path: '/schema', value: JSON.stringify(modelRefsToAws(d.schema, restApiId)) }]),
        ...scalarOps('/description', c.description, d.description),
      ];
      if (ops.length) await this.call('UpdateModel', (cl) => cl.send(new UpdateModelCommand({ restApiId, modelName: name, patchOperations: ops })));
    }
    if (d) this.cur.models[name] = structuredClone(d);
    this.snapshotWrites++;
  }

  // ── resources, methods, integrations ───────────────────────────────────────────────────

  private async syncRoute(key: string): Promise<void> {
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
      await this.call('PutMethod', (cl) => cl.send(new PutMethodCommand({ ...target, ...this.methodInput(d) })));
      await this.call('PutIntegration', (cl) => cl.send(new PutIntegrationCommand({ ...target, ...integrationInput(d.integration) })));
      for (const [statusCode, r] of Object.entries(d.methodResponses)) {
        await this.call('PutMethodResponse', (cl) =>
          cl.send(new PutMethodResponseCommand({ ...target, statusCode, responseParameters: r.responseParameters, responseModels: r.responseModels })),
        );
      }
      for (const r of Object.values(byStatus(d.integration.responses))) await this.putIntegrationResponse(target, r);
    } else {
      const mOps = this.methodOps(c, d);
      if (mOps.length) await this.call('UpdateMethod', (cl) => cl.send(new UpdateMethodCommand({ ...target, patchOperations: mOps })));

      // Integration responses refer to method responses: drop theirs first, add ours after.
      const liveResponses = byStatus(c.integration.responses);
      const wantResponses = byStatus(d.integration.responses);
      for (const statusCode of Object.keys(liveResponses)) {
        if (!wantResponses[statusCode]) {
          await this.call('DeleteIntegrationResponse', (cl) => cl.send(new DeleteIntegrationResponseCommand({ ...target, statusCode })));
        }
      }
      for (const [statusCode, r] of Object.entries(d.methodResponses)) {
        const was = c.methodResponses[statusCode];
        if (was && same(was, r)) continue;
        if (was) await this.call('DeleteMethodResponse', (cl) => cl.send(new DeleteMethodResponseCommand({ ...target, statusCode })));
        await this.call('PutMethodResponse', (cl) =>
          cl.send(new PutMethodResponseCommand({ ...target, statusCode, responseParameters: r.responseParameters, responseModels: r.responseModels })),
        );
      }

      let rePutResponses = false;
      if (c.integration.type !== d.integration.type) {
        // A different integration type is a different integration: replace it whole.
        await this.call('PutIntegration', (cl) => cl.send(new PutIntegrationCommand({ ...target, ...integrationInput(d.integration) })));
        rePutResponses = true;
      } else {
        const iOps = integrationOps(c.integration, d.integration);
        if (iOps.length) await this.call('UpdateIntegration', (cl) => cl.send(new UpdateIntegrationCommand({ ...target, patchOperations: iOps })));
      }
      for (const [statusCode, r] of Object.entries(wantResponses)) {
        if (!rePutResponses && liveResponses[statusCode] && same(liveResponses[statusCode], r)) continue;
        await this.putIntegrationResponse(target, r);
      }
      for (const statusCode of Object.keys(c.methodResponses)) {
        if (!d.methodResponses[statusCode]) {
          await this.call('DeleteMethodResponse', (cl) => cl.send(new DeleteMethodResponseCommand({ ...target, statusCode })));
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
      cl.send(new UpdateResourceCommand({ restApiId: this.restApiId, resourceId, patchOperations: [{ op: 'replace', path: '/pathPart', value: b[i] }] })),
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

  private putIntegrationResponse(target: { restApiId: string; resourceId: string; httpMethod: string }, r: IntegrationResponseModel & { selectionPattern?: string }) {
    return this.call('PutIntegrationResponse', (cl) =>
      cl.send(
        new PutIntegrationResponseCommand({
          ...target,
          statusCode: r.statusCode,
          selectionPattern: r.selectionPattern,
          responseParameters: r.responseParameters,
          responseTemplates: r.responseTemplates,
          contentHandling: r.contentHandling,
        }),
      ),
    );
  }

  private methodInput(d: RouteModel) {
    return {
      authorizationType: d.authorization.type,
      authorizerId: d.authorization.authorizer ? this.authorizerId(d.authorization.authorizer) : undefined,
      authorizationScopes: d.authorization.scopes.length ? d.authorization.scopes : undefined,
      apiKeyRequired: d.apiKeyRequired,
      operationName: d.operationName,
      requestParameters: d.requestParameters,
      requestModels: d.requestModels,
      requestValidatorId: d.requestValidator ? this.validatorId(d.requestValidator) : undefined,
    };
  }

  private methodOps(c: RouteModel, d: RouteModel): PatchOperation[] {
    const cAuth = c.authorization.authorizer ? this.ids.authorizerIds[c.authorization.authorizer] : undefined;
    const dAuth = d.authorization.authorizer ? this.authorizerId(d.authorization.authorizer) : undefined;
    const cVal = c.requestValidator ? this.ids.requestValidatorIds[c.requestValidator] : undefined;
    const dVal = d.requestValidator ? this.validatorId(d.requestValidator) : undefined;
    return [
      ...scalarOps('/authorizationType', c.authorization.type, d.authorization.type),
      ...scalarOps('/authorizerId', cAuth, dAuth),
      ...scalarOps('/apiKeyRequired', c.apiKeyRequired, d.apiKeyRequired),
      ...scalarOps('/operationName', c.operationName, d.operationName),
      ...scalarOps('/requestValidatorId', cVal, dVal),
      ...mapOps('/requestParameters', c.requestParameters, d.requestParameters),
      ...mapOps('/requestModels', c.requestModels, d.requestModels),
      ...setOps('/authorizationScopes', c.authorization.scopes, d.authorization.scopes),
    ];
  }

  private authorizerId(name: string): string {
    const id = this.ids.authorizerIds[name];
    if (!id) throw missingRef('authorizer', name, this.o.desired.name);
    return id;
  }

  private validatorId(name: string): string {
    const id = this.ids.requestValidatorIds[name];
    if (!id) throw missingRef('request validator', name, this.o.desired.name);
    return id;
  }

  private async deleteRoute(key: string, c: RouteModel): Promise<void> {
    const resourceId = this.ids.resourceIds[c.path];
    if (resourceId) {
      try {
        await this.call('DeleteMethod', (cl) => cl.send(new DeleteMethodCommand({ restApiId: this.restApiId, resourceId, httpMethod: c.method })));
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
        const out = await this.call('CreateResource', (cl) => cl.send(new CreateResourceCommand({ restApiId: this.restApiId, parentId, pathPart: part })));
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
        await this.call('DeleteResource', (cl) => cl.send(new DeleteResourceCommand({ restApiId: this.restApiId, resourceId })));
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

  private async syncStage(name: string): Promise<void> {
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
        const dep = await this.call('CreateDeployment', (cl) => cl.send(new CreateDeploymentCommand({ restApiId, description: this.o.description })));
        if (!dep.id) throw new ApigwSyncError('AWS_NO_ID', 'CreateDeployment returned no id');
        this.stageCreationDeployment = { id: dep.id, atWrites: this.snapshotWrites };
      }
      const { id: deploymentId, atWrites } = this.stageCreationDeployment;
      await this.call('CreateStage', (cl) =>
        cl.send(
          new CreateStageCommand({
            restApiId,
            stageName: name,
            deploymentId,
            description: d.description,
            variables: Object.keys(d.variables).length ? d.variables : undefined,
            tracingEnabled: d.tracingEnabled,
          }),
        ),
      );
      this.freshStages.set(name, atWrites);
      this.served[name] = deploymentId;
      this.ids.stageDeployments[name] = { deploymentId };
      // Cache, throttling and logs are method settings: one UpdateStage after the create.
      const created: StageModel = { name, description: d.description, variables: { ...d.variables }, tracingEnabled: d.tracingEnabled };
      const ops = stageOps(created, d);
      if (ops.length) await this.call('UpdateStage', (cl) => cl.send(new UpdateStageCommand({ restApiId, stageName: name, patchOperations: ops })));
    } else {
      const ops = stageOps(c, d);
      if (ops.length) await this.call('UpdateStage', (cl) => cl.send(new UpdateStageCommand({ restApiId, stageName: name, patchOperations: ops })));
    }
    this.cur.stages[name] = structuredClone(d);
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

function missingRef(kind: string, name: string, api: string): ApigwSyncError {
  return new ApigwSyncError('UNKNOWN_REFERENCE', `${api}: ${kind} "${name}" does not exist in AWS`, {
    hint: `declare the ${kind} in the API's state; the plan creates it before the routes that use it`,
  });
}

export function integrationInput(i: IntegrationModel) {
  return {
    type: i.type,
    integrationHttpMethod: i.httpMethod,
    uri: i.uri,
    passthroughBehavior: i.passthroughBehavior,
    requestParameters: i.requestParameters,
    requestTemplates: i.requestTemplates,
    timeoutInMillis: i.timeoutInMillis,
    connectionType: i.connectionType,
    connectionId: i.connectionId,
    contentHandling: i.contentHandling,
    credentials: i.credentials,
    cacheKeyParameters: i.cacheKeyParameters.length ? i.cacheKeyParameters : undefined,
  };
}

export function integrationOps(c: IntegrationModel, d: IntegrationModel): PatchOperation[] {
  return [
    ...scalarOps('/uri', c.uri, d.uri),
    ...scalarOps('/httpMethod', c.httpMethod, d.httpMethod),
    ...scalarOps('/passthroughBehavior', c.passthroughBehavior, d.passthroughBehavior),
    ...scalarOps('/timeoutInMillis', c.timeoutInMillis, d.timeoutInMillis),
    ...scalarOps('/connectionType', c.connectionType, d.connectionType),
    ...scalarOps('/connectionId', c.connectionId, d.connectionId),
    ...scalarOps('/contentHandling', c.contentHandling, d.contentHandling),
    ...scalarOps('/credentials', c.credentials, d.credentials),
    ...mapOps('/requestParameters', c.requestParameters, d.requestParameters),
    ...mapOps('/requestTemplates', c.requestTemplates, d.requestTemplates),
    ...setOps('/cacheKeyParameters', c.cacheKeyParameters, d.cacheKeyParameters),
  ];
}

/** The model keys integration responses by selection pattern; AWS keys them by status code. */
export function byStatus(responses: Record<string, IntegrationResponseModel>): Record<string, IntegrationResponseModel & { selectionPattern?: string }> {
  const out: Record<string, IntegrationResponseModel & { selectionPattern?: string }> = {};
  for (const [pattern, r] of Object.entries(responses)) {
    out[r.statusCode] = { ...r, selectionPattern: pattern === 'default' ? undefined : pattern };
  }
  return out;
}

export function authorizerOps(c: AuthorizerModel, d: AuthorizerModel): PatchOperation[] {
  const ops: PatchOperation[] = [
    ...scalarOps('/type', c.type, d.type),
    ...scalarOps('/authorizerUri', c.authorizerUri, d.authorizerUri),
    ...scalarOps('/authorizerCredentials', c.authorizerCredentials, d.authorizerCredentials),
    ...scalarOps('/identitySource', c.identitySource.join(','), d.identitySource.join(',')),
    ...scalarOps('/identityValidationExpression', c.identityValidationExpression, d.identityValidationExpression),
    ...scalarOps('/authorizerResultTtlInSeconds', c.resultTtlSeconds, d.resultTtlSeconds),
  ];
  ops.push(...setOps('/providerARNs', c.providerArns, d.providerArns));
  return ops;
}

export function validatorOps(c: RequestValidatorModel, d: RequestValidatorModel): PatchOperation[] {
  return [
    ...scalarOps('/validateRequestBody', c.validateRequestBody, d.validateRequestBody),
    ...scalarOps('/validateRequestParameters', c.validateRequestParameters, d.validateRequestParameters),
  ];
}

/** Stage settings that apply without a deployment: variables, `/*\/*` method settings, cache, logs. */
export function stageOps(c: StageModel, d: StageModel): PatchOperation[] {
  const ops: PatchOperation[] = [
    ...scalarOps('/description', c.description, d.description),
    ...mapOps('/variables', c.variables, d.variables, { replaceOp: 'replace' }),
    ...scalarOps('/tracingEnabled', c.tracingEnabled ?? false, d.tracingEnabled ?? false),
  ];
  if (!same(c.throttling, d.throttling)) {
    // -1 is API Gateway's "not throttled at the method level" (the account limit applies).
    ops.push(
      ...scalarOps('/*/*/throttling/rateLimit', c.throttling?.rateLimit, d.throttling?.rateLimit ?? -1),
      ...scalarOps('/*/*/throttling/burstLimit', c.throttling?.burstLimit, d.throttling?.burstLimit ?? -1),
    );
  }
  if (!same(c.cache, d.cache)) {
    if (d.cache) {
      if (!c.cache) ops.push({ op: 'replace', path: '/cacheClusterEnabled', value: 'true' });
      ops.push(...scalarOps('/cacheClusterSize', c.cache?.sizeGb, d.cache.sizeGb));
      ops.push(...scalarOps('/*/*/caching/enabled', c.cache ? 'true' : undefined, 'true'));
      ops.push(...scalarOps('/*/*/caching/ttlInSeconds', c.cache?.ttlSeconds, d.cache.ttlSeconds));
    } else {
      ops.push({ op: 'replace', path: '/cacheClusterEnabled', value: 'false' }, { op: 'replace', path: '/*/*/caching/enabled', value: 'false' });
    }
  }
  if (!same(c.accessLog, d.accessLog)) {
    if (d.accessLog) {
      ops.push(
        ...scalarOps('/accessLogSettings/destinationArn', c.accessLog?.destinationArn, d.accessLog.destinationArn),
        ...scalarOps('/accessLogSettings/format', c.accessLog?.format, d.accessLog.format),
      );
    } else {
      ops.push({ op: 'remove', path: '/accessLogSettings' });
    }
  }
  return ops;
}
