/**
 * Before apply writes anything: a plan that turns on REST logging to CloudWatch Logs needs
 * the account's CloudWatch Logs role, which API Gateway checks on UpdateStage. One GetAccount
 * (only when the plan needs the role) turns a failure half-way through the apply into a
 * refusal before the first write, saying how to set the role.
 */
import { GetAccountCommand, type APIGatewayClient } from '@aws-sdk/client-api-gateway';
import type { ApiModel } from '../../model/api.js';
import { ApigwSyncError } from '../../model/errors.js';
import type { Plan } from '../../model/plan.js';
import type { StageModel } from '../../kinds/stage/model.js';
import { needsCloudWatchRole } from '../../kinds/stage/logging.js';

export class CloudWatchRoleMissingError extends ApigwSyncError {
  constructor(stages: string[]) {
    super(
      'NO_CLOUDWATCH_ROLE',
      `${stages.join(', ')}: logging to CloudWatch Logs needs the account's CloudWatch Logs role, and this account has none (API Gateway: "CloudWatch Logs role ARN must be set in account settings to enable logging"); nothing was written`,
      {
        hint: 'set it once per account and region: `aws apigateway update-account --patch-operations op=replace,path=/cloudwatchRoleArn,value=arn:aws:iam::<account>:role/<role>` (a role API Gateway can assume, with the AmazonAPIGatewayPushToCloudWatchLogs policy), or remove `logging` / the log group `accessLog` from those stages',
      },
    );
  }
}

/** `api/stage` of every REST stage the plan turns CloudWatch logging on for. */
export function stagesNeedingCloudWatchRole(plan: Plan, apis: Record<string, ApiModel | undefined>): string[] {
  return plan.steps
    .map((s) => s.change)
    .filter(
      (c) =>
        c.target === 'stage' &&
        needsCloudWatchRole(
          apis[c.apiKey]?.kind ?? c.apiKind,
          c.before as StageModel | undefined,
          c.after as StageModel | undefined,
        ),
    )
    .map((c) => `${c.apiKey}/${c.name}`);
}

/** Throws CloudWatchRoleMissingError when the plan needs the role and GetAccount shows none. */
export async function assertCloudWatchRole(
  plan: Plan,
  apis: Record<string, ApiModel | undefined>,
  client: APIGatewayClient,
): Promise<void> {
  const stages = stagesNeedingCloudWatchRole(plan, apis);
  if (!stages.length) return;
  const account = await client.send(new GetAccountCommand({}));
  if (!account.cloudwatchRoleArn) throw new CloudWatchRoleMissingError(stages);
}
