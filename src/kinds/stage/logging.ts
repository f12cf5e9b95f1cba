/**
 * Which stage changes start sending logs to CloudWatch Logs through API Gateway's account
 * role: REST execution logging (a log level or data trace on any method) and REST access logs
 * to a log group. AWS refuses them in an account without that role ("CloudWatch Logs role ARN
 * must be set in account settings to enable logging"); HTTP APIs deliver access logs without
 * it. Pure: apply asks the account once when this says it must (src/aws/apply/logging-role.ts).
 */
import type { ApiKind } from '../api/model.js';
import type { StageModel } from './model.js';
import { routeEffective, stageWideSettings } from './route-settings.js';

function logsExecution(s: StageModel): boolean {
  const base = stageWideSettings(s);
  return [base, ...Object.values(s.routeSettings ?? {}).map((e) => routeEffective(base, e))].some(
    (f) => f.loggingLevel !== 'OFF' || f.dataTraceEnabled,
  );
}

const logGroupOf = (s: StageModel | undefined) =>
  s?.accessLog && /^arn:aws[a-z-]*:logs:/.test(s.accessLog.destinationArn) ? s.accessLog.destinationArn : undefined;

/** The change turns on REST logging that needs the account's CloudWatch Logs role (what AWS checks on UpdateStage). */
export function needsCloudWatchRole(
  kind: ApiKind,
  before: StageModel | undefined,
  after: StageModel | undefined,
): boolean {
  if (kind !== 'RestApi' || !after) return false;
  const execution = logsExecution(after) && !(before && logsExecution(before));
  const access = logGroupOf(after) !== undefined && logGroupOf(after) !== logGroupOf(before);
  return execution || access;
}
