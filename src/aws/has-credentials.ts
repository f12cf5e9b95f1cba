/**
 * Whether the SDK's default credential chain has something to find here, decided from the
 * environment alone: probing the chain would try the instance metadata service, a network
 * call (and a wait) on every machine that is not an EC2 instance.
 */
import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';

export function hasAwsCredentials(env: NodeJS.ProcessEnv): boolean {
  if (
    env.AWS_ACCESS_KEY_ID ||
    env.AWS_PROFILE ||
    env.AWS_WEB_IDENTITY_TOKEN_FILE ||
    env.AWS_CONTAINER_CREDENTIALS_RELATIVE_URI ||
    env.AWS_CONTAINER_CREDENTIALS_FULL_URI
  )
    return true;
  const home = env.HOME ?? homedir();
  return (
    existsSync(env.AWS_SHARED_CREDENTIALS_FILE ?? join(home, '.aws', 'credentials')) ||
    existsSync(env.AWS_CONFIG_FILE ?? join(home, '.aws', 'config'))
  );
}

const NO_ACCESS = new Set([
  'CredentialsProviderError',
  'UnrecognizedClientException',
  'InvalidSignatureException',
  'ExpiredTokenException',
  'AccessDeniedException',
  'UnauthorizedException',
]);

/** AWS answers that mean "this job has no AWS access" rather than "something broke". */
export function isNoAccessError(code: string): boolean {
  return NO_ACCESS.has(code);
}
