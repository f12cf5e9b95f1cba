/**
 * Where clients call the API: each stage's invoke URL, and each custom domain mapped to it.
 * Pure. The API id comes from AWS when it could be read; otherwise the URL keeps an
 * `{apiId}` variable, so the page still says where the id goes.
 *
 * Custom domains: the state has none yet. When it does, pass them as `domains` (one entry
 * per API mapping); nothing else here changes.
 */
import type { ApiModel } from '../model/api.js';
import type { Obj } from './source-docs.js';

/** One API mapping of a custom domain name: `https://<domainName>/<basePath>` serves `stage` of the API. */
export interface DocsDomain {
  domainName: string;
  /** Empty or absent: the domain's root. */
  basePath?: string;
  stage: string;
}

export interface ServersInput {
  api: ApiModel;
  region: string;
  /** The live API id, when known. */
  apiId?: string;
  domains?: DocsDomain[];
}

export function serversOf(x: ServersInput): Obj[] {
  const out: Obj[] = [];
  for (const d of [...(x.domains ?? [])].sort((a, b) =>
    a.domainName + (a.basePath ?? '') < b.domainName + (b.basePath ?? '') ? -1 : 1,
  )) {
    const base = (d.basePath ?? '').replace(/^\/+|\/+$/g, '');
    out.push({
      url: `https://${d.domainName}${base ? `/${base}` : ''}`,
      description: `Custom domain (stage ${d.stage})`,
    });
  }
  if (x.api.disableExecuteApiEndpoint) return out;
  const host = `${x.apiId ?? '{apiId}'}.execute-api.${x.region}.amazonaws.com`;
  const variables = x.apiId
    ? undefined
    : {
        apiId: {
          default: 'API_ID',
          description: 'The id API Gateway gave this API (`apigw-sync docs` ran without AWS access).',
        },
      };
  for (const stage of Object.keys(x.api.stages).sort()) {
    // HTTP APIs serve their $default stage at the root; every other stage under its name.
    const path = x.api.kind === 'HttpApi' && stage === '$default' ? '' : `/${stage}`;
    out.push({ url: `https://${host}${path}`, description: `Stage ${stage}`, ...(variables ? { variables } : {}) });
  }
  return out;
}
