/**
 * A custom domain name (domains/<name>.yaml): REGIONAL (a certificate of the state's region)
 * or EDGE (CloudFront; a certificate in us-east-1), its TLS security policy, and mutual TLS
 * (a truststore in S3, REGIONAL only). Its mappings are records of their own kinds
 * (kinds/mapping), declared in the same file.
 */
export interface DomainModel {
  endpointType: 'REGIONAL' | 'EDGE';
  /** An ACM certificate ARN: of the state's region (REGIONAL) or of us-east-1 (EDGE). */
  certificateArn: string;
  securityPolicy: 'TLS_1_0' | 'TLS_1_2';
  mutualTls?: { truststoreUri: string; truststoreVersion?: string };
  tags: Record<string, string>;
}
