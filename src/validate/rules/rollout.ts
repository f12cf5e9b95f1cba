/** Rollout policy: sane steps, an existing stage, alarm names, managed alarm metrics. */
import { alarmReadWaitSeconds } from '../../model/api.js';
import type { ValidationIssue } from '../../model/issue.js';
import { issue, type ApiRule } from './context.js';

const REST_METRICS = new Set(['5XXError', '4XXError', 'Latency', 'IntegrationLatency']);
const HTTP_METRICS = new Set(['5xx', '4xx', 'Latency', 'IntegrationLatency']);
/** "Monitor WebSocket API execution with CloudWatch metrics" (dimensions ApiId, Stage). */
const WEBSOCKET_METRICS = new Set([
  'ConnectCount',
  'MessageCount',
  'IntegrationError',
  'ClientError',
  'ExecutionError',
  'IntegrationLatency',
]);
const METRICS = { RestApi: REST_METRICS, HttpApi: HTTP_METRICS, WebSocketApi: WEBSOCKET_METRICS } as const;
const KIND_WORD = { RestApi: 'REST', HttpApi: 'HTTP', WebSocketApi: 'WebSocket' } as const;

export const rolloutRules: ApiRule = (api, ctx) => {
  const out: ValidationIssue[] = [];
  const r = api.rollout;
  if (!r) return out;
  const base = `${api.key}/rollout`;
  if (!r.stage) {
    out.push(
      issue(ctx, base, {
        code: 'rollout-stage-missing',
        message: `rollout of ${api.key} names no stage and the API has ${Object.keys(api.stages).length} stages`,
        hint: `add \`stage: <name>\` to rollout (one of ${Object.keys(api.stages).join(', ') || 'none'})`,
      }),
    );
  } else if (!(r.stage in api.stages)) {
    out.push(
      issue(ctx, `${base}/stage`, {
        code: 'rollout-stage-unknown',
        message: `rollout stage "${r.stage}" is not a stage of ${api.key}`,
        hint: `use one of: ${Object.keys(api.stages).join(', ') || '(declare a stage first)'}`,
      }),
    );
  }
  r.steps.forEach((p, i) => {
    const key = `${base}/steps/${i}`;
    if (!(p > 0 && p <= 100))
      out.push(
        issue(ctx, key, {
          code: 'rollout-step-range',
          message: `rollout step ${p}% is outside 1–100`,
          hint: 'each step is the percentage of traffic on the new deployment, from 1 to 100',
        }),
      );
    else if (i > 0 && p <= r.steps[i - 1])
      out.push(
        issue(ctx, key, {
          code: 'rollout-steps-order',
          message: `rollout step ${p}% does not increase (previous step is ${r.steps[i - 1]}%)`,
          hint: 'list steps in increasing order, e.g. [5, 25, 50, 100]',
        }),
      );
  });
  if (r.steps.length > 0 && r.steps[r.steps.length - 1] !== 100) {
    out.push(
      issue(ctx, `${base}/steps`, {
        code: 'rollout-steps-end',
        message: `rollout steps end at ${r.steps[r.steps.length - 1]}%, not 100%`,
        hint: 'end with 100 so the new deployment is promoted',
      }),
    );
  }
  const seen = new Set<string>();
  r.alarms.forEach((name, i) => {
    const key = `${base}/alarms/${i}`;
    if (!/^[\x20-\x7e]{1,255}$/.test(name) || name.trim() !== name)
      out.push(
        issue(ctx, key, {
          code: 'rollout-alarm-name',
          message: `alarm name "${name}" is not a valid CloudWatch alarm name`,
          hint: 'use the exact alarm name: 1–255 printable ASCII characters, no leading or trailing spaces',
        }),
      );
    else if (seen.has(name))
      out.push(
        issue(ctx, key, {
          severity: 'warning',
          code: 'rollout-alarm-duplicate',
          message: `alarm "${name}" is listed twice`,
          hint: 'list each alarm once',
        }),
      );
    seen.add(name);
  });
  if (r.alarms.length === 0 && r.managedAlarms.length === 0) {
    out.push(
      issue(ctx, base, {
        severity: 'warning',
        code: 'rollout-no-alarms',
        message: `rollout of ${api.key} is guarded by no alarm, so a bad deployment is promoted anyway`,
        hint: 'name CloudWatch alarms in `alarms:` or declare `managedAlarms:`',
      }),
    );
  }
  if (r.leaseSeconds < 2 * r.pollSeconds) {
    out.push(
      issue(ctx, `${base}/leaseSeconds`, {
        code: 'rollout-lease-short',
        message: `rollout leaseSeconds ${r.leaseSeconds} is shorter than two polls (pollSeconds ${r.pollSeconds})`,
        hint: `a healthy driver renews its lease every poll; use at least ${2 * r.pollSeconds} (the default is max(60, 3 × pollSeconds))`,
      }),
    );
  }
  const waitSeconds = alarmReadWaitSeconds(r.onAlarmReadError);
  if (waitSeconds >= r.timeoutSeconds) {
    out.push(
      issue(ctx, `${base}/onAlarmReadError`, {
        severity: 'warning',
        code: 'rollout-alarm-wait-long',
        message: `onAlarmReadError waits ${waitSeconds} s, as long as the whole rollout may take (timeoutSeconds ${r.timeoutSeconds})`,
        hint: 'the timeout rolls back first; wait less than timeoutSeconds',
      }),
    );
  }
  const metrics: ReadonlySet<string> = METRICS[api.kind];
  r.managedAlarms.forEach((a, i) => {
    if (!metrics.has(a.metric)) {
      out.push(
        issue(ctx, `${base}/managedAlarms`, {
          code: 'rollout-metric-kind',
          message: `managed alarm ${a.name || i}: metric ${a.metric} does not exist for ${KIND_WORD[api.kind]} APIs`,
          hint: `use one of ${[...metrics].join(', ')}`,
        }),
      );
    }
  });
  return out;
};
