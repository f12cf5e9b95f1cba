/** CloudWatch data as the emulator stores it (plain JSON for snapshot/restore). */

export interface Dimension {
  Name: string;
  Value: string;
}

export interface MetricId {
  Namespace: string;
  MetricName: string;
  /** Sorted by Name: a metric's identity is its exact dimension set. */
  Dimensions: Dimension[];
}

/**
 * One published datum, already reduced to a statistic set. `values`/`counts` keep the
 * distribution when it was published as values (needed for percentiles); a datum published
 * as a StatisticSet has none, and percentiles over it are unavailable, as on AWS.
 */
export interface Datum {
  /** Epoch ms. */
  t: number;
  sampleCount: number;
  sum: number;
  min: number;
  max: number;
  unit?: string;
  values?: number[];
  counts?: number[];
}

export interface Series {
  metric: MetricId;
  points: Datum[];
}

export type ComparisonOperator =
  'GreaterThanThreshold' | 'GreaterThanOrEqualToThreshold' | 'LessThanThreshold' | 'LessThanOrEqualToThreshold';

export type AlarmState = 'OK' | 'ALARM' | 'INSUFFICIENT_DATA';

export type TreatMissingData = 'missing' | 'notBreaching' | 'breaching' | 'ignore';

export interface MetricAlarm {
  AlarmName: string;
  AlarmArn: string;
  AlarmDescription?: string;
  AlarmConfigurationUpdatedTimestamp: number;
  ActionsEnabled: boolean;
  OKActions: string[];
  AlarmActions: string[];
  InsufficientDataActions: string[];
  StateValue: AlarmState;
  StateReason: string;
  StateReasonData?: string;
  StateUpdatedTimestamp: number;
  StateTransitionedTimestamp: number;
  MetricName?: string;
  Namespace?: string;
  Statistic?: string;
  ExtendedStatistic?: string;
  Dimensions: Dimension[];
  Period?: number;
  Unit?: string;
  EvaluationPeriods: number;
  DatapointsToAlarm?: number;
  Threshold: number;
  ComparisonOperator: ComparisonOperator;
  TreatMissingData?: TreatMissingData;
  EvaluateLowSampleCountPercentile?: string;
  /** A single MetricStat query (the emulator does not evaluate metric math). */
  Metrics?: unknown[];
  Tags: Array<{ Key: string; Value: string }>;
  /** Emulator bookkeeping: epoch ms of the last evaluation (not on the wire). */
  lastEvaluatedAt?: number;
}
