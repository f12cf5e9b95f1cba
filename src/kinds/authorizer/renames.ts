/**
 * Authorizer renames AWS carries out in place (UpdateAuthorizer `replace /name`): a deleted
 * and a created authorizer whose definitions are identical but for the name. Routes that
 * referenced the old name are compared as if they referenced the new one (AWS links them
 * by id, which stays). Pairs must be unique both ways.
 */
import { deepEqual } from '../../model/canonical.js';
import { uniquePairs } from '../renames.js';
import type { AuthorizerModel } from './model.js';

export function findAuthorizerRenames(
  live: Record<string, AuthorizerModel>,
  desired: Record<string, AuthorizerModel>,
): Map<string, string> {
  const deleted = Object.keys(live).filter((k) => !(k in desired));
  const created = Object.keys(desired).filter((k) => !(k in live));
  const same = (d: string, c: string) => deepEqual({ ...live[d], name: '' }, { ...desired[c], name: '' });
  return uniquePairs(deleted, created, same);
}
