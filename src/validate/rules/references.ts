/** Names that must resolve: authorizers, request validators, models; authorizer essentials. */
import type { ValidationIssue } from '../../model/issue.js';
import { didYouMean } from '../../state/did-you-mean.js';
import { issue, type ApiRule } from './context.js';

export const referenceRules: ApiRule = (api, ctx) => {
  const out: ValidationIssue[] = [];
  const azNames = Object.keys(api.authorizers);
  const vNames = Object.keys(api.requestValidators);
  const suggest = (name: string, names: string[]) => {
    const g = didYouMean(name, names);
    return g ? `did you mean "${g}"?` : names.length ? `defined: ${names.join(', ')}` : 'none is defined';
  };
  for (const [rk, r] of Object.entries(api.routes)) {
    const base = `${api.key}/routes/${rk}`;
    const az = r.authorization.authorizer;
    if (az && !(az in api.authorizers)) {
      out.push(
        issue(ctx, `${base}/authorization`, {
          code: 'authorizer-undefined',
          message: `${rk} uses authorizer "${az}", which is not defined`,
          hint: `define it in api.yaml \`authorizers:\` or as a security scheme (${suggest(az, azNames)})`,
        }),
      );
    }
    if (r.requestValidator && !(r.requestValidator in api.requestValidators)) {
      out.push(
        issue(ctx, `${base}/requestValidator`, {
          code: 'validator-undefined',
          message: `${rk} uses request validator "${r.requestValidator}", which is not defined`,
          hint: `define it under x-amazon-apigateway-request-validators or api.yaml \`requestValidators:\` (${suggest(r.requestValidator, vNames)})`,
        }),
      );
    }
    for (const [ct, m] of Object.entries(r.requestModels)) {
      if (!(m in api.models))
        out.push(
          issue(ctx, base, {
            code: 'model-undefined',
            message: `${rk}: request body ${ct} refers to model "${m}", which is not defined`,
            hint: 'add it under components.schemas',
          }),
        );
    }
  }
  for (const [name, a] of Object.entries(api.authorizers)) {
    const key = `${api.key}/authorizers/${name}`;
    if ((a.type === 'TOKEN' || a.type === 'REQUEST') && !a.authorizerUri) {
      out.push(
        issue(ctx, key, {
          code: 'authorizer-incomplete',
          message: `authorizer ${name} (${a.type}) has no authorizerUri`,
          hint: 'set authorizerUri to the Lambda invocation ARN (arn:aws:apigateway:<region>:lambda:path/2015-03-31/functions/<function arn>/invocations)',
        }),
      );
    }
    if (a.type === 'COGNITO_USER_POOLS' && a.providerArns.length === 0) {
      out.push(
        issue(ctx, key, {
          code: 'authorizer-incomplete',
          message: `authorizer ${name} (COGNITO_USER_POOLS) names no user pool`,
          hint: 'set providerArns to the user pool ARN(s)',
        }),
      );
    }
    if (a.type === 'JWT' && (!a.jwt?.issuer || a.jwt.audience.length === 0)) {
      out.push(
        issue(ctx, key, {
          code: 'authorizer-incomplete',
          message: `authorizer ${name} (JWT) needs an issuer and at least one audience`,
          hint: 'set issuer (e.g. https://cognito-idp.<region>.amazonaws.com/<pool id>) and audience (client ids)',
        }),
      );
    }
  }
  return out;
};
