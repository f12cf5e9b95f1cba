/**
 * The SSM and Secrets Manager SDK packages, loaded on first use and synchronously (the same
 * way, and for the same reason, as cloudwatch-sdk.ts): only a state whose API keys take
 * their value from Parameter Store or Secrets Manager ever loads them.
 */
import { createRequire } from 'node:module';

type SsmSdk = typeof import('@aws-sdk/client-ssm');
type SecretsManagerSdk = typeof import('@aws-sdk/client-secrets-manager');

let ssm: SsmSdk | undefined;
let secretsManager: SecretsManagerSdk | undefined;

const nodeRequire = () => createRequire(import.meta.url);

export function loadSsmSdk(): SsmSdk {
  ssm ??=
    typeof require === 'function'
      ? // eslint-disable-next-line @typescript-eslint/no-require-imports -- a literal require() is what the bundler inlines
        (require('@aws-sdk/client-ssm') as SsmSdk)
      : (nodeRequire()('@aws-sdk/client-ssm') as SsmSdk);
  return ssm;
}

export function loadSecretsManagerSdk(): SecretsManagerSdk {
  secretsManager ??=
    typeof require === 'function'
      ? // eslint-disable-next-line @typescript-eslint/no-require-imports -- a literal require() is what the bundler inlines
        (require('@aws-sdk/client-secrets-manager') as SecretsManagerSdk)
      : (nodeRequire()('@aws-sdk/client-secrets-manager') as SecretsManagerSdk);
  return secretsManager;
}
