/**
 * Custom domains and their mappings, refused where AWS refuses them: an EDGE domain's
 * certificate is an ACM certificate in us-east-1, a REGIONAL one's in the state's region
 * ("Invalid certificate ARN: … Certificate must be in '<region>'."); mutual TLS needs a
 * REGIONAL domain with TLS 1.2 and an S3 truststore; a mapping names an API folder of the
 * right kind (base path mappings: REST; API mappings: HTTP, on REGIONAL TLS 1.2 domains only)
 * and one of its stages ("Invalid stage identifier specified"); a v1 base path is one
 * segment; one path per domain.
 */
import type { ValidationIssue } from '../../../model/issue.js';
import type { DomainModel } from '../../../kinds/domain/model.js';
import { NONE, pathOfKey, type MappingModel } from '../../../kinds/mapping/model.js';
import { accountSourceKey } from '../../../state/account.js';
import { issue, type RuleContext } from '../context.js';
import type { AccountRule } from './index.js';
import { parseArn, suggest } from './refs.js';

const EDGE_CERTIFICATE_REGION = 'us-east-1';
const SEGMENT = "[A-Za-z0-9$_.+!*'()-]+";
const V1_PATH = new RegExp(`^${SEGMENT}$`);
const V2_PATH = new RegExp(`^${SEGMENT}(/${SEGMENT})*$`);

export const domainRules: AccountRule = (ctx) => {
  const account = ctx.model.account;
  if (!account) return [];
  const out: ValidationIssue[] = [];
  for (const [name, d] of Object.entries(account.domains)) out.push(...domainIssues(ctx, name, d));
  const used = new Map<string, string>();
  for (const [target, records] of [
    ['basePathMapping', account.basePathMappings],
    ['apiMapping', account.apiMappings],
  ] as const) {
    for (const [key, m] of Object.entries(records)) {
      const first = used.get(key.toLowerCase());
      if (first) {
        out.push(
          issue(ctx, accountSourceKey(target, key), {
            code: 'mapping-duplicate',
            message: `${m.domain}: the path ${pathOfKey(key)} is mapped twice (also in ${first})`,
            hint: 'a domain maps each path to one API stage: keep one',
          }),
        );
      } else used.set(key.toLowerCase(), target === 'basePathMapping' ? 'basePathMappings' : 'apiMappings');
      out.push(...mappingIssues(ctx, target, key, m, account.domains[m.domain]));
    }
  }
  return out;
};

function domainIssues(ctx: RuleContext, name: string, d: DomainModel): ValidationIssue[] {
  const out: ValidationIssue[] = [];
  const at = (...f: string[]) => accountSourceKey('domain', name, ...f);
  const a = parseArn(d.certificateArn);
  const wantRegion = d.endpointType === 'EDGE' ? EDGE_CERTIFICATE_REGION : ctx.model.region;
  if (!a || a.service !== 'acm' || !/^certificate\/[0-9a-f-]{36}$/.test(a.resource)) {
    out.push(
      issue(ctx, at('certificateArn'), {
        code: 'domain-certificate',
        message: `${name}: ${d.certificateArn} is not an ACM certificate ARN`,
        hint: `certificateArn: arn:aws:acm:${wantRegion}:<account>:certificate/<id>`,
      }),
    );
  } else if (wantRegion && a.region !== wantRegion) {
    out.push(
      issue(ctx, at('certificateArn'), {
        code: 'domain-certificate-region',
        message:
          d.endpointType === 'EDGE'
            ? `${name}: an EDGE domain is served by CloudFront, which takes certificates from us-east-1; this one is in ${a.region} (AWS: "Certificate must be in 'us-east-1'.")`
            : `${name}: a REGIONAL domain takes a certificate of its own region (${ctx.model.region}); this one is in ${a.region} (AWS: "Certificate must be in '${ctx.model.region}'.")`,
        hint:
          d.endpointType === 'EDGE'
            ? 'request or import the certificate in ACM in us-east-1, or make the domain REGIONAL (endpointType: REGIONAL)'
            : `use a certificate from ACM in ${ctx.model.region}, or make the domain EDGE with a us-east-1 certificate`,
      }),
    );
  }
  if (d.mutualTls) {
    if (d.endpointType !== 'REGIONAL') {
      out.push(
        issue(ctx, at('mutualTls'), {
          code: 'domain-mutual-tls',
          message: `${name}: mutual TLS is only supported on REGIONAL custom domain names`,
          hint: "set endpointType: REGIONAL (with a certificate of the state's region), or remove mutualTls",
        }),
      );
    }
    if (d.securityPolicy === 'TLS_1_0') {
      out.push(
        issue(ctx, at('securityPolicy'), {
          code: 'domain-mutual-tls',
          message: `${name}: mutual TLS requires a minimum TLS version of 1.2`,
          hint: 'set securityPolicy: TLS_1_2',
        }),
      );
    }
    if (!/^s3:\/\/[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]\/.+/.test(d.mutualTls.truststoreUri)) {
      out.push(
        issue(ctx, at('mutualTls', 'truststoreUri'), {
          code: 'domain-truststore',
          message: `${name}: ${d.mutualTls.truststoreUri} is not an S3 object URI`,
          hint: 'truststoreUri: s3://<bucket>/<key> of the PEM truststore',
        }),
      );
    }
  }
  return out;
}

function mappingIssues(
  ctx: RuleContext,
  target: 'basePathMapping' | 'apiMapping',
  key: string,
  m: MappingModel,
  d: DomainModel | undefined,
): ValidationIssue[] {
  const out: ValidationIssue[] = [];
  const at = (...f: string[]) => accountSourceKey(target, key, ...f);
  const path = pathOfKey(key);
  const rest = target === 'basePathMapping';
  const err = (where: string, code: string, message: string, hint: string) =>
    out.push(issue(ctx, where, { code, message: `${m.domain} ${path}: ${message}`, hint }));
  if (path !== NONE && !(rest ? V1_PATH : V2_PATH).test(path)) {
    err(
      at(),
      'mapping-path',
      rest && path.includes('/')
        ? "a REST base path is one segment (AWS: API Gateway V1 doesn't support the slash character (/) in base path mappings)"
        : "a mapping path uses letters, digits and $-_.+!*'() (and / between the levels of an API mapping)",
      rest && path.includes('/') ? 'use one segment, or map an HTTP API under apiMappings' : 'rename the path',
    );
  }
  const api = ctx.model.apis[m.api];
  if (!api) {
    err(
      at('api'),
      'mapping-api-undefined',
      `maps API "${m.api}", which is not a folder of this state`,
      `name an API folder (${suggest(m.api, Object.keys(ctx.model.apis), 'API')})`,
    );
    return out;
  }
  const want = rest ? 'RestApi' : 'HttpApi';
  if (api.kind !== want) {
    err(
      at('api'),
      'mapping-api-kind',
      `${m.api} is ${api.kind === 'RestApi' ? 'a REST' : 'an HTTP'} API; ${rest ? 'basePathMappings map REST APIs' : 'apiMappings map HTTP APIs'}`,
      `move it under ${rest ? 'apiMappings' : 'basePathMappings'}`,
    );
  }
  if (!(m.stage in api.stages)) {
    err(
      at('stage'),
      'mapping-stage-undefined',
      `maps stage "${m.stage}" of ${m.api}, which does not declare it (AWS: Invalid stage identifier specified)`,
      `name one of ${m.api}'s stages (${suggest(m.stage, Object.keys(api.stages), 'stage')})`,
    );
  }
  if (api.kind === 'HttpApi' && d && (d.endpointType !== 'REGIONAL' || d.securityPolicy === 'TLS_1_0')) {
    err(
      at(),
      'mapping-domain',
      'HTTP APIs can only be mapped to a REGIONAL custom domain name with the TLS_1_2 security policy',
      'make the domain REGIONAL with securityPolicy TLS_1_2, or map the API on another domain',
    );
  }
  return out;
}
