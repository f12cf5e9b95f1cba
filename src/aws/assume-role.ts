/**
 * Credentials for one repository's IAM role (the App's `roleArn` in .github/apigw-sync.yml):
 * STS AssumeRole, signed with the App's own credentials (the SDK's default chain), refreshed
 * by the SDK before they expire. Nothing here reads or prints secrets.
 */
import { fromTemporaryCredentials } from '@aws-sdk/credential-providers';
import type { AwsCredentialIdentity, AwsCredentialIdentityProvider } from '@smithy/types';

export interface AssumeRoleOptions {
  roleArn: string;
  /** Shown in CloudTrail; cleaned to what STS accepts (see roleSessionName). */
  sessionName: string;
  /** Region of the STS call (the regional endpoint, next to the clients that use it). */
  region: string;
  /** STS endpoint override; default: the SDK's resolution (AWS_ENDPOINT_URL_STS / AWS_ENDPOINT_URL). */
  endpoint?: string;
}

/** STS RoleSessionName: 2–64 characters of [\w+=,.@-]. */
const SESSION_NAME_MAX = 64;

export function roleSessionName(raw: string): string {
  const cleaned = raw.replace(/[^\w+=,.@-]/g, '-').slice(0, SESSION_NAME_MAX);
  return cleaned.length >= 2 ? cleaned : `apigw-sync${cleaned}`.slice(0, SESSION_NAME_MAX);
}

export function assumeRoleCredentials(o: AssumeRoleOptions): AwsCredentialIdentityProvider {
  const provider = fromTemporaryCredentials({
    params: { RoleArn: o.roleArn, RoleSessionName: roleSessionName(o.sessionName) },
    clientConfig: { region: o.region, ...(o.endpoint ? { endpoint: o.endpoint } : {}) },
  });
  return sharedUntilExpiry(provider);
}

/** Refresh this long before expiry, like the SDK's own memoization. */
const REFRESH_MARGIN_MS = 5 * 60_000;

/**
 * The API Gateway v1/v2 and CloudWatch clients each cache credentials on their own; sharing
 * one result here makes that one AssumeRole call instead of three (STS is rate limited too).
 */
function sharedUntilExpiry(provider: AwsCredentialIdentityProvider): AwsCredentialIdentityProvider {
  let pending: Promise<AwsCredentialIdentity> | undefined;
  const fresh = (c: AwsCredentialIdentity) => !c.expiration || c.expiration.getTime() - Date.now() > REFRESH_MARGIN_MS;
  return async (props) => {
    if (pending) {
      const c = await pending.catch(() => undefined);
      if (c && fresh(c)) return c;
    }
    pending = provider(props);
    return pending;
  };
}
