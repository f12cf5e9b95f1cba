/**
 * The `apigw-sync:pending` tag: written on an API before apply's first write to it, cleared
 * after its deployment. While it is there, the API has (or may have) changes that no stage
 * serves yet; the next apply deploys those stages even when no resource change is left.
 *
 * Tag values allow only letters, digits, spaces and `_ . : / = + - @`, so the value is
 * `v1 <plan fingerprint, 16 hex> <desired-state hash, 16 hex> <stage> <stage>... [account:<hash, 16 hex>]`.
 * The last token (stage names never hold `:`) is the hash of the account scope's declared
 * state when the plan also changes it: `--resume` finishes those records only if it is unchanged.
 */
import { stageFromTag, stageToTag } from './stage-in-tag.js';
import { ApigwSyncError } from '../../model/errors.js';

export interface PendingApply {
  /** Prefix of the fingerprint of the plan that was being applied. */
  fingerprint: string;
  /** Prefix of the hash of the desired API it was converging to (lets `--resume` check the state is unchanged). */
  desiredHash: string;
  stages: string[];
  /** Prefix of the hash of the declared account scope (usage plans, keys, domains, …), when the plan changes it. */
  accountHash?: string;
}

const ACCOUNT_TOKEN = 'account:';

const SHORT = 16;

export function encodePending(p: PendingApply): string {
  const account = p.accountHash ? [`${ACCOUNT_TOKEN}${p.accountHash.slice(0, SHORT)}`] : [];
  return [
    'v1',
    p.fingerprint.slice(0, SHORT) || '-',
    p.desiredHash.slice(0, SHORT) || '-',
    ...[...new Set(p.stages)].sort().map(stageToTag),
    ...account,
  ].join(' ');
}

export function decodePending(text: string): PendingApply {
  const [version, fingerprint, desiredHash, ...rest] = text.trim().split(/\s+/);
  const account = rest.find((t) => t.startsWith(ACCOUNT_TOKEN));
  const stages = rest.filter((t) => !t.startsWith(ACCOUNT_TOKEN));
  if (version !== 'v1' || !fingerprint || !desiredHash) {
    throw new ApigwSyncError('BAD_PENDING_TAG', `the apigw-sync:pending tag "${text}" cannot be read`, {
      hint: 'it was not written by this version of apigw-sync; check the API, then remove the tag by hand',
    });
  }
  return {
    fingerprint: fingerprint === '-' ? '' : fingerprint,
    desiredHash: desiredHash === '-' ? '' : desiredHash,
    stages: stages.map(stageFromTag),
    ...(account ? { accountHash: account.slice(ACCOUNT_TOKEN.length) } : {}),
  };
}

/** Does a short fingerprint from a tag belong to this full fingerprint? */
export function matchesShort(short: string, full: string): boolean {
  return short.length > 0 && full.startsWith(short);
}
