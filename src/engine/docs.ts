/**
 * docs: the documentation site of every API as the gateway serves it. The state must be
 * valid; the live API ids (for the stages' addresses) are read when AWS can be, else the
 * addresses keep an {apiId} variable. Returns the files; the caller writes them.
 */
import type { ValidationIssue } from '../model/issue.js';
import { readLive } from '../aws/read/index.js';
import { awsErrorCode } from '../aws/errors.js';
import { isNoAccessError } from '../aws/has-credentials.js';
import { buildDocs, docsTarget, type DocsTarget, type SiteApi } from '../docs/index.js';
import { formatIssuesText, validateState } from '../validate/index.js';
import { resolveClients, type EngineClients } from './clients.js';

export interface DocsOptions {
  dir: string;
  /** Absent: no AWS access, addresses keep {apiId}. */
  clients?: EngineClients;
}

export type DocsResult =
  | { status: 'invalid'; issues: ValidationIssue[]; issuesText: string }
  | {
      status: 'ok';
      apis: SiteApi[];
      files: Map<string, string>;
      apiIdsFromAws: boolean;
      note?: string;
      target: DocsTarget;
    };

export async function runDocs(o: DocsOptions): Promise<DocsResult> {
  const v = await validateState(o.dir);
  if (!v.valid) return { status: 'invalid', issues: v.issues, issuesText: formatIssuesText(v.issues, v.files) };
  let apiIds: Record<string, string> | undefined;
  let note: string | undefined;
  if (o.clients) {
    try {
      const live = await readLive({
        clients: resolveClients(o.clients, v.model.region),
        desired: v.model,
        region: v.model.region,
        account: false,
      });
      apiIds = Object.fromEntries(Object.entries(live.apis).map(([k, a]) => [k, a.ids.apiId]));
      const missing = Object.keys(v.model.apis).filter((k) => !apiIds![k]);
      if (missing.length) note = `not in AWS yet: ${missing.join(', ')} (their addresses keep {apiId})`;
    } catch (e) {
      if (!isNoAccessError(awsErrorCode(e))) throw e;
      note = `no AWS access (${awsErrorCode(e)}): the addresses keep {apiId}`;
    }
  }
  const { apis, files } = buildDocs({ model: v.model, sources: v.sources, files: v.files, apiIds });
  return {
    status: 'ok',
    apis,
    files,
    apiIdsFromAws: apiIds !== undefined,
    ...(note ? { note } : {}),
    target: docsTarget(v.files),
  };
}
