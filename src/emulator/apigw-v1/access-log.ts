/**
 * A REST stage's access log settings as AWS checks them: the destination is a CloudWatch Logs
 * log group (`arn:aws:logs:<region>:<account>:log-group:<name>`) or a Kinesis Data Firehose
 * stream whose name starts with `amazon-apigateway-`, in the stage's account and region; the
 * format is one line ("Access Log format must be single line, new line character is allowed
 * only at end of the format") and carries `$context.requestId` or `$context.extendedRequestId`
 * (the control plane requires one, as CDK's check mirrors).
 */
import { checkArnScope } from '../core/arn.js';
import type { Partition } from '../core/partitions.js';
import { badRequest } from '../core/types.js';

export function checkAccessLogSettings(
  settings: { destinationArn?: string; format?: string } | undefined,
  here: Partition,
): void {
  if (!settings) return;
  const { destinationArn, format } = settings;
  if (destinationArn !== undefined && destinationArn !== '') {
    const a = checkArnScope(destinationArn, here, { account: 'own', error: badRequest });
    const logGroup = a.service === 'logs' && /^log-group:[\w./#-]{1,512}(:\*)?$/.test(a.resource);
    const firehose = a.service === 'firehose' && /^deliverystream\/amazon-apigateway-[\w.-]+$/.test(a.resource);
    if (!logGroup && !firehose) {
      throw badRequest(
        `Invalid access log destination ${destinationArn}: a CloudWatch Logs log group ARN, or a Firehose delivery stream named amazon-apigateway-…`,
      );
    }
  }
  if (format !== undefined && format !== '') {
    if (/[\r\n]./s.test(format))
      throw badRequest(
        'Access Log format must be single line, new line character is allowed only at end of the format',
      );
    if (!/\$context\.(requestId|extendedRequestId)\b/.test(format))
      throw badRequest('Access Log format must include $context.requestId or $context.extendedRequestId');
  }
}

/** Whether the stage sends access logs to CloudWatch Logs (which needs the account's CloudWatch role; Firehose does not). */
export const logsAccessToCloudWatch = (settings: { destinationArn?: string } | undefined): boolean =>
  /^arn:aws[a-z-]*:logs:/.test(settings?.destinationArn ?? '');
