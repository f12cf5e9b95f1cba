/**
 * A mapping of a custom domain: requests to https://<domain>/<path>… go to an API's stage.
 * REST APIs: base path mappings (v1, one path segment); HTTP APIs: API mappings (v2, a key of
 * one or more segments). Keyed `<domain>/<path>`, `(none)` being the empty path; the API is
 * named by its folder key, apply resolves its id.
 */
export interface MappingModel {
  /** The record's key, `<domain>/<path>`: a path change is the mapping renamed (one update in AWS). */
  name: string;
  domain: string;
  /** The API's folder key in gateway-state (`(api <id>)` for a live mapping to an API this state does not have). */
  api: string;
  stage: string;
}

/** The path in AWS's form: `(none)` for the root. */
export const NONE = '(none)';

export function mappingKey(domain: string, path: string): string {
  return `${domain}/${path === '' ? NONE : path}`;
}

/** The path of a mapping key (`(none)` for the root): after the domain (a domain name has no `/`). */
export function pathOfKey(key: string): string {
  return key.slice(key.indexOf('/') + 1);
}

/** The path as the write operations take it: '' for the root. */
export function wirePath(key: string): string {
  const p = pathOfKey(key);
  return p === NONE ? '' : p;
}
