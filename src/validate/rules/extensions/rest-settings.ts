/**
 * API-level REST settings in OpenAPI, checked as API Gateway checks them on import: the
 * resource policy, the endpoint configuration (and where OpenAPI 3 / Swagger 2 put it),
 * vpcEndpointIds only on PRIVATE APIs, the compression size range, the API key source and
 * binary media types.
 */
import type { ApiModel } from '../../../model/api.js';
import type { ValidationIssue } from '../../../model/issue.js';
import type { SourceDoc } from '../../../state/yaml-source.js';
import { docIssue, isObj, type Occurrence } from './scan.js';

export const MAX_COMPRESSION_SIZE = 10485760;

const POLICY_HINT =
  'write an IAM policy document: { Version: "2012-10-17", Statement: [{ Effect: Allow|Deny, Principal, Action: execute-api:Invoke, Resource: execute-api:/* }] }';

export function checkPolicy(src: SourceDoc, occ: Occurrence): ValidationIssue[] {
  let doc = occ.value;
  if (typeof doc === 'string') {
    try {
      doc = JSON.parse(doc);
    } catch {
      return [
        docIssue(src, occ.path, {
          key: false,
          code: 'policy-invalid',
          message: 'x-amazon-apigateway-policy is a string that is not JSON (AWS: "Invalid policy document")',
          hint: POLICY_HINT,
        }),
      ];
    }
  }
  const statements = isObj(doc)
    ? Array.isArray(doc.Statement)
      ? doc.Statement
      : isObj(doc.Statement)
        ? [doc.Statement]
        : undefined
    : undefined;
  if (!statements || statements.length === 0) {
    return [
      docIssue(src, occ.path, {
        code: 'policy-invalid',
        message: 'x-amazon-apigateway-policy has no Statement (AWS: "Invalid policy document")',
        hint: POLICY_HINT,
      }),
    ];
  }
  const out: ValidationIssue[] = [];
  statements.forEach((s, i) => {
    if (!isObj(s) || (s.Effect !== 'Allow' && s.Effect !== 'Deny')) {
      const at = Array.isArray((doc as Record<string, unknown>).Statement)
        ? [...occ.path, 'Statement', i]
        : [...occ.path, 'Statement'];
      out.push(
        docIssue(src, at, {
          code: 'policy-invalid',
          message: `x-amazon-apigateway-policy statement ${i + 1} has no Effect of Allow or Deny (AWS: "Invalid policy document")`,
          hint: POLICY_HINT,
        }),
      );
    }
  });
  return out;
}

export function checkEndpointConfiguration(src: SourceDoc, occ: Occurrence, api: ApiModel): ValidationIssue[] {
  const out: ValidationIssue[] = [];
  const oas3 = isObj(src.value) && typeof src.value.openapi === 'string';
  const onServer = occ.path.length === 3 && occ.path[0] === 'servers';
  const atTop = occ.path.length === 1;
  if (oas3 && !onServer) {
    out.push(
      docIssue(src, occ.path, {
        severity: 'warning',
        code: 'endpoint-configuration-placement',
        message:
          'in OpenAPI 3, API Gateway reads x-amazon-apigateway-endpoint-configuration from a server object; here it is ignored',
        hint: 'move it under servers[0] (next to url)',
      }),
    );
  } else if (!oas3 && !atTop) {
    out.push(
      docIssue(src, occ.path, {
        severity: 'warning',
        code: 'endpoint-configuration-placement',
        message:
          'in Swagger 2, API Gateway reads x-amazon-apigateway-endpoint-configuration at the top level; here it is ignored',
        hint: 'move it to the top level of the document',
      }),
    );
  }
  if (!isObj(occ.value)) {
    out.push(
      docIssue(src, occ.path, {
        code: 'endpoint-configuration-invalid',
        message: 'x-amazon-apigateway-endpoint-configuration must be an object',
        hint: 'e.g. { disableExecuteApiEndpoint: true }',
      }),
    );
    return out;
  }
  const v = occ.value;
  if (v.disableExecuteApiEndpoint !== undefined && typeof v.disableExecuteApiEndpoint !== 'boolean') {
    out.push(
      docIssue(src, [...occ.path, 'disableExecuteApiEndpoint'], {
        key: false,
        code: 'endpoint-configuration-invalid',
        message: 'disableExecuteApiEndpoint must be true or false',
        hint: 'write true or false, without quotes',
      }),
    );
  }
  const ids = v.vpcEndpointIds;
  if (ids !== undefined && (!Array.isArray(ids) || ids.some((x) => typeof x !== 'string'))) {
    out.push(
      docIssue(src, [...occ.path, 'vpcEndpointIds'], {
        code: 'endpoint-configuration-invalid',
        message: 'vpcEndpointIds must be a list of VPC endpoint ids',
        hint: 'e.g. [vpce-0a1b2c3d4e5f60718]',
      }),
    );
  } else if (Array.isArray(ids) && ids.length > 0) {
    if (api.kind === 'HttpApi') {
      out.push(
        docIssue(src, [...occ.path, 'vpcEndpointIds'], {
          code: 'vpc-endpoints-not-private',
          message: 'HTTP APIs cannot be associated with VPC endpoints',
          hint: 'remove vpcEndpointIds, or use a PRIVATE RestApi',
        }),
      );
    } else if (api.endpointType !== 'PRIVATE') {
      out.push(
        docIssue(src, [...occ.path, 'vpcEndpointIds'], {
          code: 'vpc-endpoints-not-private',
          message: `vpcEndpointIds need a PRIVATE API, and this one is ${api.endpointType ?? 'EDGE'} (AWS: "VPCEndpoints can only be specified with PRIVATE apis.")`,
          hint: 'set endpointType: PRIVATE in api.yaml, or remove vpcEndpointIds',
        }),
      );
    }
  }
  if (
    v.ipAddressType !== undefined &&
    !(api.kind === 'HttpApi' && (v.ipAddressType === 'ipv4' || v.ipAddressType === 'dualstack'))
  ) {
    out.push(
      docIssue(src, [...occ.path, 'ipAddressType'], {
        key: false,
        code: 'endpoint-configuration-invalid',
        message: `ipAddressType ${JSON.stringify(v.ipAddressType)} is not valid here (HTTP APIs only: ipv4 or dualstack)`,
        hint:
          api.kind === 'HttpApi' ? 'use ipv4 or dualstack' : 'remove ipAddressType: AWS reads it for HTTP APIs only',
      }),
    );
  }
  return out;
}

export function checkCompressionSize(src: SourceDoc, occ: Occurrence): ValidationIssue[] {
  const n = occ.value;
  if (typeof n === 'number' && Number.isInteger(n) && n >= 0 && n <= MAX_COMPRESSION_SIZE) return [];
  return [
    docIssue(src, occ.path, {
      key: false,
      code: 'compression-size-range',
      message: `x-amazon-apigateway-minimum-compression-size ${JSON.stringify(n)} is not a whole number of bytes from 0 to ${MAX_COMPRESSION_SIZE}`,
      hint: 'use 0 (compress everything) up to 10485760 (10 MiB), or remove it to turn compression off',
    }),
  ];
}

export function checkApiKeySource(src: SourceDoc, occ: Occurrence): ValidationIssue[] {
  const v = occ.value;
  if (typeof v === 'string' && ['HEADER', 'AUTHORIZER'].includes(v.toUpperCase())) return [];
  return [
    docIssue(src, occ.path, {
      key: false,
      code: 'api-key-source-invalid',
      message: `x-amazon-apigateway-api-key-source ${JSON.stringify(v)} is neither HEADER nor AUTHORIZER`,
      hint: 'use HEADER (the X-API-Key header) or AUTHORIZER (the usageIdentifierKey of a Lambda authorizer)',
    }),
  ];
}

export function checkBinaryMediaTypes(src: SourceDoc, occ: Occurrence): ValidationIssue[] {
  const v = occ.value;
  if (Array.isArray(v) && v.every((x) => typeof x === 'string' && /^[^\s/]+\/[^\s/]+$/.test(x))) return [];
  return [
    docIssue(src, occ.path, {
      code: 'binary-media-types-invalid',
      message: 'x-amazon-apigateway-binary-media-types must be a list of media types',
      hint: 'e.g. [image/png, application/octet-stream, "*/*"]',
    }),
  ];
}

/** AWS refuses CreateDeployment on a PRIVATE REST API without a resource policy. */
export function privateWithoutPolicy(
  api: ApiModel,
  docs: readonly SourceDoc[],
  at: () => ValidationIssue['location'],
): ValidationIssue[] {
  if (api.kind !== 'RestApi' || api.endpointType !== 'PRIVATE') return [];
  if (
    api.policy !== undefined ||
    docs.some((d) => isObj(d.value) && d.value['x-amazon-apigateway-policy'] !== undefined)
  )
    return [];
  return [
    {
      severity: 'error',
      code: 'private-api-without-policy',
      message: `${api.name} is a PRIVATE REST API without a resource policy; AWS refuses to deploy it ("Private REST API doesn't have a resource policy attached to it")`,
      hint: 'add x-amazon-apigateway-policy (or `policy:` in api.yaml) allowing execute-api:Invoke from your VPC endpoints, or use endpointType REGIONAL',
      location: at(),
    },
  ];
}
