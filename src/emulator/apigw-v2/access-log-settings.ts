/**
 * Access logging of v2 stages: DeleteAccessLogSettings turns it off (HTTP and WebSocket
 * stages alike), and an HTTP API's settings are checked as AWS checks them: the destination a
 * CloudWatch Logs log group of the stage's account and region (HTTP APIs do not log to
 * Firehose, as the CDK's HttpStage notes), the format one line ("Access Log format must be
 * single line, new line character is allowed only at end of the format") with
 * `$context.requestId` or `$context.extendedRequestId`.
 */
import { checkArnScope } from '../core/arn.js';
import type { Partition } from '../core/partitions.js';
import { badRequest, notFound, type RouteDef } from '../core/types.js';
import { v2Route } from './route-def.js';
import type { V2Store } from './store.js';
import { json } from './wire.js';

export function checkHttpAccessLogSettings(
  settings: { destinationArn?: string; format?: string },
  here: Partition,
): void {
  const { destinationArn, format } = settings;
  if (destinationArn !== undefined) {
    const a = checkArnScope(destinationArn, here, { account: 'own', error: badRequest });
    if (a.service !== 'logs' || !/^log-group:[\w./#-]{1,512}(:\*)?$/.test(a.resource)) {
      throw badRequest(
        `Invalid access log destination ${destinationArn}: HTTP APIs send access logs to a CloudWatch Logs log group (arn:aws:logs:<region>:<account>:log-group:<name>)`,
      );
    }
  }
  if (format !== undefined) {
    if (/[\r\n]./s.test(format))
      throw badRequest(
        'Access Log format must be single line, new line character is allowed only at end of the format',
      );
    if (!/\$context\.(requestId|extendedRequestId)\b/.test(format))
      throw badRequest('Access Log format must include $context.requestId or $context.extendedRequestId');
  }
}

export function accessLogSettingsRoutes(store: V2Store): RouteDef[] {
  return [
    v2Route(
      'DeleteAccessLogSettings',
      'DELETE',
      '/v2/apis/{apiId}/stages/{stageName}/accesslogsettings',
      true,
      (_req, p) => {
        const st = store.api(p.apiId);
        const stage = store.stage(st, p.stageName);
        // The model lists only NotFoundException: a stage without access logging has none to delete.
        if (!stage.accessLogSettings) throw notFound(`Stage ${stage.stageName} has no access log settings`);
        delete stage.accessLogSettings;
        stage.lastUpdatedDate = store.isoNow();
        return json(204);
      },
    ),
  ];
}
