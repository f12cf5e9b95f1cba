/**
 * GetAccount / UpdateAccount: the account's CloudWatch Logs role (`replace /cloudwatchRoleArn`,
 * an IAM role of the account; "" clears it) and features (`add /features UsagePlans`). REST
 * stages refuse execution logging and CloudWatch access logging without the role, with AWS's
 * message "CloudWatch Logs role ARN must be set in account settings to enable logging"
 * (set-up-logging: the role is set per Region). AWS also assumes the role to check its trust
 * policy; IAM is not emulated, so any role ARN of the account is taken.
 */
import { parsePatchOps } from '../apigw-v1/patch.js';
import { route } from '../apigw-v1/route.js';
import { bodyOf, compact, ok } from '../apigw-v1/wire.js';
import { parseArn } from '../core/arn.js';
import type { Partition } from '../core/partitions.js';
import { badRequest, type RouteDef } from '../core/types.js';
import type { AccountSettings } from './types.js';

/** API Gateway's account-level throttle (requests per second and burst) that GetAccount reports. */
const ACCOUNT_THROTTLE = { burstLimit: 5000, rateLimit: 10000 };
const PATHS = ['/cloudwatchRoleArn', '/features'];

export const accountView = (a: AccountSettings) =>
  compact({
    cloudwatchRoleArn: a.cloudwatchRoleArn,
    throttleSettings: { ...ACCOUNT_THROTTLE },
    features: [...a.features],
    apiKeyVersion: '4',
  });

export function accountRoutes(
  get: () => AccountSettings,
  set: (a: AccountSettings) => void,
  here: Partition,
): RouteDef[] {
  return [
    route('GET', '/account', 'GetAccount', false, () => ok(accountView(get()))),
    route('PATCH', '/account', 'UpdateAccount', true, (req) => {
      const next = structuredClone(get());
      for (const op of parsePatchOps(bodyOf(req).patchOperations)) {
        if (op.path === '/cloudwatchRoleArn' && (op.op === 'replace' || op.op === 'add')) {
          const arn = op.value ?? '';
          if (arn === '') {
            delete next.cloudwatchRoleArn;
            continue;
          }
          const a = parseArn(arn);
          if (!a || a.service !== 'iam' || !a.resource.startsWith('role/'))
            throw badRequest(
              `The role ARN ${arn} is not valid: give an IAM role ARN such as arn:aws:iam::${here.accountId}:role/apigateway-cloudwatch`,
            );
          if (a.account !== here.accountId)
            throw badRequest(
              `The role ARN ${arn} belongs to another account; API Gateway assumes a role of account ${here.accountId}`,
            );
          next.cloudwatchRoleArn = arn;
        } else if (op.path === '/features' && op.op === 'add') {
          if (op.value !== 'UsagePlans')
            throw badRequest(`Invalid feature ${op.value}: the only feature is UsagePlans`);
          if (!next.features.includes('UsagePlans')) next.features.push('UsagePlans');
        } else {
          throw badRequest(
            `Invalid patch path '${op.path}' specified for op '${op.op}'. Must be one of: [${PATHS.join(', ')}]`,
          );
        }
      }
      set(next);
      return ok(accountView(next));
    }),
  ];
}
