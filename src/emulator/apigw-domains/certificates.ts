/**
 * ACM certificate ARNs as API Gateway checks them when a domain name names one: the ARN is
 * an ACM certificate of the caller's account, in us-east-1 for an edge-optimized domain
 * (CloudFront's region) and in the domain's own region for a regional one. AWS's messages:
 * "Invalid certificate ARN: <arn>. Certificate must be in '<region>'." and "The certificate
 * provided must be owned by the account creating the domain." ACM itself is not emulated, so
 * any well-formed certificate ARN of the right region and account is taken as issued.
 */
import { parseArn } from '../core/arn.js';
import type { Partition } from '../core/partitions.js';
import { badRequest } from '../core/types.js';

export const EDGE_CERTIFICATE_REGION = 'us-east-1';

export function checkCertificateArn(arn: string, mustBeIn: string, here: Partition, member: string): void {
  const a = parseArn(arn);
  if (!a || a.service !== 'acm' || !/^certificate\/[0-9a-f-]{36}$/.test(a.resource)) {
    throw badRequest(
      `Invalid certificate ARN: ${arn}. ${member} must be an ACM certificate ARN (arn:aws:acm:<region>:<account>:certificate/<id>)`,
    );
  }
  if (a.region !== mustBeIn) throw badRequest(`Invalid certificate ARN: ${arn}. Certificate must be in '${mustBeIn}'.`);
  if (a.account !== here.accountId)
    throw badRequest(
      'Invalid request provided: The certificate provided must be owned by the account creating the domain.',
    );
}

/** A truststore is an S3 object: `s3://bucket/key`. */
export function checkTruststoreUri(uri: string): void {
  if (!/^s3:\/\/[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]\/.+/.test(uri)) {
    throw badRequest(
      `Invalid truststore URI ${uri}: give the S3 location of the PEM truststore, for example s3://bucket-name/key-name`,
    );
  }
}
