/**
 * The VPC-link store of one account and region: status over time, and the checks that tie
 * links to integrations. An integration with connectionType VPC_LINK names a link by id (or a
 * stage variable, `${stageVariables.vpcLinkId}`, resolved at run time and not checked): REST
 * and WebSocket integrations name a REST (v1) link, HTTP integrations an HTTP (v2) one. A link
 * in use cannot be deleted (AWS's message lists the users: "Cannot delete vpc link. Vpc link
 * '<id>', is referenced in [...] in format of [...]").
 */
import type { ApigwV1Module } from '../apigw-v1/index.js';
import type { ApigwV2Module } from '../apigw-v2/index.js';
import { DEFAULT_PARTITION, type Partition } from '../core/partitions.js';
import {
  AwsError,
  badRequest,
  DEFAULT_SETTINGS,
  notFound,
  type ModuleContext,
  type ResourceEvent,
} from '../core/types.js';
import type { HttpVpcLink, RestVpcLink, VpcLinksState } from './types.js';

export type LinkStatus = 'PENDING' | 'AVAILABLE';

const STAGE_VARIABLE = /^\$\{stageVariables\.[A-Za-z0-9_]+\}$/;

export class VpcLinksStore {
  state: VpcLinksState = { rest: [], http: [] };
  readonly partition: Partition;

  constructor(
    private readonly ctx?: ModuleContext,
    readonly now: () => number = Date.now,
  ) {
    this.partition = ctx?.partition ?? DEFAULT_PARTITION;
  }

  /** When a link created now turns AVAILABLE (the setting is read per link, so tests can change it while running). */
  readyAtForNew(): number {
    return this.now() + (this.ctx?.settings ?? DEFAULT_SETTINGS).vpcLinkPendingMs;
  }

  status(link: { readyAt: number }): LinkStatus {
    return this.now() >= link.readyAt ? 'AVAILABLE' : 'PENDING';
  }

  restLink(id: string): RestVpcLink {
    const l = this.state.rest.find((x) => x.id === id);
    if (!l) throw notFound('VPCLink not found');
    return l;
  }

  httpLink(id: string): HttpVpcLink {
    const l = this.state.http.find((x) => x.vpcLinkId === id);
    if (!l)
      throw new AwsError(404, 'NotFoundException', `Invalid VpcLink identifier specified ${id}`, {
        resourceType: 'VpcLink',
      });
    return l;
  }

  private v1() {
    return this.ctx?.module<ApigwV1Module>('apigateway')?.store;
  }

  private v2() {
    return this.ctx?.module<ApigwV2Module>('apigatewayv2')?.store;
  }

  /** Where a REST link is used: the integrations a stage serves (its deployment and canary), as `restApiId:METHOD:resourceId:stage`. */
  restUsers(id: string): string[] {
    const out: string[] = [];
    for (const a of this.v1()?.state.apis ?? []) {
      for (const s of a.stages) {
        for (const depId of [s.deploymentId, s.canarySettings?.deploymentId]) {
          const d = a.deployments.find((x) => x.id === depId);
          for (const r of d?.snapshot.resources ?? []) {
            for (const [verb, m] of Object.entries(r.resourceMethods ?? {})) {
              if (m.methodIntegration?.connectionType === 'VPC_LINK' && m.methodIntegration.connectionId === id)
                out.push(`${a.api.id}:${verb}:${r.id}:${s.stageName}`);
            }
          }
        }
      }
    }
    // WebSocket APIs reach private resources through REST links too.
    for (const a of this.v2()?.state.apis ?? []) {
      for (const i of a.integrations)
        if (i.connectionType === 'VPC_LINK' && i.connectionId === id && a.api.protocolType === 'WEBSOCKET')
          out.push(`${a.api.apiId}:${i.integrationId}`);
    }
    return [...new Set(out)];
  }

  /** Where an HTTP link is used: `integrationMethod:routeId` for each route whose integration names it (an unrouted integration by its id). */
  httpUsers(id: string): string[] {
    const out: string[] = [];
    for (const a of this.v2()?.state.apis ?? []) {
      for (const i of a.integrations) {
        if (i.connectionType !== 'VPC_LINK' || i.connectionId !== id) continue;
        const routes = a.routes.filter((r) => r.target === `integrations/${i.integrationId}`);
        if (routes.length === 0) out.push(`${i.integrationMethod ?? 'ANY'}:${i.integrationId}`);
        for (const r of routes) out.push(`${i.integrationMethod ?? 'ANY'}:${r.routeId}`);
      }
    }
    return out;
  }

  /** Integrations that name a link: the link must exist (a stage variable is resolved at run time), and fit the integration. */
  guard(event: ResourceEvent): void {
    if (event.type === 'rest-integration.put') {
      const i = event.integration;
      if (i.connectionType !== 'VPC_LINK') return;
      if (i.type !== 'HTTP' && i.type !== 'HTTP_PROXY')
        throw badRequest(`A VPC_LINK connection is only supported for HTTP and HTTP_PROXY integrations, not ${i.type}`);
      if (!i.connectionId || STAGE_VARIABLE.test(i.connectionId)) return;
      if (!this.state.rest.some((l) => l.id === i.connectionId))
        throw badRequest(
          `Invalid VPC link identifier specified: ${i.connectionId} is not a VPC link (REST) of this account and region`,
        );
    } else if (event.type === 'http-integration.put') {
      const i = event.integration;
      if (i.connectionType !== 'VPC_LINK') return;
      const websocket =
        this.v2()?.state.apis.find((a) => a.api.apiId === event.apiId)?.api.protocolType === 'WEBSOCKET';
      if (!i.connectionId || STAGE_VARIABLE.test(i.connectionId)) return;
      if (websocket) {
        if (!this.state.rest.some((l) => l.id === i.connectionId))
          throw badRequest(
            `Invalid VPC link identifier specified: ${i.connectionId}; WebSocket APIs use REST (v1) VPC links`,
          );
        return;
      }
      if (i.integrationType !== 'HTTP_PROXY')
        throw badRequest(
          `A VPC_LINK connection is only supported for HTTP_PROXY integrations, not ${i.integrationType}`,
        );
      if (!this.state.http.some((l) => l.vpcLinkId === i.connectionId))
        throw badRequest(
          `Invalid VpcLink identifier specified ${i.connectionId}: not an HTTP API VPC link of this account and region`,
        );
      const uri = i.integrationUri ?? '';
      if (
        !/^arn:aws[a-z-]*:(elasticloadbalancing:[a-z0-9-]+:\d{12}:listener\/(app|net)\/|servicediscovery:[a-z0-9-]+:\d{12}:service\/srv-)/.test(
          uri,
        )
      ) {
        throw badRequest(
          `For a private integration the integrationUri must be the ARN of an Application or Network Load Balancer listener or of a Cloud Map service, not ${uri}`,
        );
      }
    }
  }
}
