/**
 * UpdateDomainName (v1) patch operations. AWS's paths: the certificates (`/certificateArn`,
 * `/certificateName`, `/regionalCertificateArn`, `/regionalCertificateName`),
 * `/securityPolicy`, `/endpointAccessMode`, `/ownershipVerificationCertificateArn`,
 * `/endpointConfiguration/ipAddressType`, `/mutualTlsAuthentication/truststoreUri` and
 * `…/truststoreVersion` (`replace …/truststoreUri ""` turns mutual TLS off), and the endpoint
 * migration: `add /endpointConfiguration/types` with the new type, later `remove` of the old
 * one (a `replace` of one type by the other is refused: "Can only perform one update operation
 * at a time…"). The result is checked as a whole afterwards (store.settle).
 */
import type { PatchOp } from '../apigw-v1/patch.js';
import { badRequest } from '../core/types.js';
import type { DomainName, EndpointType } from './types.js';

const SCALARS = [
  'certificateArn',
  'certificateName',
  'regionalCertificateArn',
  'regionalCertificateName',
  'securityPolicy',
  'endpointAccessMode',
  'ownershipVerificationCertificateArn',
] as const;
const ALL_PATHS = [
  ...SCALARS.map((s) => `/${s}`),
  '/endpointConfiguration/types',
  '/endpointConfiguration/ipAddressType',
  '/mutualTlsAuthentication/truststoreUri',
  '/mutualTlsAuthentication/truststoreVersion',
];

function invalidPath(op: PatchOp): never {
  throw badRequest(
    `Invalid patch path '${op.path}' specified for op '${op.op}'. Must be one of: [${ALL_PATHS.join(', ')}]`,
  );
}

function value(op: PatchOp): string {
  if (op.value === undefined) throw badRequest(`Invalid patch operation: value is required for ${op.op} ${op.path}`);
  return op.value;
}

export function applyDomainPatch(d: DomainName, ops: PatchOp[]): void {
  for (const op of ops) {
    const field = SCALARS.find((s) => op.path === `/${s}`);
    if (field) {
      if (op.op === 'remove') {
        if (field === 'securityPolicy')
          throw badRequest('securityPolicy cannot be removed; replace it with TLS_1_0 or TLS_1_2');
        delete d[field];
      } else if (op.op === 'replace' || op.op === 'add') {
        const v = value(op);
        if (field === 'securityPolicy') d.securityPolicy = v;
        else if (v === '') delete d[field];
        else d[field] = v;
      } else invalidPath(op);
      continue;
    }
    switch (op.path) {
      case '/endpointConfiguration/types': {
        const t = value(op) as EndpointType;
        const types = d.endpointConfiguration.types;
        if (op.op === 'add') {
          if (types.includes(t)) throw badRequest(`The domain name already has endpoint type ${t}`);
          d.endpointConfiguration.types = [...types, t];
        } else if (op.op === 'remove') {
          if (!types.includes(t)) throw badRequest(`The domain name has no endpoint type ${t}`);
          d.endpointConfiguration.types = types.filter((x) => x !== t);
        } else if (op.op === 'replace') {
          const gone = types.find((x) => x !== t);
          throw badRequest(
            `Can only perform one update operation at a time. Request would delete ${gone?.toLowerCase() ?? 'the current'} endpoint, create ${t.toLowerCase()} endpoint`,
          );
        } else invalidPath(op);
        break;
      }
      case '/endpointConfiguration/ipAddressType':
        if (op.op !== 'replace') invalidPath(op);
        if (!['ipv4', 'dualstack'].includes(value(op)))
          throw badRequest(`Invalid ipAddressType ${op.value}: ipv4 or dualstack`);
        d.endpointConfiguration.ipAddressType = value(op);
        break;
      case '/mutualTlsAuthentication/truststoreUri':
        if (op.op !== 'replace') invalidPath(op);
        if (value(op) === '') delete d.mutualTlsAuthentication;
        else
          d.mutualTlsAuthentication = {
            truststoreUri: value(op),
            ...(d.mutualTlsAuthentication?.truststoreVersion
              ? { truststoreVersion: d.mutualTlsAuthentication.truststoreVersion }
              : {}),
          };
        break;
      case '/mutualTlsAuthentication/truststoreVersion':
        if (op.op !== 'replace') invalidPath(op);
        if (!d.mutualTlsAuthentication)
          throw badRequest(
            'The domain name has no mutual TLS authentication: set /mutualTlsAuthentication/truststoreUri first',
          );
        if (value(op) === '') delete d.mutualTlsAuthentication.truststoreVersion;
        else d.mutualTlsAuthentication.truststoreVersion = value(op);
        break;
      default:
        invalidPath(op);
    }
  }
}
