/**
 * CloudWatch's older wire protocol, AWS Query (form-encoded `Action=…&Version=2010-08-01`
 * requests, XML responses), which AWS CLI releases before the JSON switch still speak, e.g.
 * Debian 12's awscli 2.9. Requests are turned into the JSON 1.0 shape and run by the same
 * handlers; results and errors are written back as Query XML.
 *
 * The core logs these calls under the operation `QueryProtocol` (one route serves every
 * Action), so per-operation fault injection does not apply to them.
 */
import { AwsError, type EmuRequest, type EmuResponse, type RouteDef } from '../core/types.js';
import { validateInput } from '../contract/validate-input.js';

const XMLNS = 'http://monitoring.amazonaws.com/doc/2010-08-01/';

/** Members the Query protocol sends as text but the handlers expect as numbers or booleans. */
const NUMBERS = new Set([
  'Period',
  'EvaluationPeriods',
  'DatapointsToAlarm',
  'Threshold',
  'MaxRecords',
  'Value',
  'SampleCount',
  'Sum',
  'Minimum',
  'Maximum',
  'StorageResolution',
  'MaxDatapoints',
]);
const NUMBER_LISTS = new Set(['Values', 'Counts']);
const BOOLEANS = new Set(['ActionsEnabled', 'ReturnData', 'StrictEntityValidation']);
/** Response members holding epoch seconds (JSON 1.0) that Query writes as ISO 8601. */
const TIMESTAMPS = new Set([
  'AlarmConfigurationUpdatedTimestamp',
  'StateUpdatedTimestamp',
  'StateTransitionedTimestamp',
  'Timestamp',
  'Timestamps',
]);

type Node = Record<string, unknown>;

/** Lists whose members' `Value` is text (a dimension's or tag's value), unlike MetricDatum.Value. */
const STRING_VALUED = new Set(['Dimensions', 'Tags']);

function coerce(key: string, value: string, inList: boolean, listKey?: string): unknown {
  if (listKey !== undefined && STRING_VALUED.has(listKey)) return value;
  if (NUMBERS.has(key) || (inList && NUMBER_LISTS.has(key))) return Number(value);
  if (BOOLEANS.has(key)) return value === 'true';
  return value;
}

/** `AlarmNames.member.2=b`, `MetricData.member.1.Dimensions.member.1.Name=x` → nested JSON. */
export function queryToJson(form: URLSearchParams): Node {
  const root: Node = {};
  for (const [rawKey, value] of form) {
    if (rawKey === 'Action' || rawKey === 'Version') continue;
    const parts = rawKey.split('.');
    let node: Node | unknown[] = root;
    let listKey: string | undefined;
    for (let i = 0; i < parts.length; i++) {
      const part = parts[i];
      const last = i === parts.length - 1;
      if (part === 'member' && Array.isArray(node)) continue;
      if (Array.isArray(node)) {
        const index = Number(part) - 1;
        const parentKey = parts[i - 2];
        listKey = parentKey;
        if (last) node[index] = coerce(parentKey, value, true);
        else node = (node[index] ??= parts[i + 1] === 'member' ? [] : {}) as Node | unknown[];
        continue;
      }
      if (last) node[part] = coerce(part, value, false, listKey);
      else node = (node[part] ??= parts[i + 1] === 'member' ? [] : {}) as Node | unknown[];
    }
  }
  return root;
}

const escapeXml = (s: string) =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

function toXml(key: string, value: unknown): string {
  if (value === undefined || value === null) return '';
  if (Array.isArray(value)) {
    const items = value.map((v) =>
      TIMESTAMPS.has(key) && typeof v === 'number'
        ? `<member>${new Date(v * 1000).toISOString()}</member>`
        : toXml('member', v),
    );
    return `<${key}>${items.join('')}</${key}>`;
  }
  if (typeof value === 'object') {
    const o = value as Node;
    // ExtendedStatistics is a map: Query writes maps as entry/key/value.
    if (key === 'ExtendedStatistics') {
      return `<${key}>${Object.entries(o)
        .map(([k, v]) => `<entry><key>${escapeXml(k)}</key><value>${String(v)}</value></entry>`)
        .join('')}</${key}>`;
    }
    return `<${key}>${Object.entries(o)
      .map(([k, v]) => toXml(k, v))
      .join('')}</${key}>`;
  }
  if (TIMESTAMPS.has(key) && typeof value === 'number')
    return `<${key}>${new Date(value * 1000).toISOString()}</${key}>`;
  return `<${key}>${escapeXml(String(value))}</${key}>`;
}

function xmlResponse(action: string, result: unknown, requestId: string): string {
  const body =
    result && typeof result === 'object' && Object.keys(result).length > 0 ? toXml(`${action}Result`, result) : '';
  return `<${action}Response xmlns="${XMLNS}">${body}<ResponseMetadata><RequestId>${requestId}</RequestId></ResponseMetadata></${action}Response>`;
}

function xmlError(err: AwsError, requestId: string): EmuResponse {
  const type = err.status >= 500 ? 'Receiver' : 'Sender';
  return {
    status: err.status,
    headers: { 'content-type': 'text/xml' },
    rawBody: `<ErrorResponse xmlns="${XMLNS}"><Error><Type>${type}</Type><Code>${err.code}</Code><Message>${escapeXml(err.message)}</Message></Error><RequestId>${requestId}</RequestId></ErrorResponse>`,
  };
}

/** One rest route on `POST /` (requests without X-Amz-Target) that dispatches on `Action`. */
export function queryProtocolRoute(jsonRoutes: RouteDef[]): RouteDef {
  const byAction = new Map(jsonRoutes.map((r) => [r.operation, r]));
  return {
    service: 'cloudwatch',
    protocol: 'rest-json',
    operation: 'QueryProtocol',
    method: 'POST',
    pattern: '/',
    write: true,
    handler: async (req: EmuRequest): Promise<EmuResponse> => {
      const requestId = crypto.randomUUID();
      const form = new URLSearchParams(req.rawBody);
      const action = form.get('Action') ?? '';
      const route = byAction.get(action);
      if (!route)
        return xmlError(
          new AwsError(400, 'InvalidAction', `The action ${action || '(none)'} is not valid for this web service.`),
          requestId,
        );
      try {
        const input = queryToJson(form);
        validateInput('cloudwatch', action, req, '', input);
        const res = await route.handler({ ...req, body: input }, {});
        return {
          status: res.status,
          headers: { 'content-type': 'text/xml' },
          rawBody: xmlResponse(action, res.body, requestId),
        };
      } catch (e) {
        if (e instanceof AwsError) return xmlError(e, requestId);
        throw e;
      }
    },
  };
}
