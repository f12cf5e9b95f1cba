/**
 * `apigw-sync:deployed` on the API: which deployment each stage served after the last
 * apply, as `stage=deploymentId stage=deploymentId`. Drift compares it with what the
 * stages serve now, so a deployment made outside apigw-sync is reported.
 */
import { stageFromTag, stageToTag } from './stage-in-tag.js';

export const TAG_DEPLOYED = 'apigw-sync:deployed';

export function decodeDeployed(text: string | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const pair of (text ?? '').trim().split(/\s+/)) {
    const i = pair.indexOf('=');
    if (i > 0) out[stageFromTag(pair.slice(0, i))] = pair.slice(i + 1);
  }
  return out;
}

/** Stages no longer declared are dropped; tag values hold 256 characters, so the longest go last and may be cut. */
export function encodeDeployed(map: Record<string, string>, keep: (stage: string) => boolean): string {
  let text = '';
  for (const [stage, id] of Object.entries(map)
    .filter(([s]) => keep(s))
    .sort(([a], [b]) => a.localeCompare(b))) {
    const next = `${text ? `${text} ` : ''}${stageToTag(stage)}=${id}`;
    if (next.length > 256) break;
    text = next;
  }
  return text;
}
