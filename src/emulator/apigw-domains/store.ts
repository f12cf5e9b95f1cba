/**
 * The domain-name store of one account and region, with the checks AWS makes on a domain as
 * a whole (after a create or an update: certificates per endpoint type, mutual TLS) and on a
 * mapping (the API and stage exist, the key's alphabet, which APIs a domain can serve), and
 * the refusals other modules' deletes meet while a mapping names what they delete.
 */
import type { ApigwV1Module } from '../apigw-v1/index.js';
import type { ApigwV2Module } from '../apigw-v2/index.js';
import { newId } from '../apigw-v2/ids.js';
import { DEFAULT_PARTITION, type Partition } from '../core/partitions.js';
import { AwsError, badRequest, conflict, notFound, type ModuleContext, type ResourceEvent } from '../core/types.js';
import { checkCertificateArn, checkTruststoreUri, EDGE_CERTIFICATE_REGION } from './certificates.js';
import { CLOUDFRONT_HOSTED_ZONE_ID, regionalHostedZoneId } from './hosted-zones.js';
import type { ApiMapping, DomainName, DomainState, DomainsState } from './types.js';

/** A domain name: letters, digits and hyphens in dot-separated labels, optionally a leading `*.` (wildcard). */
const DOMAIN_NAME = /^(\*\.)?([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z][a-z0-9-]{0,61}[a-z0-9]$/i;
/** v1 base paths: one segment of API Gateway's mapping alphabet. */
const V1_BASE_PATH = /^[A-Za-z0-9$_.+!*'()-]+$/;
/** v2 mapping keys: the same alphabet plus `/` between segments, at most 300 characters. */
const V2_MAPPING_KEY = /^[A-Za-z0-9$_.+!*'()-]+(\/[A-Za-z0-9$_.+!*'()-]+)*$/;

export type Via = 'v1' | 'v2';
type ApiKind = 'REST' | 'HTTP' | 'WEBSOCKET';

const random = (n: number, alphabet: string) =>
  Array.from({ length: n }, () => alphabet[Math.floor(Math.random() * alphabet.length)]).join('');

export class DomainsStore {
  state: DomainsState = { domains: [] };
  readonly partition: Partition;

  constructor(private readonly ctx?: ModuleContext) {
    this.partition = ctx?.partition ?? DEFAULT_PARTITION;
  }

  arnOf(domainName: string): string {
    return `arn:aws:apigateway:${this.partition.region}::/domainnames/${domainName}`;
  }

  find(domainName: string): DomainState | undefined {
    const wanted = domainName.toLowerCase();
    return this.state.domains.find((d) => d.domain.domainName.toLowerCase() === wanted);
  }

  get(domainName: string, via: Via): DomainState {
    const d = this.find(domainName);
    if (!d)
      throw via === 'v1'
        ? notFound('Invalid domain name identifier specified')
        : new AwsError(404, 'NotFoundException', `Invalid domain name identifier specified ${domainName}`, {
            resourceType: 'DomainName',
          });
    return d;
  }

  /** v2 manages only regional domains; an edge-optimized one is refused with AWS's own words. */
  getForV2Write(domainName: string): DomainState {
    const d = this.get(domainName, 'v2');
    if (!d.domain.endpointConfiguration.types.includes('REGIONAL')) {
      throw badRequest(
        'Only REGIONAL domain names can be managed through the API Gateway V2 API. For EDGE domain names, please use the API Gateway V1 API. Also note that only REST APIs can be attached to EDGE domain names.',
      );
    }
    return d;
  }

  checkNewName(domainName: string): void {
    if (!DOMAIN_NAME.test(domainName) || domainName.length > 253)
      throw badRequest(
        `Invalid domain name ${domainName}: give a fully qualified host name such as api.example.com (or *.example.com)`,
      );
    if (this.find(domainName)) throw conflict('The domain name you provided already exists.');
  }

  /**
   * The whole-domain rules, checked after every create and update; then the read-only members
   * each endpoint type brings (hosted zones, the CloudFront and regional host names) are filled
   * in or dropped.
   */
  settle(d: DomainName): DomainName {
    const types = d.endpointConfiguration.types;
    if (types.length === 0) throw badRequest('A domain name needs an endpoint type: EDGE or REGIONAL');
    if (new Set(types).size !== types.length) throw badRequest(`Duplicate endpoint type in ${types.join(', ')}`);
    for (const t of types as string[]) {
      if (t === 'PRIVATE')
        throw badRequest('Private custom domain names (endpoint type PRIVATE) are not implemented by this emulator');
      if (t !== 'EDGE' && t !== 'REGIONAL') throw badRequest(`Invalid endpoint type ${t}: EDGE or REGIONAL`);
    }
    const edge = types.includes('EDGE');
    const regional = types.includes('REGIONAL');
    if (edge) {
      if (!d.certificateArn && !d.certificateName)
        throw badRequest('An edge-optimized (EDGE) domain name needs certificateArn: an ACM certificate in us-east-1');
      if (d.certificateArn)
        checkCertificateArn(d.certificateArn, EDGE_CERTIFICATE_REGION, this.partition, 'certificateArn');
    } else if (d.certificateArn || d.certificateName) {
      throw badRequest(
        'certificateArn and certificateName belong to an edge-optimized (EDGE) domain name; a REGIONAL one takes regionalCertificateArn',
      );
    }
    if (regional) {
      if (!d.regionalCertificateArn)
        throw badRequest(
          `A REGIONAL domain name needs regionalCertificateArn: an ACM certificate in ${this.partition.region}`,
        );
      checkCertificateArn(d.regionalCertificateArn, this.partition.region, this.partition, 'regionalCertificateArn');
    } else if (d.regionalCertificateArn || d.regionalCertificateName) {
      throw badRequest(
        'regionalCertificateArn and regionalCertificateName belong to a REGIONAL domain name; an EDGE one takes certificateArn (in us-east-1)',
      );
    }
    if (d.ownershipVerificationCertificateArn)
      checkCertificateArn(
        d.ownershipVerificationCertificateArn,
        this.partition.region,
        this.partition,
        'ownershipVerificationCertificateArn',
      );
    if (d.endpointAccessMode && !d.securityPolicy.startsWith('SecurityPolicy_')) {
      throw badRequest(
        `endpointAccessMode is only available with the SecurityPolicy_* security policies, not ${d.securityPolicy}`,
      );
    }
    if (d.mutualTlsAuthentication) {
      if (edge || !regional)
        throw badRequest('Mutual TLS authentication is only supported on REGIONAL custom domain names');
      if (d.securityPolicy === 'TLS_1_0')
        throw badRequest('Mutual TLS authentication requires a minimum TLS version of 1.2: set securityPolicy TLS_1_2');
      checkTruststoreUri(d.mutualTlsAuthentication.truststoreUri);
    }
    if (edge) {
      d.distributionDomainName ??= `d${random(13, 'abcdefghijklmnopqrstuvwxyz0123456789')}.cloudfront.net`;
      d.distributionHostedZoneId = CLOUDFRONT_HOSTED_ZONE_ID;
      d.certificateUploadDate ??= Math.floor(Date.now() / 1000);
    } else {
      for (const k of [
        'distributionDomainName',
        'distributionHostedZoneId',
        'certificateUploadDate',
        'certificateArn',
        'certificateName',
      ] as const)
        delete d[k];
    }
    if (regional) {
      d.regionalDomainName ??= `d-${random(10, 'abcdefghijklmnopqrstuvwxyz0123456789')}.execute-api.${this.partition.region}.amazonaws.com`;
      d.regionalHostedZoneId = regionalHostedZoneId(this.partition.region);
    } else {
      for (const k of [
        'regionalDomainName',
        'regionalHostedZoneId',
        'regionalCertificateArn',
        'regionalCertificateName',
      ] as const)
        delete d[k];
    }
    return d;
  }

  // --------------------------------------------------------------------------- mappings

  private v1() {
    return this.ctx?.module<ApigwV1Module>('apigateway')?.store;
  }

  private v2() {
    return this.ctx?.module<ApigwV2Module>('apigatewayv2')?.store;
  }

  /** The API a mapping names, by the API it was created through (v1 names REST APIs only). */
  apiKind(apiId: string): ApiKind | undefined {
    if (this.v1()?.state.apis.some((a) => a.api.id === apiId)) return 'REST';
    const http = this.v2()?.state.apis.find((a) => a.api.apiId === apiId);
    return http ? (http.api.protocolType as 'HTTP' | 'WEBSOCKET') : undefined;
  }

  private stageExists(kind: ApiKind, apiId: string, stage: string): boolean {
    if (kind === 'REST')
      return this.v1()!
        .state.apis.find((a) => a.api.id === apiId)!
        .stages.some((s) => s.stageName === stage);
    return this.v2()!
      .state.apis.find((a) => a.api.apiId === apiId)!
      .stages.some((s) => s.stageName === stage);
  }

  /** Every rule a mapping must meet on this domain, `replacing` the mapping it updates (if any). */
  checkMapping(ds: DomainState, m: Omit<ApiMapping, 'apiMappingId'>, via: Via, replacing?: ApiMapping): void {
    const d = ds.domain;
    const kind = this.apiKind(m.apiId);
    if (!kind || (via === 'v1' && kind !== 'REST')) {
      if (via === 'v1') throw badRequest('Invalid REST API identifier specified');
      throw new AwsError(404, 'NotFoundException', `Invalid API identifier specified ${m.apiId}`, {
        resourceType: 'Api',
      });
    }
    if (m.stage !== undefined && !this.stageExists(kind, m.apiId, m.stage))
      throw badRequest('Invalid stage identifier specified');
    if (m.key !== '') {
      if (via === 'v1' && m.key.includes('/')) {
        throw badRequest(
          "API Gateway V1 doesn't support the slash character (/) in base path mappings. To create a multi-level base path mapping, use API Gateway V2.",
        );
      }
      const alphabet = via === 'v1' ? V1_BASE_PATH : V2_MAPPING_KEY;
      if (!alphabet.test(m.key) || m.key.length > 300) {
        throw badRequest(
          `Invalid base path ${m.key}: use letters, digits and $-_.+!*'() (and / between the levels of a v2 mapping), at most 300 characters`,
        );
      }
      if (
        m.key.includes('/') &&
        (!d.endpointConfiguration.types.includes('REGIONAL') ||
          d.endpointConfiguration.types.includes('EDGE') ||
          d.securityPolicy === 'TLS_1_0')
      ) {
        throw badRequest(
          `Multi-level API mappings (${m.key}) need a REGIONAL custom domain name with the TLS_1_2 security policy`,
        );
      }
    }
    if (kind !== 'REST' && (!d.endpointConfiguration.types.includes('REGIONAL') || d.securityPolicy === 'TLS_1_0')) {
      throw badRequest(
        `${kind === 'HTTP' ? 'HTTP' : 'WebSocket'} APIs can only be mapped to a REGIONAL custom domain name with the TLS_1_2 security policy`,
      );
    }
    if (
      kind === 'REST' &&
      this.v1()!
        .state.apis.find((a) => a.api.id === m.apiId)!
        .api.endpointConfiguration.types.includes('PRIVATE')
    ) {
      throw badRequest('A PRIVATE REST API can only be mapped to a private custom domain name');
    }
    const others = ds.mappings.filter((x) => x !== replacing);
    const websocket = kind === 'WEBSOCKET';
    if (others.some((x) => (this.apiKind(x.apiId) === 'WEBSOCKET') !== websocket)) {
      throw badRequest("You can't map WebSocket APIs to the same custom domain name as an HTTP API or REST API");
    }
    if (others.some((x) => x.key === m.key)) throw conflict('Base path already exists for this domain name');
  }

  newMappingId(): string {
    return newId(6);
  }

  // ------------------------------------------------------------ other modules' deletes

  /** Deleting an API or a stage that a mapping names is refused (AWS's messages). */
  guard(event: ResourceEvent): void {
    const users = (apiId: string, stage?: string) =>
      this.state.domains
        .filter((ds) => ds.mappings.some((m) => m.apiId === apiId && (stage === undefined || m.stage === stage)))
        .map((ds) => ds.domain.domainName);
    if (event.type === 'rest-api.delete') {
      const names = users(event.restApiId);
      if (names.length > 0)
        throw badRequest(
          `Deleting RestApi ${event.restApiId} failed. Please remove all base path mappings related to the RestApi in your domains: ${names.join(', ')}`,
        );
    } else if (event.type === 'http-api.delete') {
      if (users(event.apiId).length > 0)
        throw badRequest(
          `Deleting API ${event.apiId} failed. Please remove all API mappings for the API from your custom domain names.`,
        );
    } else if (event.type === 'rest-stage.delete' || event.type === 'http-stage.delete') {
      const names = users(event.type === 'rest-stage.delete' ? event.restApiId : event.apiId, event.stageName);
      if (names.length > 0)
        throw badRequest(
          `Deleting stage ${event.stageName} failed. Please remove all base path mappings related to the stage in your domains: ${names.join(', ')}`,
        );
    }
  }
}
