/**
 * The WAFv2 store of one account and region: web ACLs (REGIONAL here; CLOUDFRONT only in
 * us-east-1, as AWS keeps them) and their associations with protected resources. The only
 * resources the emulator can protect are REST API stages (HTTP API stages are refused: WAF
 * protects REST stages only); an association is mirrored in the stage's `webAclArn`, as
 * GetStage shows it.
 */
import { randomUUID } from 'node:crypto';
import type { ApigwV1Module } from '../apigw-v1/index.js';
import { parseArn } from '../core/arn.js';
import { DEFAULT_PARTITION, type Partition } from '../core/partitions.js';
import { DEFAULT_SETTINGS, type ModuleContext, type ResourceEvent, type SeedWebAcl } from '../core/types.js';
import { invalidParameter, nonexistent } from './route-def.js';
import type { WafState, WebAcl } from './types.js';

const REST_STAGE = /^\/restapis\/([^/]+)\/stages\/([^/]+)$/;

export class WafStore {
  state: WafState = { webAcls: [], associations: {} };
  readonly partition: Partition;

  constructor(private readonly ctx?: ModuleContext) {
    this.partition = ctx?.partition ?? DEFAULT_PARTITION;
  }

  arnOf(scope: WebAcl['Scope'], name: string, id: string): string {
    return `arn:aws:wafv2:${this.partition.region}:${this.partition.accountId}:${scope === 'CLOUDFRONT' ? 'global' : 'regional'}/webacl/${name}/${id}`;
  }

  /** CLOUDFRONT-scoped resources live in us-east-1; asking elsewhere is WAF's SCOPE_VALUE error. */
  checkScope(scope: unknown): WebAcl['Scope'] {
    if (scope === 'CLOUDFRONT' && this.partition.region !== 'us-east-1')
      throw invalidParameter(
        'SCOPE_VALUE',
        'CLOUDFRONT',
        'The scope is not valid. CLOUDFRONT is only available in US East (N. Virginia): call the us-east-1 endpoint',
      );
    return scope as WebAcl['Scope'];
  }

  find(scope: WebAcl['Scope'], name: string, id: string): WebAcl {
    const w = this.state.webAcls.find((x) => x.Scope === scope && x.Name === name && x.Id === id);
    if (!w) throw nonexistent();
    return w;
  }

  byArn(arn: string): WebAcl {
    const w = this.state.webAcls.find((x) => x.ARN === arn);
    if (!w) throw nonexistent();
    return w;
  }

  private v1() {
    return this.ctx?.module<ApigwV1Module>('apigateway')?.store;
  }

  /** The REST stage a protected-resource ARN names (refusing what WAF refuses), or WAFNonexistentItemException. */
  stageOf(resourceArn: string): { restApiId: string; stageName: string } {
    const a = parseArn(resourceArn);
    if (!a)
      throw invalidParameter(
        'RESOURCE_ARN',
        resourceArn,
        'The ARN isn’t valid. A valid ARN begins with arn: and includes other information separated by colons or slashes.',
      );
    if (a.region !== this.partition.region)
      throw invalidParameter(
        'RESOURCE_ARN',
        resourceArn,
        `The resource is in region ${a.region || '(none)'}; a regional web ACL protects resources of its own region (${this.partition.region})`,
      );
    if (a.service === 'apigateway' && /^\/apis\//.test(a.resource)) {
      throw invalidParameter(
        'RESOURCE_ARN',
        resourceArn,
        'The resource type isn’t supported: AWS WAF protects REST API stages, not HTTP API stages',
      );
    }
    const m = a.service === 'apigateway' && a.account === '' ? REST_STAGE.exec(a.resource) : null;
    if (!m)
      throw invalidParameter(
        'RESOURCE_ARN',
        resourceArn,
        'The resource type isn’t one the emulator can protect: it knows API Gateway REST API stages (arn:aws:apigateway:<region>::/restapis/<id>/stages/<name>)',
      );
    const api = this.v1()?.state.apis.find((x) => x.api.id === m[1]);
    if (!api?.stages.some((s) => s.stageName === m[2])) throw nonexistent();
    return { restApiId: m[1], stageName: m[2] };
  }

  /** Mirrors an association into the REST stage (GetStage's `webAclArn`). */
  setStageAcl(stage: { restApiId: string; stageName: string }, aclArn: string | undefined): void {
    const s = this.v1()
      ?.state.apis.find((x) => x.api.id === stage.restApiId)
      ?.stages.find((x) => x.stageName === stage.stageName);
    if (!s) return;
    if (aclArn) s.webAclArn = aclArn;
    else delete s.webAclArn;
  }

  /** A deleted stage (or API) loses its association. */
  cascade(event: ResourceEvent): void {
    if (event.type !== 'rest-stage.delete' && event.type !== 'rest-api.delete') return;
    const prefix = `arn:aws:apigateway:${this.partition.region}::/restapis/${event.restApiId}/stages/`;
    for (const arn of Object.keys(this.state.associations)) {
      if (arn.startsWith(prefix) && (event.type === 'rest-api.delete' || arn === prefix + event.stageName))
        delete this.state.associations[arn];
    }
  }

  /** The web ACLs the emulator was started with, for this partition. */
  seed(): void {
    const seeds: SeedWebAcl[] = (this.ctx?.settings ?? DEFAULT_SETTINGS).webAcls;
    for (const s of seeds) {
      const scope = s.scope ?? 'REGIONAL';
      if (s.regions && !s.regions.includes(this.partition.region)) continue;
      if (scope === 'CLOUDFRONT' && this.partition.region !== 'us-east-1') continue;
      this.state.webAcls.push({
        Name: s.name,
        Id: s.id,
        ARN: this.arnOf(scope, s.name, s.id),
        Scope: scope,
        DefaultAction: { Allow: {} },
        ...(s.description ? { Description: s.description } : {}),
        Rules: (s.rules ?? []) as Array<Record<string, unknown>>,
        VisibilityConfig: { SampledRequestsEnabled: true, CloudWatchMetricsEnabled: true, MetricName: s.name },
        extra: {},
        LockToken: randomUUID(),
        Tags: [],
      });
    }
  }
}
