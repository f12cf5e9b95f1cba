/**
 * VPC links and the private integrations that name them, refused where AWS refuses them:
 * a REST link targets exactly one Network Load Balancer of the state's region ("More than one
 * target arn specified for vpc link."); an HTTP link reaches 1–10 subnets; a REST API's
 * integration uses a REST link and is HTTP or HTTP_PROXY; an HTTP API's uses an HTTP link, is
 * HTTP_PROXY and targets a load balancer listener or a Cloud Map service.
 */
import type { ApiModel, IntegrationModel } from '../../../model/api.js';
import type { ValidationIssue } from '../../../model/issue.js';
import type { VpcLinkModel } from '../../../kinds/vpc-link/model.js';
import { accountSourceKey } from '../../../state/account.js';
import { has, issue, type RuleContext } from '../context.js';
import type { AccountRule } from './index.js';
import { parseArn, suggest } from './refs.js';

const SUBNET = /^subnet-[0-9a-f]{8,17}$/;
const SECURITY_GROUP = /^sg-[0-9a-f]{8,17}$/;
const STAGE_VARIABLE = /^\$\{stageVariables\.([A-Za-z0-9_]+)\}$/;
const PRIVATE_TARGET =
  /^arn:aws[a-z-]*:(elasticloadbalancing:[a-z0-9-]+:\d{12}:listener\/(app|net)\/|servicediscovery:[a-z0-9-]+:\d{12}:service\/srv-)/;

export const vpcLinkRules: AccountRule = (ctx) => [
  ...linkRules(ctx),
  ...Object.values(ctx.model.apis).flatMap((api) => integrationRules(api, ctx)),
];

function linkRules(ctx: RuleContext): ValidationIssue[] {
  const out: ValidationIssue[] = [];
  for (const [name, l] of Object.entries(ctx.model.account?.vpcLinks ?? {})) {
    const at = (...f: Array<string | number>) => accountSourceKey('vpcLink', name, ...f);
    if (l.for === 'RestApi') out.push(...restTargets(ctx, name, l, at));
    else {
      const subnets = l.subnetIds ?? [];
      if (subnets.length === 0 || subnets.length > 10) {
        out.push(
          issue(ctx, has(ctx, at('subnetIds')) ? at('subnetIds') : at(), {
            code: 'vpc-link-subnets',
            message: `VPC link ${name}: an HTTP API VPC link reaches 1 to 10 subnets, not ${subnets.length}`,
            hint: 'list the subnets of the VPC under subnetIds, e.g. [subnet-0123456789abcdef0]',
          }),
        );
      }
      subnets.forEach((s, i) => {
        if (!SUBNET.test(s))
          out.push(
            issue(ctx, at('subnetIds', i), {
              code: 'vpc-link-subnet',
              message: `VPC link ${name}: "${s}" is not a subnet id`,
              hint: 'a subnet id looks like subnet-0123456789abcdef0',
            }),
          );
      });
      (l.securityGroupIds ?? []).forEach((g, i) => {
        if (!SECURITY_GROUP.test(g))
          out.push(
            issue(ctx, at('securityGroupIds', i), {
              code: 'vpc-link-security-group',
              message: `VPC link ${name}: "${g}" is not a security group id`,
              hint: 'a security group id looks like sg-0123456789abcdef0',
            }),
          );
      });
    }
  }
  return out;
}

function restTargets(
  ctx: RuleContext,
  name: string,
  l: VpcLinkModel,
  at: (...f: Array<string | number>) => string,
): ValidationIssue[] {
  const targets = l.targetArns ?? [];
  if (targets.length === 0) {
    return [
      issue(ctx, at(), {
        code: 'vpc-link-target',
        message: `VPC link ${name}: a REST API VPC link needs its Network Load Balancer in targetArns`,
        hint: 'targetArns: [arn:aws:elasticloadbalancing:<region>:<account>:loadbalancer/net/<name>/<id>]',
      }),
    ];
  }
  if (targets.length > 1) {
    return [
      issue(ctx, at('targetArns', 1), {
        code: 'vpc-link-target',
        message: `VPC link ${name}: More than one target arn specified for vpc link. (AWS takes exactly one Network Load Balancer)`,
        hint: 'keep one load balancer per link; declare another link for the other one',
      }),
    ];
  }
  const a = parseArn(targets[0]);
  if (!a || a.service !== 'elasticloadbalancing' || !/^loadbalancer\/net\/[^/]+\/[0-9a-f]+$/.test(a.resource)) {
    return [
      issue(ctx, at('targetArns', 0), {
        code: 'vpc-link-target',
        message: `VPC link ${name}: ${targets[0]} is not a Network Load Balancer ARN`,
        hint: 'a REST API VPC link targets a Network Load Balancer: arn:aws:elasticloadbalancing:<region>:<account>:loadbalancer/net/<name>/<id>',
      }),
    ];
  }
  if (ctx.model.region && a.region !== ctx.model.region) {
    return [
      issue(ctx, at('targetArns', 0), {
        code: 'vpc-link-target',
        message: `VPC link ${name}: the load balancer is in ${a.region}, the state in ${ctx.model.region}`,
        hint: 'a VPC link reaches load balancers of its own region',
      }),
    ];
  }
  return [];
}

function integrationRules(api: ApiModel, ctx: RuleContext): ValidationIssue[] {
  const out: ValidationIssue[] = [];
  const links = ctx.model.account?.vpcLinks ?? {};
  const stageNames = Object.keys(api.stages);
  const needs = api.kind === 'RestApi' ? 'RestApi' : 'HttpApi';
  for (const [rk, r] of Object.entries(api.routes)) {
    const i: IntegrationModel = r.integration;
    const base = `${api.key}/routes/${rk}/integration`;
    const err = (field: string, code: string, message: string, hint: string) =>
      out.push(issue(ctx, `${base}/${field}`, { code, message: `${rk}: ${message}`, hint }));
    if (i.vpcLink !== undefined) {
      const link = links[i.vpcLink];
      if (!link)
        err(
          'vpcLink',
          'vpc-link-undefined',
          `VPC link "${i.vpcLink}" is not declared`,
          `add vpc-links/${i.vpcLink}.yaml (${suggest(i.vpcLink, Object.keys(links), 'VPC link')})`,
        );
      else if (link.for !== needs)
        err(
          'vpcLink',
          'vpc-link-kind',
          `${api.kind === 'RestApi' ? 'a REST' : 'an HTTP'} API reaches its VPC through ${needs === 'RestApi' ? 'a REST (v1)' : 'an HTTP (v2)'} VPC link; "${i.vpcLink}" is for ${link.for}`,
          `name a VPC link declared with \`for: ${needs}\``,
        );
      if (i.connectionType !== 'VPC_LINK')
        err(
          'connectionType',
          'vpc-link-connection',
          'names a VPC link but its connectionType is INTERNET',
          'remove connectionType (vpcLink implies VPC_LINK), or remove vpcLink',
        );
      if (i.connectionId !== undefined)
        err(
          'connectionId',
          'vpc-link-twice',
          'names its VPC link twice (vpcLink and connectionId)',
          'keep vpcLink (the name) and remove connectionId',
        );
    }
    if (i.connectionType !== 'VPC_LINK') continue;
    if (i.vpcLink === undefined && i.connectionId === undefined)
      err(
        'connectionType',
        'vpc-link-missing',
        'connectionType is VPC_LINK but no VPC link is named',
        'add vpcLink: <name> (vpc-links/<name>.yaml)',
      );
    if (api.kind === 'RestApi' && i.type !== 'HTTP' && i.type !== 'HTTP_PROXY') {
      err(
        'type',
        'vpc-link-type',
        `A VPC_LINK connection is only supported for HTTP and HTTP_PROXY integrations, not ${i.type}`,
        'use type http_proxy (or http) for a private integration',
      );
    }
    if (api.kind === 'HttpApi') {
      if (i.type !== 'HTTP_PROXY')
        err(
          'type',
          'vpc-link-type',
          `A VPC_LINK connection is only supported for HTTP_PROXY integrations, not ${i.type}`,
          'use type http_proxy for a private integration',
        );
      if (!PRIVATE_TARGET.test(i.uri ?? '')) {
        err(
          'uri',
          'vpc-link-uri',
          `a private integration's uri must be the ARN of an Application or Network Load Balancer listener or of a Cloud Map service, not ${i.uri ?? '(none)'}`,
          'uri: arn:aws:elasticloadbalancing:<region>:<account>:listener/app/<lb>/<id>/<listener id>',
        );
      }
    }
    const variable = STAGE_VARIABLE.exec(i.connectionId ?? '')?.[1];
    if (variable) {
      const missing = stageNames.filter((s) => !(variable in api.stages[s].variables));
      if (missing.length > 0) {
        out.push(
          issue(ctx, `${base}/connectionId`, {
            severity: 'warning',
            code: 'vpc-link-stage-variable',
            message: `${rk}: connectionId is the stage variable ${variable}, which stage${missing.length === 1 ? '' : 's'} ${missing.join(', ')} do${missing.length === 1 ? 'es' : ''} not define: requests there fail`,
            hint: `set variables.${variable} to the VPC link's id on every stage`,
          }),
        );
      }
    }
  }
  return out;
}
