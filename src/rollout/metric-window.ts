/**
 * Which CloudWatch data points count as the current step's traffic.
 *
 * API Gateway publishes its metrics at one-minute resolution, and a data point's timestamp
 * is the start of its minute. Consecutive canaries (and a stage before and after an HTTP
 * deployment switch) share the same series, so the minute in which a step starts can hold
 * another deployment's requests. A step therefore counts only the whole minutes that began
 * at or after its start: a step started at 10:42:20 counts from 10:43:00. The price is that
 * `minRequests` can only be met from the first whole minute of the step on.
 */

/** Resolution of the AWS/ApiGateway metrics (seconds). */
export const METRIC_PERIOD_SECONDS = 60;

/** The first period boundary at or after `stepStartedAt` (epoch ms). */
export function countingWindowStart(stepStartedAt: number, periodSeconds = METRIC_PERIOD_SECONDS): number {
  const period = periodSeconds * 1000;
  return Math.ceil(stepStartedAt / period) * period;
}

/** `since 10:43:00Z (whole minutes from the step's start)`: how the count is meant, for people. */
export function countingWindowText(countedFrom: number): string {
  return `since ${new Date(countedFrom).toISOString().slice(11, 19)}Z (whole CloudWatch minutes from the step's start)`;
}
