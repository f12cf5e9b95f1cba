/**
 * Owner ids: which gateway-state directory manages an API (the `apigw-sync:owner` tag).
 * Declared as `owner:` in gateway.yaml, else derived from where the directory lives — the
 * repository and the path in it (`acme/gateway:gateway-state`) — when the caller knows that
 * (GitHub Actions, the App, a git checkout). Two directories in one account never touch each
 * other's APIs; see src/aws/match.ts.
 */
import type { GatewayModel } from '../model/api.js';
import { environmentOwner } from '../model/environment.js';

const TAG_SAFE = /^[A-Za-z0-9_.:/=+@-]{1,128}$/;

/** `acme/gateway:gateway-state` for the repository `acme/gateway` and the path `gateway-state` (`./`, trailing `/` dropped). */
export function ownerIdFor(repository: string, path: string): string | undefined {
  const p =
    path
      .replace(/\\/g, '/')
      .replace(/^(\.\/)+/, '')
      .replace(/\/+$/, '') || '.';
  // A directory outside the repository's checkout has no path in it.
  if (p === '..' || p.startsWith('../') || p.startsWith('/')) return undefined;
  const id = `${repository}:${p}`;
  return TAG_SAFE.test(id) ? id : undefined;
}

/**
 * The model with its effective owner: gateway.yaml's `owner:` (or the environment's) wins over
 * the derived one. An environment's APIs carry the derived id with `@<environment>`.
 */
export function withOwner(model: GatewayModel, derived?: string): GatewayModel {
  const fromRepo = derived && model.environment ? environmentOwner(derived, model.environment) : derived;
  const owner = model.owner ?? (fromRepo && TAG_SAFE.test(fromRepo) ? fromRepo : undefined);
  return owner === model.owner ? model : { ...model, owner };
}
