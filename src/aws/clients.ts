/**
 * The AWS clients every command uses: API Gateway v1 and v2, CloudWatch and AWS WAF (wafv2),
 * sharing one rate limiter (rate-limit.ts) and API Gateway's retry decider (retry.ts).
 *
 * Endpoints: an explicit `endpoint` wins; otherwise the SDK resolves AWS_ENDPOINT_URL and
 * the per-service AWS_ENDPOINT_URL_API_GATEWAY / _APIGATEWAYV2 / _CLOUDWATCH / _WAFV2 itself (the
 * installed v3 does; test/integration/read/clients.test.ts proves it), so we do not.
 * Credentials come from the SDK's default chain unless given (keys or a provider, such as an
 * assumed role); nothing here reads or prints secrets.
 *
 * Every request attempt passes one middleware, inside the SDK's retry loop: it waits for
 * the limiter's tokens, counts the attempt, and reports throttling back to the limiter.
 *
 * The CloudWatch and WAFv2 clients are made on first use (cloudwatch-sdk.ts, wafv2-sdk.ts):
 * plan, drift, import and unlock never load their SDK packages (a plan reads a stage's web
 * ACL from GetStages' `webAclArn`, not from WAF). So are the SSM and Secrets Manager clients
 * (key-value-sdk.ts), which only API key value sources need.
 */
import { APIGatewayClient } from '@aws-sdk/client-api-gateway';
import { ApiGatewayV2Client } from '@aws-sdk/client-apigatewayv2';
import type { CloudWatchClient } from '@aws-sdk/client-cloudwatch';
import type { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import type { SSMClient } from '@aws-sdk/client-ssm';
import type { WAFV2Client } from '@aws-sdk/client-wafv2';
import type { AwsCredentialIdentity, AwsCredentialIdentityProvider } from '@smithy/types';
import { UsageError } from '../model/errors.js';
import type { AwsService } from './quotas.js';
import { RateLimiter, sharedRateLimiter } from './rate-limit.js';
import { ApigwRetryStrategy, DEFAULT_MAX_ATTEMPTS } from './retry.js';
import { awsErrorCode, httpStatusOf } from './errors.js';
import { loadCloudWatchSdk } from './cloudwatch-sdk.js';
import { loadSecretsManagerSdk, loadSsmSdk } from './key-value-sdk.js';
import { loadWafv2Sdk } from './wafv2-sdk.js';
import { withoutSdkNodeWarning } from '../node-support.js';

/** Request attempts sent, by operation (retries count: AWS counts them against the quota too). */
export class CallCounter {
  total = 0;
  throttled = 0;
  byOperation: Record<string, number> = {};

  record(operation: string): void {
    this.total++;
    this.byOperation[operation] = (this.byOperation[operation] ?? 0) + 1;
  }

  reset(): void {
    this.total = 0;
    this.throttled = 0;
    this.byOperation = {};
  }
}

export interface AwsClients {
  region: string;
  apigw: APIGatewayClient;
  apigwv2: ApiGatewayV2Client;
  /** Made on first access. */
  readonly cloudwatch: CloudWatchClient;
  /** Made on first access: API key values kept in Parameter Store / Secrets Manager (src/aws/key-values). */
  readonly ssm: SSMClient;
  readonly secretsManager: SecretsManagerClient;
  /** AWS WAF (web ACL associations of REST stages); made on first access. */
  readonly wafv2: WAFV2Client;
  calls: CallCounter;
  limiter: RateLimiter;
}

export interface CreateAwsClientsOptions {
  /** Default: AWS_REGION, then AWS_DEFAULT_REGION. */
  region?: string;
  /** One endpoint for every service (the emulator); default: the SDK's own resolution. */
  endpoint?: string;
  /** Attempts per call, retries included (default 8). */
  maxAttempts?: number;
  /** Default: the process-wide limiter (one account, one bucket). */
  limiter?: RateLimiter;
  /**
   * Default: the SDK's credential chain. Tests against the emulator pass dummy keys; the App
   * passes a provider for a repository's role (assume-role.ts).
   */
  credentials?: AwsCredentialIdentity | AwsCredentialIdentityProvider;
  /**
   * An AWS profile (shared config and credentials files) for the SDK's credential chain: an
   * environment's `account.profile` on the command line. It wins over AWS_ACCESS_KEY_ID.
   */
  profile?: string;
  env?: NodeJS.ProcessEnv;
}

export function createAwsClients(opts: CreateAwsClientsOptions = {}): AwsClients {
  const env = opts.env ?? process.env;
  const region = opts.region ?? env.AWS_REGION ?? env.AWS_DEFAULT_REGION;
  if (!region) throw new UsageError('no AWS region', 'set AWS_REGION or `region:` in gateway-state/gateway.yaml');
  const limiter = opts.limiter ?? sharedRateLimiter();
  const calls = new CallCounter();
  const maxAttempts = opts.maxAttempts ?? DEFAULT_MAX_ATTEMPTS;
  const config = {
    region,
    ...(opts.endpoint ? { endpoint: opts.endpoint } : {}),
    ...(opts.credentials ? { credentials: opts.credentials } : {}),
    ...(opts.profile && !opts.credentials ? { profile: opts.profile } : {}),
    maxAttempts,
    retryStrategy: new ApigwRetryStrategy(maxAttempts),
  };
  // On the Node versions we support, the SDK's warning about its own future releases is noise.
  const apigw = withoutSdkNodeWarning(() => new APIGatewayClient(config));
  const apigwv2 = withoutSdkNodeWarning(() => new ApiGatewayV2Client(config));
  installLimiter(apigw, 'apigateway', limiter, calls);
  installLimiter(apigwv2, 'apigatewayv2', limiter, calls);
  let cloudwatch: CloudWatchClient | undefined;
  let ssm: SSMClient | undefined;
  let secretsManager: SecretsManagerClient | undefined;
  let wafv2: WAFV2Client | undefined;
  return {
    region,
    apigw,
    apigwv2,
    get cloudwatch() {
      if (!cloudwatch) {
        cloudwatch = withoutSdkNodeWarning(() => new (loadCloudWatchSdk().CloudWatchClient)(config));
        installLimiter(cloudwatch, 'cloudwatch', limiter, calls);
      }
      return cloudwatch;
    },
    get ssm() {
      if (!ssm) {
        ssm = withoutSdkNodeWarning(() => new (loadSsmSdk().SSMClient)(config));
        installLimiter(ssm, 'ssm', limiter, calls);
      }
      return ssm;
    },
    get secretsManager() {
      if (!secretsManager) {
        secretsManager = withoutSdkNodeWarning(() => new (loadSecretsManagerSdk().SecretsManagerClient)(config));
        installLimiter(secretsManager, 'secretsmanager', limiter, calls);
      }
      return secretsManager;
    },
    get wafv2() {
      if (!wafv2) {
        wafv2 = withoutSdkNodeWarning(() => new (loadWafv2Sdk().WAFV2Client)(config));
        installLimiter(wafv2, 'wafv2', limiter, calls);
      }
      return wafv2;
    },
    calls,
    limiter,
  };
}

interface StackOwner {
  middlewareStack: {
    addRelativeTo(
      mw: unknown,
      opts: { name: string; relation: 'before' | 'after'; toMiddleware: string; override?: boolean },
    ): void;
  };
}

/** Inside the retry loop, so every attempt waits for a token and is counted. */
function installLimiter(client: StackOwner, service: AwsService, limiter: RateLimiter, calls: CallCounter): void {
  const mw =
    (next: (args: unknown) => Promise<unknown>, context: { commandName?: string }) =>
    async (args: unknown): Promise<unknown> => {
      const operation = (context.commandName ?? 'Unknown').replace(/Command$/, '');
      await limiter.acquire(service, operation);
      calls.record(operation);
      try {
        const out = await next(args);
        limiter.succeeded(service, operation);
        return out;
      } catch (e) {
        if (
          httpStatusOf(e) === 429 ||
          awsErrorCode(e) === 'TooManyRequestsException' ||
          awsErrorCode(e) === 'Throttling' ||
          awsErrorCode(e) === 'ThrottlingException'
        ) {
          calls.throttled++;
          limiter.throttled(service, operation);
        }
        throw e;
      }
    };
  client.middlewareStack.addRelativeTo(mw, {
    name: 'apigwSyncRateLimit',
    relation: 'after',
    toMiddleware: 'retryMiddleware',
    override: true,
  });
}
