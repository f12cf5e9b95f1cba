/**
 * API-level settings of a REST API that API Gateway checks and rewrites on the way in:
 *
 * - `policy`: must be a JSON policy document; AWS expands the `execute-api:/…` shorthand in
 *   Resource/NotResource to the API's own ARN, stores it minified, and returns it as an
 *   escaped string (every `"` as `\"`, every `/` as `\/`) that readers must unescape before
 *   JSON.parse — clients written against AWS (Terraform, iam-collect) all do.
 * - `minimumCompressionSize`: 0..10485760 bytes, or absent (compression off).
 * - `endpointConfiguration.vpcEndpointIds`: only on PRIVATE APIs.
 */
import { badRequest } from '../core/types.js';
import type { RestApi } from './types.js';

export const MAX_COMPRESSION_SIZE = 10485760;

const INVALID_POLICY = 'Invalid policy document. Please check the policy syntax and ensure that Principals are valid.';

type Json = Record<string, unknown>;
const isObj = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

function expandResource(v: unknown, arnPrefix: string): unknown {
  const one = (x: unknown) =>
    typeof x === 'string' && x.startsWith('execute-api:') ? arnPrefix + x.slice('execute-api:'.length) : x;
  return Array.isArray(v) ? v.map(one) : one(v);
}

/** Policy text (or object) as a client sends it → the form AWS stores and returns. */
export function storedPolicy(raw: unknown, where: { accountId: string; region: string; apiId: string }): string {
  let doc: unknown = raw;
  if (typeof raw === 'string') {
    try {
      doc = JSON.parse(raw);
    } catch {
      throw badRequest(INVALID_POLICY);
    }
  }
  if (!isObj(doc)) throw badRequest(INVALID_POLICY);
  const statements = Array.isArray(doc.Statement) ? doc.Statement : isObj(doc.Statement) ? [doc.Statement] : undefined;
  if (
    !statements ||
    statements.length === 0 ||
    statements.some((s) => !isObj(s) || (s.Effect !== 'Allow' && s.Effect !== 'Deny'))
  ) {
    throw badRequest(INVALID_POLICY);
  }
  const arnPrefix = `arn:aws:execute-api:${where.region}:${where.accountId}:${where.apiId}`;
  const rewrite = (s: Json): Json => ({
    ...s,
    ...('Resource' in s ? { Resource: expandResource(s.Resource, arnPrefix) } : {}),
    ...('NotResource' in s ? { NotResource: expandResource(s.NotResource, arnPrefix) } : {}),
  });
  const expanded = {
    ...doc,
    Statement: Array.isArray(doc.Statement) ? (statements as Json[]).map(rewrite) : rewrite(statements[0] as Json),
  };
  return JSON.stringify(JSON.stringify(expanded)).slice(1, -1).replace(/\//g, '\\/');
}

/** The stored (escaped) policy back to a JSON document, as GetExport writes it. */
export function policyDocument(stored: string): unknown {
  try {
    return JSON.parse(JSON.parse(`"${stored}"`) as string);
  } catch {
    return stored;
  }
}

export function checkCompressionSize(n: unknown): number | undefined {
  if (n === undefined || n === null) return undefined;
  if (typeof n !== 'number' || !Number.isInteger(n) || n < 0 || n > MAX_COMPRESSION_SIZE) {
    throw badRequest(
      `Invalid minimum compression size ${JSON.stringify(n)}: it must be an integer between 0 and ${MAX_COMPRESSION_SIZE}`,
    );
  }
  return n;
}

export function checkEndpointConfiguration(ec: RestApi['endpointConfiguration']): void {
  if ((ec.vpcEndpointIds?.length ?? 0) > 0 && !ec.types.includes('PRIVATE'))
    throw badRequest('VPCEndpoints can only be specified with PRIVATE apis.');
}
