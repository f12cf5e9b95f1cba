/**
 * Custom domain names and their API mappings, as the emulator keeps them. AWS keeps one set
 * per account and region, shared by the v1 API (DomainName, BasePathMapping) and the v2 API
 * (DomainName, ApiMapping): a domain created through one is read and mapped through the
 * other. The record holds the v1 wire shape (camelCase, epoch seconds); v2 views are built
 * from it (v2-view.ts).
 */
export type StrMap = Record<string, string>;

export type EndpointType = 'EDGE' | 'REGIONAL';

export interface MutualTls {
  truststoreUri: string;
  truststoreVersion?: string;
  truststoreWarnings?: string[];
}

export interface DomainName {
  domainName: string;
  domainNameArn: string;
  /** EDGE: the us-east-1 ACM certificate CloudFront serves. */
  certificateName?: string;
  certificateArn?: string;
  certificateUploadDate?: number;
  distributionDomainName?: string;
  distributionHostedZoneId?: string;
  /** REGIONAL: the ACM certificate of the domain's own region. */
  regionalCertificateName?: string;
  regionalCertificateArn?: string;
  regionalDomainName?: string;
  regionalHostedZoneId?: string;
  endpointConfiguration: { types: EndpointType[]; ipAddressType: string };
  domainNameStatus: 'AVAILABLE';
  securityPolicy: string;
  endpointAccessMode?: string;
  mutualTlsAuthentication?: MutualTls;
  ownershipVerificationCertificateArn?: string;
  routingMode: 'BASE_PATH_MAPPING_ONLY';
  tags?: StrMap;
  /** When the domain was created (epoch seconds), for the v2 CertificateUploadDate of a REGIONAL configuration. */
  createdDate: number;
}

/** One mapping: `key` '' is the empty base path `(none)`; `stage` undefined is v1's "no stage" (callers name it). */
export interface ApiMapping {
  apiMappingId: string;
  apiId: string;
  stage?: string;
  key: string;
}

export interface DomainState {
  domain: DomainName;
  mappings: ApiMapping[];
}

export interface DomainsState {
  domains: DomainState[];
}
