/** PutMetricAlarm, DescribeAlarms, SetAlarmState, DeleteAlarms over the alarm store. */
import { AwsError, type EmuRequest, type RouteDef } from '../core/types.js';
import { checkArnScope } from '../core/arn.js';
import type { AlarmStore } from './alarm-store.js';
import { normalizeDimensions } from './metric-store.js';
import { parseStat, validPeriod } from './statistics.js';
import type { ComparisonOperator, Dimension, MetricAlarm, TreatMissingData } from './types.js';
import {
  asObj,
  bodyOf,
  invalidCombination,
  invalidValue,
  missingParam,
  ok,
  optBool,
  optList,
  optNum,
  optStr,
  optStrList,
  reqNum,
  reqStr,
  resourceNotFound,
  toEpochSeconds,
  type Body,
} from './wire.js';
import { cwRoute } from './route-def.js';

const OPERATORS: ComparisonOperator[] = [
  'GreaterThanThreshold',
  'GreaterThanOrEqualToThreshold',
  'LessThanThreshold',
  'LessThanOrEqualToThreshold',
];
const TREAT: TreatMissingData[] = ['missing', 'notBreaching', 'breaching', 'ignore'];
const STATES = ['OK', 'ALARM', 'INSUFFICIENT_DATA'];

export function readDimensions(list: unknown[] | undefined, field: string): Dimension[] {
  const dims = (list ?? []).map((d, i) => {
    const o = asObj(d, `${field}.member.${i + 1}`);
    return { Name: reqStr(o, 'Name'), Value: reqStr(o, 'Value') };
  });
  if (dims.length > 30) throw invalidValue(`The collection ${field} must not have more than 30 members.`);
  return normalizeDimensions(dims);
}

/** Alarm actions (SNS topics, Auto Scaling policies…) must be in the alarm's region; CloudWatch says which one it supports. */
function actions(b: Body, field: string, store: AlarmStore): string[] {
  const list = optStrList(b, field) ?? [];
  for (const arn of list) {
    checkArnScope(arn, store.partition, {
      account: 'any',
      error: () =>
        new AwsError(
          400,
          'ValidationError',
          `Invalid region ${/^arn:[^:]*:[^:]*:([^:]*):/.exec(arn)?.[1] ?? '(none)'} specified in ${field}. Only ${store.partition.region} is supported.`,
        ),
    });
  }
  return list;
}

/** Metrics-based alarms are accepted when they are one MetricStat query (no metric math). */
function readMetricsAlarm(
  b: Body,
  list: unknown[],
): Pick<
  MetricAlarm,
  'Namespace' | 'MetricName' | 'Dimensions' | 'Period' | 'Statistic' | 'ExtendedStatistic' | 'Unit'
> {
  const returned = list.map((q, i) => asObj(q, `Metrics.member.${i + 1}`)).filter((q) => q.ReturnData !== false);
  if (list.some((q) => (q as Body).Expression !== undefined)) {
    throw invalidValue(
      'Metric math expressions in alarms are not supported by this emulator; use a single MetricStat query.',
    );
  }
  if (returned.length !== 1)
    throw invalidValue('An alarm on Metrics must have exactly one query with ReturnData true.');
  const ms = asObj(returned[0].MetricStat, 'Metrics.member.1.MetricStat');
  const metric = asObj(ms.Metric, 'Metrics.member.1.MetricStat.Metric');
  const stat = reqStr(ms, 'Stat');
  const percentile = parseStat(stat).kind === 'percentile';
  if (b.Statistic !== undefined || b.MetricName !== undefined) {
    throw invalidCombination('Metrics cannot be combined with MetricName, Statistic or Dimensions.');
  }
  return {
    Namespace: reqStr(metric, 'Namespace'),
    MetricName: reqStr(metric, 'MetricName'),
    Dimensions: readDimensions(optList(metric, 'Dimensions'), 'Dimensions'),
    Period: validPeriod(reqNum(ms, 'Period')),
    ...(percentile ? { ExtendedStatistic: stat } : { Statistic: stat }),
    Unit: optStr(ms, 'Unit'),
  };
}

function buildAlarm(req: EmuRequest, store: AlarmStore, existing?: MetricAlarm): MetricAlarm {
  const b = bodyOf(req);
  const name = reqStr(b, 'AlarmName');
  const metrics = optList(b, 'Metrics');
  let watched;
  if (metrics && metrics.length > 0) watched = readMetricsAlarm(b, metrics);
  else {
    const statistic = optStr(b, 'Statistic');
    const extended = optStr(b, 'ExtendedStatistic');
    if (statistic && extended) throw invalidCombination('Statistic and ExtendedStatistic cannot both be specified.');
    if (!statistic && !extended) throw missingParam('One of Statistic or ExtendedStatistic must be specified.');
    if (statistic && parseStat(statistic).kind === 'percentile')
      throw invalidValue(
        `The value ${statistic} for parameter Statistic is not valid; percentiles go in ExtendedStatistic.`,
      );
    if (extended && parseStat(extended).kind !== 'percentile')
      throw invalidValue(`The value ${extended} for parameter ExtendedStatistic is not a percentile.`);
    watched = {
      Namespace: reqStr(b, 'Namespace'),
      MetricName: reqStr(b, 'MetricName'),
      Dimensions: readDimensions(optList(b, 'Dimensions'), 'Dimensions'),
      Period: validPeriod(reqNum(b, 'Period')),
      Statistic: statistic,
      ExtendedStatistic: extended,
      Unit: optStr(b, 'Unit'),
    };
  }
  const evaluationPeriods = reqNum(b, 'EvaluationPeriods');
  if (!Number.isInteger(evaluationPeriods) || evaluationPeriods < 1)
    throw invalidValue('The parameter EvaluationPeriods must be at least 1.');
  const datapointsToAlarm = optNum(b, 'DatapointsToAlarm');
  if (datapointsToAlarm !== undefined && (datapointsToAlarm < 1 || datapointsToAlarm > evaluationPeriods)) {
    throw invalidValue('DatapointsToAlarm must be between 1 and EvaluationPeriods.');
  }
  if ((watched.Period ?? 60) * evaluationPeriods > 7 * 86400) {
    throw invalidValue('The evaluation window (Period × EvaluationPeriods) must not exceed 7 days.');
  }
  const operator = reqStr(b, 'ComparisonOperator') as ComparisonOperator;
  if (!OPERATORS.includes(operator))
    throw invalidValue(`The value ${operator} for parameter ComparisonOperator is not supported by this emulator.`);
  if (optStr(b, 'ThresholdMetricId') !== undefined)
    throw invalidValue('ThresholdMetricId (anomaly detection) is not supported by this emulator.');
  const treat = optStr(b, 'TreatMissingData') as TreatMissingData | undefined;
  if (treat !== undefined && !TREAT.includes(treat))
    throw invalidValue(`The value ${treat} for parameter TreatMissingData is not valid.`);
  const now = store.now();
  const tags = (optList(b, 'Tags') ?? []).map((t, i) => {
    const o = asObj(t, `Tags.member.${i + 1}`);
    return { Key: reqStr(o, 'Key'), Value: optStr(o, 'Value') ?? '' };
  });
  return {
    AlarmName: name,
    AlarmArn: `arn:aws:cloudwatch:${store.partition.region}:${store.partition.accountId}:alarm:${name}`,
    AlarmDescription: optStr(b, 'AlarmDescription'),
    AlarmConfigurationUpdatedTimestamp: now,
    ActionsEnabled: optBool(b, 'ActionsEnabled') ?? true,
    OKActions: actions(b, 'OKActions', store),
    AlarmActions: actions(b, 'AlarmActions', store),
    InsufficientDataActions: actions(b, 'InsufficientDataActions', store),
    // An update leaves the state alone; a new alarm starts unchecked.
    StateValue: existing?.StateValue ?? 'INSUFFICIENT_DATA',
    StateReason: existing?.StateReason ?? 'Unchecked: Initial alarm creation',
    StateReasonData: existing?.StateReasonData,
    StateUpdatedTimestamp: existing?.StateUpdatedTimestamp ?? now,
    StateTransitionedTimestamp: existing?.StateTransitionedTimestamp ?? now,
    ...watched,
    EvaluationPeriods: evaluationPeriods,
    DatapointsToAlarm: datapointsToAlarm,
    Threshold: reqNum(b, 'Threshold'),
    ComparisonOperator: operator,
    TreatMissingData: treat,
    EvaluateLowSampleCountPercentile: optStr(b, 'EvaluateLowSampleCountPercentile'),
    Metrics: metrics && metrics.length > 0 ? metrics : undefined,
    Tags: tags.length > 0 ? tags : (existing?.Tags ?? []),
  };
}

export function alarmWire(a: MetricAlarm) {
  const { Tags: _tags, lastEvaluatedAt: _last, ...rest } = a;
  const out: Record<string, unknown> = {
    ...rest,
    AlarmConfigurationUpdatedTimestamp: toEpochSeconds(a.AlarmConfigurationUpdatedTimestamp),
    StateUpdatedTimestamp: toEpochSeconds(a.StateUpdatedTimestamp),
    StateTransitionedTimestamp: toEpochSeconds(a.StateTransitionedTimestamp),
  };
  if (a.Metrics) {
    // Alarms defined with Metrics show them, not the flattened single-metric fields.
    for (const k of ['Namespace', 'MetricName', 'Dimensions', 'Period', 'Statistic', 'ExtendedStatistic', 'Unit'])
      delete out[k];
  }
  return Object.fromEntries(Object.entries(out).filter(([, v]) => v !== undefined));
}

function pageToken(name: string): string {
  return Buffer.from(`a:${name}`).toString('base64url');
}

function readToken(token: string): string {
  const s = Buffer.from(token, 'base64url').toString('utf8');
  if (!s.startsWith('a:')) throw new AwsError(400, 'InvalidNextToken', 'The parameter NextToken is not valid.');
  return s.slice(2);
}

export function alarmRoutes(store: AlarmStore): RouteDef[] {
  return [
    cwRoute('PutMetricAlarm', true, (req) => {
      const name = reqStr(bodyOf(req), 'AlarmName');
      const existing = store.alarms.get(name);
      const alarm = buildAlarm(req, store, existing);
      store.alarms.set(name, alarm);
      store.evaluate(alarm);
      return ok();
    }),
    cwRoute('DescribeAlarms', false, (req) => {
      const b = bodyOf(req);
      const names = optStrList(b, 'AlarmNames');
      const prefix = optStr(b, 'AlarmNamePrefix');
      if (names && prefix !== undefined)
        throw invalidCombination('AlarmNames and AlarmNamePrefix cannot be specified together.');
      if (names && names.length > 100)
        throw invalidValue('The collection AlarmNames must not have more than 100 members.');
      const state = optStr(b, 'StateValue');
      if (state !== undefined && !STATES.includes(state))
        throw invalidValue(`The value ${state} for parameter StateValue is not valid.`);
      const types = optStrList(b, 'AlarmTypes');
      const actionPrefix = optStr(b, 'ActionPrefix');
      const max = optNum(b, 'MaxRecords') ?? 50;
      if (!Number.isInteger(max) || max < 1 || max > 100)
        throw invalidValue('The parameter MaxRecords must be between 1 and 100.');
      const token = optStr(b, 'NextToken');
      const after = token !== undefined ? readToken(token) : undefined;
      store.evaluateStale();
      // Without AlarmTypes CloudWatch returns metric alarms only. The emulator has no composite
      // alarms, so asking for the children or parents of one finds nothing.
      const compositeQuery =
        optStr(b, 'ChildrenOfAlarmName') !== undefined || optStr(b, 'ParentsOfAlarmName') !== undefined;
      const wantMetric = (!types || types.includes('MetricAlarm')) && !compositeQuery;
      const matching = [...(wantMetric ? store.alarms.values() : [])]
        .filter((a) => !names || names.includes(a.AlarmName))
        .filter((a) => prefix === undefined || a.AlarmName.startsWith(prefix))
        .filter((a) => state === undefined || a.StateValue === state)
        .filter(
          (a) =>
            actionPrefix === undefined ||
            [...a.AlarmActions, ...a.OKActions, ...a.InsufficientDataActions].some((x) => x.startsWith(actionPrefix)),
        )
        .sort((x, y) => (x.AlarmName < y.AlarmName ? -1 : x.AlarmName > y.AlarmName ? 1 : 0))
        .filter((a) => after === undefined || a.AlarmName >= after);
      const pageItems = matching.slice(0, max);
      const next = matching[max];
      return ok({
        MetricAlarms: pageItems.map(alarmWire),
        CompositeAlarms: [],
        ...(next ? { NextToken: pageToken(next.AlarmName) } : {}),
      });
    }),
    cwRoute('SetAlarmState', true, (req) => {
      const b = bodyOf(req);
      const name = reqStr(b, 'AlarmName');
      const state = reqStr(b, 'StateValue');
      if (!STATES.includes(state)) throw invalidValue(`The value ${state} for parameter StateValue is not valid.`);
      const reason = reqStr(b, 'StateReason');
      const data = optStr(b, 'StateReasonData');
      if (data !== undefined) {
        try {
          JSON.parse(data);
        } catch {
          throw new AwsError(400, 'InvalidFormat', 'The parameter StateReasonData must be valid JSON.');
        }
      }
      const alarm = store.alarms.get(name);
      if (!alarm) throw resourceNotFound(`Alarm ${name} not found`);
      const now = store.now();
      store.setState(alarm, state as MetricAlarm['StateValue'], reason, data, now);
      alarm.lastEvaluatedAt = now;
      return ok();
    }),
    cwRoute('DeleteAlarms', true, (req) => {
      const names = optStrList(bodyOf(req), 'AlarmNames');
      if (!names) throw missingParam('The parameter AlarmNames is required.');
      const unknown = names.filter((n) => !store.alarms.has(n));
      if (unknown.length > 0)
        throw resourceNotFound(`${unknown.length === 1 ? 'Alarm' : 'Alarms'} ${unknown.join(', ')} not found`);
      for (const n of names) store.alarms.delete(n);
      return ok();
    }),
  ];
}
